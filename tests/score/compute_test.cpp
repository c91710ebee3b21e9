#include "score/compute.h"
#include "support/project.h"
#include "support/synthetic_model.h"

#include <catch2/catch.hpp>

using namespace mipex;
using namespace mipex::score;
using Catch::Detail::Approx;
using mipex::testing::countries_scoring;
using mipex::testing::overall_ranks;
using mipex::testing::synthetic_model;
using mipex::testing::TinyCopy;
using mipex::testing::ValidatedProject;

namespace {

/// The tiny project, validated and scored, with lookups by code, year and id.
struct Scored {
    std::unique_ptr<ValidatedProject> checked;
    ScoreTable table;

    explicit Scored(std::unique_ptr<ValidatedProject> project) : checked(std::move(project)) {
        INFO(checked->report());
        REQUIRE_FALSE(checked->diagnostics.has_errors());
        table = compute_scores(checked->model, checked->diagnostics);
    }
    Scored() : Scored(mipex::testing::validate_project(mipex::testing::tiny_project())) {}

    const model::Model& model() const { return checked->model; }
    size_t country(const char* code) const { return *model().find_country(code); }
    size_t year(int year) const { return *model().find_year(year); }
    Measure area(const char* id) const { return Measure::area(*model().framework.find_area(id)); }
    Measure dimension(const char* area_id, size_t index) const {
        return Measure::dimension_of(*model().framework.find_area(area_id), index);
    }
    std::optional<double> score(const char* code, int in, Measure measure) const {
        return table.score(country(code), year(in), measure);
    }
    std::optional<int> rank(const char* code, int in, Measure measure) const {
        return table.rank(country(code), year(in), measure);
    }
    size_t group(const char* id) const {
        for (size_t g = 0; g < model().groups.size(); ++g)
            if (model().groups[g].id == id)
                return g;
        FAIL("no group " << id);
        return 0;
    }
};

const Measure overall = Measure::overall(0);
const Measure overall_without_vote = Measure::overall(1);

} // namespace

// ---------------------------------------------------------------------------------------------
// The tiny project, by hand (tests/projects/tiny/content/data/scores.csv)

TEST_CASE("Sweden 2019, computed by hand") {
    Scored scored;
    // work:  access (w1 a=100 + w2 a=100)/2 = 100; rights w3 a = 100;     area (100+100)/2 = 100
    // home:  entry h1 a = 100; stay (h2 a=100 + h3 b=50)/2 = 75; rights h4 a = 100;
    //        area (100+75+100)/3 = 91.666…
    // vote:  rights (v1 a=100 + v2 b=75)/2 = 87.5;                       area 87.5
    // overall (100 + 91.666… + 87.5)/3 = 93.0555…; without vote (100 + 91.666…)/2 = 95.833…
    CHECK(scored.score("SE", 2019, scored.dimension("work", 0)) == 100);
    CHECK(scored.score("SE", 2019, scored.dimension("home", 1)) == 75);
    CHECK(scored.score("SE", 2019, scored.area("home")) == Approx(275.0 / 3));
    CHECK(scored.score("SE", 2019, scored.area("vote")) == 87.5);
    CHECK(scored.score("SE", 2019, overall) == Approx((100 + 275.0 / 3 + 87.5) / 3));
    CHECK(scored.score("SE", 2019, overall_without_vote) == Approx((100 + 275.0 / 3) / 2));
}

