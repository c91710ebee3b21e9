// What layout hands to every writer (ARCHITECTURE.md, "The writers"): one display::Book with
// the pages, where each page begins, the page of every anchor, the charts laid out alone when
// a writer asks for them and the fonts with the weights fontconfig read; and the writers, of
// one shape, taking it without laying anything out again.
#include "doc/build.h"
#include "epub/writer.h"
#include "i18n/localizer.h"
#include "layout/fonts.h"
#include "layout/hyphenate.h"
#include "layout/layout.h"
#include "pipeline/pipeline.h"
#include "pipeline/writers.h"

#include <catch2/catch.hpp>

#include <set>

using namespace mipex;
namespace fs = std::filesystem;

namespace {

struct Composed {
    std::unique_ptr<pipeline::CheckedProject> checked;
    doc::Document document;
    std::unique_ptr<layout::FontContext> fonts;
    display::Book book;
};

Composed compose(bool for_screens) {
    Composed result;
    result.checked = pipeline::check_project(MIPEX_SOURCE_DIR);
    REQUIRE_FALSE(result.checked->diagnostics.has_errors());
    i18n::Localizer localizer(result.checked->model, "en", result.checked->diagnostics);
    doc::DocumentOptions document_options;
    document_options.screen_texts = for_screens;
    result.document = doc::build_document(result.checked->model, result.checked->scores, localizer,
                                          result.checked->diagnostics, document_options);
    result.fonts = std::make_unique<layout::FontContext>(
        layout::font_folders(pipeline::engine_root(), MIPEX_SOURCE_DIR), "en");
    layout::LayoutOptions options;
    options.hyphenation_folders = layout::Hyphenator::default_folders(pipeline::engine_root());
    options.chart_figures = for_screens;
    result.book = layout::layout_document(result.document, *result.fonts,
                                          result.checked->diagnostics, options);
    return result;
}

} // namespace

TEST_CASE("layout hands the writers the pages with where each begins, every anchor's page, "
          "the charts alone and the fonts with their weights") {
    Composed composed = compose(true);
    const display::Book& book = composed.book;
    REQUIRE(book.pages.size() > 100);

    // A page start for each page, with its label, in document order.
    REQUIRE(book.page_starts.size() == book.pages.size());
    for (size_t p = 0; p < book.pages.size(); ++p)
        CHECK(book.page_starts[p].label == book.pages[p].label);
    for (size_t p = 1; p < book.page_starts.size(); ++p)
        CHECK(book.page_starts[p - 1].section <= book.page_starts[p].section);

    // Every heading's anchor has the page it stands on.
    size_t anchors = 0;
    for (const doc::Section& section : composed.document.sections)
        for (const doc::Block& block : section.blocks)
            if (auto* heading = std::get_if<doc::Heading>(&block);
                heading && !heading->anchor.empty()) {
                INFO(heading->anchor);
                CHECK(book.anchor_pages.count(heading->anchor) == 1);
                ++anchors;
            }
    CHECK(anchors > 50);
    CHECK(book.anchor_pages.at("country-SE") != book.anchor_pages.at("country-AT"));

    // Each chart alone, in reading order, at the width of the text.
    std::vector<const doc::Chart*> charts = doc::charts_in(composed.document);
    REQUIRE(charts.size() > 100);
    REQUIRE(book.charts.size() == charts.size());
    const model::PageGeometry& page = composed.document.page;
    for (size_t i = 0; i < charts.size(); ++i) {
        CHECK(book.charts[i].name == charts[i]->name);
        CHECK(book.charts[i].frame->width == page.width - page.margin_inner - page.margin_outer);
        CHECK(book.charts[i].frame->height > 0);
    }

    // The fonts, with the weight and slant fontconfig read from each file, not guessed from
    // a style's name.
    std::set<std::string> seen;
    for (display::FontId id : display::fonts_used(book)) {
        const display::Font& font = book.fonts->at(id);
        INFO(font.file);
        CHECK(fs::exists(font.path));
        seen.insert(font.file);
        if (font.file == "NotoSans-SemiBold.ttf")
            CHECK(font.weight == 600);
        else if (font.file.find("Bold") != std::string::npos)
            CHECK(font.weight == 700);
        else
            CHECK(font.weight == 400);
        CHECK(font.italic == (font.file.find("Italic") != std::string::npos));
    }
    CHECK(seen.count("NotoSans-SemiBold.ttf"));
    CHECK(seen.count("NotoSerif-Italic.ttf"));
}

TEST_CASE("a book laid out for print alone has no charts alone, and the EPUB writer refuses it") {
    Composed composed = compose(false);
    CHECK(composed.book.charts.empty());
    CHECK_FALSE(composed.document.screen_texts);
    std::string error;
    epub::EpubOptions options;
    options.modified = 1700000000;
    CHECK(epub::write_epub(composed.document, composed.book, options, error).empty());
    CHECK(error.find("screen texts") != std::string::npos);

    // With the screen texts but without the charts alone, it refuses too: it never lays a
    // chart out itself.
    composed.document.screen_texts = doc::ScreenTexts{};
    error.clear();
    CHECK(epub::write_epub(composed.document, composed.book, options, error).empty());
    CHECK(error.find("charts alone") != std::string::npos);
}

TEST_CASE("the writers are of one shape, the PDF first, the EPUB reading the document tree") {
    auto writers =
        pipeline::make_writers({pipeline::OutputFormat::Epub, pipeline::OutputFormat::Pdf});
    REQUIRE(writers.size() == 2);
    CHECK(writers[0]->format() == pipeline::OutputFormat::Pdf);
    CHECK(std::string(writers[0]->extension()) == "pdf");
    CHECK_FALSE(writers[0]->reads_document());
    CHECK(writers[1]->format() == pipeline::OutputFormat::Epub);
    CHECK(std::string(writers[1]->extension()) == "epub");
    CHECK(writers[1]->reads_document());
    CHECK(pipeline::make_writers({pipeline::OutputFormat::Pdf}).size() == 1);
}
