#include "load/project.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>

using namespace mipex;
using namespace mipex::load;
using mipex::testing::TempDir;
using mipex::testing::write_text;

namespace {

struct Loaded {
    SourceFiles files;
    Diagnostics diagnostics;
    LoadedProject project;
    std::string root; ///< the project folder, stripped from paths in messages()

    explicit Loaded(const std::filesystem::path& folder,
                    const std::filesystem::path& engine = MIPEX_SOURCE_DIR)
        : root(folder.generic_string() + "/") {
        project = load_project(ProjectPaths{folder, engine}, files, diagnostics);
    }
    /// "path:line:col: message" for each diagnostic, with project-relative paths.
    std::string messages() const {
        std::string out;
        for (const Diagnostic& diagnostic : diagnostics.sorted()) {
            std::string where = files.describe(diagnostic.pos);
            if (where.starts_with(root))
                where = where.substr(root.size());
            out += where + ": " + diagnostic.message + "\n";
        }
        return out;
    }
    std::vector<std::string> names() const {
        std::vector<std::string> result;
        for (const LoadedFile& file : project.files)
            result.push_back(file.name);
        return result;
    }
};

const std::string engine_layouts = std::string(MIPEX_SOURCE_DIR) + "/layouts/";

} // namespace

TEST_CASE("a project's content and layouts load by logical name, in name order") {
    TempDir dir;
    write_text(dir / "content/book.yaml", "title: T\n");
    write_text(dir / "content/countries/se.yaml", "code: SE\n");
    write_text(dir / "content/countries/de.yml", "code: DE\n");
    write_text(dir / "content/data/scores.csv", "country,year\nSE,2019\n");
    write_text(dir / "content/notes.txt", "not a data file\n");
    Loaded loaded(dir.path());
    CHECK(loaded.diagnostics.all().empty());
    CHECK(loaded.names() == std::vector<std::string>{
                                "content/book.yaml", "content/countries/de.yml",
                                "content/countries/se.yaml", "content/data/scores.csv",
                                "layouts/book.yaml", "layouts/strings.yaml", "layouts/theme.yaml"});
    auto countries = loaded.project.under("content/countries");
    REQUIRE(countries.size() == 2);
    CHECK(countries[0]->name == "content/countries/de.yml");
    CHECK(loaded.project.under("content/count").empty()); // folders, not prefixes
    const LoadedFile* scores = loaded.project.find("content/data/scores.csv");
    REQUIRE(scores);
    CHECK(scores->root().is_sequence()); // read as CSV by its extension
    CHECK(loaded.files.path(scores->file) == loaded.root + "content/data/scores.csv");
    CHECK_FALSE(loaded.project.find("content/notes.txt"));
}

TEST_CASE("the engine's layouts serve a project that has none") {
    TempDir dir;
    write_text(dir / "content/book.yaml", "title: T\n");
    Loaded loaded(dir.path());
    const LoadedFile* theme = loaded.project.find("layouts/theme.yaml");
    REQUIRE(theme);
    CHECK(loaded.files.path(theme->file) == engine_layouts + "theme.yaml");
    CHECK(theme->root().find("bands"));
}

TEST_CASE("a project's layouts file replaces the engine's, file by file") {
    TempDir dir;
    write_text(dir / "content/book.yaml", "title: T\n");
    write_text(dir / "layouts/strings.yaml", "contents: Inhalt\n");
    Loaded loaded(dir.path());
    const LoadedFile* strings = loaded.project.find("layouts/strings.yaml");
    REQUIRE(strings);
    CHECK(loaded.files.path(strings->file) == loaded.root + "layouts/strings.yaml");
    CHECK(strings->root().find("contents")->text() == "Inhalt");
    CHECK_FALSE(strings->root().find("colophon")); // not merged with the engine's file
    // The others still come from the engine.
    CHECK(loaded.files.path(loaded.project.find("layouts/theme.yaml")->file) ==
          engine_layouts + "theme.yaml");
    // Only one file per logical name.
    auto names = loaded.names();
    CHECK(std::count(names.begin(), names.end(), "layouts/strings.yaml") == 1);
}

