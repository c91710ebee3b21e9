#include "site/search.h"

#include "pipeline/pipeline.h"
#include "site/paths.h"
#include "support/run.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace mipex;
using namespace mipex::site;
using mipex::testing::TempDir;
namespace fs = std::filesystem;

namespace {

/// The default project, checked once for every test of this file.
pipeline::CheckedProject& default_project() {
    static std::unique_ptr<pipeline::CheckedProject> checked =
        pipeline::check_project(MIPEX_SOURCE_DIR);
    return *checked;
}

/// The source language and every language with a catalog.
std::vector<std::string> book_languages() {
    std::vector<std::string> languages{default_project().model.book.language};
    for (const auto& [language, catalog] : default_project().model.catalogs)
        languages.push_back(language);
    return languages;
}

const fs::path search_script = fs::path(MIPEX_SOURCE_DIR) / "layouts/site/search.js";

/// Runs a node program given the search script as `search` (and, if given, the index
/// script, which sets window.MIPEX_SEARCH) and a JSON input as `input`; returns what it
/// prints, read as JSON. Without node the test fails (make deps installs it).
nlohmann::json run_node(const std::string& program, const nlohmann::json& input,
                        const std::string& index_script = {}) {
    TempDir folder;
    testing::write_text(folder / "input.json", input.dump());
    std::string prelude = "const fs = require('fs');\n"
                          "const search = require(" +
                          nlohmann::json(search_script.string()).dump() +
                          ");\n"
                          "const input = JSON.parse(fs.readFileSync(" +
                          nlohmann::json((folder / "input.json").string()).dump() +
                          ", 'utf8'));\n"
                          "global.window = {};\n";
    if (!index_script.empty()) {
        testing::write_text(folder / "index.js", index_script);
        prelude += "require(" + nlohmann::json((folder / "index.js").string()).dump() + ");\n";
    }
    testing::write_text(folder / "program.js", prelude + program);
    return nlohmann::json::parse(testing::tool_output("node " + (folder / "program.js").string()));
}

/// Every name and question of the book in `language`, as its pages print them.
std::vector<std::string> book_texts(const std::string& language) {
    const model::Model& model = default_project().model;
    Diagnostics diagnostics;
    i18n::Localizer localizer(model, language, diagnostics);
    std::vector<std::string> texts;
    for (const model::Country& country : model.countries)
        texts.push_back(localizer.text(country.name));
    for (const model::Area& area : model.framework.areas) {
        texts.push_back(localizer.text(area.name));
        for (const model::Dimension& dimension : area.dimensions)
            texts.push_back(localizer.text(dimension.name));
    }
    for (const model::Indicator& indicator : model.framework.indicators) {
        texts.push_back(localizer.text(indicator.name));
        texts.push_back(localizer.text(indicator.question));
    }
    return texts;
}

SearchIndex index_of(const std::string& language) {
    Diagnostics diagnostics;
    i18n::Localizer localizer(default_project().model, language, diagnostics);
    return make_search_index(default_project().model, localizer);
}

/// The titles the page's search shows for each query, best first, as search.js finds them
/// in the index of `language`.
std::vector<std::vector<std::string>> js_results(const std::string& language,
                                                 const std::vector<std::string>& queries) {
    nlohmann::json results =
        run_node("console.log(JSON.stringify(input.map(q => "
                 "search.search(window.MIPEX_SEARCH, q).map(e => e.title))));\n",
                 queries, search_index_script(index_of(language)));
    return results.get<std::vector<std::vector<std::string>>>();
}

} // namespace

