// The book's precision (book.yaml `precision`: 0, 1 or 2 decimals) in the score stage:
// rounding half away from zero at every precision, exact differences of shown numbers, ranks
// and bands on the shown score, the setting's validation, and the dump and exports.
#include "score/compute.h"
#include "score/export.h"
#include "support/project.h"
#include "support/synthetic_model.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace mipex;
using namespace mipex::score;
using Catch::Detail::Approx;
using mipex::testing::countries_scoring;
using mipex::testing::overall_ranks;
using mipex::testing::synthetic_model;
using mipex::testing::TinyCopy;

namespace Catch {
template <>
struct StringMaker<Shown> {
    static std::string convert(const Shown& value) {
        return value.text() + " (" + std::to_string(value.decimals) + " decimals)";
    }
};
} // namespace Catch

namespace {

/// The tiny project at a precision, scored.
struct TinyAt {
    std::unique_ptr<mipex::testing::ValidatedProject> checked;
    ScoreTable table;

    explicit TinyAt(int precision) {
        checked = TinyCopy()
                      .edit("content/book.yaml", "average: all",
                            "average: all\nprecision: " + std::to_string(precision))
                      .check();
        INFO(checked->report());
        REQUIRE_FALSE(checked->diagnostics.has_errors());
        table = compute_scores(checked->model, checked->diagnostics);
    }
    const model::Model& model() const { return checked->model; }
    const std::string& band(double score) const {
        return model().theme.bands.at(table.band_of(score)).key;
    }
};

} // namespace

TEST_CASE("shown scores round half away from zero at one and two decimals") {
    CHECK(shown_score(62.45, 1) == Shown{625, 1});
    CHECK(shown_score(62.44, 1) == Shown{624, 1});
    CHECK(shown_score(58.335, 2) == Shown{5834, 2}); // a double just below 58.335
    CHECK(shown_score(58.325, 2) == Shown{5833, 2}); // not to even
    CHECK(shown_score(58.3349, 2) == Shown{5833, 2});
    CHECK(shown_score(0.005, 2) == Shown{1, 2});
    CHECK(shown_score(100, 2) == Shown{10000, 2});
    CHECK(shown_score(0, 1) == Shown{0, 1});
    CHECK(shown_score(-3.335, 2) == Shown{-334, 2});
    CHECK(shown_score(-0.05, 1) == Shown{-1, 1});
    // Further below a half than arithmetic noise it is no half.
    CHECK(shown_score(58.33499999, 2) == Shown{5833, 2});
    CHECK(shown_score(58.33499999999999, 2) == Shown{5834, 2});
}

TEST_CASE("a true half at two decimals that arrives just below it still rounds up") {
    // Dimensions 375/6, 325/6, 175/6 and 10/6 average to exactly 36.875, but in doubles the
    // sum comes to 36.87499999999999.
    model::Model model = synthetic_model({{{0, 50, 50, 50, 100, 75},
                                           {0, 50, 50, 100, 100, 75},
                                           {0, 0, 0, 0, 100, 75},
                                           {0, 0, 0, 0, 0, 10}}},
                                         2);
    Diagnostics diagnostics;
    ScoreTable table = compute_scores(model, diagnostics);
    double area = *table.score(0, 0, Measure::area(0));
    CHECK(area < 36.875);
    CHECK(area == Approx(36.875));
    CHECK(table.shown(area) == Shown{3688, 2});
    CHECK(shown_score(area, 1) == Shown{369, 1});
    CHECK(shown_score(area, 0) == Shown{37, 0});
}

TEST_CASE("shown numbers print with their decimals and subtract exactly") {
    CHECK(Shown{5833, 2}.text() == "58.33");
    CHECK(Shown{5800, 2}.text() == "58.00");
    CHECK(Shown{7, 2}.text() == "0.07");
    CHECK(Shown{-333, 2}.text() == "-3.33");
    CHECK(Shown{-5, 1}.text() == "-0.5");
    CHECK(Shown{0, 2}.text() == "0.00");
    CHECK(Shown{46, 0}.text() == "46");
    // 58.33 − 55.00 is 3.33, where doubles give 3.3299999999999983.
    Shown change = shown_score(58.333, 2) - shown_score(55.004, 2);
    CHECK(change == Shown{333, 2});
    CHECK(change.value() == 3.33);
    CHECK(change.text() == "3.33");
    CHECK((shown_score(55.004, 2) - shown_score(58.333, 2)).text() == "-3.33");
    CHECK(Shown{795, 1}.whole() == 79);
    CHECK(Shown{10000, 2}.whole() == 100);
    CHECK_THROWS(Shown{1, 1} - Shown{1, 2});
}

