#include "i18n/localizer.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace mipex;
using mipex::i18n::Argument;
using mipex::i18n::Localizer;

namespace {

/// A model holding only interface strings, which is all a Localizer reads.
model::Model with_strings(std::initializer_list<std::pair<std::string, std::string>> strings) {
    model::Model model;
    uint32_t line = 1;
    for (const auto& [key, text] : strings)
        model.strings["ui." + key] = model::Text{"ui." + key, text, SourcePos{1, line++, 10}};
    return model;
}

const std::string narrow_nbsp = "\u202F";
const std::string en_dash = "\u2013";

} // namespace

TEST_CASE("integers use the locale's grouping") {
    model::Model model;
    Diagnostics diagnostics;
    Localizer en(model, "en", diagnostics), de(model, "de", diagnostics),
        fr(model, "fr", diagnostics);
    CHECK(en.integer(1234) == "1,234");
    CHECK(de.integer(1234) == "1.234");
    // French groups with a narrow no-break space (U+202F, CLDR 34 and later), which
    // never breaks a number across lines.
    CHECK(fr.integer(1234) == "1" + narrow_nbsp + "234");
    CHECK(fr.integer(1234567) == "1" + narrow_nbsp + "234" + narrow_nbsp + "567");
    CHECK(en.integer(0) == "0");
    CHECK(de.integer(56) == "56");
    CHECK(diagnostics.all().empty());
}

TEST_CASE("scores print rounded, in the locale's digits") {
    model::Model model;
    Diagnostics diagnostics;
    Localizer en(model, "en", diagnostics), ar(model, "ar", diagnostics);
    CHECK(en.score(62.5) == "63");
    CHECK(en.score(62.4999999999) == "63");
    CHECK(en.score(62.49) == "62");
    CHECK(en.score(100) == "100");
    // Arabic uses Arabic-Indic digits: ٦٣ is 63.
    CHECK(ar.score(62.5) == "\u0666\u0663");
}

TEST_CASE("signed changes: a plus, an en dash for minus, and a bare zero") {
    model::Model model;
    Diagnostics diagnostics;
    for (const char* language : {"en", "de", "fr"}) {
        Localizer localizer(model, language, diagnostics);
        INFO(language);
        CHECK(localizer.signed_integer(3) == "+3");
        CHECK(localizer.signed_integer(-2) == en_dash + "2");
        CHECK(localizer.signed_integer(0) == "0");
    }
    Localizer fr(model, "fr", diagnostics);
    CHECK(fr.signed_integer(-1234) == en_dash + "1" + narrow_nbsp + "234");
}

TEST_CASE("signed changes use the en dash where ICU writes U+2212 too") {
    // Swedish, Finnish and Norwegian minus signs are U+2212, which the bundled Noto faces
    // lack; the change column must not print a missing glyph.
    model::Model model;
    Diagnostics diagnostics;
    for (const char* language : {"sv", "fi", "nb"}) {
        Localizer localizer(model, language, diagnostics);
        INFO(language);
        CHECK(localizer.signed_integer(-2) == en_dash + "2");
        CHECK(localizer.signed_integer(5) == "+5");
    }
    // Hebrew puts a left-to-right mark before the sign; the sign is still replaced.
    Localizer he(model, "he", diagnostics);
    CHECK(he.signed_integer(-2) == "\u200E" + en_dash + "2");
}

