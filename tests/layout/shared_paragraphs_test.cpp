// The paragraphs editions of one build share: taken from the store, a paragraph is the one
// the edition would have set itself, glyph for glyph and font for font, and its font table
// grows in the same order.
#include "layout/fonts.h"
#include "layout/hyphenate.h"
#include "layout/paragraph_cache.h"
#include "layout/shared_paragraphs.h"
#include "layout/text.h"

#include "support/styles.h"

#include <catch2/catch.hpp>
#include <sstream>

using namespace mipex;
using namespace mipex::layout;
using mipex::testing::body_style;

namespace {

const std::vector<std::filesystem::path> hyphen_folders = {"/usr/share/hyphen"};

std::vector<std::filesystem::path> font_folders() {
    return {std::filesystem::path(MIPEX_SOURCE_DIR) / "fonts"};
}

/// One edition's shaper, as the pipeline makes it: its language's patterns, and the others'
/// for untranslated texts.
struct Edition {
    FontContext fonts;
    Hyphenator hyphenator;
    TextShaper shaper;
    explicit Edition(const std::string& language)
        : fonts(font_folders(), language), hyphenator(language, hyphen_folders),
          shaper(fonts, hyphenator.available() ? &hyphenator : nullptr) {
        shaper.hyphenators().find_others_in(hyphen_folders);
    }
};

/// Everything a renderer reads of the lines: each glyph run's font (as the table has it, and
/// its number), glyphs, positions, text and clusters; every other item as the dump has it.
std::string describe(const std::vector<Line>& lines, const display::FontTable& fonts) {
    std::ostringstream out;
    for (const Line& line : lines) {
        out << "line " << line.baseline << " " << line.natural_width << " " << line.frame.width
            << "x" << line.frame.height << "\n";
        for (const display::Item& item : line.frame.items) {
            if (auto* run = std::get_if<display::GlyphRun>(&item)) {
                const display::Font& font = fonts.at(run->font);
                out << "  run font " << run->font << " " << font.path << " " << font.size << " "
                    << font.family << " " << font.style << " at " << run->origin.x << ","
                    << run->origin.y << " \"" << run->text << "\" backward " << run->backward
                    << "\n   ";
                for (const display::Glyph& glyph : run->glyphs)
                    out << " " << glyph.id() << "@" << glyph.x() << "," << glyph.y();
                out << "\n   ";
                for (const display::Cluster& cluster : run->clusters)
                    out << " " << cluster.bytes << ":" << cluster.glyphs;
                out << "\n";
            } else {
                out << display::dump({item}, fonts, 1);
            }
        }
    }
    return out.str();
}

std::string font_table(const display::FontTable& fonts) {
    std::string out;
    for (display::FontId id = 0; id < fonts.size(); ++id)
        out += fonts.at(id).path + " " + std::to_string(fonts.at(id).size) + " " +
               fonts.at(id).style + "\n";
    return out;
}

doc::Span plain(std::string text) {
    return doc::Span{std::move(text), doc::Span::Plain, std::nullopt, {}};
}

/// A paragraph in several fonts (roman, italic, bold), with a link and an anchor.
std::vector<doc::Span> mixed_paragraph() {
    doc::Span emphasis = plain("targeted measures whose average effect on newcomers ");
    emphasis.flags = doc::Span::Emphasis;
    doc::Span strong = plain("differs from country to country, ");
    strong.flags = doc::Span::Strong;
    doc::Span link = plain("as the profiles show");
    link.link = "part-countries";
    link.anchor = "note-1";
    return {plain("Foreign residents reading the findings encounter developed, "), emphasis, strong,
            link, plain(" in their dimension tables and charts.")};
}

} // namespace

