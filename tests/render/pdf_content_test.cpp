// A page's content stream (render/pdf_content.h) as marked content (PDF 32000-1:2008 §14.6,
// §14.8.2.2): every drawing of a tagged page lies in a sequence of its structure element (with
// an MCID) or in an /Artifact one; sequences, text objects and saved graphics states nest; and
// the MCIDs count up from 0 in the order the page lists its elements' content.
#include "display/display_list.h"
#include "render/pdf_content.h"
#include "render/pdf_fonts.h"
#include "support/pdf_read.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <hb.h>

using namespace mipex;
using display::Role;
using display::Tag;
using render::pdf::ContentResources;
using render::pdf::ContentWriter;
using render::pdf::FontFace;
namespace fs = std::filesystem;
namespace pdf_read = mipex::testing::pdf;

namespace {

const std::string noto_sans = fs::path(MIPEX_SOURCE_DIR) / "fonts" / "NotoSans-Regular.ttf";

/// One face of Noto Sans with its font at 10 pt, and the structure elements the items below
/// belong to, as the PDF writer hands them to a ContentWriter.
struct Resources {
    display::FontTable fonts;
    FontFace face{noto_sans, 0};
    hb_blob_t* blob = hb_blob_create_from_file(noto_sans.c_str());
    hb_face_t* hb_face = hb_face_create(blob, 0);
    hb_font_t* hb_font = hb_font_create(hb_face);
    std::vector<display::Element> structure;
    ContentResources content;

    Resources() {
        display::Font font;
        font.family = "Noto Sans";
        font.style = "Regular";
        font.size = from_pt(10);
        font.path = noto_sans;
        fonts.add(font);
        content.fonts = &fonts;
        content.face_of_font = {0};
        content.faces = {&face};
        content.structure = &structure;
    }
    ~Resources() {
        hb_font_destroy(hb_font);
        hb_face_destroy(hb_face);
        hb_blob_destroy(blob);
    }

    display::ElementId element(Role role, display::ElementId parent = 0) {
        structure.push_back({role, parent, {}, {}, {}, {}});
        return static_cast<display::ElementId>(structure.size() - 1);
    }

    /// A run of ASCII text, a glyph a character, each glyph noted as the face's text for it.
    display::GlyphRun run(const std::string& text, Tag tag = {}) {
        display::GlyphRun run;
        run.text = text;
        run.origin = {from_pt(72), from_pt(72)};
        run.tag = tag;
        for (size_t i = 0; i < text.size(); ++i) {
            hb_codepoint_t glyph = 0;
            REQUIRE(
                hb_font_get_nominal_glyph(hb_font, static_cast<unsigned char>(text[i]), &glyph));
            run.glyphs.emplace_back(glyph, from_pt(6) * static_cast<Length>(i), 0);
            face.use(glyph);
            face.note_text(glyph, text.substr(i, 1));
        }
        return run;
    }
};

display::Group group(std::vector<display::Item> items, Tag tag,
                     std::optional<display::Rect> clip = std::nullopt) {
    display::Frame frame;
    frame.items = std::move(items);
    display::Group group;
    group.content = display::share(std::move(frame));
    group.tag = tag;
    group.clip = clip;
    return group;
}

display::Shape rule() {
    return display::Shape::line({from_pt(72), from_pt(80)}, {from_pt(300), from_pt(80)},
                                display::Stroke{Color{0, 0, 0, 255}, from_pt(0.5), {}, false});
}

display::Shape bar(Color color) {
    return display::Shape::rect({from_pt(72), from_pt(200), from_pt(100), from_pt(12)}, color);
}

display::Shape hatched() {
    display::Shape shape = bar(Color{0xee, 0xee, 0xee, 255});
    shape.hatch = display::Hatch{Color{0xb5, 0xb7, 0xb9, 255}, from_pt(2.2), from_pt(0.5)};
    return shape;
}

/// A page with a bit of everything a book page holds.
std::vector<display::Item> page_items(Resources& r, display::ElementId heading,
                                      display::ElementId paragraph, display::ElementId figure,
                                      display::ElementId cell, display::ElementId row,
                                      display::ElementId second) {
    // A cluster of two glyphs (e and a combining ring): it carries /ActualText.
    display::GlyphRun ringed = r.run("ex");
    ringed.text = "e\xCC\x8A";
    hb_codepoint_t ring = 0;
    REQUIRE(hb_font_get_nominal_glyph(r.hb_font, 0x030A, &ring));
    ringed.glyphs[1] = display::Glyph(ring, ringed.glyphs[1].x(), 0);
    ringed.clusters = {{3, 2}};
    r.face.use(ring);

    return {
        // A running head and its rule: an artifact, with the element inside it too.
        group({r.run("Running head"), rule(), group({r.run("inside")}, Tag::of(paragraph))},
              Tag::artifact()),
        group({r.run("Heading")}, Tag::of(heading)),
        // Text of the paragraph, a rule under it (decoration), and more of its text.
        group({r.run("Hello"), rule(), r.run("world")}, Tag::of(paragraph)),
        // A clipped figure: its shapes, hatched or not, and its label belong to it.
        group({bar(Color{0x45, 0x75, 0xb4, 255}), hatched(), r.run("42"),
               group({bar(Color{0xfe, 0xe0, 0x90, 255})}, {})},
              Tag::of(figure), display::Rect{0, 0, from_pt(400), from_pt(400)}),
        // A table row: a cell's background (decoration), then the cell's own run.
        group({bar(Color{0xf0, 0xf0, 0xf0, 255}), r.run("Sweden", Tag::of(cell))}, Tag::of(row)),
        group({ringed}, Tag::of(second)),
        // Outside every element.
        r.run("12"),
    };
}

} // namespace

