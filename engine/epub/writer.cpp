#include "epub/writer.h"

#include "base/files.h"
#include "epub/container.h"
#include "epub/publication.h"
#include "render/svg.h"

#include <hb.h>

#include <algorithm>
#include <set>

namespace mipex::epub {

namespace {

/// The bytes of a font file as layout mapped it (the face pango shaped with), or as read
/// from its path when layout kept no face.
std::optional<std::string> font_bytes(const display::Font& font) {
    if (font.face) {
        hb_blob_t* blob = hb_face_reference_blob(font.face);
        unsigned int length = 0;
        const char* data = hb_blob_get_data(blob, &length);
        std::optional<std::string> bytes;
        if (length > 0)
            bytes = std::string(data, length);
        hb_blob_destroy(blob);
        if (bytes)
            return bytes;
    }
    return read_file(font.path);
}

/// The font files the pages use, for embedding: only fonts with glyphs on the pages (a font
/// table kept between builds, in mipex watch, also lists fonts earlier builds used, and the
/// EPUB must be a cold build's bytes), each file once, by file name.
std::vector<FontFile> embedded_fonts(const display::Book& book, std::string& error) {
    std::vector<FontFile> fonts;
    std::set<std::string> seen;
    for (display::FontId id : display::fonts_used(book)) {
        const display::Font& font = book.fonts->at(id);
        if (font.file.empty() || !seen.insert(font.file).second)
            continue;
        std::optional<std::string> data = font_bytes(font);
        if (!data) {
            error = "cannot read the font " + font.file + " to embed it in the EPUB";
            return {};
        }
        fonts.push_back({font.family, font.weight, font.italic, font.file, std::move(*data)});
    }
    std::sort(fonts.begin(), fonts.end(),
              [](const FontFile& a, const FontFile& b) { return a.name < b.name; });
    return fonts;
}

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
    if (error.empty())
        sources.fonts = embedded_fonts(book, error);
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
