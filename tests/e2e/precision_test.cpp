// Scores as the books print them, read back from the PDFs the real binary writes: the default
// book at `precision: 2` in English, German, Arabic and Greek (each with its decimal separator
// and digits, every number agreeing with `mipex scores`), the change charts' axis labels (zero
// and round steps, in the narrow Greek chart too), and the key figures as copied text and in
// the tagged PDF's structure (label first, one phrase: "Overall score 2019: 46.09").
#include "doc/charts.h"
#include "support/project.h"
#include "support/run.h"
#include "support/structure.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <map>
#include <qpdf/QPDF.hh>
#include <regex>
#include <sstream>

using namespace mipex::testing;

namespace {

/// The text without the bidi controls pdftotext puts around right-to-left words (U+202A–E,
/// U+200E–F, U+2066–9) and ICU's Arabic letter mark (U+061C), so that it can be searched.
std::string without_bidi_controls(const std::string& text) {
    static const std::regex controls("\u202A|\u202B|\u202C|\u202D|\u202E|\u200E|\u200F|\u2066|"
                                     "\u2067|\u2068|\u2069|\u061C");
    return std::regex_replace(text, controls, "");
}

/// "46.09" in the edition's way: "46,09" in German and Greek, "٤٦٫٠٩" in Arabic.
std::string localized(const std::string& number, const std::string& language) {
    if (language == "en")
        return number;
    static const char* const arabic_digits[] = {"\u0660", "\u0661", "\u0662", "\u0663", "\u0664",
                                                "\u0665", "\u0666", "\u0667", "\u0668", "\u0669"};
    std::string out;
    for (char c : number) {
        if (language == "ar" && c >= '0' && c <= '9')
            out += arabic_digits[c - '0'];
        else if (c == '.')
            out += language == "ar" ? "\u066B" : ",";
        else if (c == '-')
            out += "\u2013";
        else
            out += c;
    }
    return out;
}

/// A shown number in hundredths: "46.09" → 4609, "-0.05" → -5.
long long hundredths(const std::string& number) {
    const bool negative = number.rfind('-', 0) == 0;
    const std::string digits = negative ? number.substr(1) : number;
    const size_t point = digits.find('.');
    REQUIRE(point != std::string::npos);
    REQUIRE(digits.size() == point + 3);
    long long value =
        std::stoll(digits.substr(0, point)) * 100 + std::stoll(digits.substr(point + 1));
    return negative ? -value : value;
}

/// Hundredths as a signed change: 164 → "+1.64", −5 → "-0.05", 0 → "0.00".
std::string change_text(long long value) {
    long long magnitude = value < 0 ? -value : value;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%s%lld.%02lld",
                  value > 0   ? "+"
                  : value < 0 ? "-"
                              : "",
                  magnitude / 100, magnitude % 100);
    return buffer;
}

const std::vector<std::string> languages = {"en", "de", "ar", "el"};

/// The default book at two decimals, Albania's labour market mobility score of 2014 set to 0
/// (every answer "c") so that its change chart runs past ±10, built once in four editions.
struct PreciseBooks {
    TempDir folder;
    int status = 0;
    std::map<std::string, fs::path> pdf;
    std::map<std::string, std::vector<std::string>> pages; ///< pdftotext -layout, by page
    /// `mipex scores`: "AL 2019 overall" → "46.09"; "all 2019 overall" for the mean.
    std::map<std::string, std::string> shown;

    PreciseBooks() {
        copy_tree(fs::path(MIPEX_SOURCE_DIR) / "content", folder / "content");
        edit_file(folder / "content/book.yaml", "\naverage: all\n",
                  "\naverage: all\nprecision: 2\n");
        std::string scores = read_text(folder / "content/data/scores.csv");
        scores = std::regex_replace(scores, std::regex("\nAL,2014,(lmm_[0-9]+),[abc]"),
                                    "\nAL,2014,$1,c");
        write_text(folder / "content/data/scores.csv", scores);

        status = run_command(std::string("SOURCE_DATE_EPOCH=1700000000 ") + MIPEX_BINARY +
                             " build --project " + folder.path().string() + " --out " +
                             (folder / "out").string() + " --lang en,de,ar,el")
                     .status;
        for (const std::string& language : languages) {
            pdf[language] = folder / "out" / ("mipex-" + language + ".pdf");
            pages[language] = split(pdf_text(pdf[language]), '\f');
        }
        for (const std::string& row :
             split(run_mipex("scores --project " + folder.path().string()).output, '\n')) {
            std::vector<std::string> fields = split(row, ',');
            if (fields.size() >= 7 && fields[0] != "country")
                shown[fields[0] + " " + fields[2] + " " + fields[4]] = fields[6];
        }
    }

    /// The page of an edition that holds every one of `texts` (bidi controls ignored).
    std::string page_with(const std::string& language,
                          const std::vector<std::string>& texts) const {
        for (const std::string& page : pages.at(language)) {
            std::string plain = without_bidi_controls(page);
            if (std::all_of(texts.begin(), texts.end(), [&](const std::string& text) {
                    return plain.find(text) != std::string::npos;
                }))
                return plain;
        }
        return {};
    }
};

