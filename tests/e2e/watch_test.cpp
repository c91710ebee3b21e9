// Rebuilds while editing (issue 7): a Session builds the book again after each edit, reusing
// parsed files, set paragraphs and charts, and must write the very bytes a cold build writes;
// `mipex watch` notices saves (in place and by rename) and rebuilds, and survives an input
// error. The FolderWatcher is tested alone first.
#include "base/watch.h"
#include "pipeline/pipeline.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <map>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;
using mipex::testing::copy_tree;
using mipex::testing::edit_file;
using mipex::testing::read_text;
using mipex::testing::TempDir;
using mipex::testing::write_text;
using namespace std::chrono_literals;

namespace {

/// A copy of the default book's project (content/ only: the engine's layouts and fonts serve).
void copy_default_project(const fs::path& to) {
    copy_tree(fs::path(MIPEX_SOURCE_DIR) / "content", to / "content");
}

/// A cold build, as `mipex build` does it, into `out`.
std::vector<mipex::pipeline::BuildResult> cold_build(const fs::path& project, const fs::path& out,
                                                     const std::vector<std::string>& languages) {
    auto checked = mipex::pipeline::check_project(project);
    REQUIRE_FALSE(checked->diagnostics.has_errors());
    mipex::pipeline::BuildOptions options;
    options.project = project;
    options.out = out;
    options.date = 1700000000;
    options.languages = languages;
    options.formats = {mipex::pipeline::OutputFormat::Pdf, mipex::pipeline::OutputFormat::Epub};
    return mipex::pipeline::build_books(*checked, options);
}

bool same_bytes(const fs::path& a, const fs::path& b) {
    return fs::exists(a) && fs::exists(b) && read_text(a) == read_text(b);
}

} // namespace

TEST_CASE("the folder watcher reports saves in place, by rename, new folders and removals") {
    TempDir dir;
    fs::create_directories(dir / "content" / "countries");
    write_text(dir / "content" / "book.yaml", "title: A\n");
    mipex::FolderWatcher watcher({dir / "content", dir / "missing"},
                                 [](const fs::path& path) { return path.extension() == ".yaml"; });
    REQUIRE(watcher.error().empty());

    // Nothing happens: the deadline passes with nothing reported.
    CHECK(watcher.wait(20ms, 100ms).empty());

    write_text(dir / "content" / "book.yaml", "title: B\n");
    auto changed = watcher.wait(20ms, 5000ms);
    CHECK(changed == std::vector<fs::path>{dir / "content" / "book.yaml"});

    // An atomic save: written beside, renamed over. A file the filter refuses is not named.
    write_text(dir / "content" / "countries" / ".se.yaml.swp", "x");
    write_text(dir / "content" / "countries" / "se.tmp", "code: SE\n");
    fs::rename(dir / "content" / "countries" / "se.tmp", dir / "content" / "countries" / "se.yaml");
    changed = watcher.wait(20ms, 5000ms);
    CHECK(changed == std::vector<fs::path>{dir / "content" / "countries" / "se.yaml"});

    // A folder made after the watch began is watched too.
    fs::create_directories(dir / "content" / "i18n" / "de");
    CHECK(watcher.wait(20ms, 200ms).empty());
    write_text(dir / "content" / "i18n" / "de" / "ui.yaml", "a: b\n");
    changed = watcher.wait(20ms, 5000ms);
    CHECK(changed == std::vector<fs::path>{dir / "content" / "i18n" / "de" / "ui.yaml"});

    // Several saves within the quiet time come as one change.
    fs::remove(dir / "content" / "countries" / "se.yaml");
    write_text(dir / "content" / "book.yaml", "title: C\n");
    changed = watcher.wait(200ms, 5000ms);
    CHECK(changed == std::vector<fs::path>{dir / "content" / "book.yaml",
                                           dir / "content" / "countries" / "se.yaml"});
}

