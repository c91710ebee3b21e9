#include "site/downloads.h"

#include "base/diagnostics.h"
#include "i18n/localizer.h"
#include "score/export.h"
#include "site/paths.h"

#include <algorithm>
#include <map>
#include <set>
#include <unicode/measunit.h>
#include <unicode/numberformatter.h>

namespace mipex::site {

namespace {

/// A file of JSON records, one a line ("[\n{…},\n{…}\n]\n"), written as they come: a tree of
/// the 25,000 answers' records would take longer to build than to write.
class JsonRecords {
public:
    /// Starts a record; its fields follow.
    JsonRecords& record() {
        m_out += m_records++ > 0 ? "},\n{" : "{";
        m_first_field = true;
        return *this;
    }
    JsonRecords& text(std::string_view key, std::string_view value) {
        name(key);
        quote(value);
        return *this;
    }
    /// A number at full precision (the shortest text that reads back as the same double).
    JsonRecords& number(std::string_view key, double value) {
        name(key);
        m_out += score::exact_number(value);
        return *this;
    }
    JsonRecords& integer(std::string_view key, long long value) {
        name(key);
        m_out += std::to_string(value);
        return *this;
    }
    JsonRecords& null(std::string_view key) {
        name(key);
        m_out += "null";
        return *this;
    }
    std::string finish() { return m_out + (m_records > 0 ? "}\n]\n" : "]\n"); }

private:
    void name(std::string_view key) {
        if (!m_first_field)
            m_out += ',';
        m_first_field = false;
        quote(key);
        m_out += ':';
    }
    /// A JSON string (RFC 8259, section 7): quote, backslash and control characters escaped.
    void quote(std::string_view value) {
        m_out += '"';
        for (char c : value) {
            if (c == '"' || c == '\\') {
                m_out += '\\';
                m_out += c;
            } else if (static_cast<unsigned char>(c) < 0x20) {
                static const char hex[] = "0123456789abcdef";
                m_out += "\\u00";
                m_out += hex[(c >> 4) & 0xF];
                m_out += hex[c & 0xF];
            } else {
                m_out += c;
            }
        }
        m_out += '"';
    }

    std::string m_out = "[\n";
    size_t m_records = 0;
    bool m_first_field = true;
};

/// Countries in the order `mipex scores` lists them: by name, as a dictionary of the source
/// language sorts (pipeline/export.cpp).
std::vector<size_t> countries_by_name(const model::Model& model) {
    Diagnostics unused; // the source language has every text: nothing to report
    i18n::Localizer localizer(model, model.book.language, unused);
    std::vector<size_t> order(model.countries.size());
    for (size_t c = 0; c < order.size(); ++c)
        order[c] = c;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return localizer.less(localizer.text(model.countries[a].name),
                              localizer.text(model.countries[b].name));
    });
    return order;
}

/// The rows whose `keep` is true, as a CSV of the long file's columns.
template <class Keep>
std::string long_csv(const std::vector<score::ExportRow>& rows, Keep keep) {
    std::string out = score::export_csv_header();
    for (const score::ExportRow& row : rows)
        if (keep(row))
            out += score::export_csv_row(row);
    return out;
}

std::string long_json(const std::vector<score::ExportRow>& rows) {
    JsonRecords records;
    for (const score::ExportRow& row : rows) {
        records.record()
            .text("country", row.who)
            .text("name", row.name)
            .integer("year", row.year)
            .text("level", row.level)
            .text("measure", row.measure)
            .number("score", row.score);
        // The shown score as `mipex scores --format json` gives it: a whole number at
        // precision 0, else the number with its decimals.
        if (row.shown.decimals == 0)
            records.integer("shown", row.shown.units);
        else
            records.number("shown", row.shown.value());
        // No rank for a group's mean.
        if (row.rank && row.ranked)
            records.integer("rank", *row.rank).integer("ranked", *row.ranked);
        else
            records.null("rank").null("ranked");
        records.text("band", row.band);
    }
    return records.finish();
}