TEST_CASE("a paragraph taken from the shared paragraphs is the one the edition sets itself") {
    const doc::Style style = body_style();
    const std::vector<doc::Span> spans = mixed_paragraph();
    const Length width = from_pt(150);

    // A German paragraph in bold first, so that the German font numbers are not the English.
    doc::Span german_text = plain("Ein deutscher Absatz vorab, ganz in Fettschrift gesetzt.");
    german_text.flags = doc::Span::Strong;

    // German alone: the English text set by the German edition itself.
    Edition alone("de");
    alone.shaper.lines({german_text}, style, width);
    const std::vector<Line> own = alone.shaper.lines(spans, style, width, std::nullopt, "en");

    // The English edition sets it first and publishes it; the German one takes it.
    SharedParagraphs shared;
    Edition english("en");
    english.shaper.share_paragraphs(&shared);
    const std::vector<Line> in_english = english.shaper.lines(spans, style, width);
    CHECK(shared.size() == 1);
    CHECK(english.shaper.paragraphs().taken_from_shared() == 0);

    Edition german("de");
    german.shaper.share_paragraphs(&shared);
    german.shaper.lines({german_text}, style, width);
    CHECK(shared.size() == 2); // German, not found among the shared, is published too
    const std::vector<Line> taken = german.shaper.lines(spans, style, width, std::nullopt, "en");
    CHECK(german.shaper.paragraphs().taken_from_shared() == 1);
    CHECK(shared.size() == 2);

    REQUIRE(own.size() > 2);
    CHECK(describe(taken, *german.fonts.fonts()) == describe(own, *alone.fonts.fonts()));
    CHECK(font_table(*german.fonts.fonts()) == font_table(*alone.fonts.fonts()));
    CHECK(german.fonts.fonts()->size() >= 3); // roman, italic, bold
    CHECK(english.fonts.fonts()->at(0).style == "Regular");
    CHECK(german.fonts.fonts()->at(0).style == "Bold");
    // The statistics count it as set here, and the English patterns are named as used.
    CHECK(german.shaper.paragraphs().stats().paragraphs ==
          alone.shaper.paragraphs().stats().paragraphs);
    CHECK(german.shaper.paragraphs().stats().hyphenated ==
          alone.shaper.paragraphs().stats().hyphenated);
    CHECK(german.shaper.hyphenators().others() == alone.shaper.hyphenators().others());

    // Not taken: the same text in the edition's own language (German rules), another width,
    // another style.
    german.shaper.lines(spans, style, width);
    german.shaper.lines(spans, style, width + from_pt(1), std::nullopt, "en");
    doc::Style larger = style;
    larger.size = from_pt(11);
    german.shaper.lines(spans, larger, width, std::nullopt, "en");
    CHECK(german.shaper.paragraphs().taken_from_shared() == 1);
    CHECK(shared.size() == 5);
}

TEST_CASE("a paragraph with a character no font has is not shared: each edition reports it") {
    const doc::Style style = body_style();
    // U+1F600 is in none of the bundled fonts.
    const std::vector<doc::Span> spans = {
        plain("An emoji \U0001F600 has no glyph in the bundled fonts, and the build says so "
              "in every edition that prints it, on the page where it falls.")};
    SharedParagraphs shared;
    Edition english("en");
    english.shaper.share_paragraphs(&shared);
    english.shaper.lines(spans, style, from_pt(150));
    REQUIRE(english.shaper.missing_glyphs().size() == 1);
    CHECK(shared.size() == 0);
    Edition german("de");
    german.shaper.share_paragraphs(&shared);
    german.shaper.lines(spans, style, from_pt(150), std::nullopt, "en");
    CHECK(german.shaper.missing_glyphs().size() == 1);
    CHECK(german.shaper.paragraphs().taken_from_shared() == 0);
}

TEST_CASE("a shared font that resolves to another file is not taken, and adds no font") {
    Edition english("en");
    const doc::Style style = body_style();
    english.shaper.lines({plain("Some text in the body face, long enough to be set.")}, style,
                         from_pt(150));
    REQUIRE(english.fonts.fonts()->size() == 1);
    SharedFont font = english.fonts.shared(0);
    CHECK(english.fonts.known(font) == display::FontId{0});

    Edition german("de");
    SharedParagraphs::Paragraph paragraph;
    paragraph.lines.emplace_back();
    display::GlyphRun run;
    run.text = "x";
    run.glyphs.emplace_back(1, 0, 0);
    paragraph.lines.back().frame.add(run);
    paragraph.fonts = {font};
    SharedFont elsewhere = font;
    elsewhere.path += ".moved";
    paragraph.fonts.push_back(elsewhere);
    CHECK_FALSE(SharedParagraphs::take(paragraph, german.fonts));
    CHECK(german.fonts.fonts()->size() == 0); // not even the first, which it has

    paragraph.fonts.pop_back();
    auto lines = SharedParagraphs::take(paragraph, german.fonts);
    REQUIRE(lines);
    REQUIRE(german.fonts.fonts()->size() == 1);
    CHECK(german.fonts.fonts()->at(0).path == font.path);
}
