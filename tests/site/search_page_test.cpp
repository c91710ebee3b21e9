// search.js in a browser: Debian's chromium, headless, opens a page with the search box from
// file:// (as a reader opens the site from a folder), types, and moves through the results
// with the keys; a script in the page records what happened and chromium prints the page.
#include "site/search.h"

#include "pipeline/pipeline.h"
#include "site/paths.h"
#include "support/run.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace mipex;
using namespace mipex::site;
namespace fs = std::filesystem;

namespace {

/// What the page's script records, after typing `query` into the search box of the search
/// page of `language`.
nlohmann::json try_search_page(const std::string& language, const std::string& query) {
    static std::unique_ptr<pipeline::CheckedProject> checked =
        pipeline::check_project(MIPEX_SOURCE_DIR);
    Diagnostics diagnostics;
    i18n::Localizer localizer(checked->model, language, diagnostics);
    SearchIndex index = make_search_index(checked->model, localizer);

    testing::TempDir site;
    const std::string page = named_page(language, "search");
    testing::write_text(site / search_index_path(language), search_index_script(index));
    testing::write_text(site / "assets/search.js",
                        testing::read_text(fs::path(MIPEX_SOURCE_DIR) / "layouts/site/search.js"));
    // Keys are sent as the browser sends them to the page's listeners; each step waits for
    // the one before (the index loads on first use, the count is announced after a pause).
    const std::string steps = R"(
const out = {};
const input = document.querySelector('input[type=search]');
const key = (k) => document.activeElement.dispatchEvent(
    new KeyboardEvent('keydown', {key: k, bubbles: true, cancelable: true}));
const titles = () => [...document.querySelectorAll('.search-results a .search-title')]
    .map(e => e.textContent);
input.focus();
input.value = QUERY;
input.dispatchEvent(new Event('input'));
setTimeout(() => {
  out.results = titles();
  out.listHidden = document.querySelector('.search-results').hidden;
  key('ArrowDown');
  out.focusAfterDown = document.activeElement.textContent;
  out.firstHref = document.activeElement.href;
  key('ArrowDown');
  out.focusAfterDownDown = document.activeElement.textContent;
  key('ArrowUp');
  key('ArrowUp');
  out.focusAfterUpUp = document.activeElement.id;
  setTimeout(() => {
    out.announced = document.querySelector('[aria-live]').textContent;
    key('Escape');
    out.hiddenAfterEscape = document.querySelector('.search-results').hidden;
    document.getElementById('out').textContent = JSON.stringify(out);
  }, 600);
}, 600);
)";
    std::string test_script = steps;
    test_script.replace(test_script.find("QUERY"), 5, nlohmann::json(query).dump());
    testing::write_text(site / language / "steps.js", test_script);
    testing::write_text(site / page,
                        "<!DOCTYPE html>\n<html lang=\"" + language +
                            "\">\n<head><meta charset=\"utf-8\"><title>search</title></head>\n"
                            "<body>\n" +
                            search_form_html(page, language, localizer.ui("ui.search_label")) +
                            search_list_html(index, page) +
                            "<pre id=\"out\"></pre>\n"
                            "<script src=\"../assets/search.js\"></script>\n"
                            "<script src=\"steps.js\"></script>\n</body>\n</html>\n");

    std::string dom = testing::tool_output(
        "chromium --headless --no-sandbox --disable-gpu --virtual-time-budget=5000 --dump-dom "
        "'file://" +
        (site / page).string() + "' 2>/dev/null");
    const std::string open = "<pre id=\"out\">";
    size_t start = dom.find(open);
    REQUIRE(start != std::string::npos);
    start += open.size();
    std::string text = dom.substr(start, dom.find("</pre>", start) - start);
    INFO(text);
    REQUIRE(!text.empty());
    for (auto [entity, character] :
         {std::pair{"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}})
        for (size_t at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1))
            text.replace(at, std::string_view(entity).size(), character);
    nlohmann::json result = nlohmann::json::parse(text);
    result["site"] = site.path().string(); // for the links, before the folder goes
    return result;
}

} // namespace

TEST_CASE("in the browser, results show as the reader types, by keyboard, and are announced") {
    nlohmann::json german = try_search_page("de", "osterr");
    INFO(german.dump());
    CHECK(german["results"] == nlohmann::json::array({"Österreich"}));
    CHECK(german["listHidden"] == false);
    // Down goes into the results, Up past the first back to the box.
    CHECK(german["focusAfterDown"].get<std::string>().starts_with("Österreich"));
    CHECK(german["focusAfterUpUp"] == "search-input");
    CHECK(german["firstHref"] ==
          "file://" + german["site"].get<std::string>() + "/" + country_page("de", "AT"));
    CHECK(german["announced"] == "1 Treffer");
    CHECK(german["hiddenAfterEscape"] == true);

    nlohmann::json arabic = try_search_page("ar", "ال");
    INFO(arabic.dump());
    CHECK(arabic["results"].size() == 12); // at most a dozen shown
    CHECK(arabic["focusAfterDownDown"].get<std::string>().starts_with(
        arabic["results"][1].get<std::string>()));
    // The count of every match, in Arabic-Indic digits (U+0660 to U+0669).
    const std::string announced = arabic["announced"];
    bool arabic_digits = false;
    for (char32_t digit = 0x0660; digit <= 0x0669; ++digit)
        arabic_digits |=
            announced.find(std::string{'\xD9', char(0x80 | (digit & 0x3F))}) != std::string::npos;
    CHECK(arabic_digits);
}
