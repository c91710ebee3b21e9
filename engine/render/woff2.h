// compress_woff2: a font file as WOFF2 (W3C WOFF File Format 2.0), the web's compressed font
// format, by Google's encoder (libwoff2enc), for the fonts the website serves.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mipex::render {

/// The TrueType or OpenType font `font` as a WOFF2 file, its tables compressed with Brotli at
/// `quality` (0–11; the encoder's default, 11, is the smallest and the slowest); nothing when
/// the encoder refuses the font.
std::optional<std::string> compress_woff2(std::string_view font, int quality = 11);

} // namespace mipex::render