TEST_CASE("Germany and France 2019, computed by hand") {
    Scored scored;
    // DE: work (75 + 50)/2 = 62.5; home (100 + 25 + 50)/3 = 58.333…; vote (50 + 25)/2 = 37.5
    //     overall (62.5 + 58.333… + 37.5)/3 = 52.777…
    CHECK(scored.score("DE", 2019, scored.area("work")) == 62.5);
    CHECK(scored.score("DE", 2019, scored.area("home")) == Approx(175.0 / 3));
    CHECK(scored.score("DE", 2019, overall) == Approx(475.0 / 9));
    // FR: v2 is the number 18, not an option: vote (50 + 18)/2 = 34;
    //     work ((50+50)/2 + 100)/2 = 75; home (50 + 50 + 50)/3 = 50; overall 159/3 = 53
    CHECK(scored.score("FR", 2019, scored.area("vote")) == 34);
    CHECK(scored.score("FR", 2019, overall) == Approx(53));
    // Without the vote area FR is (75 + 50)/2 = 62.5, DE (62.5 + 58.333…)/2 = 60.416…
    CHECK(scored.score("FR", 2019, overall_without_vote) == 62.5);
    CHECK(scored.score("DE", 2019, overall_without_vote) == Approx(725.0 / 12));
}

TEST_CASE("n/a is left out of the mean under 'exclude' and counted under '{score: N}'") {
    Scored scored;
    // Norway 2019: w2 is n/a and the framework's rule is exclude, so access is w1 alone
    // (50), not (50 + 0)/2. h3 is n/a under its own rule {score: 20}: stay is (50 + 20)/2.
    CHECK(scored.score("NO", 2019, scored.dimension("work", 0)) == 50);
    CHECK(scored.score("NO", 2019, scored.dimension("home", 1)) == 35);
    // work (50 + 0)/2 = 25; home (0 + 35 + 0)/3 = 11.666…; vote (0 + 0)/2 = 0
    CHECK(scored.score("NO", 2019, overall) == Approx((25 + 35.0 / 3 + 0) / 3));
    // A real zero is a score, not an absence.
    CHECK(scored.score("NO", 2019, scored.area("vote")) == 0);

    SECTION("with h3 excluded instead, stay is h2 alone") {
        TinyCopy copy;
        copy.edit("content/framework.yaml", "            not_applicable: {score: 20}\n",
                  "            not_applicable: exclude\n");
        Scored excluded(copy.check());
        CHECK(excluded.score("NO", 2019, excluded.dimension("home", 1)) == 50);
    }
}

TEST_CASE("a dimension where nothing applies is left out of its area, with a warning") {
    TinyCopy copy;
    copy.edit("content/data/scores.csv", "NO,2019,w1,b\n", "NO,2019,w1,n/a\n");
    Scored scored(copy.check());
    // work_access has only n/a answers: no score; work is work_rights alone (0).
    CHECK_FALSE(scored.score("NO", 2019, scored.dimension("work", 0)));
    CHECK(scored.score("NO", 2019, scored.area("work")) == 0);
    CHECK(scored.checked->lines() ==
          std::vector<std::string>{"content/countries/no.yaml:1:1: warning: NO 2019: no indicator "
                                   "of dimension 'work_access' applies, so it has no score and is "
                                   "left out of the area's mean"});
    // Ranked among those with a score: three countries, not four.
    CHECK(scored.table.ranked_count(scored.year(2019), scored.dimension("work", 0)) == 3);
}

TEST_CASE("a country that enters later has no score before, not zero") {
    Scored scored;
    for (size_t m = 0; m < scored.table.measure_count(); ++m) {
        Measure measure = scored.table.measure_at(m);
        CHECK_FALSE(scored.score("NO", 2014, measure));
        CHECK_FALSE(scored.rank("NO", 2014, measure));
        CHECK(scored.score("NO", 2019, measure));
    }
    CHECK(scored.table.ranked_count(scored.year(2014), overall) == 3);
    CHECK(scored.table.ranked_count(scored.year(2019), overall) == 4);
    CHECK_FALSE(scored.table.shown_change(scored.country("NO"), scored.year(2014),
                                          scored.year(2019), overall));
}

