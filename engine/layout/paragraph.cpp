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

/// One paragraph being set: what each step of ParagraphSetter::set finds, for the steps after
/// it, and the figures of the paragraph.
class ParagraphSetter::Paragraph {
public:
    Paragraph(ParagraphSetter& setter, const doc::Style& style, Length width,
              const std::string& language);
    ~Paragraph();
    Paragraph(const Paragraph&) = delete;
    Paragraph& operator=(const Paragraph&) = delete;

    void join_hyphenated(const std::vector<doc::Span>& spans);
    bool empty() const { return text().empty(); }
    void add_attributes();
    /// False when the paragraph holds right-to-left text.
    bool shape_items();
    void find_break_opportunities();
    void measure_clusters();
    void make_break_items();
    void choose_breaks();
    std::vector<Line> build_lines();
    const ParagraphStats& stats() const { return m_stats; }

private:
    /// The glyphs of one run that fall on a line, bytes [a, b) of the text.
    struct Piece {
        const Run* run;
        size_t a, b;
        std::vector<Shaped> glyphs;
    };
    /// How much a glue of a line widens or narrows: the first byte of its last character
    /// (the widened space), and the change.
    using GlueDelta = std::pair<size_t, Length>;

    const std::string& text() const { return m_joined.text; }
    size_t char_count() const { return m_chars.size(); }
    Length width_of(size_t from, size_t to) const {
        return m_advance_before[to] - m_advance_before[from];
    }
    const Run* run_at(size_t byte) const;
    bool breaks_at(size_t c) const;
    size_t end_of_spaces(size_t c) const;
    size_t end_of_box(size_t c) const;
    void push(BreakItem item, size_t from, size_t to);
    void push_interword_glue(size_t c, size_t d);
    void push_break_after(size_t e);

    Line build_line(size_t from, const LineBreak& line_break, bool last, Length baseline);
    size_t first_box(size_t from, size_t to) const;
    double fill_ratio(size_t first_item, size_t break_item, bool last) const;
    std::vector<Piece> pieces_of(size_t line_start, size_t line_end, bool hyphenated) const;
    void show_hyphen(std::vector<Shaped>& glyphs, const Run& run, size_t line_end) const;
    std::vector<GlueDelta> glue_deltas(size_t first_item, size_t break_item, double ratio,
                                       Length& adjustment) const;
    void count_line(size_t first_item, const LineBreak& line_break, double ratio,
                    const std::vector<GlueDelta>& deltas);
    Line line_of(const std::vector<Piece>& pieces, const std::vector<GlueDelta>& deltas,
                 Length baseline);
    display::GlyphRun glyph_run_of(const Piece& piece, display::Point origin,
                                   const std::vector<GlueDelta>& deltas, LineMarks& marks,
                                   Length& pen);

    ParagraphSetter& m_setter;
    ParagraphStats m_stats;
    const doc::Style& m_style;
    const Length m_width;
    const std::string& m_language;
    PangoContext* m_context;
    Hyphenator* m_hyphenator;
    PangoLanguage* m_text_language;

    SpanText m_joined;
    /// Kept until the break opportunities are found: they follow the attributes too (a range
    /// of numbers is not broken).
    std::unique_ptr<PangoAttrList, decltype(&pango_attr_list_unref)> m_attributes{
        nullptr, &pango_attr_list_unref};
    GList* m_items = nullptr;
    std::vector<Run> m_runs;
    std::vector<PangoLogAttr> m_log_attrs;
    std::vector<size_t> m_char_start; ///< the first byte of each character, and the end
    std::vector<gunichar> m_chars;
    std::vector<Length> m_advance_before; ///< x at each byte, at cluster starts
    std::vector<bool> m_cluster_boundary; ///< whether a cluster starts at each byte
    std::vector<BreakItem> m_break_items;
    std::vector<std::pair<size_t, size_t>> m_item_bytes; ///< each break item's bytes
    std::vector<LineBreak> m_breaks;
};

