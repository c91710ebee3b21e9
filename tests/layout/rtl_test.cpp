// Right-to-left layout (an Arabic edition): text aligned to the right, each text in its own
// direction, glyph clusters that keep the text for extraction, tables with their columns in
// mirrored order, running heads, folios and inner margins on the mirrored sides, and a missing
// glyph reported with its string key and page.
#include "doc/document.h"
#include "layout/blocks.h"
#include "layout/fonts.h"
#include "layout/layout.h"
#include "layout/text.h"

#include <catch2/catch.hpp>

using namespace mipex;
using namespace mipex::layout;

namespace {

doc::Style style(std::string family, doc::Align align) {
    doc::Style result;
    result.name = "body";
    result.family = std::move(family);
    result.size = from_pt(10);
    result.leading = from_pt(14);
    result.align = align;
    return result;
}

FontContext& arabic_fonts() {
    static std::unique_ptr<FontContext> context = [] {
        auto fonts = std::make_unique<FontContext>(
            std::vector<std::filesystem::path>{std::filesystem::path(MIPEX_SOURCE_DIR) / "fonts"},
            "ar");
        fonts->set_right_to_left(true);
        return fonts;
    }();
    return *context;
}

/// Every glyph run of a frame's items, with its position in the frame.
void runs(const std::vector<display::Item>& items, display::Point offset,
          std::vector<std::pair<display::Point, const display::GlyphRun*>>& out) {
    for (const display::Item& item : items) {
        if (auto* run = std::get_if<display::GlyphRun>(&item))
            out.push_back({{offset.x + run->origin.x, offset.y + run->origin.y}, run});
        else if (auto* group = std::get_if<display::Group>(&item))
            runs(group->items(), {offset.x + group->offset.x, offset.y + group->offset.y}, out);
    }
}

/// The x where the run showing `text` starts.
std::optional<Length> x_of(const std::vector<display::Item>& items, const std::string& text) {
    std::vector<std::pair<display::Point, const display::GlyphRun*>> found;
    runs(items, {0, 0}, found);
    for (const auto& [at, run] : found)
        if (run->text.find(text) != std::string::npos)
            return at.x;
    return std::nullopt;
}

} // namespace

TEST_CASE("Arabic runs go right to left, their clusters covering the text and the glyphs") {
    TextShaper shaper(arabic_fonts());
    doc::Style naskh = style("Noto Naskh Arabic, Noto Serif", doc::Align::Start);
    for (std::string text : {"لمّ شمل الأسرة", "مؤشر سياسات إدماج المهاجرين", "الدرجة ٥٦ من ١٠٠"}) {
        INFO(text);
        Line line = shaper.label(text, naskh);
        size_t bytes = 0;
        for (const display::Item& item : line.frame.items) {
            auto* run = std::get_if<display::GlyphRun>(&item);
            if (!run)
                continue;
            size_t run_bytes = 0, glyphs = 0;
            for (const display::Cluster& cluster : display::cluster_map(*run)) {
                run_bytes += cluster.bytes;
                glyphs += cluster.glyphs;
            }
            // What cairo_show_text_glyphs needs to keep the text (else it draws glyphs only).
            CHECK(run_bytes == run->text.size());
            CHECK(glyphs == run->glyphs.size());
            bytes += run_bytes;
            // Letters (U+0621–U+065F) run right to left; Arabic-Indic digits left to right.
            auto first = static_cast<unsigned char>(run->text[0]);
            auto second = static_cast<unsigned char>(run->text[1]);
            bool arabic = first == 0xD8 || (first == 0xD9 && second < 0xA0);
            if (arabic) {
                CHECK(run->backward);
                // Visual order: the glyph of the first letter is the rightmost.
                CHECK(run->glyphs.front().x() < run->glyphs.back().x());
            }
        }
        CHECK(bytes == text.size());
        CHECK(shaper.missing_glyphs().empty());
    }
}

TEST_CASE("right to left, text starts at the right, and an English text reads left to right") {
    TextShaper shaper(arabic_fonts());
    const Length width = from_pt(300);
    doc::Style start = style("Noto Naskh Arabic, Noto Serif", doc::Align::Start);
    std::vector<Line> arabic =
        shaper.lines({doc::Span{"المحتويات", doc::Span::Plain, {}, {}}}, start, width);
    REQUIRE(arabic.size() == 1);
    Length arabic_x = *x_of(arabic[0].frame.items, "المحتويات");
    CHECK(arabic_x + arabic[0].natural_width == Approx(width).margin(from_pt(0.5)));
    // A heading or cell in English keeps to the edition's side, and its full stop to its end.
    std::vector<Line> english =
        shaper.lines({doc::Span{"Access to education.", doc::Span::Plain, {}, {}}}, start, width);
    REQUIRE(english.size() == 1);
    std::vector<std::pair<display::Point, const display::GlyphRun*>> found;
    runs(english[0].frame.items, {0, 0}, found);
    REQUIRE(!found.empty());
    std::string shown;
    for (const auto& [at, run] : found) {
        shown += run->text;
        CHECK_FALSE(run->backward);
    }
    // In logical order, left to right (the full stop comes from the Arabic face: it is first).
    CHECK(shown == "Access to education.");
    CHECK(found[0].first.x > width / 2);
    // End is the left.
    std::vector<Line> number =
        shaper.lines({doc::Span{"٥٦", doc::Span::Plain, {}, {}}}, start, width, doc::Align::End);
    CHECK(*x_of(number[0].frame.items, "٥٦") < from_pt(1));
    // An English paragraph, justified, is set left to right by the engine's line breaker.
    doc::Style body = style("Noto Naskh Arabic, Noto Serif", doc::Align::Justify);
    std::vector<Line> prose = shaper.lines(
        {doc::Span{"Integration policies decide whether newcomers can work, bring their families, "
                   "learn, vote and settle for good.",
                   doc::Span::Plain,
                   {},
                   {}}},
        body, from_pt(150));
    REQUIRE(prose.size() >= 2);
    CHECK(*x_of(prose[0].frame.items, "Integration") == 0);
    CHECK(*x_of(prose.back().frame.items, "good.") < from_pt(40)); // last line at the left
}

