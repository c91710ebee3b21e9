// web_fonts: the book's own faces for the pages of one language, so that no reader's page
// falls to whatever fonts the reader's system has and none is fetched from elsewhere: each
// font file the edition's book is set in, cut down to the characters of the language's pages
// (HarfBuzz's subsetter) and compressed as WOFF2 (libwoff2enc), with the @font-face rules
// that declare them.
#pragma once

#include "display/display_list.h"
#include "site/file.h"

#include <string>
#include <string_view>
#include <vector>

namespace mipex::site {

/// The fonts of one language's pages.
struct WebFonts {
    /// A WOFF2 file per font file of the book, in a folder "fonts" beside the style sheet
    /// ("de/fonts/NotoSerif-Bold.woff2").
    std::vector<File> files;
    /// An @font-face rule for each, for the style sheet.
    std::string rules;
};

/// The fonts of `book` for the pages whose text is `texts` (the pages with their inline SVGs,
/// the style sheets and scripts), declared in the style sheet at `stylesheet` (relative to the
/// site's root: "de/book.css"). Each face keeps every character of the texts it has a glyph
/// for, since the reader's styles may set any text in any face, and the punctuation a browser
/// may add. `error` says which font could not be read or made a WOFF2 file.
WebFonts web_fonts(const display::Book& book, const std::vector<std::string_view>& texts,
                   const std::string& stylesheet, std::string& error);

} // namespace mipex::site
