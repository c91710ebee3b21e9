// write_epub: the EPUB writer. From one edition's document tree and its laid-out book it
// gathers what the publication needs besides the tree (where each page of the print edition
// begins, the page of every destination, each chart laid out alone, drawn as SVG, the font
// files the pages use, with the weights fontconfig read), builds the publication and packs it.
// It lays nothing out and looks no font up: layout did both.
#pragma once

#include "display/display_list.h"
#include "doc/document.h"

#include <ctime>
#include <string>

namespace mipex::epub {

struct EpubOptions {
    std::time_t modified = 0;    ///< dcterms:modified and the zip's file times
    std::string print_edition;   ///< names the PDF the page-list follows ("… (mipex-de.pdf)")
    std::string* dump = nullptr; ///< when set, receives the publication's dump (epub::dump)
    unsigned threads = 1;        ///< threads the zip step deflates its entries on
};

/// The EPUB file of an edition. The document must have been built with its screen texts
/// (doc::DocumentOptions::screen_texts) and laid out with its chart figures
/// (layout::LayoutOptions::chart_figures). On failure returns nothing useful and sets `error`.
std::string write_epub(const doc::Document& document, const display::Book& book,
                       const EpubOptions& options, std::string& error);

} // namespace mipex::epub