TEST_CASE("ranks are competition ranks on the score shown at the book's precision") {
    // 79.44, 79.46, 79.5, 79.54: whole, 79 79 80 80; tenths, 79.4 79.5 79.5 79.5;
    // hundredths, all apart.
    const std::vector<double> scores = {79.44, 79.46, 79.5, 79.54};
    CHECK(overall_ranks(countries_scoring(scores, 0)) == std::vector<int>{3, 3, 1, 1});
    CHECK(overall_ranks(countries_scoring(scores, 1)) == std::vector<int>{4, 1, 1, 1});
    CHECK(overall_ranks(countries_scoring(scores, 2)) == std::vector<int>{4, 3, 2, 1});
}

TEST_CASE("changes at two decimals are differences of the shown scores") {
    model::Model model = synthetic_model({{{50}}}, 2);
    model.year_editions.years = {2014, 2019};
    model.observations = model::Observations(1, 2, 1);
    ScoreTable table(model);
    const Measure overall = Measure::overall();
    table.set_score(0, 0, overall, 55.004);
    table.set_score(0, 1, overall, 58.333);
    CHECK(table.shown_change(0, 0, 1, overall) == Shown{333, 2});
    // 62.404 → 62.406 is a change of 0.002, but the book prints 62.40 and 62.41: +0.01.
    table.set_score(0, 0, overall, 62.404);
    table.set_score(0, 1, overall, 62.406);
    CHECK(table.shown_change(0, 0, 1, overall) == Shown{1, 2});
}

TEST_CASE("a score shown with decimals is in the band of its whole part") {
    TinyAt tenths(1);
    // 79.5 shows as 79.5, below the threshold of 80; 79.96 shows as 80.0, on it.
    CHECK(tenths.band(79.5) == "slightly_favourable");
    CHECK(tenths.band(79.94) == "slightly_favourable");
    CHECK(tenths.band(79.96) == "favourable");
    CHECK(tenths.band(100) == "favourable");
    CHECK(tenths.band(0.5) == "critically_unfavourable");
    CHECK(tenths.band(0.96) == "unfavourable");
    TinyAt hundredths(2);
    CHECK(hundredths.band(79.996) == "favourable");
    CHECK(hundredths.band(79.994) == "slightly_favourable");
    // At precision 0, 79.5 shows as 80.
    TinyAt whole(0);
    CHECK(whole.band(79.5) == "favourable");
}

TEST_CASE("precision in book.yaml is 0, 1 or 2, and anything else is refused at its place") {
    CHECK(TinyAt(0).model().book.precision == 0);
    CHECK(TinyAt(1).model().book.precision == 1);
    CHECK(TinyAt(2).model().book.precision == 2);
    CHECK(model::dump(TinyAt(2).model()).find(" precision=2\n") != std::string::npos);
    CHECK(mipex::testing::validate_project(mipex::testing::tiny_project())->model.book.precision ==
          0);
    const std::vector<std::pair<std::string, std::string>> refused = {
        {"3", "content/book.yaml:15:12: error: precision is the number of decimals the book "
              "shows: 0, 1 or 2, not 3"},
        {"-1", "content/book.yaml:15:12: error: precision is the number of decimals the book "
               "shows: 0, 1 or 2, not -1"},
        {"1.5", "content/book.yaml:15:12: error: precision must be a whole number, not 1.5"}};
    for (const auto& [value, message] : refused) {
        auto checked =
            TinyCopy()
                .edit("content/book.yaml", "average: all", "average: all\nprecision: " + value)
                .check();
        INFO(checked->report());
        CHECK(checked->lines() == std::vector<std::string>{message});
        CHECK(checked->model.book.precision == 0);
    }
}

TEST_CASE("the score dump and the exports show scores at the book's precision") {
    TinyAt hundredths(2);
    const model::Model& model = hundredths.model();
    // DE 52.777… and FR 53.0 no longer share a rank at two decimals (they do at none).
    std::string dump = score::dump(hundredths.table, model);
    CHECK(dump.find("DE 2019 overall 52.777778 shown=52.78 rank=3/4 band=halfway_favourable\n") !=
          std::string::npos);
    CHECK(dump.find("FR 2019 overall 53.000000 shown=53.00 rank=2/4 band=halfway_favourable\n") !=
          std::string::npos);
    CHECK(dump.find("mean all 2014 overall 63.500000 shown=63.50\n") != std::string::npos);

    std::string csv = export_csv(model, hundredths.table, {});
    CHECK(csv.find(",overall,overall,53,53.00,2,4,halfway_favourable\n") != std::string::npos);
    CHECK(csv.find(",mean:overall,overall,63.5,63.50,,,slightly_favourable\n") !=
          std::string::npos);
    auto json = nlohmann::json::parse(export_json(model, hundredths.table, {}));
    for (const auto& year : json["years"])
        for (const auto& country : year["countries"])
            if (year["year"] == 2019 && country["code"] == "DE")
                CHECK(country["overall"]["overall"]["shown"].get<double>() == 52.78);

    // At precision 0 the shown score stays a whole number in JSON.
    TinyAt whole(0);
    auto whole_json = nlohmann::json::parse(export_json(whole.model(), whole.table, {}));
    CHECK(
        whole_json["years"][0]["countries"][0]["overall"]["overall"]["shown"].is_number_integer());
}
