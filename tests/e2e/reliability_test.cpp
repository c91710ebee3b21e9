// The binary under stress, as issue 8 asks: a build killed at any moment keeps the previous
// PDF, builds are byte-identical wherever they run, the PDF carries D: dates, a deterministic
// /ID, /Lang and object streams, the limits are set on the command line, and a build
// runs no program, opens no connection and reads nothing outside the project, the engine and
// the system's libraries.
#include "support/temp_dir.h"

#include <array>
#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFXRefEntry.hh>
#include <set>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;
using mipex::testing::read_text;
using mipex::testing::TempDir;
using mipex::testing::write_text;

namespace {

/// Requires strace, installed and allowed to trace here (a container may forbid ptrace): the
/// tests that stop or watch a build at its system calls fail without it rather than pass
/// having checked nothing. `make deps` installs it.
void require_strace() {
    INFO("strace is not installed or may not trace here (make deps installs it; a container "
         "needs ptrace allowed)");
    REQUIRE(std::system("strace -f -qq -o /dev/null true > /dev/null 2>&1") == 0);
}

struct Run {
    int status = -1; ///< the exit code, or -signal when killed
    std::string errors;
};

/// Starts the binary with `arguments` in `folder`, standard error to a file, with the
/// engine's own files and a pinned date; returns its pid.
pid_t start(const std::vector<std::string>& arguments, const fs::path& folder,
            const fs::path& errors) {
    pid_t pid = fork();
    if (pid == 0) {
        if (chdir(folder.c_str()) != 0)
            _exit(126);
        int err = ::open(errors.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(err, 2);
        int null = ::open("/dev/null", O_WRONLY);
        dup2(null, 1);
        setenv("MIPEX_HOME", MIPEX_SOURCE_DIR, 1);
        setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
        std::vector<char*> argv;
        std::string binary = MIPEX_BINARY;
        argv.push_back(binary.data());
        for (const std::string& argument : arguments)
            argv.push_back(const_cast<char*>(argument.c_str()));
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    return pid;
}

Run finish(pid_t pid, const fs::path& errors) {
    int status = 0;
    waitpid(pid, &status, 0);
    Run run;
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    run.errors = fs::exists(errors) ? read_text(errors) : "";
    return run;
}

Run run_mipex(const std::vector<std::string>& arguments, const fs::path& folder = ".") {
    TempDir log;
    fs::path errors = log / "errors.txt";
    return finish(start(arguments, fs::absolute(folder), errors), errors);
}

fs::path tiny_project() {
    return fs::path(MIPEX_TESTS_DIR) / "projects" / "tiny";
}

std::vector<std::string> temporaries(const fs::path& folder) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.path().filename().string().find(".tmp-") != std::string::npos)
            names.push_back(entry.path().filename().string());
    return names;
}

} // namespace

namespace {

/// A copy of the tiny project whose book was built once ("the previous book") and then
/// changed, so that the next build writes other bytes.
struct Rebuilt {
    TempDir dir;
    fs::path project = dir / "project";
    fs::path out = dir / "out";
    fs::path pdf = out / "mipex-en.pdf";
    std::vector<std::string> build = {"build", "--project", project.string(), "--out",
                                      out.string()};
    std::string previous;
    std::string next;   ///< what a build of the changed project writes (builds are reproducible)
    double seconds = 0; ///< how long a build takes

    Rebuilt() {
        mipex::testing::copy_tree(tiny_project(), project);
        auto started = std::chrono::steady_clock::now();
        Run first = run_mipex(build);
        seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        INFO(first.errors);
        REQUIRE(first.status == 0);
        previous = read_text(pdf);
        std::string book = read_text(project / "content" / "book.yaml");
        write_text(project / "content" / "book.yaml",
                   book.replace(book.find("title: "), 7, "title: Revised "));
        REQUIRE(
            run_mipex({"build", "--project", project.string(), "--out", (dir / "next").string()})
                .status == 0);
        next = read_text(dir / "next" / "mipex-en.pdf");
        REQUIRE(next != previous);
    }
};

} // namespace

