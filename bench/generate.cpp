// bench/generate: writes a deterministic benchmark project in the engine's content format.
//
//   mipex-bench-generate --out DIR [--scale N] [--seed S] [--maps DIR]
//
// 56 countries × N (the 56 of the default book; synthetic names with unused two-letter codes
// beyond them), 8 areas × 4 dimensions × 5–8 indicators, every answer 0/50/100 in two
// editions, about 350 words of prose per country and 800 × N per area. The same arguments
// give the same bytes on every run and machine: a splitmix64 generator, no std::
// distributions (their output is not specified), no clock, no locale.
//
// Besides content/, the project gets floor/ (the same prose as plain paragraphs, the country
// and area names) for bench/floor, and bench.txt (what was generated). The engine reads
// neither.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// ---------------------------------------------------------------------------------------------
// Randomness: splitmix64, with its own range mapping so the output is the same everywhere.

class Random {
public:
    explicit Random(uint64_t seed) : m_state(seed) {}
    uint64_t next() {
        uint64_t z = (m_state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    /// 0 ≤ result < n.
    size_t below(size_t n) { return static_cast<size_t>(next() % n); }
    /// lo ≤ result ≤ hi.
    int between(int lo, int hi) {
        return lo + static_cast<int>(below(static_cast<size_t>(hi - lo + 1)));
    }
    /// A number in [0, 1).
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return unit() < p; }
    template <typename T>
    const T& pick(const std::vector<T>& items) {
        return items[below(items.size())];
    }

private:
    uint64_t m_state;
};

// ---------------------------------------------------------------------------------------------
// The model of the generated book.

struct Country {
    std::string code;
    std::string name;
};

struct Indicator {
    std::string id;
    std::string name;
    std::string question;
    std::string options[3]; // a = 100, b = 50, c = 0
};

struct Dimension {
    std::string id;
    std::string name;
    std::vector<Indicator> indicators;
};

struct Area {
    std::string id;
    std::string name;
    std::string topic; // "the labour market", for sentences
    std::vector<Dimension> dimensions;
};

// The 56 countries of the default book.
const std::vector<Country> real_countries = {{"AE", "United Arab Emirates"},
                                             {"AL", "Albania"},
                                             {"AR", "Argentina"},
                                             {"AT", "Austria"},
                                             {"AU", "Australia"},
                                             {"BE", "Belgium"},
                                             {"BG", "Bulgaria"},
                                             {"BR", "Brazil"},
                                             {"CA", "Canada"},
                                             {"CH", "Switzerland"},
                                             {"CL", "Chile"},
                                             {"CN", "China"},
                                             {"CY", "Cyprus"},
                                             {"CZ", "Czechia"},
                                             {"DE", "Germany"},
                                             {"DK", "Denmark"},
                                             {"EE", "Estonia"},
                                             {"ES", "Spain"},
                                             {"FI", "Finland"},
                                             {"FR", "France"},
                                             {"GB", "United Kingdom"},
                                             {"GR", "Greece"},
                                             {"HR", "Croatia"},
                                             {"HU", "Hungary"},
                                             {"ID", "Indonesia"},
                                             {"IE", "Ireland"},
                                             {"IL", "Israel"},
                                             {"IN", "India"},
                                             {"IS", "Iceland"},
                                             {"IT", "Italy"},
                                             {"JO", "Jordan"},
                                             {"JP", "Japan"},
                                             {"KR", "South Korea"},
                                             {"LT", "Lithuania"},
                                             {"LU", "Luxembourg"},
                                             {"LV", "Latvia"},
                                             {"MD", "Moldova"},
                                             {"MK", "North Macedonia"},
                                             {"MT", "Malta"},
                                             {"MX", "Mexico"},
                                             {"NL", "Netherlands"},
                                             {"NO", "Norway"},
                                             {"NZ", "New Zealand"},
                                             {"PL", "Poland"},
                                             {"PT", "Portugal"},
                                             {"RO", "Romania"},
                                             {"RS", "Serbia"},
                                             {"RU", "Russia"},
                                             {"SA", "Saudi Arabia"},
                                             {"SE", "Sweden"},
                                             {"SI", "Slovenia"},
                                             {"SK", "Slovakia"},
                                             {"TR", "Turkey"},
                                             {"UA", "Ukraine"},
                                             {"US", "United States"},
                                             {"ZA", "South Africa"}};

const std::vector<std::string> eu27 = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI",
                                       "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
                                       "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"};