const PreciseBooks& books() {
    static PreciseBooks instance;
    return instance;
}

/// The labels of change-chart axes on a page: lines of signed whole numbers around a "0".
std::vector<std::vector<int>> change_axes(const std::string& page) {
    std::vector<std::vector<int>> axes;
    static const std::regex line("^ *((?:(?:\u2013|\\+)[0-9]+ +)*0(?: +(?:\u2013|\\+)[0-9]+)*) *$");
    for (const std::string& text : split(page, '\n')) {
        std::smatch match;
        if (!std::regex_match(text, match, line) || match[1].str() == "0")
            continue;
        std::vector<int> ticks;
        for (const std::string& token : split(match[1].str(), ' ')) {
            if (token.empty())
                continue;
            bool negative = token.rfind("\u2013", 0) == 0;
            std::string digits = token.substr(token.find_first_of("0123456789"));
            ticks.push_back((negative ? -1 : 1) * std::stoi(digits));
        }
        axes.push_back(ticks);
    }
    return axes;
}

} // namespace

TEST_CASE("a book at two decimals prints them in English, German, Arabic and Greek") {
    const PreciseBooks& built = books();
    REQUIRE(built.status == 0);
    const std::string now = built.shown.at("AL 2019 overall"),
                      before = built.shown.at("AL 2014 overall"),
                      mean = built.shown.at("all 2019 overall"),
                      area = built.shown.at("AL 2019 lmm");
    INFO("Albania " << before << " → " << now << ", average " << mean);
    // Every shown score has two decimals.
    for (const auto& [what, number] : built.shown) {
        INFO(what);
        REQUIRE(number.size() > 3);
        CHECK(number[number.size() - 3] == '.');
    }
    // The change is the difference of the shown scores, to the hundredth.
    const std::string change = change_text(hundredths(now) - hundredths(before));
    for (const std::string& language : languages) {
        INFO(language);
        // pdftotext puts the sign of a right-to-left line's number after it ("١٫٦٤+").
        std::string signed_change = localized(change, language);
        if (language == "ar") {
            size_t digits = signed_change.find_first_not_of("+\xE2\x80\x93");
            signed_change = signed_change.substr(digits) + signed_change.substr(0, digits);
        }
        std::string profile = built.page_with(language, {localized(now, language), signed_change});
        CHECK(!profile.empty());
        // The average in the ranking of the profile, and the area score in its chart.
        CHECK(profile.find(localized(mean, language)) != std::string::npos);
        CHECK(profile.find(localized(area, language)) != std::string::npos);
    }
    // The German and Greek separator is a comma, the Arabic one U+066B between Arabic-Indic
    // digits: none of their profiles prints the English number.
    for (const std::string language : {"de", "el", "ar"}) {
        std::string profile = built.page_with(language, {localized(now, language)});
        CHECK(profile.find(now) == std::string::npos);
        if (language == "ar")
            CHECK(profile.find(localized(now, "de")) == std::string::npos);
    }
}

TEST_CASE("change charts label zero and round steps, in the narrow Greek chart too") {
    const PreciseBooks& built = books();
    REQUIRE(built.status == 0);
    // Albania's labour market mobility went from 0 to its 2019 score, far past the ±10 of
    // small changes; its axis is the one change_axis gives for that change.
    const long long largest = hundredths(built.shown.at("AL 2019 lmm"));
    REQUIRE(largest > 3500);
    const mipex::doc::ChangeAxis expected =
        mipex::doc::change_axis(static_cast<double>(largest) / 100);
    for (const std::string& language : {std::string("en"), std::string("el")}) {
        INFO(language);
        size_t charts = 0;
        std::vector<int> albania;
        for (const std::string& page : built.pages.at(language)) {
            for (const std::vector<int>& ticks : change_axes(page)) {
                ++charts;
                // Zero in the middle, the others evenly spaced either side of it (the labels
                // of every k-th tick from zero).
                std::vector<int> mirrored(ticks.rbegin(), ticks.rend());
                for (int& tick : mirrored)
                    tick = -tick;
                CHECK(ticks == mirrored);
                for (size_t i = 1; i < ticks.size(); ++i)
                    CHECK(ticks[i] - ticks[i - 1] == ticks[1] - ticks[0]);
            }
        }
        // Albania's profile starts on the page headed with its name; its change chart is on
        // that page or the next.
        const std::string name = language == "en" ? "Albania" : "Αλβανία";
        const auto& pages = built.pages.at(language);
        for (size_t p = 0; p < pages.size() && albania.empty(); ++p) {
            std::istringstream lines(pages[p]);
            std::string line;
            while (std::getline(lines, line) && line.find_first_not_of(' ') == std::string::npos) {
            }
            if (line.find_first_not_of(' ') == std::string::npos ||
                line.substr(line.find_first_not_of(' ')).rfind(name, 0) != 0)
                continue;
            for (size_t q = p; q < std::min(p + 2, pages.size()) && albania.empty(); ++q)
                if (!change_axes(pages[q]).empty())
                    albania = change_axes(pages[q]).front();
        }
        // One for each country in the previous edition too (six are new in 2019).
        CHECK(charts == 50);
        // Albania's labels fall on its axis's round steps, the outermost within a label's
        // spacing of the axis's end.
        REQUIRE(albania.size() >= 3);
        const int spacing = albania[1] - albania[0];
        INFO("labels up to " << albania.back() << " every " << spacing << " on an axis of ±"
                             << expected.range << " by " << expected.step);
        CHECK(spacing % expected.step == 0);
        CHECK(albania.back() <= expected.range);
        CHECK(albania.back() + spacing > expected.range);
        CHECK(expected.range > 10);
    }
}

