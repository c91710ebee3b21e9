// What the command line takes from the pipeline: language tags read as BCP 47 says, the
// summary of what an edition printed untranslated, a failure of the engine's own told apart
// from the input's (README, "The command line" and "Exit codes").
#include "model/language_tag.h"
#include "pipeline/pipeline.h"
#include "pipeline/translators.h"
#include "support/project.h"

#include <catch2/catch.hpp>

namespace fs = std::filesystem;

TEST_CASE("language tags are read without regard to case, in their canonical case") {
    using mipex::model::canonical_language_tag;
    CHECK(canonical_language_tag("de") == "de");
    CHECK(canonical_language_tag("DE") == "de");
    CHECK(canonical_language_tag("de-at") == "de-AT");
    CHECK(canonical_language_tag("ZH-hant-tw") == "zh-Hant-TW");
    CHECK(canonical_language_tag("ar-xb") == "ar-XB");
    CHECK(canonical_language_tag("QPS") == "qps");
    // After a singleton (an extension, private use) every subtag is lower case.
    CHECK(canonical_language_tag("de-DE-U-CO-PHONEBK") == "de-DE-u-co-phonebk");
    CHECK(canonical_language_tag("en-x-AB") == "en-x-ab");
    // Only the case changes: a deprecated code stays the one asked for.
    CHECK(canonical_language_tag("iw") == "iw");
    // Nothing an edition could not be built in, and nothing but a language first.
    for (const char* malformed : {"", "de-", "de_AT", "de at", "1234", "a", "toolongtag", "-de",
                                  "de-1a", "de-DE-DE", "x-private", "i-klingon", "../etc"}) {
        INFO(malformed);
        CHECK_FALSE(canonical_language_tag(malformed));
    }

    // The catalogs are found whatever the case of the tag, by their own folder's name.
    mipex::testing::TinyCopy project;
    for (const char* language : {"bg", "pt-br"})
        project.write("content/i18n/" + std::string(language) + "/strings.yaml",
                      "ui.contents:\n  text: X\n");
    auto checked = mipex::pipeline::check_project(project.path());
    REQUIRE_FALSE(checked->diagnostics.has_errors());
    // bg-bg reads the catalog of bg.
    auto resolved = mipex::pipeline::resolve_languages(*checked, "BG, PT-BR,bg-bg, En,QPS,all");
    REQUIRE(resolved);
    CHECK(*resolved == std::vector<std::string>{"bg", "pt-br", "bg-BG", "en", "qps"});
}

TEST_CASE("a failure of the engine's own in an edition is marked as such, not as the input's") {
    // A language the localizer cannot take reaches an edition only past the command line's
    // check (build_books is called directly here): the edition fails inside, the build says
    // "internal error" and marks it so, which the command line turns into exit code 2.
    auto checked = mipex::pipeline::check_project(fs::path(MIPEX_TESTS_DIR) / "projects" / "tiny");
    REQUIRE_FALSE(checked->diagnostics.has_errors());
    mipex::pipeline::BuildOptions options;
    options.project = fs::path(MIPEX_TESTS_DIR) / "projects" / "tiny";
    mipex::testing::TempDir out;
    options.out = out / "out";
    options.languages = {"de-"};
    auto results = mipex::pipeline::build_books(*checked, options);
    REQUIRE(results.size() == 1);
    CHECK(results[0].internal_error);
    CHECK_FALSE(results[0].written);
    bool said = false;
    for (const mipex::Diagnostic& diagnostic : checked->diagnostics.all())
        said = said || diagnostic.message.starts_with("internal error: ");
    CHECK(said);
}

TEST_CASE("the summary of untranslated texts names every kind of text") {
    auto text = [](const char* key) { return mipex::i18n::Fallback{key, {}}; };
    std::vector<mipex::i18n::Fallback> missing = {
        text("indicator.lmm_1.name"),
        text("indicator.lmm_1.option.a"),
        text("indicator.lmm_2.question"),
        text("country.SE.profile"),
        text("country.SE.name"),
        text("area.lmm.summary"),
        text("area.lmm.text"),
        text("area.lmm.name"),
        text("dimension.access.name"),
        text("overall.with_health.name"),
        text("overall.with_health.note"),
        text("band.favourable.label"),
        text("group.eu.name"),
        text("book.colophon"),
        text("ui.contents"),
        text("something.new"),
    };
    CHECK(mipex::pipeline::translation_summary("el", "English", missing, 2, "see there") ==
          "el: 16 texts print in English: 5 names (areas, dimensions, scores, bands, groups), "
          "3 indicator texts, 2 area texts, 1 country profile, 1 book text, 1 interface string, "
          "1 country name, 1 note on an overall score, 1 other text; 2 translations are stale; "
          "see there");
    CHECK(mipex::pipeline::translation_summary("de", "English", {text("book.title")}, 0, "") ==
          "de: 1 text prints in English: 1 book text");
    CHECK(mipex::pipeline::translation_summary("de", "English", {}, 1, "more") ==
          "de: 1 translation is stale; more");
    CHECK(mipex::pipeline::translation_summary("de", "English", {}, 0, "more").empty());
}