TEST_CASE("country names sort as the language's dictionaries do") {
    model::Model model;
    Diagnostics diagnostics;
    Localizer de(model, "de", diagnostics);
    // Bytes would put "Österreich" after "Polen" (0xC3 > 'P'); German sorts Ö with O.
    CHECK(std::string("Österreich") > std::string("Polen"));
    CHECK(de.less("Norwegen", "Österreich"));
    CHECK(de.less("Österreich", "Polen"));
    CHECK_FALSE(de.less("Polen", "Österreich"));
    CHECK_FALSE(de.less("Polen", "Polen"));

    std::vector<std::string> names = {"Zypern",   "Polen",       "Österreich", "Ägypten",
                                      "Norwegen", "Deutschland", "belgien"};
    std::sort(names.begin(), names.end(),
              [&](const std::string& a, const std::string& b) { return de.less(a, b); });
    CHECK(names == std::vector<std::string>{"Ägypten", "belgien", "Deutschland", "Norwegen",
                                            "Österreich", "Polen", "Zypern"});

    SECTION("Swedish sorts Ö after Z") {
        Localizer sv(model, "sv", diagnostics);
        CHECK(sv.less("Zypern", "Österrike"));
        CHECK(de.less("Österrike", "Zypern"));
    }
}

TEST_CASE("interface strings take named MessageFormat arguments") {
    model::Model model = with_strings({{"rank_of", "{rank} of {count}"},
                                       {"contents", "Contents"},
                                       {"alt", "Bar chart of {country}'s scores"},
                                       {"title", "{area}: all countries ranked, {year}"}});
    Diagnostics diagnostics;
    Localizer en(model, "en", diagnostics), de(model, "de", diagnostics);
    CHECK(en.ui("ui.contents") == "Contents");
    CHECK(en.ui("ui.rank_of", {{"rank", 3LL}, {"count", 56LL}}) == "3 of 56");
    // Numbers inside messages follow the locale too.
    CHECK(de.ui("ui.rank_of", {{"rank", 3LL}, {"count", 1234LL}}) == "3 of 1.234");
    // An apostrophe before a letter is literal in ICU messages, not a quote; it prints as
    // the typographic apostrophe.
    CHECK(en.ui("ui.alt", {{"country", std::string("Sweden")}}) == "Bar chart of Sweden’s scores");
    // Years must be passed as text: as numbers ICU groups them like any other.
    CHECK(en.ui("ui.title", {{"area", std::string("Health")}, {"year", std::string("2019")}}) ==
          "Health: all countries ranked, 2019");
    CHECK(en.ui("ui.title", {{"area", std::string("Health")}, {"year", 2019LL}}) ==
          "Health: all countries ranked, 2,019");
    CHECK(diagnostics.all().empty());
}

TEST_CASE("plural patterns pick the form by the language's rules") {
    model::Model model =
        with_strings({{"members", "{count, plural, one {# member} other {# members}}"}});
    Diagnostics diagnostics;
    Localizer en(model, "en", diagnostics), fr(model, "fr", diagnostics);
    CHECK(en.ui("ui.members", {{"count", 1LL}}) == "1 member");
    CHECK(en.ui("ui.members", {{"count", 56LL}}) == "56 members");
    // English counts 0 as "other", French as "one".
    CHECK(en.ui("ui.members", {{"count", 0LL}}) == "0 members");
    CHECK(fr.ui("ui.members", {{"count", 0LL}}) == "0 member");
    CHECK(en.ui("ui.members", {{"count", 1234LL}}) == "1,234 members");
}

TEST_CASE("a missing interface string is reported once and shows its key") {
    model::Model model = with_strings({{"contents", "Contents"}});
    Diagnostics diagnostics;
    Localizer en(model, "en", diagnostics);
    CHECK(en.ui("ui.colophn") == "[ui.colophn]");
    CHECK(en.ui("ui.colophn", {{"year", 2019LL}}) == "[ui.colophn]");
    REQUIRE(diagnostics.error_count() == 1);
    CHECK(diagnostics.all()[0].message == "the layouts use the interface string 'colophn', which "
                                          "layouts/strings.yaml does not define");
    // Another missing key is another error.
    en.ui("ui.other");
    CHECK(diagnostics.error_count() == 2);
}

