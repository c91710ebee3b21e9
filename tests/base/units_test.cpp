#include "base/units.h"

#include <catch2/catch.hpp>

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
