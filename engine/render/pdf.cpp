#include "render/pdf.h"

#include "base/files.h"
#include "render/draw.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFWriter.hh>
#include <charconv>
#include <vector>

namespace mipex::render {

namespace {

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

std::string quoted(const std::string& value) {
    std::string out = "'";
    for (char c : value) {
        if (c == '\'' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "'";
}

} // namespace

std::string pdf_date(std::time_t time) {
    std::tm utc{};
    gmtime_r(&time, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "D:%Y%m%d%H%M%SZ", &utc);
    return buffer;
}

RenderedPdf render_pdf(const display::Document& document, std::string& error) {
    RenderedPdf rendered;
    std::string& bytes = rendered.bytes;
    double width = document.pages.empty() ? 595.276 : to_pt(document.pages.front().width);
    double height = document.pages.empty() ? 841.89 : to_pt(document.pages.front().height);
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &bytes, width, height);
    const display::Metadata& metadata = document.metadata;
    auto set = [&](cairo_pdf_metadata_t key, const std::string& value) {
        if (!value.empty())
            cairo_pdf_surface_set_metadata(surface, key, value.c_str());
    };
    set(CAIRO_PDF_METADATA_TITLE, metadata.title);
    set(CAIRO_PDF_METADATA_AUTHOR, metadata.author);
    set(CAIRO_PDF_METADATA_SUBJECT, metadata.subject);
    set(CAIRO_PDF_METADATA_KEYWORDS, metadata.keywords);
    set(CAIRO_PDF_METADATA_CREATOR, metadata.creator);

    cairo_t* cr = cairo_create(surface);
    for (const display::Page& page : document.pages) {
        cairo_pdf_surface_set_size(surface, to_pt(page.width), to_pt(page.height));
        cairo_pdf_surface_set_page_label(surface, page.label.c_str());
        rendered.links.emplace_back();
        rendered.page_heights.push_back(to_pt(page.height));
        // A white page first. Besides being what paper is, it makes cairo's page analysis
        // cheap: cairo unions the extents of every drawing operation into a region, which costs
        // in proportion to the region's rectangles unless one rectangle already covers the page
        // (measured: a sixth of the PDF renderer's instructions went to that union).
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        draw_items(cr, page.items, *document.fonts, true, &rendered.links.back(), &rendered.destinations);
        cairo_show_page(cr);
    }

    // The outline: each entry's parent is the last entry one level up.
    std::vector<int> parents = {CAIRO_PDF_OUTLINE_ROOT};
    for (const display::OutlineEntry& entry : document.outline) {
        size_t level = static_cast<size_t>(std::max(entry.level, 0));
        if (level + 1 > parents.size())
            level = parents.size() - 1;
        parents.resize(level + 1);
        std::string link = "dest=" + quoted(entry.destination);
        int id = cairo_pdf_surface_add_outline(
            surface, parents[level], entry.title.c_str(), link.c_str(),
            level == 0 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : static_cast<cairo_pdf_outline_flags_t>(0));
        parents.push_back(id);
    }

    cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) {
        error = std::string("cairo could not write the PDF: ") + cairo_status_to_string(status);
        return {};
    }
    return rendered;
}

namespace {

/// Adds the link annotations cairo was not asked to write (see draw_items).
/// A PDF number with two decimals, written without the cost of QPDFObjectHandle::newReal's
/// double formatting (thousands of link rectangles go through here).
QPDFObjectHandle real(double value) {
    char buffer[32];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 2);
    return QPDFObjectHandle::newReal(std::string(buffer, error == std::errc() ? end : buffer));
}

/// Returns how many links were left out for leading nowhere.
size_t add_links(QPDF& document, const RenderedPdf& rendered) {
    size_t dropped = 0;
    std::vector<QPDFObjectHandle> pages = document.getAllPages();
    // No visible border around links (the default is a 1-point one); one array serves all.
    QPDFObjectHandle border = document.makeIndirectObject(QPDFObjectHandle::parse("[0 0 0]"));
    for (size_t p = 0; p < pages.size() && p < rendered.links.size(); ++p) {
        if (rendered.links[p].empty())
            continue;
        QPDFObjectHandle annotations = pages[p].getKey("/Annots");
        if (!annotations.isArray()) {
            annotations = QPDFObjectHandle::newArray();
            pages[p].replaceKey("/Annots", annotations);
        }
        double height = rendered.page_heights[p];
        for (const LinkArea& link : rendered.links[p]) {
            // A link to a place the document does not hold (a part left out of a preview) would
            // lead nowhere.
            if (!link.destination.empty() && !rendered.destinations.count(link.destination)) {
                ++dropped;
                continue;
            }
            QPDFObjectHandle annotation = QPDFObjectHandle::newDictionary();
            annotation.replaceKey("/Type", QPDFObjectHandle::newName("/Annot"));
            annotation.replaceKey("/Subtype", QPDFObjectHandle::newName("/Link"));
            // PDF user space has its origin at the bottom-left, y upwards (PDF 32000-1, 8.3.2.3).
            annotation.replaceKey("/Rect", QPDFObjectHandle::newArray(std::vector<QPDFObjectHandle>{
                                               real(link.x), real(height - link.y - link.height),
                                               real(link.x + link.width), real(height - link.y)}));
            annotation.replaceKey("/Border", border);
            if (!link.destination.empty()) {
                annotation.replaceKey("/Dest",
                                      QPDFObjectHandle::newUnicodeString(link.destination));
            } else {
                QPDFObjectHandle action = QPDFObjectHandle::newDictionary();
                action.replaceKey("/S", QPDFObjectHandle::newName("/URI"));
                action.replaceKey("/URI", QPDFObjectHandle::newString(link.uri));
                annotation.replaceKey("/A", action);
            }
            annotations.appendItem(document.makeIndirectObject(annotation));
        }
    }
    return dropped;
}
} // namespace

