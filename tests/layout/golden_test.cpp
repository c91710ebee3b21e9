// Golden display-list dumps of small documents: the laid-out pages as text, compared line by
// line with tests/layout/golden/<name>.txt. UPDATE_GOLDEN=1 rewrites the files; a mismatch
// prints a unified diff.
#include "doc/document.h"
#include "doc/prose.h"
#include "layout/blocks.h"
#include "layout/hyphenate.h"
#include "layout/layout.h"
#include "layout/text.h"
#include "support/golden.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace mipex;
namespace fs = std::filesystem;

namespace {

/// A small page (A6) and a few styles, so goldens stay short.
struct Fixture {
    model::TextStyle body, heading, cell, header, caption, small;
    doc::Document document;

    Fixture() {
        body.name = "body";
        body.family = "Noto Serif";
        body.size = from_pt(10);
        body.leading = from_pt(14);
        body.align = doc::Align::Justify;
        body.space_after = from_pt(6);
        heading = body;
        heading.name = "h1";
        heading.family = "Noto Sans";
        heading.weight = 600;
        heading.size = from_pt(16);
        heading.leading = from_pt(20);
        heading.align = doc::Align::Start;
        heading.keep_with_next = true;
        cell = body;
        cell.name = "table";
        cell.family = "Noto Sans";
        cell.size = from_pt(8);
        cell.leading = from_pt(10);
        cell.align = doc::Align::Start;
        header = cell;
        header.name = "table_header";
        header.weight = 600;
        caption = header;
        caption.name = "caption";
        caption.keep_with_next = true;
        small = cell;
        small.name = "folio";

        document.metadata = {"Golden", "Tests", "", "", "en", "mipex"};
        document.page.width = from_mm(105);
        document.page.height = from_mm(148);
        document.page.margin_top = from_mm(12);
        document.page.margin_bottom = from_mm(14);
        document.page.margin_inner = from_mm(12);
        document.page.margin_outer = from_mm(16);
        document.page.header_gap = from_mm(5);
        document.page.footer_gap = from_mm(7);
        document.running_head_style = &small;
        document.folio_style = &small;
    }

    doc::Paragraph paragraph(std::string text) {
        return doc::Paragraph{&body, doc::parse_inline(text), {}};
    }

    std::string lay_out() {
        layout::FontContext fonts({fs::path(MIPEX_SOURCE_DIR) / "fonts"}, "en");
        Diagnostics diagnostics;
        display::Book pages = layout::layout_document(document, fonts, diagnostics);
        CHECK_FALSE(diagnostics.has_errors());
        return display::dump(pages);
    }
};

const char* lorem =
    "Migrant integration policies differ widely. Some countries open the labour market to "
    "newcomers at once, others after years; some let families reunite on the same terms as "
    "their own citizens, others set *conditions* that few can meet.";

} // namespace

TEST_CASE("golden: a heading and a paragraph") {
    Fixture fixture;
    doc::Section section;
    section.id = "one";
    section.chapter_title = section.part_title = "One";
    section.blocks.push_back(doc::Heading{1, &fixture.heading, "A chapter", "chapter", 0, 0});
    section.blocks.push_back(fixture.paragraph(lorem));
    fixture.document.sections.push_back(section);
    check_golden("paragraph", fixture.lay_out());
}

TEST_CASE("golden: a table over a page break repeats its header") {
    Fixture fixture;
    doc::Section section;
    section.id = "table";
    section.chapter_title = section.part_title = "Table";
    section.blocks.push_back(fixture.paragraph(lorem));
    doc::Table table;
    table.caption = "Scores by country";
    table.caption_style = &fixture.caption;
    table.rule_color = Color{0x99, 0x99, 0x99, 255};
    table.columns = {{2, doc::Align::Start}, {1, doc::Align::End}};
    table.header.push_back(
        doc::Table::Row{{doc::Table::Cell{{{"Country"}}, &fixture.header},
                         doc::Table::Cell{{{"Score"}}, &fixture.header, doc::Align::End}}});
    const char* countries[] = {"Austria", "Belgium",   "Bulgaria",  "Croatia", "Cyprus",
                               "Czechia", "Denmark",   "Estonia",   "Finland", "France",
                               "Germany", "Greece",    "Hungary",   "Ireland", "Italy",
                               "Latvia",  "Lithuania", "Luxembourg"};
    int score = 40;
    for (const char* country : countries)
        table.body.push_back(doc::Table::Row{
            {doc::Table::Cell{{{country}}, &fixture.cell},
             doc::Table::Cell{{{std::to_string(score++)}}, &fixture.cell, doc::Align::End}}});
    section.blocks.push_back(table);
    fixture.document.sections.push_back(section);
    std::string dump = fixture.lay_out();
    check_golden("table-break", dump);
    // Whatever the goldens say: the header is on both pages.
    size_t first = dump.find("\"Country\"");
    REQUIRE(first != std::string::npos);
    CHECK(dump.find("\"Country\"", first + 1) != std::string::npos);
}

