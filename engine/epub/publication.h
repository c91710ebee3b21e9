// build_publication: turns the Document of one edition into an EPUB 3 publication: one XHTML
// content document per section with real headings, lists and tables, every chart as inline
// SVG in a <figure> with its alt text, description and a link to its data table, footnotes
// as asides, the navigation document (contents, page-list, landmarks), the edition's fonts
// and the accessibility metadata. write_container then packs it into the OCF zip.
//
// The stage sees only the document tree and what the pipeline measured for it (where the
// PDF's pages begin, the charts as SVG, the font files): never pango, cairo or the layout.
#pragma once

#include "doc/document.h"
#include "render/font_files.h"

#include <ctime>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace mipex::epub {

/// Where a page of the PDF edition begins: before block `block` of section `section`. A page
/// that begins inside a block (a paragraph continued from the page before) names that block.
struct PageBreak {
    std::string label; ///< the printed page number ("iv", "12", "١٢")
    size_t section = 0;
    size_t block = 0;
};

/// A font file of the edition, embedded and declared with @font-face.
using FontFile = render::FontFile;

/// What the EPUB writer gathers for the stage besides the document tree, from the laid-out book.
struct Sources {
    /// Where each page of the PDF edition begins, in page order (the page-list).
    std::vector<PageBreak> pages;
    /// The printed page of each named destination, for page references ({page:country:SE}).
    std::map<std::string, std::string> destination_pages;
    /// Each chart as SVG (render_svg), by Chart::name.
    std::map<std::string, std::string> chart_svgs;
    std::vector<FontFile> fonts;
    /// Embed only the glyphs the publication uses (the whole font when that fails).
    bool subset_fonts = true;
    /// The interface texts the EPUB adds to the book's, in the edition's language.
    doc::ScreenTexts strings;
    std::string print_edition; ///< names the PDF the page numbers come from
    /// String keys of the texts the edition printed in the source language (missing
    /// translations), marked with that language so a screen reader switches voice.
    std::set<std::string> source_language_keys;
    std::string source_language;
    std::time_t modified = 0; ///< dcterms:modified and the zip's file times
};

/// One file of the publication, listed in the package's manifest.
struct Item {
    std::string id;
    std::string href;       ///< relative to the package document ("text/country-SE.xhtml")
    std::string media_type; ///< "application/xhtml+xml", "text/css", "font/ttf"
    std::string properties; ///< "nav", "svg" (contains inline SVG)
    bool spine = false;     ///< in the reading order (in manifest order)
    std::string data;
};

/// An entry of a navigation list: the contents, the page-list or the landmarks.
struct NavEntry {
    int level = 0; ///< depth in the contents (0 = top)
    std::string title;
    std::string href;      ///< relative to the navigation document
    std::string epub_type; ///< landmarks: "toc", "bodymatter"…
};

/// A <meta property="…">value</meta> of the package metadata.
struct Meta {
    std::string property;
    std::string value;
    std::string language; ///< xml:lang when not the publication's (an untranslated text)
};

struct Publication {
    std::string identifier; ///< urn:uuid:…, stable for the title and language
    std::string title, creator, subject, language;
    std::vector<std::string>
        keywords; ///< in the source language (book.yaml does not translate them)
    std::string source_language;
    bool right_to_left = false;
    std::string modified;      ///< dcterms:modified, "2023-11-14T22:13:20Z"
    std::string print_edition; ///< dc:source: the PDF the page-list follows
    /// Accessibility metadata (schema.org, the conformance claim), in order.
    std::vector<Meta> accessibility;
    /// Every file, spine items first in reading order; the package document, container and
    /// mimetype are written from this by write_container.
    std::vector<Item> items;
    std::string navigation; ///< href of the navigation document
    std::vector<NavEntry> toc, page_list, landmarks;
};

/// The conformance claim the publication makes (EPUB Accessibility 1.1 §2.1).
inline constexpr const char* conformance_claim = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA";

Publication build_publication(const doc::Document& document, const Sources& sources);

/// The package document (content.opf) of a publication.
std::string package_document(const Publication& publication);

/// A text dump of the publication: metadata, manifest, spine and navigation, one a line.
std::string dump(const Publication& publication);

} // namespace mipex::epub