TEST_CASE("ties share a competition rank on the shown score (1, 2, 2, 4)") {
    Scored scored;
    // Shown 2019 overall: SE 93, FR 53 (53.0), DE 53 (52.78), NO 12. DE and FR differ at full
    // precision but print the same, so they share rank 2 and the next rank is 4.
    CHECK(scored.rank("SE", 2019, overall) == 1);
    CHECK(scored.rank("DE", 2019, overall) == 2);
    CHECK(scored.rank("FR", 2019, overall) == 2);
    CHECK(scored.rank("NO", 2019, overall) == 4);
    // Without the vote area they separate: SE 96, FR 63 (62.5 rounds up), DE 60, NO 18.
    CHECK(scored.rank("SE", 2019, overall_without_vote) == 1);
    CHECK(scored.rank("FR", 2019, overall_without_vote) == 2);
    CHECK(scored.rank("DE", 2019, overall_without_vote) == 3);
    CHECK(scored.rank("NO", 2019, overall_without_vote) == 4);
    // Work access 2019: SE 100, DE 75, FR 50, NO 50: a tie in last place.
    CHECK(scored.rank("FR", 2019, scored.dimension("work", 0)) == 3);
    CHECK(scored.rank("NO", 2019, scored.dimension("work", 0)) == 3);
}

TEST_CASE("ranks follow the shown score, whatever the order of the countries") {
    // 80.4, 79.5 and 80.49 all print as 80; 79.4 prints as 79.
    CHECK(overall_ranks(countries_scoring({79.4, 80.4, 79.5, 80.49})) ==
          std::vector<int>{4, 1, 1, 1});
    CHECK(overall_ranks(countries_scoring({10, 20, 20, 30, 30, 30})) ==
          std::vector<int>{6, 4, 4, 1, 1, 1});
    CHECK(overall_ranks(countries_scoring({50})) == std::vector<int>{1});
    CHECK(overall_ranks(countries_scoring({0, 100, 0})) == std::vector<int>{2, 1, 2});
}

TEST_CASE("the overall variant without an area is the mean of the others") {
    Scored scored;
    const auto& variant = scored.model().framework.overalls.at(1);
    CHECK(variant.id == "overall_without_vote");
    for (const char* code : {"DE", "FR", "NO", "SE"}) {
        double work = *scored.score(code, 2019, scored.area("work"));
        double home = *scored.score(code, 2019, scored.area("home"));
        CHECK(scored.score(code, 2019, overall_without_vote) == Approx((work + home) / 2));
    }
}

TEST_CASE("group means average the members that have a score") {
    Scored scored;
    size_t all = scored.group("all"), nordic = scored.group("nordic");
    double se = *scored.score("SE", 2019, overall), de = *scored.score("DE", 2019, overall),
           fr = *scored.score("FR", 2019, overall), no = *scored.score("NO", 2019, overall);
    CHECK(scored.table.group_mean(all, scored.year(2019), overall) ==
          Approx((se + de + fr + no) / 4)); // 52.763…
    CHECK(scored.table.group_mean(nordic, scored.year(2019), overall) == Approx((se + no) / 2));
    // 2014: Norway is not in the index, so the mean is over three countries:
    // (83.333… + 58.333… + 48.833…)/3 = 63.5, and the Nordic mean is Sweden's alone.
    CHECK(scored.table.group_mean(all, scored.year(2014), overall) == Approx(63.5));
    CHECK(scored.table.group_mean(nordic, scored.year(2014), overall) ==
          scored.score("SE", 2014, overall));
}