TEST_CASE("golden: a footnote at the foot of its page, and a list") {
    Fixture fixture;
    fixture.small.name = "footnote";
    doc::Section section;
    section.id = "notes";
    section.chapter_title = section.part_title = "Notes";
    std::vector<doc::Footnote> notes;
    int counter = 0;
    doc::ProseContext context{nullptr, nullptr, {}, &notes, &counter, "notes-"};
    doc::Paragraph paragraph = fixture.paragraph("");
    paragraph.spans =
        doc::parse_inline("A claim that needs a source.^[The source, with *its* title.] "
                          "And the text goes on after it.",
                          context);
    paragraph.footnotes = notes;
    paragraph.footnote_style = &fixture.small;
    section.blocks.push_back(paragraph);
    doc::List list;
    list.numbered = true;
    for (const char* item :
         {"first item", "second item, which is long enough to wrap onto a second line"})
        list.items.push_back(fixture.paragraph(item));
    section.blocks.push_back(list);
    fixture.document.sections.push_back(section);
    std::string dump = fixture.lay_out();
    check_golden("footnote", dump);
    // The note is on the page of its reference, below the text, and each end links to the other.
    CHECK(dump.find("anchor notes-fn-1") != std::string::npos);
    CHECK(dump.find("-> #notes-fnref-1") != std::string::npos);
    CHECK(dump.find("-> #notes-fn-1") != std::string::npos);
}

TEST_CASE("golden: a paragraph at a page foot keeps two lines on each side") {
    Fixture fixture;
    doc::Section section;
    section.id = "widow";
    section.chapter_title = section.part_title = "Widow";
    for (int i = 0; i < 4; ++i)
        section.blocks.push_back(fixture.paragraph(lorem));
    fixture.document.sections.push_back(section);
    check_golden("widow", fixture.lay_out());
}

TEST_CASE("a table too narrow for its longest words breaks only its widest columns") {
    Fixture fixture;
    doc::Section section;
    section.id = "narrow";
    section.chapter_title = section.part_title = "Narrow";
    doc::Table table;
    table.rule_color = Color{0x99, 0x99, 0x99, 255};
    // Seven columns on an A6 measure: the headers' longest words do not all fit, but "Rang"
    // and "Jahr" are short and must stay whole; "Arbeitnehmerrechte" gives way.
    const char* headers[] = {"Land",
                             "Rang",
                             "Jahr",
                             "Arbeitnehmerrechte",
                             "Antidiskriminierung",
                             "Familienzusammenführung",
                             "Veränderung"};
    doc::Table::Row header;
    for (const char* text : headers) {
        table.columns.push_back({1, doc::Align::Start});
        header.cells.push_back(doc::Table::Cell{{{text}}, &fixture.header});
    }
    table.header.push_back(header);
    doc::Table::Row row;
    for (size_t c = 0; c < std::size(headers); ++c)
        row.cells.push_back(doc::Table::Cell{{{c == 0 ? "Irland" : "50"}}, &fixture.cell});
    table.body.push_back(row);
    section.blocks.push_back(table);
    fixture.document.sections.push_back(section);
    std::string dump = fixture.lay_out();
    CHECK(dump.find("\"Rang\"") != std::string::npos);
    CHECK(dump.find("\"Jahr\"") != std::string::npos);
    CHECK(dump.find("\"Land\"") != std::string::npos);
    CHECK(dump.find("\"Arbeitnehmerrechte\"") == std::string::npos);

    // With German hyphenation, a word that gives way breaks at its hyphenation points (the
    // lines' texts keep their soft hyphens: "Ar-beit-", "neh-", "mer-", "rechte"), not where
    // the column runs out.
    fixture.document.metadata.language = "de";
    layout::FontContext fonts({fs::path(MIPEX_SOURCE_DIR) / "fonts"}, "de");
    layout::LayoutOptions options;
    options.hyphenation_folders = layout::Hyphenator::default_folders(MIPEX_SOURCE_DIR);
    Diagnostics diagnostics;
    std::string german =
        display::dump(layout::layout_document(fixture.document, fonts, diagnostics, options));
    CHECK(german.find("\"Rang\"") != std::string::npos);
    CHECK(german.find("\"Ar\u00ADbeit\u00AD\"") != std::string::npos);
    CHECK(german.find("\"rechte\"") != std::string::npos);
}

