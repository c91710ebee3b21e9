// Translations through the Localizer: a catalog's text, the English as fallback (listed),
// stale translations (listed), country names from ICU with the catalog's overrides, years,
// the pseudo-locales, and the ICU checks of translated messages.
#include "i18n/check.h"
#include "i18n/localizer.h"
#include "i18n/pseudo.h"
#include "model/catalog.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace mipex;
using mipex::i18n::Localizer;

namespace {

/// A model with a few texts in English and a German catalog.
struct Fixture {
    model::Model model;
    model::Text contents{"ui.contents", "Contents", {1, 1, 11}};
    model::Text rank{"ui.rank_of", "{rank} of {count}", {1, 2, 10}};
    model::Text area{"area.lmm.name", "Labour market mobility", {2, 5, 11}};
    model::Text question{"indicator.lmm_1.question", "Can residents work?", {2, 9, 15}};
    model::Text austria{"country.AT.name", "Austria", {3, 2, 7}};
    model::Text norway{"country.NO.name", "Norway", {4, 2, 7}};
    model::Text poland{"country.PL.name", "Poland", {5, 2, 7}};
    model::Text korea{"country.KR.name", "Korea", {6, 2, 7}};

    Fixture() {
        model.strings["ui.contents"] = contents;
        model.strings["ui.rank_of"] = rank;
        model::Catalog& de = model.catalogs["de"];
        de.language = "de";
        translate(de, contents, "Inhalt", true);
        translate(de, rank, "{rank} von {count}", true);
        // Made from an older English: stale.
        translate(de, area, "Arbeitsmarkt", false);
        // A country name the catalog overrides.
        translate(de, korea, "Republik Korea", true);
    }

    static void translate(model::Catalog& catalog, const model::Text& text, std::string shown,
                          bool current) {
        model::Translation translation;
        translation.text = std::move(shown);
        translation.from = model::fingerprint(current ? text.source : "Labour market access");
        translation.pos = SourcePos{9, static_cast<uint32_t>(catalog.entries.size() + 1), 9};
        catalog.entries[text.key] = translation;
    }
};

} // namespace

TEST_CASE("a translated text prints in the edition's language, at the catalog's position") {
    Fixture fixture;
    Diagnostics diagnostics;
    Localizer de(fixture.model, "de", diagnostics);
    CHECK(de.catalog() == &fixture.model.catalogs.at("de"));
    CHECK(de.text(fixture.contents) == "Inhalt");
    CHECK(de.pos(fixture.contents) == SourcePos{9, 1, 9});
    CHECK(de.ui("ui.contents") == "Inhalt");
    CHECK(de.ui("ui.rank_of", {{"rank", 3LL}, {"count", 56LL}}) == "3 von 56");
    CHECK(de.key_of("3 von 56") == "ui.rank_of");
    CHECK(de.key_of("Inhalt") == "ui.contents");
    CHECK(diagnostics.all().empty());
    // A regional variant reads its language's catalog.
    Localizer de_at(fixture.model, "de-AT", diagnostics);
    CHECK(de_at.text(fixture.contents) == "Inhalt");
}

TEST_CASE("an untranslated text prints in English and is listed once, with its source") {
    Fixture fixture;
    Diagnostics diagnostics;
    Localizer de(fixture.model, "de", diagnostics);
    CHECK(de.text(fixture.question) == "Can residents work?");
    CHECK(de.text(fixture.question) == "Can residents work?");
    CHECK(de.pos(fixture.question) == fixture.question.pos);
    REQUIRE(de.fallbacks().size() == 1);
    CHECK(de.fallbacks()[0].key == "indicator.lmm_1.question");
    CHECK(de.fallbacks()[0].pos == SourcePos{2, 9, 15});
    // Nothing is missing in the source language, and a language without a catalog misses all.
    Localizer en(fixture.model, "en", diagnostics);
    CHECK(en.source_language());
    CHECK(en.text(fixture.question) == "Can residents work?");
    CHECK(en.fallbacks().empty());
    Localizer fr(fixture.model, "fr", diagnostics);
    CHECK(fr.text(fixture.contents) == "Contents");
    CHECK(fr.fallbacks().size() == 1);
}

TEST_CASE("a translation made from another English is stale, and still prints") {
    Fixture fixture;
    Diagnostics diagnostics;
    Localizer de(fixture.model, "de", diagnostics);
    CHECK(de.text(fixture.area) == "Arbeitsmarkt");
    CHECK(de.text(fixture.contents) == "Inhalt");
    de.text(fixture.area);
    REQUIRE(de.stale().size() == 1);
    CHECK(de.stale()[0].key == "area.lmm.name");
    CHECK(de.stale()[0].from == model::fingerprint("Labour market access"));
    CHECK(de.stale()[0].current == model::fingerprint("Labour market mobility"));
    CHECK(de.stale()[0].pos == fixture.model.catalogs["de"].entries["area.lmm.name"].pos);
    CHECK(de.translated_count() == 2);
}

