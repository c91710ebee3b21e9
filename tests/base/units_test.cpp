#include "base/units.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <limits>
#include <string>

using namespace mipex;

TEST_CASE("lengths parse in every unit the layouts use") {
    CHECK(parse_length("10pt") == from_pt(10));
    CHECK(parse_length("9.5pt") == 9728);
    CHECK(parse_length("25.4mm") == from_pt(72));
    CHECK(parse_length("1in") == from_pt(72));
    CHECK(parse_length("2.54cm") == from_pt(72));
    CHECK(parse_length("0") == 0);
    CHECK(parse_length(" 12pt ") == from_pt(12));
}

TEST_CASE("text that is not a length is refused") {
    CHECK_FALSE(parse_length("12"));
    CHECK_FALSE(parse_length("pt"));
    CHECK_FALSE(parse_length("12px"));
    CHECK_FALSE(parse_length("1e9pt"));
    CHECK_FALSE(parse_length("nanpt"));
    CHECK_FALSE(parse_length("12 pt"));
}

TEST_CASE("points format without noise") {
    CHECK(format_pt(from_pt(9.5)) == "9.5");
    CHECK(format_pt(from_pt(10)) == "10");
    CHECK(format_pt(0) == "0");
    CHECK(format_pt(-from_pt(1.25)) == "-1.25");
    // Halfway between two thousandths: to the even one, as printf rounds.
    CHECK(format_pt(64) == "0.062");
    CHECK(format_pt(192) == "0.188");
    CHECK(format_pt(-64) == "-0.062");
    CHECK(format_pt(1) == "0.001");
    CHECK(format_pt(-1) == "-0.001");
    CHECK(format_pt(1023) == "0.999");
    CHECK(format_pt(-1024) == "-1");
}

/// A number as printf's "%.3f" gives it, without trailing zeros.
static std::string printf_decimal(double value) {
    char buffer[400];
    std::snprintf(buffer, sizeof buffer, "%.3f", value);
    std::string result = buffer;
    while (result.back() == '0')
        result.pop_back();
    if (result.back() == '.')
        result.pop_back();
    return result == "-0" ? "0" : result;
}

/// What format_pt printed when it went through printf.
static std::string printf_pt(Length length) {
    return printf_decimal(to_pt(length));
}

TEST_CASE("points format as printf's %.3f does, for every length up to 2,048 pt") {
    size_t differing = 0;
    std::string first;
    auto compare = [&](Length length) {
        if (format_pt(length) != printf_pt(length) && differing++ == 0)
            first =
                std::to_string(length) + ": " + format_pt(length) + " against " + printf_pt(length);
    };
    for (Length length = -2048 * units_per_pt; length <= 2048 * units_per_pt; ++length)
        compare(length);
    compare(std::numeric_limits<Length>::min());
    compare(std::numeric_limits<Length>::max());
    INFO(first);
    CHECK(differing == 0);
}

TEST_CASE("decimals format as printf's %.3f does") {
    for (double value : {0.0, -0.0, 0.0004, -0.0004, 0.0005, 1.0005, 2.5, 1e300, -123.4567, 0.1})
        CHECK(format_decimal(value) == printf_decimal(value));
    CHECK(format_decimal(0.0004) == "0");
    CHECK(format_decimal(-0.0004) == "0");
    CHECK(format_decimal(2.5) == "2.5");
    CHECK(format_decimal(-123.4567) == "-123.457");
    CHECK(format_decimal(1.25) == "1.25");
}

TEST_CASE("colours round-trip through #rrggbb") {
    auto color = parse_color("#4575b4");
    REQUIRE(color);
    CHECK(color->r == 0x45);
    CHECK(color->g == 0x75);
    CHECK(color->b == 0xb4);
    CHECK(color->a == 255);
    CHECK(format_color(*color) == "#4575b4");
    CHECK(format_color(*parse_color("#00000080")) == "#00000080");
    CHECK_FALSE(parse_color("4575b4"));
    CHECK_FALSE(parse_color("#45g5b4"));
    CHECK_FALSE(parse_color("#fff"));
}
