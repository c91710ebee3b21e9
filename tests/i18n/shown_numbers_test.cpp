// Scores and changes as printed at the book's precision (book.yaml `precision`): exactly that
// many decimals, with the language's decimal separator and digits, changes signed except zero.
#include "i18n/localizer.h"

#include <catch2/catch.hpp>

using namespace mipex;
using mipex::i18n::Localizer;
using mipex::score::Shown;

namespace {

model::Model at_precision(int precision) {
    model::Model model;
    model.book.precision = precision;
    return model;
}

const std::string en_dash = "\u2013";

} // namespace

TEST_CASE("scores print with the book's decimals in the language's way") {
    model::Model model = at_precision(2);
    Diagnostics diagnostics;
    Localizer en(model, "en", diagnostics), de(model, "de", diagnostics),
        fr(model, "fr", diagnostics), el(model, "el", diagnostics), ar(model, "ar", diagnostics);
    // MIPEX's workbook for Germany, 2020: 58.33.
    CHECK(en.score(58.3333) == "58.33");
    CHECK(de.score(58.3333) == "58,33");
    CHECK(fr.score(58.3333) == "58,33");
    CHECK(el.score(58.3333) == "58,33");
    // Arabic-Indic digits and the Arabic decimal separator (U+066B): ٥٨٫٣٣.
    CHECK(ar.score(58.3333) == "\u0665\u0668\u066B\u0663\u0663");
    // Always both decimals, rounded half away from zero.
    CHECK(en.score(58) == "58.00");
    CHECK(en.score(100) == "100.00");
    CHECK(en.score(0) == "0.00");
    CHECK(en.score(36.875) == "36.88");
    CHECK(de.score(0.5) == "0,50");
    CHECK(diagnostics.all().empty());
}

TEST_CASE("one decimal, and none as before") {
    model::Model tenths = at_precision(1), whole = at_precision(0);
    Diagnostics diagnostics;
    Localizer en(tenths, "en", diagnostics), de(tenths, "de", diagnostics);
    CHECK(en.score(62.45) == "62.5");
    CHECK(de.score(62.44) == "62,4");
    CHECK(en.score(62) == "62.0");
    Localizer en0(whole, "en", diagnostics);
    CHECK(en0.score(62.5) == "63");
    CHECK(en0.change(Shown{-2, 0}) == en_dash + "2");
}

TEST_CASE("changes carry their sign and decimals, and zero has no sign") {
    model::Model model = at_precision(2);
    Diagnostics diagnostics;
    Localizer en(model, "en", diagnostics), de(model, "de", diagnostics),
        ar(model, "ar", diagnostics);
    CHECK(en.change(Shown{333, 2}) == "+3.33");
    CHECK(en.change(Shown{-333, 2}) == en_dash + "3.33");
    CHECK(en.change(Shown{-5, 2}) == en_dash + "0.05");
    CHECK(en.change(Shown{0, 2}) == "0.00");
    CHECK(de.change(Shown{333, 2}) == "+3,33");
    CHECK(de.change(Shown{-333, 2}) == en_dash + "3,33");
    CHECK(de.change(Shown{0, 2}) == "0,00");
    // Arabic keeps its bidi marks around the sign; the digits and separator are its own.
    std::string arabic = ar.change(Shown{-333, 2});
    CHECK(arabic.find(en_dash) != std::string::npos);
    CHECK(arabic.find("\u0663\u066B\u0663\u0663") != std::string::npos);
    CHECK(ar.change(Shown{0, 2}) == "\u0660\u066B\u0660\u0660");
    // The shown number itself, unsigned where it is positive.
    CHECK(en.shown(Shown{5833, 2}) == "58.33");
    CHECK(en.shown(Shown{-5, 2}) == en_dash + "0.05");
}
