// The writers: every output is one, of one shape. A writer is given a composed edition (its
// document tree and its laid-out book: pages with their display lists, the page of every
// anchor, the charts laid out alone, the fonts with their files) and writes one file from
// it. It lays nothing out and looks no font up. The PDF (render/) and the EPUB (epub/) are
// two; a new output is a third, added to make_writers().
#pragma once

#include "base/diagnostics.h"
#include "base/timing.h"
#include "display/display_list.h"
#include "doc/document.h"
#include "pipeline/pipeline.h"
#include "render/pdf_syntax.h"
#include "site/search.h"

#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mipex::pipeline {

/// One language edition composed: what every writer is given.
struct Composed {
    std::string language;
    std::filesystem::path folder; ///< where the files go
    /// The files' name without extension: "mipex-de", a preview's "mipex-en-country-SE".
    std::string stem;
    bool preview = false; ///< one part alone (--only): links to the others are left out
    /// The tree, kept after layout only when a writer reads it (Writer::reads_document).
    doc::Document document;
    display::Book book;
    /// The site's search index of the language, when the site is written (OutputFormat::Site).
    std::shared_ptr<const site::SearchIndex> search;
    /// A part of the book laid out alone, as `--only` lays it out: the site's PDF of each
    /// country profile (OutputFormat::Site with the PDF).
    struct Part {
        std::string country; ///< its code ("SE")
        std::string stem;    ///< as --only names it: "mipex-de-country-SE"
        /// Where the PDF writer writes it, relative to `folder` ("de/country/se.pdf").
        std::string file;
        display::Book book;
        uintmax_t bytes = 0; ///< as written; 0: not written
    };
    std::vector<Part> parts;
};

/// How a writer is to write, besides what.
struct WriteContext {
    std::optional<std::time_t> date; ///< SOURCE_DATE_EPOCH or --date; nothing: now
    unsigned threads = 1;            ///< threads it may use
    /// No writer comes after it: it may take the book's pages apart as it goes.
    bool last = false;
    /// No other writer reads the pages (Writer::reads_pages): the one that does may take
    /// them apart as it goes, leaving the rest of the book to the others.
    bool take_pages = false;
    /// No other edition is being built meanwhile (a one-off build's memory may be trimmed).
    bool alone = false;
    bool dump = false; ///< also write a text dump of what it made, when it has one
    /// What the last build of a session compressed (PDF streams); none for a one-off build.
    render::pdf::DeflateCache* compressed = nullptr;
    /// The same for each of the edition's parts, by its stem.
    std::map<std::string, render::pdf::DeflateCache>* compressed_parts = nullptr;
    Timings* timings = nullptr;
    /// The files the edition's earlier writers wrote, for a writer that lists them
    /// (Writer::lists_files).
    std::vector<std::pair<OutputFormat, std::filesystem::path>> written;
    /// BuildOptions::site.
    const site::LanguageSiteOptions* site = nullptr;
};

class Writer {
public:
    virtual ~Writer() = default;
    virtual OutputFormat format() const = 0;
    /// The file's extension, without the dot ("pdf").
    virtual const char* extension() const = 0;
    /// Whether it reads the document tree and the charts laid out alone, besides the pages.
    virtual bool reads_document() const = 0;
    /// Whether it reads the pages' display lists (the PDF); the others read what layout
    /// measured beside them (where pages begin, the charts alone, the fonts used).
    virtual bool reads_pages() const { return false; }
    /// Whether it lists the files the other writers write (the site's downloads): it then
    /// writes once they are written.
    virtual bool lists_files() const { return false; }
    /// Where it writes: the file `path` names (the PDF, the EPUB), or a folder of files.
    virtual std::filesystem::path output(const Composed& edition) const {
        return edition.folder / (edition.stem + "." + extension());
    }
    /// Writes the edition's file to `path`. Errors (a file that cannot be written) and
    /// warnings go to `diagnostics`; returns false on an error.
    virtual bool write(Composed& edition, const std::filesystem::path& path,
                       const WriteContext& context, Diagnostics& diagnostics) = 0;
};

/// The writers of `formats`, in the order they write: the PDF before the EPUB, whose
/// page-list names the PDF's pages, and the site, which lists both, last.
std::vector<std::unique_ptr<Writer>> make_writers(const std::vector<OutputFormat>& formats);

} // namespace mipex::pipeline
