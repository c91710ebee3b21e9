#include "load/yaml.h"
#include "model/validate.h"
#include "support/project.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

using namespace mipex;
using namespace mipex::model;
using mipex::testing::TinyCopy;
using mipex::testing::validate_project;
using Lines = std::vector<std::string>;

namespace {

/// Checks the diagnostics of a project exactly (position, severity, message), printing
/// them all in the human format when they differ.
#define CHECK_DIAGNOSTICS(checked, ...)                                                            \
    do {                                                                                           \
        INFO((checked)->report());                                                                 \
        CHECK((checked)->lines() == Lines __VA_ARGS__);                                            \
    } while (false)

/// One YAML text, parsed and handed to one of the validate_* functions.
struct Snippet {
    SourceFiles files;
    Diagnostics diagnostics;
    load::Value root;

    explicit Snippet(std::string text) {
        FileId id = files.add("snippet.yaml", std::move(text));
        root = load::parse_yaml(id, files, diagnostics);
        REQUIRE(diagnostics.all().empty());
    }
    Lines lines() const {
        Lines out;
        for (const Diagnostic& diagnostic : diagnostics.sorted())
            out.push_back(std::to_string(diagnostic.pos.line) + ":" +
                          std::to_string(diagnostic.pos.column) + ": " + diagnostic.message);
        return out;
    }
};

/// The 1-based line of the one occurrence of `needle` in `text`.
uint32_t line_of(const std::string& text, std::string_view needle) {
    size_t found = text.find(needle);
    REQUIRE(found != std::string::npos);
    REQUIRE(text.find(needle, found + 1) == std::string::npos);
    return 1 + static_cast<uint32_t>(std::count(text.begin(), text.begin() + found, '\n'));
}

const std::string engine_theme = mipex::testing::read_text(MIPEX_SOURCE_DIR "/layouts/theme.yaml");

std::string replaced(std::string text, std::string_view from, std::string_view to) {
    size_t found = text.find(from);
    REQUIRE(found != std::string::npos);
    REQUIRE(text.find(from, found + 1) == std::string::npos);
    return text.replace(found, from.size(), to);
}

} // namespace

// ---------------------------------------------------------------------------------------------
// The tiny project as it is

TEST_CASE("the tiny project validates to the expected model") {
    auto checked = validate_project(mipex::testing::tiny_project());
    CHECK_DIAGNOSTICS(checked, {});
    // 7 country-years (DE, FR, SE in 2014; all four in 2019) × 9 indicators = 63 answers,
    // two of them n/a (Norway 2019: w2 and h3).
    CHECK(dump(checked->model) == R"(book "Tiny Index" lang=en
editions 2014(previous) 2019(current)
overall overall areas work home vote
overall overall_without_vote areas work home
area work "Work"
  dimension work_access "Access to work"
    indicator w1 options a=100 b=50 c=0
    indicator w2 options a=100 b=50 c=0
  dimension work_rights "Rights at work"
    indicator w3 options a=100 b=50 c=0
area home "Home"
  dimension home_entry "Entry"
    indicator h1 options a=100 b=50 c=0
  dimension home_stay "Stay"
    indicator h2 options a=100 b=50 c=0
    indicator h3 options a=100 b=50 c=0
  dimension home_rights "Rights"
    indicator h4 options a=100 b=50 c=0
area vote "Voting"
  dimension vote_rights "Voting rights"
    indicator v1 options a=100 b=50 c=0
    indicator v2 options a=100 b=75 c=25 d=0
country DE "Germany"
country FR "France"
country NO "Norway" since 2019
country SE "Sweden"
group all "All countries" members DE FR NO SE
group nordic "Nordic countries" members NO SE
band favourable 80-100 #4575b4
band slightly_favourable 60-79 #91bfdb
band halfway_favourable 41-59 #e0f3f8
band slightly_unfavourable 21-40 #fee090
band unfavourable 1-20 #fc8d59
band critically_unfavourable 0-0 #d73027
answers 61 n/a 2
)");
}