ParagraphSetter::ParagraphSetter(FontContext& fonts, FontMetrics& metrics, Hyphenators& hyphenators,
                                 MissingGlyphLog& missing, LineBreaking breaking)
    : m_fonts(fonts), m_metrics(metrics), m_hyphenators(hyphenators), m_missing(missing),
      m_breaking(breaking) {
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

std::optional<ParagraphLines> ParagraphSetter::set(const std::vector<doc::Span>& spans,
                                                   const doc::Style& style, Length width,
                                                   const std::string& language) {
    Paragraph paragraph(*this, style, width, language);
    // 1. The text, with soft hyphens at the dictionary's points, and its attributes.
    paragraph.join_hyphenated(spans);
    if (paragraph.empty())
        return ParagraphLines{};
    paragraph.add_attributes();
    // 2. Items (runs of one font, script and direction), shaped once.
    if (!paragraph.shape_items())
        // FIXME: bidi lines need pango_reorder_items per line; until then pango breaks them.
        return std::nullopt;
    // 3. Where lines may break (UAX #14 through pango), and each byte's advance.
    paragraph.find_break_opportunities();
    paragraph.measure_clusters();
    // 4. Boxes, glue and penalties, each remembering its bytes.
    paragraph.make_break_items();
    // 5. Choose the breaks: without hyphens if that sets the paragraph well, with them if
    // not, with emergency stretch as a last resort (TeX's three passes).
    paragraph.choose_breaks();
    // 6. Build each line from the shaped glyphs.
    std::vector<Line> lines = paragraph.build_lines();
    return ParagraphLines{std::move(lines), paragraph.stats()};
}

ParagraphSetter::Paragraph::Paragraph(ParagraphSetter& setter, const doc::Style& style,
                                      Length width, const std::string& language)
    : m_setter(setter), m_style(style), m_width(width), m_language(language),
      m_context(setter.m_fonts.context()),
      // An untranslated text keeps its own language's rules: English in a German edition is
      // hyphenated "for-eign", not "fo-reign" (as CSS hyphenates by an element's lang).
      m_hyphenator(setter.m_hyphenators.of(language)),
      m_text_language(language.empty() ? pango_context_get_language(m_context)
                                       : pango_language_from_string(language.c_str())) {
}

ParagraphSetter::Paragraph::~Paragraph() {
    for (GList* node = m_items; node; node = node->next)
        pango_item_free(static_cast<PangoItem*>(node->data));
    g_list_free(m_items);
}

// Step 1: the text and its attributes.

void ParagraphSetter::Paragraph::join_hyphenated(const std::vector<doc::Span>& spans) {
    m_joined = join_spans(spans, [&](std::string_view text) {
        return m_hyphenator ? m_hyphenator->hyphenate(text) : std::string(text);
    });
}

void ParagraphSetter::Paragraph::add_attributes() {
    const auto end = static_cast<guint>(text().size());
    m_attributes.reset(span_attributes(m_joined, m_style));
    PangoFontDescription* description = describe(m_style);
    PangoAttribute* font = pango_attr_font_desc_new(description);
    font->start_index = 0;
    font->end_index = end;
    pango_attr_list_insert_before(m_attributes.get(), font);
    pango_font_description_free(description);
    if (!m_language.empty()) {
        // Items then carry the text's language, which shaping (OpenType's language system)
        // and the break rules read.
        PangoAttribute* tag = pango_attr_language_new(m_text_language);
        tag->start_index = 0;
        tag->end_index = end;
        pango_attr_list_insert_before(m_attributes.get(), tag);
    }
}

// Step 2: items, shaped.

bool ParagraphSetter::Paragraph::shape_items() {
    const std::string& text = this->text();
    // The paragraph's direction is its first strong letter's (the context's if it has none),
    // as PangoLayout's auto-dir has it: an English paragraph in an Arabic edition is left to
    // right, and set here.
    PangoDirection direction = pango_find_base_dir(text.data(), static_cast<int>(text.size()));
    if (direction != PANGO_DIRECTION_LTR && direction != PANGO_DIRECTION_RTL)
        direction = pango_context_get_base_dir(m_context);
    m_items =
        pango_itemize_with_base_dir(m_context, direction, text.data(), 0,
                                    static_cast<int>(text.size()), m_attributes.get(), nullptr);
    bool right_to_left = false;
    for (GList* node = m_items; node; node = node->next) {
        auto* item = static_cast<PangoItem*>(node->data);
        right_to_left = right_to_left || item->analysis.level % 2 == 1;
        size_t start = static_cast<size_t>(item->offset);
        size_t end = start + static_cast<size_t>(item->length);
        m_runs.push_back(Run{item, shape(item, text, start, end), start, end});
    }
    return !right_to_left;
}

// Step 3: break opportunities and advances.

void ParagraphSetter::Paragraph::find_break_opportunities() {
    const std::string& text = this->text();
    const int count =
        static_cast<int>(g_utf8_strlen(text.data(), static_cast<gssize>(text.size())));
    m_log_attrs.resize(static_cast<size_t>(count) + 1);
    pango_get_log_attrs(text.data(), static_cast<int>(text.size()), -1, m_text_language,
                        m_log_attrs.data(), count + 1);
    pango_attr_break(text.data(), static_cast<int>(text.size()), m_attributes.get(), 0,
                     m_log_attrs.data(), count + 1);
    m_char_start.resize(static_cast<size_t>(count) + 1);
    m_chars.resize(static_cast<size_t>(count));
    const char* p = text.data();
    for (size_t c = 0; c < m_chars.size(); ++c) {
        m_char_start[c] = static_cast<size_t>(p - text.data());
        m_chars[c] = g_utf8_get_char(p);
        p = g_utf8_next_char(p);
    }
    m_char_start[m_chars.size()] = text.size();
}

void ParagraphSetter::Paragraph::measure_clusters() {
    const size_t size = text().size();
    m_advance_before.assign(size + 1, 0);
    m_cluster_boundary.assign(size + 1, false);
    std::vector<Length> cluster_width(size, 0);
    for (const Run& run : m_runs)
        for (const Shaped& glyph : run.glyphs) {
            cluster_width[glyph.cluster] += glyph.width;
            m_cluster_boundary[glyph.cluster] = true;
        }
    m_cluster_boundary[size] = true;
    for (size_t b = 0; b < size; ++b)
        m_advance_before[b + 1] = m_advance_before[b] + cluster_width[b];
}

const Run* ParagraphSetter::Paragraph::run_at(size_t byte) const {
    for (const Run& run : m_runs)
        if (byte >= run.start && byte < run.end)
            return &run;
    return m_runs.empty() ? nullptr : &m_runs.back();
}

bool ParagraphSetter::Paragraph::breaks_at(size_t c) const {
    // A break opportunity inside a glyph cluster is not taken: the fonts' ligatures form
    // across soft hyphens ("suf\u00ADfi" shapes as s-u-ffi), and the widths of the two
    // halves of a ligature are not the parts of its width.
    return m_log_attrs[c].is_line_break && m_cluster_boundary[m_char_start[c]];
}

// Step 4: boxes, glue and penalties.

void ParagraphSetter::Paragraph::make_break_items() {
    if (m_style.first_line_indent > 0)
        push(BreakItem::box(m_style.first_line_indent), 0, 0);
    const size_t n = char_count();
    size_t c = 0;
    while (c < n) {
        if (m_log_attrs[c].is_white) {
            size_t d = end_of_spaces(c);
            if (d == n)
                break; // trailing spaces set nothing
            if (breaks_at(d)) {
                push_interword_glue(c, d);
                c = d;
                continue;
            }
        }
        size_t e = end_of_box(c);
        push(BreakItem::box(width_of(m_char_start[c], m_char_start[e])), m_char_start[c],
             m_char_start[e]);
        if (e < n && breaks_at(e) && !m_log_attrs[e - 1].is_white)
            push_break_after(e);
        c = e;
    }
    const size_t end = text().size();
    BreakItem fill = BreakItem::glue(0, 0, 0);
    fill.infinite_stretch = true;
    push(fill, end, end);
    push(BreakItem::penalty_of(0, -inf_penalty, false), end, end);
}

/// The character after the spaces that start at `c`.
size_t ParagraphSetter::Paragraph::end_of_spaces(size_t c) const {
    while (c < char_count() && m_log_attrs[c].is_white)
        ++c;
    return c;
}

/// The character after the box that starts at `c`: the next break opportunity, or a space one
/// follows.
size_t ParagraphSetter::Paragraph::end_of_box(size_t c) const {
    const size_t n = char_count();
    size_t e = c + 1;
    while (e < n && !breaks_at(e)) {
        if (m_log_attrs[e].is_white) {
            size_t d = end_of_spaces(e);
            if (d == n || breaks_at(d))
                break; // a breaking space ends the box
        }
        ++e;
    }
    return e;
}

void ParagraphSetter::Paragraph::push(BreakItem item, size_t from, size_t to) {
    m_break_items.push_back(item);
    m_item_bytes.emplace_back(from, to);
}

/// The spaces from character `c` to `d`, as glue.
void ParagraphSetter::Paragraph::push_interword_glue(size_t c, size_t d) {
    Length space = width_of(m_char_start[c], m_char_start[d]);
    // Interword glue as TeX's Computer Modern has it: stretch 1/6 em, shrink 1/9 em (The
    // TeXbook, ch. 12). Taken from the em, not the space: Noto's spaces are narrower than
    // CM's, and half of them would leave too little to stretch.
    push(BreakItem::glue(space, m_style.size / 6, std::min<Length>(space / 3, m_style.size / 9)),
         m_char_start[c], m_char_start[d]);
}

/// The penalty of a break before character `e`, inside a word: at a soft hyphen (which then
/// shows), after a hyphen, or after "/" and the like.
void ParagraphSetter::Paragraph::push_break_after(size_t e) {
    const size_t at = m_char_start[e];
    gunichar before = m_chars[e - 1];
    if (before == 0x00AD) {
        Hyphen hyphen = m_setter.hyphen_for(run_at(m_char_start[e - 1])->item);
        push(BreakItem::penalty_of(hyphen.width, hyphen_penalty, true), at, at);
    } else if (is_hyphen(before)) {
        push(BreakItem::penalty_of(0, explicit_hyphen_penalty, true), at, at);
    } else {
        push(BreakItem::penalty_of(0, 100, false), at, at);
    }
}

// Step 5: the breaks.

void ParagraphSetter::Paragraph::choose_breaks() {
    if (m_setter.m_breaking == LineBreaking::Greedy) {
        m_breaks = break_greedily(m_break_items, m_width);
        return;
    }
    BreakParameters parameters{
        .line_width = m_width, .tolerance = pretolerance, .allow_flagged = false};
    auto found = break_optimally(m_break_items, parameters);
    if (!found) {
        parameters.tolerance = tolerance;
        parameters.allow_flagged = true;
        found = break_optimally(m_break_items, parameters);
    }
    if (!found) {
        parameters.tolerance = 10000;
        parameters.emergency_stretch = m_style.size * 3 / 2;
        found = break_optimally(m_break_items, parameters);
        ++m_stats.emergency;
    }
    m_breaks = found ? *found : break_greedily(m_break_items, m_width);
}

// Step 6: the lines.

std::vector<Line> ParagraphSetter::Paragraph::build_lines() {
    const Length baseline = m_setter.m_metrics.baseline(m_style);
    ++m_stats.paragraphs;
    std::vector<Line> lines;
    size_t from = 0;
    for (size_t l = 0; l < m_breaks.size(); ++l) {
        lines.push_back(build_line(from, m_breaks[l], l + 1 == m_breaks.size(), baseline));
        from = m_breaks[l].item + 1;
    }
    return lines;
}

/// The line that holds the items from `from` up to the break.
Line ParagraphSetter::Paragraph::build_line(size_t from, const LineBreak& line_break, bool last,
                                            Length baseline) {
    const size_t first_item = first_box(from, line_break.item);
    const size_t line_start =
        first_item < m_item_bytes.size() ? m_item_bytes[first_item].first : text().size();
    size_t line_end = line_start;
    for (size_t i = first_item; i < line_break.item; ++i)
        if (m_break_items[i].type == BreakItem::Type::Box)
            line_end = std::max(line_end, m_item_bytes[i].second);
    const double ratio = fill_ratio(first_item, line_break.item, last);
    std::vector<Piece> pieces = pieces_of(line_start, line_end, line_break.hyphenated);
    Length natural = 0;
    for (const Piece& piece : pieces)
        for (const Shaped& glyph : piece.glyphs)
            natural += glyph.width;
    Length adjustment = 0;
    std::vector<GlueDelta> deltas = glue_deltas(first_item, line_break.item, ratio, adjustment);
    // A justified line fills the measure exactly, and no line is wider than it: rounding (and
    // a word shaped again at a break) may leave a unit or two, which the last space takes.
    if (!deltas.empty() && (!last || natural + adjustment > m_width))
        deltas.back().second += m_width - (natural + adjustment);
    if (!last)
        count_line(first_item, line_break, ratio, deltas);
    return line_of(pieces, deltas, baseline);
}

/// The first box from item `from` on (the glue at a break vanishes), or `to`.
size_t ParagraphSetter::Paragraph::first_box(size_t from, size_t to) const {
    while (from < to && m_break_items[from].type != BreakItem::Type::Box)
        ++from;
    return from;
}

/// The ratio that fills a line from its own glue (emergency stretch, which helped choose the
/// breaks, is not glue that exists). The last line is set at its natural width unless the
/// breaker had it shrink.
double ParagraphSetter::Paragraph::fill_ratio(size_t first_item, size_t break_item,
                                              bool last) const {
    double ratio = adjustment_ratio(m_break_items, first_item, break_item, m_width);
    if (!std::isfinite(ratio) || (last && ratio > 0))
        ratio = 0;
    return std::max(ratio, -1.0);
}

/// The glyphs of the line, run by run, from the paragraph's shaping.
std::vector<ParagraphSetter::Paragraph::Piece>
ParagraphSetter::Paragraph::pieces_of(size_t line_start, size_t line_end, bool hyphenated) const {
    std::vector<Piece> pieces;
    for (const Run& run : m_runs) {
        size_t a = std::max(run.start, line_start), b = std::min(run.end, line_end);
        if (a >= b)
            continue;
        std::vector<Shaped> glyphs;
        if (m_cluster_boundary[a] && m_cluster_boundary[b]) {
            for (const Shaped& glyph : run.glyphs)
                if (glyph.cluster >= a && glyph.cluster < b)
                    glyphs.push_back(glyph);
        } else {
            glyphs = shape(run.item, text(), a, b); // a ligature across the break
        }
        if (b == line_end && hyphenated)
            show_hyphen(glyphs, run, line_end);
        pieces.push_back(Piece{&run, a, b, std::move(glyphs)});
    }
    return pieces;
}

/// The soft hyphen at the end of a line shows as a hyphen; it keeps the soft hyphen's byte, so
/// the text of the run is still the word as written.
void ParagraphSetter::Paragraph::show_hyphen(std::vector<Shaped>& glyphs, const Run& run,
                                             size_t line_end) const {
    Hyphen hyphen = m_setter.hyphen_for(run.item);
    size_t soft = line_end - std::char_traits<char>::length(soft_hyphen);
    auto found = std::find_if(glyphs.begin(), glyphs.end(),
                              [&](const Shaped& glyph) { return glyph.cluster == soft; });
    if (found != glyphs.end()) {
        found->glyph = hyphen.glyph;
        found->width = hyphen.width;
    } else {
        glyphs.push_back(Shaped{hyphen.glyph, hyphen.width, 0, 0, soft});
    }
}

/// How much each glue of the line widens or narrows at `ratio`; `adjustment` is their sum.
std::vector<ParagraphSetter::Paragraph::GlueDelta>
ParagraphSetter::Paragraph::glue_deltas(size_t first_item, size_t break_item, double ratio,
                                        Length& adjustment) const {
    std::vector<GlueDelta> deltas;
    for (size_t i = first_item; i < break_item; ++i) {
        const BreakItem& item = m_break_items[i];
        if (item.type != BreakItem::Type::Glue || item.infinite_stretch)
            continue;
        Length delta = static_cast<Length>(
            std::lround(ratio > 0 ? ratio * item.stretch : ratio * item.shrink));
        // The widened space is the glue's last character (its first byte is its cluster).
        size_t last_char = m_item_bytes[i].second - 1;
        while (last_char > m_item_bytes[i].first &&
               (static_cast<unsigned char>(text()[last_char]) & 0xC0) == 0x80)
            --last_char;
        deltas.emplace_back(last_char, delta);
        adjustment += delta;
    }
    return deltas;
}

/// Adds a line other than the last to the paragraph's figures.
void ParagraphSetter::Paragraph::count_line(size_t first_item, const LineBreak& line_break,
                                            double ratio, const std::vector<GlueDelta>& deltas) {
    ++m_stats.lines;
    m_stats.hyphenated += line_break.hyphenated;
    m_stats.loose += ratio > ParagraphStats::loose_ratio;
    for (size_t i = first_item, k = 0; i < line_break.item; ++i) {
        const BreakItem& item = m_break_items[i];
        if (item.type != BreakItem::Type::Glue || item.infinite_stretch)
            continue;
        double space_em = static_cast<double>(item.width + deltas[k++].second) /
                          static_cast<double>(m_style.size);
        m_stats.space_sum += space_em;
        m_stats.space_square_sum += space_em * space_em;
        m_stats.space_min = m_stats.spaces ? std::min(m_stats.space_min, space_em) : space_em;
        m_stats.space_max = m_stats.spaces ? std::max(m_stats.space_max, space_em) : space_em;
        ++m_stats.spaces;
    }
}

/// The line's frame: a glyph run for each piece, its spaces widened by `deltas`.
Line ParagraphSetter::Paragraph::line_of(const std::vector<Piece>& pieces,
                                         const std::vector<GlueDelta>& deltas, Length baseline) {
    Line line;
    line.baseline = baseline;
    line.frame.width = m_width;
    line.frame.height = m_style.leading;
    Length x = 0;
    LineMarks marks;
    for (const Piece& piece : pieces) {
        Length pen = 0;
        line.frame.add(glyph_run_of(piece, {x, baseline}, deltas, marks, pen));
        x += pen;
    }
    line.natural_width = x;
    if (x > m_width + from_pt(0.01))
        ++m_stats.overfull;
    marks.add_to(line.frame, m_style.leading);
    return line;
}

/// The glyph run of a piece placed at `origin`; `pen` is its advance, the spaces widened.
display::GlyphRun ParagraphSetter::Paragraph::glyph_run_of(const Piece& piece,
                                                           display::Point origin,
                                                           const std::vector<GlueDelta>& deltas,
                                                           LineMarks& marks, Length& pen) {
    const Run& run = *piece.run;
    display::GlyphRun glyph_run;
    glyph_run.font = m_setter.m_fonts.font_id(run.item->analysis.font);
    const doc::Span* span = m_joined.span_at(piece.a);
    const Length rise = rise_of(run.item);
    glyph_run.color = span && span->color ? *span->color : m_style.color;
    glyph_run.origin = origin;
    glyph_run.text = text().substr(piece.a, piece.b - piece.a);
    std::vector<std::pair<size_t, int>> groups; // cluster start byte, visible glyphs
    for (const Shaped& glyph : piece.glyphs) {
        bool visible =
            !(glyph.glyph & PANGO_GLYPH_UNKNOWN_FLAG) && glyph.glyph != PANGO_GLYPH_EMPTY;
        if (glyph.glyph & PANGO_GLYPH_UNKNOWN_FLAG)
            m_setter.m_missing.report(text(), m_joined.span_at(glyph.cluster), glyph.cluster);
        if (visible)
            glyph_run.glyphs.push_back(
                display::Glyph{glyph.glyph, pen + glyph.x_offset, glyph.y_offset - rise});
        if (groups.empty() || groups.back().first != glyph.cluster)
            groups.emplace_back(glyph.cluster, 0);
        groups.back().second += visible ? 1 : 0;
        Length advance = glyph.width;
        for (const auto& [byte, delta] : deltas)
            if (byte == glyph.cluster)
                advance += delta;
        marks.glyph(m_joined, glyph.cluster, origin.x + pen, advance);
        pen += advance;
    }
    if (!groups.empty())
        groups.front().first = piece.a; // bytes before the first glyph belong to its cluster
    for (size_t k = 0; k < groups.size(); ++k) {
        size_t next = k + 1 < groups.size() ? groups[k + 1].first : piece.b;
        glyph_run.clusters.push_back(display::Cluster{static_cast<uint16_t>(next - groups[k].first),
                                                      static_cast<uint16_t>(groups[k].second)});
    }
    glyph_run.compact_clusters();
    return glyph_run;
}

} // namespace mipex::layout
