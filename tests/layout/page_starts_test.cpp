// Where each page begins (display::Book::page_starts), which the EPUB's page-list follows: one
// entry per page with its printed label, the block its text begins in, and whether the page
// continues that block (a paragraph or a table running on from the page before).
#include "doc/document.h"
#include "layout/fonts.h"
#include "layout/layout.h"

#include <catch2/catch.hpp>

using namespace mipex;
using namespace mipex::layout;

namespace {

doc::Style style(const char* name, double size, double leading) {
    doc::Style result;
    result.name = name;
    result.family = "Noto Serif";
    result.size = from_pt(size);
    result.leading = from_pt(leading);
    result.align = doc::Align::Start;
    result.space_after = from_pt(6);
    return result;
}

doc::Table::Cell cell(std::string text, const doc::Style& style) {
    doc::Table::Cell result;
    result.spans.push_back(doc::Span{std::move(text), doc::Span::Plain, {}, {}});
    result.style = &style;
    return result;
}

} // namespace

TEST_CASE("each page records the block its text begins in") {
    doc::Style body = style("body", 10, 14), heading_style = style("h1", 16, 20);
    doc::Document document;
    document.metadata = {"Pages", "Tests", "", "", "en", "mipex"};
    document.page.width = from_mm(105);
    document.page.height = from_mm(148);
    document.page.margin_top = document.page.margin_bottom = from_mm(12);
    document.page.margin_inner = document.page.margin_outer = from_mm(12);
    document.folio_style = &body;

    doc::Section front;
    front.id = "front";
    front.front_matter = true;
    front.blocks.push_back(
        doc::Paragraph{&body, {doc::Span{"A front page.", doc::Span::Plain, {}, {}}}, {}});

    doc::Section chapter;
    chapter.id = "chapter";
    doc::Heading heading;
    heading.level = 1;
    heading.style = &heading_style;
    heading.text = "A chapter";
    heading.anchor = "chapter";
    chapter.blocks.push_back(heading);
    // A paragraph of about three pages.
    std::string words;
    for (int i = 0; i < 700; ++i)
        words += "word" + std::to_string(i % 17) + " ";
    chapter.blocks.push_back(
        doc::Paragraph{&body, {doc::Span{words, doc::Span::Plain, {}, {}}}, {}});
    // A table of about two pages.
    doc::Table table;
    table.columns = {doc::Table::Column{1, doc::Align::Start},
                     doc::Table::Column{1, doc::Align::End}};
    table.header.push_back(doc::Table::Row{{cell("Country", body), cell("Score", body)}});
    for (int i = 0; i < 60; ++i)
        table.body.push_back(
            doc::Table::Row{{cell("Country " + std::to_string(i), body), cell("50", body)}});
    chapter.blocks.push_back(table);
    document.sections = {front, chapter};

    FontContext fonts({std::filesystem::path(MIPEX_SOURCE_DIR) / "fonts"}, "en");
    Diagnostics diagnostics;
    LayoutReport report;
    display::Book pages = layout_document(document, fonts, diagnostics, {}, &report);
    REQUIRE(pages.pages.size() >= 5);
    REQUIRE(pages.page_starts.size() == pages.pages.size());
    for (size_t p = 0; p < pages.pages.size(); ++p)
        CHECK(pages.page_starts[p].label == pages.pages[p].label);

    // The front matter's page, then the chapter's first page at its heading.
    CHECK(pages.page_starts[0].label == "i");
    CHECK(pages.page_starts[0].section == 0);
    CHECK(pages.page_starts[0].block == 0);
    CHECK_FALSE(pages.page_starts[0].inside_block);
    CHECK(pages.page_starts[1].label == "1");
    CHECK(pages.page_starts[1].section == 1);
    CHECK(pages.page_starts[1].block == 0);
    CHECK_FALSE(pages.page_starts[1].inside_block);

    // Pages that continue the paragraph, then the table (rows carry their block too), in
    // reading order.
    size_t in_paragraph = 0, in_table = 0;
    for (size_t p = 2; p < pages.page_starts.size(); ++p) {
        const display::PageStart& start = pages.page_starts[p];
        const display::PageStart& before = pages.page_starts[p - 1];
        CHECK(start.section == 1);
        CHECK(start.block >= before.block);
        if (start.block == 1 && start.inside_block)
            ++in_paragraph;
        if (start.block == 2 && start.inside_block)
            ++in_table;
    }
    CHECK(in_paragraph >= 1);
    CHECK(in_table >= 1);
}
