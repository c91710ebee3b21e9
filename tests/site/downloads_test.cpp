#include "site/downloads.h"

#include "pipeline/pipeline.h"
#include "score/export.h"
#include "support/run.h"

#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>

using namespace mipex;
using namespace mipex::site;

namespace {

pipeline::CheckedProject& default_project() {
    static std::unique_ptr<pipeline::CheckedProject> checked =
        pipeline::check_project(MIPEX_SOURCE_DIR);
    return *checked;
}

using Record = std::vector<std::string>;

/// A CSV read back by the rules of RFC 4180 (section 2): fields split at commas, a field in
/// double quotes may hold commas, line breaks and doubled quotes. A stray quote fails.
std::vector<Record> parse_csv(std::string_view text) {
    std::vector<Record> records;
    Record record;
    std::string field;
    size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '"' && field.empty()) {
            for (++i;; ++i) {
                if (i == text.size())
                    FAIL("a quoted field without its closing quote");
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"')
                        field += text[++i];
                    else
                        break;
                } else {
                    field += text[i];
                }
            }
            ++i;
            if (i < text.size() && text[i] != ',' && text[i] != '\n')
                FAIL("text after a quoted field, at byte " << i);
            continue;
        }
        if (text[i] == ',' || text[i] == '\n') {
            record.push_back(std::move(field));
            field.clear();
            if (text[i] == '\n') {
                records.push_back(std::move(record));
                record.clear();
            }
        } else {
            if (text[i] == '"')
                FAIL("a quote inside an unquoted field, at byte " << i);
            field += text[i];
        }
        ++i;
    }
    REQUIRE(field.empty());
    REQUIRE(record.empty()); // the last line ends in a line feed
    return records;
}

const File& file_at(const std::vector<File>& files, std::string_view path) {
    for (const File& file : files)
        if (file.path == path)
            return file;
    FAIL("no file " << path);
    throw;
}

/// The records after the header, checking that each has as many fields as the header.
std::vector<Record> rows_of(const std::string& csv, const Record& header) {
    std::vector<Record> records = parse_csv(csv);
    REQUIRE(!records.empty());
    CHECK(records.front() == header);
    records.erase(records.begin());
    for (const Record& record : records)
        if (record.size() != header.size())
            FAIL("a row of " << record.size() << " fields under a header of " << header.size());
    return records;
}

const Record long_header{"country", "name",  "year", "level",  "measure",
                         "score",   "shown", "rank", "ranked", "band"};

} // namespace

TEST_CASE("the long CSV is what mipex scores writes, and each country's and area's file are "
          "its rows") {
    const pipeline::CheckedProject& checked = default_project();
    std::vector<File> files = data_downloads(checked.model, checked.scores);

    testing::Run scores =
        testing::run_mipex("scores --format csv --project " + std::string(MIPEX_SOURCE_DIR));
    REQUIRE(scores.status == 0);
    const File& long_file = file_at(files, "data/scores.csv");
    CHECK(long_file.data == scores.output);

    std::vector<Record> rows = rows_of(long_file.data, long_header);
    CHECK(rows.size() > 4000);
    // Full precision: each score reads back as the table's own double.
    for (const Record& row : rows)
        if (row[0] == "SE" && row[2] == "2019" && row[4] == "overall")
            CHECK(std::stod(row[5]) == *checked.scores.score(*checked.model.find_country("SE"),
                                                             *checked.model.find_year(2019),
                                                             score::Measure::overall()));

    size_t country_rows = 0;
    for (const model::Country& country : checked.model.countries) {
        INFO(country.code);
        std::vector<Record> expected;
        for (const Record& row : rows)
            if (row[0] == country.code && !row[3].starts_with("mean:"))
                expected.push_back(row);
        CHECK(!expected.empty());
        CHECK(rows_of(file_at(files, country_data_path(country.code)).data, long_header) ==
              expected);
        country_rows += expected.size();
    }
    CHECK(country_data_path("SE") == "data/country/se.csv");

    for (const model::Area& area : checked.model.framework.areas) {
        INFO(area.id);
        std::vector<Record> expected;
        for (const Record& row : rows) {
            bool in_area = row[4] == area.id;
            for (const model::Dimension& dimension : area.dimensions)
                in_area |= row[4] == dimension.id;
            if (in_area)
                expected.push_back(row);
        }
        CHECK(!expected.empty());
        CHECK(rows_of(file_at(files, area_data_path(area.id)).data, long_header) == expected);
    }
    CHECK(area_data_path("lmm") == "data/area/lmm.csv");
}

TEST_CASE("the wide CSV and the JSON files hold the long file's numbers") {
    const pipeline::CheckedProject& checked = default_project();
    std::vector<File> files = data_downloads(checked.model, checked.scores);
    std::vector<Record> rows = rows_of(file_at(files, "data/scores.csv").data, long_header);

    // Wide: a column per measure, a row per country (or group) and year.
    std::vector<Record> wide = parse_csv(file_at(files, "data/scores-wide.csv").data);
    const Record& header = wide.front();
    REQUIRE(header.size() == 3 + checked.scores.measure_count());
    CHECK(Record(header.begin(), header.begin() + 4) ==
          Record{"country", "name", "year", "overall"});
    std::map<std::tuple<std::string, std::string, std::string>, std::string> wide_cells;
    size_t filled = 0;
    for (size_t r = 1; r < wide.size(); ++r) {
        REQUIRE(wide[r].size() == header.size());
        for (size_t column = 3; column < header.size(); ++column)
            if (!wide[r][column].empty()) {
                auto [at, added] = wide_cells.emplace(
                    std::tuple{wide[r][0], wide[r][2], header[column]}, wide[r][column]);
                CHECK(added);
                ++filled;
            }
    }
    CHECK(filled == rows.size());
    for (const Record& row : rows) {
        INFO(row[0] << " " << row[2] << " " << row[4]);
        CHECK(wide_cells[{row[0], row[2], row[4]}] == row[5]);
    }

    // JSON: the same rows as records, numbers as numbers.
    auto records = nlohmann::json::parse(file_at(files, "data/scores.json").data);
    REQUIRE(records.size() == rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
        CHECK(records[i]["country"] == rows[i][0]);
        CHECK(records[i]["measure"] == rows[i][4]);
        CHECK(records[i]["score"].get<double>() == std::stod(rows[i][5]));
        CHECK(records[i]["rank"].is_null() == rows[i][7].empty());
    }
    auto wide_records = nlohmann::json::parse(file_at(files, "data/scores-wide.json").data);
    REQUIRE(wide_records.size() == wide.size() - 1);
    CHECK(wide_records[0]["overall"].get<double>() == std::stod(wide[1][3]));
}

