// write_svg: turns one laid-out page (a chart, for the website) into SVG written from the
// display list: real <text> that search engines and screen readers read, role="img" with a
// <title> and <desc>, and ids prefixed per file so several charts can sit inline in one web
// page (cairo's SVG surface draws text as outlines and reuses ids in every file; DESIGN.md).
#pragma once

#include "display/display_list.h"

#include <string>

namespace mipex::render {

struct SvgOptions {
    std::string title;       ///< the chart's alt text
    std::string description; ///< its long description; empty: no <desc>
    std::string id_prefix;   ///< makes the file's ids unique in a page ("ranking-lmm-")
    std::string language;    ///< xml:lang of the text
    bool right_to_left = false;
    /// For an <svg> inside an XHTML content document (EPUB), which takes xml:lang only: the
    /// SVG 1.1 grammar EPUB checkers apply has no lang attribute.
    bool inline_in_xhtml = false;
};

/// The SVG of one page, sized to the page in points.
std::string render_svg(const display::Page& page, const display::FontTable& fonts, const SvgOptions& options);

} // namespace mipex::render
