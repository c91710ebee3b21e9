#include "render/font_files.h"

#include "base/files.h"
#include "display/display_list.h"

#include <hb.h>

#include <algorithm>
#include <set>

namespace mipex::render {

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

} // namespace

std::vector<FontFile> book_font_files(const display::Book& book, std::string& error) {
    std::vector<FontFile> fonts;
    std::set<std::string> seen;
    for (display::FontId id : display::fonts_used(book)) {
        const display::Font& font = book.fonts->at(id);
        if (font.file.empty() || !seen.insert(font.file).second)
            continue;
        std::optional<std::string> data = font_bytes(font);
        if (!data) {
            error = "cannot read the font " + font.file;
            return {};
        }
        fonts.push_back({font.family, font.weight, font.italic, font.file, std::move(*data)});
    }
    std::sort(fonts.begin(), fonts.end(),
              [](const FontFile& a, const FontFile& b) { return a.name < b.name; });
    return fonts;
}

} // namespace mipex::render
