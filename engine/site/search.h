// The website's search: a static index per language of the countries, areas, dimensions and
// indicators (with their questions), searched in the page by layouts/site/search.js; no
// server. Names are matched folded, so "osterreich" finds Österreich and "cote" Côte d'Ivoire.
//
// The index is a script, assets/search-<lang>.js, that sets window.MIPEX_SEARCH: a page opened
// from file:// may load a script but not fetch() a JSON file. The page's search form
// (search_form_html) names it; search.js loads it on first use.
#pragma once

#include "i18n/localizer.h"
#include "model/model.h"

#include <string>
#include <string_view>
#include <vector>

namespace mipex::site {

/// Text as the search compares it: lower-cased in `language` (ICU's full case mapping, as
/// JavaScript's toLocaleLowerCase), decomposed (NFD), every combining mark (general category
/// M) removed, and final sigma as medial. So "Österreich" → "osterreich", "Côte" → "cote",
/// "ΕΛΛΆΔΑ" → "ελλαδα", Arabic without its harakat, "İstanbul" → "istanbul". search.js folds
/// the query the same way: toLocaleLowerCase, normalize('NFD'), remove \p{M}, ς → σ.
std::string fold_for_search(std::string_view text, std::string_view language);

/// The words of a folded text, as the index stores them: runs of letters and digits (general
/// categories L and N) joined by single spaces, "cote d'ivoire" → "cote d ivoire".
std::string search_words(std::string_view folded);

struct SearchEntry {
    enum class Kind { Country, Area, Dimension, Indicator };
    Kind kind = Kind::Country;
    std::string title;  ///< the name in the index's language: "Österreich"
    std::string detail; ///< one short line under it: "Land · AT"
    std::string url;    ///< the page, relative to the site's root: "de/country/at.html"
    /// The folded words it is found by: its title's first, then the rest (a country's code
    /// and name in the source language, an indicator's question).
    std::string words;
};

/// The search index of one language.
struct SearchIndex {
    std::string language;
    /// Countries, areas, dimensions, then indicators, each kind in the order of the
    /// language's dictionary (ICU collation of the titles).
    std::vector<SearchEntry> entries;
    /// What the result list announces for 0, 1, 2 … entries.size() results, formatted by ICU
    /// MessageFormat in the language (ui.search_results), so plural forms and digits are the
    /// language's own.
    std::vector<std::string> result_counts;
};

/// The index of the localizer's language. Names, questions and interface strings come
/// through the localizer, as the book's do (its catalog, ICU's country names, the source
/// text where neither has one).
SearchIndex make_search_index(const model::Model& model, const i18n::Localizer& localizer);

/// Where the index of a language is written, relative to the site's root.
std::string search_index_path(std::string_view language);

/// The index as the script search.js loads: `window.MIPEX_SEARCH = {…};` with the language,
/// the folder of the site's root relative to the script ("root": "../"), the result counts
/// and the entries (kind, title, detail, url, words). The same index gives the same bytes.
std::string search_index_script(const SearchIndex& index);

/// The search box of a page: a `<form role="search">` whose input and result list search.js
/// brings to life, and which without JavaScript goes to the search page (named_page
/// "search"). `page` is the path of the page it is on; `label` the input's label.
std::string search_form_html(std::string_view page, std::string_view language,
                             std::string_view label);

/// The body of the search page without JavaScript: every entry as a link with its detail
/// line, in the index's order; `page` is the search page's path.
std::string search_list_html(const SearchIndex& index, std::string_view page);

} // namespace mipex::site
