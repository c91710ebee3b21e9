// The paginator on synthetic boxes: no fonts, only heights and break rules.
#include "layout/paginate.h"

#include <catch2/catch.hpp>

using namespace mipex;
using namespace mipex::layout;

namespace {

FlowItem box(Length height, bool break_after = true, Length space_before = 0) {
    FlowItem item;
    item.height = height;
    item.break_after = break_after;
    item.space_before = space_before;
    item.frame = std::make_shared<display::Frame>();
    return item;
}

/// The items on each page, as lists of indices.
std::vector<std::vector<size_t>> pages_of(const PageBreakResult& result) {
    std::vector<std::vector<size_t>> pages;
    for (const auto& page : result.pages) {
        pages.emplace_back();
        for (const Placement& placement : page)
            if (!placement.repeated)
                pages.back().push_back(placement.item);
    }
    return pages;
}

} // namespace

TEST_CASE("items fill a page until the next one does not fit") {
    std::vector<FlowItem> items(5, box(30));
    auto result = paginate(items, 100);
    CHECK(pages_of(result) == std::vector<std::vector<size_t>>{{0, 1, 2}, {3, 4}});
    CHECK(result.pages[0][2].y == 60);
    CHECK(result.pages[1][0].y == 0);
    CHECK(result.overflowing.empty());
}

TEST_CASE("space before an item is dropped at the top of a page") {
    std::vector<FlowItem> items = {box(40), box(40, true, 10), box(40, true, 10)};
    auto result = paginate(items, 100);
    CHECK(pages_of(result) == std::vector<std::vector<size_t>>{{0, 1}, {2}});
    CHECK(result.pages[0][1].y == 50);
    CHECK(result.pages[1][0].y == 0);
}

TEST_CASE("a page ends at the last item after which a break is allowed") {
    // A heading (no break after it) and the first line of a paragraph must not be parted:
    // the page breaks before the heading instead.
    std::vector<FlowItem> items = {box(30), box(30), box(20, false), box(30), box(30)};
    auto result = paginate(items, 100);
    CHECK(pages_of(result) == std::vector<std::vector<size_t>>{{0, 1}, {2, 3, 4}});
}

TEST_CASE("when no break is allowed on the whole page, it breaks where the page is full") {
    std::vector<FlowItem> items = {box(40, false), box(40, false), box(40, false), box(40)};
    auto result = paginate(items, 100);
    CHECK(pages_of(result) == std::vector<std::vector<size_t>>{{0, 1}, {2, 3}});
}

TEST_CASE("an item taller than the page gets a page of its own and is reported") {
    std::vector<FlowItem> items = {box(30), box(150), box(30)};
    auto result = paginate(items, 100);
    CHECK(pages_of(result) == std::vector<std::vector<size_t>>{{0}, {1}, {2}});
    CHECK(result.overflowing == std::vector<size_t>{1});
}

TEST_CASE("a table row that starts a page brings the table's header along") {
    auto header = std::make_shared<FlowItem>(box(15, false));
    std::vector<FlowItem> items = {box(15, false)}; // the header, placed once
    for (int row = 0; row < 8; ++row) {
        FlowItem item = box(20);
        item.repeat_before = header;
        items.push_back(item);
    }
    auto result = paginate(items, 100);
    REQUIRE(result.pages.size() == 2);
    CHECK(pages_of(result) == std::vector<std::vector<size_t>>{{0, 1, 2, 3, 4}, {5, 6, 7, 8}});
    // The second page starts with the repeated header, then the rows below it.
    CHECK(result.pages[1][0].repeated);
    CHECK(result.pages[1][0].y == 0);
    CHECK(result.pages[1][1].item == 5);
    CHECK(result.pages[1][1].y == 15);
}

TEST_CASE("widow and orphan rules keep two lines on each side of a break") {
    // Five lines of 20 on pages of 70: greedy would put 3 lines on the first page and leave
    // 2 — allowed. With a 10-high item before, only 3 lines fit and 2 remain: still allowed.
    // With 4 lines fitting the first page and one left (a widow), the break moves up.
    auto paragraph = [](size_t count) {
        std::vector<FlowItem> lines;
        for (size_t k = 1; k <= count; ++k)
            lines.push_back(box(20, k == count || (k >= 2 && count - k >= 2)));
        return lines;
    };
    std::vector<FlowItem> items = paragraph(5);
    auto result = paginate(items, 85); // four lines fit
    CHECK(pages_of(result) == std::vector<std::vector<size_t>>{{0, 1, 2}, {3, 4}});

    std::vector<FlowItem> three = {box(60)};
    for (FlowItem& line : paragraph(3))
        three.push_back(line);
    result = paginate(three, 100); // one line would fit after the box: an orphan
    CHECK(pages_of(result) == std::vector<std::vector<size_t>>{{0}, {1, 2, 3}});
}

TEST_CASE("an empty flow makes no pages") {
    CHECK(paginate({}, 100).pages.empty());
}
