// The line breaker on synthetic paragraphs: words of known widths, no fonts.
#include "layout/linebreak.h"

#include <catch2/catch.hpp>
#include <numeric>

using namespace mipex;
using namespace mipex::layout;

namespace {

/// Words of the given widths separated by spaces of width 10 (stretch 5 unless given, shrink
/// 3), ending with TeX's \parfillskip and a forced break.
std::vector<BreakItem> words(const std::vector<Length>& widths, Length stretch = 5) {
    std::vector<BreakItem> items;
    for (size_t i = 0; i < widths.size(); ++i) {
        if (i > 0)
            items.push_back(BreakItem::glue(10, stretch, 3));
        items.push_back(BreakItem::box(widths[i]));
    }
    BreakItem fill = BreakItem::glue(0, 0, 0);
    fill.infinite_stretch = true;
    items.push_back(fill);
    items.push_back(BreakItem::penalty_of(0, -inf_penalty, false));
    return items;
}

/// The natural width of each line for a set of breaks.
std::vector<Length> line_widths(const std::vector<BreakItem>& items, const std::vector<LineBreak>& breaks) {
    std::vector<Length> widths;
    size_t from = 0;
    for (const LineBreak& line : breaks) {
        Length width = 0;
        for (size_t i = from; i < line.item; ++i)
            if (items[i].type != BreakItem::Type::Penalty)
                width += items[i].width;
        if (items[line.item].type == BreakItem::Type::Penalty)
            width += items[line.item].width;
        widths.push_back(width);
        from = line.item + 1;
        while (from < items.size() && items[from].type == BreakItem::Type::Glue)
            ++from;
    }
    return widths;
}

double total_badness(const std::vector<LineBreak>& breaks) {
    double sum = 0;
    for (size_t i = 0; i + 1 < breaks.size(); ++i) // the last line is set loose on purpose
        sum += badness(breaks[i].ratio);
    return sum;
}

} // namespace

TEST_CASE("a paragraph that fits on one line is one line") {
    auto items = words({20, 30, 20});
    auto breaks = break_optimally(items, {.line_width = 200});
    REQUIRE(breaks);
    REQUIRE(breaks->size() == 1);
    CHECK(breaks->front().item == items.size() - 1);
    CHECK(breaks->front().ratio == 0); // the last line's fill takes all the slack
}

TEST_CASE("optimal breaks balance the paragraph where first fit leaves a loose line") {
    // First fit fills line one (40 40 40 = 140 of 150) and strands a very loose line; the
    // optimal breaker takes less on line one so that no line is set loosely.
    auto items = words({40, 40, 40, 30, 50, 45, 45, 30, 20, 60, 35, 40});
    BreakParameters parameters{.line_width = 150, .tolerance = 10000};
    auto optimal = break_optimally(items, parameters);
    REQUIRE(optimal);
    auto greedy = break_greedily(items, 150);
    CHECK(total_badness(*optimal) < total_badness(greedy));
    for (size_t i = 0; i + 1 < optimal->size(); ++i) {
        INFO("line " << i << " ratio " << (*optimal)[i].ratio);
        CHECK((*optimal)[i].ratio >= -1);
    }
    // No line of either is wider than the measure plus what its glue can shrink.
    for (Length width : line_widths(items, *optimal))
        CHECK(width <= 150 + 3 * 4);
}

TEST_CASE("within a tolerance every line keeps its badness under it") {
    auto items = words({30, 25, 40, 20, 35, 30, 25, 40, 30, 20, 45, 30, 25}, 15);
    auto breaks = break_optimally(items, {.line_width = 120, .tolerance = 200});
    REQUIRE(breaks);
    for (size_t i = 0; i + 1 < breaks->size(); ++i)
        CHECK(badness((*breaks)[i].ratio) <= 200);
}

TEST_CASE("first fit breaks at the last breakpoint that fits") {
    auto items = words({40, 40, 40, 40});
    auto breaks = break_greedily(items, 100);
    REQUIRE(breaks.size() == 2);
    CHECK(line_widths(items, breaks) == std::vector<Length>{90, 90});
}

TEST_CASE("no set of breaks within tolerance gives nothing, so the caller can try harder") {
    // Two words of 60 on a line of 100 with little stretch: one word a line is far too loose.
    auto items = words({60, 60});
    CHECK_FALSE(break_optimally(items, {.line_width = 100, .tolerance = 100}));
    // With emergency stretch the same paragraph sets.
    CHECK(break_optimally(items, {.line_width = 100, .tolerance = 10000, .emergency_stretch = 100}));
}

TEST_CASE("hyphen penalties are breakpoints only when allowed, and cost demerits") {
    // "20 15 abc-def 40", the hyphen between two boxes of 30; spaces that do not shrink.
    std::vector<BreakItem> items = {BreakItem::box(20),  BreakItem::glue(10, 20, 0), BreakItem::box(15),
                                    BreakItem::glue(10, 20, 0), BreakItem::box(30),
                                    BreakItem::penalty_of(5, 50, true), BreakItem::box(30),
                                    BreakItem::glue(10, 20, 0), BreakItem::box(40)};
    BreakItem fill = BreakItem::glue(0, 0, 0);
    fill.infinite_stretch = true;
    items.push_back(fill);
    items.push_back(BreakItem::penalty_of(0, -inf_penalty, false));

    BreakParameters parameters{.line_width = 110, .tolerance = 1000};
    auto with = break_optimally(items, parameters);
    REQUIRE(with);
    REQUIRE(with->size() == 2);
    CHECK(with->front().item == 5); // "20 15 abc-" (90 of 110, ratio 0.5) beats a loose "20 15"
    CHECK(with->front().hyphenated);

    parameters.allow_flagged = false;
    parameters.tolerance = 10000;
    auto without = break_optimally(items, parameters);
    REQUIRE(without);
    CHECK(without->front().item == 3); // a very loose "20 15", then "abcdef 40" exactly full
    CHECK_FALSE(without->front().hyphenated);
}

TEST_CASE("two hyphenated lines in a row cost extra demerits") {
    // Lines that could each end in a hyphen; the breaker prefers not to hyphenate twice.
    std::vector<BreakItem> items;
    for (int word = 0; word < 6; ++word) {
        if (word > 0)
            items.push_back(BreakItem::glue(10, 5, 3));
        items.push_back(BreakItem::box(20));
        items.push_back(BreakItem::penalty_of(4, 50, true));
        items.push_back(BreakItem::box(20));
    }
    BreakItem fill = BreakItem::glue(0, 0, 0);
    fill.infinite_stretch = true;
    items.push_back(fill);
    items.push_back(BreakItem::penalty_of(0, -inf_penalty, false));
    auto breaks = break_optimally(items, {.line_width = 74, .tolerance = 10000, .flagged_demerits = 1e7});
    REQUIRE(breaks);
    for (size_t i = 1; i < breaks->size(); ++i)
        CHECK_FALSE(((*breaks)[i - 1].hyphenated && (*breaks)[i].hyphenated));
}

TEST_CASE("the badness of a ratio is 100 r cubed, capped") {
    CHECK(badness(0) == 0);
    CHECK(badness(1) == Approx(100));
    CHECK(badness(-0.5) == Approx(12.5));
    CHECK(badness(5) == 10000);
    CHECK(badness(-1.5) == 10000);
}
