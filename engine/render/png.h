// render_png: one page of a laid-out display::Book as a PNG image, for proofs and tests, for
// `mipex charts --format png` and the website's share images.
#pragma once

#include "display/display_list.h"

#include <filesystem>
#include <string>

namespace mipex::render {

/// A page as a PNG image.
struct PngImage {
    std::string bytes; ///< the PNG file; empty when `error` says why not
    int width = 0;     ///< in pixels
    int height = 0;
    std::string error;
};

/// Renders `page` at `dpi` onto white.
PngImage render_png(const display::Page& page, const display::FontTable& fonts, double dpi);

/// Renders page `index` (0-based) at `dpi` onto white; returns an error message or empty.
std::string write_png(const display::Book& document, size_t index,
                      const std::filesystem::path& path, double dpi);

} // namespace mipex::render
