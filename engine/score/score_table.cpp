#include "score/score_table.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

namespace mipex::score {

namespace {

/// 10^decimals, for the precisions a book may have (0, 1, 2).
long long scale_of(int decimals) {
    static constexpr long long scales[] = {1, 10, 100};
    if (decimals < 0 || decimals > 2)
        throw std::invalid_argument("a book shows 0, 1 or 2 decimals");
    return scales[decimals];
}

} // namespace

double Shown::value() const {
    return static_cast<double>(units) / static_cast<double>(scale_of(decimals));
}

long long Shown::whole() const {
    return units / scale_of(decimals);
}

std::string Shown::text() const {
    std::string out = units < 0 ? "-" : "";
    const long long scale = scale_of(decimals), magnitude = units < 0 ? -units : units;
    out += std::to_string(magnitude / scale);
    if (decimals > 0) {
        std::string fraction = std::to_string(magnitude % scale);
        out += "." + std::string(static_cast<size_t>(decimals) - fraction.size(), '0') + fraction;
    }
    return out;
}

Shown operator-(const Shown& a, const Shown& b) {
    if (a.decimals != b.decimals)
        throw std::invalid_argument("shown numbers of different precisions do not subtract");
    return Shown{a.units - b.units, a.decimals};
}

Shown shown_score(double score, int decimals) {
    const double scaled = score * static_cast<double>(scale_of(decimals));
    const auto magnitude = static_cast<long long>(std::floor(std::fabs(scaled) + 0.5 + 1e-9));
    return Shown{scaled < 0 ? -magnitude : magnitude, decimals};
}

ScoreTable::ScoreTable(const model::Model& model)
    : m_countries(model.countries.size()), m_years(model.year_editions.years.size()),
      m_groups(model.groups.size()), m_precision(model.book.precision), m_bands(model.theme.bands) {
    m_overall_count = model.framework.overalls.size();
    for (size_t i = 0; i < m_overall_count; ++i)
        m_measures.push_back(Measure::overall(i));
    for (size_t a = 0; a < model.framework.areas.size(); ++a)
        m_measures.push_back(Measure::area(a));
    for (size_t a = 0; a < model.framework.areas.size(); ++a) {
        m_area_offsets.push_back(m_measures.size());
        for (size_t d = 0; d < model.framework.areas[a].dimensions.size(); ++d)
            m_measures.push_back(Measure::dimension_of(a, d));
    }
    m_measure_count = m_measures.size();
    m_scores.assign(m_countries * m_years * m_measure_count,
                    std::numeric_limits<double>::quiet_NaN());
    m_ranks.assign(m_scores.size(), 0);
    m_ranked_counts.assign(m_years * m_measure_count, 0);
    m_group_means.assign(m_groups * m_years * m_measure_count,
                         std::numeric_limits<double>::quiet_NaN());
}

size_t ScoreTable::id_of(Measure measure) const {
    size_t id = 0;
    switch (measure.kind) {
    case Measure::Kind::Overall:
        id = measure.index;
        break;
    case Measure::Kind::Area:
        id = m_overall_count + measure.index;
        break;
    case Measure::Kind::Dimension:
        id = m_area_offsets.at(measure.index) + measure.dimension;
        break;
    }
    if (id >= m_measure_count || !(m_measures[id] == measure))
        throw std::out_of_range("no such measure in the score table");
    return id;
}

std::optional<double> ScoreTable::score(size_t country, size_t year, Measure measure) const {
    double value = m_scores.at(slot(country, year, id_of(measure)));
    if (std::isnan(value))
        return std::nullopt;
    return value;
}

std::optional<int> ScoreTable::rank(size_t country, size_t year, Measure measure) const {
    int value = m_ranks.at(slot(country, year, id_of(measure)));
    if (value == 0)
        return std::nullopt;
    return value;
}

int ScoreTable::ranked_count(size_t year, Measure measure) const {
    return m_ranked_counts.at(year * m_measure_count + id_of(measure));
}

std::optional<double> ScoreTable::group_mean(size_t group, size_t year, Measure measure) const {
    double value = m_group_means.at((group * m_years + year) * m_measure_count + id_of(measure));
    if (std::isnan(value))
        return std::nullopt;
    return value;
}

std::optional<Shown> ScoreTable::shown_change(size_t country, size_t from_year, size_t to_year,
                                              Measure measure) const {
    auto from = score(country, from_year, measure);
    auto to = score(country, to_year, measure);
    if (!from || !to)
        return std::nullopt;
    return shown(*to) - shown(*from);
}

size_t ScoreTable::band_of(double score) const {
    const long long shown = this->shown(score).whole();
    for (size_t i = 0; i < m_bands.size(); ++i)
        if (shown >= m_bands[i].min && shown <= m_bands[i].max)
            return i;
    throw std::logic_error("validated bands must cover every score from 0 to 100");
}

void ScoreTable::set_score(size_t country, size_t year, Measure measure,
                           std::optional<double> value) {
    m_scores.at(slot(country, year, id_of(measure))) =
        value ? *value : std::numeric_limits<double>::quiet_NaN();
}

void ScoreTable::set_rank(size_t country, size_t year, Measure measure, int rank) {
    m_ranks.at(slot(country, year, id_of(measure))) = rank;
}

void ScoreTable::set_ranked_count(size_t year, Measure measure, int count) {
    m_ranked_counts.at(year * m_measure_count + id_of(measure)) = count;
}

void ScoreTable::set_group_mean(size_t group, size_t year, Measure measure,
                                std::optional<double> value) {
    m_group_means.at((group * m_years + year) * m_measure_count + id_of(measure)) =
        value ? *value : std::numeric_limits<double>::quiet_NaN();
}

static std::string measure_name(const Measure& measure, const model::Model& model) {
    switch (measure.kind) {
    case Measure::Kind::Overall:
        return model.framework.overalls[measure.index].id;
    case Measure::Kind::Area:
        return model.framework.areas[measure.index].id;
    case Measure::Kind::Dimension:
        return model.framework.areas[measure.index].dimensions[measure.dimension].id;
    }
    return "?";
}

std::string dump(const ScoreTable& table, const model::Model& model) {
    std::string out;
    char buffer[160];
    for (size_t c = 0; c < model.countries.size(); ++c) {
        for (size_t y = 0; y < model.year_editions.years.size(); ++y) {
            for (size_t m = 0; m < table.measure_count(); ++m) {
                Measure measure = table.measure_at(m);
                auto value = table.score(c, y, measure);
                if (!value)
                    continue;
                auto rank = table.rank(c, y, measure);
                std::snprintf(buffer, sizeof buffer, "%s %d %s %.6f shown=%s rank=%d/%d band=%s\n",
                              model.countries[c].code.c_str(), model.year_editions.years[y],
                              measure_name(measure, model).c_str(), *value,
                              table.shown(*value).text().c_str(), rank.value_or(0),
                              table.ranked_count(y, measure),
                              model.theme.bands.empty()
                                  ? "-"
                                  : model.theme.bands[table.band_of(*value)].key.c_str());
                out += buffer;
            }
        }
    }
    for (size_t g = 0; g < model.groups.size(); ++g)
        for (size_t y = 0; y < model.year_editions.years.size(); ++y)
            for (size_t m = 0; m < table.measure_count(); ++m) {
                Measure measure = table.measure_at(m);
                if (auto mean = table.group_mean(g, y, measure)) {
                    std::snprintf(buffer, sizeof buffer, "mean %s %d %s %.6f shown=%s\n",
                                  model.groups[g].id.c_str(), model.year_editions.years[y],
                                  measure_name(measure, model).c_str(), *mean,
                                  table.shown(*mean).text().c_str());
                    out += buffer;
                }
            }
    return out;
}

} // namespace mipex::score
