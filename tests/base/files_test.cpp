#include "base/files.h"
#include "base/source.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>
#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace mipex;
using mipex::testing::read_text;
using mipex::testing::TempDir;
using mipex::testing::write_text;

TEST_CASE("SourceFiles returns lines by 1-based number, without line endings") {
    SourceFiles files;
    FileId id = files.add("a.yaml", "first\r\nsecond\n\nfourth");
    CHECK(files.line(id, 1) == "first");
    CHECK(files.line(id, 2) == "second");
    CHECK(files.line(id, 3) == "");
    CHECK(files.line(id, 4) == "fourth"); // the last line needs no newline
    CHECK(files.line(id, 5) == "");
    CHECK(files.line(id, 0) == "");
    CHECK(files.line(0, 1) == "");      // "no file"
    CHECK(files.line(id + 1, 1) == ""); // not registered
    CHECK(files.text(id) == "first\r\nsecond\n\nfourth");
}

TEST_CASE("SourceFiles describes a position as the user's path:line:col") {
    SourceFiles files;
    FileId id = files.add("content/book.yaml", "x\n");
    CHECK(id != 0);
    CHECK(files.path(id) == "content/book.yaml");
    CHECK(files.describe(SourcePos{id, 3, 5}) == "content/book.yaml:3:5");
    CHECK(files.describe(SourcePos{id, 3, 0}) == "content/book.yaml:3");
    CHECK(files.describe(SourcePos{id, 0, 0}) == "content/book.yaml");
    // Ids that were never handed out do not crash.
    CHECK_NOTHROW(files.path(999));
    CHECK(files.line(999, 1).empty());
}

TEST_CASE("write_file_atomic writes the bytes and leaves no temporary file") {
    TempDir dir;
    auto target = dir / "out.pdf";
    std::string data("%PDF\0binary\xFF\n", 13);
    CHECK(write_file_atomic(target, data) == "");
    CHECK(read_file(target) == data);

    // Writing again replaces the file whole.
    CHECK(write_file_atomic(target, "short") == "");
    CHECK(read_file(target) == "short");

    size_t entries = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        CHECK(entry.path().filename() == "out.pdf");
        ++entries;
    }
    CHECK(entries == 1);
}

TEST_CASE("write_file_atomic reports a folder that does not exist") {
    TempDir dir;
    auto target = dir / "missing" / "out.pdf";
    std::string error = write_file_atomic(target, "x");
    CHECK_THAT(error, Catch::Contains("cannot create") && Catch::Contains("missing"));
    CHECK_FALSE(std::filesystem::exists(target));
    CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("read_file returns nothing for a file that is not there") {
    TempDir dir;
    CHECK_FALSE(read_file(dir / "nothing.yaml"));
    mipex::testing::write_text(dir / "empty.yaml", "");
    CHECK(read_file(dir / "empty.yaml") == std::string());
}

namespace {

/// The files in `folder` whose names contain ".tmp-": temporary files of write_file_atomic.
std::vector<std::string> temporaries(const std::filesystem::path& folder) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        if (entry.path().filename().string().find(".tmp-") != std::string::npos)
            names.push_back(entry.path().filename().string());
    return names;
}

} // namespace

TEST_CASE("write_file_atomic killed while it writes leaves the previous file whole") {
    TempDir dir;
    auto target = dir / "book.pdf";
    const std::string previous = "%PDF the previous book";
    REQUIRE(write_file_atomic(target, previous) == "");
    // 128 MB take long enough to write and sync that the early kills land inside the write.
    const std::string next(128u << 20, 'x');
    bool left_behind = false;
    for (int delay_ms : {0, 1, 5, 20, 60}) {
        int ready[2];
        REQUIRE(pipe(ready) == 0);
        pid_t child = fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            close(ready[0]);
            (void)!write(ready[1], "go", 2);
            write_file_atomic(target, next);
            _exit(0);
        }
        close(ready[1]);
        char go[2];
        REQUIRE(read(ready[0], go, 2) == 2);
        close(ready[0]);
        usleep(static_cast<useconds_t>(delay_ms) * 1000);
        kill(child, SIGKILL);
        int status = 0;
        waitpid(child, &status, 0);
        INFO("killed after " << delay_ms << " ms");
        if (WIFEXITED(status)) { // finished first: the new file is there, whole
            CHECK(std::filesystem::file_size(target) == next.size());
            write_file_atomic(target, previous); // back to the previous book
        } else {
            CHECK(read_file(target) == previous);
        }
        left_behind = left_behind || !temporaries(dir.path()).empty();
    }
    // Some kill landed while the temporary file was being written.
    CHECK(left_behind);
    // The next write removes the temporary files of the writers that were killed.
    REQUIRE(write_file_atomic(target, previous) == "");
    CHECK(temporaries(dir.path()).empty());
    CHECK(read_file(target) == previous);
}

