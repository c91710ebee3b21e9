#include "site/paths.h"

#include <catch2/catch.hpp>

using namespace mipex::site;

TEST_CASE("page names come from ids, lower-cased and safe for any host") {
    CHECK(slug("SE") == "se");
    CHECK(slug("lmm") == "lmm");
    CHECK(slug("a b/../c") == "a-b----c");
    CHECK(slug("") == "-");
    CHECK(country_page("en", "SE") == "en/country/se.html");
    CHECK(area_page("ar", "lmm") == "ar/area/lmm.html");
    CHECK(indicator_page("de", "lmm_1") == "de/indicator/lmm_1.html");
    CHECK(dimension_link("en", "lmm", "lmm_access") == "en/area/lmm.html#lmm_access");
    CHECK(named_page("fr", "compare") == "fr/compare.html");
    CHECK(home_page("el") == "el/index.html");
}

TEST_CASE("links between pages are relative, so the site works under any folder") {
    CHECK(relative_url("en/index.html", "en/country/se.html") == "country/se.html");
    CHECK(relative_url("en/country/se.html", "en/country/de.html") == "de.html");
    CHECK(relative_url("en/country/se.html", "en/area/lmm.html") == "../area/lmm.html");
    CHECK(relative_url("en/country/se.html", "de/country/se.html") == "../../de/country/se.html");
    CHECK(relative_url("en/index.html", "assets/site.css") == "../assets/site.css");
    CHECK(relative_url("index.html", "en/index.html") == "en/index.html");
}
