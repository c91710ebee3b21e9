// Scores in the document at the book's precision: the change chart's axis on round steps with
// zero always a tick, every score and change of a profile with its decimals, and each key
// figure read as one phrase, label first.
#include "doc/charts.h"
#include "pipeline/pipeline.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace mipex;

TEST_CASE("a change chart's axis runs on round steps, at least ±10, zero a tick") {
    auto axis = [](double largest) {
        doc::ChangeAxis made = doc::change_axis(largest);
        return std::make_pair(made.range, made.step);
    };
    CHECK(axis(0) == std::make_pair(10, 5));
    CHECK(axis(3.33) == std::make_pair(10, 5));
    CHECK(axis(10) == std::make_pair(10, 5));
    CHECK(axis(10.01) == std::make_pair(15, 5));
    CHECK(axis(12) == std::make_pair(15, 5));
    CHECK(axis(22) == std::make_pair(30, 10));
    // The range of ±35 that printed "–25 –5 +15 +35", zero unlabelled.
    CHECK(axis(35) == std::make_pair(40, 10));
    CHECK(axis(51) == std::make_pair(60, 20));
    CHECK(axis(100) == std::make_pair(100, 50));

    for (int hundredths = 0; hundredths <= 10000; ++hundredths) {
        double largest = hundredths / 100.0;
        doc::ChangeAxis made = doc::change_axis(largest);
        INFO("largest change " << largest << ": ±" << made.range << " by " << made.step);
        // 1, 2 or 5 × 10^k.
        int mantissa = made.step;
        while (mantissa % 10 == 0)
            mantissa /= 10;
        CHECK((mantissa == 1 || mantissa == 2 || mantissa == 5));
        // Zero and both ends are ticks; the largest change is on the axis, within a step of
        // its end; a handful of ticks.
        CHECK(made.range % made.step == 0);
        CHECK(made.range >= std::max(10.0, largest));
        CHECK(made.range - made.step < std::max(10.0, largest));
        CHECK(2 * made.range / made.step + 1 >= 5);
        CHECK(2 * made.range / made.step + 1 <= 13);
    }
}

namespace {

/// The tiny project at two decimals, built as the English document.
struct TinyDocument {
    testing::TempDir folder;
    std::unique_ptr<pipeline::CheckedProject> checked;
    doc::Document document;

    TinyDocument() {
        testing::copy_tree(std::filesystem::path(MIPEX_TESTS_DIR) / "projects" / "tiny",
                           folder.path());
        testing::edit_file(folder / "content/book.yaml", "average: all",
                           "average: all\nprecision: 2");
        checked = pipeline::check_project(folder.path());
        REQUIRE_FALSE(checked->diagnostics.has_errors());
        document = pipeline::build_document(*checked, "en");
    }

    const doc::Section& section(const std::string& id) const {
        for (const doc::Section& section : document.sections)
            if (section.id == id)
                return section;
        FAIL("no section " << id);
        return document.sections.front();
    }
};

/// Every text of a table's body, row by row.
std::vector<std::vector<std::string>> texts(const doc::Table& table) {
    std::vector<std::vector<std::string>> rows;
    for (const doc::Table::Row& row : table.body) {
        rows.emplace_back();
        for (const doc::Table::Cell& cell : row.cells)
            rows.back().push_back(cell.spans.empty() ? "" : cell.spans[0].text);
    }
    return rows;
}

} // namespace

TEST_CASE("a profile shows every score and change with the book's decimals") {
    TinyDocument tiny;
    const doc::Section& sweden = tiny.section("country-SE");
    const doc::KeyFigures* figures = nullptr;
    const doc::Table* dimensions = nullptr;
    std::vector<const doc::Chart*> charts;
    for (const doc::Block& block : sweden.blocks) {
        if (auto* found = std::get_if<doc::KeyFigures>(&block)) {
            if (!figures) // the headline score's; the other overall score's follow
                figures = found;
        } else if (auto* table = std::get_if<doc::Table>(&block);
                   table && table->caption == "Sweden: dimension scores")
            dimensions = table;
        else if (auto* chart = std::get_if<doc::Chart>(&block))
            charts.push_back(chart);
        else if (auto* row = std::get_if<doc::ChartRow>(&block))
            for (const doc::Chart& inner : row->charts)
                charts.push_back(&inner);
    }
    REQUIRE(figures);
    REQUIRE(figures->figures.size() == 4);
    // Sweden 2019: (100 + 91.666… + 87.5)/3 = 93.0555…; 2014: 83.333…: +9.73 as printed.
    CHECK(figures->figures[0].value == "93.06");
    CHECK(figures->figures[3].value == "+9.73");
    // Each figure reads label first, as one phrase.
    CHECK(figures->figures[0].reading == "Overall score 2019: 93.06");
    CHECK(figures->figures[1].reading == "Rank: 1 of 4");
    CHECK(figures->figures[3].reading == "Change since 2014: +9.73");
    REQUIRE(dimensions);
    // The area rows: name, 2014, 2019, average.
    auto rows = texts(*dimensions);
    REQUIRE(!rows.empty());
    for (size_t i = 1; i < rows[0].size(); ++i) {
        INFO(rows[0][i]);
        CHECK(rows[0][i].size() > 3);
        CHECK(rows[0][i][rows[0][i].size() - 3] == '.');
    }
    const doc::ChangeChart* change = nullptr;
    for (const doc::Chart* chart : charts)
        if (auto* found = std::get_if<doc::ChangeChart>(&chart->spec))
            change = found;
    REQUIRE(change);
    for (const doc::ChangeChart::Row& row : change->rows) {
        REQUIRE(row.change);
        INFO(row.label << ": " << row.text);
        // The bar is as long as the printed number says.
        CHECK(row.text.find('.') == row.text.size() - 3);
        CHECK(std::abs(*row.change) == Catch::Detail::Approx(std::stod(
                                           row.text.substr(row.text.find_first_of("0123456789")))));
    }
    // The axis: whole numbers on round steps, zero among them.
    CHECK(std::count(change->ticks.begin(), change->ticks.end(),
                     std::pair<int, std::string>(0, "0")) == 1);
}