TEST_CASE("the search folds case, accents and marks, and search.js folds the same way") {
    // {text, language, folded}: checked in C++ and in JavaScript with the same answers.
    const std::vector<std::array<std::string, 3>> cases = {
        {"Österreich", "de", "osterreich"},
        {"Côte d'Ivoire", "fr", "cote d'ivoire"},
        {"ÉTATS-UNIS", "fr", "etats-unis"},
        {"Ελλάδα", "el", "ελλαδα"},
        {"ΕΛΛΆΣ", "el", "ελλασ"}, // final sigma as medial, accent gone
        {"Κύπρος", "el", "κυπροσ"},
        {"مُحَمَّد", "ar", "محمد"},         // harakat (fatha, damma, shadda) removed
        {"الإمارات", "ar", "الامارات"}, // hamza below alef is a mark of NFD
        {"İstanbul", "tr", "istanbul"},
        {"ISTANBUL", "tr", "ıstanbul"},     // Turkish lower-cases I as dotless ı
        {"Ærø Straße", "da", "ærø straße"}, // letters without a decomposition stay
    };
    for (const auto& [text, language, folded] : cases) {
        INFO(text << " in " << language);
        CHECK(fold_for_search(text, language) == folded);
    }
    nlohmann::json input = nlohmann::json::array();
    for (const auto& [text, language, folded] : cases)
        input.push_back({text, language});
    nlohmann::json folded_in_js =
        run_node("console.log(JSON.stringify(input.map(([t, l]) => search.fold(t, l))));\n", input);
    for (size_t i = 0; i < cases.size(); ++i) {
        INFO(cases[i][0] << " in " << cases[i][1]);
        CHECK(folded_in_js[i].get<std::string>() == cases[i][2]);
    }

    CHECK(search_words("cote d'ivoire") == "cote d ivoire");
    CHECK(search_words("  lmm_1: (a)…  ") == "lmm 1 a");
    CHECK(search_words("العربية ١٢٣") == "العربية ١٢٣");
}

TEST_CASE("C++ and search.js fold every name and question of the book alike, in every language") {
    size_t compared = 0;
    for (const std::string& language : book_languages()) {
        std::vector<std::string> texts = book_texts(language);
        nlohmann::json input = {{"language", language}, {"texts", texts}};
        nlohmann::json in_js = run_node("console.log(JSON.stringify(input.texts.map(t => {\n"
                                        "  const f = search.fold(t, input.language);\n"
                                        "  return [f, search.words(f)];\n"
                                        "})));\n",
                                        input);
        REQUIRE(in_js.size() == texts.size());
        for (size_t i = 0; i < texts.size(); ++i) {
            INFO(language << ": " << texts[i]);
            std::string folded = fold_for_search(texts[i], language);
            CHECK(in_js[i][0].get<std::string>() == folded);
            CHECK(in_js[i][1].get<std::string>() == search_words(folded));
            ++compared;
        }
    }
    // 56 countries, 8 areas, their dimensions, 100+ indicators with questions, 5 languages.
    CHECK(compared > 5 * 300);
}

TEST_CASE("the index of a language lists every country, area, dimension and indicator") {
    const model::Model& model = default_project().model;
    Diagnostics diagnostics;
    i18n::Localizer localizer(model, "de", diagnostics);
    SearchIndex index = make_search_index(model, localizer);
    CHECK(index.language == "de");

    size_t dimensions = 0;
    for (const model::Area& area : model.framework.areas)
        dimensions += area.dimensions.size();
    REQUIRE(index.entries.size() == model.countries.size() + model.framework.areas.size() +
                                        dimensions + model.framework.indicators.size());

    // Each kind in turn, each in German dictionary order.
    for (size_t i = 1; i < index.entries.size(); ++i) {
        const SearchEntry& before = index.entries[i - 1];
        const SearchEntry& entry = index.entries[i];
        INFO(before.title << " / " << entry.title);
        CHECK(before.kind <= entry.kind);
        if (before.kind == entry.kind)
            CHECK_FALSE(localizer.less(entry.title, before.title));
    }

    auto find = [&](std::string_view title) -> const SearchEntry& {
        for (const SearchEntry& entry : index.entries)
            if (entry.title == title)
                return entry;
        FAIL("no entry " << title);
        throw;
    };
    const SearchEntry& austria = find("Österreich");
    CHECK(austria.kind == SearchEntry::Kind::Country);
    CHECK(austria.url == country_page("de", "AT"));
    CHECK(austria.detail == localizer.ui("ui.column_country") + " · AT");
    // Its name folded, its code, the English name, and the German spelling without umlauts.
    CHECK(austria.words == "osterreich oesterreich at austria");

    const model::Area& area = model.framework.areas.front();
    const SearchEntry& area_entry = find(localizer.text(area.name));
    CHECK(area_entry.url == area_page("de", area.id));
    const model::Dimension& dimension = area.dimensions.front();
    bool dimension_found = false;
    for (const SearchEntry& entry : index.entries)
        dimension_found |= entry.kind == SearchEntry::Kind::Dimension &&
                           entry.url == dimension_link("de", area.id, dimension.id);
    CHECK(dimension_found);

    const model::Indicator& indicator = model.framework.indicators.front();
    const SearchEntry& indicator_entry = find(localizer.text(indicator.name));
    CHECK(indicator_entry.url == indicator_page("de", indicator.id));
    // Found by the words of its question too.
    const std::string words = " " + indicator_entry.words + " ";
    for (const std::string& word : testing::split(
             search_words(fold_for_search(localizer.text(indicator.question), "de")), ' '))
        CHECK(words.find(" " + word + " ") != std::string::npos);

    // What the list announces, in German and with its plural forms.
    REQUIRE(index.result_counts.size() == index.entries.size() + 1);
    CHECK(index.result_counts[1] != index.result_counts[2]);
    CHECK(index.result_counts[2].find('2') != std::string::npos);
}

