// The pages of the website in one language, from the edition's document (its sections, its
// site content: doc/site_content.h) and the charts layout drew alone: a home page, a page per
// policy area, country and indicator, the comparison, how to read the index, the downloads,
// the colophon and a search page; each complete without JavaScript, in the language's
// direction, with the alternates of every other language.
#pragma once

#include "display/display_list.h"
#include "doc/document.h"
#include "site/file.h"
#include "site/search.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace mipex::site {

/// A language the site is written in.
struct SiteLanguage {
    std::string tag;  ///< BCP 47 ("de", "ar")
    std::string name; ///< in itself ("Deutsch", "العربية"), for the switcher
    bool right_to_left = false;
};

/// A file the downloads page offers.
struct Download {
    std::string path;  ///< relative to the site's root ("mipex-de.pdf", "data/mipex-long.csv")
    std::string label; ///< what it is, in the page's language
    uintmax_t bytes = 0;
    /// The name a browser saves it under ("mipex-de-country-SE.pdf"); empty: the path's.
    std::string name;
};

struct LanguageSiteOptions {
    /// Every language of the site, in the order the switcher lists them.
    std::vector<SiteLanguage> languages;
    /// The site's address with a final '/' ("https://www.mipex.eu/"), for canonical URLs and
    /// Open Graph; empty: links stay relative.
    std::string base_url;
    /// The book's files and the data, with their sizes.
    std::vector<Download> book_files, data_files;
    /// The text of the site's own style sheet and scripts (assets/): the characters they show
    /// (CSS generated content) go into the fonts with the pages'.
    std::string asset_text;
    /// Each country's profile as PDF (country_pdf), by the country's code; a country page
    /// links its own.
    std::map<std::string, Download> country_files;
    /// Also write what the site's root holds in the source language: the language chooser
    /// (index.html) and the page for addresses that lead nowhere (404.html).
    bool root_pages = false;
    /// The language's search index (site/search.h), written beside the pages; none: the
    /// search page lists nothing.
    const SearchIndex* search = nullptr;
};

/// The pages of the language `document` is in, its style sheet (<lang>/book.css), the book's
/// fonts for them (<lang>/fonts/) and the images a shared link shows (<lang>/share/).
/// The document must have been built with its site content and the book laid out with its
/// charts alone; `error` says what is missing otherwise.
std::vector<File> language_pages(const doc::Document& document, const display::Book& book,
                                 const LanguageSiteOptions& options, std::string& error);

/// sitemap.xml (sitemaps.org 0.9) of `pages`, paths relative to the site's root, made
/// absolute with `base_url`.
std::string sitemap(const std::vector<std::string>& pages, const std::string& base_url);

/// robots.txt: everything may be crawled; the sitemap named when the address is known.
std::string robots(const std::string& base_url);

} // namespace mipex::site
