#include "base/diagnostics.h"

#include <catch2/catch.hpp>

using namespace mipex;

TEST_CASE("a diagnostic prints as path:line:col, the source line and a caret") {
    SourceFiles files;
    FileId id = files.add("content/countries/se.yaml", "code: SE\nnmae: Sweden\n");
    Diagnostic diagnostic{Severity::Error, SourcePos{id, 2, 1},
                          "unknown key 'nmae' in a country; did you mean 'name'?"};
    CHECK(format_human(diagnostic, files) ==
          "content/countries/se.yaml:2:1: error: unknown key 'nmae' in a country; did you mean "
          "'name'?\n"
          "  nmae: Sweden\n"
          "  ^\n");

    diagnostic.pos.column = 7;
    CHECK(format_human(diagnostic, files).ends_with("  nmae: Sweden\n        ^\n"));
}

TEST_CASE("the caret counts code points, not bytes") {
    SourceFiles files;
    // "Ö", "–" and "日" are 2, 3 and 3 bytes; the caret must still sit under "x".
    FileId id = files.add("a.yaml", "name: Ö – 日 x\n");
    std::string text =
        format_human(Diagnostic{Severity::Warning, SourcePos{id, 1, 13}, "here"}, files);
    CHECK(text == "a.yaml:1:13: warning: here\n"
                  "  name: Ö – 日 x\n"
                  "              ^\n");
}

TEST_CASE("tabs before the column stay tabs so the caret lines up") {
    SourceFiles files;
    FileId id = files.add("a.yaml", "\tkey:\tvalue");
    CHECK(format_human(Diagnostic{Severity::Note, SourcePos{id, 1, 7}, "n"}, files) ==
          "a.yaml:1:7: note: n\n"
          "  \tkey:\tvalue\n"
          "  \t    \t^\n");
}

TEST_CASE("a diagnostic without a line prints no source line") {
    SourceFiles files;
    FileId id = files.add("content/data/scores.csv", "country,year\n");
    CHECK(format_human(Diagnostic{Severity::Error, SourcePos{id, 0, 0}, "file is missing"},
                       files) == "content/data/scores.csv: error: file is missing\n");
    CHECK(format_human(Diagnostic{Severity::Error, SourcePos{}, "no file at all"}, files) ==
          "error: no file at all\n");
    // A line past the end of the file has no text to show.
    CHECK(format_human(Diagnostic{Severity::Error, SourcePos{id, 9, 1}, "late"}, files) ==
          "content/data/scores.csv:9:1: error: late\n");
}

TEST_CASE("a CRLF file shows its line without the carriage return") {
    SourceFiles files;
    FileId id = files.add("w.yaml", "a: 1\r\nb: x\r\n");
    CHECK(format_human(Diagnostic{Severity::Error, SourcePos{id, 2, 4}, "m"}, files) ==
          "w.yaml:2:4: error: m\n  b: x\n     ^\n");
}

TEST_CASE("JSON diagnostics are one line with stable field order") {
    SourceFiles files;
    FileId id = files.add("content/book.yaml", "title: x\n");
    CHECK(format_json(Diagnostic{Severity::Error, SourcePos{id, 1, 8}, "say \"why\"\nhere"},
                      files) == "{\"severity\":\"error\",\"file\":\"content/book.yaml\",\"line\":1,"
                                "\"column\":8,\"message\":\"say \\\"why\\\"\\nhere\"}");
    CHECK(format_json(Diagnostic{Severity::Warning, SourcePos{}, "Österreich"}, files) ==
          "{\"severity\":\"warning\",\"file\":\"\",\"line\":null,\"column\":null,"
          "\"message\":\"Österreich\"}");
}

