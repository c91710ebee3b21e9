// `mipex check` refuses whatever `mipex build` refuses: for projects broken in ways that only
// a build used to find (a link in prose, a reference, a part's title, an interface string a
// project's own strings.yaml lacks), check and a build of every edition report the same
// errors, at the same places, and both exit 1.
#include "support/project.h"
#include "support/run.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

using namespace mipex::testing;

namespace {

/// The errors of a run with --diagnostic-format json, as "file:line:column: message"
/// (paths relative to the project, the edition's name taken off the message).
std::set<std::string> errors_of(const Run& run, const fs::path& project) {
    std::set<std::string> errors;
    std::string root = project.string() + "/";
    size_t start = 0;
    while (start < run.errors.size()) {
        size_t end = run.errors.find('\n', start);
        std::string line = run.errors.substr(start, end - start);
        start = end == std::string::npos ? run.errors.size() : end + 1;
        if (line.empty() || line.front() != '{')
            continue;
        auto json = nlohmann::json::parse(line);
        if (json["severity"] != "error")
            continue;
        std::string file = json["file"].get<std::string>();
        if (file.starts_with(root))
            file = file.substr(root.size());
        std::string message = json["message"].get<std::string>();
        if (size_t edition = message.find(" edition: "); edition != std::string::npos)
            message = message.substr(edition + 10);
        errors.insert(file + ":" + json["line"].dump() + ":" + json["column"].dump() + ": " +
                      message);
    }
    return errors;
}

/// Runs check, then a build of every edition, on the project; both must refuse it with the
/// same errors. Returns them.
std::set<std::string> refused_alike(const fs::path& project) {
    std::string where = " --project " + project.string() + " --diagnostic-format json";
    Run check = run_mipex("check" + where);
    Run build = run_mipex("build --lang all --out " + (project / "out").string() + where);
    INFO("check:\n" << check.errors << "build:\n" << build.errors);
    CHECK(check.status == 1);
    CHECK(build.status == 1);
    CHECK_FALSE(fs::exists(project / "out" / "mipex-en.pdf"));
    std::set<std::string> errors = errors_of(check, project);
    CHECK_FALSE(errors.empty());
    CHECK(errors == errors_of(build, project));
    return errors;
}

bool contains(const std::set<std::string>& errors, const std::string& wanted) {
    for (const std::string& error : errors)
        if (error.find(wanted) != std::string::npos)
            return true;
    return false;
}

} // namespace

TEST_CASE("check refuses links and references in prose as the build does and where they are") {
    TinyCopy project;
    project.write("content/countries/se.yaml",
                  "code: SE\n"
                  "name: Sweden\n"
                  "profile: |\n"
                  "  Sweden [often](javascript:alert(1)) changes, and the\n"
                  "  law [has](file:///etc/passwd) an effect on {country:XX}.\n");
    auto errors = refused_alike(project.path());
    CHECK(errors == std::set<std::string>{
                        "content/countries/se.yaml:4:18: a link to 'javascript:alert(1)' is not "
                        "allowed: a link goes to https://…, http://…, mailto:…, #<destination>, "
                        "country:<code> or area:<id>",
                        "content/countries/se.yaml:5:13: a link to 'file:///etc/passwd' is not "
                        "allowed: a link goes to https://…, http://…, mailto:…, #<destination>, "
                        "country:<code> or area:<id>",
                        "content/countries/se.yaml:5:46: unknown reference 'country:XX' (write "
                        "country:<code>, area:<id> or #<anchor>)"});
}

TEST_CASE("check refuses a translation's prose as a build of its edition does") {
    TinyCopy project;
    project.write("content/i18n/de/areas.yaml", "area.work.summary:\n"
                                                "  text: Ob Einwohner {area:wrok} arbeiten.\n");
    auto errors = refused_alike(project.path());
    CHECK(contains(errors, "content/i18n/de/areas.yaml:2:22: unknown reference 'area:wrok'; did "
                           "you mean 'area:work'?"));
}

TEST_CASE("check refuses a book structure whose titles and texts do not exist") {
    TinyCopy project;
    project.write("layouts/book.yaml", "parts:\n"
                                       "  - kind: title_page\n"
                                       "  - kind: contents\n"
                                       "    title: content\n"
                                       "  - kind: text\n"
                                       "    title: colophon\n"
                                       "    text: colofon\n");
    auto errors = refused_alike(project.path());
    CHECK(contains(errors, "layouts/book.yaml:4:12: a part's title is an interface string"));
    CHECK(contains(errors, "layouts/book.yaml:7:11: no book text 'colofon'"));
}

TEST_CASE("check refuses a project's strings.yaml that lacks a string the book prints") {
    // The project's own layouts/strings.yaml replaces the engine's: one without "rank_of"
    // leaves the profiles' key figures without their text.
    TinyCopy project;
    std::string strings = read_text(fs::path(MIPEX_SOURCE_DIR) / "layouts" / "strings.yaml");
    size_t line = strings.find("\nrank_of:");
    REQUIRE(line != std::string::npos);
    strings.erase(line + 1, strings.find('\n', line + 1) - line);
    project.write("layouts/strings.yaml", strings);
    auto errors = refused_alike(project.path());
    CHECK(contains(errors, "the layouts use the interface string 'rank_of'"));
}

TEST_CASE("check passes what the build writes") {
    TinyCopy project;
    Run check = run_mipex("check --project " + project.path().string());
    INFO(check.errors);
    CHECK(check.status == 0);
    CHECK(check.errors.find("warning") == std::string::npos);
}