TEST_CASE("answers keep their kind, value and source position") {
    auto checked = validate_project(mipex::testing::tiny_project());
    REQUIRE_FALSE(checked->diagnostics.has_errors());
    const Model& model = checked->model;
    size_t fr = *model.find_country("FR"), no = *model.find_country("NO");
    size_t y2014 = *model.find_year(2014), y2019 = *model.find_year(2019);
    size_t w2 = *model.framework.find_indicator("w2"), v2 = *model.framework.find_indicator("v2");

    const Answer& option = model.observations.at(fr, y2019, w2);
    CHECK(option.kind == Answer::Kind::Option);
    CHECK(option.option == "b");
    CHECK(option.value == 50);
    CHECK(checked->files.describe(option.pos) == checked->root + "content/data/scores.csv:39:12");

    const Answer& number = model.observations.at(fr, y2019, v2);
    CHECK(number.kind == Answer::Kind::Number); // "18" is not an option key: a score
    CHECK(number.value == 18);

    CHECK(model.observations.at(no, y2019, w2).kind == Answer::Kind::NotApplicable);
    // Norway enters in 2019: its 2014 cells are missing, not zero.
    CHECK_FALSE(model.observations.has_year(no, y2014));
    CHECK(model.observations.at(no, y2014, w2).kind == Answer::Kind::Missing);
    CHECK(model.observations.has_year(no, y2019));
}

TEST_CASE("indicators carry the framework's n/a rule unless they give their own") {
    auto checked = validate_project(mipex::testing::tiny_project());
    const Framework& framework = checked->model.framework;
    auto rule = [&](const char* id) {
        return framework.indicators[*framework.find_indicator(id)].not_applicable;
    };
    CHECK(framework.not_applicable.kind == NotApplicableRule::Kind::Exclude);
    CHECK(rule("w2").kind == NotApplicableRule::Kind::Exclude);
    CHECK(rule("h3").kind == NotApplicableRule::Kind::Score);
    CHECK(rule("h3").score == 20);
    CHECK(rule("v1").kind == NotApplicableRule::Kind::Refuse);
    // Each indicator knows its place in the tree.
    const Indicator& h3 = framework.indicators[*framework.find_indicator("h3")];
    CHECK(framework.areas[h3.area].id == "home");
    CHECK(framework.areas[h3.area].dimensions[h3.dimension].id == "home_stay");
}

TEST_CASE("the book's texts keep translation keys and positions") {
    auto checked = validate_project(mipex::testing::tiny_project());
    const Model& model = checked->model;
    CHECK(model.book.title.key == "book.title");
    CHECK(model.book.title.source == "Tiny Index");
    CHECK(model.book.title.pos.line == 2);
    CHECK(model.book.title.pos.column == 8);
    CHECK(model.groups[model.book.average_group].id == "all");
    const Country& de = model.countries[*model.find_country("DE")];
    CHECK(de.name.key == "country.DE.name");
    REQUIRE(de.profile);
    CHECK(de.profile->source == "A short profile.");
    CHECK(model.area_texts.at(0).summary->source == "Whether residents can work.");
    CHECK_FALSE(model.area_texts.at(1).summary);
}

// ---------------------------------------------------------------------------------------------
// Variations of the tiny project: each must be reported exactly where the mistake is, and
// nothing else may be reported (no errors that only repeat the first).

TEST_CASE("an unknown key suggests the key that was meant") {
    TinyCopy copy;
    copy.edit("content/framework.yaml", "    name: Work\n", "    nmae: Work\n");
    auto checked = copy.check();
    // The missing key has no position of its own: it is reported at its mapping.
    CHECK_DIAGNOSTICS(checked,
                      {"content/framework.yaml:11:5: error: an area needs a 'name'",
                       "content/framework.yaml:12:5: error: unknown key 'nmae' in an area; did "
                       "you mean 'name'?"});
}

TEST_CASE("an unknown key with no near match lists the known keys") {
    TinyCopy copy;
    copy.append("content/countries/fr.yaml", "capital: Paris\n");
    CHECK_DIAGNOSTICS(copy.check(),
                      {"content/countries/fr.yaml:3:1: error: unknown key 'capital' "
                       "in a country (known keys: code, name, profile, since, until)"});
}

