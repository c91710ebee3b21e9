#include "score/export.h"

#include <charconv>
#include <nlohmann/json.hpp>

namespace mipex::score {

std::string exact_number(double value) {
    char buffer[32];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return error == std::errc() ? std::string(buffer, end) : std::to_string(value);
}

std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(text);
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

namespace {

struct MeasureInfo {
    const char* level;
    std::string id;
};

MeasureInfo describe(const model::Model& model, Measure measure) {
    switch (measure.kind) {
    case Measure::Kind::Overall:
        return {"overall", model.framework.overalls[measure.index].id};
    case Measure::Kind::Area:
        return {"area", model.framework.areas[measure.index].id};
    case Measure::Kind::Dimension:
        return {"dimension", model.framework.areas[measure.index].dimensions[measure.dimension].id};
    }
    return {"", ""};
}

/// {"id": id} followed by the members of `rest`, so the id reads first.
nlohmann::ordered_json with_id(const std::string& id, const nlohmann::ordered_json& rest) {
    nlohmann::ordered_json result{{"id", id}};
    for (const auto& [key, value] : rest.items())
        result[key] = value;
    return result;
}

std::vector<size_t> years_of(const model::Model& model, const ExportOptions& options) {
    std::vector<size_t> years;
    for (size_t y = 0; y < model.year_editions.years.size(); ++y)
        if (!options.year || *options.year == y)
            years.push_back(y);
    return years;
}

std::vector<size_t> countries_of(const model::Model& model, const ExportOptions& options) {
    if (!options.country_order.empty())
        return options.country_order;
    std::vector<size_t> order(model.countries.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    return order;
}

} // namespace

std::vector<ExportRow> export_rows(const model::Model& model, const ScoreTable& table,
                                   const ExportOptions& options) {
    std::vector<ExportRow> rows;
    for (size_t y : years_of(model, options)) {
        const int year = model.year_editions.years[y];
        auto row = [&](const std::string& who, const std::string& name, std::string level,
                       Measure measure, double value) -> ExportRow& {
            return rows.emplace_back(ExportRow{who, name, year, std::move(level),
                                               describe(model, measure).id, value,
                                               table.shown(value), std::nullopt, std::nullopt,
                                               model.theme.bands[table.band_of(value)].key});
        };
        for (size_t c : countries_of(model, options)) {
            const model::Country& country = model.countries[c];
            for (size_t m = 0; m < table.measure_count(); ++m) {
                Measure measure = table.measure_at(m);
                if (auto value = table.score(c, y, measure)) {
                    ExportRow& added = row(country.code, country.name.source,
                                           describe(model, measure).level, measure, *value);
                    added.rank = table.rank(c, y, measure).value_or(0);
                    added.ranked = table.ranked_count(y, measure);
                }
            }
        }
        for (size_t g = 0; g < model.groups.size(); ++g) {
            const model::Group& group = model.groups[g];
            for (size_t m = 0; m < table.measure_count(); ++m) {
                Measure measure = table.measure_at(m);
                if (auto value = table.group_mean(g, y, measure))
                    row(group.id, group.name.source,
                        std::string("mean:") + describe(model, measure).level, measure, *value);
            }
        }
    }
    return rows;
}

std::string export_csv_header() {
    return "country,name,year,level,measure,score,shown,rank,ranked,band\n";
}

std::string export_csv_row(const ExportRow& row) {
    // The rank and how many were ranked are empty for a group's mean.
    auto count = [](std::optional<int> value) {
        return value ? std::to_string(*value) : std::string();
    };
    return row.who + "," + csv_field(row.name) + "," + std::to_string(row.year) + "," + row.level +
           "," + row.measure + "," + exact_number(row.score) + "," + row.shown.text() + "," +
           count(row.rank) + "," + count(row.ranked) + "," + row.band + "\n";
}

std::string export_csv(const model::Model& model, const ScoreTable& table,
                       const ExportOptions& options) {
    std::string out = export_csv_header();
    for (const ExportRow& row : export_rows(model, table, options))
        out += export_csv_row(row);
    return out;
}

std::string export_json(const model::Model& model, const ScoreTable& table,
                        const ExportOptions& options) {
    using json = nlohmann::ordered_json;
    auto entry = [&](std::optional<double> value, std::optional<int> rank,
                     std::optional<int> ranked) {
        json result;
        result["score"] = *value;
        // A whole number at precision 0; else the number with its decimals (58.33).
        Shown shown = table.shown(*value);
        if (shown.decimals == 0)
            result["shown"] = shown.units;
        else
            result["shown"] = shown.value();
        if (rank)
            result["rank"] = *rank;
        if (ranked)
            result["ranked"] = *ranked;
        result["band"] = model.theme.bands[table.band_of(*value)].key;
        return result;
    };
    json document;
    document["editions"] = model.year_editions.years;
    document["current"] = model.year_editions.years[model.year_editions.current];
    if (model.year_editions.previous)
        document["previous"] = model.year_editions.years[*model.year_editions.previous];
    document["years"] = json::array();
    for (size_t y : years_of(model, options)) {
        json year;
        year["year"] = model.year_editions.years[y];
        year["countries"] = json::array();
        for (size_t c : countries_of(model, options)) {
            if (!table.score(c, y, Measure::overall()) && !table.score(c, y, Measure::area(0)))
                continue;
            json country;
            country["code"] = model.countries[c].code;
            country["name"] = model.countries[c].name.source;
            json overalls = json::object();
            for (size_t o = 0; o < model.framework.overalls.size(); ++o)
                if (auto value = table.score(c, y, Measure::overall(o)))
                    overalls[model.framework.overalls[o].id] =
                        entry(value, table.rank(c, y, Measure::overall(o)),
                              table.ranked_count(y, Measure::overall(o)));
            country["overall"] = overalls;
            json areas = json::array();
            for (size_t a = 0; a < model.framework.areas.size(); ++a) {
                auto value = table.score(c, y, Measure::area(a));
                if (!value)
                    continue;
                json area = with_id(model.framework.areas[a].id,
                                    entry(value, table.rank(c, y, Measure::area(a)),
                                          table.ranked_count(y, Measure::area(a))));
                json dimensions = json::array();
                for (size_t d = 0; d < model.framework.areas[a].dimensions.size(); ++d)
                    if (auto dimension = table.score(c, y, Measure::dimension_of(a, d))) {
                        json item = entry(dimension, table.rank(c, y, Measure::dimension_of(a, d)),
                                          table.ranked_count(y, Measure::dimension_of(a, d)));
                        dimensions.push_back(
                            with_id(model.framework.areas[a].dimensions[d].id, item));
                    }
                area["dimensions"] = dimensions;
                areas.push_back(area);
            }
            country["areas"] = areas;
            year["countries"].push_back(country);
        }
        json means = json::array();
        for (size_t g = 0; g < model.groups.size(); ++g) {
            json group{{"group", model.groups[g].id}, {"name", model.groups[g].name.source}};
            json measures = json::object();
            for (size_t m = 0; m < table.measure_count(); ++m) {
                Measure measure = table.measure_at(m);
                if (auto value = table.group_mean(g, y, measure))
                    measures[describe(model, measure).id] =
                        entry(value, std::nullopt, std::nullopt);
            }
            group["means"] = measures;
            means.push_back(group);
        }
        year["means"] = means;
        document["years"].push_back(year);
    }
    return document.dump(2) + "\n";
}

} // namespace mipex::score
