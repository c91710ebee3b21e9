// Runs one bad-input case (tests/bad-input/<case>/) against the real binary, as an editor
// would meet it: the tiny project with the case's files laid over it, then
// `mipex check` (or `build`) with human diagnostics and again with JSON ones. The case passes
// when the binary exits with the expected code (1 unless the case says otherwise), without a
// crash, within the time bound, and reports exactly the diagnostics of expect.txt in both
// formats.
//
// expect.txt holds one diagnostic a line, `path:line:col: severity: message-start`, paths
// relative to the project (`<engine>/` for the engine's own files, `<none>` for none); a
// diagnostic about a whole file or folder has no line: `path: severity: message-start` (in
// JSON its line and column are null, never 0).
// Comment lines start with '#'; these comments are settings:
//
//     # command: build          run `mipex build` (default: check)
//     # exit: 0                 the exit code expected (default: 1)
//     # time: 20                the time bound in seconds for each run (default: 10; times
//                               MIPEX_TIME_SCALE, which the sanitizer build sets)
//     # args: --limit text=10   more arguments
//
// generate.txt (optional) makes files at test time that are too big or too strange to
// commit, one a line: `<path> <how> <arguments>` where how is
//
//     text "<escaped>"                 the text (escapes: \n \r \t \0 \\ \" \xHH)
//     repeat <count> "<escaped>"       the text <count> times
//     around <count> "<a>" "<b>" "<c>" a, then b <count> times, then c
//     random <bytes> <seed>            pseudo-random bytes
//     utf16le "<escaped>"              the text in UTF-16LE (utf16le-bom, utf16be-bom too)
//     symlink <target>                 a symbolic link; $OUTSIDE/x is a file outside the
//                                      project, $OUTSIDE/x/ a folder holding a CSV file
//     fifo                             a named pipe
//     engine <path>                    a copy of the engine's own file (layouts/theme.yaml)
//     replace "<from>" "<to>"          replaces the first <from> in the file made so far
//     delete                           removes the tiny project's file (or folder)
//
// Usage: bad_input_runner <case folder>
#include "support/temp_dir.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <signal.h>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using mipex::testing::read_text;
using mipex::testing::TempDir;
using mipex::testing::write_text;

