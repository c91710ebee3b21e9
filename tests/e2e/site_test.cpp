// mipex site, run as an editor runs it: the pages of every language asked for, what every
// page carries (language and direction, the alternates of the other languages, the way
// back home), the same bytes from the same input, and the base URL it refuses before writing
// anything. What a browser sees (vnu, axe, the keyboard, links, numbers) is in
// tests/browser/.
#include "site/downloads.h"
#include "support/run.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <regex>

namespace fs = std::filesystem;
using namespace mipex::testing;

namespace {

Run site(const std::string& options, const fs::path& out,
         const std::string& project = MIPEX_SOURCE_DIR) {
    return run_command("SOURCE_DATE_EPOCH=1700000000 " + std::string(MIPEX_BINARY) +
                       " site --project " + project + " --out " + out.string() + " " + options);
}

/// The English and Arabic site of the default book, built once for the tests that read it.
const fs::path& english_and_arabic() {
    static TempDir folder;
    static bool built = [] {
        Run run = site("--lang en,ar --base-url https://example.org/mipex", folder.path());
        INFO(run.output << run.errors);
        REQUIRE(run.status == 0);
        return true;
    }();
    (void)built;
    static fs::path root = folder / "site";
    return root;
}

} // namespace

TEST_CASE("mipex site writes every kind of page in every language asked for") {
    const fs::path& root = english_and_arabic();
    for (const char* language : {"en", "ar"}) {
        INFO(language);
        for (const char* page :
             {"index.html", "compare.html", "how-to-read.html", "downloads.html", "colophon.html",
              "search.html", "indicators.html", "404.html", "book.css", "country/se.html",
              "country/de.html", "area/lmm.html", "area/health.html"})
            CHECK(fs::is_regular_file(root / language / page));
        // The book of the language beside its pages.
        CHECK(fs::is_regular_file(root / (std::string("mipex-") + language + ".pdf")));
        CHECK(fs::is_regular_file(root / (std::string("mipex-") + language + ".epub")));
    }
    for (const char* shared :
         {"index.html", "404.html", "robots.txt", "sitemap.xml", "assets/site.css",
          "assets/site.js", "data/scores.csv", "data/scores.json"})
        CHECK(fs::is_regular_file(root / shared));
    // An indicator page for every indicator of the framework.
    size_t indicators = 0;
    for (const auto& entry : fs::directory_iterator(root / "en" / "indicator"))
        indicators += entry.path().extension() == ".html";
    CHECK(indicators == 130);
}

TEST_CASE("every page says its language and direction and links the same page in the others") {
    const fs::path& root = english_and_arabic();
    std::string english = read_text(root / "en/country/se.html");
    std::string arabic = read_text(root / "ar/country/se.html");
    CHECK(english.find("<html lang=\"en\" dir=\"ltr\">") != std::string::npos);
    CHECK(arabic.find("<html lang=\"ar\" dir=\"rtl\">") != std::string::npos);
    for (const std::string& page : {english, arabic}) {
        CHECK(page.find("<link rel=\"alternate\" hreflang=\"en\" "
                        "href=\"https://example.org/mipex/en/country/se.html\">") !=
              std::string::npos);
        CHECK(page.find("<link rel=\"alternate\" hreflang=\"ar\" "
                        "href=\"https://example.org/mipex/ar/country/se.html\">") !=
              std::string::npos);
        // The switcher leads to the same page in the other language, named in itself.
        CHECK(page.find(">English</a>") != std::string::npos);
        CHECK(page.find(">العربية</a>") != std::string::npos);
    }
    CHECK(english.find("href=\"../../ar/country/se.html\" hreflang=\"ar\" lang=\"ar\" "
                       "dir=\"rtl\"") != std::string::npos);
    CHECK(english.find("<link rel=\"canonical\" href=\"https://example.org/mipex/en/country/"
                       "se.html\">") != std::string::npos);
    // The sitemap lists absolute addresses, the 404 pages not among them.
    std::string sitemap = read_text(root / "sitemap.xml");
    CHECK(sitemap.find("<loc>https://example.org/mipex/ar/area/lmm.html</loc>") !=
          std::string::npos);
    CHECK(sitemap.find("404.html") == std::string::npos);
}