namespace {

/// A table of `groups` groups, each a heading row ("Area 1") kept with its `rows` rows
/// ("Row 1.1"), after a paragraph, so that it meets a page break.
/// A table whose groups are a heading row ("Area 1") kept with the rows under it ("Row
/// 1.1"), `groups[g]` rows under the g-th heading.
doc::Table grouped_rows(Fixture& fixture, const std::vector<int>& groups) {
    doc::Table table;
    table.rule_color = Color{0x99, 0x99, 0x99, 255};
    table.columns = {{2, doc::Align::Start}, {1, doc::Align::End}};
    table.header.push_back(
        doc::Table::Row{{doc::Table::Cell{{{"Dimension"}}, &fixture.header},
                         doc::Table::Cell{{{"Score"}}, &fixture.header, doc::Align::End}}});
    for (size_t g = 1; g <= groups.size(); ++g) {
        doc::Table::Row heading{{doc::Table::Cell{{{"Area " + std::to_string(g)}}, &fixture.cell},
                                 doc::Table::Cell{{{"50"}}, &fixture.cell, doc::Align::End}}};
        heading.keep_with_next = true;
        heading.rule_above = g > 1;
        table.body.push_back(heading);
        for (int r = 1; r <= groups[g - 1]; ++r)
            table.body.push_back(doc::Table::Row{
                {doc::Table::Cell{{{"Row " + std::to_string(g) + "." + std::to_string(r)}},
                                  &fixture.cell},
                 doc::Table::Cell{{{"40"}}, &fixture.cell, doc::Align::End}}});
    }
    return table;
}

/// `groups` groups of `rows` rows each, after a paragraph, so that the table meets a page
/// break.
void grouped_table(Fixture& fixture, int groups, int rows) {
    doc::Section section;
    section.id = "groups";
    section.chapter_title = section.part_title = "Groups";
    section.blocks.push_back(fixture.paragraph(lorem));
    section.blocks.push_back(grouped_rows(fixture, std::vector<int>(groups, rows)));
    fixture.document.sections.push_back(section);
}

/// The texts of the table's body cells ("Area …", "Row …") on each page, in order.
std::vector<std::vector<std::string>> rows_by_page(const std::string& dump) {
    std::vector<std::vector<std::string>> pages;
    std::istringstream lines(dump);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("page ", 0) == 0)
            pages.emplace_back();
        size_t quote = line.find("text ") == std::string::npos ? std::string::npos : line.find('"');
        if (quote == std::string::npos || pages.empty())
            continue;
        std::string text = line.substr(quote + 1, line.find('"', quote + 1) - quote - 1);
        if (text.rfind("Area ", 0) == 0 || text.rfind("Row ", 0) == 0)
            pages.back().push_back(text);
    }
    return pages;
}

} // namespace

TEST_CASE("a table breaks between short groups of rows, not inside one") {
    for (int rows : {3, 4, 5, 6}) {
        INFO(rows << " rows a group");
        Fixture fixture;
        grouped_table(fixture, 8, rows);
        auto pages = rows_by_page(fixture.lay_out());
        size_t with_rows = 0;
        for (size_t p = 0; p < pages.size(); ++p) {
            if (pages[p].empty())
                continue;
            ++with_rows;
            // Every page the table continues on starts with a group's heading...
            if (with_rows > 1)
                CHECK(pages[p].front().rfind("Area ", 0) == 0);
            // ...and every page ends with a group's last row.
            const std::string last = "." + std::to_string(rows);
            CHECK(pages[p].back().size() > last.size());
            CHECK(pages[p].back().compare(pages[p].back().size() - last.size(), last.size(),
                                          last) == 0);
        }
        CHECK(with_rows >= 2); // the table did meet a page break
    }
}

TEST_CASE("a table may break after any row of a long group, only after a short one") {
    Fixture fixture;
    // Groups of 5, 5, 12 and 5 rows (a heading and the rows under it): rows 0–4, 5–9, 10–21,
    // 22–26.
    doc::Table table = grouped_rows(fixture, {4, 4, 11, 4});
    layout::FontContext fonts({fs::path(MIPEX_SOURCE_DIR) / "fonts"}, "en");
    layout::TextShaper shaper(fonts);
    layout::FlowBuilder builder(shaper, from_pt(200));
    builder.table(table);
    std::vector<layout::FlowItem> items = builder.take();
    REQUIRE(items.size() == 1 + table.body.size()); // the header, then a row each
    std::vector<size_t> breaks;
    for (size_t r = 0; r < table.body.size(); ++r)
        if (items[1 + r].break_after)
            breaks.push_back(r);
    // After each short group; inside the long one after any row but its heading (the table's
    // first two and last two rows stay together, as before).
    CHECK(breaks == std::vector<size_t>{4, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 26});
}
