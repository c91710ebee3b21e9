// Lengths and colours shared by every stage.
//
// Lengths that drive decisions (line and page breaks, positions in the display list) are
// integers in pango units, 1/1024 pt, so breaks never flip on floating-point noise and text
// dumps are byte-stable.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mipex {

/// A length in pango units (1/1024 typographic point).
using Length = int32_t;

inline constexpr Length units_per_pt = 1024;

inline Length from_pt(double points) {
    return static_cast<Length>(std::lround(points * units_per_pt));
}
inline Length from_mm(double millimetres) {
    return from_pt(millimetres * 72.0 / 25.4);
}
inline double to_pt(Length length) {
    return static_cast<double>(length) / units_per_pt;
}

/// Parses "9.5pt", "20mm", "1.2cm", "0.5in" or "0" (a bare zero). Returns nothing when the
/// text is not a length.
std::optional<Length> parse_length(std::string_view text);

/// Formats a number with up to three decimals and no trailing zeros ("9.5", "0", "-1.25").
std::string format_decimal(double value);

/// Formats a length in points with up to three decimals and no trailing zeros ("9.5").
std::string format_pt(Length length);

/// Appends format_pt(length) to `out`, without a string of its own.
void append_pt(std::string& out, Length length);

/// An sRGB colour with alpha, 8 bits a channel.
struct Color {
    uint8_t r = 0, g = 0, b = 0, a = 255;
    friend bool operator==(const Color&, const Color&) = default;
};

/// Parses "#rrggbb" or "#rrggbbaa".
std::optional<Color> parse_color(std::string_view text);

/// "#rrggbb" (or "#rrggbbaa" when not opaque).
std::string format_color(Color color);

} // namespace mipex