/// The wide table: a row per country (or group) and year, a column per measure.
struct WideTable {
    std::vector<std::string> measures; ///< ids, in the table's order
    struct Row {
        std::string who, name;
        int year = 0;
        bool mean = false;                         ///< a group's means
        std::vector<std::optional<double>> scores; ///< parallel to measures
    };
    std::vector<Row> rows;
};

WideTable wide_table(const model::Model& model, const score::ScoreTable& scores,
                     const std::vector<score::ExportRow>& long_rows) {
    WideTable table;
    std::map<std::string, size_t> column;
    for (size_t m = 0; m < scores.measure_count(); ++m) {
        score::Measure measure = scores.measure_at(m);
        std::string id;
        switch (measure.kind) {
        case score::Measure::Kind::Overall:
            id = model.framework.overalls[measure.index].id;
            break;
        case score::Measure::Kind::Area:
            id = model.framework.areas[measure.index].id;
            break;
        case score::Measure::Kind::Dimension:
            id = model.framework.areas[measure.index].dimensions[measure.dimension].id;
            break;
        }
        column.emplace(id, table.measures.size());
        table.measures.push_back(id);
    }
    // The long rows of one country (or group) and year are next to each other.
    for (const score::ExportRow& row : long_rows) {
        const bool mean = row.level.starts_with("mean:");
        if (table.rows.empty() || table.rows.back().who != row.who ||
            table.rows.back().year != row.year || table.rows.back().mean != mean)
            table.rows.push_back({row.who, row.name, row.year, mean,
                                  std::vector<std::optional<double>>(table.measures.size())});
        table.rows.back().scores[column.at(row.measure)] = row.score;
    }
    return table;
}

std::string wide_csv(const WideTable& table) {
    std::string out = "country,name,year";
    for (const std::string& measure : table.measures)
        out += "," + score::csv_field(measure);
    out += "\n";
    for (const WideTable::Row& row : table.rows) {
        out += score::csv_field(row.who) + "," + score::csv_field(row.name) + "," +
               std::to_string(row.year);
        for (const std::optional<double>& value : row.scores)
            out += "," + (value ? score::exact_number(*value) : std::string());
        out += "\n";
    }
    return out;
}

std::string wide_json(const WideTable& table) {
    JsonRecords records;
    for (const WideTable::Row& row : table.rows) {
        records.record().text("country", row.who).text("name", row.name).integer("year", row.year);
        for (size_t m = 0; m < table.measures.size(); ++m) {
            if (row.scores[m])
                records.number(table.measures[m], *row.scores[m]);
            else
                records.null(table.measures[m]);
        }
    }
    return records.finish();
}

/// Every answer of the data: by year, then country (in `order`), then indicator.
struct AnswerRow {
    const model::Country* country;
    int year;
    const model::Indicator* indicator;
    const model::Answer* answer;
};

std::vector<AnswerRow> answer_rows(const model::Model& model, const std::vector<size_t>& order) {
    std::vector<AnswerRow> rows;
    const model::Observations& data = model.observations;
    for (size_t y = 0; y < model.year_editions.years.size() && y < data.years(); ++y)
        for (size_t c : order) {
            if (c >= data.countries())
                continue;
            for (size_t i = 0; i < model.framework.indicators.size() && i < data.indicators();
                 ++i) {
                const model::Answer& answer = data.at(c, y, i);
                if (answer.kind != model::Answer::Kind::Missing)
                    rows.push_back({&model.countries[c], model.year_editions.years[y],
                                    &model.framework.indicators[i], &answer});
            }
        }
    return rows;
}

std::string answer_option(const model::Answer& answer) {
    switch (answer.kind) {
    case model::Answer::Kind::Option:
        return answer.option;
    case model::Answer::Kind::NotApplicable:
        return "n/a";
    default:
        return {};
    }
}

bool has_score(const model::Answer& answer) {
    return answer.kind == model::Answer::Kind::Option || answer.kind == model::Answer::Kind::Number;
}

