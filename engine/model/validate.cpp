// validate(): the content/ files (framework, countries, areas, book, data) and the whole.
#include "model/validate.h"

#include "model/catalog.h"
#include "model/language_tag.h"
#include "model/reader.h"

#include "base/text.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace mipex::model {

namespace {

std::optional<NotApplicableRule> read_na_rule(const Value* value, Diagnostics& diagnostics) {
    if (!value)
        return std::nullopt;
    if (value->is_scalar() && (value->text() == "exclude" || value->text() == "refuse")) {
        NotApplicableRule rule;
        rule.kind = value->text() == "exclude" ? NotApplicableRule::Kind::Exclude
                                               : NotApplicableRule::Kind::Refuse;
        return rule;
    }
    if (value->is_map()) {
        MapReader reader(*value, "a not_applicable rule", diagnostics);
        auto score = read_number_in(reader.required("score"), 0, 100, "score", diagnostics);
        reader.reject_unknown_keys();
        if (score)
            return NotApplicableRule{NotApplicableRule::Kind::Score, *score};
        return std::nullopt;
    }
    diagnostics.error(value->pos(), "not_applicable is 'exclude' (left out of the mean), "
                                    "'refuse' (n/a is an error) or '{score: N}'");
    return std::nullopt;
}

/// Stands in for a text that was missing or invalid (already reported), so that an entity
/// with a good id is still registered: otherwise one typo in a name would make every data
/// row that uses the id fail again as "unknown".
Text reported_missing(std::string key, SourcePos pos) {
    return Text{std::move(key), "", pos};
}

/// Ids must be unique across the whole framework: data files name indicators alone.
class IdRegistry {
public:
    explicit IdRegistry(Diagnostics& diagnostics) : m_diagnostics(diagnostics) {}
    bool claim(const std::string& id, SourcePos pos, std::string_view what) {
        auto [found, inserted] = m_ids.emplace(id, pos);
        if (!inserted)
            m_diagnostics.error(pos, std::string(what) + " id '" + id +
                                         "' is already used on line " +
                                         std::to_string(found->second.line));
        return inserted;
    }

private:
    Diagnostics& m_diagnostics;
    std::map<std::string, SourcePos> m_ids;
};

void read_indicator(const Value& item, size_t area, size_t dimension, Framework& framework,
                    IdRegistry& ids, Diagnostics& diagnostics, const Limits& limits) {
    if (framework.indicators.size() >= limits.indicators) {
        // Reported once, at the first indicator past the limit; the rest are not read.
        if (framework.indicators.size() == limits.indicators && !framework.too_many_indicators)
            diagnostics.error(item.pos(), "more than " + format_count(limits.indicators) +
                                              " indicators, the limit; " +
                                              raise_hint("indicators"));
        framework.too_many_indicators = true;
        return;
    }
    MapReader reader(item, "an indicator", diagnostics);
    auto id = read_id(reader.required("id"), "an indicator's id", diagnostics);
    std::string prefix = "indicator." + id.value_or("?");
    Indicator indicator;
    indicator.area = area;
    indicator.dimension = dimension;
    indicator.pos = item.pos();
    auto name = read_translatable(reader.required("name"), prefix + ".name", "an indicator's name",
                                  diagnostics);
    auto question = read_translatable(reader.required("question"), prefix + ".question",
                                      "an indicator's question", diagnostics);
    indicator.note =
        read_translatable(reader.optional("note"), prefix + ".note", "a note", diagnostics);
    indicator.not_applicable = framework.not_applicable;
    if (auto rule = read_na_rule(reader.optional("not_applicable"), diagnostics))
        indicator.not_applicable = *rule;
    const Value* options_value = reader.required("options");
    const auto* options = read_list(options_value, "options", diagnostics);
    if (options) {
        for (const Value& option_value : *options) {
            MapReader option_reader(option_value, "an answer option", diagnostics);
            auto key = read_text(option_reader.required("key"), "an option's key", diagnostics);
            auto value = read_number_in(option_reader.required("value"), 0, 100,
                                        "an option's value", diagnostics);
            auto label = read_translatable(option_reader.required("label"),
                                           prefix + ".option." + key.value_or("?"),
                                           "an option's label", diagnostics);
            option_reader.reject_unknown_keys();
            if (!key)
                continue;
            // Kept as it was meant, without the character, so that the data's answers with
            // this key are not reported again, one by one.
            if (refuse_format_character(*option_value.find("key"), "an option's key", diagnostics))
                key = remove_format_characters(*key);
            if (*key == "n/a" || *key == "na" || *key == "N/A") {
                diagnostics.error(option_value.find("key")->pos(),
                                  "'" + *key +
                                      "' is the data's not-applicable marker and "
                                      "cannot be an option key");
                continue;
            }
            if (indicator.find_option(*key)) {
                diagnostics.error(option_value.find("key")->pos(),
                                  "option '" + *key + "' is given twice in this indicator");
                continue;
            }
            Text shown =
                label.value_or(reported_missing(prefix + ".option." + *key, option_value.pos()));
            indicator.options.push_back(Option{*key, value.value_or(0), shown, option_value.pos()});
        }
        if (options_value && options->empty())
            diagnostics.error(options_value->pos(),
                              "indicator '" + id.value_or("?") + "' has no answer options");
    }
    reader.reject_unknown_keys();
    // An indicator whose id was refused (reported) leaves the data's rows for it without a
    // definition: they are not reported again, one by one.
    if (!id) {
        const Value* written = reader.ok() ? item.find("id") : nullptr;
        if (written && written->is_scalar()) {
            framework.refused_indicator_ids.insert(written->text());
            // One that holds an invisible character was meant without it.
            framework.refused_indicator_ids.insert(remove_format_characters(written->text()));
        } else
            framework.unknown_indicator_ids = true;
    }
    if (!id || !ids.claim(*id, reader.value().find("id")->pos(), "indicator"))
        return;
    indicator.id = *id;
    indicator.name = name.value_or(reported_missing(prefix + ".name", item.pos()));
    indicator.question = question.value_or(reported_missing(prefix + ".question", item.pos()));
    framework.areas[area].dimensions[dimension].indicators.push_back(framework.indicators.size());
    framework.indicators.push_back(std::move(indicator));
}

} // namespace

