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

/// One score as the CSV lists it: a country's (or a group's mean) in one year and measure.
struct ExportRow {
    std::string who;  ///< the country's code, or the group's id for a mean
    std::string name; ///< the country's or group's name in the source language
    int year = 0;
    std::string level;   ///< "overall", "area", "dimension"; "mean:<level>" for a group's mean
    std::string measure; ///< the overall variant's, area's or dimension's id
    double score = 0;    ///< full precision
    Shown shown;
    std::optional<int> rank, ranked; ///< none for a group's mean
    std::string band;                ///< the band's key
};

/// The rows of export_csv, in its order: by year, then each country (in `country_order`) with
/// its measures, then each group's means.
std::vector<ExportRow> export_rows(const model::Model& model, const ScoreTable& table,
                                   const ExportOptions& options);

/// The header line of export_csv, with its line feed.
std::string export_csv_header();
/// One row as export_csv writes it, with its line feed.
std::string export_csv_row(const ExportRow& row);

/// One row per country, year and measure:
/// country,name,year,level,measure,score,shown,rank,ranked,band — then one row per group
/// mean with the group's id in `country` and level "mean:<level>".
std::string export_csv(const model::Model& model, const ScoreTable& table,
                       const ExportOptions& options);

/// A CSV field as RFC 4180 (section 2, rules 6 and 7) writes it: in double quotes, each quote
/// doubled, when it holds a comma, a quote or a line break; else as it is.
std::string csv_field(std::string_view text);

/// The shortest text that reads back as the same double (std::to_chars): full precision
/// without noise, "58.333333333333336".
std::string exact_number(double value);

/// The same as a JSON document: {"editions": [...], "years": [{"year", "countries": [...],
/// "means": [...]}]}, areas nesting their dimensions.
std::string export_json(const model::Model& model, const ScoreTable& table,
                        const ExportOptions& options);

} // namespace mipex::score