TEST_CASE("a missing required key is reported at its mapping") {
    TinyCopy copy;
    copy.write("content/countries/fr.yaml", "# France\ncode: FR\n");
    // The country is still registered under its code, so its scores are not "unknown".
    CHECK_DIAGNOSTICS(copy.check(),
                      {"content/countries/fr.yaml:2:1: error: a country needs a 'name'"});
}

TEST_CASE("a missing question does not make the indicator unknown to the data") {
    TinyCopy copy;
    copy.edit("content/framework.yaml", "            question: Is equal pay guaranteed?\n", "");
    CHECK_DIAGNOSTICS(copy.check(),
                      {"content/framework.yaml:34:13: error: an indicator needs a 'question'"});
}

TEST_CASE("an unknown country in a group") {
    TinyCopy copy;
    copy.edit("content/book.yaml", "[NO, SE]", "[NO, SW, se, NO]");
    CHECK_DIAGNOSTICS(
        copy.check(),
        {"content/book.yaml:13:19: error: unknown country 'SW' (no file in content/countries/ has "
         "this code)",
         "content/book.yaml:13:23: error: unknown country 'se' (no file in content/countries/ has "
         "this code); country codes are written in capitals: 'SE'",
         "content/book.yaml:13:27: error: country NO is listed twice in this group"});
}

TEST_CASE("unknown indicator, year and country in the scores") {
    TinyCopy copy;
    copy.edit("content/data/scores.csv", "SE,2019,w1,a\n", "SE,2019,w9,a\n")
        .edit("content/data/scores.csv", "SE,2019,w2,a\n", "SE,2018,w2,a\n")
        .edit("content/data/scores.csv", "FR,2019,w3,a\n", "FX,2019,w3,a\n");
    // A row with a known country and year but a bad indicator takes its country-year out of
    // the completeness check (SE 2019 lacks w1 and w2: not worth saying twice). A row whose
    // country is unknown cannot be placed, so FR 2019 really does lack its w3.
    CHECK_DIAGNOSTICS(
        copy.check(),
        {"content/data/scores.csv:38:1: error: FR 2019 has no answer for 1 indicator: w3 (write "
         "n/a where an indicator does not apply)",
         "content/data/scores.csv:40:1: error: unknown country 'FX' (no file in "
         "content/countries/ has this code)",
         "content/data/scores.csv:56:9: error: unknown indicator 'w9'; did you mean 'w1'?",
         "content/data/scores.csv:57:4: error: year 2018 is not an edition of this book (editions: "
         "2014, 2019; add it to editions.years in content/book.yaml)"});
}

TEST_CASE("values that are not scores") {
    TinyCopy copy;
    copy.edit("content/data/scores.csv", "SE,2019,w1,a\n", "SE,2019,w1,e\n")
        .edit("content/data/scores.csv", "SE,2019,w2,a\n", "SE,2019,w2,101\n")
        .edit("content/data/scores.csv", "DE,2019,w3,b\n", "DE,2019,w3,NaN\n")
        .edit("content/data/scores.csv", "FR,2019,w1,b\n", "FR,2019,w1,-0.5\n")
        .edit("content/data/scores.csv", "FR,2014,w1,b\n", "FR,2014,w1,inf\n");
    CHECK_DIAGNOSTICS(
        copy.check(),
        {"content/data/scores.csv:11:12: error: a score must be a finite number from 0 to 100, "
         "not inf",
         "content/data/scores.csv:31:12: error: a score must be a finite number from 0 to 100, "
         "not NaN",
         "content/data/scores.csv:38:12: error: a score must be between 0 and 100, not -0.5",
         "content/data/scores.csv:56:12: error: 'e' is not an answer option of indicator 'w1' "
         "(options: a, b, c; or a number from 0 to 100, or n/a)",
         "content/data/scores.csv:57:12: error: a score must be between 0 and 100, not 101"});
}

TEST_CASE("n/a where the indicator refuses it") {
    TinyCopy copy;
    copy.edit("content/data/scores.csv", "FR,2019,v1,b\n", "FR,2019,v1,n/a\n");
    CHECK_DIAGNOSTICS(copy.check(),
                      {"content/data/scores.csv:45:12: error: indicator 'v1' does not "
                       "allow n/a (its rule is 'refuse')"});
}