TEST_CASE("a build killed at any moment leaves the previous PDF intact") {
    Rebuilt book;
    // Kill the build at moments spread over its run, the last ones close to its end, where
    // it writes the file: each time the PDF is the previous one or, when the kill came after
    // the rename, the new one whole; never a part of either.
    size_t kept = 0;
    for (double fraction : {0.0, 0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 1.0, 1.02, 1.05}) {
        TempDir log;
        pid_t pid = start(book.build, book.dir.path(), log / "errors.txt");
        std::this_thread::sleep_for(std::chrono::duration<double>(book.seconds * fraction));
        kill(pid, SIGKILL);
        Run killed = finish(pid, log / "errors.txt");
        std::string now = read_text(book.pdf);
        INFO("killed at " << fraction << " of " << book.seconds << " s, status " << killed.status);
        CHECK((now == book.previous || now == book.next));
        kept += now == book.previous;
        if (now != book.previous) // the build finished: start again from the previous book
            write_text(book.pdf, book.previous);
    }
    CHECK(kept > 0);

    // A build that finishes removes what the killed ones left behind.
    Run last = run_mipex(book.build);
    INFO(last.errors);
    REQUIRE(last.status == 0);
    CHECK(read_text(book.pdf) == book.next);
    CHECK(temporaries(book.out).empty());
}

