// What the two text setters (pango's layout for short text, the paragraph setter for body
// text) share: the spans of a paragraph as one text with pango attributes, the link areas and
// anchors of each line, and the keys their caches find a text by.
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

/// Appends to a key of the caches of shaped text what in a style changes the shape of text.
/// Styles are sometimes temporary copies (a label set smaller to fit), so their address will
/// not do.
void append_style_key(std::string& key, const doc::Style& style);
/// Appends to a key everything of the spans that the lines set from them hold.
void append_spans_key(std::string& key, const std::vector<doc::Span>& spans);
/// Appends a value to a key as raw bytes: keys are made for every short text laid out.
template <typename T>
void append_raw(std::string& key, const T& value) {
    key.append(reinterpret_cast<const char*>(&value), sizeof value);
}

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
