// The renderers on a small hand-made display list: the PDF carries its outline, links to
// named destinations, page labels, metadata and /Lang; the PNG is an image of the page.
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

display::Document two_pages(layout::FontContext& fonts) {
    layout::TextShaper shaper(fonts);
    doc::Style style;
    style.family = "Noto Sans";
    style.size = from_pt(12);
    style.leading = from_pt(16);
    display::Document document;
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
    display::Document document = two_pages(fonts);
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
    display::Document document = two_pages(fonts);
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
    display::Document document = two_pages(fonts);
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
