#include "base/diagnostics.h"
#include "base/limits.h"

#include <catch2/catch.hpp>

using namespace mipex;

TEST_CASE("limits are set by name, with K, M and G suffixes") {
    Limits limits;
    CHECK(set_limit(limits, "file-size=64M") == "");
    CHECK(limits.file_bytes == 64u << 20);
    CHECK(set_limit(limits, "countries=500") == "");
    CHECK(limits.countries == 500);
    CHECK(set_limit(limits, "values=2K") == "");
    CHECK(limits.values == 2048);
    CHECK(set_limit(limits, "cells=1G") == "");
    CHECK(limits.cells == 1u << 30);
    // Every limit in the table can be set.
    for (const LimitInfo& info : limit_table())
        CHECK(set_limit(limits, std::string(info.name) + "=7") == "");
}

TEST_CASE("a bad limit is refused with a message and changes nothing") {
    Limits limits;
    CHECK_THAT(set_limit(limits, "countrys=3"), Catch::StartsWith("no limit named 'countrys'"));
    CHECK_THAT(set_limit(limits, "countries"), Catch::Contains("needs a value"));
    CHECK_THAT(set_limit(limits, "countries=0"), Catch::Contains("above 0"));
    CHECK_THAT(set_limit(limits, "countries=-1"), Catch::Contains("whole number"));
    CHECK_THAT(set_limit(limits, "countries=3.5"), Catch::Contains("whole number"));
    CHECK_THAT(set_limit(limits, "countries=10T"), Catch::Contains("whole number"));
    CHECK_THAT(set_limit(limits, "countries=99999999999999999999"),
               Catch::Contains("whole number"));
    CHECK_THAT(set_limit(limits, "file-size=99999999999G"), Catch::Contains("whole number"));
    CHECK_THAT(set_limit(limits, "depth=1001"), Catch::Contains("cannot be above 1000"));
    CHECK(set_limit(limits, "depth=1000") == "");
    CHECK(limits.countries == Limits{}.countries);
}

TEST_CASE("counts print with thousands separators") {
    CHECK(format_count(0) == "0");
    CHECK(format_count(999) == "999");
    CHECK(format_count(1000) == "1,000");
    CHECK(format_count(16777216) == "16,777,216");
}

TEST_CASE("errors past the limit are counted, not kept, and a note says so") {
    SourceFiles files;
    FileId id = files.add("a.csv", "x\n");
    Diagnostics diagnostics;
    diagnostics.set_error_limit(2);
    for (int i = 0; i < 5; ++i)
        diagnostics.error(SourcePos{id, 1, 1}, "bad " + std::to_string(i));
    diagnostics.warning(SourcePos{id, 1, 1}, "odd");
    CHECK(diagnostics.error_count() == 5);
    CHECK(diagnostics.all().size() == 3);
    CHECK(diagnostics.hidden_errors() == 3);
    CHECK(diagnostics.at_error_limit());
    std::string human = format_all(diagnostics, files, DiagnosticFormat::Human);
    CHECK_THAT(human, Catch::Contains("note: 3 more errors not shown: the limit is 2 of each; "
                                      "raise it with --limit errors=N"));
    CHECK_THAT(human, Catch::EndsWith("5 errors found\n"));
    std::string json = format_all(diagnostics, files, DiagnosticFormat::Json);
    CHECK_THAT(json, Catch::Contains("\"severity\":\"note\""));
}

TEST_CASE("a long source line is shown as a window around the column") {
    SourceFiles files;
    std::string line = std::string(5000, 'a') + "X" + std::string(5000, 'b');
    FileId id = files.add("long.yaml", line + "\n");
    std::string shown =
        format_human(Diagnostic{Severity::Error, SourcePos{id, 1, 5001}, "here"}, files);
    CHECK(shown.size() < 400);
    // The window starts and ends with an ellipsis, and the caret is under the X.
    std::string source = shown.substr(shown.find('\n') + 1);
    std::string caret = source.substr(source.find('\n') + 1);
    size_t x = source.find('X');
    REQUIRE(x != std::string::npos);
    CHECK_THAT(source, Catch::StartsWith("  \xE2\x80\xA6"));
    // The ellipsis is one column wide but three bytes: the caret is two bytes left of X.
    CHECK(caret.find('^') == x - 2);
    // Near the start of the line there is nothing to cut before the column.
    std::string early =
        format_human(Diagnostic{Severity::Error, SourcePos{id, 1, 3}, "here"}, files);
    CHECK_THAT(early, Catch::Contains("  aaa") && Catch::Contains("\n    ^\n"));
}