TEST_CASE("a diagnostic about a whole file or folder names it without a line, in both formats") {
    SourceFiles files;
    FileId folder = files.add("content/countries/", "");
    FileId link = files.add("content/countries/loop.yaml", "");
    CHECK(SourcePos::whole(link).is_whole());
    CHECK_FALSE(SourcePos{link, 3, 1}.is_whole());
    CHECK_FALSE(SourcePos{}.is_whole());
    Diagnostic about_folder{Severity::Error, SourcePos::whole(folder), "no country files"};
    CHECK(format_human(about_folder, files) == "content/countries/: error: no country files\n");
    CHECK(format_json(about_folder, files) ==
          "{\"severity\":\"error\",\"file\":\"content/countries/\",\"line\":null,"
          "\"column\":null,\"message\":\"no country files\"}");
    Diagnostic about_link{Severity::Error, SourcePos::whole(link), "this folder is a link"};
    CHECK(format_human(about_link, files) ==
          "content/countries/loop.yaml: error: this folder is a link\n");
    CHECK(format_json(about_link, files).find("\"line\":null,\"column\":null") !=
          std::string::npos);
    // A line without a column: the column is null, the line stays.
    FileId text = files.add("content/book.yaml", "title: x\n");
    CHECK(format_json(Diagnostic{Severity::Note, SourcePos{text, 1, 0}, "n"}, files) ==
          "{\"severity\":\"note\",\"file\":\"content/book.yaml\",\"line\":1,"
          "\"column\":null,\"message\":\"n\"}");
}

TEST_CASE("JSON output survives bytes that are not UTF-8") {
    SourceFiles files;
    // A message quoting a broken file must not make the JSON writer throw.
    std::string json;
    REQUIRE_NOTHROW(json =
                        format_json(Diagnostic{Severity::Error, SourcePos{}, "bad \xFF"}, files));
    CHECK(json.find("bad \xEF\xBF\xBD") != std::string::npos); // U+FFFD in its place
}

TEST_CASE("diagnostics are counted by severity") {
    Diagnostics diagnostics;
    CHECK_FALSE(diagnostics.has_errors());
    diagnostics.warning(SourcePos{}, "w");
    diagnostics.note(SourcePos{}, "n");
    CHECK_FALSE(diagnostics.has_errors());
    CHECK(diagnostics.warning_count() == 1);
    diagnostics.error(SourcePos{}, "e");
    CHECK(diagnostics.has_errors());
    CHECK(diagnostics.error_count() == 1);
    CHECK(diagnostics.all().size() == 3);
}

TEST_CASE("all diagnostics print sorted by file, line and column, with a summary") {
    SourceFiles files;
    FileId a = files.add("a.yaml", "one\ntwo\nthree\n");
    FileId b = files.add("b.yaml", "x\n");
    Diagnostics diagnostics;
    diagnostics.error(SourcePos{b, 1, 1}, "fourth");
    diagnostics.error(SourcePos{a, 3, 2}, "third");
    diagnostics.warning(SourcePos{a, 2, 1}, "second");
    diagnostics.error(SourcePos{a, 2, 1}, "second too"); // same place: keeps its order
    diagnostics.note(SourcePos{a, 1, 1}, "first");

    std::vector<std::string> order;
    for (const Diagnostic& diagnostic : diagnostics.sorted())
        order.push_back(diagnostic.message);
    CHECK(order == std::vector<std::string>{"first", "second", "second too", "third", "fourth"});

    std::string human = format_all(diagnostics, files, DiagnosticFormat::Human);
    CHECK(human.starts_with("a.yaml:1:1: note: first\n  one\n  ^\n"));
    CHECK(human.ends_with("b.yaml:1:1: error: fourth\n  x\n  ^\n3 errors found\n"));

    std::string json = format_all(diagnostics, files, DiagnosticFormat::Json);
    CHECK(std::count(json.begin(), json.end(), '\n') == 5); // one line each, no summary
    CHECK(json.find("found") == std::string::npos);
}

TEST_CASE("the summary says error in the singular and is left out without errors") {
    SourceFiles files;
    Diagnostics one;
    one.error(SourcePos{}, "e");
    CHECK(format_all(one, files, DiagnosticFormat::Human) == "error: e\n1 error found\n");
    Diagnostics warnings;
    warnings.warning(SourcePos{}, "w");
    CHECK(format_all(warnings, files, DiagnosticFormat::Human) == "warning: w\n");
}