std::string finish_pdf(const RenderedPdf& rendered, const display::Metadata& metadata,
                       const PdfOptions& options, std::string& error, size_t* dropped_links) {
    try {
        QPDF document;
        document.processMemoryFile("mipex.pdf", rendered.bytes.data(), rendered.bytes.size());
        size_t dropped = add_links(document, rendered);
        if (dropped_links)
            *dropped_links = dropped;
        QPDFObjectHandle root = document.getRoot();
        if (!metadata.language.empty())
            root.replaceKey("/Lang", QPDFObjectHandle::newUnicodeString(metadata.language));
        // Show the title, not the file name, in the viewer's window (PDF/UA-1 7.1).
        QPDFObjectHandle preferences = QPDFObjectHandle::newDictionary();
        preferences.replaceKey("/DisplayDocTitle", QPDFObjectHandle::newBool(true));
        // A right-to-left book: viewers show its spreads with page 1 on the right and move
        // leftwards (PDF 32000-1, 12.2, table 150: /Direction).
        if (metadata.right_to_left)
            preferences.replaceKey("/Direction", QPDFObjectHandle::newName("/R2L"));
        root.replaceKey("/ViewerPreferences", preferences);

        QPDFObjectHandle trailer = document.getTrailer();
        QPDFObjectHandle info = trailer.getKey("/Info");
        if (!info.isDictionary()) {
            info = document.makeIndirectObject(QPDFObjectHandle::newDictionary());
            trailer.replaceKey("/Info", info);
        }
        std::string date = pdf_date(options.date.value_or(std::time(nullptr)));
        info.replaceKey("/CreationDate", QPDFObjectHandle::newString(date));
        info.replaceKey("/ModDate", QPDFObjectHandle::newString(date));
        info.replaceKey("/Producer", QPDFObjectHandle::newString("mipex (cairo, qpdf)"));

        QPDFWriter writer(document);
        writer.setOutputMemory();
        // The /ID is a hash of the content, so equal input gives equal bytes.
        writer.setDeterministicID(true);
        writer.setObjectStreamMode(qpdf_o_generate);
        writer.setCompressStreams(true);
        writer.write();
        std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
        return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
    } catch (const std::exception& exception) {
        error = std::string("could not finish the PDF: ") + exception.what();
        return {};
    }
}

std::string write_pdf(const display::Document& document, const std::filesystem::path& path,
                      const PdfOptions& options) {
    std::string error;
    RenderedPdf rendered = render_pdf(document, error);
    if (!error.empty())
        return error;
    std::string finished = finish_pdf(rendered, document.metadata, options, error);
    if (!error.empty())
        return error;
    return write_file_atomic(path, finished);
}

} // namespace mipex::render
