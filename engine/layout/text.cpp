#include "layout/text.h"

#include "layout/hyphenate.h"
#include "layout/paragraph.h"
#include "layout/shared_paragraphs.h"
#include "layout/spans.h"

#include <pango/pangocairo.h>

namespace mipex::layout {

namespace {

/// Start is the left in left-to-right text and the right in right-to-left text.
PangoAlignment pango_alignment(doc::Align align, bool right_to_left) {
    switch (align) {
    case doc::Align::Center:
        return PANGO_ALIGN_CENTER;
    case doc::Align::End:
        return right_to_left ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
    default:
        return right_to_left ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
    }
}

} // namespace

TextShaper::TextShaper(FontContext& fonts, Hyphenator* hyphenator,
                       std::optional<LineBreaking> breaking)
    : m_fonts(fonts), m_hyphenator(hyphenator),
      m_paragraphs(
          std::make_unique<ParagraphSetter>(*this, breaking.value_or(LineBreaking::Optimal))) {
    m_layout = pango_layout_new(fonts.context());
}

Hyphenator* TextShaper::hyphenator(std::string_view language) {
    if (language.empty() || language == m_fonts.language())
        return m_hyphenator;
    auto found = m_other_hyphenators.find(language);
    if (found == m_other_hyphenators.end())
        found = m_other_hyphenators
                    .emplace(std::string(language),
                             std::make_unique<Hyphenator>(language, m_hyphenation_folders))
                    .first;
    return found->second->available() ? found->second.get() : nullptr;
}

void TextShaper::report_missing_glyph(std::string_view text, const doc::Span* span, size_t byte) {
    MissingGlyph missing = m_location;
    missing.text = std::string(text);
    missing.key = span ? span->key : std::string();
    if (byte < text.size())
        missing.character = g_utf8_get_char(text.data() + byte);
    m_missing.push_back(std::move(missing));
}

std::vector<std::pair<std::string, std::filesystem::path>> TextShaper::other_dictionaries() const {
    std::vector<std::pair<std::string, std::filesystem::path>> result;
    for (const auto& [language, hyphenator] : m_other_hyphenators)
        result.emplace_back(language, hyphenator->dictionary_path());
    return result;
}

const ParagraphStats& TextShaper::paragraph_stats() const {
    return m_paragraphs->stats();
}

void TextShaper::start_build() {
    ++m_build;
    m_shared_taken = 0;
    m_paragraphs->reset_stats();
    m_missing.clear();
    std::erase_if(m_paragraph_cache,
                  [&](const auto& entry) { return entry.second.build + 1 < m_build; });
}

TextShaper::~TextShaper() {
    g_object_unref(m_layout);
}

const TextShaper::Metrics& TextShaper::metrics(const doc::Style& style) {
    // Keyed by the font, not the style's address: temporary styles (a label set smaller) come
    // and go at the same addresses.
    std::string key = style.family + '\0' + std::to_string(style.weight) +
                      (style.italic ? "i" : "") + ":" + std::to_string(style.size);
    auto found = m_metrics.find(key);
    if (found != m_metrics.end())
        return found->second;
    PangoFontDescription* description = describe(style);
    PangoFontMetrics* font_metrics = pango_context_get_metrics(
        m_fonts.context(), description, pango_context_get_language(m_fonts.context()));
    Metrics result{pango_font_metrics_get_ascent(font_metrics),
                   pango_font_metrics_get_descent(font_metrics)};
    pango_font_metrics_unref(font_metrics);
    pango_font_description_free(description);
    return m_metrics.emplace(std::move(key), result).first->second;
}

Length TextShaper::ascent(const doc::Style& style) {
    return metrics(style).ascent;
}

Length TextShaper::descent(const doc::Style& style) {
    return metrics(style).descent;
}

void TextShaper::prepare(PangoLayout* layout, const std::vector<doc::Span>& spans,
                         const doc::Style& style, Length width, std::optional<doc::Align> align) {
    SpanText joined = join_spans(spans);
    const std::string& text = joined.text;
    PangoAttrList* attributes = span_attributes(joined, style);
    PangoFontDescription* description = describe(style);
    pango_layout_set_font_description(layout, description);
    pango_font_description_free(description);
    pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
    pango_layout_set_attributes(layout, attributes);
    pango_attr_list_unref(attributes);
    pango_layout_set_width(layout, width > 0 ? width : -1);
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    doc::Align alignment = align.value_or(style.align);
    pango_layout_set_justify(layout, alignment == doc::Align::Justify && width > 0);
    // Each text takes the direction of its first strong letter (an untranslated English
    // paragraph in an Arabic edition reads left to right, its full stop at its end); a text
    // without one takes the edition's (the context's base direction). pango then swaps left
    // and right for a paragraph whose direction is not the context's.
    const bool right_to_left = m_fonts.right_to_left();
    PangoAlignment side = pango_alignment(alignment, right_to_left);
    if (right_to_left && alignment != doc::Align::Justify && side != PANGO_ALIGN_CENTER &&
        pango_find_base_dir(text.data(), static_cast<int>(text.size())) == PANGO_DIRECTION_LTR)
        // Headings, labels and cells keep to the edition's side whatever their language, so
        // that columns and headings line up: undo pango's swap.
        side = side == PANGO_ALIGN_LEFT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
    pango_layout_set_alignment(layout, side);
    pango_layout_set_indent(layout, style.first_line_indent);
    pango_layout_set_auto_dir(layout, TRUE);
}

std::vector<Line> TextShaper::extract(PangoLayout* layout, const std::vector<doc::Span>& spans,
                                      const doc::Style& style, Length width) {
    const char* text = pango_layout_get_text(layout);
    SpanText joined = join_spans(spans);

    const Metrics& font = metrics(style);
    // Lines sit on a fixed grid of the style's leading, the text centred in it, so that every
    // line of a style has the same height and pages can break between any two lines.
    Length baseline = (style.leading - (font.ascent + font.descent)) / 2 + font.ascent;

    std::vector<Line> lines;
    PangoLayoutIter* iterator = pango_layout_get_iter(layout);
    do {
        PangoLayoutLine* pango_line = pango_layout_iter_get_line_readonly(iterator);
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(iterator, nullptr, &logical);
        Line line;
        line.baseline = baseline;
        line.natural_width = logical.width;
        line.frame.width = width > 0 ? width : logical.width;
        line.frame.height = style.leading;
        Length x = logical.x;
        LineMarks marks;
        for (GSList* node = pango_line->runs; node; node = node->next) {
            auto* run = static_cast<PangoGlyphItem*>(node->data);
            PangoItem* item = run->item;
            PangoGlyphString* glyphs = run->glyphs;
            const doc::Span* span = joined.span_at(static_cast<size_t>(item->offset));
            display::GlyphRun glyph_run;
            glyph_run.font = m_fonts.font_id(item->analysis.font);
            glyph_run.color = span && span->color ? *span->color : style.color;
            glyph_run.origin = {x, baseline};
            glyph_run.text.assign(text + item->offset, static_cast<size_t>(item->length));
            glyph_run.backward = item->analysis.level % 2 == 1;
            Length pen = 0;
            glyph_run.glyphs.reserve(static_cast<size_t>(glyphs->num_glyphs));
            // Cluster boundaries from pango's log_clusters (byte offsets within the item).
            std::vector<int> cluster_starts;
            for (int g = 0; g < glyphs->num_glyphs; ++g) {
                const PangoGlyphInfo& info = glyphs->glyphs[g];
                PangoGlyph id = info.glyph;
                if (id & PANGO_GLYPH_UNKNOWN_FLAG) {
                    size_t byte = static_cast<size_t>(item->offset + glyphs->log_clusters[g]);
                    report_missing_glyph(text, joined.span_at(byte), byte);
                } else if (id != PANGO_GLYPH_EMPTY) {
                    // run->y_offset raises the run (superscripts); display y grows downwards.
                    glyph_run.glyphs.push_back(display::Glyph{
                        id, pen + info.geometry.x_offset, info.geometry.y_offset - run->y_offset});
                }
                cluster_starts.push_back(glyphs->log_clusters[g]);
                marks.glyph(joined, static_cast<size_t>(item->offset + glyphs->log_clusters[g]),
                            x + pen, info.geometry.width);
                pen += info.geometry.width;
            }
            // Group glyphs into clusters in text order; for right-to-left runs the glyph array
            // is in visual order, so its clusters are read from the end (cairo's BACKWARD flag).
            std::vector<display::Cluster> clusters;
            auto build = [&](auto begin, auto end) {
                std::vector<std::pair<int, int>> groups; // (start byte, glyph count)
                for (auto it = begin; it != end; ++it) {
                    int g = *it;
                    bool visible = !(glyphs->glyphs[g].glyph & PANGO_GLYPH_UNKNOWN_FLAG) &&
                                   glyphs->glyphs[g].glyph != PANGO_GLYPH_EMPTY;
                    if (groups.empty() || groups.back().first != cluster_starts[g])
                        groups.emplace_back(cluster_starts[g], 0);
                    groups.back().second += visible ? 1 : 0;
                }
                // Bytes before the first cluster (none in practice) belong to it, so that the
                // clusters cover the run's text and cairo keeps it.
                if (!groups.empty())
                    groups.front().first = 0;
                for (size_t k = 0; k < groups.size(); ++k) {
                    int next = k + 1 < groups.size() ? groups[k + 1].first : item->length;
                    clusters.push_back(
                        display::Cluster{static_cast<uint16_t>(next - groups[k].first),
                                         static_cast<uint16_t>(groups[k].second)});
                }
            };
            std::vector<int> order(static_cast<size_t>(glyphs->num_glyphs));
            for (int g = 0; g < glyphs->num_glyphs; ++g)
                order[static_cast<size_t>(g)] = g;
            if (glyph_run.backward)
                build(order.rbegin(), order.rend());
            else
                build(order.begin(), order.end());
            glyph_run.clusters = std::move(clusters);
            glyph_run.compact_clusters();
            // cairo draws the run's glyphs at absolute positions; store the end for dumps.
            if (!glyph_run.glyphs.empty() || !glyph_run.text.empty())
                line.frame.add(std::move(glyph_run));
            x += pen;
        }
        marks.add_to(line.frame, style.leading);
        lines.push_back(std::move(line));
    } while (pango_layout_iter_next_line(iterator));
    pango_layout_iter_free(iterator);
    return lines;
}

namespace {

/// What in a style changes the shape of text, as a key for the caches below. Styles are
/// sometimes temporary copies (a label set smaller to fit), so their address will not do. The
/// fields go in as raw bytes: this runs for every short text laid out.
template <typename T>
void append_raw(std::string& key, const T& value) {
    key.append(reinterpret_cast<const char*>(&value), sizeof value);
}

std::string style_key(const doc::Style& style) {
    std::string key = style.family;
    key += '\0';
    append_raw(key, style.weight);
    append_raw(key, style.size);
    append_raw(key, style.leading);
    append_raw(key, style.first_line_indent);
    append_raw(key, style.color);
    key += static_cast<char>(style.italic) + 2 * static_cast<char>(style.tabular_numbers) +
           4 * static_cast<char>(style.align);
    return key;
}

std::string spans_key(const std::vector<doc::Span>& spans) {
    std::string key;
    for (const doc::Span& span : spans) {
        key += span.text;
        key += '\1';
        key += static_cast<char>(span.flags);
        if (span.color)
            append_raw(key, *span.color);
        key += '\1';
        key += span.link;
        key += '\1';
        key += span.uri;
        key += '\1';
        key += span.anchor;
        key += '\1';
        key += span.page_of;
        key += '\1';
        key += span.key;
        key += '\2';
    }
    return key;
}

/// A paragraph as the editions of a build share it: besides what the cache of one edition keys
/// it by, whatever of the edition's own the setting reads: the text's language, the edition's
/// direction (a text without a strong letter takes it), the line breaker, the hyphenation
/// dictionary, and the font's ascent and descent in the edition's language (the baseline).
std::string sharing_key(const std::string& language, bool right_to_left, LineBreaking breaking,
                        const Hyphenator* hyphenator, Length ascent, Length descent,
                        const doc::Style& style, Length width,
                        const std::vector<doc::Span>& spans) {
    std::string key = language;
    key += '\1';
    key += hyphenator ? hyphenator->dictionary_path().string() : std::string();
    key += '\1';
    key += static_cast<char>(right_to_left) + 2 * static_cast<char>(breaking);
    append_raw(key, ascent);
    append_raw(key, descent);
    key += style_key(style);
    append_raw(key, width);
    key += spans_key(spans);
    return key;
}

} // namespace

std::vector<Line> TextShaper::lines(const std::vector<doc::Span>& spans, const doc::Style& style,
                                    Length width, std::optional<doc::Align> align,
                                    const std::string& language) {
    // Justified text is broken by the engine; everything else (labels, cells, headings) by pango.
    if (align.value_or(style.align) == doc::Align::Justify && width > 0) {
        std::string key;
        if (m_keep_paragraphs) {
            key = style_key(style);
            append_raw(key, width);
            key += language;
            key += '\3';
            key += spans_key(spans);
            if (auto kept = m_paragraph_cache.find(key); kept != m_paragraph_cache.end()) {
                kept->second.build = m_build;
                m_paragraphs->add_stats(*kept->second.stats);
                for (const MissingGlyph& missing : kept->second.missing) {
                    MissingGlyph again = m_location;
                    again.text = missing.text;
                    again.key = missing.key;
                    again.character = missing.character;
                    m_missing.push_back(std::move(again));
                }
                return kept->second.lines;
            }
        }
        // Another edition of the build may have set this text in this language already.
        std::string shared_key;
        if (m_shared_paragraphs) {
            // Asked for even when the paragraph is taken, as setting it would: the report
            // names the dictionaries used.
            const Hyphenator* hyphenation = hyphenator(language);
            const Metrics& font = metrics(style);
            shared_key = sharing_key(language.empty() ? m_fonts.language() : language,
                                     m_fonts.right_to_left(), m_paragraphs->breaking(), hyphenation,
                                     font.ascent, font.descent, style, width, spans);
            if (auto paragraph = m_shared_paragraphs->find(shared_key))
                if (auto lines = SharedParagraphs::take(*paragraph, m_fonts)) {
                    m_paragraphs->add_stats(paragraph->stats);
                    ++m_shared_taken;
                    if (m_keep_paragraphs)
                        m_paragraph_cache.emplace(
                            std::move(key),
                            KeptParagraph{*lines,
                                          std::make_unique<ParagraphStats>(paragraph->stats),
                                          {},
                                          m_build});
                    return std::move(*lines);
                }
        }
        size_t missing_before = m_missing.size();
        std::vector<display::FontId> used; // the fonts the setting asks for, to publish
        std::optional<std::vector<Line>> lines;
        {
            struct Recording {
                FontContext& fonts;
                ~Recording() { fonts.record_fonts(nullptr); }
            } recording{m_fonts};
            if (m_shared_paragraphs)
                m_fonts.record_fonts(&used);
            lines = m_paragraphs->set(spans, style, width, language);
        }
        if (lines) {
            // One with a character missing is not shared: each edition reports it.
            if (m_shared_paragraphs && m_missing.size() == missing_before)
                m_shared_paragraphs->publish(shared_key, *lines, used, m_fonts,
                                             m_paragraphs->last_stats());
            if (m_keep_paragraphs)
                m_paragraph_cache.emplace(
                    std::move(key),
                    KeptParagraph{*lines,
                                  std::make_unique<ParagraphStats>(m_paragraphs->last_stats()),
                                  std::vector<MissingGlyph>(
                                      m_missing.begin() + static_cast<ptrdiff_t>(missing_before),
                                      m_missing.end()),
                                  m_build});
            return std::move(*lines);
        }
    }
    const doc::Align alignment = align.value_or(style.align);
    // A text that fits its width on one line is its unbroken line, placed: no second layout.
    if (width > 0 && alignment != doc::Align::Justify) {
        std::vector<Line> single = lines(spans, style, 0, doc::Align::Start);
        if (single.size() == 1 && single.front().natural_width <= width) {
            Line line = std::move(single.front());
            // The side as prepare() gives it: in a right-to-left edition a text starts at the
            // right, whatever its own language, so that columns and headings line up.
            doc::Align side = alignment;
            if (m_fonts.right_to_left() && alignment != doc::Align::Center)
                side = alignment == doc::Align::End ? doc::Align::Start : doc::Align::End;
            Length shift = side == doc::Align::End      ? width - line.natural_width
                           : side == doc::Align::Center ? (width - line.natural_width) / 2
                                                        : 0;
            line.frame.width = width;
            line.frame.translate({shift, 0});
            return {std::move(line)};
        }
    }
    // Short texts repeat a lot (numbers in tables, names in charts): shape each once.
    std::string key = style_key(style);
    append_raw(key, width);
    key += static_cast<char>(alignment);
    key += spans_key(spans);
    if (auto cached = m_lines_cache.find(key); cached != m_lines_cache.end())
        return cached->second;
    prepare(m_layout, spans, style, width, align);
    std::vector<Line> result = extract(m_layout, spans, style, width);
    m_lines_cache.emplace(std::move(key), result);
    return result;
}

Line TextShaper::label(std::string_view text, const doc::Style& style, std::optional<Color> color) {
    doc::Span span;
    span.text = std::string(text);
    span.color = color;
    std::vector<Line> lines = this->lines({span}, style, 0, doc::Align::Start);
    return lines.empty() ? Line{} : std::move(lines.front());
}

Length TextShaper::measure(std::string_view text, const doc::Style& style) {
    std::string key = style_key(style);
    key.append(text);
    if (auto cached = m_measure_cache.find(key); cached != m_measure_cache.end())
        return cached->second;
    doc::Span span;
    span.text = std::string(text);
    prepare(m_layout, {span}, style, 0, doc::Align::Start);
    PangoRectangle logical;
    pango_layout_get_extents(m_layout, nullptr, &logical);
    m_measure_cache.emplace(std::move(key), logical.width);
    return logical.width;
}

} // namespace mipex::layout