TEST_CASE("right to left, a table's first column is at the right") {
    TextShaper shaper(arabic_fonts());
    doc::Style cell = style("Noto Sans Arabic, Noto Sans", doc::Align::Start);
    doc::Table table;
    table.columns = {{3, doc::Align::Start}, {1, doc::Align::End}};
    table.body.push_back(
        doc::Table::Row{{doc::Table::Cell{{doc::Span{"النمسا", doc::Span::Plain, {}, {}}}, &cell},
                         doc::Table::Cell{{doc::Span{"٥٦", doc::Span::Plain, {}, {}}}, &cell}}});
    const Length width = from_pt(400);
    FlowBuilder builder(shaper, width);
    builder.table(table);
    std::vector<FlowItem> items = builder.take();
    REQUIRE(items.size() == 1);
    Length country = *x_of(items[0].frame->items, "النمسا");
    Length score = *x_of(items[0].frame->items, "٥٦");
    CHECK(country > width * 2 / 3); // first column, at the right, aligned to its start
    CHECK(score < width / 4);       // last column, at the left, aligned to its end (left)
}

TEST_CASE("right to left, rectos are left-hand pages: inner margin right, folio left") {
    doc::Style body = style("Noto Naskh Arabic, Noto Serif", doc::Align::Start);
    doc::Style folio = style("Noto Sans Arabic, Noto Sans", doc::Align::Start);
    doc::Document document;
    document.metadata = {"RTL", "Tests", "", "", "ar", "mipex"};
    document.right_to_left = true;
    document.page.width = from_mm(105);
    document.page.height = from_mm(148);
    document.page.margin_top = from_mm(12);
    document.page.margin_bottom = from_mm(14);
    document.page.margin_inner = from_mm(12);
    document.page.margin_outer = from_mm(20);
    document.page.header_gap = from_mm(5);
    document.page.footer_gap = from_mm(7);
    document.folio_style = &folio;
    document.running_head_style = &folio;
    document.digits = {"٠", "١", "٢", "٣", "٤", "٥", "٦", "٧", "٨", "٩"};
    doc::Section section;
    section.id = "one";
    section.part_title = section.chapter_title = "الفصل";
    for (int i = 0; i < 3; ++i) {
        section.blocks.push_back(doc::Spacer{from_mm(100)});
        section.blocks.push_back(
            doc::Paragraph{&body, {doc::Span{"نص", doc::Span::Plain, {}, {}}}, {}});
    }
    document.sections.push_back(section);
    FontContext fonts({std::filesystem::path(MIPEX_SOURCE_DIR) / "fonts"}, "ar");
    fonts.set_right_to_left(true);
    Diagnostics diagnostics;
    display::Book pages = layout_document(document, fonts, diagnostics);
    REQUIRE(pages.pages.size() >= 2);
    CHECK(pages.metadata.right_to_left);
    const Length middle = document.page.width / 2;
    // Page 1 (recto, a left-hand page): folio at the left; page 2 at the right.
    CHECK(pages.pages[0].label == "١");
    CHECK(*x_of(pages.pages[0].items, "١") < middle);
    CHECK(*x_of(pages.pages[1].items, "٢") > middle);
    // The text ends at the inner margin (the binding) on the recto and at the outer one on
    // the verso.
    Length recto_end = *x_of(pages.pages[0].items, "نص");
    Length verso_end = *x_of(pages.pages[1].items, "نص");
    // Inner margins are the narrower: the recto's text reaches further right.
    CHECK(recto_end - verso_end == Approx(from_mm(8)).margin(from_pt(1)));
}

TEST_CASE("a glyph the bundled fonts lack is a warning with the string key and the page") {
    doc::Style body = style("Noto Serif", doc::Align::Start);
    doc::Document document;
    document.metadata = {"Glyphs", "Tests", "", "", "de", "mipex"};
    document.page.width = from_mm(105);
    document.page.height = from_mm(148);
    document.page.margin_top = document.page.margin_bottom = from_mm(12);
    document.page.margin_inner = document.page.margin_outer = from_mm(12);
    document.text_positions["ui.contents"] = SourcePos{7, 3, 9};
    doc::Section first, second;
    first.id = "first";
    first.blocks.push_back(
        doc::Paragraph{&body, {doc::Span{"Erste Seite", doc::Span::Plain, {}, {}}}, {}});
    second.id = "second";
    doc::Span span{"Inhalt 中", doc::Span::Plain, {}, {}};
    span.key = "ui.contents";
    second.blocks.push_back(doc::Paragraph{&body, {span}, {}});
    document.sections = {first, second};
    FontContext fonts({std::filesystem::path(MIPEX_SOURCE_DIR) / "fonts"}, "de");
    Diagnostics diagnostics;
    layout_document(document, fonts, diagnostics);
    REQUIRE(diagnostics.warning_count() == 1);
    const Diagnostic& warning = diagnostics.all().front();
    CHECK(warning.message ==
          "the bundled fonts have no glyph for U+4E2D '中' in ui.contents, on page 2");
    CHECK(warning.pos == SourcePos{7, 3, 9});
}
