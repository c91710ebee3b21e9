// Colour contrast as WCAG 2.1 measures it, for the website's charts: a graphic a reader needs
// (a bar, a country on a map) must stand out 3:1 from what is next to it (success criterion
// 1.4.11, Non-text Contrast), or carry an outline that does.
#pragma once

#include "base/units.h"

namespace mipex::render {

/// The colour as seen over `background`: translucent fills are mixed with what is under them.
Color over(Color color, Color background);

/// Relative luminance, 0 (black) to 1 (white), of an opaque sRGB colour (WCAG 2.1,
/// "relative luminance"; the 0.04045 threshold of IEC 61966-2-1, which WCAG 2.1 corrects to).
double relative_luminance(Color color);

/// (L1 + 0.05) / (L2 + 0.05), the lighter colour's luminance over the darker's: 1 to 21
/// (WCAG 2.1, "contrast ratio"). Both colours are taken as opaque.
double contrast_ratio(Color a, Color b);

/// A darker shade of `fill`, in its hue, that stands `minimum`:1 from `background`: the
/// outline a fill too light to stand out on its own is given (black if no shade does).
Color outline_for(Color fill, Color background, double minimum = 3.0);

} // namespace mipex::render