TEST_CASE("a build killed while it writes or renames the PDF leaves the previous one") {
    // strace stops the build at the very system call, where a kill by timing alone would
    // land only by luck.
    require_strace();
    Rebuilt book;
    // fsync comes after the bytes are written to the temporary file, rename after fsync.
    for (const char* call : {"fsync", "rename"}) {
        INFO("killed in " << call);
        TempDir log;
        pid_t group = fork();
        if (group == 0) {
            setpgid(0, 0);
            int err = ::open((log / "errors.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            dup2(err, 2);
            setenv("MIPEX_HOME", MIPEX_SOURCE_DIR, 1);
            setenv("ASAN_OPTIONS", "detect_leaks=0", 1); // LeakSanitizer refuses ptrace
            std::string inject = std::string("inject=") + call + ":delay_enter=30000000";
            std::vector<std::string> words = {"strace",    "-f", "-qq",  "-o",
                                              "/dev/null", "-e", inject, MIPEX_BINARY};
            words.insert(words.end(), book.build.begin(), book.build.end());
            std::vector<char*> argv;
            for (std::string& word : words)
                argv.push_back(word.data());
            argv.push_back(nullptr);
            execvp("strace", argv.data());
            _exit(127);
        }
        setpgid(group, group);
        // Wait for the temporary file: the build is then held in the system call.
        bool held = false;
        for (int i = 0; i < 600 && !held; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            held = !temporaries(book.out).empty();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        kill(-group, SIGKILL);
        int status = 0;
        waitpid(group, &status, 0);
        CHECK(held);
        CHECK(read_text(book.pdf) == book.previous);
    }
    Run last = run_mipex(book.build);
    REQUIRE(last.status == 0);
    CHECK(read_text(book.pdf) == book.next);
    CHECK(temporaries(book.out).empty());
}

TEST_CASE("a build with errors leaves the previous PDF and writes no temporary file") {
    TempDir dir;
    mipex::testing::copy_tree(tiny_project(), dir / "project");
    fs::path out = dir / "out";
    fs::create_directories(out);
    write_text(out / "mipex-en.pdf", "the previous book");
    write_text(dir / "project" / "content" / "countries" / "se.yaml", "code: SE\n");
    Run run = run_mipex({"build", "--project", (dir / "project").string(), "--out", out.string()});
    CHECK(run.status == 1);
    CHECK(read_text(out / "mipex-en.pdf") == "the previous book");
    CHECK(temporaries(out).empty());
}

TEST_CASE("builds of the same input are byte-identical in any folder and from any folder") {
    // Two copies of the tiny project at different depths, each built from a different
    // working folder with relative paths, into differently named output folders.
    TempDir a, b;
    mipex::testing::copy_tree(tiny_project(), a / "p");
    mipex::testing::copy_tree(tiny_project(), b / "deeper" / "other name");
    Run first = run_mipex({"build", "--project", "p", "--out", "out-a"}, a.path());
    Run second =
        run_mipex({"build", "--project", "other name", "--out", "../elsewhere"}, b / "deeper");
    INFO(first.errors << second.errors);
    REQUIRE(first.status == 0);
    REQUIRE(second.status == 0);
    std::string one = read_text(a / "out-a" / "mipex-en.pdf");
    std::string two = read_text(b / "elsewhere" / "mipex-en.pdf");
    CHECK(one.size() > 10000);
    CHECK(one == two);
    // No path of either machine's folders is in the file.
    CHECK(one.find(a.path().filename().string()) == std::string::npos);
    CHECK(two.find("other name") == std::string::npos);

    SECTION("the default book too") {
        Run home = run_mipex({"build", "--project", MIPEX_SOURCE_DIR, "--out", (a / "d1").string()},
                             a.path());
        TempDir c;
        fs::create_directories(c / "content");
        fs::copy(fs::path(MIPEX_SOURCE_DIR) / "content", c / "content",
                 fs::copy_options::recursive);
        Run copy = run_mipex({"build", "--out", "d2"}, c.path()); // --project defaults to "."
        REQUIRE(home.status == 0);
        REQUIRE(copy.status == 0);
        CHECK(read_text(a / "d1" / "mipex-en.pdf") == read_text(c / "d2" / "mipex-en.pdf"));
    }
}

TEST_CASE("the finished PDF has D: dates, a deterministic /ID, /Lang and object streams") {
    TempDir dir;
    mipex::testing::copy_tree(tiny_project(), dir / "p");
    REQUIRE(run_mipex({"build", "--project", "p", "--out", "o1"}, dir.path()).status == 0);
    REQUIRE(run_mipex({"build", "--project", "p", "--out", "o2"}, dir.path()).status == 0);
    std::string book = read_text(dir / "p" / "content" / "book.yaml");
    write_text(dir / "p" / "content" / "book.yaml",
               book.replace(book.find("Tiny Index"), 10, "Tiny Index, revised"));
    REQUIRE(run_mipex({"build", "--project", "p", "--out", "o3"}, dir.path()).status == 0);

    auto id_of = [&](const char* out) {
        QPDF pdf;
        pdf.processFile((dir / out / "mipex-en.pdf").c_str());
        QPDFObjectHandle id = pdf.getTrailer().getKey("/ID");
        REQUIRE(id.isArray());
        REQUIRE(id.getArrayNItems() == 2);
        return id.getArrayItem(0).getStringValue() + id.getArrayItem(1).getStringValue();
    };
    QPDF pdf;
    pdf.processFile((dir / "o1" / "mipex-en.pdf").c_str());
    QPDFObjectHandle info = pdf.getTrailer().getKey("/Info");
    // SOURCE_DATE_EPOCH 1700000000, written with the D: prefix (PDF 32000-1, 7.9.4).
    CHECK(info.getKey("/CreationDate").getUTF8Value() == "D:20231114221320Z");
    CHECK(info.getKey("/ModDate").getUTF8Value() == "D:20231114221320Z");
    CHECK(pdf.getRoot().getKey("/Lang").getUTF8Value() == "en");
    size_t compressed = 0;
    for (const auto& [object, entry] : pdf.getXRefTable())
        compressed += entry.getType() == 2; // stored in an object stream
    CHECK(compressed > 10);
    // The /ID is a hash of the content: the same for the same input, another for another.
    CHECK(id_of("o1") == id_of("o2"));
    CHECK(id_of("o1") != id_of("o3"));
    CHECK(id_of("o1").size() == 32);
}

TEST_CASE("limits are set on the command line, checked, and named in their errors") {
    TempDir dir;
    mipex::testing::copy_tree(tiny_project(), dir / "p");
    std::string project = (dir / "p").string();
    SECTION("a lowered limit fails the check, naming the limit and how to raise it") {
        Run run = run_mipex({"check", "--project", project, "--limit", "countries=3"});
        CHECK(run.status == 1);
        CHECK_THAT(run.errors, Catch::Contains("more than 3 countries, the limit") &&
                                   Catch::Contains("raise it with --limit countries=N"));
    }
    SECTION("raised again, it passes; several limits may be given") {
        Run run = run_mipex({"check", "--project", project, "--limit", "countries=4", "--limit",
                             "file-size=2M", "--limit", "errors=10"});
        INFO(run.errors);
        CHECK(run.status == 0);
    }
    SECTION("an unknown limit or a bad value is a usage error") {
        Run unknown = run_mipex({"check", "--project", project, "--limit", "countrys=3"});
        CHECK(unknown.status == 2);
        CHECK_THAT(unknown.errors, Catch::Contains("no limit named 'countrys'"));
        Run zero = run_mipex({"check", "--project", project, "--limit", "countries=0"});
        CHECK(zero.status == 2);
        Run words = run_mipex({"build", "--project", project, "--limit", "depth=deep"});
        CHECK(words.status == 2);
        Run deep = run_mipex({"scores", "--project", project, "--limit", "depth=100000"});
        CHECK(deep.status == 2);
        CHECK_THAT(deep.errors, Catch::Contains("cannot be above 1000"));
    }
}

TEST_CASE("an engine folder without fonts is an error, not a crash") {
    TempDir engine;
    fs::copy(fs::path(MIPEX_SOURCE_DIR) / "layouts", engine / "layouts",
             fs::copy_options::recursive);
    TempDir log;
    pid_t pid = fork();
    if (pid == 0) {
        int err = ::open((log / "errors.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(err, 2);
        setenv("MIPEX_HOME", engine.path().c_str(), 1);
        std::string binary = MIPEX_BINARY, project = tiny_project().string();
        execl(binary.c_str(), binary.c_str(), "check", "--project", project.c_str(), nullptr);
        _exit(127);
    }
    Run run = finish(pid, log / "errors.txt");
    CHECK(run.status == 1);
    CHECK_THAT(run.errors, Catch::Contains("the engine's own fonts are missing") &&
                               Catch::Contains("MIPEX_HOME"));
}

TEST_CASE("a build runs no program, opens no connection and reads only what it needs") {
    // strace records what the process asks of the kernel.
    require_strace();
    TempDir dir;
    mipex::testing::copy_tree(tiny_project(), dir / "p");
    fs::path trace = dir / "trace.txt";
    // LeakSanitizer cannot run under ptrace (a sanitizer build): it would fail the build.
    std::string command = "cd " + dir.path().string() + " && MIPEX_HOME=" + MIPEX_SOURCE_DIR +
                          " ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o " + trace.string() +
                          " -e trace=execve,socket,connect,open,openat " + MIPEX_BINARY +
                          " build --project p --out out > /dev/null 2>&1";
    REQUIRE(std::system(command.c_str()) == 0);
    std::istringstream lines(read_text(trace));
    std::string line;
    size_t programs = 0, opened = 0;
    const std::string engine = fs::canonical(MIPEX_SOURCE_DIR).string();
    const std::string project = fs::canonical(dir.path()).string();
    // What a build may read besides the project and the engine: shared libraries and their
    // data, the hyphenation dictionaries, the time zone, and the kernel's own files.
    const std::vector<std::string> system = {"/lib",           "/usr/lib",
                                             "/etc/ld.so",     "/usr/share/hyphen/",
                                             "/etc/localtime", "/usr/share/zoneinfo/",
                                             "/proc/",         "/sys/",
                                             "/dev/",          "/usr/lib/locale"};
    while (std::getline(lines, line)) {
        INFO(line);
        CHECK(line.find("socket(") == std::string::npos);
        CHECK(line.find("connect(") == std::string::npos);
        if (line.find("execve(") != std::string::npos) {
            ++programs; // only the binary itself
            CHECK(line.find(MIPEX_BINARY) != std::string::npos);
        }
        size_t open = line.find("open");
        if (open == std::string::npos || line.find("= -1") != std::string::npos)
            continue;
        size_t quote = line.find('"', open);
        std::string path = line.substr(quote + 1, line.find('"', quote + 1) - quote - 1);
        if (path.empty() || path[0] != '/')
            path = (fs::path(project) / path).lexically_normal().string();
        ++opened;
        bool allowed = path.starts_with(engine) || path.starts_with(project);
        for (const std::string& prefix : system)
            allowed = allowed || path.starts_with(prefix);
        CHECK(allowed);
    }
    CHECK(programs == 1);
    CHECK(opened > 10);
}