TEST_CASE("a country page shows every score with the year and value a script can read") {
    std::string page = read_text(english_and_arabic() / "en/country/se.html");
    // Sweden's overall score in the default book's current edition, as mipex scores
    // rounds it, and the Arabic page's digits with the same plain value.
    Run scores = run_mipex(std::string("scores --project ") + MIPEX_SOURCE_DIR + " --format csv");
    REQUIRE(scores.status == 0);
    std::smatch row;
    REQUIRE(std::regex_search(scores.output, row,
                              std::regex("\\nSE,Sweden,2019,overall,overall,[^,]*,([0-9.]+),")));
    CHECK(page.find("data-measure=\"overall\" data-year=\"2019\" data-value=\"" + row[1].str() +
                    "\">" + row[1].str() + "</td>") != std::string::npos);
    std::string arabic = read_text(english_and_arabic() / "ar/country/se.html");
    CHECK(arabic.find("data-measure=\"overall\" data-year=\"2019\" data-value=\"" + row[1].str() +
                      "\">") != std::string::npos);
}

TEST_CASE("each country's profile is a PDF of its own, --only's bytes, linked with its size "
          "from its page") {
    const fs::path& root = english_and_arabic();
    // Every country of the edition has one, in every language.
    for (const char* language : {"en", "ar"}) {
        size_t pages = 0, pdfs = 0;
        for (const auto& entry : fs::directory_iterator(root / language / "country")) {
            pages += entry.path().extension() == ".html";
            pdfs += entry.path().extension() == ".pdf";
        }
        CHECK(pdfs == 56);
        CHECK(pdfs == pages);
    }
    // Read back: the country's profile, and no other's.
    std::string sweden = pdf_text(root / "en/country/se.pdf");
    CHECK(sweden.starts_with("Sweden"));
    CHECK(sweden.find("Overall score 2019") != std::string::npos);
    CHECK(sweden.find("born abroad") != std::string::npos);
    CHECK(sweden.find("Germany") == std::string::npos);
    std::string germany = pdf_text(root / "en/country/de.pdf");
    CHECK(germany.starts_with("Germany"));
    CHECK(germany.find("main destinations for migrants") != std::string::npos);
    CHECK(germany.find("Sweden") == std::string::npos);
    // The bytes `mipex build --only` writes for the part, in either direction.
    for (const char* language : {"en", "ar"}) {
        INFO(language);
        TempDir only;
        Run run = run_command("SOURCE_DATE_EPOCH=1700000000 " + std::string(MIPEX_BINARY) +
                              " build --project " + MIPEX_SOURCE_DIR + " --out " +
                              only.path().string() + " --lang " + language + " --only country:SE");
        REQUIRE(run.status == 0);
        CHECK(read_text(only / (std::string("mipex-") + language + "-country-SE.pdf")) ==
              read_text(root / language / "country/se.pdf"));
    }
    // The country page links it, under --only's name, with its size as the language says it.
    for (const char* language : {"en", "ar"}) {
        INFO(language);
        std::string page = read_text(root / language / "country/se.html");
        std::string size = mipex::site::file_size_text(
            fs::file_size(root / language / "country/se.pdf"), language);
        std::string name = language == std::string("en") ? "Sweden" : "السويد";
        CHECK(page.find("<a href=\"se.pdf\" download=\"mipex-" + std::string(language) +
                        "-country-SE.pdf\">" + name + " (PDF)</a> <span class=\"size\">(" + size +
                        ")</span>") != std::string::npos);
    }
}

TEST_CASE("the same input and SOURCE_DATE_EPOCH give the same site, byte for byte") {
    TempDir first, second;
    Run a = site("--lang en", first.path());
    Run b = site("--lang en --jobs 1", second.path());
    REQUIRE(a.status == 0);
    REQUIRE(b.status == 0);
    auto files = files_below(first / "site");
    auto again = files_below(second / "site");
    CHECK(files.size() > 200);
    REQUIRE(files.size() == again.size());
    for (const auto& [path, bytes] : files) {
        INFO(path);
        CHECK(again.count(path));
        CHECK((again.count(path) && again.at(path) == bytes));
    }
}

TEST_CASE("a base URL that is not an absolute http(s) address is refused before anything is "
          "written") {
    for (const char* url : {"ftp://example.org/", "example.org/mipex", "https:///nohost",
                            "https://example.org/a b"}) {
        INFO(url);
        TempDir out;
        Run run = site(std::string("--base-url '") + url + "'", out.path());
        CHECK(run.status == 1);
        CHECK(run.errors.find("--base-url") != std::string::npos);
        CHECK_FALSE(fs::exists(out / "site"));
    }
}