TEST_CASE("changes are differences of the shown scores") {
    Scored scored;
    auto change = [&](const char* code) {
        return scored.table.shown_change(scored.country(code), scored.year(2014), scored.year(2019),
                                         overall);
    };
    CHECK(change("SE") == Shown{10, 0}); // 83.33 → 93.06: 83 → 93
    CHECK(change("DE") == Shown{-5, 0}); // 58.33 → 52.78: 58 → 53
    CHECK(change("FR") == Shown{4, 0});  // 48.83 → 53.00: 49 → 53

    SECTION("so that the printed numbers add up, even when the true change rounds otherwise") {
        // 62.4 → 62.6 is a change of 0.2, but the book prints 62 and 63: +1.
        model::Model model = countries_scoring({62.4});
        model.year_editions.years = {2014, 2019};
        model.observations = model::Observations(1, 2, 1);
        ScoreTable table(model);
        table.set_score(0, 0, overall, 62.4);
        table.set_score(0, 1, overall, 62.6);
        CHECK(table.shown_change(0, 0, 1, overall) == Shown{1, 0});
        table.set_score(0, 0, overall, 61.6);
        table.set_score(0, 1, overall, 62.4);
        CHECK(table.shown_change(0, 0, 1, overall) == Shown{0, 0});
        table.set_score(0, 0, overall, std::nullopt);
        CHECK_FALSE(table.shown_change(0, 0, 1, overall));
    }
}

// ---------------------------------------------------------------------------------------------
// Rounding and bands

/// The shown score at precision 0, as a whole number.
long long whole(double score) {
    return shown_score(score, 0).units;
}

TEST_CASE("shown scores round half away from zero") {
    CHECK(whole(62.5) == 63);
    CHECK(whole(61.5) == 62); // not to even
    CHECK(whole(0.5) == 1);
    CHECK(whole(2.5) == 3);
    CHECK(whole(62.49) == 62);
    CHECK(whole(62.51) == 63);
    CHECK(whole(0) == 0);
    CHECK(whole(100) == 100);
    CHECK(whole(-0.5) == -1);
    CHECK(whole(-2.5) == -3);
    CHECK(whole(-2.4) == -2);
}

TEST_CASE("a true .5 that arrives as .4999999999 still rounds up") {
    CHECK(whole(62.4999999999) == 63);
    CHECK(whole(62.49999999999999) == 63);
    // Further below than arithmetic noise it is a real .49…
    CHECK(whole(62.4999999) == 62);

    SECTION("as compute_scores meets it") {
        // Dimensions 50, (100+100+50)/3, (50+0+0)/3 and 100 average to exactly 62.5, but in
        // doubles the sum comes to 62.49999999999999.
        model::Model model = synthetic_model({{{50}, {100, 100, 50}, {50, 0, 0}, {100}}});
        Diagnostics diagnostics;
        ScoreTable table = compute_scores(model, diagnostics);
        double area = *table.score(0, 0, Measure::area(0));
        CHECK(area < 62.5);
        CHECK(area == Approx(62.5));
        CHECK(whole(area) == 63);
    }
}

TEST_CASE("band_of places the shown score in the theme's bands") {
    Scored scored;
    const auto& bands = scored.model().theme.bands;
    auto band = [&](double score) { return bands.at(scored.table.band_of(score)).key; };
    CHECK(band(100) == "favourable");
    CHECK(band(79.5) == "favourable"); // shows as 80
    CHECK(band(79.49) == "slightly_favourable");
    CHECK(band(59.5) == "slightly_favourable");
    CHECK(band(40.5) == "halfway_favourable");
    CHECK(band(0.5) == "unfavourable"); // shows as 1
    CHECK(band(0.49) == "critically_unfavourable");
    CHECK(band(0) == "critically_unfavourable");
    CHECK(band(*scored.score("NO", 2019, scored.area("vote"))) == "critically_unfavourable");
    CHECK(band(*scored.score("SE", 2019, overall)) == "favourable");
}

TEST_CASE("the score dump lists every score with its shown value, rank and band") {
    Scored scored;
    std::string text = dump(scored.table, scored.model());
    CHECK(text.find("FR 2019 overall 53.000000 shown=53 rank=2/4 band=halfway_favourable\n") !=
          std::string::npos);
    CHECK(text.find("NO 2019 vote 0.000000 shown=0 rank=4/4 band=critically_unfavourable\n") !=
          std::string::npos);
    CHECK(text.find("mean all 2014 overall 63.500000 shown=64\n") != std::string::npos);
    CHECK(text.find("NO 2014") == std::string::npos);
}