TEST_CASE("a string that is not a valid ICU message is reported once, at the string") {
    model::Model model = with_strings({{"broken", "Rank {rank of {count}"}});
    Diagnostics diagnostics;
    Localizer en(model, "en", diagnostics);
    CHECK(en.ui("ui.broken", {{"rank", 1LL}}) == "Rank {rank of {count}");
    CHECK(en.ui("ui.broken", {{"rank", 1LL}}) == "Rank {rank of {count}");
    REQUIRE(diagnostics.error_count() == 1);
    CHECK_THAT(diagnostics.all()[0].message,
               Catch::StartsWith("string 'broken' is not a valid ICU message"));
    CHECK(diagnostics.all()[0].pos == SourcePos{1, 1, 10});
}

TEST_CASE("languages know their direction, and a bad tag is refused") {
    model::Model model;
    Diagnostics diagnostics;
    CHECK(Localizer(model, "ar", diagnostics).right_to_left());
    CHECK(Localizer(model, "he", diagnostics).right_to_left());
    CHECK_FALSE(Localizer(model, "en", diagnostics).right_to_left());
    CHECK(Localizer(model, "de", diagnostics).language() == "de");
    CHECK_THROWS_AS(Localizer(model, "not a language!", diagnostics), std::invalid_argument);
}

TEST_CASE("translatable texts print their source text") {
    model::Model model;
    Diagnostics diagnostics;
    Localizer en(model, "en", diagnostics);
    model::Text text{"country.SE.name", "Sweden", {}};
    CHECK(en.text(text) == "Sweden");
}

TEST_CASE("texts print in their language's typography, and prose is parsed as written") {
    model::Model model;
    model.catalogs["de"].entries["area.work.name"] =
        model::Translation{"Die 'Arbeit' der \"Arbeiter\"", "00000000", {}, {}, {}};
    model::Text name{"area.work.name", "Workers' rights", {}};
    model::Text label{"indicator.w1.option.a", "As long as the sponsor's \"permit\"", {}};
    Diagnostics diagnostics;
    Localizer en(model, "en", diagnostics), de(model, "de", diagnostics),
        fr(model, "fr", diagnostics);
    CHECK(en.text(name) == "Workers’ rights");
    CHECK(en.markup(name) == "Workers' rights");
    CHECK(de.text(name) == "Die ‚Arbeit‘ der „Arbeiter“");
    // Printed in English for want of a translation: set as English.
    CHECK(de.text(label) == "As long as the sponsor’s “permit”");
    CHECK(fr.text(label) == "As long as the sponsor’s “permit”");
    CHECK(fr.typography("en").marks().start == "“");
    CHECK(fr.typography().marks().start == "«");
    // The printed text knows its key.
    CHECK(en.key_of("Workers’ rights") == "area.work.name");
}

TEST_CASE("interface strings are set after ICU, whose apostrophes quote") {
    model::Model model = with_strings({{"quoted", "'{'{name}'}' and it''s \"{name}\""},
                                       {"plain", "it''s"},
                                       {"map", "Carte : {source}"}});
    Diagnostics diagnostics;
    Localizer en(model, "en", diagnostics), fr(model, "fr", diagnostics);
    // '{' is a literal brace and '' an apostrophe in ICU's syntax: the marks are set in what
    // ICU made of the pattern.
    CHECK(en.ui("ui.quoted", {{"name", std::string("x")}}) == "{x} and it’s “x”");
    CHECK(en.ui("ui.plain") == "it’s");
    // French, in its translation: a narrow no-break space before the colon. (The string falls
    // back to the source language otherwise: "map" has no French translation here.)
    model.catalogs["fr"].entries["ui.map"] =
        model::Translation{"Carte : {source}", "00000000", {}, {}, {}};
    Localizer translated(model, "fr", diagnostics);
    CHECK(translated.ui("ui.map", {{"source", std::string("NE")}}) == "Carte\u202F: NE");
    CHECK(fr.ui("ui.map", {{"source", std::string("NE")}}) == "Carte : NE");
    CHECK(diagnostics.all().empty());
}
