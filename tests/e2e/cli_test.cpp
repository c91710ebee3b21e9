// The command line as users call it: exit codes, diagnostics on standard error, the scores
// export on standard output.
#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;

namespace {

struct Result {
    int status = 0;
    std::string output;
};

/// Runs the binary with arguments (in `folder`, if given); stdout and stderr are captured
/// separately.
Result mipex(const std::string& arguments, std::string* errors = nullptr,
             const fs::path& folder = {}) {
    fs::path error_file =
        fs::temp_directory_path() / ("mipex-cli-" + std::to_string(::getpid()) + ".err");
    std::string command = std::string(MIPEX_BINARY) + " " + arguments + " 2>" + error_file.string();
    if (!folder.empty())
        command = "cd '" + folder.string() + "' && " + command;
    Result result;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe);
    std::array<char, 4096> buffer;
    size_t read;
    while ((read = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        result.output.append(buffer.data(), read);
    int status = pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (errors) {
        std::ifstream file(error_file);
        std::stringstream text;
        text << file.rdbuf();
        *errors = text.str();
    }
    fs::remove(error_file);
    return result;
}

/// A copy of the default project's content in a temporary folder, to break on purpose.
fs::path copy_of_default_project(const std::string& name) {
    fs::path folder =
        fs::temp_directory_path() / ("mipex-cli-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(folder);
    fs::create_directories(folder);
    fs::copy(fs::path(MIPEX_SOURCE_DIR) / "content", folder / "content",
             fs::copy_options::recursive);
    return folder;
}

/// A copy of the tiny test project in a temporary folder.
fs::path copy_of_tiny_project(const std::string& name) {
    fs::path folder =
        fs::temp_directory_path() / ("mipex-cli-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(folder);
    fs::create_directories(folder);
    fs::copy(fs::path(MIPEX_TESTS_DIR) / "projects" / "tiny" / "content", folder / "content",
             fs::copy_options::recursive);
    return folder;
}

size_t count_lines(const std::string& text) {
    return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

void replace_in_file(const fs::path& path, const std::string& from, const std::string& to) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    std::string content = text.str();
    size_t at = content.find(from);
    REQUIRE(at != std::string::npos);
    content.replace(at, from.size(), to);
    std::ofstream(path) << content;
}

} // namespace

TEST_CASE("mipex check passes on the default project") {
    std::string errors;
    Result result = mipex(std::string("check --project ") + MIPEX_SOURCE_DIR, &errors);
    INFO(errors);
    CHECK(result.status == 0);
    CHECK(errors.find("56 countries") != std::string::npos);
}

TEST_CASE("mipex check reports every error at once with its position, then exits 1") {
    fs::path project = copy_of_default_project("check");
    replace_in_file(project / "content" / "countries" / "se.yaml", "name: Sweden", "nmae: Sweden");
    replace_in_file(project / "content" / "data" / "scores.csv", "AT,2019,lmm_1,",
                    "AT,2019,lmm_1,z");
    std::string errors;
    Result result = mipex("check --project " + project.string(), &errors);
    INFO(errors);
    CHECK(result.status == 1);
    CHECK(errors.find(
              "content/countries/se.yaml:3:1: error: unknown key 'nmae' in a country; did you mean "
              "'name'?") != std::string::npos);
    CHECK(errors.find("content/data/scores.csv:") != std::string::npos);
    CHECK(errors.find("is not an answer option of indicator 'lmm_1'") != std::string::npos);
    // The caret line under the source line.
    CHECK(errors.find("  nmae: Sweden\n  ^\n") != std::string::npos);

    Result json = mipex("check --diagnostic-format json --project " + project.string(), &errors);
    CHECK(json.status == 1);
    std::istringstream lines(errors);
    std::string line;
    int parsed = 0;
    while (std::getline(lines, line)) {
        auto diagnostic = nlohmann::json::parse(line);
        CHECK(diagnostic["severity"] == "error");
        CHECK(diagnostic["line"].get<int>() > 0);
        ++parsed;
    }
    CHECK(parsed >= 3);
    fs::remove_all(project);
}

TEST_CASE("a build with input errors writes nothing and keeps the previous book") {
    fs::path project = copy_of_default_project("keep");
    fs::create_directories(project / "out");
    std::ofstream(project / "out" / "mipex-en.pdf") << "the previous book";
    replace_in_file(project / "content" / "framework.yaml", "value: 100", "value: 1000");
    Result result = mipex("build --project " + project.string());
    CHECK(result.status == 1);
    std::ifstream previous(project / "out" / "mipex-en.pdf");
    std::string text((std::istreambuf_iterator<char>(previous)), {});
    CHECK(text == "the previous book");
    fs::remove_all(project);
}

TEST_CASE("mipex scores prints the table as CSV and JSON that agree") {
    Result csv = mipex(std::string("scores --year 2019 --project ") + MIPEX_SOURCE_DIR);
    REQUIRE(csv.status == 0);
    std::istringstream rows(csv.output);
    std::string header;
    std::getline(rows, header);
    CHECK(header == "country,name,year,level,measure,score,shown,rank,ranked,band");
    std::map<std::string, std::string> sweden;
    std::string row;
    int count = 0;
    while (std::getline(rows, row)) {
        ++count;
        if (row.rfind("SE,Sweden,2019,", 0) == 0) {
            std::vector<std::string> fields;
            std::stringstream stream(row);
            std::string field;
            while (std::getline(stream, field, ','))
                fields.push_back(field);
            sweden[fields[4]] = fields[6] + " rank " + fields[7] + "/" + fields[8];
        }
    }
    // 56 countries × (2 overall + 8 areas + 32 dimensions), then the means of 2 groups.
    CHECK(count == 56 * 42 + 2 * 42);

    Result json =
        mipex(std::string("scores --format json --year 2019 --project ") + MIPEX_SOURCE_DIR);
    REQUIRE(json.status == 0);
    auto document = nlohmann::json::parse(json.output);
    REQUIRE(document["years"].size() == 1);
    for (const auto& country : document["years"][0]["countries"]) {
        if (country["code"] != "SE")
            continue;
        const auto& overall = country["overall"]["overall"];
        CHECK(sweden["overall"] == std::to_string(overall["shown"].get<int>()) + " rank " +
                                       std::to_string(overall["rank"].get<int>()) + "/" +
                                       std::to_string(overall["ranked"].get<int>()));
        for (const auto& area : country["areas"])
            CHECK(sweden[area["id"].get<std::string>()] ==
                  std::to_string(area["shown"].get<int>()) + " rank " +
                      std::to_string(area["rank"].get<int>()) + "/" +
                      std::to_string(area["ranked"].get<int>()));
    }
    CHECK(mipex(std::string("scores --year 1999 --project ") + MIPEX_SOURCE_DIR).status == 1);
}

TEST_CASE("help describes every subcommand and option") {
    Result help = mipex("--help");
    CHECK(help.status == 0);
    for (const char* word : {"build", "check", "scores"})
        CHECK(help.output.find(word) != std::string::npos);
    Result build = mipex("build --help");
    for (const char* option : {"--project", "--out", "--diagnostic-format", "--dump"})
        CHECK(build.output.find(option) != std::string::npos);
    CHECK(mipex("frobnicate").status != 0);
}

TEST_CASE("mipex build --only writes one part alone, for previews") {
    fs::path out = fs::temp_directory_path() / ("mipex-only-" + std::to_string(::getpid()));
    Result result = mipex(std::string("build --only country:SE --project ") + MIPEX_SOURCE_DIR +
                          " --out " + out.string());
    REQUIRE(result.status == 0);
    fs::path pdf = out / "mipex-en-country-SE.pdf";
    REQUIRE(fs::exists(pdf));
    // Sweden's profile, numbered from 1, and nothing else.
    FILE* pipe = popen(("pdftotext -layout " + pdf.string() + " -").c_str(), "r");
    REQUIRE(pipe);
    std::string text;
    char buffer[4096];
    size_t read;
    while ((read = fread(buffer, 1, sizeof buffer, pipe)) > 0)
        text.append(buffer, read);
    // pdftotext missing (make deps installs it) or failing fails the test: none of the checks
    // below may pass on text never read.
    REQUIRE(pclose(pipe) == 0);
    CHECK(text.find("Sweden") != std::string::npos);
    CHECK(text.find("Policy areas") == std::string::npos);
    CHECK(text.find("Finland") == std::string::npos);
    std::string errors;
    CHECK(mipex(std::string("build --only country:XX --project ") + MIPEX_SOURCE_DIR + " --out " +
                    out.string(),
                &errors)
              .status == 1);
    CHECK(errors.find("--only country:XX: no such part") != std::string::npos);
    fs::remove_all(out);
}

// README, "Exit codes": one test per row.

TEST_CASE("exit code 0: the command did what was asked, and --help and --version") {
    std::string project = std::string(MIPEX_TESTS_DIR) + "/projects/tiny";
    fs::path out = copy_of_tiny_project("exit-0") / "out";
    std::string errors;
    CHECK(mipex("check --project " + project, &errors).status == 0);
    CHECK(mipex("build --project " + project + " --out " + out.string(), &errors).status == 0);
    CHECK(fs::exists(out / "mipex-en.pdf"));
    CHECK(mipex("scores --project " + project).status == 0);
    CHECK(mipex("--help").status == 0);
    CHECK(mipex("i18n export --help").status == 0);
    Result version = mipex("--version");
    CHECK(version.status == 0);
    CHECK(version.output.starts_with("mipex "));
    fs::remove_all(out.parent_path());
}

TEST_CASE("exit code 1: the input has errors, lacks what the command names, or the output "
          "could not be written") {
    fs::path project = copy_of_tiny_project("exit-1");
    std::string folder = " --project " + project.string() + " --out " + (project / "out").string();
    std::string errors;
    // The example: a folder linked to the one above it, named like a country file.
    fs::create_directory_symlink("..", project / "content" / "countries" / "loop.yaml");
    Result loop = mipex("check --project " + project.string(), &errors);
    CHECK(loop.status == 1);
    CHECK(errors.find("content/countries/loop.yaml: error: this folder is a link to ") !=
          std::string::npos);
    fs::remove(project / "content" / "countries" / "loop.yaml");

    CHECK(mipex("build --lang xx" + folder, &errors).status == 1);
    CHECK(errors.find("error: --lang xx: no catalog content/i18n/xx/") != std::string::npos);
    CHECK(mipex("build --only country:XX" + folder, &errors).status == 1);
    CHECK(mipex("scores --year 1999 --project " + project.string(), &errors).status == 1);
    // A table written to a full disk is not a success.
    CHECK(mipex("scores --project " + project.string() + " >/dev/full", &errors).status == 1);
    CHECK(errors.find("mipex: cannot write to standard output: ") != std::string::npos);
    CHECK(mipex("i18n status --project " + project.string() + " >/dev/full").status == 1);
    fs::remove_all(project);
}

TEST_CASE("exit code 2: a mistake on the command line, said in the engine's form with what "
          "to do") {
    std::string project = " --project " + std::string(MIPEX_TESTS_DIR) + "/projects/tiny";
    struct Case {
        std::string arguments;
        std::string message; ///< the line after "mipex: "
        std::string command; ///< the command whose --help the next line names
    };
    const Case cases[] = {
        {"build --bogus" + project, "unknown option --bogus", "mipex build"},
        {"build --lnag de" + project, "unknown option --lnag; did you mean '--lang'?",
         "mipex build"},
        {"biuld" + project, "'biuld' is not a command; did you mean 'build'?", "mipex"},
        {"frobnicate",
         "'frobnicate' is not a command (build, watch, site, check, scores, charts or i18n)", "mipex"},
        {"", "a command is needed: build, watch, site, check, scores, charts or i18n", "mipex"},
        {"i18n stat", "'stat' is not a command of i18n; did you mean 'status'?", "mipex i18n"},
        {"i18n", "i18n needs a command: status, export or import", "mipex i18n"},
        {"build --project /nonexistent", "--project: Directory does not exist: /nonexistent",
         "mipex build"},
        {"build --format pdfx" + project, "--format: pdfx not in {pdf,epub}", "mipex build"},
        {"build --lang de-" + project, "--lang: 'de-' is not a language tag", "mipex build"},
        {"watch --lang de,de_AT" + project,
         "--lang: 'de_AT' is not a language tag (BCP 47: de, pt-BR, zh-Hant); did you mean "
         "'de-AT'?",
         "mipex watch"},
        {"charts --lang all" + project, "--lang: 'all': give one language", "mipex charts"},
        {"i18n export --lang 'de at'" + project, "--lang: 'de at' is not a language tag",
         "mipex i18n export"},
        {"scores --year abc" + project, "could not convert: --year = abc", "mipex scores"},
        {"check --lang de" + project, "unknown option --lang", "mipex check"},
        {"build de" + project, "the following argument was not expected: de", "mipex build"},
    };
    for (const Case& test : cases) {
        std::string errors;
        Result result = mipex(test.arguments, &errors);
        INFO(test.arguments);
        INFO(errors);
        CHECK(result.status == 2);
        CHECK(errors.starts_with("mipex: " + test.message));
        CHECK(errors.find("\nRun '" + test.command + " --help' for its ") != std::string::npos);
        CHECK(errors.find("internal error") == std::string::npos);
        CHECK(count_lines(errors) == 2);
    }
    // A limit that does not exist.
    std::string errors;
    CHECK(mipex("check --limit pages=1" + project, &errors).status == 2);
    CHECK(errors.starts_with("mipex: "));
    CHECK(errors.ends_with("\nRun 'mipex check --help' for its options.\n"));
}
TEST_CASE("mipex build --lang BG builds the edition of the catalog content/i18n/bg/") {
    fs::path project = copy_of_tiny_project("lang-case");
    fs::create_directories(project / "content" / "i18n" / "bg");
    std::ofstream(project / "content" / "i18n" / "bg" / "strings.yaml")
        << "ui.contents:\n  text: Съдържание\n";
    std::string errors;
    Result build = mipex("build --lang BG --project " + project.string() + " --out " +
                             (project / "out").string(),
                         &errors);
    INFO(errors);
    CHECK(build.status == 0);
    CHECK(fs::exists(project / "out" / "mipex-bg.pdf"));
    fs::remove_all(project);
}

TEST_CASE("after an edition in another language one line counts what prints in English, "
          "--verbose lists each text and JSON keeps a note for each") {
    fs::path project = copy_of_tiny_project("untranslated");
    fs::create_directories(project / "content" / "i18n" / "de");
    std::ofstream(project / "content" / "i18n" / "de" / "strings.yaml")
        << "ui.contents:\n  text: Inhalt\n";
    std::string out = " --out " + (project / "out").string();
    std::string errors;
    Result summary = mipex("build --lang de" + out, &errors, project);
    INFO(errors);
    REQUIRE(summary.status == 0);
    // The summary line, the stale translation (no fingerprint) and the result line.
    std::istringstream lines(errors);
    std::string line;
    std::vector<std::string> edition_lines;
    while (std::getline(lines, line))
        if (line.starts_with("de: "))
            edition_lines.push_back(line);
    REQUIRE(edition_lines.size() == 1);
    std::smatch counted;
    REQUIRE(std::regex_match(edition_lines[0], counted,
                             std::regex("de: ([0-9]+) texts print in English: (.*); 1 translation "
                                        "is stale; mipex i18n status --lang de lists them")));
    size_t missing = std::stoul(counted[1]);
    CHECK(missing > 50);
    // The kinds add up to the whole.
    size_t sum = 0;
    std::string kinds = counted[2];
    const std::regex count("(^|, )([0-9]+) ");
    for (std::sregex_iterator it(kinds.begin(), kinds.end(), count), end; it != end; ++it)
        sum += std::stoul((*it)[2]);
    CHECK(sum == missing);
    for (const char* kind : {" interface strings", " indicator texts", " book texts"})
        CHECK(kinds.find(kind) != std::string::npos);
    CHECK(errors.find("wrote ") != std::string::npos);
    CHECK(count_lines(errors) == 2);

    // --verbose: every text, with where its English is written, relative to the working folder.
    Result verbose = mipex("build --lang de --verbose" + out, &errors, project);
    CHECK(verbose.status == 0);
    CHECK(errors.find("de: " + std::to_string(missing) +
                      " texts have no translation and print in English:\n") != std::string::npos);
    CHECK(errors.find("\n  content/book.yaml:2:8: book.title\n") != std::string::npos);
    CHECK(errors.find("de: 1 translation is stale") != std::string::npos);
    CHECK(count_lines(errors) == 1 + missing + 1 + 1 + 1);

    // JSON: one note a text.
    Result json = mipex("build --lang de --diagnostic-format json" + out, &errors, project);
    CHECK(json.status == 0);
    size_t notes = 0;
    std::istringstream json_lines(errors);
    while (std::getline(json_lines, line))
        notes += nlohmann::json::parse(line)["message"].get<std::string>().starts_with(
            "de: not translated, printed in English: ");
    CHECK(notes == missing);

    // From another folder, the command to see them names the project.
    mipex("build --lang de --project " + project.string() + out, &errors);
    CHECK(errors.find("mipex i18n status --lang de --project " + project.string() +
                      " lists them") != std::string::npos);
    fs::remove_all(project);
}
