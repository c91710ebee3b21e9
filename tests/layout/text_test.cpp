// Shaping with the bundled fonts: lines keep to their measure, glyph runs carry their text,
// and only the engine's fonts are visible.
#include "layout/fonts.h"
#include "layout/hyphenate.h"
#include "layout/layout.h"
#include "layout/paragraph_cache.h"
#include "layout/text.h"

#include "support/styles.h"

#include <catch2/catch.hpp>
#include <set>

using namespace mipex;
using namespace mipex::layout;
using mipex::testing::body_style;

namespace {

FontContext& fonts() {
    static FontContext context({std::filesystem::path(MIPEX_SOURCE_DIR) / "fonts"}, "en");
    return context;
}

std::string text_of(const std::vector<display::Item>& items) {
    std::string text;
    for (const display::Item& item : items) {
        if (auto* run = std::get_if<display::GlyphRun>(&item))
            text += run->text;
        else if (auto* group = std::get_if<display::Group>(&item))
            text += text_of(group->items());
    }
    return text;
}

const std::string paragraph =
    "Integration policies decide whether newcomers can work, bring their families, learn, vote, "
    "settle for good and become citizens, and whether the law protects them from discrimination. "
    "The index compares these policies across countries and over time.";

} // namespace

TEST_CASE("only the bundled fonts are visible") {
    std::vector<std::string> families = fonts().families();
    CHECK(std::find(families.begin(), families.end(), "Noto Serif") != families.end());
    CHECK(std::find(families.begin(), families.end(), "Noto Sans") != families.end());
    // pango always lists its generic aliases; they can only resolve to the fonts loaded.
    const std::set<std::string> generic = {"Sans", "Serif", "Monospace", "System-ui"};
    for (const std::string& family : families) {
        INFO(family);
        CHECK((family.rfind("Noto", 0) == 0 || generic.count(family)));
    }
}

TEST_CASE("a paragraph breaks into lines on the style's leading, none wider than the measure") {
    TextShaper shaper(fonts());
    doc::Style style = body_style();
    const Length width = from_pt(200);
    std::vector<Line> lines =
        shaper.lines({{paragraph, doc::Span::Plain, std::nullopt, {}}}, style, width);
    REQUIRE(lines.size() >= 4);
    std::string all;
    for (size_t i = 0; i < lines.size(); ++i) {
        const Line& line = lines[i];
        CHECK(line.frame.height == style.leading);
        CHECK(line.frame.width == width);
        CHECK(line.natural_width <= width);
        // Justified lines fill the measure; the last is set at its natural width.
        if (i + 1 < lines.size())
            CHECK(line.natural_width == width);
        std::string text = text_of(line.frame.items);
        // A line broken at a space leaves the space out; one broken inside a word ends in
        // the soft hyphen it broke at.
        bool hyphenated = text.size() >= 2 && text.substr(text.size() - 2) == "\u00AD";
        all += text + (hyphenated || i + 1 == lines.size() ? "" : " ");
    }
    // Every character of the source is in some run, in order (soft hyphens aside).
    size_t at;
    while ((at = all.find("\u00AD")) != std::string::npos)
        all.erase(at, 2);
    CHECK(all == paragraph);
}

TEST_CASE("ten point text is ten points: pango's 96 dpi default is overridden") {
    TextShaper shaper(fonts());
    doc::Style style = body_style();
    Length ascent = shaper.ascent(style), descent = shaper.descent(style);
    // Noto Serif's ascent + descent is about 1.36 em.
    CHECK(to_pt(ascent + descent) == Approx(13.6).margin(0.5));
}

TEST_CASE("glyph runs map their text to glyphs cluster by cluster") {
    TextShaper shaper(fonts());
    doc::Style style = body_style();
    Line line = shaper.label("office affine", style);
    bool found = false;
    for (const display::Item& item : line.frame.items) {
        auto* group = std::get_if<display::Group>(&item);
        const std::vector<display::Item>& items = group ? group->items() : line.frame.items;
        for (const display::Item& inner : items)
            if (auto* run = std::get_if<display::GlyphRun>(&inner)) {
                found = true;
                size_t bytes = 0, glyphs = 0;
                for (const display::Cluster& cluster : display::cluster_map(*run)) {
                    bytes += cluster.bytes;
                    glyphs += cluster.glyphs;
                }
                CHECK(bytes == run->text.size());
                CHECK(glyphs == run->glyphs.size());
            }
    }
    CHECK(found);
}

TEST_CASE("links in spans become link areas over their text") {
    TextShaper shaper(fonts());
    doc::Style style = body_style();
    style.align = doc::Align::Start;
    std::vector<Line> lines =
        shaper.lines({{"See ", doc::Span::Plain, std::nullopt, {}},
                      {"Sweden", doc::Span::Plain, std::nullopt, "country-SE"}},
                     style, from_pt(300));
    REQUIRE(lines.size() == 1);
    int links = 0;
    for (const display::Item& item : lines[0].frame.items)
        if (auto* link = std::get_if<display::Link>(&item)) {
            ++links;
            CHECK(link->destination == "country-SE");
            CHECK(link->area.x > shaper.measure("See", style));
            CHECK(link->area.width == Approx(shaper.measure("Sweden", style)).margin(from_pt(0.5)));
        }
    CHECK(links == 1);
}

TEST_CASE("front matter is numbered in roman numerals") {
    CHECK(roman(1) == "i");
    CHECK(roman(4) == "iv");
    CHECK(roman(9) == "ix");
    CHECK(roman(14) == "xiv");
    CHECK(roman(49) == "xlix");
}

