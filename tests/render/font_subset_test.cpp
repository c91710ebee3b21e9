// subset_font: what the PDF and the EPUB keep of a font, read back with HarfBuzz.
#include "render/font_subset.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <hb-ot.h>
#include <hb.h>
#include <iterator>

using namespace mipex::render;

namespace {

std::string font_file(const std::string& name) {
    std::ifstream in(std::filesystem::path(MIPEX_SOURCE_DIR) / "fonts" / name, std::ios::binary);
    REQUIRE(in);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// A font program read back.
class Face {
public:
    explicit Face(const std::string& program)
        : m_blob(hb_blob_create(program.data(), static_cast<unsigned>(program.size()),
                                HB_MEMORY_MODE_DUPLICATE, nullptr, nullptr)),
          m_face(hb_face_create(m_blob, 0)) {}
    ~Face() {
        hb_face_destroy(m_face);
        hb_blob_destroy(m_blob);
    }
    Face(const Face&) = delete;
    Face& operator=(const Face&) = delete;

    unsigned glyph_count() const { return hb_face_get_glyph_count(m_face); }
    bool maps(hb_codepoint_t character) const {
        hb_set_t* unicodes = hb_set_create();
        hb_face_collect_unicodes(m_face, unicodes);
        bool found = hb_set_has(unicodes, character);
        hb_set_destroy(unicodes);
        return found;
    }
    bool has_table(const char* tag) const {
        hb_blob_t* table = hb_face_reference_table(m_face, hb_tag_from_string(tag, 4));
        bool found = hb_blob_get_length(table) > 0;
        hb_blob_destroy(table);
        return found;
    }
    bool has_name(hb_ot_name_id_t name) const {
        unsigned count = 0;
        const hb_ot_name_entry_t* entries = hb_ot_name_list_names(m_face, &count);
        for (unsigned i = 0; i < count; ++i)
            if (entries[i].name_id == name)
                return true;
        return false;
    }
    bool has_feature(const char* tag) const {
        hb_tag_t tags[256];
        unsigned count = 256;
        hb_ot_layout_table_get_feature_tags(m_face, HB_OT_TAG_GSUB, 0, &count, tags);
        return std::find(tags, tags + count, hb_tag_from_string(tag, 4)) != tags + count;
    }
    hb_position_t advance(hb_codepoint_t glyph) const {
        hb_font_t* font = hb_font_create(m_face);
        hb_position_t width = hb_font_get_glyph_h_advance(font, glyph);
        hb_font_destroy(font);
        return width;
    }
    bool has_outline(hb_codepoint_t glyph) const {
        hb_font_t* font = hb_font_create(m_face);
        hb_glyph_extents_t extents{};
        bool drawn = hb_font_get_glyph_extents(font, glyph, &extents) && extents.width != 0;
        hb_font_destroy(font);
        return drawn;
    }

private:
    hb_blob_t* m_blob;
    hb_face_t* m_face;
};

} // namespace

TEST_CASE("a subset by characters keeps their glyphs and those the layout tables reach") {
    const std::string font = font_file("NotoNaskhArabic-Regular.ttf");
    SubsetRequest request;
    request.characters = {U'ب', U' '};
    auto program = subset_font(font, request);
    REQUIRE(program);
    CHECK(program->size() < font.size() / 10);
    Face subset(*program);
    CHECK(subset.maps(U'ب'));
    CHECK(subset.maps(U' '));
    CHECK_FALSE(subset.maps(U'ت'));
    // .notdef, the space, the isolated beh and its initial, medial and final forms (GSUB).
    CHECK(subset.glyph_count() >= 6);
}

TEST_CASE("a subset keeps every layout feature and the licence names only when asked") {
    const std::string font = font_file("NotoSans-Regular.ttf");
    SubsetRequest request;
    request.characters = {'1', '2', 'A', 'f', 'i'};
    Face plain(subset_font(font, request).value());
    request.all_layout_features = true;
    request.name_ids = {13, 14};
    Face full(subset_font(font, request).value());
    Face original(font);
    // Small capitals and old-style figures, which HarfBuzz's default list leaves out, and the
    // glyphs they reach.
    for (const char* feature : {"smcp", "onum"}) {
        INFO(feature);
        CHECK(original.has_feature(feature));
        CHECK_FALSE(plain.has_feature(feature));
        CHECK(full.has_feature(feature));
    }
    CHECK(full.glyph_count() > plain.glyph_count());
    CHECK(plain.has_feature("liga"));
    CHECK(original.has_name(13));
    CHECK_FALSE(plain.has_name(13));
    CHECK(full.has_name(13));
    CHECK(full.has_name(14));
}

TEST_CASE("a subset by glyphs keeps their indices and leaves out the tables and hinting asked") {
    const std::string font = font_file("NotoSans-Regular.ttf");
    Face original(font);
    SubsetRequest request;
    request.glyphs = {0, 40, 300};
    request.retain_glyph_ids = true;
    request.drop_hinting = true;
    request.drop_tables = {"GSUB", "GPOS"};
    Face subset(subset_font(font, request).value());
    // Glyphs keep their index and their advance; those not asked for are left empty.
    CHECK(subset.glyph_count() > 300);
    CHECK(subset.glyph_count() < original.glyph_count());
    for (hb_codepoint_t glyph : {40u, 300u}) {
        CHECK(subset.has_outline(glyph));
        CHECK(subset.advance(glyph) == original.advance(glyph));
    }
    CHECK(original.has_outline(41));
    CHECK_FALSE(subset.has_outline(41));
    CHECK_FALSE(subset.has_table("GSUB"));
    CHECK_FALSE(subset.has_table("GPOS"));
    CHECK(original.has_table("prep"));
    CHECK_FALSE(subset.has_table("prep"));
    CHECK(subset.has_table("glyf"));
}

TEST_CASE("bytes that are no font give no subset") {
    SubsetRequest request;
    request.characters = {'a'};
    CHECK_FALSE(subset_font(std::string_view("not a font at all"), request));
}
