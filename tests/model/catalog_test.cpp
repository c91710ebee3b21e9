// Catalogs in the model: fingerprints, the list of translatable texts, and reading
// content/i18n/<lang>/ (the bad-input cases cover the errors).
#include "model/catalog.h"
#include "support/project.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace mipex;

TEST_CASE("a fingerprint changes with the words, not with how the YAML wraps them") {
    std::string one = "The index is built from indicators.\n\nEach indicator is a question.";
    CHECK(model::fingerprint(one).size() == 8);
    CHECK(model::is_fingerprint(model::fingerprint(one)));
    CHECK(model::fingerprint(one) == model::fingerprint(one));
    // Re-wrapped, with trailing spaces and doubled spaces: the same text for the book.
    CHECK(model::fingerprint(one) ==
          model::fingerprint("The index is built\nfrom  indicators.  \n\n\n\nEach indicator is "
                             "a question.\n"));
    // A word changed, or a paragraph break removed: another text.
    CHECK(
        model::fingerprint(one) !=
        model::fingerprint("The index is made from indicators.\n\nEach indicator is a question."));
    CHECK(model::fingerprint(one) !=
          model::fingerprint("The index is built from indicators. Each indicator is a question."));
    // A list item is a line of its own.
    CHECK(model::fingerprint("- a\n- b") != model::fingerprint("- a - b"));
    CHECK(model::fingerprint("Contents") == "871f67c3");
    CHECK_FALSE(model::is_fingerprint("871F67C3"));
    CHECK_FALSE(model::is_fingerprint("871f67c"));
}

TEST_CASE("every translatable text of a project is listed once, in reading order") {
    auto checked = testing::validate_project(testing::tiny_project());
    REQUIRE_FALSE(checked->diagnostics.has_errors());
    std::vector<const model::Text*> texts = model::translatable_texts(checked->model);
    std::vector<std::string> keys;
    for (const model::Text* text : texts)
        keys.push_back(text->key);
    std::set<std::string> unique(keys.begin(), keys.end());
    CHECK(unique.size() == keys.size());
    REQUIRE(keys.size() > 50);
    CHECK(keys[0] == "book.title");
    CHECK(keys[1] == "book.author");
    // Interface strings in their file's order.
    auto contents = std::find(keys.begin(), keys.end(), "ui.contents");
    auto how_to_read = std::find(keys.begin(), keys.end(), "ui.how_to_read");
    CHECK(contents < how_to_read);
    // An area, then its dimensions, then their indicators.
    auto work = std::find(keys.begin(), keys.end(), "area.work.name");
    CHECK(*(work + 1) == "dimension.work_access.name");
    CHECK(*(work + 3) == "indicator.w1.name");
    CHECK(*(work + 4) == "indicator.w1.question");
    CHECK(*(work + 5) == "indicator.w1.option.a");
    CHECK(keys.back() == "country.SE.name");
    CHECK(unique.count("band.favourable.label"));
    CHECK(unique.count("group.nordic.name"));
    CHECK(unique.count("area.work.summary"));
}

TEST_CASE("new translations go to the catalog file named after their source") {
    CHECK(model::catalog_file_for("ui.contents") == "strings.yaml");
    CHECK(model::catalog_file_for("book.how_to_read") == "book.yaml");
    CHECK(model::catalog_file_for("group.eu27.name") == "book.yaml");
    CHECK(model::catalog_file_for("band.favourable.label") == "theme.yaml");
    CHECK(model::catalog_file_for("country.AT.name") == "countries.yaml");
    CHECK(model::catalog_file_for("area.lmm.text") == "areas.yaml");
    CHECK(model::catalog_file_for("area.lmm.name") == "framework.yaml");
    CHECK(model::catalog_file_for("indicator.lmm_1.option.a") == "framework.yaml");
}

TEST_CASE("a catalog is read with its fingerprints, notes and positions") {
    testing::TinyCopy project;
    project.write("content/i18n/de/strings.yaml", "# German\n"
                                                  "ui.contents:\n"
                                                  "  from: 871f67c3\n"
                                                  "  text: Inhalt\n"
                                                  "  note: not 'Inhaltsverzeichnis', too long\n"
                                                  "\n"
                                                  "ui.rank:\n"
                                                  "  text: |\n"
                                                  "    Rang\n");
    project.write("content/i18n/fr/framework.yaml", "area.work.name:\n"
                                                    "  from: 0a1b2c3d\n"
                                                    "  text: Travail\n");
    auto checked = project.check();
    INFO(checked->report());
    CHECK(checked->diagnostics.all().empty());
    REQUIRE(checked->model.catalogs.size() == 2);
    const model::Catalog& de = checked->model.catalogs.at("de");
    CHECK(de.language == "de");
    CHECK(de.files == std::vector<std::string>{"content/i18n/de/strings.yaml"});
    REQUIRE(de.entries.size() == 2);
    const model::Translation& contents = de.entries.at("ui.contents");
    CHECK(contents.text == "Inhalt");
    CHECK(contents.from == "871f67c3");
    CHECK(contents.note == "not 'Inhaltsverzeichnis', too long");
    CHECK(contents.pos.line == 4);
    CHECK(contents.pos.column == 9);
    CHECK(contents.key_pos.line == 2);
    CHECK(de.entries.at("ui.rank").text == "Rang"); // a block, trimmed
    CHECK_FALSE(de.entries.at("ui.rank").from);
    CHECK(checked->model.catalogs.at("fr").entries.at("area.work.name").text == "Travail");
}

TEST_CASE("pseudo-locales take no catalog") {
    testing::TinyCopy project;
    project.write("content/i18n/qps/strings.yaml", "ui.contents:\n  text: x\n");
    auto checked = project.check();
    REQUIRE(checked->lines().size() == 1);
    CHECK_THAT(checked->lines()[0],
               Catch::StartsWith("content/i18n/qps/strings.yaml: error: 'qps' is a "
                                 "pseudo-locale"));
    CHECK(model::is_pseudo_locale("ar-XB"));
    CHECK_FALSE(model::is_pseudo_locale("ar"));
}
