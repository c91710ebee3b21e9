#include "epub/writer.h"

#include "epub/container.h"
#include "epub/publication.h"
#include "render/font_files.h"
#include "render/svg.h"

namespace mipex::epub {

namespace {

/// Each chart as SVG for the web, by name: its figure on a sheet with a small margin.
std::map<std::string, std::string> chart_svgs(const doc::Document& document,
                                              const display::Book& book, std::string& error) {
    std::vector<const doc::Chart*> charts = doc::charts_in(document);
    if (charts.size() != book.charts.size()) {
        error = "the book was laid out without its charts alone (chart figures), which the EPUB "
                "shows";
        return {};
    }
    std::map<std::string, std::string> svgs;
    for (size_t i = 0; i < charts.size(); ++i) {
        const doc::Chart& chart = *charts[i];
        // The description is printed beside the chart, not repeated inside it.
        render::SvgOptions svg{
            chart.alt, "", chart.name + "-", document.metadata.language, document.right_to_left,
            true};
        svgs.emplace(
            chart.name,
            render::render_svg(display::sheet(book.charts[i].frame, from_pt(4)), *book.fonts, svg));
    }
    return svgs;
}

} // namespace

std::string write_epub(const doc::Document& document, const display::Book& book,
                       const EpubOptions& options, std::string& error) {
    if (!document.screen_texts) {
        error = "the document was built without the EPUB's interface texts (screen texts)";
        return "";
    }
    Sources sources;
    for (const display::PageStart& start : book.page_starts)
        sources.pages.push_back({start.label, start.section, start.block});
    sources.destination_pages = book.anchor_pages;
    sources.chart_svgs = chart_svgs(document, book, error);
    if (error.empty()) {
        sources.fonts = render::book_font_files(book, error);
        if (!error.empty())
            error += " to embed it in the EPUB";
    }
    if (!error.empty())
        return "";
    sources.strings = *document.screen_texts;
    sources.print_edition = options.print_edition;
    sources.source_language_keys = document.untranslated_keys;
    sources.source_language = document.source_language;
    sources.modified = options.modified;

    Publication publication = build_publication(document, sources);
    if (options.dump)
        *options.dump = dump(publication);
    return write_container(publication, options.modified, options.threads, error);
}

} // namespace mipex::epub