TEST_CASE("a tagged page marks every drawing, its sequences nested and closed") {
    Resources r;
    r.element(Role::Document, 0);
    const auto heading = r.element(Role::H1), paragraph = r.element(Role::P),
               figure = r.element(Role::Figure), table = r.element(Role::Table),
               row = r.element(Role::TR, table), cell = r.element(Role::TD, row),
               second = r.element(Role::P);
    std::vector<display::Item> items = page_items(r, heading, paragraph, figure, cell, row, second);
    r.face.settle_texts();

    ContentWriter writer(r.content, from_mm(297));
    writer.items(items);
    const std::string content = writer.finish();
    INFO(content);
    pdf_read::Nesting marks = pdf_read::nesting(pdf_read::operations(content));
    CHECK(marks.problem == "");
    CHECK(marks.unmarked_paintings == 0);
    CHECK(marks.tags == std::vector<std::string>{"Artifact", "H1 0", "P 1", "Artifact", "P 2",
                                                 "Figure 3", "Artifact", "TD 4", "P 5", "Span",
                                                 "Artifact"});
    CHECK(marks.deepest == 2); // the /ActualText span within its paragraph
    CHECK(marks.actual_texts == std::vector<std::string>{"e\xCC\x8A"});
    // Each MCID's element, for the parent tree.
    CHECK(writer.marked ==
          std::vector<display::ElementId>{heading, paragraph, paragraph, figure, cell, second});
}

TEST_CASE("an untagged page marks only the spans that carry /ActualText") {
    Resources r;
    // No structure tree: the tags are not read.
    std::vector<display::Item> items = page_items(r, 0, 0, 0, 0, 0, 0);
    r.face.settle_texts();
    ContentWriter writer(r.content, from_mm(297));
    writer.items(items);
    const std::string content = writer.finish();
    INFO(content);
    pdf_read::Nesting marks = pdf_read::nesting(pdf_read::operations(content));
    CHECK(marks.problem == "");
    CHECK(marks.tags == std::vector<std::string>{"Span"});
    CHECK(writer.marked.empty());
}

TEST_CASE("a page that ends inside text and a sequence closes both") {
    Resources r;
    r.element(Role::Document, 0);
    const auto paragraph = r.element(Role::P);
    std::vector<display::Item> items = {group({r.run("Last words")}, Tag::of(paragraph))};
    r.face.settle_texts();
    ContentWriter writer(r.content, from_mm(297));
    writer.items(items);
    const std::string content = writer.finish();
    INFO(content);
    CHECK(content.ends_with("ET\nEMC\n"));
    pdf_read::Nesting marks = pdf_read::nesting(pdf_read::operations(content));
    CHECK(marks.problem == "");
    CHECK(marks.tags == std::vector<std::string>{"P 0"});
}

TEST_CASE("a reused path's form nests its saved states and marks nothing") {
    Resources r;
    const std::string form = ContentWriter::form(r.content, hatched());
    INFO(form);
    pdf_read::Nesting marks = pdf_read::nesting(pdf_read::operations(form));
    CHECK(marks.problem == "");
    CHECK(marks.sequences == 0);
    CHECK(form.find("q\n") != std::string::npos); // the hatching's clip is saved and restored
}
