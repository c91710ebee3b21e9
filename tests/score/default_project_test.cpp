// Properties that must hold for the default book (content/ at the top of the repository),
// whatever its data: these are the methodology's invariants, not its numbers.
#include "score/compute.h"
#include "support/project.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace mipex;
using namespace mipex::score;

namespace {

struct DefaultProject {
    std::unique_ptr<mipex::testing::ValidatedProject> checked;
    ScoreTable table;

    DefaultProject() : checked(mipex::testing::validate_project(MIPEX_SOURCE_DIR)) {
        table = compute_scores(checked->model, checked->diagnostics);
    }
    const model::Model& model() const { return checked->model; }
};

const DefaultProject& default_project() {
    static const DefaultProject project;
    return project;
}

} // namespace

TEST_CASE("the default project validates and scores without errors") {
    const auto& project = default_project();
    INFO(project.checked->report());
    CHECK_FALSE(project.checked->diagnostics.has_errors());
    CHECK(project.model().countries.size() > 1);
    CHECK(project.model().year_editions.years.size() >= 2);
}

TEST_CASE("every score and group mean of the default project lies within 0-100") {
    const auto& project = default_project();
    const auto& model = project.model();
    auto valid = [](double score) { return std::isfinite(score) && score >= 0 && score <= 100; };
    std::vector<std::string> wrong;
    size_t scores = 0;
    for (size_t m = 0; m < project.table.measure_count(); ++m) {
        Measure measure = project.table.measure_at(m);
        for (size_t y = 0; y < model.year_editions.years.size(); ++y) {
            std::string where = " measure " + std::to_string(m) + " in " +
                                std::to_string(model.year_editions.years[y]) + ": ";
            for (size_t c = 0; c < model.countries.size(); ++c) {
                auto score = project.table.score(c, y, measure);
                scores += score.has_value();
                if (score && !valid(*score))
                    wrong.push_back(model.countries[c].code + where + std::to_string(*score));
            }
            for (size_t g = 0; g < model.groups.size(); ++g)
                if (auto mean = project.table.group_mean(g, y, measure); mean && !valid(*mean))
                    wrong.push_back(model.groups[g].id + where + std::to_string(*mean));
        }
    }
    CHECK(wrong == std::vector<std::string>{});
    CHECK(scores > 0);
}

TEST_CASE("ranks of the default project agree with the shown scores") {
    const auto& project = default_project();
    const auto& model = project.model();
    std::vector<std::string> wrong; // collected, so a failure lists every bad rank at once
    for (size_t m = 0; m < project.table.measure_count(); ++m) {
        Measure measure = project.table.measure_at(m);
        for (size_t y = 0; y < model.year_editions.years.size(); ++y) {
            std::string where = "measure " + std::to_string(m) + " in " +
                                std::to_string(model.year_editions.years[y]) + ": ";
            std::vector<std::pair<long long, int>> shown_and_rank; // of countries with a score
            for (size_t c = 0; c < model.countries.size(); ++c) {
                auto score = project.table.score(c, y, measure);
                auto rank = project.table.rank(c, y, measure);
                if (score.has_value() != rank.has_value())
                    wrong.push_back(where + model.countries[c].code + " has a score xor a rank");
                if (score && rank)
                    shown_and_rank.emplace_back(project.table.shown(*score).units, *rank);
            }
            if (project.table.ranked_count(y, measure) != static_cast<int>(shown_and_rank.size()))
                wrong.push_back(where + "ranked_count is not the number of scores");
            for (auto [shown, rank] : shown_and_rank) {
                // Competition ranking: one more than the number of countries shown higher. So
                // a better shown score never has a worse rank, and equal ones share it.
                int higher = 0;
                for (auto [other, unused] : shown_and_rank)
                    higher += other > shown;
                if (rank != higher + 1)
                    wrong.push_back(where + "shown " + std::to_string(shown) + " has rank " +
                                    std::to_string(rank) + ", expected " +
                                    std::to_string(higher + 1));
            }
        }
    }
    CHECK(wrong == std::vector<std::string>{});
}

TEST_CASE("countries entering in 2019 have no 2014 score at all (absent, not zero)") {
    const auto& project = default_project();
    const auto& model = project.model();
    auto y2014 = model.find_year(2014), y2019 = model.find_year(2019);
    REQUIRE(y2014);
    REQUIRE(y2019);
    size_t newcomers = 0;
    for (size_t c = 0; c < model.countries.size(); ++c) {
        if (model.countries[c].since != 2019)
            continue;
        ++newcomers;
        INFO(model.countries[c].code);
        for (size_t m = 0; m < project.table.measure_count(); ++m) {
            CHECK_FALSE(project.table.score(c, *y2014, project.table.measure_at(m)));
            CHECK(project.table.score(c, *y2019, project.table.measure_at(m)));
        }
    }
    CHECK(newcomers > 0);
    // And everyone else has both.
    for (size_t c = 0; c < model.countries.size(); ++c)
        if (!model.countries[c].since)
            CHECK(project.table.score(c, *y2014, Measure::overall()));
}

TEST_CASE("each level of the default project is the plain mean of the level below") {
    const auto& project = default_project();
    const auto& model = project.model();
    const auto& framework = model.framework;
    for (size_t c = 0; c < model.countries.size(); ++c) {
        for (size_t y = 0; y < model.year_editions.years.size(); ++y) {
            if (!project.table.score(c, y, Measure::overall()))
                continue;
            std::vector<double> areas;
            for (size_t a = 0; a < framework.areas.size(); ++a) {
                double sum = 0;
                int count = 0;
                for (size_t d = 0; d < framework.areas[a].dimensions.size(); ++d)
                    if (auto score = project.table.score(c, y, Measure::dimension_of(a, d))) {
                        sum += *score;
                        ++count;
                    }
                REQUIRE(count > 0);
                CHECK(*project.table.score(c, y, Measure::area(a)) ==
                      Catch::Detail::Approx(sum / count));
                areas.push_back(sum / count);
            }
            for (size_t o = 0; o < framework.overalls.size(); ++o) {
                double sum = 0;
                for (size_t a : framework.overalls[o].areas)
                    sum += areas[a];
                CHECK(*project.table.score(c, y, Measure::overall(o)) ==
                      Catch::Detail::Approx(sum / framework.overalls[o].areas.size()));
            }
        }
    }
}