struct AreaSeed {
    const char* id;
    const char* name;
    const char* topic;
    std::vector<std::pair<const char*, const char*>> dimensions; // id suffix, name
};

const std::vector<AreaSeed> area_seeds = {
    {"lmm",
     "Labour market mobility",
     "the labour market",
     {{"access", "Access"},
      {"general_support", "General support"},
      {"targeted_support", "Targeted support"},
      {"workers_rights", "Workers' rights"}}},
    {"fr",
     "Family reunion",
     "family reunification",
     {{"eligibility", "Eligibility"},
      {"conditions", "Conditions for acquisition of status"},
      {"security", "Security of status"},
      {"rights", "Rights associated with status"}}},
    {"edu",
     "Education",
     "schools and universities",
     {{"access", "Access"},
      {"targeting_needs", "Targeting needs"},
      {"new_opportunities", "New opportunities"},
      {"intercultural", "Intercultural education for all"}}},
    {"pp",
     "Political participation",
     "political life",
     {{"electoral_rights", "Electoral rights"},
      {"political_liberties", "Political liberties"},
      {"consultative_bodies", "Consultative bodies"},
      {"implementation", "Implementation policies"}}},
    {"pr",
     "Permanent residence",
     "long-term residence",
     {{"eligibility", "Eligibility"},
      {"conditions", "Conditions for acquisition of status"},
      {"security", "Security of status"},
      {"rights", "Rights associated with status"}}},
    {"atn",
     "Access to nationality",
     "naturalisation",
     {{"eligibility", "Eligibility"},
      {"conditions", "Conditions for acquisition"},
      {"security", "Security of status"},
      {"dual_nationality", "Dual nationality"}}},
    {"ad",
     "Anti-discrimination",
     "equal treatment",
     {{"definitions", "Definitions and concepts"},
      {"fields", "Fields of application"},
      {"enforcement", "Enforcement mechanisms"},
      {"equality_policies", "Equality policies"}}},
    {"health",
     "Health",
     "the health system",
     {{"entitlements", "Entitlements"},
      {"accessibility", "Accessibility"},
      {"responsive_services", "Responsive services"},
      {"measures", "Measures to achieve change"}}},
};

// ---------------------------------------------------------------------------------------------
// Word pools. Long words (internationalisation, antidiscrimination…) are frequent on purpose:
// justified text at this measure then needs hyphenation.

using Pool = std::vector<std::string>;

const Pool groups = {"temporary residents",      "long-term residents",
                     "recognised refugees",      "beneficiaries of subsidiary protection",
                     "family members",           "international students",
                     "newly arrived immigrants", "third-country nationals",
                     "seasonal workers",         "children of immigrants",
                     "undocumented migrants",    "highly qualified workers",
                     "asylum seekers",           "stateless persons"};

const Pool nouns = {"vocational training",
                    "recognition of qualifications",
                    "language tuition",
                    "public employment services",
                    "social security",
                    "family reunification",
                    "naturalisation",
                    "long-term residence",
                    "non-discrimination",
                    "antidiscrimination legislation",
                    "intercultural education",
                    "consultative bodies",
                    "electoral participation",
                    "health entitlements",
                    "interpretation services",
                    "citizenship ceremonies",
                    "interdepartmental coordination",
                    "administrative procedures",
                    "internationalisation of higher education",
                    "professional accreditation",
                    "housing assistance",
                    "integration requirements",
                    "equality bodies",
                    "legal aid",
                    "complaint mechanisms",
                    "orientation programmes",
                    "multilingual information",
                    "entrepreneurship support",
                    "teacher training",
                    "mother-tongue instruction"};

const Pool adjectives = {"comprehensive",     "administrative",    "proportionate",
                         "discretionary",     "intergovernmental", "internationally comparable",
                         "counterproductive", "unprecedented",     "well-established",
                         "straightforward",   "institutionalised", "decentralised",
                         "restrictive",       "inclusive",         "transparent",
                         "burdensome",        "fragmented",        "experimental",
                         "constitutional",    "interministerial",  "nationwide",
                         "municipal"};

const Pool actors = {"the government",
                     "the national parliament",
                     "regional administrations",
                     "the responsible ministry",
                     "local authorities",
                     "the equality body",
                     "employers' organisations",
                     "trade unions",
                     "civil society organisations",
                     "the constitutional court",
                     "the immigration service",
                     "municipal councils",
                     "the ombudsperson",
                     "migrant associations"};

