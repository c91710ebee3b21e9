#include "base/units.h"

#include <charconv>
#include <cstdio>

namespace mipex {

std::optional<Length> parse_length(std::string_view text) {
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    if (text == "0")
        return 0;
    struct Unit {
        std::string_view suffix;
        double points;
    };
    static constexpr Unit units[] = {
        {"pt", 1.0}, {"mm", 72.0 / 25.4}, {"cm", 720.0 / 25.4}, {"in", 72.0}};
    for (const Unit& unit : units) {
        if (text.size() <= unit.suffix.size() || !text.ends_with(unit.suffix))
            continue;
        std::string_view number = text.substr(0, text.size() - unit.suffix.size());
        double value = 0;
        auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
        if (error != std::errc() || end != number.data() + number.size() || !std::isfinite(value))
            return std::nullopt;
        if (std::fabs(value * unit.points) > 1e6)
            return std::nullopt;
        return from_pt(value * unit.points);
    }
    return std::nullopt;
}

std::string format_decimal(double value) {
    // to_chars with a precision is printf's "%.3f" (C++17 [charconv.to.chars]: "as if by
    // printf in the C locale"), the same digits at a fifth of the cost.
    // Room for the largest double's 309 digits and the decimals: to_chars cannot fail.
    char buffer[320];
    char* last =
        std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 3).ptr;
    while (last[-1] == '0')
        --last;
    if (last[-1] == '.')
        --last;
    std::string result(buffer, last);
    if (result == "-0")
        result = "0";
    return result;
}

void append_pt(std::string& out, Length length) {
    // A length is a whole number of 1/1024 pt, so the decimals are exact in integers: the
    // thousandths are fraction·1000/1024 = fraction·125/128, rounded to nearest with ties to
    // even, as printf's "%.3f" rounds the same value (the tests compare every length up to
    // 2,048 pt with it).
    int64_t units = length;
    const bool negative = units < 0;
    if (negative)
        units = -units;
    int64_t whole = units / units_per_pt;
    const int64_t scaled = (units % units_per_pt) * 125;
    int64_t thousandths = scaled / 128;
    const int64_t rest = scaled % 128;
    if (rest > 64 || (rest == 64 && thousandths % 2 == 1))
        ++thousandths;
    if (thousandths == 1000) {
        ++whole;
        thousandths = 0;
    }
    if (negative && (whole != 0 || thousandths != 0))
        out += '-';
    char buffer[24];
    out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, whole).ptr);
    if (thousandths == 0)
        return;
    char decimals[4] = {'.', static_cast<char>('0' + thousandths / 100),
                        static_cast<char>('0' + thousandths / 10 % 10),
                        static_cast<char>('0' + thousandths % 10)};
    size_t size = 4;
    while (decimals[size - 1] == '0')
        --size;
    out.append(decimals, size);
}

std::string format_pt(Length length) {
    std::string out;
    append_pt(out, length);
    return out;
}

static int hex_digit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::optional<Color> parse_color(std::string_view text) {
    if ((text.size() != 7 && text.size() != 9) || text[0] != '#')
        return std::nullopt;
    uint8_t channels[4] = {0, 0, 0, 255};
    for (size_t i = 1, channel = 0; i < text.size(); i += 2, ++channel) {
        int high = hex_digit(text[i]), low = hex_digit(text[i + 1]);
        if (high < 0 || low < 0)
            return std::nullopt;
        channels[channel] = static_cast<uint8_t>(high * 16 + low);
    }
    return Color{channels[0], channels[1], channels[2], channels[3]};
}

std::string format_color(Color color) {
    char buffer[16];
    if (color.a == 255)
        std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", color.r, color.g, color.b);
    else
        std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x%02x", color.r, color.g, color.b,
                      color.a);
    return buffer;
}

} // namespace mipex