TEST_CASE("a translation without a fingerprint counts as stale") {
    Fixture fixture;
    fixture.model.catalogs["de"].entries["ui.contents"].from.reset();
    Diagnostics diagnostics;
    Localizer de(fixture.model, "de", diagnostics);
    CHECK(de.text(fixture.contents) == "Inhalt");
    REQUIRE(de.stale().size() == 1);
    CHECK(de.stale()[0].from.empty());
}

TEST_CASE("country names come from ICU in the edition's language, and catalogs override them") {
    Fixture fixture;
    Diagnostics diagnostics;
    Localizer de(fixture.model, "de", diagnostics), fr(fixture.model, "fr", diagnostics),
        el(fixture.model, "el", diagnostics), ar(fixture.model, "ar", diagnostics);
    CHECK(de.text(fixture.austria) == "Österreich");
    CHECK(fr.text(fixture.austria) == "Autriche");
    CHECK(el.text(fixture.austria) == "Αυστρία");
    CHECK(ar.text(fixture.austria) == "النمسا");
    CHECK(de.text(fixture.korea) == "Republik Korea"); // the catalog's, not ICU's "Südkorea"
    CHECK(fr.text(fixture.korea) == "Corée du Sud");
    // ICU's names are not missing translations.
    CHECK(de.fallbacks().empty());
    CHECK(de.icu_names_count() == 1);
    CHECK(i18n::icu_country_name("NO", "de") == "Norwegen");
    CHECK(i18n::icu_country_name("ZZ", "de").empty());
}

TEST_CASE("countries sort by their names in the edition's language") {
    Fixture fixture;
    Diagnostics diagnostics;
    std::vector<const model::Text*> countries = {&fixture.poland, &fixture.austria,
                                                 &fixture.norway};
    auto sorted = [&](const Localizer& localizer) {
        std::vector<std::string> names;
        for (const model::Text* country : countries)
            names.push_back(localizer.text(*country));
        std::sort(names.begin(), names.end(),
                  [&](const std::string& a, const std::string& b) { return localizer.less(a, b); });
        return names;
    };
    // In English Austria comes first; in German Österreich sorts under O, after Norwegen.
    CHECK(sorted(Localizer(fixture.model, "en", diagnostics)) ==
          std::vector<std::string>{"Austria", "Norway", "Poland"});
    CHECK(sorted(Localizer(fixture.model, "de", diagnostics)) ==
          std::vector<std::string>{"Norwegen", "Österreich", "Polen"});
    CHECK(sorted(Localizer(fixture.model, "el", diagnostics)) ==
          std::vector<std::string>{"Αυστρία", "Νορβηγία", "Πολωνία"});
}

TEST_CASE("years print in the locale's digits without grouping") {
    model::Model model;
    Diagnostics diagnostics;
    CHECK(Localizer(model, "en", diagnostics).year(2019) == "2019");
    CHECK(Localizer(model, "de", diagnostics).year(2019) == "2019");
    CHECK(Localizer(model, "fr", diagnostics).year(2019) == "2019");
    CHECK(Localizer(model, "ar", diagnostics).year(2019) == "\u0662\u0660\u0661\u0669");
    CHECK(Localizer(model, "de", diagnostics).integer(2019) == "2.019");
}

TEST_CASE("numbers follow each edition's locale") {
    model::Model model;
    Diagnostics diagnostics;
    CHECK(Localizer(model, "de", diagnostics).signed_integer(-1234) == "\u20131.234");
    CHECK(Localizer(model, "fr", diagnostics).integer(1234) == "1\u202F234");
    CHECK(Localizer(model, "el", diagnostics).integer(1234) == "1.234");
    CHECK(Localizer(model, "ar", diagnostics).integer(56) == "\u0665\u0666");
    CHECK(Localizer(model, "ar", diagnostics).signed_integer(3) ==
          "\u061C+\u0663"); // ICU marks the sign's direction with ALM (U+061C)
}

