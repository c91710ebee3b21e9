// The score stage's output: every dimension, area and overall score of every country in every
// edition year, at full precision, with ranks, group means and bands. Numbers are rounded only
// when shown, by shown_score(), in one place.
#pragma once

#include "model/model.h"

#include <optional>
#include <string>
#include <vector>

namespace mipex::score {

/// Which score: an overall variant, an area or a dimension of an area.
struct Measure {
    enum class Kind { Overall, Area, Dimension };
    Kind kind = Kind::Overall;
    size_t index = 0;     ///< overall variant, area, or area for a dimension
    size_t dimension = 0; ///< dimension within the area (Kind::Dimension only)

    static Measure overall(size_t variant = 0) { return {Kind::Overall, variant, 0}; }
    static Measure area(size_t area) { return {Kind::Area, area, 0}; }
    static Measure dimension_of(size_t area, size_t dimension) {
        return {Kind::Dimension, area, dimension};
    }
    friend bool operator==(const Measure&, const Measure&) = default;
};

/// The score as printed: rounded half away from zero to a whole number. Scores are means of
/// a few rationals, so a true .5 can arrive as .4999999999999; the 1e-9 nudge rounds it as the
/// exact arithmetic would (no mean of MIPEX answers lies within 1e-9 of a .5 without being it).
int shown_score(double score);

class ScoreTable {
public:
    ScoreTable() = default;
    ScoreTable(const model::Model& model);

    size_t measure_count() const { return m_measure_count; }
    size_t id_of(Measure measure) const;
    Measure measure_at(size_t id) const { return m_measures.at(id); }

    /// The full-precision score; nothing when the country has no data that year.
    std::optional<double> score(size_t country, size_t year, Measure measure) const;
    /// Competition rank on the shown score (1, 2, 2, 4) among countries with a score.
    std::optional<int> rank(size_t country, size_t year, Measure measure) const;
    /// How many countries have a score (the "of N" in "rank 3 of N").
    int ranked_count(size_t year, Measure measure) const;
    /// Mean of the group members' full-precision scores that year.
    std::optional<double> group_mean(size_t group, size_t year, Measure measure) const;
    /// Change in shown points between two years: shown(to) − shown(from), so that the
    /// printed numbers add up. Nothing when either year has no score.
    std::optional<int> shown_change(size_t country, size_t from_year, size_t to_year,
                                    Measure measure) const;
    /// Index of the theme band the shown score falls into.
    size_t band_of(double score) const;

    // Filled by compute_scores().
    void set_score(size_t country, size_t year, Measure measure, std::optional<double> value);
    void set_rank(size_t country, size_t year, Measure measure, int rank);
    void set_ranked_count(size_t year, Measure measure, int count);
    void set_group_mean(size_t group, size_t year, Measure measure, std::optional<double> value);

private:
    size_t slot(size_t country, size_t year, size_t measure) const {
        return (country * m_years + year) * m_measure_count + measure;
    }

    std::vector<Measure> m_measures;
    std::vector<size_t> m_area_offsets; ///< id of each area's first dimension
    size_t m_overall_count = 0;
    size_t m_measure_count = 0, m_countries = 0, m_years = 0, m_groups = 0;
    std::vector<double> m_scores; ///< NaN = absent
    std::vector<int> m_ranks;     ///< 0 = absent
    std::vector<int> m_ranked_counts;
    std::vector<double> m_group_means;
    std::vector<model::Band> m_bands;
};

/// A text dump: one line per country, year and measure, with score, shown score, rank, band.
std::string dump(const ScoreTable& table, const model::Model& model);

} // namespace mipex::score