void validate_framework(const Value& root, Framework& framework, Diagnostics& diagnostics,
                        const Limits& limits) {
    MapReader reader(root, "the framework", diagnostics);
    if (auto rule = read_na_rule(reader.required("not_applicable"), diagnostics))
        framework.not_applicable = *rule;
    IdRegistry ids(diagnostics);
    const Value* areas_value = reader.required("areas");
    if (const auto* areas = read_list(areas_value, "areas", diagnostics)) {
        for (const Value& area_value : *areas) {
            MapReader area_reader(area_value, "an area", diagnostics);
            auto id = read_id(area_reader.required("id"), "an area's id", diagnostics);
            auto name = read_translatable(area_reader.required("name"),
                                          "area." + id.value_or("?") + ".name", "an area's name",
                                          diagnostics);
            const Value* dimensions_value = area_reader.required("dimensions");
            const auto* dimensions = read_list(dimensions_value, "dimensions", diagnostics);
            area_reader.reject_unknown_keys();
            if (!id || !ids.claim(*id, area_value.find("id")->pos(), "area"))
                continue;
            size_t area_index = framework.areas.size();
            Text area_name =
                name.value_or(reported_missing("area." + *id + ".name", area_value.pos()));
            framework.areas.push_back(Area{*id, area_name, {}, area_value.pos()});
            if (!dimensions)
                continue;
            if (dimensions_value && dimensions->empty())
                diagnostics.error(dimensions_value->pos(), "area '" + *id + "' has no dimensions");
            for (const Value& dimension_value : *dimensions) {
                MapReader dimension_reader(dimension_value, "a dimension", diagnostics);
                auto dimension_id =
                    read_id(dimension_reader.required("id"), "a dimension's id", diagnostics);
                auto dimension_name =
                    read_translatable(dimension_reader.required("name"),
                                      "dimension." + dimension_id.value_or("?") + ".name",
                                      "a dimension's name", diagnostics);
                const Value* indicators_value = dimension_reader.required("indicators");
                const auto* indicators = read_list(indicators_value, "indicators", diagnostics);
                dimension_reader.reject_unknown_keys();
                if (!dimension_id ||
                    !ids.claim(*dimension_id, dimension_value.find("id")->pos(), "dimension"))
                    continue;
                Area& area = framework.areas[area_index];
                size_t dimension_index = area.dimensions.size();
                area.dimensions.push_back(
                    Dimension{*dimension_id,
                              dimension_name.value_or(reported_missing(
                                  "dimension." + *dimension_id + ".name", dimension_value.pos())),
                              {},
                              dimension_value.pos()});
                if (!indicators)
                    continue;
                for (const Value& indicator_value : *indicators)
                    read_indicator(indicator_value, area_index, dimension_index, framework, ids,
                                   diagnostics, limits);
                if (indicators_value && indicators->empty())
                    diagnostics.error(indicators_value->pos(),
                                      "dimension '" + *dimension_id +
                                          "' has no indicators; a "
                                          "dimension's score is the mean of its indicators");
            }
        }
        if (areas_value && areas->empty())
            diagnostics.error(areas_value->pos(), "the framework has no areas");
    }

    // Overall scores: the mean of all areas, or of all but some (MIPEX "without health").
    if (const auto* overalls = read_list(reader.optional("overall"), "overall", diagnostics)) {
        for (const Value& item : *overalls) {
            MapReader fields(item, "an overall score", diagnostics);
            auto id = read_id(fields.required("id"), "an overall score's id", diagnostics);
            auto name =
                read_translatable(fields.required("name"), "overall." + id.value_or("?") + ".name",
                                  "an overall score's name", diagnostics);
            auto note =
                read_translatable(fields.optional("note"), "overall." + id.value_or("?") + ".note",
                                  "a note", diagnostics);
            const auto* excluded = read_list(fields.optional("exclude"), "exclude", diagnostics);
            fields.reject_unknown_keys();
            if (!id || !name || !excluded)
                continue;
            std::vector<bool> keep(framework.areas.size(), true);
            for (const Value& area_value : *excluded) {
                auto area_id = read_text(&area_value, "an area id", diagnostics);
                if (!area_id)
                    continue;
                if (auto area = framework.find_area(*area_id)) {
                    keep[*area] = false;
                } else {
                    std::vector<std::string> names;
                    for (const Area& area_entry : framework.areas)
                        names.push_back(area_entry.id);
                    auto hint = nearest(*area_id, names);
                    diagnostics.error(area_value.pos(),
                                      "no area '" + *area_id + "'" +
                                          (hint ? "; did you mean '" + *hint + "'?" : ""));
                }
            }
            OverallVariant overall{*id, *name, note, {}};
            for (size_t area = 0; area < keep.size(); ++area)
                if (keep[area])
                    overall.areas.push_back(area);
            if (overall.areas.empty() && !framework.areas.empty())
                diagnostics.error(item.pos(), "overall score '" + *id + "' leaves out every area");
            framework.overalls.push_back(std::move(overall));
        }
    }
    if (framework.overalls.empty()) {
        OverallVariant overall{
            "overall", Text{"overall.overall.name", "Overall score", root.pos()}, std::nullopt, {}};
        for (size_t area = 0; area < framework.areas.size(); ++area)
            overall.areas.push_back(area);
        framework.overalls.push_back(std::move(overall));
    }
    reader.reject_unknown_keys();
}

namespace {

/// What is known about the countries that could not be registered, so that their codes in
/// groups and data are not reported again as unknown: one broken country file must not turn
/// every score row of its country into an error of its own.
struct CountryGaps {
    /// A country file could not be read, or had no usable code: any code may be its.
    bool unknown_codes = false;
    /// Codes of country files whose code was refused (lower case, say), as written.
    std::set<std::string, std::less<>> refused_codes;