namespace {

struct Settings {
    std::string command = "check";
    int exit_code = 1;
    double seconds = 10;
    std::vector<std::string> arguments;
};

[[noreturn]] void fail(const std::string& message) {
    std::cerr << "FAILED: " << message << "\n";
    std::exit(1);
}

std::vector<std::string> split_words(const std::string& text) {
    std::istringstream stream(text);
    std::vector<std::string> words;
    std::string word;
    while (stream >> word)
        words.push_back(word);
    return words;
}

/// Reads a double-quoted, escaped string starting at `at`; moves `at` past it.
std::string unescape(const std::string& line, size_t& at) {
    while (at < line.size() && line[at] == ' ')
        ++at;
    if (at >= line.size() || line[at] != '"')
        fail("expected a quoted text in: " + line);
    std::string out;
    for (++at; at < line.size() && line[at] != '"'; ++at) {
        if (line[at] != '\\') {
            out += line[at];
            continue;
        }
        char c = line[++at];
        switch (c) {
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        case 't':
            out += '\t';
            break;
        case '0':
            out += '\0';
            break;
        case 'x':
            out += static_cast<char>(std::stoi(line.substr(at + 1, 2), nullptr, 16));
            at += 2;
            break;
        default:
            out += c;
        }
    }
    ++at;
    return out;
}

std::string utf16(const std::string& text, bool big_endian, bool mark) {
    std::string out;
    auto unit = [&](uint16_t u) {
        out += static_cast<char>(big_endian ? u >> 8 : u & 0xFF);
        out += static_cast<char>(big_endian ? u & 0xFF : u >> 8);
    };
    if (mark)
        unit(0xFEFF);
    for (unsigned char c : text) // ASCII only: enough for the cases
        unit(c);
    return out;
}

void generate(const fs::path& spec, const fs::path& project, const fs::path& outside) {
    std::istringstream lines(read_text(spec));
    std::string line;
    while (std::getline(lines, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        std::istringstream words(line);
        std::string path, how;
        words >> path >> how;
        fs::path target = project / path;
        fs::create_directories(target.parent_path());
        size_t at = line.find(how, path.size()) + how.size();
        if (how == "text") {
            write_text(target, unescape(line, at));
        } else if (how == "repeat" || how == "around") {
            size_t count = 0;
            words >> count;
            at = line.find_first_of('"', at);
            std::string first = how == "around" ? unescape(line, at) : "";
            std::string middle = unescape(line, at);
            std::string last = how == "around" ? unescape(line, at) : "";
            std::string text = first;
            text.reserve(first.size() + middle.size() * count + last.size());
            for (size_t i = 0; i < count; ++i)
                text += middle;
            write_text(target, text + last);
        } else if (how == "random") {
            size_t bytes = 0;
            unsigned seed = 0;
            words >> bytes >> seed;
            std::mt19937 generator(seed);
            std::string text(bytes, '\0');
            for (char& c : text)
                c = static_cast<char>(generator() & 0xFF);
            write_text(target, text);
        } else if (how.starts_with("utf16")) {
            write_text(target, utf16(unescape(line, at), how.starts_with("utf16be"),
                                     how.ends_with("-bom")));
        } else if (how == "symlink") {
            std::string link;
            words >> link;
            if (link.starts_with("$OUTSIDE/")) {
                fs::path secret = outside / link.substr(9);
                if (link.ends_with('/'))
                    write_text(secret / "scores.csv", "country,year,indicator,value\n");
                else
                    write_text(secret, "code: XX\nname: A file outside the project\n");
                link = secret.string();
            }
            fs::remove(target);
            fs::create_symlink(link, target);
        } else if (how == "fifo") {
            fs::remove(target);
            if (mkfifo(target.c_str(), 0644) != 0)
                fail("cannot make a FIFO at " + target.string());
        } else if (how == "engine") {
            std::string source;
            words >> source;
            fs::copy_file(fs::path(MIPEX_SOURCE_DIR) / source, target,
                          fs::copy_options::overwrite_existing);
        } else if (how == "replace") {
            std::string from = unescape(line, at);
            std::string to = unescape(line, at);
            std::string text = read_text(target);
            size_t found = text.find(from);
            if (found == std::string::npos)
                fail("generate.txt: '" + from + "' is not in " + path);
            write_text(target, text.replace(found, from.size(), to));
        } else if (how == "delete") {
            if (!fs::remove_all(target))
                fail("generate.txt deletes " + path + ", which the tiny project does not have");
        } else {
            fail("generate.txt: unknown way to make a file: " + how);
        }
    }
}

Settings read_settings(const std::string& expectations) {
    Settings settings;
    std::istringstream lines(expectations);
    std::string line;
    static const std::regex setting(R"(^#\s*(command|exit|time|args):\s*(.*)$)");
    while (std::getline(lines, line)) {
        std::smatch match;
        if (!std::regex_match(line, match, setting))
            continue;
        std::string value = match[2];
        if (match[1] == "command")
            settings.command = value;
        else if (match[1] == "exit")
            settings.exit_code = std::stoi(value);
        else if (match[1] == "time")
            settings.seconds = std::stod(value);
        else
            settings.arguments = split_words(value);
    }
    return settings;
}

struct Run {
    int exit_code = -1;
    int signal = 0;
    double seconds = 0;
    std::string errors;
};

/// Runs the binary with `arguments`, standard error into a file, standard output discarded;
/// kills it when it outlives `limit` seconds by far (ctest's timeout is the last resort).
Run run(const std::vector<std::string>& arguments, const fs::path& errors_file, double limit) {
    auto started = std::chrono::steady_clock::now();
    pid_t pid = fork();
    if (pid == 0) {
        int err = ::open(errors_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int null = ::open("/dev/null", O_WRONLY);
        dup2(err, 2);
        dup2(null, 1);
        std::vector<char*> argv;
        for (const std::string& argument : arguments)
            argv.push_back(const_cast<char*>(argument.c_str()));
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    Run result;
    int status = 0;
    while (true) {
        pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid)
            break;
        double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (elapsed > 3 * limit + 10) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            break;
        }
        usleep(2000);
    }
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (WIFEXITED(status))
        result.exit_code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        result.signal = WTERMSIG(status);
    result.errors = read_text(errors_file);
    return result;
}

/// A diagnostic's file as expect.txt writes it: relative to the project, `<engine>/…` for the
/// engine's own files, `<none>` for none.
struct PathNames {
    std::string project_prefix;
    std::string engine_prefix;

    std::string operator()(const std::string& file) const {
        if (file.starts_with(project_prefix))
            return file.substr(project_prefix.size());
        if (file.starts_with(engine_prefix))
            return "<engine>/" + file.substr(engine_prefix.size());
        if (file.empty())
            return "<none>";
        return file;
    }
};

/// The diagnostics of a JSON run, as expect.txt writes them. A line or column of 0 is a
/// failure: a position that is not there is null.
std::vector<std::string> read_json_diagnostics(const std::string& errors, const PathNames& names,
                                               std::vector<std::string>& failures) {
    std::vector<std::string> actual;
    std::istringstream lines(errors);
    std::string line;
    while (std::getline(lines, line)) {
        nlohmann::json diagnostic;
        try {
            diagnostic = nlohmann::json::parse(line);
        } catch (const std::exception&) {
            failures.push_back("not a JSON diagnostic: " + line);
            continue;
        }
        for (const char* field : {"severity", "file", "line", "column", "message"})
            if (!diagnostic.contains(field))
                failures.push_back(std::string("no '") + field + "' in: " + line);
        const nlohmann::json& row = diagnostic["line"];
        const nlohmann::json& column = diagnostic["column"];
        bool positioned = row.is_number_unsigned() && row.get<unsigned>() > 0;
        if (!row.is_null() && !positioned)
            failures.push_back("a line is a positive number or null: " + line);
        if (positioned
                ? !column.is_null() && !(column.is_number_unsigned() && column.get<unsigned>() > 0)
                : !column.is_null())
            failures.push_back("a column is a positive number, or null (always without a "
                               "line): " +
                               line);
        std::string where = names(diagnostic["file"].get<std::string>());
        if (positioned) {
            where += ":" + std::to_string(row.get<unsigned>());
            if (column.is_number_unsigned())
                where += ":" + std::to_string(column.get<unsigned>());
        }
        actual.push_back(where + ": " + diagnostic["severity"].get<std::string>() + ": " +
                         diagnostic["message"].get<std::string>());
    }
    return actual;
}

/// The diagnostics of a human run, as expect.txt writes them: the first line of each (the
/// source line and caret under it, and the summary, are not diagnostics).
std::vector<std::string> read_human_diagnostics(const std::string& errors, const PathNames& names) {
    static const std::regex first_line(R"(^(?:(.+?): )?(error|warning|note): (.*)$)");
    static const std::regex position(R"(^(.*?)((?::\d+){0,2})$)");
    std::vector<std::string> actual;
    std::istringstream lines(errors);
    std::string line;
    while (std::getline(lines, line)) {
        std::smatch match;
        if (line.starts_with("  ") || !std::regex_match(line, match, first_line))
            continue;
        std::string where = match[1];
        std::smatch parts;
        std::regex_match(where, parts, position);
        actual.push_back(names(parts[1]) + std::string(parts[2]) + ": " + std::string(match[2]) +
                         ": " + std::string(match[3]));
    }
    return actual;
}

/// Matches reported diagnostics to expected ones (a message may be given by its start).
/// Returns the expected ones not reported, and adds the ones reported but not expected.
std::vector<std::string>
match_diagnostics(const std::vector<std::pair<std::string, std::string>>& expected,
                  const std::vector<std::string>& actual, std::vector<std::string>& unexpected) {
    std::vector<bool> used(actual.size(), false);
    std::vector<std::string> missing;
    for (const auto& [where, message] : expected) {
        bool found = false;
        for (size_t i = 0; i < actual.size() && !found; ++i)
            if (!used[i] && actual[i].starts_with(where + ": " + message))
                used[i] = found = true;
        if (!found)
            missing.push_back(where + ": " + message);
    }
    for (size_t i = 0; i < actual.size(); ++i)
        if (!used[i])
            unexpected.push_back(actual[i]);
    return missing;
}

std::string describe(const Run& run) {
    if (run.signal)
        return "killed by signal " + std::to_string(run.signal) + " (" + strsignal(run.signal) +
               ")";
    return "exit code " + std::to_string(run.exit_code);
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2)
        fail("usage: bad_input_runner <case folder>");
    fs::path folder = fs::absolute(argv[1]);
    std::string name = folder.filename().string();
    TempDir temp;
    fs::path project = temp / "project";
    fs::path outside = temp / "outside";
    mipex::testing::copy_tree(fs::path(MIPEX_TESTS_DIR) / "projects" / "tiny", project);
    size_t overlaid = 0;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        std::string file = entry.path().filename().string();
        if (!entry.is_regular_file() || file == "expect.txt" || file == "generate.txt")
            continue;
        fs::path target = project / entry.path().lexically_relative(folder);
        fs::create_directories(target.parent_path());
        fs::copy_file(entry.path(), target, fs::copy_options::overwrite_existing);
        ++overlaid;
    }
    if (fs::exists(folder / "generate.txt")) {
        generate(folder / "generate.txt", project, outside);
        ++overlaid;
    }
    if (overlaid == 0)
        fail(name + " changes nothing in the tiny project");

