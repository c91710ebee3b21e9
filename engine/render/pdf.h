// write_pdf: turns a laid-out Document into a PDF file. cairo draws the pages (fonts embedded
// as subsets, links, named destinations, outline, page labels); libqpdf then finishes the
// file with what cairo cannot write (DESIGN.md): /Lang, dates with the D: prefix from
// SOURCE_DATE_EPOCH, a deterministic /ID and object streams.
#pragma once

#include "display/display_list.h"
#include "render/draw.h"

#include <ctime>
#include <filesystem>
#include <optional>
#include <string>
#include <set>
#include <vector>

namespace mipex::render {

struct PdfOptions {
    /// The creation and modification date; nothing means "now".
    std::optional<std::time_t> date;
};

/// What cairo wrote, before finishing: the bytes and the link areas of every page.
struct RenderedPdf {
    std::string bytes;
    std::vector<std::vector<LinkArea>> links; ///< per page, in points from the top-left
    std::vector<double> page_heights;         ///< in points
    std::set<std::string> destinations;       ///< the named destinations the pages hold
};

/// Renders the document with cairo (before finishing).
RenderedPdf render_pdf(const display::Document& document, std::string& error);

/// Applies the finishing step. Returns the finished bytes; sets `error` on failure. Links to
/// destinations the document does not hold are left out, and counted in `dropped_links`.
std::string finish_pdf(const RenderedPdf& rendered, const display::Metadata& metadata,
                       const PdfOptions& options, std::string& error, size_t* dropped_links = nullptr);

/// Renders, finishes and writes atomically (temporary file, then rename): a failure leaves
/// the previous file untouched. Returns an error message, empty on success.
std::string write_pdf(const display::Document& document, const std::filesystem::path& path,
                      const PdfOptions& options);

/// The PDF date string "D:YYYYMMDDHHmmSSZ" (PDF 32000-1:2008, 7.9.4) for a time in UTC.
std::string pdf_date(std::time_t time);

} // namespace mipex::render