    bool covers(std::string_view code) const {
        if (unknown_codes || refused_codes.count(code))
            return true;
        std::string upper(code);
        std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
        return std::any_of(refused_codes.begin(), refused_codes.end(), [&](const std::string& r) {
            std::string refused = r;
            std::transform(refused.begin(), refused.end(), refused.begin(), ::toupper);
            return refused == upper;
        });
    }
};

void validate_country(const Value& root, Model& model, const SourceFiles& files,
                      Diagnostics& diagnostics, CountryGaps& gaps) {
    MapReader reader(root, "a country", diagnostics);
    auto code = read_text(reader.required("code"), "a country's code", diagnostics);
    if (code && refuse_format_character(*root.find("code"), "a country's code", diagnostics)) {
        gaps.refused_codes.insert(remove_format_characters(*code));
        code.reset();
    } else if (code) {
        bool valid = code->size() == 2 && std::all_of(code->begin(), code->end(),
                                                      [](char c) { return c >= 'A' && c <= 'Z'; });
        if (!valid) {
            diagnostics.error(root.find("code")->pos(),
                              "a country's code is its ISO 3166-1 alpha-2 code in capitals "
                              "(SE, DE), not '" +
                                  *code + "'");
            gaps.refused_codes.insert(*code);
            code.reset();
        }
    } else {
        gaps.unknown_codes = true; // missing or not a text (reported)
    }
    std::string prefix = "country." + code.value_or("??");
    auto name = read_translatable(reader.required("name"), prefix + ".name", "a country's name",
                                  diagnostics);
    auto profile = read_translatable(reader.optional("profile"), prefix + ".profile",
                                     "a country's profile text", diagnostics);
    auto since = read_integer(reader.optional("since"), "since", diagnostics);
    auto until = read_integer(reader.optional("until"), "until", diagnostics);
    reader.reject_unknown_keys();
    if (!code)
        return;
    if (auto existing = model.find_country(*code)) {
        diagnostics.error(root.find("code")->pos(),
                          "country " + *code + " is defined twice (the note shows the other)");
        diagnostics.note(model.countries[*existing].pos, "country " + *code + " is defined here");
        return;
    }
    // A country whose name is broken (already reported) is still registered under its code,
    // so its score rows and group memberships are not reported again as unknown.
    model.countries.push_back(
        Country{*code, name.value_or(Text{prefix + ".name", *code, root.pos()}), profile, since,
                until, root.pos(), root.find("since") ? root.find("since")->pos() : SourcePos{},
                root.find("until") ? root.find("until")->pos() : SourcePos{}});
}

void validate_area_text(const Value& root, Model& model, std::vector<bool>& seen,
                        Diagnostics& diagnostics) {
    MapReader reader(root, "an area text", diagnostics);
    auto area_id = read_text(reader.required("area"), "area", diagnostics);
    std::optional<size_t> area;
    if (area_id) {
        area = model.framework.find_area(*area_id);
        if (!area && !model.framework.areas.empty()) { // else the framework failed
            std::vector<std::string> names;
            for (const Area& entry : model.framework.areas)
                names.push_back(entry.id);
            auto hint = nearest(*area_id, names);
            diagnostics.error(root.find("area")->pos(),
                              "no area '" + *area_id + "' in the framework" +
                                  (hint ? "; did you mean '" + *hint + "'?" : ""));
        }
    }
    std::string prefix = "area." + area_id.value_or("?");
    auto summary =
        read_translatable(reader.optional("summary"), prefix + ".summary", "summary", diagnostics);
    auto text = read_translatable(reader.optional("text"), prefix + ".text", "text", diagnostics);
    reader.reject_unknown_keys();
    if (!area)
        return;
    if (seen[*area]) {
        diagnostics.error(root.find("area")->pos(),
                          "area '" + *area_id + "' already has a text file");
        return;
    }
    seen[*area] = true;
    model.area_texts[*area] = AreaText{summary, text};
}

/// The country a code names. An unknown code is reported, unless a country file could not be
/// read or registered (`gaps`): the code may well be that file's, and one unreadable file
/// must not make every row of its country an error of its own.
std::optional<size_t> find_country_reported(const Model& model, const Value& value,
                                            const CountryGaps& gaps, Diagnostics& diagnostics) {
    auto code = read_text(&value, "a country code", diagnostics);
    if (!code)
        return std::nullopt;
    if (auto country = model.find_country(*code))
        return country;
    if (gaps.covers(*code))
        return std::nullopt;
    if (diagnostics.at_error_limit()) { // not shown: spend nothing on a suggestion
        diagnostics.error(value.pos(), "unknown country '" + *code + "'");
        return std::nullopt;
    }
    std::vector<std::string> codes;
    for (const Country& country : model.countries)
        codes.push_back(country.code);
    std::string upper = *code;
    std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
    std::string hint;
    if (upper != *code && model.find_country(upper))
        hint = "; country codes are written in capitals: '" + upper + "'";
    else if (auto near = nearest(*code, codes); near && code->size() > 2)
        hint = "; did you mean '" + *near + "'?";
    diagnostics.error(value.pos(), "unknown country '" + *code +
                                       "' (no file in content/countries/ has this code)" + hint);
    return std::nullopt;
}

/// A language tag (model::canonical_language_tag). The tag names files (hyphenation
/// dictionaries) and goes to ICU, so nothing else may pass: not a path, not a space.
bool is_language_tag(std::string_view tag) {
    return canonical_language_tag(tag).has_value();
}

/// An edition year: four digits (the book prints it, compares it and sorts by it).
std::optional<int> read_year(const Value* value, std::string_view what, Diagnostics& diagnostics) {
    auto year = read_integer(value, what, diagnostics);
    if (year && (*year < 1000 || *year > 9999)) {
        diagnostics.error(value->pos(), std::string(what) + " must be a year of four digits, not " +
                                            value->text());
        return std::nullopt;
    }
    return year;
}

/// The book's texts and settings besides its editions and groups: title, author, language,
/// notice, precision.
void read_book_settings(MapReader& reader, const Value& root, BookInfo& book,
                        Diagnostics& diagnostics) {
    if (auto title =
            read_translatable(reader.required("title"), "book.title", "title", diagnostics))
        book.title = *title;
    book.subtitle =
        read_translatable(reader.optional("subtitle"), "book.subtitle", "subtitle", diagnostics);
    if (auto author =
            read_translatable(reader.required("author"), "book.author", "author", diagnostics))
        book.author = *author;
    book.subject =
        read_translatable(reader.optional("subject"), "book.subject", "subject", diagnostics);
    if (const auto* keywords = read_list(reader.optional("keywords"), "keywords", diagnostics))
        for (const Value& keyword : *keywords)
            if (auto text = read_text(&keyword, "a keyword", diagnostics))
                book.keywords.push_back(*text);
    if (auto language = read_text(reader.optional("language"), "language", diagnostics)) {
        if (is_language_tag(*language))
            book.language = *language;
        else
            diagnostics.error(root.find("language")->pos(),
                              "language must be a BCP 47 language tag such as en, fr or pt-BR, "
                              "not '" +
                                  *language + "'");
    }
    if (auto illustrative = read_bool(reader.optional("illustrative"), "illustrative", diagnostics))
        book.illustrative = *illustrative;
    book.notice =
        read_translatable(reader.optional("notice"), "book.notice", "notice", diagnostics);
    if (book.illustrative && !book.notice)
        diagnostics.error(root.pos(), "an illustrative book needs a 'notice' saying so (it is "
                                      "printed on the title page and in the colophon)");
    book.how_to_read = read_translatable(reader.optional("how_to_read"), "book.how_to_read",
                                         "how_to_read", diagnostics);
    book.colophon =
        read_translatable(reader.optional("colophon"), "book.colophon", "colophon", diagnostics);
    if (const Value* precision = reader.optional("precision")) {
        auto decimals = read_integer(precision, "precision", diagnostics);
        if (decimals && (*decimals < 0 || *decimals > 2))
            diagnostics.error(precision->pos(),
                              "precision is the number of decimals the book shows: 0, 1 or 2, "
                              "not " +
                                  precision->text());
        else if (decimals)
            book.precision = *decimals;
    }
}

/// Editions: the years the data covers. Later editions compare against `previous`.
void read_year_editions(const Value& editions, Model& model, Diagnostics& diagnostics,
                        const Limits& limits, bool& over_limit) {
    MapReader fields(editions, "the editions", diagnostics);
    auto current = read_year(fields.required("current"), "current", diagnostics);
    auto previous = read_year(fields.optional("previous"), "previous", diagnostics);
    std::set<int> years;
    // A year that could not be read is reported once; the data's rows of that year
    // must not be reported again, one by one, as not an edition.
    bool incomplete = !current || (fields.value().find("previous") && !previous);
    const Value* years_value = fields.optional("years");
    if (const auto* listed = read_list(years_value, "years", diagnostics)) {
        for (const Value& year : *listed) {
            if (auto value = read_year(&year, "a year", diagnostics))
                years.insert(*value);
            else
                incomplete = true;
        }
    } else {
        incomplete = true;
    }
    model.year_editions.incomplete = incomplete;
    fields.reject_unknown_keys();
    if (current)
        years.insert(*current);
    if (previous) {
        years.insert(*previous);
        if (current && *previous >= *current)
            diagnostics.error(editions.find("previous")->pos(),
                              "the previous edition must be earlier than the current one");
    }
    if (years.size() > limits.editions) {
        diagnostics.error(editions.pos(), "more than " + format_count(limits.editions) +
                                              " edition years (" + format_count(years.size()) +
                                              "), the limit; " + raise_hint("editions"));
        over_limit = true;
    }
    model.year_editions.years.assign(years.begin(), years.end());
    if (current) {
        model.year_editions.current = *model.find_year(*current);
        model.year_editions.current_pos = editions.find("current")->pos();
    }
    if (previous) {
        model.year_editions.previous = model.find_year(*previous);
        model.year_editions.previous_pos = editions.find("previous")->pos();
    }
}

/// A group of countries; nothing when it lacks its id or members (reported).
std::optional<Group> read_group(const Value& item, const Model& model, const CountryGaps& gaps,
                                Diagnostics& diagnostics) {
    MapReader fields(item, "a group", diagnostics);
    auto id = read_id(fields.required("id"), "a group's id", diagnostics);
    auto name = read_translatable(fields.required("name"), "group." + id.value_or("?") + ".name",
                                  "a group's name", diagnostics);
    const Value* members = fields.required("members");
    fields.reject_unknown_keys();
    if (!id || !members)
        return std::nullopt;
    Group group{
        *id, name.value_or(reported_missing("group." + *id + ".name", item.pos())), {}, item.pos()};
    if (members->is_scalar() && members->text() == "all") {
        for (size_t i = 0; i < model.countries.size(); ++i)
            group.members.push_back(i);
    } else if (const auto* list = read_list(members, "members", diagnostics)) {
        for (const Value& member : *list)
            if (auto country = find_country_reported(model, member, gaps, diagnostics)) {
                if (std::find(group.members.begin(), group.members.end(), *country) !=
                    group.members.end())
                    diagnostics.error(member.pos(), "country " + member.text() +
                                                        " is listed twice in this group");
                else
                    group.members.push_back(*country);
            }
        if (list->empty())
            diagnostics.error(members->pos(), "group '" + *id + "' has no members");
    }
    return group;
}

/// Groups of countries, for averages: those `groups_value` lists, or one of every country
/// when the book lists none.
void read_groups(const Value* groups_value, const Value& root, Model& model,
                 const CountryGaps& gaps, Diagnostics& diagnostics) {
    std::set<std::string, std::less<>> group_ids;
    if (const auto* groups = read_list(groups_value, "groups", diagnostics)) {
        for (const Value& item : *groups) {
            std::optional<Group> group = read_group(item, model, gaps, diagnostics);
            if (!group)
                continue;
            if (!group_ids.insert(group->id).second)
                diagnostics.error(item.find("id")->pos(),
                                  "group '" + group->id + "' is defined twice");
            model.groups.push_back(std::move(*group));
        }
    }
    if (model.groups.empty()) {
        Group all{"all", Text{"group.all.name", "All countries", root.pos()}, {}, root.pos()};
        for (size_t i = 0; i < model.countries.size(); ++i)
            all.members.push_back(i);
        model.groups.push_back(std::move(all));
    }
}

void validate_book(const Value& root, Model& model, const CountryGaps& gaps,
                   Diagnostics& diagnostics, const Limits& limits, bool& over_limit) {
    MapReader reader(root, "the book settings", diagnostics);
    BookInfo& book = model.book;
    read_book_settings(reader, root, book, diagnostics);
    if (const Value* editions = reader.required("editions"))
        read_year_editions(*editions, model, diagnostics, limits, over_limit);
    read_groups(reader.optional("groups"), root, model, gaps, diagnostics);
    // The group whose mean the book shows as the average.
    if (const Value* average = reader.optional("average")) {
        if (auto id = read_text(average, "average", diagnostics)) {
            auto found = std::find_if(model.groups.begin(), model.groups.end(),
                                      [&](const Group& group) { return group.id == *id; });
            if (found == model.groups.end())
                diagnostics.error(average->pos(), "no group '" + *id + "' for the average");
            else
                book.average_group = static_cast<size_t>(found - model.groups.begin());
        }
    }
    reader.reject_unknown_keys();
}

bool is_not_applicable_marker(std::string_view text) {
    return text == "n/a" || text == "N/A" || text == "na" || text == "NA";
}

/// The columns of a score table.
const std::vector<std::string> score_columns = {"country", "year", "indicator", "value"};

/// Checks a CSV table's columns once, at its header, instead of in every row: a wrong column
/// name is one mistake, not one per row. Returns false when the rows cannot be read.
bool check_csv_header(const Value& table, Diagnostics& diagnostics) {
    const std::vector<Value>& rows = table.items();
    if (rows.empty() || !rows.front().is_map())
        return true;
    // Every row has the header's keys, positioned at the header (see parse_csv).
    const std::vector<Value::Entry>& columns = rows.front().entries();
    bool ok = true;
    std::string names;
    for (const Value::Entry& column : columns)
        names += (names.empty() ? "" : ", ") + column.key;
    for (const Value::Entry& column : columns) {
        if (std::find(score_columns.begin(), score_columns.end(), column.key) !=
            score_columns.end())
            continue;
        auto hint = nearest(column.key, score_columns);
        std::string message = "unknown column '" + column.key + "' in a score table";
        if (column.key.find(';') != std::string::npos || column.key.find('\t') != std::string::npos)
            message += "; columns are separated by commas, not semicolons or tabs";
        else if (hint)
            message += "; did you mean '" + *hint + "'?";
        else
            message += " (its columns are country, year, indicator, value)";
        diagnostics.error(column.key_pos, message);
        ok = false;
    }
    for (const std::string& wanted : score_columns) {
        if (!rows.front().find(wanted) && ok) {
            diagnostics.error(table.pos(), "the header has no column '" + wanted + "' (it has " +
                                               names +
                                               "; a score table has country, year, indicator, "
                                               "value)");
            ok = false;
        }
    }
    return ok;
}

/// Reads one table of scores (from CSV or YAML: a list of rows with country, year,
/// indicator and value) into the observations. Returns false when the table as a whole
/// could not be read (its rows are then unknown, so gaps in the data are not news).
bool validate_scores(const load::LoadedFile& file, Model& model,
                     std::map<std::pair<size_t, size_t>, SourcePos>& first_rows,
                     std::set<std::pair<size_t, size_t>>& rejected, const CountryGaps& gaps,
                     Diagnostics& diagnostics) {
    const Value& table = file.root();
    const auto* rows = read_list(&table, "a score table", diagnostics);
    if (!rows)
        return false;
    if (file.name.ends_with(".csv") && !check_csv_header(table, diagnostics))
        return false;
    // The suggestion for each unknown indicator, computed once: a table of a million rows
    // naming the same wrong id must not compare it with every id a million times.
    std::map<std::string, std::optional<std::string>, std::less<>> indicator_hints;
    for (const Value& row : *rows) {
        MapReader reader(row, "a score row", diagnostics);
        const Value* country_value = reader.required("country");
        const Value* year_value = reader.required("year");
        const Value* indicator_value = reader.required("indicator");
        const Value* value = reader.required("value");
        reader.reject_unknown_keys();
        if (!reader.ok())
            continue;
        std::optional<size_t> country, year, indicator;
        if (country_value)
            country = find_country_reported(model, *country_value, gaps, diagnostics);
        if (year_value) {
            if (auto number = read_integer(year_value, "a year", diagnostics)) {
                year = model.find_year(*number);
                // No editions at all means the book file failed, which is reported already.
                if (!year && !model.year_editions.years.empty() &&
                    !model.year_editions.incomplete) {
                    std::string known;
                    for (int edition : model.year_editions.years)
                        known += (known.empty() ? "" : ", ") + std::to_string(edition);
                    diagnostics.error(year_value->pos(),
                                      "year " + std::to_string(*number) +
                                          " is not an edition of this book (editions: " + known +
                                          "; add it to editions.years in content/book.yaml)");
                }
            }
        }
        if (indicator_value) {
            if (auto id = read_text(indicator_value, "an indicator id", diagnostics)) {
                indicator = model.framework.find_indicator(*id);
                // No indicators at all means the framework failed, which is reported already.
                if (!indicator && !model.framework.indicators.empty() &&
                    !model.framework.covers_refused_id(*id)) {
                    auto known = indicator_hints.find(*id);
                    if (known == indicator_hints.end()) {
                        std::vector<std::string> ids;
                        for (const Indicator& entry : model.framework.indicators)
                            ids.push_back(entry.id);
                        known = indicator_hints.emplace(*id, nearest(*id, ids)).first;
                    }
                    const auto& hint = known->second;
                    diagnostics.error(indicator_value->pos(),
                                      "unknown indicator '" + *id + "'" +
                                          (hint ? "; did you mean '" + *hint + "'?" : ""));
                }
            }
        }
        if (!value || !value->is_scalar() || value->text().empty()) {
            if (value)
                diagnostics.error(value->pos(), "a score's value must be an option key, a "
                                                "number from 0 to 100 or n/a");
            continue;
        }
        if (!country || !year || !indicator) {
            if (country && year)
                rejected.emplace(*country, *year);
            continue;
        }
        // A row that fails below leaves a gap that is not worth reporting a second time.
        auto reject = [&] { rejected.emplace(*country, *year); };
        const Indicator& definition = model.framework.indicators[*indicator];
        Answer answer;
        answer.pos = value->pos();
        const std::string& text = value->text();
        if (is_not_applicable_marker(text)) {
            if (definition.not_applicable.kind == NotApplicableRule::Kind::Refuse) {
                diagnostics.error(value->pos(), "indicator '" + definition.id +
                                                    "' does not allow n/a (its rule is 'refuse')");
                reject();
                continue;
            }
            answer.kind = Answer::Kind::NotApplicable;
        } else if (const Option* option = definition.find_option(text)) {
            answer.kind = Answer::Kind::Option;
            answer.option = option->key;
            answer.value = option->value;
        } else if (auto number = parse_number(text)) {
            if (*number < 0 || *number > 100) {
                diagnostics.error(value->pos(), "a score must be between 0 and 100, not " + text);
                reject();
                continue;
            }
            answer.kind = Answer::Kind::Number;
            answer.value = *number;
        } else if (is_unusable_number(text)) {
            diagnostics.error(value->pos(),
                              "a score must be a finite number from 0 to 100, not " + text);
            reject();
            continue;
        } else if (definition.options.empty()) {
            reject(); // the framework's error ("has no answer options") already covers it
            continue;
        } else {
            std::string keys;
            for (const Option& option : definition.options)
                keys += (keys.empty() ? "" : ", ") + option.key;
            diagnostics.error(value->pos(), "'" + text +
                                                "' is not an answer option of indicator '" +
                                                definition.id + "' (options: " + keys +
                                                "; or a number from 0 to 100, or n/a)");
            reject();
            continue;
        }
        Answer& slot = model.observations.at(*country, *year, *indicator);
        if (slot.kind != Answer::Kind::Missing) {
            diagnostics.error(row.pos(), "a second score for " + model.countries[*country].code +
                                             ", " +
                                             std::to_string(model.year_editions.years[*year]) +
                                             ", " + definition.id + " (the first is at line " +
                                             std::to_string(slot.pos.line) + ")");
            continue;
        }
        slot = std::move(answer);
        first_rows.emplace(std::make_pair(*country, *year), row.pos());
    }
    return true;
}

/// Every country answers every indicator in every edition from its first (`since`) to its last
/// (`until`), and in none before or after: a country enters and leaves the time series, and is
/// absent, never zero, outside it (MIPEX.md).
void check_completeness(Model& model,
                        const std::map<std::pair<size_t, size_t>, SourcePos>& first_rows,
                        const std::set<std::pair<size_t, size_t>>& rejected,
                        Diagnostics& diagnostics) {
    if (model.year_editions.years.empty() || model.year_editions.incomplete)
        return; // the book's editions failed, which is reported already
    for (size_t c = 0; c < model.countries.size(); ++c) {
        Country& country = model.countries[c];
        int since = country.since.value_or(model.year_editions.years.front());
        if ((!country.since && country.since_pos.known()) ||
            (!country.until && country.until_pos.known()))
            continue; // could not be read (reported): its editions are unknown
        bool readable = true;
        for (auto [year, pos, name] : {std::tuple{country.since, country.since_pos, "since"},
                                       std::tuple{country.until, country.until_pos, "until"}})
            if (year && !model.find_year(*year)) {
                diagnostics.error(pos, std::string(name) + " " + std::to_string(*year) +
                                           " is not an edition year of this book");
                readable = false;
            }
        if (!readable)
            continue;
        if (country.since && country.until && *country.until < *country.since) {
            diagnostics.error(country.until_pos,
                              "until " + std::to_string(*country.until) + " is before since " +
                                  std::to_string(*country.since) +
                                  ": a country leaves the index after it enters it");
            continue;
        }
        int until = country.until.value_or(model.year_editions.years.back());
        std::vector<int> without_scores;
        for (size_t y = 0; y < model.year_editions.years.size(); ++y) {
            int year = model.year_editions.years[y];
            auto first = first_rows.find({c, y});
            if (year < since) {
                if (first != first_rows.end())
                    diagnostics.error(first->second,
                                      country.code + " has scores for " + std::to_string(year) +
                                          " but enters the index in " + std::to_string(since) +
                                          " (since: in its country file)");
                continue;
            }
            if (year > until) {
                if (first != first_rows.end())
                    diagnostics.error(first->second,
                                      country.code + " has scores for " + std::to_string(year) +
                                          " but leaves the index after " + std::to_string(until) +
                                          " (until: in its country file)");
                continue;
            }
            if (first == first_rows.end()) {
                if (!rejected.count({c, y}))
                    without_scores.push_back(year);
                continue;
            }
            if (rejected.count({c, y}))
                continue;
            std::vector<std::string> missing;
            for (size_t i = 0; i < model.framework.indicators.size(); ++i)
                if (model.observations.at(c, y, i).kind == Answer::Kind::Missing)
                    missing.push_back(model.framework.indicators[i].id);
            if (missing.empty())
                continue;
            std::string list;
            for (size_t k = 0; k < missing.size() && k < 6; ++k)
                list += (k ? ", " : "") + missing[k];
            if (missing.size() > 6)
                list += " and " + std::to_string(missing.size() - 6) + " more";
            diagnostics.error(first->second,
                              country.code + " " + std::to_string(year) + " has no answer for " +
                                  std::to_string(missing.size()) +
                                  (missing.size() == 1 ? " indicator: " : " indicators: ") + list +
                                  " (write n/a where an indicator does not apply)");
        }
        // One error for all of a country's empty editions: a country left out of the data
        // altogether is one mistake.
        if (!without_scores.empty()) {
            std::string years;
            for (size_t k = 0; k < without_scores.size(); ++k)
                years += (k == 0                           ? ""
                          : k + 1 == without_scores.size() ? " and "
                                                           : ", ") +
                         std::to_string(without_scores[k]);
            diagnostics.error(country.pos, country.name.source + " (" + country.code +
                                               ") has no scores for " + years +
                                               "; add them to content/data/, or write "
                                               "'since: <year>' if it entered the index later "
                                               "('until: <year>' if it left it)");
        }
    }
}

/// Points written "lon,lat lon,lat …"; reports the first that is not.
std::optional<std::vector<GeoPoint>> parse_points(const Value& value, Diagnostics& diagnostics) {
    std::vector<GeoPoint> points;
    std::string_view text = value.text();
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find(' ', start);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view pair = text.substr(start, end - start);
        size_t comma = pair.find(',');
        auto lon =
            comma == std::string_view::npos ? std::nullopt : parse_number(pair.substr(0, comma));
        auto lat =
            comma == std::string_view::npos ? std::nullopt : parse_number(pair.substr(comma + 1));
        if (!pair.empty()) {
            if (!lon || !lat || *lon < -180 || *lon > 180 || *lat < -90 || *lat > 90) {
                diagnostics.error(value.pos(), "'" + std::string(pair) +
                                                   "' is not a point written lon,lat in degrees");
                return std::nullopt;
            }
            points.push_back(GeoPoint{*lon, *lat});
        }
        start = end + 1;
    }
    if (points.size() < 3) {
        diagnostics.error(value.pos(), "a ring needs at least three points");
        return std::nullopt;
    }
    return points;
}

