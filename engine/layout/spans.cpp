#include "layout/spans.h"

#include <pango/pango.h>

namespace mipex::layout {

const doc::Span* SpanText::span_at(size_t byte) const {
    for (size_t i = 0; i < ranges.size(); ++i)
        if (byte >= ranges[i].first && byte < ranges[i].second)
            return &(*spans)[i];
    return spans && !spans->empty() && byte == text.size() ? &spans->back() : nullptr;
}

bool SpanText::starts_span(size_t byte) const {
    for (const auto& range : ranges)
        if (range.first == byte && range.second > range.first)
            return true;
    return false;
}

SpanText join_spans(const std::vector<doc::Span>& spans,
                    const std::function<std::string(std::string_view)>& transform) {
    SpanText result;
    result.spans = &spans;
    for (const doc::Span& span : spans) {
        size_t start = result.text.size();
        result.text += transform ? transform(span.text) : span.text;
        result.ranges.emplace_back(start, result.text.size());
    }
    return result;
}

void append_style_key(std::string& key, const doc::Style& style) {
    // Made for every short text laid out: room for the style's fields and a short text after
    // them is taken at once.
    key.reserve(key.size() + style.family.size() + 64);
    key += style.family;
    key += '\0';
    append_raw(key, style.weight);
    append_raw(key, style.size);
    append_raw(key, style.leading);
    append_raw(key, style.first_line_indent);
    append_raw(key, style.color);
    key += static_cast<char>(style.italic) + 2 * static_cast<char>(style.tabular_numbers) +
           4 * static_cast<char>(style.align);
}

void append_spans_key(std::string& key, const std::vector<doc::Span>& spans) {
    // Made for every short text laid out: its room is taken at once.
    size_t size = key.size();
    for (const doc::Span& span : spans)
        size += span.text.size() + span.link.size() + span.uri.size() + span.anchor.size() +
                span.page_of.size() + span.key.size() + 8 + sizeof(Color);
    key.reserve(size);
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
}

namespace {

/// An en dash between figures: a range of numbers ("2014–2019"), not broken after its dash
/// (Bringhurst, The Elements of Typographic Style, 2.4.8: no break in a range).
constexpr std::string_view en_dash = "\u2013";

/// The bytes where the en dashes of number ranges start.
std::vector<size_t> number_range_dashes(std::string_view text) {
    std::vector<size_t> dashes;
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    for (size_t at = text.find(en_dash); at != std::string_view::npos;
         at = text.find(en_dash, at + 1))
        if (at > 0 && digit(text[at - 1]) && at + en_dash.size() < text.size() &&
            digit(text[at + en_dash.size()]))
            dashes.push_back(at);
    return dashes;
}

} // namespace

PangoAttrList* span_attributes(const SpanText& text, const doc::Style& style) {
    PangoAttrList* attributes = pango_attr_list_new();
    for (size_t i = 0; i < text.ranges.size(); ++i) {
        const doc::Span& span = (*text.spans)[i];
        auto add = [&](PangoAttribute* attribute) {
            attribute->start_index = static_cast<guint>(text.ranges[i].first);
            attribute->end_index = static_cast<guint>(text.ranges[i].second);
            pango_attr_list_insert(attributes, attribute);
        };
        if (span.flags & doc::Span::Strong)
            add(pango_attr_weight_new(style.weight >= 600 ? PANGO_WEIGHT_HEAVY
                                                          : PANGO_WEIGHT_BOLD));
        if (span.flags & doc::Span::Emphasis)
            add(pango_attr_style_new(style.italic ? PANGO_STYLE_NORMAL : PANGO_STYLE_ITALIC));
        if (span.flags & doc::Span::Superscript) {
            // A superscript figure: 70% of the size, raised a third of an em, as note numbers
            // are usually set.
            add(pango_attr_scale_new(0.7));
            add(pango_attr_rise_new(style.size / 3));
        }
        if (span.color)
            add(pango_attr_foreground_new(span.color->r * 257, span.color->g * 257,
                                          span.color->b * 257));
        if (!span.link.empty() || !span.uri.empty() || !span.anchor.empty())
            add(pango_attr_underline_new(PANGO_UNDERLINE_NONE)); // a run boundary at the span
    }
    if (style.tabular_numbers)
        pango_attr_list_insert(attributes, pango_attr_font_features_new("tnum"));
    // A range of numbers ("2014–2019") stays on one line.
    for (size_t dash : number_range_dashes(text.text)) {
        PangoAttribute* attribute = pango_attr_allow_breaks_new(FALSE);
        attribute->start_index = static_cast<guint>(dash);
        attribute->end_index = static_cast<guint>(dash + en_dash.size() + 1);
        pango_attr_list_insert(attributes, attribute);
    }
    return attributes;
}

Length rise_of(const PangoItem* item) {
    for (GSList* node = item->analysis.extra_attrs; node; node = node->next) {
        auto* attribute = static_cast<PangoAttribute*>(node->data);
        if (attribute->klass->type == PANGO_ATTR_RISE)
            return reinterpret_cast<PangoAttrInt*>(attribute)->value;
    }
    return 0;
}

void LineMarks::glyph(const SpanText& text, size_t cluster, Length x, Length advance) {
    const doc::Span* span = text.span_at(cluster);
    if (!span)
        return;
    if (!span->anchor.empty() && text.starts_span(cluster) &&
        (m_anchors.empty() || m_anchors.back().name != span->anchor))
        m_anchors.push_back(display::Anchor{span->anchor, {x, 0}});
    if (span->link.empty() && span->uri.empty())
        return;
    if (!m_links.empty() && m_links.back().span == span && m_links.back().to == x)
        m_links.back().to = x + advance;
    else
        m_links.push_back(Extent{span, x, x + advance});
}

void LineMarks::add_to(display::Frame& frame, Length height) const {
    for (const Extent& link : m_links)
        frame.add(display::Link{
            {link.from, 0, link.to - link.from, height}, link.span->link, link.span->uri});
    for (const display::Anchor& anchor : m_anchors)
        frame.add(anchor);
}

} // namespace mipex::layout
