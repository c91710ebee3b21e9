#include "epub/fonts.h"

#include "base/text.h"

#include <hb-subset.h>
#include <hb.h>

namespace mipex::epub {

void add_characters(std::string_view text, std::set<uint32_t>& characters) {
    for (size_t at = 0; at < text.size();)
        if (std::optional<char32_t> code = decode_utf8(text, at))
            characters.insert(*code);
}

std::string subset_font(const std::string& font, const std::set<uint32_t>& characters) {
    hb_blob_t* blob = hb_blob_create(font.data(), static_cast<unsigned>(font.size()),
                                     HB_MEMORY_MODE_READONLY, nullptr, nullptr);
    hb_face_t* face = hb_face_create(blob, 0);
    hb_blob_destroy(blob);
    hb_subset_input_t* input = hb_subset_input_create_or_fail();
    std::string out;
    if (input) {
        hb_set_t* unicodes = hb_subset_input_unicode_set(input);
        for (uint32_t character : characters)
            hb_set_add(unicodes, character);
        // Every OpenType feature, not only HarfBuzz's default list: a reading system may
        // ask for others (small caps, old-style figures) through CSS.
        hb_set_t* features = hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
        hb_set_clear(features);
        hb_set_invert(features);
        // Names 0–6 (copyright, family, style, version, PostScript name) are kept by default;
        // the licence travels with the font (OFL §2): its description (13) and address (14).
        hb_set_t* names = hb_subset_input_set(input, HB_SUBSET_SETS_NAME_ID);
        hb_set_add(names, 13);
        hb_set_add(names, 14);
        if (hb_face_t* subset = hb_subset_or_fail(face, input)) {
            hb_blob_t* result = hb_face_reference_blob(subset);
            unsigned length = 0;
            const char* data = hb_blob_get_data(result, &length);
            if (data && length > 0)
                out.assign(data, length);
            hb_blob_destroy(result);
            hb_face_destroy(subset);
        }
        hb_subset_input_destroy(input);
    }
    hb_face_destroy(face);
    return out;
}

} // namespace mipex::epub
