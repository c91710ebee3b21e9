// The parts the shaper sets justified paragraphs with, each on its own: the paragraph setter
// (fonts, metrics, hyphenators and the log of missing glyphs, no shaper), the paragraph cache
// that keeps paragraphs between builds, and the log of characters no font has.
#include "layout/fonts.h"
#include "layout/hyphenate.h"
#include "layout/missing_glyphs.h"
#include "layout/paragraph.h"
#include "layout/paragraph_cache.h"
#include "layout/text.h"

#include "support/styles.h"

#include <catch2/catch.hpp>
#include <sstream>

using namespace mipex;
using namespace mipex::layout;
using mipex::testing::body_style;

namespace {

const std::vector<std::filesystem::path> hyphen_folders = {"/usr/share/hyphen"};

FontContext& fonts() {
    static FontContext context({std::filesystem::path(MIPEX_SOURCE_DIR) / "fonts"}, "en");
    return context;
}

doc::Span plain(std::string text) {
    return doc::Span{std::move(text), doc::Span::Plain, std::nullopt, {}};
}

const std::vector<doc::Span> paragraph = {
    plain("Integration policies decide whether newcomers can work, bring their families, learn, "
          "vote, settle for good and become citizens, and whether the law protects them from "
          "discrimination. The index compares these policies across countries and over time.")};

/// U+1F600 is in none of the bundled fonts.
const std::vector<doc::Span> with_emoji = {
    plain("An emoji \U0001F600 has no glyph in the bundled fonts, and the build says so in "
          "every edition that prints it, on the page where it falls.")};

/// Every glyph run of the lines: font, origin, glyphs and text.
std::string runs_of(const std::vector<Line>& lines) {
    std::ostringstream out;
    for (const Line& line : lines) {
        out << "line " << line.baseline << " " << line.natural_width << "\n";
        for (const display::Item& item : line.frame.items)
            if (auto* run = std::get_if<display::GlyphRun>(&item)) {
                out << " " << run->font << "@" << run->origin.x << "," << run->origin.y << " \""
                    << run->text << "\"";
                for (const display::Glyph& glyph : run->glyphs)
                    out << " " << glyph.id() << "@" << glyph.x();
                out << "\n";
            }
    }
    return out.str();
}

/// What a ParagraphSetter needs, without a TextShaper.
struct Parts {
    Hyphenator english{"en", hyphen_folders};
    FontMetrics metrics{fonts()};
    Hyphenators hyphenators{"en", &english};
    MissingGlyphLog missing;
};

} // namespace

TEST_CASE("a paragraph setter needs no shaper, and gives each paragraph's own figures") {
    Parts parts;
    REQUIRE(parts.english.available());
    ParagraphSetter setter(fonts(), parts.metrics, parts.hyphenators, parts.missing,
                           LineBreaking::Optimal);
    const doc::Style style = body_style();
    const Length width = from_pt(200);

    std::optional<ParagraphLines> set = setter.set(paragraph, style, width);
    REQUIRE(set);
    REQUIRE(set->lines.size() >= 4);
    CHECK(set->stats.paragraphs == 1);
    CHECK(set->stats.lines == set->lines.size() - 1); // the last line is not counted
    CHECK(parts.missing.empty());
    // The lines the shaper gives for the same text, which sets it with a setter of its own.
    TextShaper shaper(fonts(), &parts.english);
    CHECK(runs_of(set->lines) == runs_of(shaper.lines(paragraph, style, width)));

    // A second paragraph's figures are its own, not the sum of both.
    std::optional<ParagraphLines> again = setter.set(paragraph, style, width);
    REQUIRE(again);
    CHECK(again->stats.paragraphs == 1);
    CHECK(again->stats.lines == set->stats.lines);
    CHECK(again->stats.spaces == set->stats.spaces);
    CHECK(again->stats.space_sum == set->stats.space_sum);

    // A character no font has goes to the log, where layout is.
    parts.missing.set_location(3, 14);
    REQUIRE(setter.set(with_emoji, style, width));
    REQUIRE(parts.missing.size() == 1);
    const MissingGlyph& missing = *parts.missing.begin();
    CHECK(missing.character == 0x1F600);
    CHECK(missing.section == 3);
    CHECK(missing.block == 14);
    CHECK(missing.text.find("An emoji") == 0);

    // Right-to-left text is left to pango.
    CHECK_FALSE(setter.set({plain("مؤشر سياسات إدماج المهاجرين")}, style, width));
    CHECK(setter.set({}, style, width)->lines.empty());
}

TEST_CASE("the missing-glyph log reports a character again where layout is now") {
    MissingGlyphLog log;
    log.set_location(1, 2, "iv");
    doc::Span span = plain("x \U0001F600");
    span.key = "text.emoji";
    log.report(span.text, &span, 2);
    REQUIRE(log.size() == 1);
    CHECK(log.entries()[0].key == "text.emoji");
    CHECK(log.entries()[0].character == 0x1F600);
    CHECK(log.entries()[0].page == "iv");

    const std::vector<MissingGlyph> earlier = log.since(0);
    log.clear();
    log.set_location(5, 6);
    log.report_again(earlier);
    REQUIRE(log.size() == 1);
    const MissingGlyph& again = log.entries()[0];
    CHECK(again.text == span.text);
    CHECK(again.key == "text.emoji");
    CHECK(again.character == 0x1F600);
    CHECK(again.section == 5);
    CHECK(again.block == 6);
    CHECK(again.page.empty());
    CHECK(log.since(1).empty());
}

TEST_CASE("a paragraph kept from the build before is given again and reported again") {
    Parts parts;
    ParagraphCache cache(fonts(), parts.metrics, parts.hyphenators, parts.missing,
                         LineBreaking::Optimal);
    cache.keep_between_builds(true);
    const doc::Style style = body_style();
    const Length width = from_pt(150);

    // Build 1 sets both paragraphs.
    cache.start_build();
    parts.missing.set_location(0, 1);
    const std::optional<std::vector<Line>> first = cache.lines(with_emoji, style, width, "");
    REQUIRE(first);
    REQUIRE(cache.lines(paragraph, style, width, ""));
    CHECK(cache.size() == 2);
    CHECK(cache.stats().paragraphs == 2);
    REQUIRE(parts.missing.size() == 1);

    // Build 2 uses one of them: the same lines, its figures and missing glyph counted again,
    // the glyph at the block it is in now.
    cache.start_build();
    parts.missing.clear();
    CHECK(cache.stats().paragraphs == 0);
    parts.missing.set_location(2, 9);
    const std::optional<std::vector<Line>> kept = cache.lines(with_emoji, style, width, "");
    REQUIRE(kept);
    CHECK(runs_of(*kept) == runs_of(*first));
    CHECK(cache.stats().paragraphs == 1);
    CHECK(cache.stats().lines == first->size() - 1);
    REQUIRE(parts.missing.size() == 1);
    CHECK(parts.missing.entries()[0].character == 0x1F600);
    CHECK(parts.missing.entries()[0].section == 2);
    CHECK(parts.missing.entries()[0].block == 9);
    CHECK(cache.size() == 2);

    // Build 3 drops the paragraph no build used since build 1.
    cache.start_build();
    CHECK(cache.size() == 1);

    // Not asked to keep, nothing is kept.
    ParagraphCache single(fonts(), parts.metrics, parts.hyphenators, parts.missing,
                          LineBreaking::Optimal);
    single.start_build();
    REQUIRE(single.lines(paragraph, style, width, ""));
    CHECK(single.size() == 0);
    CHECK(single.stats().paragraphs == 1);
}