TEST_CASE("a session's rebuilds after edits write the bytes of a cold build, PDF and EPUB") {
    TempDir dir;
    fs::path project = dir / "project";
    copy_default_project(project);
    mipex::pipeline::BuildOptions options;
    options.project = project;
    options.out = dir / "session";
    options.date = 1700000000;
    // The EPUB too: it embeds the fonts the pages use, which a kept font context must not widen.
    options.formats = {mipex::pipeline::OutputFormat::Pdf, mipex::pipeline::OutputFormat::Epub};
    mipex::pipeline::Session session(options);
    session.set_languages("en,de");

    auto build_and_compare = [&](const std::string& step) {
        INFO(step);
        auto run = session.build();
        REQUIRE_FALSE(run.checked->diagnostics.has_errors());
        REQUIRE(run.results.size() == 2);
        auto cold = cold_build(project, dir / "cold", {"en", "de"});
        REQUIRE(cold.size() == 2);
        for (size_t i = 0; i < cold.size(); ++i) {
            REQUIRE(run.results[i].written);
            CHECK(same_bytes(run.results[i].pdf, cold[i].pdf));
            CHECK(same_bytes(run.results[i].epub, cold[i].epub));
        }
    };

    build_and_compare("the first build");

    fs::path sweden = project / "content" / "countries" / "se.yaml";
    // A sentence more in one country's prose: its paragraph is set again, the rest reused.
    edit_file(sweden, "a large share of its population was born abroad.",
              "a large share of its population was born abroad, and more arrive every year "
              "through family reunion and study.");
    build_and_compare("after a longer paragraph");

    // A paragraph fewer: the profile is shorter, and every page after it may move.
    std::string text = read_text(sweden);
    size_t second = text.find("\n\n  The index follows Swedish policy");
    REQUIRE(second != std::string::npos);
    size_t end = text.find("\n\n", second + 2);
    REQUIRE(end != std::string::npos);
    write_text(sweden, text.substr(0, second) + text.substr(end));
    build_and_compare("after a paragraph removed");

    // A broken file: the build stops with the error, and the PDFs of the last build stay.
    std::string before = read_text(options.out / "mipex-en.pdf");
    std::string good = read_text(sweden);
    write_text(sweden, good + "profile: [unclosed\n");
    auto broken = session.build();
    CHECK(broken.checked->diagnostics.has_errors());
    CHECK(broken.results.empty());
    CHECK(read_text(options.out / "mipex-en.pdf") == before);

    // Mended: the same bytes as a cold build again.
    write_text(sweden, good);
    build_and_compare("after the error is mended");

    // One answer changed in the score table: the answers read last time are not reused.
    fs::path scores = project / "content" / "data" / "scores.csv";
    edit_file(scores, "SE,2019,lmm_1,c", "SE,2019,lmm_1,a");
    build_and_compare("after a score changed");

    // A wrong answer is reported again on every build until it is mended.
    std::string answers = read_text(scores);
    edit_file(scores, "SE,2019,lmm_1,a", "SE,2019,lmm_1,z");
    for (int again = 0; again < 2; ++again) {
        auto wrong = session.build();
        CHECK(wrong.checked->diagnostics.has_errors());
        CHECK(wrong.results.empty());
    }
    write_text(scores, answers);
    build_and_compare("after the score is mended");
}

TEST_CASE("a session's site after edits is, file for file, the site of a cold mipex site") {
    TempDir dir;
    fs::path project = dir / "project";
    copy_default_project(project);
    const std::string base_url = "https://example.org/mipex/";
    mipex::pipeline::BuildOptions options;
    options.project = project;
    options.out = dir / "session";
    options.date = 1700000000;
    mipex::pipeline::Session session(options);
    session.set_languages("en,ar");
    session.set_site(base_url);

    auto build_and_compare = [&](const std::string& step) {
        INFO(step);
        auto run = session.build();
        REQUIRE_FALSE(run.checked->diagnostics.has_errors());
        REQUIRE(run.results.size() == 2);
        CHECK(run.results[0].site == options.out / "site" / "en");
        auto checked = mipex::pipeline::check_project(project);
        mipex::pipeline::SiteBuildOptions cold;
        cold.build.project = project;
        cold.build.out = dir / "cold";
        cold.build.date = options.date;
        cold.build.languages = {"en", "ar"};
        cold.base_url = base_url;
        REQUIRE(mipex::pipeline::build_site(*checked, cold).size() == 2);
        REQUIRE_FALSE(checked->diagnostics.has_errors());
        auto watched = mipex::testing::files_below(options.out / "site");
        auto written = mipex::testing::files_below(dir / "cold" / "site");
        // The pages, the books, a PDF per country, the data and the assets.
        CHECK(written.size() > 500);
        CHECK(watched.size() == written.size());
        size_t differ = 0;
        for (const auto& [path, bytes] : written) {
            auto found = watched.find(path);
            if (found == watched.end() || found->second != bytes) {
                UNSCOPED_INFO(path);
                ++differ;
            }
        }
        CHECK(differ == 0);
    };

    build_and_compare("the first build");

    // A sentence more in Sweden's profile: its page, its PDF and the books change.
    fs::path sweden = project / "content" / "countries" / "se.yaml";
    std::string before = read_text(options.out / "site" / "en" / "country" / "se.pdf");
    edit_file(sweden, "a large share of its population was born abroad.",
              "a large share of its population was born abroad, and more arrive every year "
              "through family reunion and study.");
    build_and_compare("after a longer paragraph");
    CHECK(read_text(options.out / "site" / "en" / "country" / "se.pdf") != before);

    // A broken file: the error is said, nothing is written, the last good site stays.
    auto last_good = mipex::testing::files_below(options.out / "site");
    std::string good = read_text(sweden);
    write_text(sweden, good + "profile: [unclosed\n");
    auto broken = session.build();
    CHECK(broken.checked->diagnostics.has_errors());
    CHECK(broken.results.empty());
    CHECK(mipex::testing::files_below(options.out / "site") == last_good);

    // Mended, then an answer changed in the score table: every page that shows it.
    write_text(sweden, good);
    build_and_compare("after the error is mended");
    edit_file(project / "content" / "data" / "scores.csv", "SE,2019,lmm_1,c", "SE,2019,lmm_1,a");
    build_and_compare("after a score changed");
}