const Pool verbs_past = {"strengthened",         "introduced",
                         "reconsidered",         "gradually extended",
                         "simplified",           "systematically reviewed",
                         "partially harmonised", "institutionalised",
                         "decentralised",        "tightened",
                         "restructured",         "reinterpreted",
                         "consolidated",         "experimented with",
                         "underfunded",          "professionalised"};

const Pool verbs_present = {
    "maintains", "continues to restrict", "guarantees", "regulates", "supports",    "conditions",
    "monitors",  "coordinates",           "limits",     "finances",  "prioritises", "acknowledges"};

const Pool adverbs = {
    "considerably", "disproportionately", "comprehensively", "characteristically", "significantly",
    "unexpectedly", "incrementally",      "notably",         "systematically",     "predominantly"};

const Pool openers = {"In practice, ",
                      "Since the previous edition, ",
                      "By comparison, ",
                      "Notwithstanding these reforms, ",
                      "Over the last decade, ",
                      "For newcomers, ",
                      "In this respect, ",
                      "Characteristically, ",
                      "At the same time, ",
                      "Nevertheless, ",
                      "According to the indicators, ",
                      "Taken together, ",
                      "Unsurprisingly, ",
                      "Furthermore, "};

const Pool qualifiers = {", although implementation remains uneven",
                         " under conditions comparable to those of nationals",
                         ", which disproportionately affects recently arrived residents",
                         " without a clear timetable",
                         " within a broader programme of administrative modernisation",
                         ", despite recommendations from international organisations",
                         " through a combination of legislation and guidance",
                         " for a limited number of categories",
                         " in most but not all regions",
                         ", subject to considerable administrative discretion",
                         " after lengthy parliamentary negotiations",
                         " as part of a counterterrorism and security package"};

const Pool restrictions = {"a minimum period of residence",
                           "proof of sufficient resources",
                           "a language test at an advanced level",
                           "a fee that is higher than for nationals",
                           "the discretion of the authorities",
                           "prior approval by the employer",
                           "a labour market test",
                           "an integration examination"};

// ---------------------------------------------------------------------------------------------
// Text helpers.

