// The renderers on a small hand-made display list: the PDF carries its outline, links to
// named destinations, page labels, metadata and /Lang; the PNG is an image of the page.
#include "display/display_list.h"
#include "layout/fonts.h"
#include "layout/text.h"
#include "render/pdf.h"
#include "render/png.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFOutlineDocumentHelper.hh>
#include <qpdf/QPDFPageLabelDocumentHelper.hh>

using namespace mipex;
namespace fs = std::filesystem;

namespace {

display::Book two_pages(layout::FontContext& fonts) {
    layout::TextShaper shaper(fonts);
    doc::Style style;
    style.family = "Noto Sans";
    style.size = from_pt(12);
    style.leading = from_pt(16);
    display::Book document;
    document.metadata = {"A test", "The tests", "Rendering", "one, two", "en", "mipex"};
    for (int p = 0; p < 2; ++p) {
        display::Page page;
        page.width = from_mm(210);
        page.height = from_mm(297);
        page.label = p == 0 ? "i" : "1";
        layout::Line line = shaper.label(p == 0 ? "Go to the chapter" : "The chapter", style);
        display::Frame frame;
        frame.place(line.frame, {from_pt(72), from_pt(72)});
        page.items = frame.items;
        page.items.push_back(display::Shape::rect(
            {from_pt(72), from_pt(100), from_pt(100), from_pt(20)}, Color{0x45, 0x75, 0xb4, 255}));
        if (p == 0)
            page.items.push_back(display::Link{
                {from_pt(72), from_pt(72), from_pt(100), from_pt(16)}, "chapter", {}});
        else
            page.items.push_back(display::Anchor{"chapter", {from_pt(72), from_pt(72)}});
        document.pages.push_back(std::move(page));
    }
    document.outline = {{"The chapter", "chapter", 0}};
    document.fonts = fonts.fonts();
    return document;
}

} // namespace

TEST_CASE("a PDF carries metadata, page labels, the outline and working links") {
    layout::FontContext fonts({fs::path(MIPEX_SOURCE_DIR) / "fonts"}, "en");
    display::Book document = two_pages(fonts);
    fs::path path = fs::temp_directory_path() / "mipex-render-test.pdf";
    render::PdfOptions options;
    options.date = 1700000000;
    REQUIRE(render::write_pdf(document, path, options).empty());

    QPDF pdf;
    pdf.processFile(path.c_str());
    CHECK(pdf.getRoot().getKey("/Lang").getUTF8Value() == "en");
    QPDFObjectHandle info = pdf.getTrailer().getKey("/Info");
    CHECK(info.getKey("/Title").getUTF8Value() == "A test");
    CHECK(info.getKey("/CreationDate").getUTF8Value() == "D:20231114221320Z");
    CHECK(pdf.getRoot().getKey("/ViewerPreferences").getKey("/DisplayDocTitle").getBoolValue());

    QPDFPageLabelDocumentHelper labels(pdf);
    REQUIRE(labels.hasPageLabels());
    // Roman front matter is a lower-case roman range (§12.4.2), so "i" counts on to "ii";
    // a label that is a plain number is a decimal range.
    CHECK(labels.getLabelForPage(0).getKey("/S").getName() == "/r");
    CHECK(labels.getLabelForPage(0).getKey("/St").getIntValue() == 1);
    CHECK(labels.getLabelForPage(1).getKey("/S").getName() == "/D");
    CHECK(labels.getLabelForPage(1).getKey("/St").getIntValue() == 1);

    QPDFOutlineDocumentHelper outlines(pdf);
    auto top = outlines.getTopLevelOutlines();
    REQUIRE(top.size() == 1);
    CHECK(top[0].getTitle() == "The chapter");

    auto pages = pdf.getAllPages();
    REQUIRE(pages.size() == 2);
    QPDFObjectHandle annotations = pages[0].getKey("/Annots");
    REQUIRE(annotations.isArray());
    REQUIRE(annotations.getArrayNItems() == 1);
    QPDFObjectHandle link = annotations.getArrayItem(0);
    CHECK(link.getKey("/Dest").getUTF8Value() == "chapter");
    // The link's rectangle is the text's, in PDF space (origin bottom-left).
    auto rect = link.getKey("/Rect").getArrayAsVector();
    CHECK(rect[0].getNumericValue() == Approx(72));
    CHECK(rect[3].getNumericValue() == Approx(841.89 - 72).margin(0.01));
    fs::remove(path);
}

TEST_CASE("two renderings with the same date are byte-identical") {
    layout::FontContext fonts({fs::path(MIPEX_SOURCE_DIR) / "fonts"}, "en");
    display::Book document = two_pages(fonts);
    render::PdfOptions options;
    options.date = 1700000000;
    render::PdfResult first = render::render_pdf(document, options);
    render::PdfResult second = render::render_pdf(document, options);
    REQUIRE(first.error.empty());
    REQUIRE(second.error.empty());
    CHECK(first.bytes.size() > 1000);
    CHECK(first.bytes == second.bytes);
}

