#include "model/model.h"

#include <algorithm>
#include <cctype>

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace mipex::model {

const Option* Indicator::find_option(std::string_view key) const {
    for (const Option& option : options)
        if (option.key == key)
            return &option;
    return nullptr;
}

std::optional<size_t> Framework::find_area(std::string_view id) const {
    for (size_t i = 0; i < areas.size(); ++i)
        if (areas[i].id == id)
            return i;
    return std::nullopt;
}

bool Framework::covers_refused_id(std::string_view id) const {
    if (too_many_indicators || unknown_indicator_ids)
        return true;
    for (const std::string& refused : refused_indicator_ids)
        if (refused.size() == id.size() &&
            std::equal(refused.begin(), refused.end(), id.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) ==
                       std::tolower(static_cast<unsigned char>(b));
            }))
            return true;
    return false;
}

std::optional<size_t> Framework::find_indicator(std::string_view id) const {
    return m_indicator_index.find(
        indicators, id,
        [](const Indicator& indicator) -> const std::string& { return indicator.id; });
}

Observations::Observations(size_t countries, size_t years, size_t indicators)
    : m_countries(countries), m_years(years), m_indicators(indicators),
      m_answers(countries * years * indicators) {
}

Answer& Observations::at(size_t country, size_t year, size_t indicator) {
    return m_answers.at((country * m_years + year) * m_indicators + indicator);
}

const Answer& Observations::at(size_t country, size_t year, size_t indicator) const {
    return m_answers.at((country * m_years + year) * m_indicators + indicator);
}

bool Observations::has_year(size_t country, size_t year) const {
    if (country >= m_countries || year >= m_years)
        return false; // the data could not be read (reported)
    for (size_t i = 0; i < m_indicators; ++i)
        if (at(country, year, i).kind != Answer::Kind::Missing)
            return true;
    return false;
}

const TextStyle& Theme::style(const std::string& name) const {
    auto found = styles.find(name);
    if (found == styles.end())
        throw std::logic_error("style '" + name + "' was not validated");
    return found->second;
}

Color Theme::color(const std::string& name) const {
    auto found = colors.find(name);
    if (found == colors.end())
        throw std::logic_error("colour '" + name + "' was not validated");
    return found->second;
}

const MapAsset* Maps::find(std::string_view id) const {
    for (const MapAsset& map : maps)
        if (map.id == id)
            return &map;
    return nullptr;
}

std::optional<size_t> Model::find_country(std::string_view code) const {
    return m_country_index.find(
        countries, code, [](const Country& country) -> const std::string& { return country.code; });
}

std::optional<size_t> Model::find_year(int year) const {
    for (size_t i = 0; i < year_editions.years.size(); ++i)
        if (year_editions.years[i] == year)
            return i;
    return std::nullopt;
}

static std::string number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", value);
    return buffer;
}

static std::string quote(const Text& text) {
    std::string shown = text.source.size() > 60 ? text.source.substr(0, 57) + "..." : text.source;
    for (char& c : shown)
        if (c == '\n')
            c = ' ';
    return "\"" + shown + "\"";
}

std::string dump(const Model& model) {
    std::string out;
    out += "book " + quote(model.book.title) + " lang=" + model.book.language +
           (model.book.illustrative ? " illustrative" : "") +
           (model.book.precision ? " precision=" + std::to_string(model.book.precision) : "") +
           "\n";
    out += "editions";
    for (size_t i = 0; i < model.year_editions.years.size(); ++i) {
        out += " " + std::to_string(model.year_editions.years[i]);
        if (i == model.year_editions.current)
            out += "(current)";
        if (model.year_editions.previous && i == *model.year_editions.previous)
            out += "(previous)";
    }
    out += "\n";
    for (const OverallVariant& overall : model.framework.overalls) {
        out += "overall " + overall.id + " areas";
        for (size_t area : overall.areas)
            out += " " + model.framework.areas[area].id;
        out += "\n";
    }
    for (const Area& area : model.framework.areas) {
        out += "area " + area.id + " " + quote(area.name) + "\n";
        for (const Dimension& dimension : area.dimensions) {
            out += "  dimension " + dimension.id + " " + quote(dimension.name) + "\n";
            for (size_t index : dimension.indicators) {
                const Indicator& indicator = model.framework.indicators[index];
                out += "    indicator " + indicator.id + " options";
                for (const Option& option : indicator.options)
                    out += " " + option.key + "=" + number(option.value);
                out += "\n";
            }
        }
    }
    for (const Country& country : model.countries) {
        out += "country " + country.code + " " + quote(country.name);
        if (country.since)
            out += " since " + std::to_string(*country.since);
        out += "\n";
    }
    for (const Group& group : model.groups) {
        out += "group " + group.id + " " + quote(group.name) + " members";
        for (size_t member : group.members)
            out += " " + model.countries[member].code;
        out += "\n";
    }
    for (const Band& band : model.theme.bands)
        out += "band " + band.key + " " + number(band.min) + "-" + number(band.max) + " " +
               format_color(band.color) + "\n";
    size_t answered = 0, not_applicable = 0;
    for (size_t c = 0; c < model.observations.countries(); ++c)
        for (size_t y = 0; y < model.observations.years(); ++y)
            for (size_t i = 0; i < model.observations.indicators(); ++i) {
                auto kind = model.observations.at(c, y, i).kind;
                answered += kind == Answer::Kind::Option || kind == Answer::Kind::Number;
                not_applicable += kind == Answer::Kind::NotApplicable;
            }
    out += "answers " + std::to_string(answered) + " n/a " + std::to_string(not_applicable) + "\n";
    return out;
}

} // namespace mipex::model