void validate_maps(const load::LoadedProject& project, const Value& root, Maps& maps,
                   Diagnostics& diagnostics) {
    MapReader reader(root, "the maps", diagnostics);
    if (auto source = read_text(reader.required("source"), "source", diagnostics))
        maps.source = *source;
    const auto* list = read_list(reader.required("maps"), "maps", diagnostics);
    reader.reject_unknown_keys();
    if (!list)
        return;
    for (const Value& item : *list) {
        MapReader fields(item, "a map", diagnostics);
        MapAsset map;
        map.pos = item.pos();
        auto id = read_id(fields.required("id"), "a map's id", diagnostics);
        auto file = read_text(fields.required("file"), "file", diagnostics);
        auto projection = read_text(fields.required("projection"), "projection", diagnostics);
        if (projection) {
            if (*projection == "lambert_azimuthal_equal_area")
                map.projection = MapAsset::Projection::LambertAzimuthalEqualArea;
            else if (*projection == "equal_earth")
                map.projection = MapAsset::Projection::EqualEarth;
            else
                diagnostics.error(
                    item.find("projection")->pos(),
                    "projection is lambert_azimuthal_equal_area or equal_earth, not '" +
                        *projection + "'");
        }
        auto read_pair = [&](const Value* value, const char* what) -> std::optional<GeoPoint> {
            const auto* numbers = read_list(value, what, diagnostics);
            if (!value || !numbers)
                return std::nullopt;
            if (numbers->size() != 2) {
                diagnostics.error(value->pos(), std::string(what) + " is [lon, lat]");
                return std::nullopt;
            }
            auto lon = read_number_in(&(*numbers)[0], -180, 180, "a longitude", diagnostics);
            auto lat = read_number_in(&(*numbers)[1], -90, 90, "a latitude", diagnostics);
            if (!lon || !lat)
                return std::nullopt;
            return GeoPoint{*lon, *lat};
        };
        if (auto center = read_pair(fields.optional("center"), "center"))
            map.center = *center;
        if (const Value* bounds = fields.optional("bounds")) {
            const auto* numbers = read_list(bounds, "bounds", diagnostics);
            if (numbers && numbers->size() == 4) {
                auto west = read_number_in(&(*numbers)[0], -180, 180, "west", diagnostics);
                auto south = read_number_in(&(*numbers)[1], -90, 90, "south", diagnostics);
                auto east = read_number_in(&(*numbers)[2], -180, 180, "east", diagnostics);
                auto north = read_number_in(&(*numbers)[3], -90, 90, "north", diagnostics);
                if (west && south && east && north)
                    map.bounds = std::make_pair(GeoPoint{*west, *south}, GeoPoint{*east, *north});
            } else if (numbers) {
                diagnostics.error(bounds->pos(),
                                  "bounds are [west, south, east, north] in degrees");
            }
        }
        fields.reject_unknown_keys();
        if (!id || !file)
            continue;
        const load::LoadedFile* outlines = project.find("content/assets/maps/" + *file);
        if (!outlines) {
            if (std::find(project.unreadable.begin(), project.unreadable.end(),
                          "content/assets/maps/" + *file) == project.unreadable.end())
                diagnostics.error(item.find("file")->pos(), "no file content/assets/maps/" + *file);
            continue;
        }
        map.id = *id;
        if (const auto* rows = read_list(&outlines->root(), "a map's outlines", diagnostics)) {
            std::map<std::pair<std::string, std::string>, size_t>
                polygons; // (country, polygon) → index
            for (const Value& row : *rows) {
                MapReader columns(row, "an outline row", diagnostics);
                const Value* country = columns.required("country");
                const Value* polygon = columns.required("polygon");
                const Value* ring = columns.required("ring");
                const Value* points = columns.required("points");
                columns.reject_unknown_keys();
                if (!country || !polygon || !ring || !points)
                    continue;
                auto parsed = parse_points(*points, diagnostics);
                if (!parsed)
                    continue;
                auto key = std::make_pair(country->text(), polygon->text());
                auto found = polygons.find(key);
                if (found == polygons.end()) {
                    found = polygons.emplace(key, map.polygons.size()).first;
                    map.polygons.push_back(MapPolygon{country->text(), {}});
                }
                map.polygons[found->second].rings.push_back(std::move(*parsed));
            }
        }
        maps.maps.push_back(std::move(map));
    }
}