TEST_CASE("a second score for the same country, year and indicator") {
    TinyCopy copy;
    copy.append("content/data/scores.csv", "SE,2019,h1,b\n");
    CHECK_DIAGNOSTICS(copy.check(), {"content/data/scores.csv:65:1: error: a second score for SE, "
                                     "2019, h1 (the first is at line 59)"});
}

TEST_CASE("a dimension with no indicators") {
    TinyCopy copy;
    copy.edit("content/framework.yaml",
              "        indicators:\n"
              "          - id: w3\n"
              "            name: Equal pay\n"
              "            question: Is equal pay guaranteed?\n"
              "            options:\n"
              "              - {key: a, value: 100, label: Yes}\n"
              "              - {key: b, value: 50, label: In part}\n"
              "              - {key: c, value: 0, label: No}\n",
              "        indicators: []\n");
    std::string scores = mipex::testing::read_text(copy.path() / "content/data/scores.csv");
    std::string without_w3;
    for (size_t start = 0; start < scores.size();) {
        size_t end = scores.find('\n', start) + 1;
        std::string line = scores.substr(start, end - start);
        if (line.find(",w3,") == std::string::npos)
            without_w3 += line;
        start = end;
    }
    copy.write("content/data/scores.csv", without_w3);
    CHECK_DIAGNOSTICS(copy.check(),
                      {"content/framework.yaml:33:21: error: dimension 'work_rights' has no "
                       "indicators; a dimension's score is the mean of its indicators"});
}

TEST_CASE("an indicator with no options") {
    TinyCopy copy;
    copy.edit("content/framework.yaml",
              "            question: Is equal pay guaranteed?\n"
              "            options:\n"
              "              - {key: a, value: 100, label: Yes}\n"
              "              - {key: b, value: 50, label: In part}\n"
              "              - {key: c, value: 0, label: No}\n",
              "            question: Is equal pay guaranteed?\n"
              "            options: []\n");
    // The data's answers to w3 are not reported one by one as "not an option".
    CHECK_DIAGNOSTICS(
        copy.check(),
        {"content/framework.yaml:37:22: error: indicator 'w3' has no answer options"});
}

TEST_CASE("a country with no scores in an edition") {
    TinyCopy copy;
    std::string scores = mipex::testing::read_text(copy.path() / "content/data/scores.csv");
    size_t first = scores.find("DE,2014,"), last = scores.rfind("DE,2014,");
    scores.erase(first, scores.find('\n', last) + 1 - first);
    copy.write("content/data/scores.csv", scores);
    CHECK_DIAGNOSTICS(copy.check(),
                      {"content/countries/de.yaml:1:1: error: Germany (DE) has no scores for 2014; "
                       "add them to content/data/, or write 'since: <year>' if it entered the "
                       "index later ('until: <year>' if it left it)"});
}

TEST_CASE("missing answers are reported at the country-year's first row") {
    TinyCopy copy;
    copy.edit("content/data/scores.csv", "SE,2019,h4,a\n", "")
        .edit("content/data/scores.csv", "SE,2019,v2,b\n", "");
    CHECK_DIAGNOSTICS(copy.check(), {"content/data/scores.csv:56:1: error: SE 2019 has no answer "
                                     "for 2 indicators: h4, v2 (write n/a where an indicator "
                                     "does not apply)"});
}

TEST_CASE("scores before a country's first edition, and a since that is no edition") {
    TinyCopy copy;
    copy.append("content/data/scores.csv", "NO,2014,w1,a\n");
    CHECK_DIAGNOSTICS(copy.check(), {"content/data/scores.csv:65:1: error: NO has scores for 2014 "
                                     "but enters the index in 2019 (since: in its country file)"});

    TinyCopy other;
    other.edit("content/countries/no.yaml", "since: 2019", "since: 2015");
    CHECK_DIAGNOSTICS(other.check(), {"content/countries/no.yaml:3:8: error: since 2015 is not an "
                                      "edition year of this book"});
}

