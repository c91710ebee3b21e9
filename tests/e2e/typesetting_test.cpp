// The typesetting of the whole default book: the rules the pages keep (no widow, no orphan,
// no heading at a page foot, no line wider than the measure), the optimal line breaker against
// first fit, and page references that tell the truth.
#include "layout/layout.h"
#include "pipeline/pipeline.h"
#include "support/run.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>
#include <sstream>

using namespace mipex;
namespace fs = std::filesystem;

namespace {

struct Laid {
    std::string report;
    std::vector<std::string> warnings;
};

Laid lay_out(bool greedy) {
    auto checked = pipeline::check_project(MIPEX_SOURCE_DIR);
    REQUIRE_FALSE(checked->diagnostics.has_errors());
    doc::Document document = pipeline::build_document(*checked, "en");
    Laid result;
    pipeline::lay_out(*checked, document, MIPEX_SOURCE_DIR, greedy, &result.report);
    for (const Diagnostic& diagnostic : checked->diagnostics.all())
        result.warnings.push_back(diagnostic.message);
    return result;
}

/// A number from a report line such as "hyphenated 171 (21.7%)".
double number_after(const std::string& report, const std::string& label) {
    std::smatch match;
    REQUIRE(std::regex_search(report, match, std::regex(label + " ([0-9.]+)")));
    return std::stod(match[1]);
}

} // namespace

TEST_CASE("the default book keeps every typesetting rule") {
    Laid optimal = lay_out(false);
    INFO(optimal.report);
    for (const std::string& warning : optimal.warnings)
        INFO(warning);
    // layout reports each broken rule as a warning; there must be none.
    CHECK(optimal.warnings.empty());
    CHECK(number_after(optimal.report, "overfull") == 0);
}

TEST_CASE("optimal line breaking sets the book more evenly than first fit") {
    Laid optimal = lay_out(false);
    Laid greedy = lay_out(true);
    INFO("optimal: " << optimal.report);
    INFO("first fit: " << greedy.report);
    CHECK(number_after(optimal.report, "stretched beyond ratio 1.0:") <
          number_after(greedy.report, "stretched beyond ratio 1.0:") / 2);
    CHECK(number_after(optimal.report, "hyphenated") < number_after(greedy.report, "hyphenated"));
    CHECK(number_after(optimal.report, "em mean,") < number_after(greedy.report, "em mean,"));
}

TEST_CASE("page references in the text name the page their target is on") {
    fs::path out = fs::temp_directory_path() / ("mipex-refs-" + std::to_string(::getpid()));
    mipex::testing::Run built =
        mipex::testing::run_mipex("build --project " MIPEX_SOURCE_DIR " --out " + out.string());
    INFO(built.output << built.errors);
    REQUIRE(built.status == 0);
    std::string text = mipex::testing::pdf_text(out / "mipex-en.pdf");
    std::vector<std::string> pages;
    std::stringstream stream(text);
    std::string page;
    while (std::getline(stream, page, '\f'))
        pages.push_back(page);
    auto first_line = [](const std::string& page_text) {
        std::stringstream lines(page_text);
        std::string line;
        while (std::getline(lines, line))
            if (line.find_first_not_of(' ') != std::string::npos)
                return line.substr(line.find_first_not_of(' '));
        return std::string();
    };
    auto page_labelled = [&](const std::string& label) -> const std::string* {
        for (const std::string& candidate : pages) {
            std::stringstream lines(candidate);
            std::string line, last;
            while (std::getline(lines, line))
                if (line.find_first_not_of(' ') != std::string::npos)
                    last = line.substr(line.find_first_not_of(' '));
            if (last == label)
                return &candidate;
        }
        return nullptr;
    };
    // "How to read" refers to Sweden's profile, the first area chapter and the annex by page.
    std::string flat = std::regex_replace(text, std::regex("\\s+"), " ");
    std::smatch match;
    REQUIRE(std::regex_search(flat, match, std::regex("see Sweden on page ([0-9]+)")));
    const std::string* sweden = page_labelled(match[1]);
    REQUIRE(sweden);
    CHECK(first_line(*sweden) == "Sweden");
    REQUIRE(
        std::regex_search(flat, match, std::regex("see Labour market mobility on page ([0-9]+)")));
    const std::string* chapter = page_labelled(match[1]);
    REQUIRE(chapter);
    CHECK(first_line(*chapter) == "Labour market mobility");
    REQUIRE(std::regex_search(flat, match, std::regex("The annex, from page ([0-9]+)")));
    const std::string* annex = page_labelled(match[1]);
    REQUIRE(annex);
    CHECK(first_line(*annex) == "The indicators");
    // The footnote of that text sits at the foot of the page that refers to it.
    int referring = 0;
    for (const std::string& candidate : pages)
        if (candidate.find("shown rounded to whole numbers.1") != std::string::npos) {
            ++referring;
            CHECK(candidate.find("1 Rounding goes half away from zero") != std::string::npos);
        }
    CHECK(referring == 1);
    fs::remove_all(out);
}