/// Names, titles and labels are set in headings, table cells and chart labels, unbroken or
/// on a line or two: one of thousands of characters would take layout minutes, and is a
/// mistake (a paragraph in the wrong key, say).
void check_name_lengths(const Model& model, const Limits& limits, Diagnostics& diagnostics) {
    auto check = [&](const Text& text, const char* what) {
        size_t length = count_code_points(text.source);
        if (length > limits.name_chars)
            diagnostics.error(text.pos, std::string(what) + " of " + format_count(length) +
                                            " characters, longer than the limit of " +
                                            format_count(limits.name_chars) + "; " +
                                            raise_hint("name"));
    };
    check(model.book.title, "a title");
    if (model.book.subtitle)
        check(*model.book.subtitle, "a subtitle");
    check(model.book.author, "an author");
    for (const Country& country : model.countries)
        check(country.name, "a country's name");
    for (const Group& group : model.groups)
        check(group.name, "a group's name");
    for (const Area& area : model.framework.areas) {
        check(area.name, "an area's name");
        for (const Dimension& dimension : area.dimensions)
            check(dimension.name, "a dimension's name");
    }
    for (const Indicator& indicator : model.framework.indicators) {
        check(indicator.name, "an indicator's name");
        for (const Option& option : indicator.options)
            check(option.label, "an option's label");
    }
    for (const OverallVariant& overall : model.framework.overalls)
        check(overall.name, "an overall score's name");
}

