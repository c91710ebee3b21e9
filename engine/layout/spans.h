// What the two text setters (pango's layout for short text, the paragraph setter for body
// text) share: the spans of a paragraph as one text with pango attributes, and the link areas
// and anchors of each line.
#pragma once

#include "display/display_list.h"
#include "doc/document.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

typedef struct _PangoAttrList PangoAttrList;
typedef struct _PangoItem PangoItem;

namespace mipex::layout {

/// The spans of a paragraph joined into one text, remembering which bytes came from which.
struct SpanText {
    std::string text;
    std::vector<std::pair<size_t, size_t>> ranges; ///< bytes of each span
    const std::vector<doc::Span>* spans = nullptr;

    /// The span holding a byte (the last one for the end of the text), or nullptr.
    const doc::Span* span_at(size_t byte) const;
    /// Whether a byte is the first of its span.
    bool starts_span(size_t byte) const;
};

/// Joins spans; `transform` rewrites each span's text on the way (hyphenation).
SpanText join_spans(const std::vector<doc::Span>& spans,
                    const std::function<std::string(std::string_view)>& transform = {});

/// The pango attributes of the spans (weight, slant, colour, superscript, and a boundary at
/// every link so each link has runs of its own) and of the style (tabular figures).
PangoAttrList* span_attributes(const SpanText& text, const doc::Style& style);

/// How far a run is raised (superscripts), from its item's rise attribute, in pango units.
Length rise_of(const PangoItem* item);

/// Collects the link areas and anchors of one line while its glyphs are placed.
class LineMarks {
public:
    /// A glyph whose cluster starts at `cluster`, placed from x to x + advance.
    void glyph(const SpanText& text, size_t cluster, Length x, Length advance);
    /// Adds the links (as tall as the line) and anchors to the line's frame.
    void add_to(display::Frame& frame, Length height) const;

private:
    struct Extent {
        const doc::Span* span;
        Length from, to;
    };
    std::vector<Extent> m_links;
    std::vector<display::Anchor> m_anchors;
};

} // namespace mipex::layout