std::string answers_csv(const std::vector<AnswerRow>& rows) {
    std::string out = "country,name,year,indicator,option,score\n";
    for (const AnswerRow& row : rows)
        out += score::csv_field(row.country->code) + "," +
               score::csv_field(row.country->name.source) + "," + std::to_string(row.year) + "," +
               score::csv_field(row.indicator->id) + "," +
               score::csv_field(answer_option(*row.answer)) + "," +
               (has_score(*row.answer) ? score::exact_number(row.answer->value) : std::string()) +
               "\n";
    return out;
}

std::string answers_json(const std::vector<AnswerRow>& rows) {
    JsonRecords records;
    for (const AnswerRow& row : rows) {
        records.record()
            .text("country", row.country->code)
            .text("name", row.country->name.source)
            .integer("year", row.year)
            .text("indicator", row.indicator->id);
        if (std::string option = answer_option(*row.answer); !option.empty())
            records.text("option", option);
        else
            records.null("option");
        if (has_score(*row.answer))
            records.number("score", row.answer->value);
        else
            records.null("score");
    }
    return records.finish();
}

} // namespace

std::string country_data_path(std::string_view country) {
    return "data/country/" + slug(country) + ".csv";
}

std::string area_data_path(std::string_view area) {
    return "data/area/" + slug(area) + ".csv";
}

std::vector<File> data_downloads(const model::Model& model, const score::ScoreTable& scores) {
    score::ExportOptions options;
    options.country_order = countries_by_name(model);
    const std::vector<score::ExportRow> rows = score::export_rows(model, scores, options);
    const WideTable wide = wide_table(model, scores, rows);
    const std::vector<AnswerRow> answers = answer_rows(model, options.country_order);

    std::vector<File> files;
    files.push_back({"data/scores.csv", long_csv(rows, [](const auto&) { return true; })});
    files.push_back({"data/scores.json", long_json(rows)});
    files.push_back({"data/scores-wide.csv", wide_csv(wide)});
    files.push_back({"data/scores-wide.json", wide_json(wide)});
    files.push_back({"data/answers.csv", answers_csv(answers)});
    files.push_back({"data/answers.json", answers_json(answers)});
    for (size_t c : options.country_order) {
        const std::string& code = model.countries[c].code;
        files.push_back({country_data_path(code), long_csv(rows, [&](const score::ExportRow& row) {
                             return row.who == code && !row.level.starts_with("mean:");
                         })});
    }
    for (const model::Area& area : model.framework.areas) {
        std::set<std::string, std::less<>> measures{area.id};
        for (const model::Dimension& dimension : area.dimensions)
            measures.insert(dimension.id);
        files.push_back({area_data_path(area.id), long_csv(rows, [&](const score::ExportRow& row) {
                             return measures.count(row.measure) > 0;
                         })});
    }
    return files;
}

std::string file_size_text(size_t bytes, std::string_view language) {
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale = icu::Locale::forLanguageTag(language, status);
    if (U_FAILURE(status))
        locale = icu::Locale::getRoot();
    // Decimal multiples, as CLDR's kilobyte and megabyte are (1,000 and 1,000,000 bytes);
    // a whole number from 10 up, one decimal below.
    double value = static_cast<double>(bytes);
    icu::MeasureUnit unit = icu::MeasureUnit::getByte();
    if (bytes >= 1000 * 1000) {
        value /= 1e6;
        unit = icu::MeasureUnit::getMegabyte();
    } else if (bytes >= 1000) {
        value /= 1e3;
        unit = icu::MeasureUnit::getKilobyte();
    }
    auto formatter = icu::number::NumberFormatter::withLocale(locale)
                         .unit(unit)
                         .unitWidth(UNUM_UNIT_WIDTH_SHORT)
                         .precision(value < 10 ? icu::number::Precision::maxFraction(1)
                                               : icu::number::Precision::integer());
    status = U_ZERO_ERROR;
    icu::UnicodeString text = formatter.formatDouble(value, status).toString(status);
    if (U_FAILURE(status))
        return std::to_string(bytes);
    std::string out;
    text.toUTF8String(out);
    return out;
}

} // namespace mipex::site
