#include "score/compute.h"

#include <algorithm>
#include <numeric>

namespace mipex::score {

namespace {

std::optional<double> mean(const std::vector<double>& values) {
    if (values.empty())
        return std::nullopt;
    // Summed in a fixed order, so the same data always gives the same bits.
    return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

/// The score an answer contributes to its dimension's mean, or nothing when it is left out.
std::optional<double> contribution(const model::Answer& answer, const model::Indicator& indicator) {
    using Kind = model::Answer::Kind;
    switch (answer.kind) {
    case Kind::Option:
    case Kind::Number:
        return answer.value;
    case Kind::NotApplicable:
        // MIPEX.md: n/a is handled by the framework's explicit rule, never silently as 0.
        if (indicator.not_applicable.kind == model::NotApplicableRule::Kind::Score)
            return indicator.not_applicable.score;
        return std::nullopt;
    case Kind::Missing:
        return std::nullopt;
    }
    return std::nullopt;
}

void rank_measure(ScoreTable& table, size_t countries, size_t year, Measure measure) {
    // Competition ranking (1, 2, 2, 4) on the shown score, so equal printed scores share a rank.
    std::vector<std::pair<Shown, size_t>> shown;
    for (size_t c = 0; c < countries; ++c)
        if (auto value = table.score(c, year, measure))
            shown.emplace_back(table.shown(*value), c);
    std::stable_sort(shown.begin(), shown.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (size_t i = 0; i < shown.size(); ++i) {
        int rank = static_cast<int>(i) + 1;
        if (i > 0 && shown[i].first == shown[i - 1].first)
            rank = *table.rank(shown[i - 1].second, year, measure);
        table.set_rank(shown[i].second, year, measure, rank);
    }
    table.set_ranked_count(year, measure, static_cast<int>(shown.size()));
}

bool anyone_scored(const model::Model& model, const ScoreTable& table, size_t year,
                   Measure measure) {
    for (size_t c = 0; c < model.countries.size(); ++c)
        if (table.score(c, year, measure))
            return true;
    return false;
}

/// The editions the book shows (the current one and the one it compares against) must give
/// every chart and table something to show: an area or dimension that no country has a score
/// for (every answer n/a and left out) would print as an empty chart and a column of dashes,
/// and an edition that no country is in yet as a comparison with nothing.
void check_shown_editions(const model::Model& model, const ScoreTable& table,
                          Diagnostics& diagnostics) {
    std::vector<size_t> shown = {model.year_editions.current};
    if (model.year_editions.previous)
        shown.push_back(*model.year_editions.previous);
    for (size_t y : shown) {
        if (y >= model.year_editions.years.size())
            continue;
        std::string year = std::to_string(model.year_editions.years[y]);
        bool anyone = false;
        for (size_t c = 0; c < model.countries.size() && !anyone; ++c)
            anyone = model.observations.has_year(c, y);
        if (!anyone) {
            bool current = y == model.year_editions.current;
            diagnostics.error(current ? model.year_editions.current_pos
                                      : model.year_editions.previous_pos,
                              "no country has scores for " + year +
                                  ", an edition the book shows (every country "
                                  "enters the index later); add its data or "
                                  "change the editions in content/book.yaml");
            continue;
        }
        const model::Framework& framework = model.framework;
        for (size_t a = 0; a < framework.areas.size(); ++a) {
            const model::Area& area = framework.areas[a];
            if (!anyone_scored(model, table, y, Measure::area(a))) {
                diagnostics.error(area.pos, "no country has a score for area '" + area.id +
                                                "' in " + year +
                                                ": every answer to its indicators is n/a and "
                                                "left out, so its chart and tables would be "
                                                "empty");
                continue;
            }
            for (size_t d = 0; d < area.dimensions.size(); ++d)
                if (!anyone_scored(model, table, y, Measure::dimension_of(a, d)))
                    diagnostics.error(area.dimensions[d].pos,
                                      "no country has a score for dimension '" +
                                          area.dimensions[d].id + "' in " + year +
                                          ": every answer to its indicators is n/a and left "
                                          "out, so its column would be empty");
        }
    }
}

} // namespace

ScoreTable compute_scores(const model::Model& model, Diagnostics& diagnostics) {
    ScoreTable table(model);
    const model::Framework& framework = model.framework;
    const size_t years = model.year_editions.years.size();

    for (size_t c = 0; c < model.countries.size(); ++c) {
        for (size_t y = 0; y < years; ++y) {
            if (!model.observations.has_year(c, y))
                continue; // not in the index that year: absent, not zero (MIPEX.md)
            std::vector<std::optional<double>> area_scores(framework.areas.size());
            for (size_t a = 0; a < framework.areas.size(); ++a) {
                const model::Area& area = framework.areas[a];
                std::vector<double> dimension_scores;
                for (size_t d = 0; d < area.dimensions.size(); ++d) {
                    std::vector<double> answers;
                    for (size_t i : area.dimensions[d].indicators)
                        if (auto value = contribution(model.observations.at(c, y, i),
                                                      framework.indicators[i]))
                            answers.push_back(*value);
                    auto dimension = mean(answers);
                    table.set_score(c, y, Measure::dimension_of(a, d), dimension);
                    if (dimension)
                        dimension_scores.push_back(*dimension);
                    else
                        diagnostics.warning(model.countries[c].pos,
                                            model.countries[c].code + " " +
                                                std::to_string(model.year_editions.years[y]) +
                                                ": no indicator of dimension '" +
                                                area.dimensions[d].id +
                                                "' applies, so it has no score and is left out "
                                                "of the area's mean");
                }
                area_scores[a] = mean(dimension_scores);
                table.set_score(c, y, Measure::area(a), area_scores[a]);
            }
            for (size_t o = 0; o < framework.overalls.size(); ++o) {
                std::vector<double> values;
                bool complete = true;
                for (size_t a : framework.overalls[o].areas) {
                    if (area_scores[a])
                        values.push_back(*area_scores[a]);
                    else
                        complete = false;
                }
                // An overall score over fewer areas than it names would not compare with the
                // others: leave it out.
                table.set_score(c, y, Measure::overall(o), complete ? mean(values) : std::nullopt);
            }
        }
    }

    check_shown_editions(model, table, diagnostics);

    for (size_t y = 0; y < years; ++y) {
        for (size_t m = 0; m < table.measure_count(); ++m) {
            Measure measure = table.measure_at(m);
            rank_measure(table, model.countries.size(), y, measure);
            for (size_t g = 0; g < model.groups.size(); ++g) {
                std::vector<double> values;
                for (size_t member : model.groups[g].members)
                    if (auto value = table.score(member, y, measure))
                        values.push_back(*value);
                table.set_group_mean(g, y, measure, mean(values));
            }
        }
    }
    return table;
}

} // namespace mipex::score