TEST_CASE("every error in every file is reported in one run") {
    TinyCopy copy;
    copy.edit("content/countries/se.yaml", "name: Sweden", "nmae: Sweden")
        .edit("content/framework.yaml", "{key: d, value: 0, label: No}",
              "{key: d, value: 200, label: No}")
        .edit("content/book.yaml", "average: all", "average: everyone");
    CHECK_DIAGNOSTICS(
        copy.check(),
        {"content/book.yaml:14:10: error: no group 'everyone' for the average",
         "content/countries/se.yaml:1:1: error: a country needs a 'name'",
         "content/countries/se.yaml:2:1: error: unknown key 'nmae' in a country; did you mean "
         "'name'?",
         "content/framework.yaml:103:33: error: an option's value must be between 0 and 100, not "
         "200"});
}

// ---------------------------------------------------------------------------------------------
// The framework on its own

TEST_CASE("a framework's ids must be unique across areas, dimensions and indicators") {
    Snippet snippet("not_applicable: exclude\n"
                    "areas:\n"
                    "  - id: a\n"
                    "    name: A\n"
                    "    dimensions:\n"
                    "      - id: d\n"
                    "        name: D\n"
                    "        indicators:\n"
                    "          - id: a\n"
                    "            name: I\n"
                    "            question: Q?\n"
                    "            options:\n"
                    "              - {key: x, value: 100, label: X}\n"
                    "              - {key: x, value: 0, label: Y}\n"
                    "              - {key: n/a, value: 0, label: Z}\n");
    Framework framework;
    validate_framework(snippet.root, framework, snippet.diagnostics);
    // The dimension whose one indicator repeats an id is not reported again as empty.
    CHECK(snippet.lines() ==
          Lines{"9:17: indicator id 'a' is already used on line 3",
                "14:23: option 'x' is given twice in this indicator",
                "15:23: 'n/a' is the data's not-applicable marker and cannot be an option key"});
}

TEST_CASE("a framework's n/a rule and ids are checked") {
    Snippet snippet("not_applicable: zero\n"
                    "overall:\n"
                    "  - id: no_health\n"
                    "    name: Without health\n"
                    "    exclude: [helth]\n"
                    "areas:\n"
                    "  - id: Health\n"
                    "    name: Health\n"
                    "    dimensions: []\n"
                    "  - id: health\n"
                    "    name: Health\n"
                    "    dimensions: []\n");
    Framework framework;
    validate_framework(snippet.root, framework, snippet.diagnostics);
    CHECK(snippet.lines() ==
          Lines{"1:17: not_applicable is 'exclude' (left out of the mean), 'refuse' (n/a is an "
                "error) or '{score: N}'",
                "5:15: no area 'helth'; did you mean 'health'?",
                "7:9: an area's id 'Health' must use only lower-case letters a-z, digits and "
                "'_', starting with a letter",
                "12:17: area 'health' has no dimensions"});
}

TEST_CASE("without an overall list the overall score covers every area") {
    Snippet snippet("not_applicable: {score: 0}\n"
                    "areas:\n"
                    "  - id: a\n"
                    "    name: A\n"
                    "    dimensions: []\n"
                    "  - id: b\n"
                    "    name: B\n"
                    "    dimensions: []\n");
    Framework framework;
    validate_framework(snippet.root, framework, snippet.diagnostics);
    REQUIRE(framework.overalls.size() == 1);
    CHECK(framework.overalls[0].id == "overall");
    CHECK(framework.overalls[0].areas == std::vector<size_t>{0, 1});
    CHECK(framework.not_applicable.kind == NotApplicableRule::Kind::Score);
    CHECK(framework.not_applicable.score == 0);
}

// ---------------------------------------------------------------------------------------------
// The theme (layouts/theme.yaml)

TEST_CASE("the engine's theme is valid and its bands run from highest to lowest") {
    Snippet snippet(engine_theme);
    Theme theme;
    validate_theme(snippet.root, theme, snippet.diagnostics);
    CHECK(snippet.lines() == Lines{});
    REQUIRE(theme.bands.size() == 6);
    CHECK(theme.bands.front().max == 100);
    CHECK(theme.bands.back().min == 0);
    // based_on copies the base and changes only what differs.
    CHECK(theme.style("lead").family == theme.style("body").family);
    CHECK(theme.style("lead").size == from_pt(12));
    CHECK(theme.style("body").color == theme.color("text"));
}