TEST_CASE("an empty file is reported and left out") {
    TempDir dir;
    write_text(dir / "content/book.yaml", "");
    write_text(dir / "content/countries/se.yaml", "# Sweden, to do\n\n---\n");
    write_text(dir / "content/data/scores.csv", "");
    Loaded loaded(dir.path());
    CHECK(loaded.messages() == "content/book.yaml: file is empty\n"
                               "content/countries/se.yaml: file is empty\n"
                               "content/data/scores.csv: file is empty\n");
    CHECK_FALSE(loaded.project.find("content/book.yaml"));
    // Recorded as unreadable, so validate does not call them missing as well.
    CHECK(loaded.project.unreadable == std::vector<std::string>{"content/book.yaml",
                                                                "content/countries/se.yaml",
                                                                "content/data/scores.csv"});
}

TEST_CASE("a file that is not UTF-8 is reported at the bad byte") {
    TempDir dir;
    // "Suède" in Latin-1: the è is one byte 0xE8.
    write_text(dir / "content/countries/se.yaml", "code: SE\nname: Su\xE8"
                                                  "de\n");
    Loaded loaded(dir.path());
    CHECK(loaded.messages() ==
          "content/countries/se.yaml:2:9: file is not UTF-8: byte 0xE8 at offset 17 is "
          "not UTF-8 (it looks like Latin-1 or Windows-1252); save it "
          "as UTF-8\n");
    CHECK(loaded.project.unreadable == std::vector<std::string>{"content/countries/se.yaml"});
    // The human format shows the line up to the bad byte, never the bad byte itself.
    std::string shown = format_all(loaded.diagnostics, loaded.files, DiagnosticFormat::Human);
    CHECK(shown.find("\n  name: Su\n          ^\n") != std::string::npos);
}

TEST_CASE("a YAML syntax error leaves the file out, other files still load") {
    TempDir dir;
    write_text(dir / "content/book.yaml", "title: [unclosed\n");
    write_text(dir / "content/countries/se.yaml", "code: SE\n");
    Loaded loaded(dir.path());
    CHECK(loaded.diagnostics.error_count() == 1);
    // Reported where the list opens, not where the file ends.
    CHECK(loaded.messages().starts_with(
        "content/book.yaml:1:8: YAML syntax error: this list is never closed"));
    CHECK(loaded.project.unreadable == std::vector<std::string>{"content/book.yaml"});
    CHECK(loaded.project.find("content/countries/se.yaml"));
}

TEST_CASE("a duplicate key is reported but the file is still used") {
    TempDir dir;
    write_text(dir / "content/book.yaml", "title: A\ntitle: B\n");
    Loaded loaded(dir.path());
    CHECK(loaded.messages() ==
          "content/book.yaml:2:1: duplicate key 'title' (first given on line 1)\n");
    REQUIRE(loaded.project.find("content/book.yaml"));
    CHECK(loaded.project.unreadable.empty());
}

TEST_CASE("a link to a file outside the project is refused") {
    TempDir dir, outside;
    write_text(outside / "secret.yaml", "a: 1\n");
    std::filesystem::create_directories(dir / "content");
    std::filesystem::create_symlink(outside / "secret.yaml", dir / "content/linked.yaml");
    Loaded loaded(dir.path());
    REQUIRE(loaded.diagnostics.error_count() == 1);
    CHECK_THAT(loaded.messages(), Catch::StartsWith("content/linked.yaml: this file links to") &&
                                      Catch::Contains("outside the project"));
    CHECK_FALSE(loaded.project.find("content/linked.yaml"));
}

TEST_CASE("a project with no folders loads only the engine's layouts") {
    TempDir dir;
    Loaded loaded(dir.path());
    CHECK(loaded.diagnostics.all().empty());
    CHECK(loaded.names() == std::vector<std::string>{"layouts/book.yaml", "layouts/strings.yaml",
                                                     "layouts/theme.yaml"});
}

TEST_CASE("the engine's own layouts may be links anywhere, but a project's may not") {
    TempDir elsewhere, engine, project;
    write_text(elsewhere / "theme.yaml", "page: {}\n");
    std::filesystem::create_directories(engine / "layouts");
    std::filesystem::create_symlink(elsewhere / "theme.yaml", engine / "layouts/theme.yaml");
    write_text(project / "content/book.yaml", "title: T\n");
    std::filesystem::create_directories(project / "layouts");
    std::filesystem::create_symlink(elsewhere / "theme.yaml", project / "layouts/book.yaml");
    Loaded loaded(project.path(), engine.path());
    CHECK(loaded.project.find("layouts/theme.yaml")); // a packaged engine may link its files
    CHECK_FALSE(loaded.project.find("layouts/book.yaml"));
    CHECK_THAT(loaded.messages(), Catch::StartsWith("layouts/book.yaml: this file links to") &&
                                      Catch::Contains("outside the project"));
}
