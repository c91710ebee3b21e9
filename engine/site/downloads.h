// The website's data downloads: the whole dataset at stable URLs under data/, the same in
// every language (names and ids as the source files write them), numbers at full precision
// as `mipex scores` writes them.
//
//   data/scores.csv          long: one row per country, year and measure, then the group
//                            means; the bytes of `mipex scores --format csv`
//   data/scores.json         the same rows as JSON records (numbers as numbers)
//   data/scores-wide.csv     wide: one row per country (then group) and year, a column per
//                            overall, area and dimension score, in the framework's order
//   data/scores-wide.json    the same as JSON records
//   data/answers.csv         every indicator answer: country, name, year, indicator, option,
//                            score (option "n/a" and no score when not applicable)
//   data/answers.json        the same as JSON records
//   data/country/<cc>.csv    the long rows of one country (site::slug of its code)
//   data/area/<id>.csv       the long rows of one area and its dimensions, means included
//
// Each CSV has a header row naming its columns and quotes as RFC 4180 does (a field with a
// comma, a quote or a line break in double quotes, quotes doubled); lines end in a line feed,
// as `mipex scores` writes them.
#pragma once

#include "model/model.h"
#include "score/score_table.h"
#include "site/file.h"

#include <string>
#include <string_view>
#include <vector>

namespace mipex::site {

/// Every file of the data downloads, in the order listed above (countries and areas in the
/// order of the data: countries by their names in the source language, as `mipex scores`
/// lists them; areas as the framework has them).
std::vector<File> data_downloads(const model::Model& model, const score::ScoreTable& scores);

/// The path of a country's and an area's CSV, relative to the site's root.
std::string country_data_path(std::string_view country);
std::string area_data_path(std::string_view area);

/// A file's size as a downloads page shows it, in the language's words and digits by ICU
/// (CLDR's units, decimal multiples): "830 byte", "12 kB", "1.4 MB"; "12 ko" in French.
std::string file_size_text(size_t bytes, std::string_view language);

} // namespace mipex::site
