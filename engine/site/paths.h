// Where the pages of the website live, and the links between them. Every link the site writes
// is relative ("../country/se.html"), so that the site works on any static host, under any
// folder, and opened from file:// too.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mipex::site {

/// The part of a page's file name made from an id: "SE" → "se", "lmm" → "lmm". Letters
/// lower-cased (static hosts differ in case sensitivity), anything but a–z, 0–9, '-' and '_'
/// becomes '-'. The ids validation admits (lower-case letters, digits, '_'; a country's ISO
/// code in capitals) give every page a name of its own.
std::string slug(std::string_view id);

/// The pages of one language, relative to the site's root ("en/index.html").
std::string home_page(std::string_view language);
std::string area_page(std::string_view language, std::string_view area);
std::string country_page(std::string_view language, std::string_view country);
std::string indicator_page(std::string_view language, std::string_view indicator);
/// A country's profile as PDF, beside its page: "de/country/se.pdf", what `mipex build --lang
/// de --only country:SE` writes.
std::string country_pdf(std::string_view language, std::string_view country);
/// A dimension's place on its area's page: "en/area/lmm.html#lmm_access", the fragment the
/// dimension's slug (the id of its part of the page).
std::string dimension_link(std::string_view language, std::string_view area,
                           std::string_view dimension);
/// A page of its own: "compare", "how-to-read", "downloads", "colophon", "search".
std::string named_page(std::string_view language, std::string_view name);

/// The link from the page at `from` to the file at `to`, both relative to the site's root.
std::string relative_url(std::string_view from, std::string_view to);

} // namespace mipex::site