namespace {

/// The tiny project at two decimals, built in English: a small book to read back whole.
struct TinyBook {
    TinyCopy project;
    int status = 0;
    fs::path pdf;

    TinyBook() {
        project.edit("content/book.yaml", "\naverage: all\n", "\naverage: all\nprecision: 2\n");
        status = run_command(std::string("SOURCE_DATE_EPOCH=1700000000 ") + MIPEX_BINARY +
                             " build --project " + project.path().string() + " --out " +
                             (project.path() / "out").string())
                     .status;
        pdf = project.path() / "out" / "mipex-en.pdf";
    }
};

} // namespace

TEST_CASE("a key figure reads label first, as one phrase, copied and in the tagged PDF") {
    // Sweden 2019 in the tiny book: 93.0555… shows as 93.06, 9.73 up on 2014's 83.33.
    TinyBook tiny;
    REQUIRE(tiny.status == 0);
    // Copied text: the value and its label are words apart, never "93.06Overall".
    std::string raw = tool_output("pdftotext -raw " + tiny.pdf.string() + " -");
    CHECK(raw.find("93.06Overall") == std::string::npos);
    CHECK(raw.find("Overall score 2019\n93.06\n") != std::string::npos);
    CHECK(raw.find("Change since 2014\n+9.73\n") != std::string::npos);
    std::string plain = tool_output("pdftotext " + tiny.pdf.string() + " -");
    CHECK(plain.find("93.06Overall") == std::string::npos);
    CHECK(plain.find("\n93.06\n") != std::string::npos);
    // Readers that walk the content meet the label, then the value, each whole.
    std::string tree = tool_output("pdfinfo -struct-text " + tiny.pdf.string());
    CHECK(std::regex_search(
        tree, std::regex("P \\(block\\)\n *Span \\(inline\\)\n *\"Overall score 2019\"\n *Span "
                         "\\(inline\\)\n *\"93\\.06\"\n")));
    CHECK(tree.find("\"93.06Overall score 2019\"") == std::string::npos);

    // The structure: each figure a paragraph read as "Overall score 2019: 93.06", holding the
    // label and the value as spans, in that order; in the default book's English and Arabic
    // editions too.
    auto figures = [](const fs::path& file, const std::string& value) {
        QPDF pdf;
        pdf.processFile(file.c_str());
        tagged_pdf::ReadStructure structure = tagged_pdf::read_structure(pdf);
        std::vector<std::string> readings;
        for (size_t e = 0; e < structure.elements.size(); ++e) {
            const auto& element = structure.elements[e];
            if (element.role != "P" || element.actual_text.empty())
                continue;
            readings.push_back(without_bidi_controls(element.actual_text));
            REQUIRE(e + 2 < structure.elements.size());
            CHECK(element.marked == 0);
            for (size_t span : {e + 1, e + 2}) {
                CHECK(structure.elements[span].role == "Span");
                CHECK(structure.elements[span].depth == element.depth + 1);
                CHECK(structure.elements[span].marked > 0);
            }
        }
        CHECK(std::count_if(readings.begin(), readings.end(), [&](const std::string& reading) {
                  return reading.size() > value.size() + 2 &&
                         reading.compare(reading.size() - value.size() - 2, std::string::npos,
                                         ": " + value) == 0;
              }) >= 1);
        return readings;
    };
    std::vector<std::string> tiny_readings = figures(tiny.pdf, "93.06");
    CHECK(std::count(tiny_readings.begin(), tiny_readings.end(), "Overall score 2019: 93.06") == 1);
    CHECK(std::count(tiny_readings.begin(), tiny_readings.end(), "Change since 2014: +9.73") == 1);
    // Sweden ranks first on both overall scores, with voting and without.
    CHECK(std::count(tiny_readings.begin(), tiny_readings.end(), "Rank: 1 of 4") == 2);
    // Four figures for each of the two overall scores in each of four profiles.
    CHECK(tiny_readings.size() == 4 * 2 * 4);

    const PreciseBooks& built = books();
    REQUIRE(built.status == 0);
    const std::string now = built.shown.at("AL 2019 overall");
    std::vector<std::string> english = figures(built.pdf.at("en"), now);
    CHECK(std::count(english.begin(), english.end(), "Overall score 2019: " + now) == 1);
    CHECK(english.size() == 4 * 2 * 56);
    CHECK(figures(built.pdf.at("ar"), localized(now, "ar")).size() == 4 * 2 * 56);
}
