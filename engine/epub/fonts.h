// subset_font: a font file cut down to the characters a publication uses (HarfBuzz's
// subsetter), so the EPUB carries the edition's faces in a few hundred kilobytes instead of
// several megabytes, as the PDF embeds subsets.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

namespace mipex::epub {

/// The font with only the glyphs `characters` need (with everything its layout tables reach
/// from them: ligatures, Arabic positional forms), its layout features, copyright and
/// licence names kept. Empty when the font cannot be subset.
std::string subset_font(const std::string& font, const std::set<uint32_t>& characters);

} // namespace mipex::epub
