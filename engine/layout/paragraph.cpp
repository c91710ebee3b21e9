#include "layout/paragraph.h"

#include "layout/linebreak.h"
#include "layout/spans.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <pango/pangocairo.h>

namespace mipex::layout {

namespace {

// TeX's plain format values (The TeXbook, appendix B), which have served justified prose well.
constexpr int hyphen_penalty = 50;          // \hyphenpenalty
constexpr int explicit_hyphen_penalty = 50; // \exhyphenpenalty
constexpr double pretolerance = 100;        // first pass, without hyphenation
constexpr double tolerance = 200;           // second pass, with hyphenation
constexpr const char* soft_hyphen = "\u00AD";

/// One shaped glyph with the byte where its cluster starts (in the paragraph text).
struct Shaped {
    uint32_t glyph = 0;
    Length width = 0;
    Length x_offset = 0, y_offset = 0;
    size_t cluster = 0;
};

/// A pango item and its glyphs, shaped once for the whole paragraph.
struct Run {
    PangoItem* item = nullptr;
    std::vector<Shaped> glyphs;
    size_t start = 0, end = 0; // bytes
};

std::vector<Shaped> shape(PangoItem* item, const std::string& text, size_t start, size_t end) {
    PangoItem* part = pango_item_copy(item);
    part->offset = static_cast<int>(start);
    part->length = static_cast<int>(end - start);
    part->num_chars =
        static_cast<int>(g_utf8_strlen(text.data() + start, static_cast<gssize>(end - start)));
    PangoGlyphString* glyphs = pango_glyph_string_new();
    pango_shape_item(part, text.data(), static_cast<int>(text.size()), nullptr, glyphs,
                     PANGO_SHAPE_NONE);
    std::vector<Shaped> result;
    result.reserve(static_cast<size_t>(glyphs->num_glyphs));
    for (int g = 0; g < glyphs->num_glyphs; ++g) {
        const PangoGlyphInfo& info = glyphs->glyphs[g];
        result.push_back(Shaped{info.glyph, info.geometry.width, info.geometry.x_offset,
                                info.geometry.y_offset,
                                start + static_cast<size_t>(glyphs->log_clusters[g])});
    }
    pango_glyph_string_free(glyphs);
    pango_item_free(part);
    return result;
}

bool is_hyphen(gunichar c) {
    return c == '-' || c == 0x2010 || c == 0x2013;
}

} // namespace

void ParagraphStats::add(const ParagraphStats& other) {
    if (other.spaces > 0) {
        space_min = spaces ? std::min(space_min, other.space_min) : other.space_min;
        space_max = spaces ? std::max(space_max, other.space_max) : other.space_max;
    }
    paragraphs += other.paragraphs;
    lines += other.lines;
    hyphenated += other.hyphenated;
    loose += other.loose;
    emergency += other.emergency;
    overfull += other.overfull;
    space_sum += other.space_sum;
    space_square_sum += other.space_square_sum;
    spaces += other.spaces;
}

double ParagraphStats::space_deviation() const {
    if (spaces < 2)
        return 0;
    double mean = space_mean();
    return std::sqrt(std::max(0.0, space_square_sum / static_cast<double>(spaces) - mean * mean));
}

std::string ParagraphStats::report() const {
    char buffer[512];
    std::snprintf(
        buffer, sizeof buffer,
        "paragraphs %zu, lines %zu (last lines not counted), hyphenated %zu (%.1f%%), "
        "stretched beyond ratio %.1f: %zu (%.1f%%), emergency %zu, overfull %zu; inter-word space "
        "%.3f em mean, %.3f em deviation, %.3f–%.3f em",
        paragraphs, lines, hyphenated, lines ? 100.0 * hyphenated / lines : 0.0, loose_ratio, loose,
        lines ? 100.0 * loose / lines : 0.0, emergency, overfull, space_mean(), space_deviation(),
        space_min, space_max);
    return buffer;
}

ParagraphSetter::ParagraphSetter(TextShaper& shaper, LineBreaking breaking)
    : m_shaper(shaper), m_breaking(breaking) {
}

ParagraphSetter::~ParagraphSetter() = default;

ParagraphSetter::Hyphen ParagraphSetter::hyphen_for(PangoItem* item) {
    auto found = m_hyphens.find(item->analysis.font);
    if (found != m_hyphens.end())
        return found->second;
    PangoGlyphString* glyphs = pango_glyph_string_new();
    pango_shape_full("-", 1, "-", 1, &item->analysis, glyphs);
    Hyphen hyphen{glyphs->num_glyphs > 0 ? glyphs->glyphs[0].glyph : 0,
                  glyphs->num_glyphs > 0 ? glyphs->glyphs[0].geometry.width : 0};
    pango_glyph_string_free(glyphs);
    return m_hyphens.emplace(item->analysis.font, hyphen).first->second;
}

std::optional<std::vector<Line>> ParagraphSetter::set(const std::vector<doc::Span>& spans,
                                                      const doc::Style& style, Length width,
                                                      const std::string& language) {
    // The paragraph's own figures are gathered apart, so that a caller reusing its lines
    // can count them again.
    ParagraphStats book = std::move(m_stats);
    m_stats = {};
    std::optional<std::vector<Line>> lines = set_lines(spans, style, width, language);
    m_last = lines ? m_stats : ParagraphStats{};
    m_stats = std::move(book);
    m_stats.add(m_last);
    return lines;
}

std::optional<std::vector<Line>>
ParagraphSetter::set_lines(const std::vector<doc::Span>& input_spans, const doc::Style& style,
                           Length width, const std::string& language) {
    PangoContext* context = m_shaper.fonts().context();
    // An untranslated text keeps its own language's rules: English in a German edition is
    // hyphenated "for-eign", not "fo-reign" (as CSS hyphenates by an element's lang).
    Hyphenator* hyphenator = m_shaper.hyphenator(language);
    PangoLanguage* text_language = language.empty() ? pango_context_get_language(context)
                                                    : pango_language_from_string(language.c_str());

    // 1. The text, with soft hyphens at the dictionary's points, and its attributes.
    SpanText joined = join_spans(input_spans, [&](std::string_view text) {
        return hyphenator ? hyphenator->hyphenate(text) : std::string(text);
    });
    const std::string& text = joined.text;
    if (text.empty())
        return std::vector<Line>{};
    // Kept until the break opportunities are found: they follow the attributes too (a range
    // of numbers is not broken).
    std::unique_ptr<PangoAttrList, decltype(&pango_attr_list_unref)> attribute_list(
        span_attributes(joined, style), &pango_attr_list_unref);
    PangoAttrList* attributes = attribute_list.get();
    PangoFontDescription* description = describe(style);
    PangoAttribute* font = pango_attr_font_desc_new(description);
    font->start_index = 0;
    font->end_index = static_cast<guint>(text.size());
    pango_attr_list_insert_before(attributes, font);
    pango_font_description_free(description);
    if (!language.empty()) {
        // Items then carry the text's language, which shaping (OpenType's language system)
        // and the break rules read.
        PangoAttribute* tag = pango_attr_language_new(text_language);
        tag->start_index = 0;
        tag->end_index = static_cast<guint>(text.size());
        pango_attr_list_insert_before(attributes, tag);
    }

    // 2. Items (runs of one font, script and direction), shaped once.
    // The paragraph's direction is its first strong letter's (the context's if it has none),
    // as PangoLayout's auto-dir has it: an English paragraph in an Arabic edition is left to
    // right, and set here.
    PangoDirection direction = pango_find_base_dir(text.data(), static_cast<int>(text.size()));
    if (direction != PANGO_DIRECTION_LTR && direction != PANGO_DIRECTION_RTL)
        direction = pango_context_get_base_dir(context);
    GList* items = pango_itemize_with_base_dir(context, direction, text.data(), 0,
                                               static_cast<int>(text.size()), attributes, nullptr);
    std::vector<Run> runs;
    bool right_to_left = false;
    for (GList* node = items; node; node = node->next) {
        auto* item = static_cast<PangoItem*>(node->data);
        right_to_left = right_to_left || item->analysis.level % 2 == 1;
        size_t start = static_cast<size_t>(item->offset);
        size_t end = start + static_cast<size_t>(item->length);
        runs.push_back(Run{item, shape(item, text, start, end), start, end});
    }
    auto free_items = [&] {
        for (GList* node = items; node; node = node->next)
            pango_item_free(static_cast<PangoItem*>(node->data));
        g_list_free(items);
    };
    if (right_to_left) {
        // FIXME: bidi lines need pango_reorder_items per line; until then pango breaks them.
        free_items();
        return std::nullopt;
    }

    // 3. Where lines may break (UAX #14 through pango), and each byte's advance.
    const int char_count =
        static_cast<int>(g_utf8_strlen(text.data(), static_cast<gssize>(text.size())));
    std::vector<PangoLogAttr> log_attrs(static_cast<size_t>(char_count) + 1);
    pango_get_log_attrs(text.data(), static_cast<int>(text.size()), -1, text_language,
                        log_attrs.data(), char_count + 1);
    pango_attr_break(text.data(), static_cast<int>(text.size()), attributes, 0, log_attrs.data(),
                     char_count + 1);
    std::vector<size_t> char_start(static_cast<size_t>(char_count) + 1);
    std::vector<gunichar> chars(static_cast<size_t>(char_count));
    {
        const char* p = text.data();
        for (int c = 0; c < char_count; ++c) {
            char_start[static_cast<size_t>(c)] = static_cast<size_t>(p - text.data());
            chars[static_cast<size_t>(c)] = g_utf8_get_char(p);
            p = g_utf8_next_char(p);
        }
        char_start[static_cast<size_t>(char_count)] = text.size();
    }
    std::vector<Length> advance_before(text.size() + 1, 0); // x at each byte, at cluster starts
    std::vector<bool> cluster_boundary(text.size() + 1, false);
    {
        std::vector<Length> cluster_width(text.size(), 0);
        for (const Run& run : runs)
            for (const Shaped& glyph : run.glyphs) {
                cluster_width[glyph.cluster] += glyph.width;
                cluster_boundary[glyph.cluster] = true;
            }
        cluster_boundary[text.size()] = true;
        for (size_t b = 0; b < text.size(); ++b)
            advance_before[b + 1] = advance_before[b] + cluster_width[b];
    }
    auto width_of = [&](size_t from, size_t to) {
        return advance_before[to] - advance_before[from];
    };
    auto run_at = [&](size_t byte) -> const Run* {
        for (const Run& run : runs)
            if (byte >= run.start && byte < run.end)
                return &run;
        return runs.empty() ? nullptr : &runs.back();
    };

    // A break opportunity inside a glyph cluster is not taken: the fonts' ligatures form
    // across soft hyphens ("suf\u00ADfi" shapes as s-u-ffi), and the widths of the two
    // halves of a ligature are not the parts of its width.
    auto breaks_at = [&](size_t c) {
        return log_attrs[c].is_line_break && cluster_boundary[char_start[c]];
    };

    // 4. Boxes, glue and penalties, each remembering its bytes.
    std::vector<BreakItem> items_list;
    std::vector<std::pair<size_t, size_t>> item_bytes;
    auto push = [&](BreakItem item, size_t from, size_t to) {
        items_list.push_back(item);
        item_bytes.emplace_back(from, to);
    };
    if (style.first_line_indent > 0)
        push(BreakItem::box(style.first_line_indent), 0, 0);
    size_t c = 0;
    const size_t n = static_cast<size_t>(char_count);
    while (c < n) {
        if (log_attrs[c].is_white) {
            size_t d = c;
            while (d < n && log_attrs[d].is_white)
                ++d;
            if (d == n)
                break; // trailing spaces set nothing
            if (breaks_at(d)) {
                Length space = width_of(char_start[c], char_start[d]);
                // Interword glue as TeX's Computer Modern has it: stretch 1/6 em, shrink 1/9 em
                // (The TeXbook, ch. 12). Taken from the em, not the space: Noto's spaces are
                // narrower than CM's, and half of them would leave too little to stretch.
                push(BreakItem::glue(space, style.size / 6,
                                     std::min<Length>(space / 3, style.size / 9)),
                     char_start[c], char_start[d]);
                c = d;
                continue;
            }
        }
        size_t e = c + 1;
        while (e < n && !breaks_at(e)) {
            if (log_attrs[e].is_white) {
                size_t d = e;
                while (d < n && log_attrs[d].is_white)
                    ++d;
                if (d == n || breaks_at(d))
                    break; // a breaking space ends the box
            }
            ++e;
        }
        push(BreakItem::box(width_of(char_start[c], char_start[e])), char_start[c], char_start[e]);
        if (e < n && breaks_at(e) && !log_attrs[e - 1].is_white) {
            gunichar before = chars[e - 1];
            if (before == 0x00AD) {
                Hyphen hyphen = hyphen_for(run_at(char_start[e - 1])->item);
                push(BreakItem::penalty_of(hyphen.width, hyphen_penalty, true), char_start[e],
                     char_start[e]);
            } else if (is_hyphen(before)) {
                push(BreakItem::penalty_of(0, explicit_hyphen_penalty, true), char_start[e],
                     char_start[e]);
            } else {
                push(BreakItem::penalty_of(0, 100, false), char_start[e],
                     char_start[e]); // after "/" and the like
            }
        }
        c = e;
    }
    BreakItem fill = BreakItem::glue(0, 0, 0);
    fill.infinite_stretch = true;
    push(fill, text.size(), text.size());
    push(BreakItem::penalty_of(0, -inf_penalty, false), text.size(), text.size());

    // 5. Choose the breaks: without hyphens if that sets the paragraph well, with them if
    // not, with emergency stretch as a last resort (TeX's three passes).
    std::vector<LineBreak> breaks;
    if (m_breaking == LineBreaking::Greedy) {
        breaks = break_greedily(items_list, width);
    } else {
        BreakParameters parameters{
            .line_width = width, .tolerance = pretolerance, .allow_flagged = false};
        auto found = break_optimally(items_list, parameters);
        if (!found) {
            parameters.tolerance = tolerance;
            parameters.allow_flagged = true;
            found = break_optimally(items_list, parameters);
        }
        if (!found) {
            parameters.tolerance = 10000;
            parameters.emergency_stretch = style.size * 3 / 2;
            found = break_optimally(items_list, parameters);
            ++m_stats.emergency;
        }
        breaks = found ? *found : break_greedily(items_list, width);
    }

    // 6. Build each line from the shaped glyphs.
    std::vector<Line> lines;
    const Length ascent = m_shaper.ascent(style), descent = m_shaper.descent(style);
    const Length baseline = (style.leading - (ascent + descent)) / 2 + ascent;
    ++m_stats.paragraphs;
    size_t from = 0;
    for (size_t l = 0; l < breaks.size(); ++l) {
        const LineBreak& line_break = breaks[l];
        bool last = l + 1 == breaks.size();
        // The line holds the items from `from` up to the break (the glue at a break vanishes).
        size_t first_item = from;
        while (first_item < line_break.item && items_list[first_item].type != BreakItem::Type::Box)
            ++first_item;
        size_t line_start =
            first_item < item_bytes.size() ? item_bytes[first_item].first : text.size();
        size_t line_end = line_start;
        for (size_t i = first_item; i < line_break.item; ++i)
            if (items_list[i].type == BreakItem::Type::Box)
                line_end = std::max(line_end, item_bytes[i].second);
        // The ratio that fills this line from its own glue (emergency stretch, which helped
        // choose the breaks, is not glue that exists). The last line is set at its natural
        // width unless the breaker had it shrink.
        double ratio = adjustment_ratio(items_list, first_item, line_break.item, width);
        if (!std::isfinite(ratio) || (last && ratio > 0))
            ratio = 0;
        ratio = std::max(ratio, -1.0);
        // The glyphs of the line, run by run, from the paragraph's shaping.
        struct Piece {
            const Run* run;
            size_t a, b;
            std::vector<Shaped> glyphs;
        };
        std::vector<Piece> pieces;
        Length natural = 0;
        for (const Run& run : runs) {
            size_t a = std::max(run.start, line_start), b = std::min(run.end, line_end);
            if (a >= b)
                continue;
            std::vector<Shaped> glyphs;
            if (cluster_boundary[a] && cluster_boundary[b]) {
                for (const Shaped& glyph : run.glyphs)
                    if (glyph.cluster >= a && glyph.cluster < b)
                        glyphs.push_back(glyph);
            } else {
                glyphs = shape(run.item, text, a, b); // a ligature across the break
            }
            if (b == line_end && line_break.hyphenated) {
                // The soft hyphen at the end shows as a hyphen; it keeps the soft hyphen's byte,
                // so the text of the run is still the word as written.
                Hyphen hyphen = hyphen_for(run.item);
                size_t soft = line_end - std::char_traits<char>::length(soft_hyphen);
                auto found = std::find_if(glyphs.begin(), glyphs.end(), [&](const Shaped& glyph) {
                    return glyph.cluster == soft;
                });
                if (found != glyphs.end()) {
                    found->glyph = hyphen.glyph;
                    found->width = hyphen.width;
                } else {
                    glyphs.push_back(Shaped{hyphen.glyph, hyphen.width, 0, 0, soft});
                }
            }
            for (const Shaped& glyph : glyphs)
                natural += glyph.width;
            pieces.push_back(Piece{&run, a, b, std::move(glyphs)});
        }

        // How much each glue of the line widens or narrows.
        std::vector<std::pair<size_t, Length>>
            glue_deltas; // first byte of the glue's last char, delta
        Length adjustment = 0;
        for (size_t i = first_item; i < line_break.item; ++i) {
            const BreakItem& item = items_list[i];
            if (item.type != BreakItem::Type::Glue || item.infinite_stretch)
                continue;
            Length delta = static_cast<Length>(
                std::lround(ratio > 0 ? ratio * item.stretch : ratio * item.shrink));
            // The widened space is the glue's last character (its first byte is its cluster).
            size_t last_char = item_bytes[i].second - 1;
            while (last_char > item_bytes[i].first &&
                   (static_cast<unsigned char>(text[last_char]) & 0xC0) == 0x80)
                --last_char;
            glue_deltas.emplace_back(last_char, delta);
            adjustment += delta;
        }
        // A justified line fills the measure exactly, and no line is wider than it: rounding
        // (and a word shaped again at a break) may leave a unit or two, which the last space
        // takes.
        if (!glue_deltas.empty() && (!last || natural + adjustment > width)) {
            glue_deltas.back().second += width - (natural + adjustment);
            adjustment = width - natural;
        }
        if (!last) {
            ++m_stats.lines;
            m_stats.hyphenated += line_break.hyphenated;
            m_stats.loose += ratio > ParagraphStats::loose_ratio;
            for (size_t i = first_item, k = 0; i < line_break.item; ++i) {
                const BreakItem& item = items_list[i];
                if (item.type != BreakItem::Type::Glue || item.infinite_stretch)
                    continue;
                double space_em = static_cast<double>(item.width + glue_deltas[k++].second) /
                                  static_cast<double>(style.size);
                m_stats.space_sum += space_em;
                m_stats.space_square_sum += space_em * space_em;
                m_stats.space_min =
                    m_stats.spaces ? std::min(m_stats.space_min, space_em) : space_em;
                m_stats.space_max =
                    m_stats.spaces ? std::max(m_stats.space_max, space_em) : space_em;
                ++m_stats.spaces;
            }
        }

        Line line;
        line.baseline = baseline;
        line.frame.width = width;
        line.frame.height = style.leading;
        Length x = 0;
        LineMarks marks;
        for (Piece& piece : pieces) {
            const Run& run = *piece.run;
            const size_t a = piece.a, b = piece.b;
            const std::vector<Shaped>& glyphs = piece.glyphs;
            display::GlyphRun glyph_run;
            glyph_run.font = m_shaper.fonts().font_id(run.item->analysis.font);
            const doc::Span* span = joined.span_at(a);
            const Length rise = rise_of(run.item);
            glyph_run.color = span && span->color ? *span->color : style.color;
            glyph_run.origin = {x, baseline};
            glyph_run.text = text.substr(a, b - a);
            Length pen = 0;
            std::vector<std::pair<size_t, int>> groups; // cluster start byte, visible glyphs
            for (const Shaped& glyph : glyphs) {
                bool visible =
                    !(glyph.glyph & PANGO_GLYPH_UNKNOWN_FLAG) && glyph.glyph != PANGO_GLYPH_EMPTY;
                if (glyph.glyph & PANGO_GLYPH_UNKNOWN_FLAG)
                    m_shaper.report_missing_glyph(text, joined.span_at(glyph.cluster),
                                                  glyph.cluster);
                if (visible)
                    glyph_run.glyphs.push_back(
                        display::Glyph{glyph.glyph, pen + glyph.x_offset, glyph.y_offset - rise});
                if (groups.empty() || groups.back().first != glyph.cluster)
                    groups.emplace_back(glyph.cluster, 0);
                groups.back().second += visible ? 1 : 0;
                Length advance = glyph.width;
                for (const auto& [byte, delta] : glue_deltas)
                    if (byte == glyph.cluster)
                        advance += delta;
                marks.glyph(joined, glyph.cluster, x + pen, advance);
                pen += advance;
            }
            if (!groups.empty())
                groups.front().first = a; // bytes before the first glyph belong to its cluster
            for (size_t k = 0; k < groups.size(); ++k) {
                size_t next = k + 1 < groups.size() ? groups[k + 1].first : b;
                glyph_run.clusters.push_back(
                    display::Cluster{static_cast<uint16_t>(next - groups[k].first),
                                     static_cast<uint16_t>(groups[k].second)});
            }
            glyph_run.compact_clusters();
            line.frame.add(std::move(glyph_run));
            x += pen;
        }
        line.natural_width = x;
        if (x > width + from_pt(0.01))
            ++m_stats.overfull;
        marks.add_to(line.frame, style.leading);
        lines.push_back(std::move(line));
        from = line_break.item + 1;
    }
    free_items();
    return lines;
}

} // namespace mipex::layout
