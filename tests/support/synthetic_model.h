// Test support: models built in code rather than loaded from a project, for the score stage's
// arithmetic on numbers chosen by the test. Header-only; needs mipex_score and mipex_model.
#pragma once

#include "model/model.h"
#include "score/compute.h"

#include <string>
#include <vector>

namespace mipex::testing {

/// A model at a precision: one area whose dimensions hold the given indicators, each answered
/// with a number, one edition (2019), the countries XA, XB, … in order, all in the group
/// "all". `answers[country][dimension]` lists the indicator values of that dimension.
inline model::Model synthetic_model(const std::vector<std::vector<std::vector<double>>>& answers,
                                    int precision = 0) {
    model::Model model;
    model.book.precision = precision;
    model::Area area{"a", model::Text{"area.a.name", "A", {}}, {}, {}};
    for (size_t d = 0; d < answers.at(0).size(); ++d) {
        model::Dimension dimension{"d" + std::to_string(d), {}, {}, {}};
        for (size_t i = 0; i < answers[0][d].size(); ++i) {
            model::Indicator indicator;
            indicator.id = "i" + std::to_string(d) + "_" + std::to_string(i);
            indicator.dimension = d;
            dimension.indicators.push_back(model.framework.indicators.size());
            model.framework.indicators.push_back(indicator);
        }
        area.dimensions.push_back(dimension);
    }
    model.framework.areas.push_back(area);
    model.framework.overalls.push_back(model::OverallVariant{"overall", {}, {}, {0}});
    model.year_editions.years = {2019};
    model::Group all{"all", {}, {}, {}};
    for (size_t c = 0; c < answers.size(); ++c) {
        model.countries.push_back(
            model::Country{std::string("X") + char('A' + c), {}, {}, {}, {}, {}});
        all.members.push_back(c);
    }
    model.groups.push_back(all);
    model.observations = model::Observations(answers.size(), 1, model.framework.indicators.size());
    for (size_t c = 0; c < answers.size(); ++c) {
        size_t indicator = 0;
        for (const auto& dimension : answers[c])
            for (double value : dimension) {
                auto& answer = model.observations.at(c, 0, indicator++);
                answer.kind = model::Answer::Kind::Number;
                answer.value = value;
            }
    }
    return model;
}

/// Countries of one indicator each, at a precision: each value is one country's overall score.
inline model::Model countries_scoring(const std::vector<double>& values, int precision = 0) {
    std::vector<std::vector<std::vector<double>>> answers;
    for (double value : values)
        answers.push_back({{value}});
    return synthetic_model(answers, precision);
}

/// The overall rank of each country of the model in its first edition (0 where it has none).
inline std::vector<int> overall_ranks(const model::Model& model) {
    Diagnostics diagnostics;
    score::ScoreTable table = score::compute_scores(model, diagnostics);
    std::vector<int> ranks;
    for (size_t c = 0; c < model.countries.size(); ++c)
        ranks.push_back(table.rank(c, 0, score::Measure::overall()).value_or(0));
    return ranks;
}

} // namespace mipex::testing