TEST_CASE("the index script is the same bytes each time and sets window.MIPEX_SEARCH") {
    std::string script = search_index_script(index_of("ar"));
    CHECK(script == search_index_script(index_of("ar")));
    CHECK(search_index_path("ar") == "assets/search-ar.js");
    nlohmann::json read = run_node(
        "const s = window.MIPEX_SEARCH;\n"
        "console.log(JSON.stringify({language: s.language, root: s.root, counts: s.counts.length,"
        " entries: s.entries.length, first: s.entries[0]}));\n",
        nlohmann::json::object(), script);
    SearchIndex index = index_of("ar");
    CHECK(read["language"] == "ar");
    CHECK(read["root"] == "../");
    CHECK(read["counts"] == index.result_counts.size());
    CHECK(read["entries"] == index.entries.size());
    CHECK(read["first"]["kind"] == "country");
    CHECK(read["first"]["title"] == index.entries.front().title);
    CHECK(read["first"]["url"] == index.entries.front().url);
    // Arabic digits in what the list announces, as ICU formats them in Arabic.
    CHECK(index.result_counts[3].find("٣") != std::string::npos);
}

TEST_CASE("search.js finds names without their accents, in every kind of script") {
    CHECK(js_results("de", {"osterreich"})[0].front() == "Österreich");
    CHECK(js_results("de", {"oesterreich"})[0].front() == "Österreich");
    CHECK(js_results("de", {"OSTERR"})[0].front() == "Österreich");
    // The English name finds the country in any language.
    CHECK(js_results("el", {"austria"})[0].front() == "Αυστρία");
    CHECK(js_results("el", {"αυστρια"})[0].front() == "Αυστρία");
    CHECK(js_results("fr", {"etats unis"})[0].front() == "États-Unis");
    // A query that begins a title comes first; every word of the query must be found.
    auto french = js_results("fr", {"suède", "su", "suede zzz"});
    CHECK(french[0].front() == "Suède");
    CHECK(french[1].front().starts_with("Su"));
    CHECK(french[2].empty());
    // An Arabic name typed with its vowel marks finds the name written without them.
    Diagnostics diagnostics;
    i18n::Localizer arabic(default_project().model, "ar", diagnostics);
    const model::Country& denmark =
        default_project().model.countries.at(*default_project().model.find_country("DK"));
    std::string name = arabic.text(denmark.name); // الدنمارك
    std::string with_marks = name.substr(0, 2) + "\u064E" + name.substr(2);
    CHECK(js_results("ar", {with_marks})[0].front() == name);
}

TEST_CASE("the search box and the search page link to the index and the pages") {
    std::string form = search_form_html("en/country/se.html", "en", "Search");
    CHECK(form.find("<form role=\"search\" class=\"search\" action=\"../search.html\" "
                    "data-index=\"../../assets/search-en.js\">") == 0);
    CHECK(form.find("<input type=\"search\" id=\"search-input\" name=\"q\"") != std::string::npos);
    CHECK(form.find("aria-live=\"polite\"") != std::string::npos);

    SearchIndex index = index_of("en");
    std::string list = search_list_html(index, named_page("en", "search"));
    CHECK(list.find("<li><a href=\"country/at.html\">Austria</a> <span "
                    "class=\"search-detail\">Country · AT</span></li>") != std::string::npos);
    size_t items = 0;
    for (size_t at = list.find("<li>"); at != std::string::npos; at = list.find("<li>", at + 1))
        ++items;
    CHECK(items == index.entries.size());
}