/// Invisible and bidirectional format characters in a printed text make it print other than
/// it reads in the editor ("Sweden" followed by U+202E and "live" prints "Swedenevil"…): a
/// warning at the character, in the source texts and in their translations.
void check_format_characters(const Model& model, const SourceFiles& files,
                             Diagnostics& diagnostics) {
    auto check = [&](const std::string& text, SourcePos pos, const std::string& key) {
        if (auto found = find_format_character(text))
            diagnostics.warning(files.locate(pos, text, found->offset),
                                "'" + key + "' holds " + describe_format_character(found->code) +
                                    ", an invisible character that changes how the text "
                                    "around it prints; remove it");
    };
    for (const Text* text : translatable_texts(model))
        check(text->source, text->pos, text->key);
    for (const auto& [language, catalog] : model.catalogs)
        for (const auto& [key, translation] : catalog.entries)
            check(translation.text, translation.pos, key);
}

const load::LoadedFile* require_file(const load::LoadedProject& project, const std::string& name,
                                     SourceFiles& files, Diagnostics& diagnostics) {
    if (const load::LoadedFile* file = project.find(name))
        return file;
    if (!project.is_unreadable(name))
        diagnostics.error(SourcePos{files.add(name, ""), 0, 0}, "file is missing");
    return nullptr;
}

} // namespace