TEST_CASE("write_file_atomic leaves the temporary file of a writer still running") {
    TempDir dir;
    auto target = dir / "book.pdf";
    // pid 1 always runs: its temporary file is another build's, writing right now.
    auto running = dir / "book.pdf.tmp-1";
    mipex::testing::write_text(running, "being written");
    // A pid far above pid_max (4194304 at most on Linux) never runs.
    auto dead = dir / "book.pdf.tmp-999999999";
    mipex::testing::write_text(dead, "left by a killed build");
    // Other files that merely look alike are not ours.
    mipex::testing::write_text(dir / "book.pdf.tmp-notes", "keep");
    mipex::testing::write_text(dir / "other.pdf.tmp-999999999", "keep");
    REQUIRE(write_file_atomic(target, "new") == "");
    CHECK(std::filesystem::exists(running));
    CHECK_FALSE(std::filesystem::exists(dead));
    CHECK(std::filesystem::exists(dir / "book.pdf.tmp-notes"));
    CHECK(std::filesystem::exists(dir / "other.pdf.tmp-999999999"));
}

TEST_CASE("write_files_atomic writes many files in their folders and leaves no temporary file") {
    TempDir folder;
    std::string big(100'000, 'x');
    std::vector<std::pair<std::filesystem::path, std::string_view>> files = {
        {folder / "index.html", "home"},
        {folder / "en/country/se.html", "Sweden"},
        {folder / "en/country/de.html", big},
        {folder / "ar/index.html", "\xd8\xb9"}};
    write_text(folder / "en/country/se.html", "the previous page");
    REQUIRE(write_files_atomic(files) == "");
    CHECK(read_text(folder / "index.html") == "home");
    CHECK(read_text(folder / "en/country/se.html") == "Sweden");
    CHECK(read_text(folder / "en/country/de.html") == big);
    CHECK(read_text(folder / "ar/index.html") == "\xd8\xb9");
    size_t count = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder.path()))
        count += entry.is_regular_file();
    CHECK(count == 4);
}

TEST_CASE("write_files_atomic writes nothing when a file's folder cannot be made") {
    TempDir folder;
    write_text(folder / "a.html", "old a");
    // A file where the second file's folder should be.
    write_text(folder / "country", "not a folder");
    std::vector<std::pair<std::filesystem::path, std::string_view>> files = {
        {folder / "a.html", "new a"}, {folder / "country/se.html", "Sweden"}};
    CHECK_THAT(write_files_atomic(files), Catch::Contains("cannot create"));
    CHECK(read_text(folder / "a.html") == "old a");
    size_t count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder.path()))
        count += entry.is_regular_file();
    CHECK(count == 2); // a.html and the file in the way; no temporary file
}

TEST_CASE("write_files_atomic leaves no temporary file when a rename fails") {
    TempDir folder;
    // A folder where the second file should be: a file cannot be renamed over it.
    std::filesystem::create_directories(folder / "b.html");
    std::vector<std::pair<std::filesystem::path, std::string_view>> files = {
        {folder / "a.html", "new a"}, {folder / "b.html", "new b"}, {folder / "c.html", "c"}};
    CHECK_THAT(write_files_atomic(files), Catch::Contains("cannot rename"));
    CHECK_FALSE(std::filesystem::exists(folder / "c.html"));
    size_t count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder.path()))
        count += entry.is_regular_file();
    CHECK(count == 1); // a.html, renamed before b failed; no temporary file
}
