// subset_font: a font cut down to what a publication shows, by HarfBuzz's subsetter
// (hb-subset), for the fonts the PDF embeds, those the EPUB carries and the website serves.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

typedef struct hb_face_t hb_face_t;

namespace mipex::render {

/// What a subset keeps of a font.
struct SubsetRequest {
    /// Characters, with every glyph the font's layout tables reach from them (ligatures,
    /// Arabic positional forms).
    std::set<uint32_t> characters;
    /// Glyphs, by index.
    std::vector<uint32_t> glyphs;
    /// Each glyph keeps its index (HB_SUBSET_FLAGS_RETAIN_GIDS).
    bool retain_glyph_ids = false;
    /// Hinting instructions are left out (HB_SUBSET_FLAGS_NO_HINTING).
    bool drop_hinting = false;
    /// Every OpenType layout feature is kept, not only HarfBuzz's default list.
    bool all_layout_features = false;
    /// Tables left out, by tag ("GSUB").
    std::vector<std::string> drop_tables;
    /// Entries of the name table kept besides the ones HarfBuzz keeps (0–6).
    std::vector<unsigned> name_ids;
};

/// The font program of `face` with only what `request` keeps; nothing when `face` is no font
/// or HarfBuzz cannot subset it.
std::optional<std::string> subset_font(hb_face_t* face, const SubsetRequest& request);

/// The same for the first face of a font file's bytes.
std::optional<std::string> subset_font(std::string_view font_file, const SubsetRequest& request);

/// The code points of UTF-8 text, added to `characters`: what a subset for that text keeps.
void add_characters(std::string_view text, std::set<uint32_t>& characters);

/// The printable ASCII characters and the punctuation a reader's browser or reading system
/// may set in text that holds none of it (when it hyphenates, quotes or elides), added to
/// `characters`.
void add_synthesized_punctuation(std::set<uint32_t>& characters);

} // namespace mipex::render
