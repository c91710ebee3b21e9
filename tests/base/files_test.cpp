#include "base/files.h"
#include "base/source.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>

using namespace mipex;
using mipex::testing::TempDir;

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
