// Hyphenation from the system's hyphen-* dictionaries, per language and encoding.
#include "layout/hyphenate.h"

#include <catch2/catch.hpp>

using namespace mipex::layout;

namespace {

const std::vector<std::filesystem::path> folders = {"/usr/share/hyphen"};

std::string marked(std::string text) {
    // Shows soft hyphens as "-" for readable expectations.
    size_t at;
    while ((at = text.find("\u00AD")) != std::string::npos)
        text.replace(at, 2, "-");
    return text;
}

} // namespace

TEST_CASE("English words get soft hyphens at the dictionary's points") {
    Hyphenator english("en", folders);
    REQUIRE(english.available());
    CHECK(english.dictionary_path().filename() == "hyph_en_GB.dic"); // MIPEX spells British
    CHECK(marked(english.hyphenate("integration")) == "in-teg-ra-tion");
    // Punctuation and spaces pass through; only the words change.
    CHECK(marked(english.hyphenate("naturalisation, nationality.")) ==
          "nat-ur-al-isa-tion, na-tion-al-ity.");
}

TEST_CASE("short words, acronyms and hyphenated text are left alone") {
    Hyphenator english("en", folders);
    CHECK(english.hyphenate("the area of work") == "the area of work");
    CHECK(english.hyphenate("MIPEX") == "MIPEX");
    CHECK(english.hyphenate("in\u00ADtegration") == "in\u00ADtegration");
}

TEST_CASE("capitalised words are hyphenated in lower case and keep their capitals") {
    Hyphenator english("en", folders);
    CHECK(marked(english.hyphenate("Integration")) == "In-teg-ra-tion");
}

TEST_CASE("dictionaries in 8-bit encodings work through UTF-8 text") {
    // hyph_de_DE.dic is ISO 8859-1: the umlaut must survive the round trip.
    Hyphenator german("de", folders);
    REQUIRE(german.available());
    std::string result = marked(german.hyphenate("Staatsangehörigkeit"));
    CHECK(result.find('-') != std::string::npos);
    std::string joined = result;
    joined.erase(std::remove(joined.begin(), joined.end(), '-'), joined.end());
    CHECK(joined == "Staatsangehörigkeit");

    Hyphenator greek("el", folders); // ISO 8859-7
    REQUIRE(greek.available());
    std::string greek_result = marked(greek.hyphenate("μετανάστευση"));
    CHECK(greek_result.find('-') != std::string::npos);
}

TEST_CASE("French uses its own patterns") {
    Hyphenator french("fr", folders);
    REQUIRE(french.available());
    CHECK(marked(french.hyphenate("intégration")) == "in-té-gra-tion");
}

TEST_CASE("a language without a dictionary is not hyphenated") {
    Hyphenator none("xx", folders);
    CHECK_FALSE(none.available());
    CHECK(none.hyphenate("integration") == "integration");
}

TEST_CASE("an edition's hyphenators: its own for its language, another's loaded once") {
    Hyphenator german("de", folders);
    REQUIRE(german.available());
    Hyphenators hyphenators("de", &german);
    CHECK(hyphenators.own() == &german);
    CHECK(hyphenators.of("") == &german);
    CHECK(hyphenators.of("de") == &german);
    // Without folders to look in, another language is not hyphenated, and says so.
    CHECK(hyphenators.of("en") == nullptr);
    REQUIRE(hyphenators.others().size() == 1);
    CHECK(hyphenators.others()[0].first == "en");
    CHECK(hyphenators.others()[0].second.empty());

    Hyphenators with_others("de", &german);
    with_others.find_others_in(folders);
    Hyphenator* english = with_others.of("en");
    REQUIRE(english != nullptr);
    CHECK(english == with_others.of("en")); // loaded once
    CHECK(marked(english->hyphenate("foreign")) == "for-eign");
    CHECK(marked(german.hyphenate("foreign")) != "for-eign");
    CHECK(with_others.of("xx") == nullptr); // no dictionary
    REQUIRE(with_others.others().size() == 2);
    CHECK(with_others.others()[0].second.filename() == "hyph_en_GB.dic");
    CHECK(with_others.others()[1].second.empty());

    Hyphenators without("sq", nullptr); // a language without a dictionary
    CHECK(without.own() == nullptr);
    CHECK(without.of("") == nullptr);
}