TEST_CASE("bands that leave a gap are refused") {
    Snippet snippet(replaced(engine_theme, "    min: 41\n", "    min: 42\n"));
    Theme theme;
    validate_theme(snippet.root, theme, snippet.diagnostics);
    uint32_t bands = line_of(engine_theme, "bands:\n") + 1;
    CHECK(snippet.lines() == Lines{std::to_string(bands) + ":3: the bands must cover every score "
                                                           "from 0 to 100 once; 41 is in 0"});
}

TEST_CASE("bands that overlap are refused") {
    Snippet snippet(replaced(engine_theme, "    min: 60\n", "    min: 59\n"));
    Theme theme;
    validate_theme(snippet.root, theme, snippet.diagnostics);
    uint32_t bands = line_of(engine_theme, "bands:\n") + 1;
    CHECK(snippet.lines() == Lines{std::to_string(bands) + ":3: the bands must cover every score "
                                                           "from 0 to 100 once; 59 is in 2"});
}

TEST_CASE("a band's bounds are finite numbers, min not above max") {
    std::string text = replaced(engine_theme, "    min: 80\n", "    min: .nan\n");
    text = replaced(text, "    min: 1\n    max: 20\n", "    min: 20\n    max: 1\n");
    Snippet snippet(text);
    Theme theme;
    validate_theme(snippet.root, theme, snippet.diagnostics);
    uint32_t nan = line_of(text, "min: .nan");
    uint32_t reversed = line_of(text, "  - key: unfavourable\n");
    CHECK(snippet.lines() ==
          Lines{std::to_string(nan) + ":10: min must be a number, not '.nan' (only finite "
                                      "numbers are scores)",
                std::to_string(reversed) + ":5: band 'unfavourable' has min above max"});
}

TEST_CASE("styles are checked: unknown bases, cycles, colours and required styles") {
    std::string text =
        replaced(engine_theme, "  lead:\n    based_on: body\n", "  lead:\n    based_on: bdy\n");
    text = replaced(text, "  h3:\n    based_on: sans\n", "  h3:\n    based_on: h3\n");
    text = replaced(text, "  caption:\n", "  legend:\n");
    text = replaced(text, "    color: muted\n    space_after: 24pt\n",
                    "    color: mutted\n    space_after: 24pt\n");
    Snippet snippet(text);
    Theme theme;
    validate_theme(snippet.root, theme, snippet.diagnostics);
    // A mapping's position is its first key, on the line after the key that names it.
    auto at = [&](std::string_view needle, int column, int lines_after = 0) {
        return std::to_string(line_of(text, needle) + lines_after) + ":" + std::to_string(column) +
               ": ";
    };
    // A style whose base failed is not also told that it lacks a family or size.
    CHECK(snippet.lines() ==
          Lines{at("styles:\n", 3, 1) + "the styles need 'caption' (the book uses it)",
                at("based_on: bdy", 15) + "no style named 'bdy'; did you mean 'body'?",
                at("color: mutted", 12) + "no colour named 'mutted' in the theme's colors",
                at("  h3:\n", 5, 1) + "style 'h3' is based on itself"});
}

TEST_CASE("a chain of styles based on each other is bounded, not a stack overflow") {
    // Each based_on is one level of recursion in validate_theme: 100,000 of them used to
    // exhaust the stack.
    std::string text = "styles:\n";
    for (int i = 0; i < 100000; ++i)
        text += "  s" + std::to_string(i) + ": {based_on: s" + std::to_string(i + 1) + "}\n";
    text += "  s100000: {family: Noto Sans, size: 10pt}\n";
    SourceFiles files;
    Diagnostics diagnostics;
    FileId id = files.add("theme.yaml", text);
    load::Value root = load::parse_yaml(id, files, diagnostics);
    REQUIRE(diagnostics.all().empty());
    Theme theme;
    validate_theme(root, theme, diagnostics);
    bool chain = false;
    for (const Diagnostic& diagnostic : diagnostics.all())
        chain = chain ||
                diagnostic.message.find("ends a chain of more than 32 styles") != std::string::npos;
    CHECK(chain);
}

