#include "layout/fonts.h"

#include <algorithm>
#include <cairo.h>
#include <cctype>
#include <fontconfig/fontconfig.h>
#include <mutex>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdexcept>

namespace mipex::layout {

std::vector<std::filesystem::path> font_folders(const std::filesystem::path& engine_root,
                                                const std::filesystem::path& project) {
    std::vector<std::filesystem::path> folders = {engine_root / "fonts"};
    std::error_code error;
    // The default project is the engine's own folder: its fonts are not added twice.
    if (std::filesystem::is_directory(project / "fonts", error) &&
        !std::filesystem::equivalent(project / "fonts", engine_root / "fonts", error))
        folders.push_back(project / "fonts");
    return folders;
}

void isolate_fontconfig() {
    static std::once_flag once;
    std::call_once(once, [] {
        FcConfig* empty = FcConfigCreate();
        FcConfigSetCurrent(empty); // takes its own reference (fontconfig 2.13 and later)
        FcConfigDestroy(empty);
    });
}

std::optional<std::vector<std::string>> font_families(const std::filesystem::path& file) {
    FcFontSet* set = FcFontSetCreate();
    unsigned int faces = FcFreeTypeQueryAll(reinterpret_cast<const FcChar8*>(file.c_str()), -1,
                                            nullptr, nullptr, set);
    std::vector<std::string> families;
    for (int i = 0; i < set->nfont; ++i) {
        FcChar8* family = nullptr;
        for (int n = 0; FcPatternGetString(set->fonts[i], FC_FAMILY, n, &family) == FcResultMatch;
             ++n)
            families.push_back(reinterpret_cast<const char*>(family));
    }
    FcFontSetDestroy(set);
    if (faces == 0)
        return std::nullopt;
    return families;
}

std::string family_key(std::string_view family) {
    std::string key;
    for (char c : family)
        if (c != ' ')
            key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return key;
}

FontContext::FontContext(const std::vector<std::filesystem::path>& fonts_folders,
                         std::string language)
    : m_language(std::move(language)) {
    // An empty configuration (no fonts.conf parsed) sees no system font; only the folders
    // added here exist for this font map.
    // Files are added one by one: adding a folder would make fontconfig look for a writable
    // cache folder, which the empty configuration does not have.
    FcConfig* config = FcConfigCreate();
    for (const std::filesystem::path& folder : fonts_folders) {
        std::error_code error;
        if (!std::filesystem::is_directory(folder, error))
            continue;
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
            std::string extension = entry.path().extension().string();
            if (extension == ".ttf" || extension == ".otf" || extension == ".ttc")
                files.push_back(entry.path());
        }
        std::sort(files.begin(), files.end()); // the same order on every machine
        for (const std::filesystem::path& file : files) {
            if (!FcConfigAppFontAddFile(config, reinterpret_cast<const FcChar8*>(file.c_str()))) {
                FcConfigDestroy(config);
                throw std::runtime_error("cannot read the font " + file.string());
            }
        }
    }
    FcFontSet* set = FcConfigGetFonts(config, FcSetApplication);
    if (!set || set->nfont == 0) {
        FcConfigDestroy(config);
        std::string where;
        for (const auto& folder : fonts_folders)
            where += (where.empty() ? "" : ", ") + folder.string();
        throw std::runtime_error("no fonts found in " + where);
    }
    m_font_map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(m_font_map), config);
    FcConfigDestroy(config); // the font map holds its own reference

    m_context = pango_font_map_create_context(m_font_map);
    // pango assumes 96 dpi; at 72, a pango unit is 1/1024 pt and "10pt" is 10 pt.
    pango_cairo_context_set_resolution(m_context, 72);
    // Unhinted metrics and unrounded positions make an image surface and a PDF surface
    // measure alike, so pagination never depends on the output format.
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(m_context, options);
    cairo_font_options_destroy(options);
    pango_context_set_round_glyph_positions(m_context, FALSE);
    pango_context_set_language(m_context, pango_language_from_string(m_language.c_str()));
}

FontContext::~FontContext() {
    for (auto& [font, id] : m_ids)
        g_object_unref(font);
    if (m_context)
        g_object_unref(m_context);
    if (m_font_map)
        g_object_unref(m_font_map);
}

