// book_font_files: the font files a laid-out book is set in, with their bytes, for the outputs
// that carry the book's faces themselves (the EPUB embeds them, the website serves them).
#pragma once

#include <string>
#include <vector>

namespace mipex::display {
struct Book;
}

namespace mipex::render {

/// A font file of the book, as an output declares it (@font-face).
struct FontFile {
    std::string family; ///< "Noto Serif"
    /// The face's weight (100–900) and slant, as fontconfig read them from the file.
    int weight = 400;
    bool italic = false;
    std::string name; ///< the file's name ("NotoSerif-Bold.ttf")
    std::string data; ///< the file's bytes
};

/// The files of the fonts the book's pages use, each once, sorted by name. Only fonts with
/// glyphs on the pages: a font table kept between builds (mipex watch) also lists fonts
/// earlier builds used, and an output must be a cold build's bytes. `error` names a file that
/// cannot be read.
std::vector<FontFile> book_font_files(const display::Book& book, std::string& error);

} // namespace mipex::render