TEST_CASE("the language is a BCP 47 tag, never a path") {
    for (const char* language : {"en", "fr", "pt-BR", "zh-Hant-TW", "sr-Latn"})
        CHECK(TinyCopy()
                  .edit("content/book.yaml", "author: Test team",
                        std::string("author: Test team\nlanguage: ") + language)
                  .check()
                  ->diagnostics.all()
                  .empty());
    for (const char* language : {"../../etc/passwd", "e", "english", "en_GB", "en-", "en GB"}) {
        auto checked = TinyCopy()
                           .edit("content/book.yaml", "author: Test team",
                                 std::string("author: Test team\nlanguage: \"") + language + "\"")
                           .check();
        INFO(language);
        REQUIRE(checked->diagnostics.error_count() == 1);
        CHECK_THAT(checked->lines()[0], Catch::Contains("must be a BCP 47 language tag"));
    }
}

namespace {

/// A session's checks of one project folder: the parse cache and the kept score answers
/// carry over from one check to the next, as under `mipex watch`.
struct SessionChecks {
    load::ParseCache parsed;
    ScoresCache scores;
    Limits limits;

    /// The messages of a check of `folder`, sorted by position.
    Lines check(const std::filesystem::path& folder) {
        SourceFiles files;
        Diagnostics diagnostics;
        diagnostics.set_error_limit(limits.errors);
        auto project = load::load_project(load::ProjectPaths{folder, MIPEX_SOURCE_DIR}, files,
                                          diagnostics, limits, &parsed);
        validate(project, files, diagnostics, limits, &scores);
        Lines out;
        for (const Diagnostic& diagnostic : diagnostics.sorted())
            out.push_back(files.path(diagnostic.pos.file).substr(folder.string().size()) + ":" +
                          std::to_string(diagnostic.pos.line) + ": " + diagnostic.message);
        return out;
    }
};

/// The same messages from a check with nothing kept.
Lines cold_check(const std::filesystem::path& folder, const Limits& limits) {
    SessionChecks fresh;
    fresh.limits = limits;
    return fresh.check(folder);
}

bool mentions(const Lines& lines, const std::string& text) {
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& line) {
        return line.find(text) != std::string::npos;
    });
}

} // namespace

TEST_CASE("kept score answers never hide an error that a check from nothing reports") {
    TinyCopy copy;
    SessionChecks session;
    REQUIRE(session.check(copy.path()).empty());
    REQUIRE(session.check(copy.path()).empty()); // the answers kept, and reused

    // A year of the book that cannot be read: rows of other years are not news then...
    copy.edit("content/book.yaml", "  previous: 2014\n",
              "  previous: 2014\n  years: [2014, 2019, 20x4]\n");
    copy.append("content/data/scores.csv", "SE,2024,w1,a\n");
    Lines doubtful = session.check(copy.path());
    CHECK(doubtful == cold_check(copy.path(), session.limits));
    CHECK_FALSE(mentions(doubtful, "year 2024"));
    // ...but once it is mended, the 2024 row is reported, as it is from nothing.
    copy.edit("content/book.yaml", ", 20x4]", "]");
    Lines mended = session.check(copy.path());
    CHECK(mended == cold_check(copy.path(), session.limits));
    CHECK(mentions(mended, "year 2024 is not an edition"));
    copy.edit("content/data/scores.csv", "SE,2024,w1,a\n", "");
    REQUIRE(session.check(copy.path()).empty());

    // Past the limit on errors, a score table's errors are counted but not listed; they are
    // listed once the errors before them are mended.
    session.limits.errors = 1;
    copy.edit("content/book.yaml", "title: Tiny Index\n", "title: Tiny Index\ncolour: red\n");
    copy.append("content/data/scores.csv", "SE,2019,w1,b\n"); // a second score
    Lines limited = session.check(copy.path());
    CHECK(limited == cold_check(copy.path(), session.limits));
    copy.edit("content/book.yaml", "colour: red\n", "");
    Lines second = session.check(copy.path());
    CHECK(second == cold_check(copy.path(), session.limits));
    CHECK(mentions(second, "a second score for SE, 2019, w1"));
}
