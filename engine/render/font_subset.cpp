#include "render/font_subset.h"

#include "base/text.h"

#include <hb-subset.h>
#include <hb.h>

#include <algorithm>
#include <array>
#include <vector>

namespace mipex::render {

std::optional<std::string> subset_font(hb_face_t* face, const SubsetRequest& request) {
    if (hb_face_get_glyph_count(face) == 0)
        return std::nullopt; // not a font: HarfBuzz would subset it to a bare header
    hb_subset_input_t* input = hb_subset_input_create_or_fail();
    if (!input)
        return std::nullopt;
    hb_set_t* unicodes = hb_subset_input_unicode_set(input);
    for (uint32_t character : request.characters)
        hb_set_add(unicodes, character);
    hb_set_t* glyphs = hb_subset_input_glyph_set(input);
    for (uint32_t glyph : request.glyphs)
        hb_set_add(glyphs, glyph);
    unsigned flags = HB_SUBSET_FLAGS_DEFAULT;
    if (request.retain_glyph_ids)
        flags |= HB_SUBSET_FLAGS_RETAIN_GIDS;
    if (request.drop_hinting)
        flags |= HB_SUBSET_FLAGS_NO_HINTING;
    hb_subset_input_set_flags(input, flags);
    if (request.all_layout_features) {
        hb_set_t* features = hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
        hb_set_clear(features);
        hb_set_invert(features);
    }
    hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (const std::string& tag : request.drop_tables)
        hb_set_add(drop, hb_tag_from_string(tag.data(), static_cast<int>(tag.size())));
    hb_set_t* names = hb_subset_input_set(input, HB_SUBSET_SETS_NAME_ID);
    for (unsigned name : request.name_ids)
        hb_set_add(names, name);

    hb_face_t* subset = hb_subset_or_fail(face, input);
    hb_subset_input_destroy(input);
    if (!subset)
        return std::nullopt;
    hb_blob_t* blob = hb_face_reference_blob(subset);
    unsigned length = 0;
    const char* data = hb_blob_get_data(blob, &length);
    std::optional<std::string> program;
    if (data && length > 0)
        program.emplace(data, length);
    hb_blob_destroy(blob);
    hb_face_destroy(subset);
    return program;
}

std::optional<std::string> subset_font(std::string_view font_file, const SubsetRequest& request) {
    hb_blob_t* blob = hb_blob_create(font_file.data(), static_cast<unsigned>(font_file.size()),
                                     HB_MEMORY_MODE_READONLY, nullptr, nullptr);
    hb_face_t* face = hb_face_create(blob, 0);
    hb_blob_destroy(blob);
    std::optional<std::string> program = subset_font(face, request);
    hb_face_destroy(face);
    return program;
}

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

void add_synthesized_punctuation(std::set<uint32_t>& characters) {
    for (uint32_t c = 0x20; c < 0x7F; ++c)
        characters.insert(c);
    // No-break space, soft hyphen, hyphens, dashes, quotation marks, ellipsis.
    for (uint32_t c : {0xA0u, 0xADu, 0x2010u, 0x2011u, 0x2013u, 0x2014u, 0x2018u, 0x2019u, 0x201Cu,
                       0x201Du, 0x2026u})
        characters.insert(c);
}

} // namespace mipex::render
