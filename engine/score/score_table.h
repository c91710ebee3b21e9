// The score stage's output: every dimension, area and overall score of every country in every
// edition year, at full precision, with ranks, group means and bands. Numbers are rounded only
// when shown, by shown_score(), in one place.
#pragma once

#include "model/model.h"

#include <compare>
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

/// A number as the book shows it: a score rounded to the book's precision (model::BookInfo::
/// precision), or the difference of two such, held exactly as a whole count of its last
/// place, so that printed numbers add up: 58.33 − 55.00 is 333 hundredths, +3.33, where
/// doubles would give 3.3299999999999983.
struct Shown {
    long long units = 0; ///< the number × 10^decimals: 5833 for 58.33
    int decimals = 0;    ///< 0, 1 or 2

    /// The number, for drawing (a bar's length) and comparing with thresholds.
    double value() const;
    /// The whole part, towards zero: 79 for 79.5 (score bands are on whole scores).
    long long whole() const;
    /// Plain ASCII with exactly `decimals` decimals ("58.33", "-3.30", "0"), for files.
    std::string text() const;

    /// The difference of two shown numbers of the same precision.
    friend Shown operator-(const Shown& a, const Shown& b);
    friend auto operator<=>(const Shown&, const Shown&) = default;
};

/// The score as printed: rounded half away from zero to `decimals` (0, 1 or 2) places.
/// Scores are means of a few rationals, so a true half (62.5, or 58.335 at two decimals) can
/// arrive as 62.4999999999999: the score is scaled by 10^decimals and nudged by 1e-9 of its
/// last place, which rounds it as the exact arithmetic would. The nudge is far above the
/// doubles' error (a score up to 100 carries about 1e-13, 1e-11 of a hundredth) and far below
/// how close a mean that is not a half can come to one: a mean of MIPEX answers is a fraction
/// whose denominator q is at most a few million (100 × indicators × dimensions × areas), and
/// scaled by 10^decimals it stays at least 1/(2q), some 1e-7, from any half it is not.
Shown shown_score(double score, int decimals);

class ScoreTable {
public:
    ScoreTable() = default;
    ScoreTable(const model::Model& model);

    size_t measure_count() const { return m_measure_count; }
    size_t id_of(Measure measure) const;
    Measure measure_at(size_t id) const { return m_measures.at(id); }

    /// The full-precision score; nothing when the country has no data that year.
    std::optional<double> score(size_t country, size_t year, Measure measure) const;
    /// How many decimals the book shows (model::BookInfo::precision).
    int precision() const { return m_precision; }
    /// A score as the book shows it, at its precision.
    Shown shown(double score) const { return shown_score(score, m_precision); }
    /// Competition rank on the shown score (1, 2, 2, 4) among countries with a score.
    std::optional<int> rank(size_t country, size_t year, Measure measure) const;
    /// How many countries have a score (the "of N" in "rank 3 of N").
    int ranked_count(size_t year, Measure measure) const;
    /// Mean of the group members' full-precision scores that year.
    std::optional<double> group_mean(size_t group, size_t year, Measure measure) const;
    /// Change in shown points between two years: shown(to) − shown(from), so that the
    /// printed numbers add up. Nothing when either year has no score.
    std::optional<Shown> shown_change(size_t country, size_t from_year, size_t to_year,
                                      Measure measure) const;
    /// Index of the theme band of the shown score. Bands cover whole scores (60–79, 80–100):
    /// a shown score with decimals is in the band of its whole part, so 79.5 is below the
    /// threshold of 80 and in 60–79, as it would be in MIPEX's workbooks.
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
    int m_precision = 0;
    std::vector<double> m_scores; ///< NaN = absent
    std::vector<int> m_ranks;     ///< 0 = absent
    std::vector<int> m_ranked_counts;
    std::vector<double> m_group_means;
    std::vector<model::Band> m_bands;
};

/// A text dump: one line per country, year and measure, with score, shown score, rank, band.
std::string dump(const ScoreTable& table, const model::Model& model);

} // namespace mipex::score