void FontContext::set_right_to_left(bool right_to_left) {
    m_right_to_left = right_to_left;
    pango_context_set_base_dir(m_context,
                               right_to_left ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
}

namespace {

std::string key_of(const SharedFont& font) {
    return font.description + '\0' + font.path + '\0' + std::to_string(font.index);
}

/// The display-list font for a pango font, and how another font map finds it.
std::pair<display::Font, SharedFont> describe_font(PangoFont* font) {
    display::Font entry;
    SharedFont shared;
    PangoFontDescription* description = pango_font_describe(font);
    char* described = pango_font_description_to_string(description);
    shared.description = described;
    g_free(described);
    entry.family = pango_font_description_get_family(description);
    entry.size = pango_font_description_get_size(description);
    int weight = pango_font_description_get_weight(description);
    bool italic = pango_font_description_get_style(description) != PANGO_STYLE_NORMAL;
    entry.style = weight >= 700   ? "Bold"
                  : weight >= 600 ? "SemiBold"
                  : weight >= 500 ? "Medium"
                                  : "Regular";
    if (italic)
        entry.style = entry.style == "Regular" ? "Italic" : entry.style + " Italic";
    pango_font_description_free(description);
    entry.weight = weight;
    entry.italic = italic;
    if (FcPattern* pattern = pango_fc_font_get_pattern(PANGO_FC_FONT(font))) {
        // The weight and slant fontconfig read from the file itself (its OS/2 table), not the
        // nearest named weight the description rounds to.
        FcValue fc_weight;
        if (FcPatternGet(pattern, FC_WEIGHT, 0, &fc_weight) == FcResultMatch &&
            (fc_weight.type == FcTypeInteger || fc_weight.type == FcTypeDouble))
            entry.weight = static_cast<int>(FcWeightToOpenTypeDouble(fc_weight.type == FcTypeInteger
                                                                         ? fc_weight.u.i
                                                                         : fc_weight.u.d) +
                                            0.5);
        int slant = FC_SLANT_ROMAN;
        if (FcPatternGetInteger(pattern, FC_SLANT, 0, &slant) == FcResultMatch)
            entry.italic = slant != FC_SLANT_ROMAN;
        FcChar8* file = nullptr;
        if (FcPatternGetString(pattern, FC_FILE, 0, &file) == FcResultMatch) {
            entry.path = reinterpret_cast<const char*>(file);
            entry.file = std::filesystem::path(entry.path).filename();
        }
        // The face within a collection is the low 16 bits; the high ones name an instance of
        // a variable font (FIXME: the PDF writer embeds a variable font's default instance).
        int index = 0;
        if (FcPatternGetInteger(pattern, FC_INDEX, 0, &index) == FcResultMatch && index > 0)
            entry.index = static_cast<unsigned>(index) & 0xFFFF;
    }
    shared.path = entry.path;
    shared.index = entry.index;
    return {std::move(entry), std::move(shared)};
}

} // namespace

PangoFontDescription* describe(const doc::Style& style) {
    PangoFontDescription* description = pango_font_description_new();
    pango_font_description_set_family(description, style.family.c_str());
    pango_font_description_set_weight(description, static_cast<PangoWeight>(style.weight));
    pango_font_description_set_style(description,
                                     style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    // With the context at 72 dpi a pango size unit is exactly our Length unit.
    pango_font_description_set_size(description, style.size);
    return description;
}

display::FontId FontContext::find_or_add(PangoFont* font) {
    auto found = m_ids.find(font);
    if (found != m_ids.end())
        return found->second;
    auto [entry, shared] = describe_font(font);
    g_object_ref(font);
    // pango makes a second font object for a face asked for in another language.
    if (auto same = m_by_key.find(key_of(shared)); same != m_by_key.end()) {
        m_ids.emplace(font, same->second);
        return same->second;
    }
    entry.scaled_font = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font));
    // pango keeps one face per file and index (pango_fc_font_map_get_hb_face).
    if (hb_font_t* shaping = pango_font_get_hb_font(font))
        entry.face = hb_font_get_face(shaping);
    display::FontId id = m_fonts->add(std::move(entry));
    m_ids.emplace(font, id);
    m_by_key.emplace(key_of(shared), id);
    m_shared.push_back(std::move(shared));
    return id;
}

std::optional<display::FontId> FontContext::known(const SharedFont& font) const {
    auto same = m_by_key.find(key_of(font));
    return same == m_by_key.end() ? std::nullopt : std::optional(same->second);
}

PangoFont* FontContext::load(const SharedFont& font) {
    PangoFontDescription* description =
        pango_font_description_from_string(font.description.c_str());
    PangoFont* loaded = pango_font_map_load_font(m_font_map, m_context, description);
    pango_font_description_free(description);
    if (loaded && !(describe_font(loaded).second == font)) {
        g_object_unref(loaded);
        loaded = nullptr;
    }
    return loaded;
}

std::vector<std::string> FontContext::families() const {
    PangoFontFamily** families = nullptr;
    int count = 0;
    pango_font_map_list_families(m_font_map, &families, &count);
    std::vector<std::string> names;
    for (int i = 0; i < count; ++i)
        names.push_back(pango_font_family_get_name(families[i]));
    g_free(families);
    return names;
}

} // namespace mipex::layout