    std::string expectations = read_text(folder / "expect.txt");
    Settings settings = read_settings(expectations);
    // A sanitizer build runs several times slower (tests/CMakeLists.txt sets the factor).
    if (const char* scale = std::getenv("MIPEX_TIME_SCALE"))
        settings.seconds *= std::max(1.0, std::atof(scale));
    // `path:line:col: ` or, for a whole file, `path: ` (never a line or column of 0).
    static const std::regex line_format(
        R"(^((?:[^:]+|.+:[1-9]\d*:[1-9]\d*): (error|warning|note)): (.*)$)");
    std::vector<std::pair<std::string, std::string>> expected; // where, message start
    std::istringstream lines(expectations);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        std::smatch match;
        if (!std::regex_match(line, match, line_format))
            fail("expect.txt: not 'path:line:col: severity: message' (or 'path: severity: "
                 "message' for a whole file): " +
                 line);
        expected.emplace_back(match[1], match[3]);
    }
    if (expected.empty() && settings.exit_code != 0)
        fail("expect.txt states no diagnostic");

    // The engine's own files, as the binary was built from them.
    setenv("MIPEX_HOME", MIPEX_SOURCE_DIR, 1);
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    std::vector<std::string> arguments = {MIPEX_BINARY, settings.command, "--project",
                                          project.string()};
    if (settings.command == "build")
        arguments.insert(arguments.end(), {"--out", (temp / "out").string()});
    arguments.insert(arguments.end(), settings.arguments.begin(), settings.arguments.end());

    std::vector<std::string> failures;
    // The human format first: it must not fail on whatever the source lines hold, nor print
    // megabytes of them.
    std::vector<std::string> human = arguments;
    Run shown = run(human, temp / "human.txt", settings.seconds);
    if (shown.signal || shown.exit_code != settings.exit_code)
        failures.push_back("human format: " + describe(shown) + ", expected exit code " +
                           std::to_string(settings.exit_code));
    if (shown.errors.size() > (1u << 20))
        failures.push_back("human format printed " + std::to_string(shown.errors.size()) +
                           " bytes");

    arguments.insert(arguments.end(), {"--diagnostic-format", "json"});
    Run result = run(arguments, temp / "errors.json", settings.seconds);
    if (result.signal || result.exit_code != settings.exit_code)
        failures.push_back(describe(result) + ", expected exit code " +
                           std::to_string(settings.exit_code));
    for (double seconds : {shown.seconds, result.seconds})
        if (seconds > settings.seconds)
            failures.push_back("took " + std::to_string(seconds) + " s, the bound is " +
                               std::to_string(settings.seconds) + " s");

    std::string engine_prefix = fs::path(MIPEX_SOURCE_DIR).lexically_normal().string();
    if (!engine_prefix.ends_with('/'))
        engine_prefix += '/';
    PathNames names{project.string() + "/", engine_prefix};
    std::vector<std::string> actual = read_json_diagnostics(result.errors, names, failures);
    std::vector<std::string> unexpected;
    std::vector<std::string> missing = match_diagnostics(expected, actual, unexpected);
    if (!missing.empty() || !unexpected.empty())
        failures.push_back("diagnostics differ");
    // The same diagnostics as people read them.
    std::vector<std::string> human_actual = read_human_diagnostics(shown.errors, names);
    std::vector<std::string> human_unexpected;
    std::vector<std::string> human_missing =
        match_diagnostics(expected, human_actual, human_unexpected);
    if (!human_missing.empty() || !human_unexpected.empty())
        failures.push_back("human format: diagnostics differ");
    if (settings.command == "build" && settings.exit_code == 0 &&
        !fs::exists(temp / "out" / "mipex-en.pdf"))
        failures.push_back("the build succeeded but wrote no PDF");

    if (failures.empty()) {
        std::cout << name << ": " << actual.size() << " diagnostics as expected, "
                  << describe(result) << ", " << result.seconds << " s\n";
        return 0;
    }
    std::cerr << "case " << name << "\n";
    for (const std::string& failure : failures)
        std::cerr << "FAILED: " << failure << "\n";
    std::cerr << "expected, not reported:\n";
    for (const std::string& text : missing)
        std::cerr << "  " << text << "\n";
    std::cerr << "reported, not expected:\n";
    for (const std::string& text : unexpected)
        std::cerr << "  " << text << "\n";
    std::cerr << "all diagnostics (the format of expect.txt):\n";
    for (const std::string& text : actual)
        std::cerr << "  " << text << "\n";
    if (!human_missing.empty() || !human_unexpected.empty()) {
        std::cerr << "human format, expected, not reported:\n";
        for (const std::string& text : human_missing)
            std::cerr << "  " << text << "\n";
        std::cerr << "human format, reported, not expected:\n";
        for (const std::string& text : human_unexpected)
            std::cerr << "  " << text << "\n";
    }
    std::cerr << "as the user sees them:\n" << shown.errors.substr(0, 20000);
    return 1;
}
