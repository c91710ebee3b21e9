#include "epub/fonts.h"

#include "render/font_subset.h"

namespace mipex::epub {

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
