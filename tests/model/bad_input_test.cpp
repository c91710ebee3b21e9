// The bad-input harness. Each folder under tests/bad-input/ holds the files that differ from
// tests/projects/tiny and an expect.txt with the diagnostics they must produce, one a line:
//
//     content/framework.yaml:12:7: error: unknown key 'nmae'
//
// File, line, column and severity must match exactly; the message must start with the given
// text. Lines starting with '#' are comments. Every diagnostic the engine reports must be
// expected, so a case also fails when an error is reported twice or a cascade appears.
#include "score/compute.h"
#include "support/project.h"

#include <catch2/catch.hpp>

#include <cstring>
#include <regex>
#include <sstream>

using namespace mipex;
namespace fs = std::filesystem;

namespace {

struct Expected {
    std::string where; ///< "path:line:col: severity"
    std::string message_start;
    std::string text; ///< the line as written, for reports
};

std::vector<Expected> read_expectations(const fs::path& file) {
    static const std::regex line_format(R"(^(.+:\d+:\d+: (error|warning|note)): (.*)$)");
    std::vector<Expected> expectations;
    std::istringstream stream(mipex::testing::read_text(file));
    std::string line;
    int number = 0;
    while (std::getline(stream, line)) {
        ++number;
        if (line.empty() || line.front() == '#')
            continue;
        std::smatch match;
        if (!std::regex_match(line, match, line_format))
            FAIL(file.string() << ":" << number
                               << ": not 'path:line:col: severity: message': " << line);
        expectations.push_back({match[1], match[3], line});
    }
    return expectations;
}

/// Splits a diagnostic line made by Checked::line at its severity, like an expectation.
std::pair<std::string, std::string> split(const std::string& line) {
    for (const char* severity : {": error: ", ": warning: ", ": note: "}) {
        size_t at = line.find(severity);
        if (at != std::string::npos) {
            size_t message = at + std::strlen(severity);
            return {line.substr(0, message - 2), line.substr(message)};
        }
    }
    return {line, ""};
}

/// Runs one case: the tiny project with the case's files laid over it, loaded, validated
/// and, when that succeeds, scored (the score stage has warnings of its own).
void run_case(const fs::path& folder) {
    mipex::testing::TempDir project;
    mipex::testing::copy_tree(mipex::testing::tiny_project(), project.path());
    size_t overlaid = 0;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (!entry.is_regular_file() || entry.path().filename() == "expect.txt")
            continue;
        fs::path target = project / entry.path().lexically_relative(folder);
        fs::create_directories(target.parent_path());
        fs::copy_file(entry.path(), target, fs::copy_options::overwrite_existing);
        ++overlaid;
    }
    REQUIRE(overlaid > 0);
    auto expectations = read_expectations(folder / "expect.txt");
    REQUIRE_FALSE(expectations.empty());

    auto checked = mipex::testing::check_project(project.path());
    if (!checked->diagnostics.has_errors())
        score::compute_scores(checked->model, checked->diagnostics);
    std::vector<std::string> actual = checked->lines();

    std::vector<bool> used(actual.size(), false);
    std::vector<std::string> missing;
    for (const Expected& expected : expectations) {
        bool found = false;
        for (size_t i = 0; i < actual.size() && !found; ++i) {
            auto [where, message] = split(actual[i]);
            if (!used[i] && where == expected.where && message.starts_with(expected.message_start))
                used[i] = found = true;
        }
        if (!found)
            missing.push_back(expected.text);
    }
    std::vector<std::string> unexpected;
    for (size_t i = 0; i < actual.size(); ++i)
        if (!used[i])
            unexpected.push_back(actual[i]);

    if (!missing.empty() || !unexpected.empty()) {
        std::string report = "case " + folder.filename().string() + "\nexpected, not reported:\n";
        for (const std::string& line : missing)
            report += "  " + line + "\n";
        report += "reported, not expected:\n";
        for (const std::string& line : unexpected)
            report += "  " + line + "\n";
        report += "all diagnostics (the format of expect.txt):\n";
        for (const std::string& line : actual)
            report += "  " + line + "\n";
        report += "as the user sees them:\n" + checked->report();
        FAIL_CHECK(report);
    }
}

} // namespace

TEST_CASE("the tiny project the bad-input cases start from is valid") {
    auto checked = mipex::testing::check_project(mipex::testing::tiny_project());
    INFO(checked->report());
    CHECK(checked->diagnostics.all().empty());
}

TEST_CASE("every bad-input case reports exactly its expected diagnostics") {
    fs::path root = fs::path(MIPEX_TESTS_DIR) / "bad-input";
    std::vector<fs::path> cases;
    for (const auto& entry : fs::directory_iterator(root))
        if (entry.is_directory())
            cases.push_back(entry.path());
    std::sort(cases.begin(), cases.end());
    CHECK(cases.size() >= 15);
    for (const fs::path& folder : cases) {
        DYNAMIC_SECTION(folder.filename().string()) {
            run_case(folder);
        }
    }
}
