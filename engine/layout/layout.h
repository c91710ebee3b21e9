// layout_document: turns the Document into pages of display lists. Shapes every block once,
// paginates each section, then settles page references (the table of contents) in a bounded
// loop of re-pagination, and finally adds running heads, folios and the outline.
#pragma once

#include "base/diagnostics.h"
#include "display/display_list.h"
#include "doc/document.h"
#include "layout/fonts.h"

namespace mipex::layout {

/// Passes of "lay out, see where anchors landed, lay out again" before giving up.
inline constexpr int max_layout_passes = 4;

display::Document layout_document(const doc::Document& document, FontContext& fonts,
                                  Diagnostics& diagnostics);

/// Roman numerals for front-matter page numbers ("iv").
std::string roman(int number);

} // namespace mipex::layout
