#include "epub/fonts.h"

#include "base/text.h"
#include "render/font_subset.h"

#include <algorithm>
#include <array>
#include <vector>

namespace mipex::epub {

void add_characters(std::string_view text, std::set<uint32_t>& characters) {
    // A set insertion for every character of a publication (megabytes of markup) cost a third
    // of the EPUB's time: ASCII, most of the text, is marked in a table first, and each other
    // character is inserted once per text.
    std::array<bool, 0x80> ascii{};
    std::vector<uint32_t> others;
    for (size_t i = 0; i < text.size();) {
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            ascii[byte] = true;
            ++i;
        } else if (std::optional<char32_t> code = decode_utf8(text, i)) {
            others.push_back(*code);
        }
    }
    for (uint32_t c = 0; c < 0x80; ++c)
        if (ascii[c])
            characters.insert(c);
    std::sort(others.begin(), others.end());
    others.erase(std::unique(others.begin(), others.end()), others.end());
    characters.insert(others.begin(), others.end());
}

std::string subset_font(const std::string& font, const std::set<uint32_t>& characters) {
    render::SubsetRequest request;
    request.characters = characters;
    // Every OpenType feature, not only HarfBuzz's default list: a reading system may ask for
    // others (small caps, old-style figures) through CSS.
    request.all_layout_features = true;
    // Names 0–6 (copyright, family, style, version, PostScript name) are kept by default; the
    // licence travels with the font (OFL §2): its description (13) and address (14).
    request.name_ids = {13, 14};
    return render::subset_font(font, request).value_or("");
}

} // namespace mipex::epub