TEST_CASE("the qps pseudo-locale accents, lengthens and brackets every text") {
    Fixture fixture;
    Diagnostics diagnostics;
    Localizer qps(fixture.model, "qps", diagnostics);
    CHECK(qps.pseudo());
    CHECK_FALSE(qps.right_to_left());
    CHECK(qps.text(fixture.contents) == "[Çööñţééñţš]");
    // Arguments survive, and their values are not accented.
    CHECK(qps.ui("ui.rank_of", {{"rank", 3LL}, {"count", 56LL}}) == "[3 ööƒ 56]");
    std::string long_text = i18n::pseudo_accented("The index is built from indicators.");
    CHECK(long_text == "[Ţĥéé îîñðééẋ îîš ƀûûîîļţ ƒŕööɱ îîñðîîçááţööŕš.·]");
    auto code_points = [](const std::string& text) {
        return std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; });
    };
    CHECK(code_points(long_text) >= 35 * 14 / 10);
    CHECK(qps.fallbacks().empty());
    // Numbers stay English.
    CHECK(qps.integer(1234) == "1,234");
}

TEST_CASE("pseudo-locales keep ICU syntax and prose markup intact") {
    CHECK(i18n::pseudo_accented("{count, plural, one {# area} other {# areas}}") ==
          "[{count, plural, one {# ááŕééáá} other {# ááŕééááš}}]");
    CHECK(i18n::pseudo_accented("See {country:SE} and [the site](https://mipex.eu).") ==
          "[Šéééé {country:SE} ááñð [ţĥéé šîîţéé](https://mipex.eu).]");
    // List items stay list items: the bracket opens after the marker.
    CHECK(i18n::pseudo_accented("- one\n- two") == "- [ööñéé]\n- [ţŵöö]");
    CHECK(i18n::pseudo_accented("a\n\nb") == "[áá]\n\n[ƀ]");
}

TEST_CASE("the ar-XB pseudo-locale sets English right to left") {
    Fixture fixture;
    Diagnostics diagnostics;
    Localizer bidi(fixture.model, "ar-XB", diagnostics);
    CHECK(bidi.right_to_left());
    CHECK(bidi.pseudo());
    const std::string rlm = "\u200F", rlo = "\u202E", pdf = "\u202C";
    CHECK(bidi.text(fixture.contents) == rlm + rlo + "Contents" + pdf);
    CHECK(bidi.ui("ui.rank_of", {{"rank", 3LL}, {"count", 56LL}}) ==
          rlm + "3 " + rlo + "of" + pdf + " 56");
    CHECK(i18n::pseudo_bidi("- one two") ==
          "- " + rlm + rlo + "one" + pdf + " " + rlo + "two" + pdf);
    // Numbers are English (Latin digits).
    CHECK(bidi.integer(56) == "56");
}

TEST_CASE("translated messages are checked against the English's arguments") {
    Fixture fixture;
    model::Catalog& de = fixture.model.catalogs["de"];
    de.entries["ui.rank_of"].text = "{rank} von {cuont}";
    de.entries["ui.contents"].text = "Inhalt {";
    Diagnostics diagnostics;
    i18n::check_catalogs(fixture.model, diagnostics);
    REQUIRE(diagnostics.all().size() == 3);
    std::vector<std::string> messages;
    for (const Diagnostic& diagnostic : diagnostics.sorted())
        messages.push_back(diagnostic.message);
    CHECK_THAT(messages[0], Catch::StartsWith("the translation of 'contents' is not a valid ICU "
                                              "message (U_UNMATCHED_BRACES"));
    CHECK(messages[1] == "the translation of 'rank_of' uses {cuont}, which the English does not "
                         "have (its arguments: {count}, {rank})");
    CHECK(messages[2] == "the translation of 'rank_of' leaves out {count}, which the English "
                         "prints");
    CHECK(diagnostics.error_count() == 2);
    CHECK(diagnostics.sorted()[0].pos == de.entries["ui.contents"].pos);
}

TEST_CASE("plural forms follow the translation's language") {
    model::Model model;
    model::Text members{"ui.members", "{count, plural, one {# member} other {# members}}", {}};
    model.strings["ui.members"] = members;
    model::Translation translation;
    translation.text = "{count, plural, one {# membre} other {# membres}}";
    translation.from = model::fingerprint(members.source);
    model.catalogs["fr"].entries["ui.members"] = translation;
    Diagnostics diagnostics;
    Localizer fr(model, "fr", diagnostics), en(model, "en", diagnostics);
    // French counts 0 and 1 as "one", English only 1.
    CHECK(fr.ui("ui.members", {{"count", 0LL}}) == "0 membre");
    CHECK(en.ui("ui.members", {{"count", 0LL}}) == "0 members");
    CHECK(fr.ui("ui.members", {{"count", 1234LL}}) == "1\u202F234 membres");
    i18n::check_catalogs(model, diagnostics);
    CHECK(diagnostics.all().empty());
}
