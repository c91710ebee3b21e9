// Builds the charts of the book from the scores: each chart's spec (data prepared and
// formatted in the edition's language), its alt text, a longer description and its data as a
// table, for the accessible editions and the website.
#pragma once

#include "doc/context.h"

namespace mipex::doc {

/// The axis of a change chart: from −range to +range points, a tick every `step`, zero one
/// of them.
struct ChangeAxis {
    int range = 10;
    int step = 5;
};

/// The axis for changes of up to `largest` points either way: at least ±10, so that small
/// changes look small, on round steps of 1, 2 or 5 × 10^k.
ChangeAxis change_axis(double largest);

class ChartBuilder : public BookContext {
public:
    explicit ChartBuilder(const BookContext& context) : BookContext(context) {}

    /// All countries ranked on a score, the average as a line; `highlight` marks a country.
    Chart ranking(Measure measure, std::string title, std::string name,
                  std::optional<size_t> highlight = std::nullopt) const;
    /// A country among all others on a score: thin columns, the country's marked.
    Chart position(size_t country, Measure measure) const;
    /// Area scores in both editions: a country's (with the average marked), or the averages.
    Chart comparison(std::string title, std::optional<size_t> country) const;
    /// A country's area scores against the average on a radar.
    Chart radar(size_t country) const;
    /// Points gained or lost in each area since the previous edition.
    Chart change(size_t country) const;
    /// The dimension scores of each area for one country, a panel an area.
    Chart dimensions(size_t country) const;
    /// A map of the countries coloured by the band of a score.
    Chart map(const model::MapAsset& map, Measure measure, std::string title,
              std::string name) const;

private:
    /// "A 94; B 88; …" from (label, value) pairs, for descriptions.
    std::string listing(const std::vector<std::pair<std::string, std::string>>& items) const;
    /// A mark's data: `country`'s code (or none), the number as `mipex scores` shows it, and
    /// its label and value as the descriptions name them ("Sweden 46").
    ChartMark mark(std::optional<size_t> country, const score::Shown& value,
                   const std::string& label, const std::string& value_text) const;

    /// The ranking each position chart starts from, by measure: every profile shows all the
    /// countries, so the bars, the data table and the description are made once, not n² times.
    mutable std::map<std::tuple<int, size_t, size_t>, Chart> m_position_rankings;
};

} // namespace mipex::doc
