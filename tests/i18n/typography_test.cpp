// The typography of each language: CLDR's quotation marks through ICU, the apostrophe, and
// French spacing, set on text typed with straight quotes.
#include "i18n/typography.h"

#include <catch2/catch.hpp>

using mipex::i18n::quotation_marks;
using mipex::i18n::QuotationMarks;
using mipex::i18n::Typography;

namespace {

const std::string nnbsp = "\u202F"; // narrow no-break space

std::string marks(const QuotationMarks& marks) {
    return marks.start + marks.end + " " + marks.alternate_start + marks.alternate_end;
}

} // namespace

TEST_CASE("quotation marks are CLDR's, as ICU gives them for each language") {
    CHECK(marks(quotation_marks("en")) == "“” ‘’");
    CHECK(marks(quotation_marks("de")) == "„“ ‚‘");
    CHECK(marks(quotation_marks("fr")) == "«» «»");
    CHECK(marks(quotation_marks("el")) == "«» “”");
    CHECK(marks(quotation_marks("ar")) == "”“ ’‘");
    CHECK(marks(quotation_marks("de-AT")) == "„“ ‚‘");
    // The pseudo-locales: qps has no data of its own and takes CLDR's root marks, ar-XB falls
    // back to Arabic's, as its words are set right to left.
    CHECK(marks(quotation_marks("qps")) == "“” ‘’");
    CHECK(marks(quotation_marks("ar-XB")) == "”“ ’‘");
}

TEST_CASE("straight quotes open after a space or the start and close after a word") {
    Typography en("en"), de("de"), el("el");
    CHECK(en.set("\"Access\" and the 'Access' dimension") == "“Access” and the ‘Access’ dimension");
    CHECK(en.set("He wrote \"the 'Access' dimension.\"") == "He wrote “the ‘Access’ dimension.”");
    CHECK(de.set("Er schrieb \"die 'Access'-Dimension\".") ==
          "Er schrieb „die ‚Access‘-Dimension“.");
    CHECK(el.set("Η \"διάσταση 'Access'\"") == "Η «διάσταση “Access”»");
    // After an opening bracket or a dash, a quote opens.
    CHECK(en.set("(\"a\") —\"b\"") == "(“a”) —“b”");
    // One standing between spaces is no quotation: it stays as typed.
    CHECK(en.set("a \" b ' c") == "a \" b ' c");
}

TEST_CASE("an apostrophe is U+2019 inside a word, after one, and before omitted digits") {
    Typography en("en"), fr("fr");
    CHECK(en.set("a worker's path, don't, O'Neill, 1990's") ==
          "a worker’s path, don’t, O’Neill, 1990’s");
    CHECK(en.set("Workers' rights") == "Workers’ rights");
    CHECK(en.set("the workers' rights and the '90s") == "the workers’ rights and the ’90s");
    // An elision at the start of a word, which nothing closes, is no quotation.
    CHECK(en.set("'tis the season") == "’tis the season");
    // A quotation closes on a quote after a word or after punctuation.
    CHECK(en.set("the 'Access', the 'Support'.") == "the ‘Access’, the ‘Support’.");
    CHECK(en.set("'Is it?' she asked") == "‘Is it?’ she asked");
    CHECK(fr.set("l'Europe") == "l’Europe");
}

TEST_CASE("French sets narrow no-break spaces inside guillemets and before colons, semicolons, "
          "question and exclamation marks") {
    Typography fr("fr");
    CHECK(fr.set("le \"sans objet\" ici") == "le «" + nnbsp + "sans objet" + nnbsp + "» ici");
    CHECK(fr.set("Note: voir; quoi? oui!") ==
          "Note" + nnbsp + ": voir" + nnbsp + "; quoi" + nnbsp + "? oui" + nnbsp + "!");
    // A space the translator typed becomes the narrow one; a group of marks shares one.
    CHECK(fr.set("« oui » : non ?!") ==
          "«" + nnbsp + "oui" + nnbsp + "»" + nnbsp + ":" + " non" + nnbsp + "?!");
    // Not the colon of an address or a time, nor a question mark inside an address.
    CHECK(fr.set("https://example.org/?q=1 à 12:30") == "https://example.org/?q=1 à 12:30");
    // Quotations inside quotations take CLDR's French alternate marks, « » as well.
    CHECK(fr.set("\"le 'oui'\"") ==
          "«" + nnbsp + "le «" + nnbsp + "oui" + nnbsp + "»" + nnbsp + "»");
    // Other languages space nothing.
    CHECK(Typography("en").set("Note: yes; no?") == "Note: yes; no?");
    CHECK(Typography("fr-CA").french_spacing());
    CHECK_FALSE(Typography("de").french_spacing());
}

TEST_CASE("setting a text twice changes nothing the second time") {
    for (const char* language : {"en", "de", "fr", "el", "ar"}) {
        INFO(language);
        Typography typography(language);
        std::string once =
            typography.set("\"Workers' rights\": the 'Access' dimension; « oui » ? l'Europe !");
        CHECK(typography.set(once) == once);
        CHECK(once.find_first_of("\"'") == std::string::npos);
    }
}

TEST_CASE("a paragraph's runs are set as one text") {
    Typography en("en"), fr("fr");
    // "*Access*" quoted, a name from {country:SE} before an apostrophe, a link's label.
    std::string a = "the \"", b = "Access", c = "\" dimension of ", d = "Sweden", e = "'s law";
    en.set({&a, &b, &c, &d, &e});
    CHECK(a + "|" + b + "|" + c + "|" + d + "|" + e ==
          "the “|Access|” dimension of |Sweden|’s law");
    // The narrow space goes into the run of the mark it belongs to.
    std::string f = "voir ", g = "Suède", h = ": ici";
    fr.set({&f, &g, &h});
    CHECK(f + "|" + g + "|" + h == "voir |Suède|" + nnbsp + ": ici");
}

TEST_CASE("bidi controls around the words of a right-to-left text do not hide a quote's side") {
    // ar-XB sets each word between U+202E and U+202C.
    const std::string rlo = "\u202E", pdf = "\u202C";
    Typography bidi("ar-XB");
    CHECK(bidi.set(rlo + "\"Access\"" + pdf + " " + rlo + "don't" + pdf) ==
          rlo + "”Access“" + pdf + " " + rlo + "don’t" + pdf);
}

TEST_CASE("text that is not valid UTF-8 is left as it is") {
    std::string broken = "\"a\" \xC3";
    CHECK(Typography("en").set(broken) == broken);
}