TEST_CASE("the answers file lists every indicator answer of the data") {
    const pipeline::CheckedProject& checked = default_project();
    const model::Model& model = checked.model;
    std::vector<File> files = data_downloads(model, checked.scores);
    std::vector<Record> rows =
        rows_of(file_at(files, "data/answers.csv").data,
                Record{"country", "name", "year", "indicator", "option", "score"});

    size_t answers = 0;
    for (size_t c = 0; c < model.countries.size(); ++c)
        for (size_t y = 0; y < model.year_editions.years.size(); ++y)
            for (size_t i = 0; i < model.framework.indicators.size(); ++i)
                answers += model.observations.at(c, y, i).kind != model::Answer::Kind::Missing;
    CHECK(rows.size() == answers);
    size_t not_applicable = 0;
    for (const Record& row : rows) {
        INFO(row[0] << " " << row[2] << " " << row[3]);
        const model::Answer& answer =
            model.observations.at(*model.find_country(row[0]), *model.find_year(std::stoi(row[2])),
                                  *model.framework.find_indicator(row[3]));
        if (answer.kind == model::Answer::Kind::NotApplicable) {
            CHECK(row[4] == "n/a");
            CHECK(row[5].empty());
            ++not_applicable;
        } else {
            CHECK(row[4] == answer.option);
            CHECK(std::stod(row[5]) == answer.value);
        }
    }
    auto records = nlohmann::json::parse(file_at(files, "data/answers.json").data);
    CHECK(records.size() == rows.size());
    INFO(not_applicable << " answers not applicable");
}

TEST_CASE("a name with a comma and a quote is quoted as RFC 4180 says, and reads back") {
    pipeline::CheckedProject& checked = default_project();
    model::Model model = checked.model;
    model::Country& sweden = model.countries.at(*model.find_country("SE"));
    sweden.name.source = "Sweden, \"the Kingdom\"";
    model.groups.front().name.source = "All\ncountries";
    std::vector<File> files = data_downloads(model, checked.scores);

    const std::string& country_file = file_at(files, "data/country/se.csv").data;
    CHECK(country_file.find("\nSE,\"Sweden, \"\"the Kingdom\"\"\",2019,overall,") !=
          std::string::npos);
    for (const char* path : {"data/scores.csv", "data/scores-wide.csv", "data/answers.csv",
                             "data/country/se.csv", "data/area/lmm.csv"}) {
        INFO(path);
        std::vector<Record> records = parse_csv(file_at(files, path).data);
        bool sweden_found = false, group_found = false;
        for (const Record& record : records) {
            REQUIRE(record.size() == records.front().size());
            sweden_found |= record[0] == "SE" && record[1] == "Sweden, \"the Kingdom\"";
            group_found |= record[1] == "All\ncountries";
        }
        CHECK(sweden_found);
        if (std::string_view(path) != "data/answers.csv" &&
            std::string_view(path) != "data/country/se.csv")
            CHECK(group_found);
    }
    // The JSON files read back with the same names.
    for (const char* path : {"data/scores.json", "data/scores-wide.json", "data/answers.json"}) {
        INFO(path);
        bool sweden_found = false;
        for (const auto& record : nlohmann::json::parse(file_at(files, path).data))
            sweden_found |=
                record["country"] == "SE" && record["name"] == "Sweden, \"the Kingdom\"";
        CHECK(sweden_found);
    }
    bool group_found = false;
    for (const auto& record : nlohmann::json::parse(file_at(files, "data/scores-wide.json").data))
        group_found |= record["name"] == "All\ncountries";
    CHECK(group_found);
    CHECK(score::csv_field("a\rb") == "\"a\rb\"");
    CHECK(score::csv_field("plain") == "plain");
}

TEST_CASE("the downloads are the same bytes each time, at the paths the site links to") {
    const pipeline::CheckedProject& checked = default_project();
    std::vector<File> files = data_downloads(checked.model, checked.scores);
    std::vector<File> again = data_downloads(checked.model, checked.scores);
    REQUIRE(files.size() ==
            6 + checked.model.countries.size() + checked.model.framework.areas.size());
    for (size_t i = 0; i < files.size(); ++i) {
        CHECK(files[i].path == again[i].path);
        CHECK(files[i].data == again[i].data);
    }
    CHECK(files[0].path == "data/scores.csv");
}

TEST_CASE("a file's size reads in the language's units and digits") {
    CHECK(file_size_text(830, "en") == "830 byte");
    CHECK(file_size_text(12'345, "en") == "12 kB");
    CHECK(file_size_text(1'400'000, "en") == "1.4 MB");
    CHECK(file_size_text(9'500, "de") == "9,5 kB");
    CHECK(file_size_text(12'345, "fr") == "12\u202Fko");
    CHECK(file_size_text(12'345, "ar").find("١٢") != std::string::npos);
}
