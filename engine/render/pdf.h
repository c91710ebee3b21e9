// write_pdf: turns a laid-out display::Book into a PDF file, written by the engine itself (PDF
// 32000-1:2008, PDF 1.7): page content streams made and compressed on several threads,
// TrueType and CFF fonts embedded as subsets (HarfBuzz) with ToUnicode maps, paths drawn
// more than once as form XObjects, link annotations, named destinations, the outline, page
// labels, the document information dictionary and XMP metadata, all in object streams with
// a cross-reference stream.
#pragma once

#include "display/display_list.h"

#include <ctime>
#include <filesystem>
#include <optional>
#include <string>

namespace mipex::render {

namespace pdf {
class DeflateCache;
}

struct PdfOptions {
    /// The creation and modification date; nothing means "now".
    std::optional<std::time_t> date;
    /// Threads that write pages and fonts; 0: as many as the machine has cores. The bytes
    /// written do not depend on it.
    unsigned threads = 0;
    /// Pages and fonts compressed by earlier builds of a session, reused when their bytes are
    /// the same (see pdf::DeflateCache); the output does not depend on it.
    pdf::DeflateCache* compressed = nullptr;
    /// Give the memory of the released display lists back to the system before the file is
    /// assembled (glibc's malloc_trim), for a one-off build whose peak memory counts; a
    /// session that builds again soon would only fault the pages in again.
    bool trim_heap = false;
};

/// A PDF made from a document, or why it could not be.
struct PdfResult {
    std::string bytes;
    std::string error;        ///< empty on success
    size_t dropped_links = 0; ///< links to destinations the document does not hold, left out
};

/// Writes the document as PDF bytes. Links to destinations the document does not hold (a
/// part left out of a preview) lead nowhere, so they are left out and counted.
PdfResult render_pdf(const display::Book& document, const PdfOptions& options);

/// The same, releasing each page's display list as soon as its content stream is made, so a
/// long book's pages are not all held twice; the pages are left empty.
PdfResult render_pdf(display::Book&& document, const PdfOptions& options);

/// Renders and writes atomically (temporary file, then rename): a failure leaves the previous
/// file untouched. Returns an error message, empty on success.
std::string write_pdf(const display::Book& document, const std::filesystem::path& path,
                      const PdfOptions& options);

/// The PDF date string "D:YYYYMMDDHHmmSSZ" (PDF 32000-1, 7.9.4) for a time in UTC.
std::string pdf_date(std::time_t time);

} // namespace mipex::render