const ScoresCache::Read* ScoresCache::find(const Key& key) const {
    return m_kept && m_kept->first == key ? &m_kept->second : nullptr;
}

void ScoresCache::keep(Key key, Read read) {
    m_kept.emplace(std::move(key), std::move(read));
}

Model validate(const load::LoadedProject& project, SourceFiles& files, Diagnostics& diagnostics,
               const Limits& limits, ScoresCache* scores_cache) {
    Model model;
    // Past a limit the data is not read: its table could not be allocated.
    bool over_limit = false;
    auto unreadable_under = [&](std::string_view folder) {
        return project.has_unreadable_under(folder);
    };

    if (auto* theme = require_file(project, "layouts/theme.yaml", files, diagnostics))
        validate_theme(theme->root(), model.theme, diagnostics);
    if (auto* structure = require_file(project, "layouts/book.yaml", files, diagnostics))
        validate_structure(structure->root(), model.structure, diagnostics);
    if (auto* strings = require_file(project, "layouts/strings.yaml", files, diagnostics))
        validate_strings(strings->root(), false, model.strings, diagnostics);
    if (auto* strings = project.find("content/strings.yaml"))
        validate_strings(strings->root(), true, model.strings, diagnostics);
    check_part_titles(model.structure, model.strings, diagnostics);

    if (auto* maps = project.find("content/assets/maps/maps.yaml"))
        validate_maps(project, maps->root(), model.maps, diagnostics);

    if (auto* framework = require_file(project, "content/framework.yaml", files, diagnostics))
        validate_framework(framework->root(), model.framework, diagnostics, limits);
    over_limit = over_limit || model.framework.too_many_indicators;

    auto country_files = project.under("content/countries");
    CountryGaps gaps;
    for (const load::LoadedFile* file : country_files) {
        if (model.countries.size() >= limits.countries) {
            diagnostics.error(file->root().pos(), "more than " + format_count(limits.countries) +
                                                      " countries, the limit (this file is one "
                                                      "too many); " +
                                                      raise_hint("countries"));
            gaps.unknown_codes = over_limit = true;
            break;
        }
        validate_country(file->root(), model, files, diagnostics, gaps);
    }
    std::sort(model.countries.begin(), model.countries.end(),
              [](const Country& a, const Country& b) { return a.code < b.code; });
    if (country_files.empty() && !unreadable_under("content/countries")) {
        diagnostics.error(SourcePos{files.add("content/countries/", ""), 0, 0},
                          "no country files (one YAML file per country)");
        gaps.unknown_codes = true; // every code in groups and data would be unknown
    }

    model.area_texts.resize(model.framework.areas.size());
    std::vector<bool> seen(model.framework.areas.size(), false);
    for (const load::LoadedFile* file : project.under("content/areas"))
        validate_area_text(file->root(), model, seen, diagnostics);

    // What an unreadable country file defines is unknown; see find_country_reported. The
    // same holds for the files past the countries limit.
    if (unreadable_under("content/countries"))
        gaps.unknown_codes = true;

    if (auto* book = require_file(project, "content/book.yaml", files, diagnostics))
        validate_book(book->root(), model, gaps, diagnostics, limits, over_limit);

    // The data and the score table are dense: a cell for every country, edition and
    // indicator, and for every country or group, edition and score.
    size_t measures = model.framework.overalls.size() + model.framework.areas.size();
    for (const Area& area : model.framework.areas)
        measures += area.dimensions.size();
    uint64_t years = model.year_editions.years.size();
    uint64_t answers = model.countries.size() * years * model.framework.indicators.size();
    uint64_t scores = (model.countries.size() + model.groups.size()) * years * measures;
    check_name_lengths(model, limits, diagnostics);
    if (!over_limit && std::max(answers, scores) > limits.cells) {
        std::string what =
            answers >= scores
                ? format_count(answers) + " answers (" + format_count(model.countries.size()) +
                      " countries × " + format_count(years) + " editions × " +
                      format_count(model.framework.indicators.size()) + " indicators)"
                : format_count(scores) + " scores (" +
                      format_count(model.countries.size() + model.groups.size()) +
                      " countries and groups × " + format_count(years) + " editions × " +
                      format_count(measures) + " overall, area and dimension scores)";
        const load::LoadedFile* book = project.find("content/book.yaml");
        diagnostics.error(book ? book->root().pos() : SourcePos{},
                          "the book would hold " + what + ", more than the limit of " +
                              format_count(limits.cells) + " cells; " + raise_hint("cells"));
        over_limit = true;
    }
    if (over_limit)
        return model;

    auto data_files = project.under("content/data");
    std::map<std::pair<size_t, size_t>, SourcePos> first_rows;
    std::set<std::pair<size_t, size_t>> rejected;
    // A data file that could not be read, or whose columns are wrong, may hold any row: gaps
    // in the data are then no news (its own error says what to fix).
    bool data_unreadable = unreadable_under("content/data");
    // Which country a code names is only settled when no country file is in doubt, and
    // which rows are worth reporting only when the book's years could all be read.
    const bool cacheable = scores_cache && !gaps.unknown_codes && gaps.refused_codes.empty() &&
                           !model.year_editions.incomplete;
    ScoresCache::Key key;
    if (cacheable) {
        for (const load::LoadedFile* file : data_files)
            key.tables.push_back(file->tree);
        if (const load::LoadedFile* framework = project.find("content/framework.yaml"))
            key.framework = framework->tree;
        key.years = model.year_editions.years;
        for (const Country& country : model.countries)
            key.countries.push_back(country.code);
    }
    if (const ScoresCache::Read* kept = cacheable ? scores_cache->find(key) : nullptr) {
        model.observations = kept->observations;
        first_rows = kept->first_rows;
    } else {
        model.observations = Observations(model.countries.size(), model.year_editions.years.size(),
                                          model.framework.indicators.size());
        // Counted, not listed: past the limit on errors, the list stops growing.
        auto reported = [&] { return diagnostics.error_count() + diagnostics.warning_count(); };
        const size_t before = reported();
        for (const load::LoadedFile* file : data_files)
            if (!validate_scores(*file, model, first_rows, rejected, gaps, diagnostics))
                data_unreadable = true;
        if (cacheable && !data_unreadable && rejected.empty() && reported() == before)
            scores_cache->keep(std::move(key), ScoresCache::Read{model.observations, first_rows});
    }
    if (data_files.empty() && !data_unreadable)
        diagnostics.error(SourcePos{files.add("content/data/", ""), 0, 0},
                          "no score files (content/data/*.csv or *.yaml: country, year, "
                          "indicator, value)");
    else if (!data_unreadable)
        check_completeness(model, first_rows, rejected, diagnostics);
    validate_catalogs(project, model, diagnostics);
    check_format_characters(model, files, diagnostics);
    return model;
}

} // namespace mipex::model
