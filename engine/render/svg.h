// render_svg: turns one laid-out page (a chart, for the EPUB and the website) into SVG written
// from the display list: real <text> that search engines and screen readers read, role="img"
// with a <title> and <desc>, and ids prefixed per file so several charts can sit inline in one
// web page (cairo's SVG surface draws text as outlines and reuses ids in every file;
// DESIGN.md). The web flavour makes each mark of a chart a focusable graphic carrying its data.
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
    /// For an <svg> inside an HTML page (the website), which holds many: class="chart", lang
    /// without xml:lang or xml:space (HTML has neither; layouts/site/charts.css keeps the
    /// runs' spaces), the chart's own text aria-hidden (the title and description say what it
    /// shows), each mark a focusable graphic with its data and label, and every fill too
    /// light to stand 3:1 from the white background outlined in a darker shade that does
    /// (WCAG 2.1, 1.4.11 Non-text Contrast). A chart with marks is then role="group", its
    /// marks role="img": an img's content is presentational, so marks inside one would be
    /// lost to screen readers (WAI-ARIA 1.2, "Presentational Children").
    bool web = false;
};

/// The SVG of one page, sized to the page in points.
std::string render_svg(const display::Page& page, const display::FontTable& fonts,
                       const SvgOptions& options);

/// The SVG of a chart laid out alone, on a sheet with `margin` around it, with its marks.
std::string render_svg(const display::ChartFigure& figure, Length margin,
                       const display::FontTable& fonts, const SvgOptions& options);

} // namespace mipex::render
