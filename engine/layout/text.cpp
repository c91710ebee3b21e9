#include "layout/text.h"

#include "layout/paragraph_cache.h"
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

const FontMetrics::Metrics& FontMetrics::of(const doc::Style& style) {
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

Length FontMetrics::baseline(const doc::Style& style) {
    const Metrics& font = of(style);
    return (style.leading - (font.ascent + font.descent)) / 2 + font.ascent;
}

TextShaper::TextShaper(FontContext& fonts, Hyphenator* hyphenator,
                       std::optional<LineBreaking> breaking)
    : m_fonts(fonts), m_metrics(fonts), m_hyphenators(fonts.language(), hyphenator),
      m_paragraphs(std::make_unique<ParagraphCache>(fonts, m_metrics, m_hyphenators, m_missing,
                                                    breaking.value_or(LineBreaking::Optimal))),
      m_layout(pango_layout_new(fonts.context())) {
}

TextShaper::~TextShaper() {
    g_object_unref(m_layout);
}

void TextShaper::share_paragraphs(SharedParagraphs* shared) {
    m_paragraphs->share(shared);
}

void TextShaper::start_build() {
    m_missing.clear();
    m_paragraphs->start_build();
}

std::vector<Line> TextShaper::lines(const std::vector<doc::Span>& spans, const doc::Style& style,
                                    Length width, std::optional<doc::Align> align,
                                    const std::string& language) {
    const doc::Align alignment = align.value_or(style.align);
    // Justified text is broken by the engine (but for right-to-left text); everything else
    // (labels, cells, headings) by pango.
    if (alignment == doc::Align::Justify && width > 0)
        if (std::optional<std::vector<Line>> lines =
                m_paragraphs->lines(spans, style, width, language))
            return std::move(*lines);
    if (width > 0 && alignment != doc::Align::Justify)
        if (std::optional<Line> line = on_one_line(spans, style, width, alignment))
            return {std::move(*line)};
    return shaped(spans, style, width, align);
}

/// A text that fits its width on one line is its unbroken line, placed: no second layout.
std::optional<Line> TextShaper::on_one_line(const std::vector<doc::Span>& spans,
                                            const doc::Style& style, Length width,
                                            doc::Align alignment) {
    std::vector<Line> single = shaped(spans, style, 0, doc::Align::Start);
    if (single.size() != 1 || single.front().natural_width > width)
        return std::nullopt;
    Line line = std::move(single.front());
    // The side as prepare() gives it: in a right-to-left edition a text starts at the right,
    // whatever its own language, so that columns and headings line up.
    doc::Align side = alignment;
    if (m_fonts.right_to_left() && alignment != doc::Align::Center)
        side = alignment == doc::Align::End ? doc::Align::Start : doc::Align::End;
    Length shift = side == doc::Align::End      ? width - line.natural_width
                   : side == doc::Align::Center ? (width - line.natural_width) / 2
                                                : 0;
    line.frame.width = width;
    line.frame.translate({shift, 0});
    return line;
}

/// The lines pango breaks the text into, shaped once for each style, width and alignment.
std::vector<Line> TextShaper::shaped(const std::vector<doc::Span>& spans, const doc::Style& style,
                                     Length width, std::optional<doc::Align> align) {
    std::string key;
    append_style_key(key, style);
    append_raw(key, width);
    key += static_cast<char>(align.value_or(style.align));
    append_spans_key(key, spans);
    if (auto cached = m_lines_cache.find(key); cached != m_lines_cache.end())
        return cached->second;
    prepare(m_layout, spans, style, width, align);
    std::vector<Line> result = extract(m_layout, spans, style, width);
    m_lines_cache.emplace(std::move(key), result);
    return result;
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
    SpanText joined = join_spans(spans);
    const Length baseline = m_metrics.baseline(style);
    std::vector<Line> lines;
    PangoLayoutIter* iterator = pango_layout_get_iter(layout);
    do
        lines.push_back(extract_line(iterator, joined, style, width, baseline));
    while (pango_layout_iter_next_line(iterator));
    pango_layout_iter_free(iterator);
    return lines;
}

/// The line under the iterator.
Line TextShaper::extract_line(PangoLayoutIter* iterator, const SpanText& joined,
                              const doc::Style& style, Length width, Length baseline) {
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
        Length pen = 0;
        display::GlyphRun glyph_run = glyph_run_of(*static_cast<PangoGlyphItem*>(node->data),
                                                   joined, style, {x, baseline}, marks, pen);
        // cairo draws the run's glyphs at absolute positions; store the end for dumps.
        if (!glyph_run.glyphs.empty() || !glyph_run.text.empty())
            line.frame.add(std::move(glyph_run));
        x += pen;
    }
    marks.add_to(line.frame, style.leading);
    return line;
}