TEST_CASE("a word whose ligature spans a hyphenation point is not broken inside the ligature") {
    // "sufficient" is suf-fi-cient to the patterns, and Noto Serif sets its "ffi" as one
    // glyph: a break there would measure the lines wrongly (one too wide, the next
    // overlapping its words).
    Hyphenator english("en", {"/usr/share/hyphen"});
    REQUIRE(english.available());
    TextShaper shaper(fonts(), &english);
    doc::Style style = body_style();
    const std::string text =
        "Officials affirm that sufficient, efficient and affluent offices suffice: "
        "the difficult, inefficient official affidavits differ from effective "
        "effluent offerings of sufficiently affluent officers.";
    for (Length width = from_pt(80); width <= from_pt(240); width += from_pt(3)) {
        for (const Line& line :
             shaper.lines({{text, doc::Span::Plain, std::nullopt, {}}}, style, width)) {
            INFO("width " << to_pt(width) << ": " << text_of(line.frame.items));
            CHECK(line.natural_width <= width);
            // No line ends inside "ffi", "ffl", "ff", "fi" or "fl".
            std::string shown = text_of(line.frame.items);
            if (shown.size() >= 3 && shown.substr(shown.size() - 2) == "\u00AD")
                CHECK(shown[shown.size() - 3] != 'f');
        }
    }
    // Every inter-word space is within its glue's shrink: none narrower than the natural
    // space less a ninth of an em.
    CHECK(shaper.paragraphs().stats().spaces > 100);
    CHECK(shaper.paragraphs().stats().space_min > 0.14);
}

TEST_CASE("a range of numbers is not broken after its dash, in short text and in paragraphs") {
    TextShaper shaper(fonts());
    doc::Style title = body_style();
    title.align = doc::Align::Start;
    doc::Span span;
    span.text = "Sweden: change in points, 2014\u20132019";
    // Every measure from the one that holds "…, 2014–" but not the whole range, to the whole.
    const Length whole = shaper.measure(span.text, title);
    const Length to_dash = shaper.measure("Sweden: change in points, 2014\u2013", title);
    REQUIRE(to_dash < whole);
    for (Length width = to_dash; width < whole; width += from_pt(2)) {
        std::vector<Line> lines = shaper.lines({span}, title, width);
        REQUIRE(lines.size() >= 2);
        for (const Line& line : lines) {
            std::string text = text_of(line.frame.items);
            const bool broken = text.find("2014\u2013") != std::string::npos &&
                                text.find("2014\u20132019") == std::string::npos;
            CHECK_FALSE(broken);
        }
    }
    // The paragraph setter (justified text) keeps the range whole too, wherever it falls.
    doc::Span body;
    body.text = "The index compares policies across countries and over time: its editions of "
                "2007\u20132010, 2010\u20132014 and 2014\u20132019 are each a range of years.";
    for (Length width = from_pt(120); width <= from_pt(220); width += from_pt(7)) {
        for (const Line& line : shaper.lines({body}, body_style(), width)) {
            std::string text = text_of(line.frame.items);
            while (!text.empty() && (text.back() == ' ' || text.back() == '\n'))
                text.pop_back();
            // A line ending "2014–" (four figures and the dash) broke the range.
            const bool ends_with_dash =
                text.size() >= 7 && text.substr(text.size() - 3) == "\u2013";
            const bool after_figures =
                ends_with_dash && text.substr(text.size() - 7, 4).find_first_not_of("0123456789") ==
                                      std::string::npos;
            CHECK_FALSE(after_figures);
        }
    }
}

TEST_CASE("an untranslated paragraph is hyphenated and broken as in its own language's edition") {
    // English printed in a German edition (its catalog has no translation) is English: the
    // German patterns would hyphenate it "fo-reign", "rea-ding"; without patterns for Greek
    // text it would not be hyphenated at all.
    const std::vector<std::filesystem::path> folders = {"/usr/share/hyphen"};
    Hyphenator english("en", folders);
    Hyphenator german("de", folders);
    REQUIRE(english.available());
    REQUIRE(german.available());
    REQUIRE(english.hyphenate("foreign") != german.hyphenate("foreign"));
    FontContext german_fonts({std::filesystem::path(MIPEX_SOURCE_DIR) / "fonts"}, "de");
    TextShaper in_english(fonts(), &english);
    TextShaper in_german(german_fonts, &german);
    in_german.hyphenators().find_others_in(folders);

    const doc::Style style = body_style();
    const std::vector<doc::Span> spans = {
        {"Foreign residents reading the findings encounter developed, targeted measures whose "
         "average effect on newcomers seeking residence differs from country to country.",
         doc::Span::Plain,
         std::nullopt,
         {}}};
    auto texts = [](const std::vector<Line>& lines) {
        std::vector<std::string> shown;
        for (const Line& line : lines)
            shown.push_back(text_of(line.frame.items));
        return shown;
    };
    size_t differs_from_german = 0;
    for (Length width = from_pt(90); width <= from_pt(200); width += from_pt(10)) {
        INFO("width " << to_pt(width));
        const auto own = texts(in_english.lines(spans, style, width));
        CHECK(texts(in_german.lines(spans, style, width, std::nullopt, "en")) == own);
        if (texts(in_german.lines(spans, style, width)) != own)
            ++differs_from_german;
    }
    // The measures are narrow enough for the two languages' hyphens to matter.
    CHECK(differs_from_german > 3);
}