TEST_CASE("a page renders to a PNG of the page's size") {
    layout::FontContext fonts({fs::path(MIPEX_SOURCE_DIR) / "fonts"}, "en");
    display::Book document = two_pages(fonts);
    fs::path path = fs::temp_directory_path() / "mipex-render-test.png";
    REQUIRE(render::write_png(document, 0, path, 72).empty());
    std::ifstream file(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(file)), {});
    REQUIRE(bytes.size() > 24);
    CHECK(bytes.substr(1, 3) == "PNG");
    // Width and height are big-endian at bytes 16 and 20 of the IHDR chunk.
    auto read32 = [&](size_t at) {
        return (static_cast<unsigned char>(bytes[at]) << 24) |
               (static_cast<unsigned char>(bytes[at + 1]) << 16) |
               (static_cast<unsigned char>(bytes[at + 2]) << 8) |
               static_cast<unsigned char>(bytes[at + 3]);
    };
    CHECK(read32(16) == 596);
    CHECK(read32(20) == 842);
    CHECK_FALSE(render::write_png(document, 5, path, 72).empty());
    fs::remove(path);
}

TEST_CASE("PDF dates have the D: prefix and are in UTC") {
    CHECK(render::pdf_date(0) == "D:19700101000000Z");
    CHECK(render::pdf_date(1700000000) == "D:20231114221320Z");
}

namespace {

/// A polygon of `corners` points around (x, y), closed.
display::Shape polygon(Length x, Length y, int corners, std::optional<Color> fill,
                       std::optional<display::Hatch> hatch = {}) {
    display::Shape shape;
    for (int i = 0; i < corners; ++i) {
        double angle = 2 * 3.14159265358979 * i / corners;
        display::Point p{x + from_pt(30 * std::cos(angle)), y + from_pt(30 * std::sin(angle))};
        shape.path.push_back(
            {i == 0 ? display::PathElement::Op::Move : display::PathElement::Op::Line, {p}});
    }
    shape.path.push_back({display::PathElement::Op::Close, {}});
    shape.fill = fill;
    shape.stroke = display::Stroke{Color{0x7d, 0x85, 0x8c, 255}, from_pt(0.25), {}, false};
    shape.hatch = hatch;
    return shape;
}

size_t occurrences(const std::string& text, const std::string& what) {
    size_t count = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++count;
    return count;
}

/// A PDF of A4 pages holding these shapes, one list a page.
std::string shapes_pdf(const std::vector<std::vector<display::Shape>>& shapes) {
    static layout::FontContext fonts({fs::path(MIPEX_SOURCE_DIR) / "fonts"}, "en");
    display::Book document;
    document.metadata.language = "en";
    document.fonts = fonts.fonts();
    for (const std::vector<display::Shape>& on_page : shapes) {
        display::Page page;
        page.width = from_mm(210);
        page.height = from_mm(297);
        page.label = std::to_string(document.pages.size() + 1);
        page.items.assign(on_page.begin(), on_page.end());
        document.pages.push_back(std::move(page));
    }
    render::PdfOptions options;
    options.date = 1700000000;
    render::PdfResult result = render::render_pdf(document, options);
    REQUIRE(result.error.empty());
    return result.bytes;
}

/// A stream's data, decoded.
std::string stream_text(QPDFObjectHandle stream) {
    auto data = stream.getStreamData(qpdf_dl_generalized);
    return std::string(data->getBuffer(), data->getBuffer() + data->getSize());
}

} // namespace

TEST_CASE("a path drawn more than once is written once, as a form drawn where it is used") {
    const Color blue{0x45, 0x75, 0xb4, 255}, yellow{0xfe, 0xe0, 0x90, 255};
    const display::Hatch hatch{Color{0xb5, 0xb7, 0xb9, 255}, from_pt(2.2), from_pt(0.5)};
    std::vector<std::vector<display::Shape>> shapes;
    for (int p = 0; p < 2; ++p) {
        // The same outline in another colour and at another place on each page (a country
        // on two maps); a hatched one; and a short one, drawn where it is.
        const Length x = from_pt(p == 0 ? 100 : 140), y = from_pt(200);
        shapes.push_back({polygon(x, y, 40, p == 0 ? blue : yellow),
                          polygon(x, y + from_pt(100), 40, Color{0xee, 0xee, 0xee, 255}, hatch),
                          polygon(x, y + from_pt(200), 8, blue)});
    }
    const std::string bytes = shapes_pdf(shapes);

    QPDF pdf;
    pdf.processMemoryFile("forms", bytes.data(), bytes.size());
    auto pages = pdf.getAllPages();
    REQUIRE(pages.size() == 2);
    QPDFObjectHandle forms = pages[0].getKey("/Resources").getKey("/XObject");
    REQUIRE(forms.isDictionary());
    CHECK(forms.getKeys() == std::set<std::string>{"/P0", "/P1"});

    // The filled outline: its 40 points once, painted with the caller's colours.
    QPDFObjectHandle outline = forms.getKey("/P0");
    CHECK(outline.getDict().getKey("/Subtype").getName() == "/Form");
    const std::string filled = stream_text(outline);
    CHECK(occurrences(filled, " l\n") == 39);
    CHECK(filled.substr(filled.size() - 2) == "B\n");
    CHECK(filled.find("rg") == std::string::npos);
    CHECK(filled.find("RG") == std::string::npos);
    // The hatched one: clipped hatching in its own colour, then the outline stroked.
    const std::string hatched = stream_text(forms.getKey("/P1"));
    CHECK(hatched.find("W n") != std::string::npos);
    CHECK(hatched.find("0.7098 0.7176 0.7255 RG") != std::string::npos);
    CHECK(hatched.find("0.5 w") != std::string::npos);

    for (size_t p = 0; p < 2; ++p) {
        const std::string content = stream_text(pages[p].getKey("/Contents"));
        // Each page draws both forms at its own place, in its own colour.
        CHECK(content.find(p == 0 ? "q 1 0 0 1 130 200 cm /P0 Do Q"
                                  : "q 1 0 0 1 170 200 cm /P0 Do Q") != std::string::npos);
        CHECK(content.find(p == 0 ? "0.2706 0.4588 0.7059 rg" : "0.9961 0.8784 0.5647 rg") !=
              std::string::npos);
        CHECK(occurrences(content, "/P1 Do") == 1);
        // The short outline is written out: 7 lines after its move.
        CHECK(occurrences(content, " l\n") == 7);
    }
}

