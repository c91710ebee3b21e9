// The display list's text dump: the main test artifact of layout, so its format is pinned.
#include "display/display_list.h"

#include <catch2/catch.hpp>

using namespace mipex;

TEST_CASE("a display list dumps one item a line, groups indented") {
    display::FontTable fonts;
    fonts.add(display::Font{"Noto Sans", "Regular", "NotoSans-Regular.ttf", from_pt(9), nullptr});
    display::Page page;
    page.width = from_pt(100);
    page.height = from_pt(50);
    page.label = "iv";
    display::GlyphRun run;
    run.origin = {from_pt(10), from_pt(20)};
    run.text = "Hi";
    run.glyphs = {{40, 0, 0}, {41, from_pt(5), 0}};
    run.clusters = {{1, 1}, {1, 1}};
    display::Frame grouped;
    grouped.place(display::Frame{0, 0, {run}}, {from_pt(1.5), from_pt(2)});
    page.items = std::move(grouped.items);
    page.items.push_back(
        display::Shape::rect({0, 0, from_pt(10), from_pt(5)}, Color{255, 0, 0, 255}));
    page.items.push_back(display::Link{{0, 0, from_pt(10), from_pt(5)}, "country-SE", {}});
    page.items.push_back(display::Anchor{"country-SE", {0, from_pt(3)}});
    CHECK(display::dump(page, fonts) == "page iv 100x50\n"
                                        "  group 1.5,2\n"
                                        "    text 10,20 Noto Sans Regular 9 #000000 \"Hi\" w=5\n"
                                        "  shape M0,0 L10,0 L10,5 L0,5 Z fill=#ff0000\n"
                                        "  link 0,0 10x5 -> #country-SE\n"
                                        "  anchor country-SE 0,3\n");
}