namespace {

/// The clusters of a run of glyphs, in text order, from the byte each glyph's cluster starts
/// at (pango's log_clusters, within the item). For right-to-left runs the glyph array is in
/// visual order, so its clusters are read from the end (cairo's BACKWARD flag).
std::vector<display::Cluster> clusters_of(const PangoGlyphString& glyphs, int length,
                                          bool backward) {
    std::vector<std::pair<int, int>> groups; // (start byte, glyph count)
    for (int k = 0; k < glyphs.num_glyphs; ++k) {
        const int g = backward ? glyphs.num_glyphs - 1 - k : k;
        const PangoGlyph id = glyphs.glyphs[g].glyph;
        const bool visible = !(id & PANGO_GLYPH_UNKNOWN_FLAG) && id != PANGO_GLYPH_EMPTY;
        if (groups.empty() || groups.back().first != glyphs.log_clusters[g])
            groups.emplace_back(glyphs.log_clusters[g], 0);
        groups.back().second += visible ? 1 : 0;
    }
    // Bytes before the first cluster (none in practice) belong to it, so that the clusters
    // cover the run's text and cairo keeps it.
    if (!groups.empty())
        groups.front().first = 0;
    std::vector<display::Cluster> clusters;
    for (size_t k = 0; k < groups.size(); ++k) {
        int next = k + 1 < groups.size() ? groups[k + 1].first : length;
        clusters.push_back(display::Cluster{static_cast<uint16_t>(next - groups[k].first),
                                            static_cast<uint16_t>(groups[k].second)});
    }
    return clusters;
}

} // namespace

/// The glyph run of one of pango's runs, placed at `origin`; `pen` is its advance.
display::GlyphRun TextShaper::glyph_run_of(const PangoGlyphItem& run, const SpanText& joined,
                                           const doc::Style& style, display::Point origin,
                                           LineMarks& marks, Length& pen) {
    const std::string& text = joined.text;
    const PangoItem* item = run.item;
    const PangoGlyphString* glyphs = run.glyphs;
    const doc::Span* span = joined.span_at(static_cast<size_t>(item->offset));
    display::GlyphRun glyph_run;
    glyph_run.font = m_fonts.font_id(item->analysis.font);
    glyph_run.color = span && span->color ? *span->color : style.color;
    glyph_run.origin = origin;
    glyph_run.text.assign(text, static_cast<size_t>(item->offset),
                          static_cast<size_t>(item->length));
    glyph_run.backward = item->analysis.level % 2 == 1;
    glyph_run.glyphs.reserve(static_cast<size_t>(glyphs->num_glyphs));
    for (int g = 0; g < glyphs->num_glyphs; ++g) {
        const PangoGlyphInfo& info = glyphs->glyphs[g];
        const size_t cluster = static_cast<size_t>(item->offset + glyphs->log_clusters[g]);
        if (info.glyph & PANGO_GLYPH_UNKNOWN_FLAG)
            m_missing.report(text, joined.span_at(cluster), cluster);
        else if (info.glyph != PANGO_GLYPH_EMPTY)
            // run.y_offset raises the run (superscripts); display y grows downwards.
            glyph_run.glyphs.push_back(display::Glyph{info.glyph, pen + info.geometry.x_offset,
                                                      info.geometry.y_offset - run.y_offset});
        marks.glyph(joined, cluster, origin.x + pen, info.geometry.width);
        pen += info.geometry.width;
    }
    glyph_run.clusters = clusters_of(*glyphs, item->length, glyph_run.backward);
    glyph_run.compact_clusters();
    return glyph_run;
}

Line TextShaper::label(std::string_view text, const doc::Style& style, std::optional<Color> color) {
    doc::Span span;
    span.text = std::string(text);
    span.color = color;
    std::vector<Line> lines = this->lines({span}, style, 0, doc::Align::Start);
    return lines.empty() ? Line{} : std::move(lines.front());
}

Length TextShaper::measure(std::string_view text, const doc::Style& style) {
    std::string key;
    append_style_key(key, style);
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
