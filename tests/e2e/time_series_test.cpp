// A country enters the index in its first edition (`since`) and may leave it (`until`): an
// edition of the book holds only the countries in the index that year, in its profiles,
// contents, rankings, tables and counts, as the tiny project read back with pdftotext shows.
#include "support/project.h"
#include "support/run.h"

#include <catch2/catch.hpp>

using namespace mipex::testing;

namespace {

/// Builds the project's English book and returns its text.
std::string build_text(const TinyCopy& project) {
    fs::path out = project.path() / "out";
    Run build = run_mipex("build --project " + project.path().string() + " --out " + out.string());
    INFO(build.errors);
    REQUIRE(build.status == 0);
    CHECK(build.errors.find("warning") == std::string::npos);
    return pdf_text(out / "mipex-en.pdf");
}

size_t count(const std::string& text, const std::string& word) {
    size_t found = 0;
    for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1))
        ++found;
    return found;
}

} // namespace

TEST_CASE("a country that enters the index after the book's edition is not in that book") {
    // The book presents 2014; Norway enters in 2019 (tests/projects/tiny/content/countries).
    TinyCopy project;
    project.edit("content/book.yaml", "  current: 2019\n  previous: 2014\n",
                 "  current: 2014\n  years: [2014, 2019]\n");
    std::string text = build_text(project);
    CHECK(count(text, "Norway") == 0);
    CHECK(text.find("Sweden") != std::string::npos);
    CHECK(text.find("New in") == std::string::npos);
    CHECK(text.find("–2014") == std::string::npos); // no empty "change since" range
    CHECK(text.find("all 3 countries") != std::string::npos);
}

TEST_CASE("a country that left the index is in the editions it was in and no later one") {
    // France leaves after 2014: its 2019 rows go, and the 2019 book has no France.
    TinyCopy project;
    project.append("content/countries/fr.yaml", "until: 2014\n");
    std::string csv = read_text(project.path() / "content/data/scores.csv");
    std::string kept;
    for (size_t start = 0; start < csv.size();) {
        size_t end = csv.find('\n', start);
        std::string line = csv.substr(start, end - start + 1);
        if (!line.starts_with("FR,2019,"))
            kept += line;
        start = end == std::string::npos ? csv.size() : end + 1;
    }
    project.write("content/data/scores.csv", kept);
    std::string text = build_text(project);
    CHECK(count(text, "France") == 0);
    CHECK(text.find("all 3 countries") != std::string::npos);

    SECTION("and the edition it was in still shows it") {
        project.edit("content/book.yaml", "  current: 2019\n  previous: 2014\n",
                     "  current: 2014\n  years: [2014, 2019]\n");
        std::string before = build_text(project);
        CHECK(count(before, "France") > 0);
    }
}

TEST_CASE("a reference to a country outside the edition prints its name without a link") {
    TinyCopy project;
    project.edit("content/book.yaml", "  current: 2019\n  previous: 2014\n",
                 "  current: 2014\n  years: [2014, 2019]\n");
    project.append("content/countries/se.yaml",
                   "profile: |\n  Sweden, unlike {country:NO}, is in the 2014 edition.\n");
    std::string text = build_text(project);
    CHECK(text.find("Sweden, unlike Norway, is in the 2014 edition.") != std::string::npos);

    SECTION("a page reference to it is an error of check and build alike") {
        project.write("content/countries/se.yaml",
                      "code: SE\nname: Sweden\nprofile: |\n  See page {page:country:NO}.\n");
        for (const char* command : {"check", "build"}) {
            Run run = run_mipex(std::string(command) + " --project " + project.path().string());
            INFO(run.errors);
            CHECK(run.status == 1);
            CHECK(run.errors.find("se.yaml:4:12: error: 'country:NO' has no page: it is not in "
                                  "the edition the book presents") != std::string::npos);
        }
    }
}