namespace {

/// `mipex watch` as a user starts it, in `project`, standard error to `log`.
pid_t start_watch(const fs::path& project, const fs::path& log, const std::string& max_builds) {
    pid_t pid = fork();
    if (pid == 0) {
        if (chdir(project.c_str()) != 0)
            _exit(126);
        int err = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(err, 2);
        int null = ::open("/dev/null", O_WRONLY);
        dup2(null, 1);
        setenv("MIPEX_HOME", MIPEX_SOURCE_DIR, 1);
        setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
        execl(MIPEX_BINARY, MIPEX_BINARY, "watch", "--max-builds", max_builds.c_str(), "--out",
              "watched", static_cast<char*>(nullptr));
        _exit(127);
    }
    return pid;
}

/// Waits until `log` has `count` lines containing `text`, or 120 s pass.
bool wait_for(const fs::path& log, const std::string& text, size_t count) {
    for (auto until = std::chrono::steady_clock::now() + 120s;
         std::chrono::steady_clock::now() < until; std::this_thread::sleep_for(50ms)) {
        std::string written = fs::exists(log) ? read_text(log) : "";
        size_t found = 0;
        for (size_t at = written.find(text); at != std::string::npos;
             at = written.find(text, at + 1))
            ++found;
        if (found >= count)
            return true;
    }
    return false;
}

} // namespace

TEST_CASE("mipex watch rebuilds after each save, goes on after an error, and writes a cold "
          "build's bytes") {
    TempDir dir;
    fs::path project = dir / "project";
    copy_default_project(project);
    fs::path log = dir / "watch.log";
    pid_t pid = start_watch(project, log, "4");
    REQUIRE(wait_for(log, "watching", 1));

    // A save in place.
    fs::path sweden = project / "content" / "countries" / "se.yaml";
    std::string good = read_text(sweden);
    edit_file(sweden, "over several decades", "over many decades");
    REQUIRE(wait_for(log, "watching", 2));
    CHECK(read_text(log).find("changed: content/countries/se.yaml") != std::string::npos);

    // An error: reported, not built, still watching.
    write_text(sweden, good + "profile: [unclosed\n");
    REQUIRE(wait_for(log, "watching", 3));
    CHECK(read_text(log).find("content/countries/se.yaml:") != std::string::npos);
    CHECK(read_text(log).find("not built in") != std::string::npos);

    // Mended by an atomic save (a new file renamed over the old, as editors do).
    write_text(project / "content" / "countries" / ".se.yaml.new", good);
    fs::rename(project / "content" / "countries" / ".se.yaml.new", sweden);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    INFO(read_text(log));
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);

    auto cold = cold_build(project, dir / "cold", {"en"});
    REQUIRE(cold.size() == 1);
    CHECK(same_bytes(project / "watched" / "mipex-en.pdf", cold[0].pdf));
}
