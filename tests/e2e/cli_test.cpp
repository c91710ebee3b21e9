// The command line as users call it: exit codes, diagnostics on standard error, the scores
// export on standard output.
#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace fs = std::filesystem;

namespace {

struct Result {
    int status = 0;
    std::string output;
};

/// Runs the binary with arguments; stdout and stderr are captured separately.
Result mipex(const std::string& arguments, std::string* errors = nullptr) {
    fs::path error_file =
        fs::temp_directory_path() / ("mipex-cli-" + std::to_string(::getpid()) + ".err");
    std::string command = std::string(MIPEX_BINARY) + " " + arguments + " 2>" + error_file.string();
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
    Result result = mipex(std::string("build --only country:SE --project ") + MIPEX_SOURCE_DIR + " --out " + out.string());
    REQUIRE(result.status == 0);
    fs::path pdf = out / "mipex-en-country-SE.pdf";
    REQUIRE(fs::exists(pdf));
    // Sweden's profile, numbered from 1, and nothing else.
    FILE* pipe = popen(("pdftotext -layout " + pdf.string() + " -").c_str(), "r");
    std::string text;
    char buffer[4096];
    size_t read;
    while ((read = fread(buffer, 1, sizeof buffer, pipe)) > 0)
        text.append(buffer, read);
    pclose(pipe);
    CHECK(text.find("Sweden") != std::string::npos);
    CHECK(text.find("Policy areas") == std::string::npos);
    CHECK(text.find("Finland") == std::string::npos);
    std::string errors;
    CHECK(mipex(std::string("build --only country:XX --project ") + MIPEX_SOURCE_DIR + " --out " + out.string(),
                &errors)
              .status == 1);
    CHECK(errors.find("--only country:XX: no such part") != std::string::npos);
    fs::remove_all(out);
}
