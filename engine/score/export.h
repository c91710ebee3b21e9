// Exports the computed scores as CSV or JSON, for the website and for checking by hand:
// every overall, area and dimension score of every country and year, with the shown score
// (rounded to the book's precision), rank, band, and the group means.
#pragma once

#include "model/model.h"
#include "score/score_table.h"

#include <optional>
#include <string>
#include <vector>

namespace mipex::score {

struct ExportOptions {
    std::optional<size_t> year;        ///< one edition (index into year_editions.years), or all
    std::vector<size_t> country_order; ///< countries in the order to list them (by name)
};

/// One row per country, year and measure:
/// country,name,year,level,measure,score,shown,rank,ranked,band — then one row per group
/// mean with the group's id in `country` and level "mean:<level>".
std::string export_csv(const model::Model& model, const ScoreTable& table,
                       const ExportOptions& options);

/// The same as a JSON document: {"editions": [...], "years": [{"year", "countries": [...],
/// "means": [...]}]}, areas nesting their dimensions.
std::string export_json(const model::Model& model, const ScoreTable& table,
                        const ExportOptions& options);

} // namespace mipex::score