std::string capitalise(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
        text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

std::string lower_first(std::string text) {
    if (text.size() > 1 && text[0] >= 'A' && text[0] <= 'Z' && !(text[1] >= 'A' && text[1] <= 'Z'))
        text[0] = static_cast<char>(text[0] - 'A' + 'a');
    return text;
}

/// Whether an actor ("trade unions", "the equality body") takes a plural verb.
bool plural(const std::string& subject) {
    std::string head = subject.substr(0, subject.find(" of "));
    bool actor = std::find(actors.begin(), actors.end(), head) != actors.end();
    return actor && head.back() == 's'; // a country's name is singular
}

/// "maintains" → "maintain", "has" → "have" after a plural subject.
std::string agree(const std::string& verb, const std::string& subject) {
    if (!plural(subject))
        return verb;
    if (verb.starts_with("has "))
        return "have" + verb.substr(3);
    size_t end = verb.find(' ');
    std::string first = verb.substr(0, end);
    std::string rest = end == std::string::npos ? "" : verb.substr(end);
    if (first.ends_with("es") &&
        (first.ends_with("ses") || first.ends_with("shes") || first.ends_with("ches")))
        first.resize(first.size() - 2);
    else if (first.ends_with("s"))
        first.pop_back();
    return first + rest;
}

size_t count_words(const std::string& text) {
    size_t words = 0;
    bool in_word = false;
    for (char c : text) {
        bool space = c == ' ' || c == '\n' || c == '\t';
        if (!space && !in_word)
            ++words;
        in_word = !space;
    }
    return words;
}

/// A YAML double-quoted scalar.
std::string yaml_quoted(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "\"";
}

/// A YAML literal block: "|" then the text indented by `indent` spaces.
std::string block(const std::string& text, int indent) {
    std::string pad(static_cast<size_t>(indent), ' ');
    std::string out = "|\n";
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        std::string line = text.substr(start, end - start);
        out += line.empty() ? "\n" : pad + line + "\n";
        start = end + 1;
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Prose: sentences drawn from a small grammar, with the engine's markup.

struct Names {
    std::map<std::string, std::string> countries; // code → name
    std::map<std::string, std::string> areas;     // id → name
};

/// The engine's markup as plain text, for the floor: references become names, page references
/// a number, footnotes their own sentence, emphasis marks go.
std::string plain(const std::string& markup, const Names& names) {
    std::string out;
    for (size_t i = 0; i < markup.size();) {
        char c = markup[i];
        if (c == '*') {
            ++i;
            continue;
        }
        if (c == '^' && i + 1 < markup.size() && markup[i + 1] == '[') {
            size_t end = markup.find(']', i);
            out += " (" + markup.substr(i + 2, end - i - 2) + ")";
            i = end + 1;
            continue;
        }
        if (c == '{') {
            size_t end = markup.find('}', i);
            std::string ref = markup.substr(i + 1, end - i - 1);
            if (ref.starts_with("page:"))
                out += "123";
            else if (ref.starts_with("country:"))
                out += names.countries.at(ref.substr(8));
            else if (ref.starts_with("area:"))
                out += names.areas.at(ref.substr(5));
            i = end + 1;
            continue;
        }
        if (c == '-' && i + 1 < markup.size() && markup[i + 1] == ' ' &&
            (i == 0 || markup[i - 1] == '\n')) {
            i += 2; // a list item's bullet
            continue;
        }
        out += c;
        ++i;
    }
    return out;
}

class Writer {
public:
    Writer(Random& random, const std::vector<Country>& countries, const std::vector<Area>& areas)
        : m_random(random), m_countries(countries), m_areas(areas) {}

    /// One sentence about a country (its name appears now and then) or about an area.
    std::string sentence(const Country* country, const Area* area) {
        Random& r = m_random;
        const Area& topic_area = area ? *area : m_areas[r.below(m_areas.size())];
        const Dimension& dimension = topic_area.dimensions[r.below(topic_area.dimensions.size())];
        std::string subject = r.pick(actors);
        if (country && r.chance(0.35))
            subject = r.chance(0.5) ? country->name : subject + " of " + country->name;
        std::string noun = r.pick(nouns);
        if (r.chance(0.08))
            noun = "*" + noun + "*";
        std::string text;
        switch (r.below(12)) {
        case 0:
            text = r.pick(openers) + subject + " " + agree("has", subject) + " " +
                   r.pick(verbs_past) + " " + r.pick(nouns) + " for " + r.pick(groups) +
                   r.pick(qualifiers) + ".";
            break;
        case 1:
            text = capitalise(subject) + " " + agree(r.pick(verbs_present), subject) + " " + noun +
                   " in " + topic_area.topic + ", while " + r.pick(groups) + " still face " +
                   r.pick(restrictions) + ".";
            break;
        case 2:
            text = "The dimension *" + lower_first(dimension.name) + "* shows " + r.pick(adverbs) +
                   " " + r.pick(adjectives) + " rules on " + noun + r.pick(qualifiers) + ".";
            break;
        case 3:
            text = r.pick(openers) + "the " + r.pick(adjectives) + " framework for " + noun + " " +
                   r.pick(adverbs) + " shapes the opportunities of " + r.pick(groups) + ".";
            break;
        case 4: {
            const Country* other = &m_countries[r.below(m_countries.size())];
            if (country && other->code == country->code)
                other = &m_countries[(static_cast<size_t>(other - m_countries.data()) + 1) %
                                     m_countries.size()];
            text = "Compared with {country:" + other->code + "}, " + subject + " " +
                   agree(r.pick(verbs_present), subject) + " " + r.pick(nouns) + " in a more " +
                   r.pick(adjectives) + " way" + r.pick(qualifiers) + ".";
            break;
        }
        case 5:
            text = "Reforms of " + noun + " were " + r.pick(verbs_past) + " by " + r.pick(actors) +
                   ", and the results for {area:" + topic_area.id + "} were " + r.pick(adverbs) +
                   " " + r.pick(adjectives) + ".";
            break;
        case 6:
            text = capitalise(r.pick(groups)) + " may apply for " + r.pick(nouns) + " after " +
                   std::to_string(r.between(2, 10)) + " years, provided that they meet " +
                   r.pick(restrictions) + " and " + r.pick(restrictions) + ".";
            break;
        case 7: {
            std::string actor = r.pick(actors);
            text = "Experts describe the " + r.pick(adjectives) + " approach to " + noun + " as " +
                   r.pick(adjectives) + ", even though " + actor + " " +
                   agree(r.pick(verbs_present), actor) + " " + r.pick(nouns) + ".";
        } break;
        case 8:
            text = r.pick(openers) + "responsibilities for " + noun + " are shared between " +
                   r.pick(actors) + " and " + r.pick(actors) + r.pick(qualifiers) + ".";
            break;
        case 9:
            text = "Much depends on the implementation of " + r.pick(nouns) + " by " +
                   r.pick(actors) + ", which remains " + r.pick(adverbs) + " " +
                   r.pick(adjectives) + ".";
            break;
        case 10:
            text = capitalise(subject) + " " + agree(r.pick(verbs_present), subject) + " the " +
                   r.pick(adjectives) + " conditions attached to " + noun + r.pick(qualifiers) +
                   ", so that " + r.pick(groups) + " benefit only " + r.pick(adverbs) + ".";
            break;
        default:
            text = "Whether " + r.pick(groups) + " can rely on " + noun + " depends " +
                   r.pick(adverbs) + " on " + r.pick(restrictions) + ".";
            break;
        }
        return capitalise(text);
    }

    /// Paragraphs of 3–6 sentences until about `words` words.
    std::string prose(size_t words, const Country* country, const Area* area, bool footnote,
                      bool list) {
        Random& r = m_random;
        std::vector<std::string> paragraphs;
        size_t written = 0;
        bool noted = !footnote;
        bool listed = !list;
        while (written < words) {
            std::string paragraph;
            int sentences = r.between(3, 6);
            for (int i = 0; i < sentences && written < words; ++i) {
                std::string s = sentence(country, area);
                if (!noted && paragraphs.size() == 1 && i == 1) {
                    s.pop_back();
                    s += ".^[Figures refer to the situation on 31 December of the edition's "
                         "year; changes adopted later are not reflected in the indicators.]";
                    noted = true;
                }
                written += count_words(s);
                paragraph += (paragraph.empty() ? "" : " ") + s;
            }
            paragraphs.push_back(paragraph);
            if (!listed && area && paragraphs.size() == 2) {
                std::string items;
                for (const Dimension& dimension : area->dimensions) {
                    std::string item =
                        "- *" + dimension.name + "*: " + lower_first(sentence(nullptr, area));
                    written += count_words(item);
                    items += (items.empty() ? "" : "\n") + item;
                }
                paragraphs.push_back("The four dimensions of the area are the following:");
                paragraphs.push_back(items);
                written += 8;
                listed = true;
            }
        }
        std::string text;
        for (const std::string& paragraph : paragraphs)
            text += (text.empty() ? "" : "\n\n") + paragraph;
        return text;
    }

private:
    Random& m_random;
    const std::vector<Country>& m_countries;
    const std::vector<Area>& m_areas;
};

// ---------------------------------------------------------------------------------------------
// The framework.

Indicator make_indicator(Random& r, const std::string& id) {
    Indicator indicator;
    indicator.id = id;
    std::string noun = r.pick(nouns);
    std::string group = r.pick(groups);
    switch (r.below(4)) {
    case 0:
        indicator.name = capitalise(noun) + " for " + group;
        break;
    case 1:
        indicator.name = capitalise(r.pick(adjectives)) + " " + noun;
        break;
    case 2:
        indicator.name = "Access to " + noun;
        break;
    default:
        indicator.name = capitalise(noun) + ": conditions and procedures";
        break;
    }
    switch (r.below(4)) {
    case 0:
        indicator.question =
            "Are " + group + " entitled to " + noun + " under the same conditions as nationals?";
        break;
    case 1:
        indicator.question = "Does the law oblige " + r.pick(actors) + " to provide " + noun +
                             " for " + group + ", and is this obligation enforced?";
        break;
    case 2:
        indicator.question = "Can " + group + " apply for " + noun + " after " +
                             std::to_string(r.between(2, 8)) + " years of residence, without " +
                             r.pick(restrictions) + "?";
        break;
    default:
        indicator.question = "To what extent are " + noun + " and " + r.pick(nouns) +
                             " available to " + group + " across the whole territory?";
        break;
    }
    indicator.options[0] = r.chance(0.5) ? "Yes, under the same conditions as nationals."
                                         : "Yes, for all " + group + ", by law and in practice.";
    indicator.options[1] =
        "Yes, but subject to " + r.pick(restrictions) + " or " + r.pick(restrictions) + ".";
    indicator.options[2] = r.chance(0.5) ? "No, or only at the discretion of the authorities."
                                         : "No such provision exists.";
    return indicator;
}

std::vector<Area> make_framework(Random& r) {
    std::vector<Area> areas;
    for (const AreaSeed& seed : area_seeds) {
        Area area{seed.id, seed.name, seed.topic, {}};
        int number = 0;
        for (const auto& [suffix, name] : seed.dimensions) {
            Dimension dimension{std::string(seed.id) + "_" + suffix, name, {}};
            int count = r.between(5, 8);
            for (int i = 0; i < count; ++i)
                dimension.indicators.push_back(
                    make_indicator(r, std::string(seed.id) + "_" + std::to_string(++number)));
            area.dimensions.push_back(std::move(dimension));
        }
        areas.push_back(std::move(area));
    }
    return areas;
}

// ---------------------------------------------------------------------------------------------
// Countries: the 56 real ones, then synthetic names under unused codes.

std::vector<Country> make_countries(Random& r, int scale) {
    std::vector<Country> countries = real_countries;
    std::set<std::string> codes, names;
    for (const Country& country : countries) {
        codes.insert(country.code);
        names.insert(country.name);
    }
    const Pool starts = {"Val", "Kor",  "Ost",  "Mar", "Bel", "Tar", "Lun",  "Sev", "Dor", "Ar",
                         "Zel", "Quin", "Ver",  "Hal", "Mor", "Cal", "Bran", "Es",  "Nor", "Tav",
                         "Gal", "Pel",  "Rhos", "Sim", "Ud",  "Wen", "Yar",  "Fen"};
    const Pool middles = {"a", "e", "i", "o", "ava", "eni", "ora", "ul", "ist", "and", "er", ""};
    const Pool ends = {"nia",  "ria", "land", "stan", "via",  "dor",  "mark",
                       "burg", "ia",  "ena",  "onia", "esia", "ador", "ovo"};
    const Pool prefixes = {"North ", "South ", "East ", "West ", "New ", "Upper ", "Lower "};
    size_t wanted = real_countries.size() * static_cast<size_t>(scale);
    for (char a = 'A'; a <= 'Z' && countries.size() < wanted; ++a) {
        for (char b = 'A'; b <= 'Z' && countries.size() < wanted; ++b) {
            std::string code{a, b};
            if (codes.count(code))
                continue;
            std::string name;
            do {
                name = r.pick(starts) + r.pick(middles) + r.pick(ends);
                if (r.chance(0.15))
                    name = r.pick(prefixes) + name;
            } while (names.count(name));
            codes.insert(code);
            names.insert(name);
            countries.push_back({code, name});
        }
    }
    std::sort(countries.begin(), countries.end(),
              [](const Country& x, const Country& y) { return x.code < y.code; });
    return countries;
}

// ---------------------------------------------------------------------------------------------
// Output.

struct Output {
    fs::path root;
    size_t bytes = 0;
    size_t files = 0;

    void write(const fs::path& relative, const std::string& text) {
        fs::path path = root / relative;
        fs::create_directories(path.parent_path());
        std::ofstream out(path, std::ios::binary);
        out << text;
        if (!out)
            throw std::runtime_error("cannot write " + path.string());
        bytes += text.size();
        ++files;
    }
};

std::string lower(std::string text) {
    for (char& c : text)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return text;
}

int usage(const char* message, int status = 2) {
    std::fprintf(status ? stderr : stdout,
                 "%s\nusage: generate --out DIR [--scale N] [--seed S] [--maps DIR]\n"
                 "  --scale N  56×N countries and N times the area prose (1 ≤ N ≤ 12)\n"
                 "  --maps DIR the map outlines to copy (default: the repository's "
                 "content/assets/maps)\n",
                 message);
    return status;
}

} // namespace

int main(int argc, char** argv) {
    fs::path out;
    int scale = 1;
    uint64_t seed = 2019;
#ifdef MIPEX_SOURCE_DIR
    fs::path maps = fs::path(MIPEX_SOURCE_DIR) / "content" / "assets" / "maps";
#else
    fs::path maps;
#endif
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        bool has_value = i + 1 < argc;
        if (arg == "--out" && has_value)
            out = argv[++i];
        else if (arg == "--scale" && has_value)
            scale = std::atoi(argv[++i]);
        else if (arg == "--seed" && has_value)
            seed = std::strtoull(argv[++i], nullptr, 10);
        else if (arg == "--maps" && has_value)
            maps = argv[++i];
        else if (arg == "--help" || arg == "-h")
            return usage("writes a deterministic benchmark project for mipex", 0);
        else
            return usage(("unknown argument: " + arg).c_str());
    }
    if (out.empty())
        return usage("--out DIR is required");
    // Codes are two capital letters: 676 of them.
    if (scale < 1 || scale > 12)
        return usage("--scale must be between 1 and 12 (codes are two capital letters)");

    try {
        // Each part draws from its own stream, so adding countries never changes the framework.
        Random framework_random(seed * 4 + 1);
        Random country_random(seed * 4 + 2);
        Random prose_random(seed * 4 + 3);
        Random score_random(seed * 4 + 4);

        std::vector<Area> areas = make_framework(framework_random);
        std::vector<Country> countries = make_countries(country_random, scale);
        Names names;
        for (const Country& country : countries)
            names.countries[country.code] = country.name;
        for (const Area& area : areas)
            names.areas[area.id] = area.name;
        Writer writer(prose_random, countries, areas);

        // A fresh folder: content/ is replaced, nothing else of DIR is touched.
        fs::remove_all(out / "content");
        fs::remove_all(out / "floor");
        Output output{out};
        std::string floor_text; // every prose paragraph, plain
        auto add_floor = [&](const std::string& markup) {
            std::string text = plain(markup, names);
            floor_text += (floor_text.empty() ? "" : "\n\n") + text;
        };
        size_t country_words = 0, area_words = 0, indicator_count = 0;

        // framework.yaml
        std::ostringstream framework;
        framework << "# Benchmark framework, generated by bench/generate (seed " << seed
                  << "). Do not edit.\n"
                  << "not_applicable: exclude\n"
                  << "overall:\n"
                  << "  - id: overall\n    name: Overall score\n"
                  << "    note: All eight policy areas, including health.\n"
                  << "  - id: overall_without_health\n    name: Overall score without health\n"
                  << "    exclude: [health]\n"
                  << "    note: The seven areas comparable with earlier editions.\n"
                  << "areas:\n";
        for (const Area& area : areas) {
            framework << "  - id: " << area.id << "\n    name: " << yaml_quoted(area.name)
                      << "\n    dimensions:\n";
            for (const Dimension& dimension : area.dimensions) {
                framework << "      - id: " << dimension.id
                          << "\n        name: " << yaml_quoted(dimension.name)
                          << "\n        indicators:\n";
                for (const Indicator& indicator : dimension.indicators) {
                    ++indicator_count;
                    framework << "          - id: " << indicator.id
                              << "\n            name: " << yaml_quoted(indicator.name)
                              << "\n            question: " << yaml_quoted(indicator.question)
                              << "\n            options:\n";
                    static const char* keys[] = {"a", "b", "c"};
                    static const char* values[] = {"100", "50", "0"};
                    for (int o = 0; o < 3; ++o)
                        framework << "              - key: " << keys[o]
                                  << "\n                value: " << values[o]
                                  << "\n                label: "
                                  << yaml_quoted(indicator.options[o]) << "\n";
                }
            }
        }
        output.write("content/framework.yaml", framework.str());

        // book.yaml
        std::string how_to_read = writer.prose(300, nullptr, &areas[0], false, false) +
                                  "\n\nThe annex, from page {page:#annex}, gives every "
                                  "indicator with its options; for an example of a profile, "
                                  "see {country:SE} on page {page:country:SE}.";
        add_floor(how_to_read);
        std::ostringstream book;
        book << "# Benchmark book, generated by bench/generate (seed " << seed << ", scale "
             << scale << "). Do not edit.\n"
             << "title: Migrant Integration Policy Index\n"
             << "subtitle: "
             << yaml_quoted("Benchmark edition: " + std::to_string(countries.size()) +
                            " countries, 2014 and 2019")
             << "\n"
             << "author: mipex benchmark\n"
             << "subject: A synthetic book for measuring the engine\n"
             << "keywords: [benchmark, MIPEX]\n"
             << "language: en\n"
             << "illustrative: true\n"
             << "notice: The texts and scores in this book are generated at random to measure "
                "the engine; they describe no country.\n"
             << "editions:\n  current: 2019\n  previous: 2014\n"
             << "groups:\n  - id: all\n    name: All countries\n    members: all\n"
             << "  - id: eu27\n    name: EU-27\n    members: [";
        for (size_t i = 0; i < eu27.size(); ++i)
            book << (i ? ", " : "") << yaml_quoted(eu27[i]);
        book << "]\naverage: all\n"
             << "how_to_read: " << block(how_to_read, 2) << "colophon: "
             << block("Generated by bench/generate for measuring mipex. Set in Noto Serif and Noto "
                      "Sans.",
                      2);
        output.write("content/book.yaml", book.str());

        // areas/<id>.yaml
        for (const Area& area : areas) {
            std::string summary = writer.sentence(nullptr, &area);
            std::string text =
                writer.prose(800 * static_cast<size_t>(scale), nullptr, &area, true, true);
            area_words += count_words(summary) + count_words(text);
            add_floor(summary);
            add_floor(text);
            output.write("content/areas/" + area.id + ".yaml",
                         "# Area chapter, generated by bench/generate.\narea: " + area.id +
                             "\nsummary: " + yaml_quoted(summary) + "\ntext: " + block(text, 2));
        }

        // countries/<cc>.yaml
        for (const Country& country : countries) {
            size_t words = 350 - 20 + prose_random.below(41);
            bool footnote = prose_random.chance(0.25);
            std::string text = writer.prose(words, &country, nullptr, footnote, false);
            country_words += count_words(text);
            add_floor(text);
            output.write("content/countries/" + lower(country.code) + ".yaml",
                         "# Country profile, generated by bench/generate.\ncode: " +
                             yaml_quoted(country.code) + "\nname: " + yaml_quoted(country.name) +
                             "\nprofile: " + block(text, 2));
        }

        // The annex's text, for the floor.
        for (const Area& area : areas)
            for (const Dimension& dimension : area.dimensions)
                for (const Indicator& indicator : dimension.indicators)
                    add_floor(indicator.name + ". " + indicator.question + " " +
                              indicator.options[0] + " " + indicator.options[1] + " " +
                              indicator.options[2]);

        // data/scores.csv: every country answers every indicator in both editions. A country
        // leans towards favourable or restrictive answers, more in some areas; about one answer
        // in twelve changes between the editions.
        std::string csv = "country,year,indicator,value\n";
        for (const Country& country : countries) {
            double lean = 0.15 + 0.7 * score_random.unit();
            std::map<std::string, char> previous;
            for (int year : {2014, 2019}) {
                for (const Area& area : areas) {
                    double p = std::clamp(lean + 0.3 * (score_random.unit() - 0.5), 0.05, 0.95);
                    for (const Dimension& dimension : area.dimensions) {
                        for (const Indicator& indicator : dimension.indicators) {
                            char value;
                            auto found = previous.find(indicator.id);
                            if (found != previous.end() && !score_random.chance(1.0 / 12)) {
                                value = found->second;
                            } else {
                                double u = score_random.unit();
                                value = u < p * p ? 'a' : u < p * p + 2 * p * (1 - p) ? 'b' : 'c';
                            }
                            previous[indicator.id] = value;
                            csv += country.code + "," + std::to_string(year) + "," + indicator.id +
                                   "," + value + '\n';
                        }
                    }
                }
            }
        }
        output.write("content/data/scores.csv", csv);

        // The map outlines are data: copied, so the maps render.
        size_t map_files = 0;
        if (!maps.empty() && fs::is_directory(maps)) {
            for (const auto& entry : fs::directory_iterator(maps)) {
                if (!entry.is_regular_file())
                    continue;
                fs::create_directories(out / "content/assets/maps");
                fs::copy_file(entry.path(), out / "content/assets/maps" / entry.path().filename(),
                              fs::copy_options::overwrite_existing);
                ++map_files;
            }
        }
        if (map_files == 0)
            std::fprintf(stderr, "generate: no map outlines in %s; the book has no maps\n",
                         maps.c_str());

        // floor/: the same prose and names for bench/floor.
        output.write("floor/text.txt", floor_text + "\n");
        std::string country_names, area_names;
        for (const Country& country : countries)
            country_names += country.name + "\n";
        for (const Area& area : areas)
            area_names += area.name + "\n";
        output.write("floor/countries.txt", country_names);
        output.write("floor/areas.txt", area_names);

        std::ostringstream manifest;
        manifest << "# What bench/generate wrote.\n"
                 << "seed " << seed << "\nscale " << scale << "\ncountries " << countries.size()
                 << "\nareas " << areas.size() << "\ndimensions " << areas.size() * 4
                 << "\nindicators " << indicator_count << "\nwords_per_country "
                 << country_words / countries.size() << "\nwords_per_area "
                 << area_words / areas.size() << "\nwords_total " << count_words(floor_text)
                 << "\nscore_rows " << countries.size() * indicator_count * 2 << "\n";
        output.write("bench.txt", manifest.str());
        std::fprintf(stderr,
                     "generate: %s: %zu countries, %zu indicators, %zu words of prose per "
                     "country, %zu per area\n",
                     out.c_str(), countries.size(), indicator_count,
                     country_words / countries.size(), area_words / areas.size());
    } catch (const std::exception& error) {
        std::fprintf(stderr, "generate: %s\n", error.what());
        return 1;
    }
    return 0;
}