TEST_CASE("a form's hatching sets its own opacity where the document sets opacities") {
    const display::Hatch hatch{Color{0xb5, 0xb7, 0xb9, 255}, from_pt(2.2), from_pt(0.5)};
    std::vector<std::vector<display::Shape>> shapes;
    for (int p = 0; p < 2; ++p) {
        // A translucent stroke drawn before the form: the form must not inherit its opacity.
        display::Shape veil = polygon(from_pt(300), from_pt(500), 6, std::nullopt);
        veil.stroke->color.a = 128;
        shapes.push_back({veil, polygon(from_pt(100 + 40 * p), from_pt(200), 40,
                                        Color{0xee, 0xee, 0xee, 255}, hatch)});
    }
    const std::string bytes = shapes_pdf(shapes);
    QPDF pdf;
    pdf.processMemoryFile("alpha", bytes.data(), bytes.size());
    auto pages = pdf.getAllPages();
    QPDFObjectHandle resources = pages[0].getKey("/Resources");
    QPDFObjectHandle states = resources.getKey("/ExtGState");
    REQUIRE(states.isDictionary());
    const std::string form = stream_text(resources.getKey("/XObject").getKey("/P0"));
    // The hatching's opacity, named and defined: full.
    CHECK(form.find("/A255 gs") != std::string::npos);
    CHECK(states.hasKey("/A255"));
    CHECK(states.getKey("/A255").getKey("/CA").getNumericValue() == Approx(1));
}

TEST_CASE("a run's clusters are visited as cluster_map lists them, or not at all") {
    auto visited = [](const display::GlyphRun& run) {
        std::vector<std::pair<int, int>> out;
        bool covered = display::for_each_cluster(run, [&](const display::Cluster& cluster) {
            out.emplace_back(cluster.bytes, cluster.glyphs);
        });
        return std::make_pair(covered, out);
    };
    auto listed = [](const display::GlyphRun& run) {
        std::vector<std::pair<int, int>> out;
        for (const display::Cluster& cluster : display::cluster_map(run))
            out.emplace_back(cluster.bytes, cluster.glyphs);
        return out;
    };
    auto run_of = [](std::string text, size_t glyphs, std::vector<display::Cluster> clusters) {
        display::GlyphRun run;
        run.text = std::move(text);
        run.glyphs.resize(glyphs);
        run.clusters = std::move(clusters);
        return run;
    };
    struct Case {
        const char* what;
        display::GlyphRun run;
        bool covered;
    };
    const Case cases[] = {
        {"a glyph a character", run_of("Sweden", 6, {}), true},
        {"two-byte and three-byte characters", run_of("Öster–", 6, {}), true},
        {"a soft hyphen has no glyph", run_of("Un\xC2\xADter", 5, {}), true},
        {"a soft hyphen's first byte at the end is a character", run_of("ab\xC2", 3, {}), true},
        {"a stray continuation byte is a character", run_of("a\x80z", 3, {}), true},
        {"a sequence cut short at the end", run_of("a\xE2\x80", 2, {}), true},
        {"too few glyphs for the characters", run_of("fi", 1, {}), false},
        {"no text", run_of("", 0, {}), false},
        {"a list of its own", run_of("fi!", 2, {{2, 1}, {1, 1}}), true},
        {"a list that does not cover the glyphs", run_of("fi!", 3, {{2, 1}, {1, 1}}), false},
        {"a list that does not cover the text", run_of("fi!", 2, {{1, 1}, {1, 1}}), false},
    };
    for (const Case& c : cases) {
        INFO(c.what);
        auto [covered, clusters] = visited(c.run);
        CHECK(covered == c.covered);
        if (covered)
            CHECK(clusters == listed(c.run));
        else
            CHECK(clusters.empty());
    }
}
