// The one place that knows where fonts come from: a private fontconfig configuration over the
// engine's fonts/ folder (system fonts are invisible, so every machine lays out alike) and a
// pango context set up for exact, resolution-independent measuring (DESIGN.md, "Facts").
#pragma once

#include "display/display_list.h"
#include "doc/document.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

typedef struct _PangoContext PangoContext;
typedef struct _PangoFont PangoFont;
typedef struct _PangoFontDescription PangoFontDescription;
typedef struct _PangoFontMap PangoFontMap;

namespace mipex::layout {

/// The folders a book's fonts come from: the engine's fonts/, then the project's own fonts/
/// when it has one (a later folder adds to the earlier ones, as fontconfig has it).
std::vector<std::filesystem::path> font_folders(const std::filesystem::path& engine_root,
                                                const std::filesystem::path& project);

/// Makes an empty fontconfig configuration the current one, once per process. pango starts a
/// thread that calls FcInit(), which reads the system's fonts.conf and the caches of every
/// system font: files no build needs (a FontContext sees only its private configuration) and
/// a way for the machine's setup to reach into the build. Call before anything uses pango.
void isolate_fontconfig();

/// The family names of every face in a font file, as fontconfig reads them; nothing when no
/// face can be read from it (a damaged file).
std::optional<std::vector<std::string>> font_families(const std::filesystem::path& file);

/// A family name as fontconfig compares them: without case and blanks ("notosans").
std::string family_key(std::string_view family);

/// A font as any thread's FontContext can find it again (a pango font belongs to one font
/// map): its pango description, and the file it must resolve to.
struct SharedFont {
    std::string description; ///< pango_font_description_to_string of the font
    std::string path;        ///< its file
    unsigned index = 0;      ///< the face within the file
    friend bool operator==(const SharedFont&, const SharedFont&) = default;
};

/// The pango description of the font a style asks for: family, weight, italic and size. The
/// caller frees it (pango_font_description_free).
PangoFontDescription* describe(const doc::Style& style);

/// Fonts and the pango context for one thread (a PangoFontMap must not be shared between
/// threads). Also collects every font the display lists use into a FontTable.
class FontContext {
public:
    /// Loads every font file in `fonts_folders` (later folders add to earlier ones).
    /// Throws std::runtime_error when a folder holds no usable font.
    FontContext(const std::vector<std::filesystem::path>& fonts_folders, std::string language);
    ~FontContext();
    FontContext(const FontContext&) = delete;
    FontContext& operator=(const FontContext&) = delete;

    PangoContext* context() const { return m_context; }
    const std::string& language() const { return m_language; }
    /// Text is set right to left (an Arabic edition): paragraphs take that base direction
    /// whatever their first letter, and start and end alignment swap sides.
    void set_right_to_left(bool right_to_left);
    bool right_to_left() const { return m_right_to_left; }

    /// The display-list font for a pango font, added to the table on first use. Two pango
    /// fonts of one description and file (asked for in different languages) are one font.
    display::FontId font_id(PangoFont* font) {
        const display::FontId id = find_or_add(font);
        if (m_recorded &&
            std::find(m_recorded->begin(), m_recorded->end(), id) == m_recorded->end())
            m_recorded->push_back(id);
        return id;
    }
    /// From now on font_id() adds each font it gives to `fonts` (once, in the order asked
    /// for); null stops it. For the SharedParagraphs.
    void record_fonts(std::vector<display::FontId>* fonts) { m_recorded = fonts; }
    /// The font `id` as another FontContext can find it.
    const SharedFont& shared(display::FontId id) const { return m_shared.at(id); }
    /// The display-list font for a font of another FontContext, if this one has it already.
    std::optional<display::FontId> known(const SharedFont& font) const;
    /// The pango font of this font map that a font of another FontContext is, loaded from its
    /// description (a new reference, for font_id()); null when that resolves to another file.
    PangoFont* load(const SharedFont& font);
    std::shared_ptr<display::FontTable> fonts() const { return m_fonts; }

    /// The families the private configuration knows, for error messages.
    std::vector<std::string> families() const;

private:
    display::FontId find_or_add(PangoFont* font);

    PangoFontMap* m_font_map = nullptr;
    PangoContext* m_context = nullptr;
    std::string m_language;
    bool m_right_to_left = false;
    std::shared_ptr<display::FontTable> m_fonts = std::make_shared<display::FontTable>();
    std::map<PangoFont*, display::FontId> m_ids;
    std::vector<display::FontId>* m_recorded = nullptr;
    std::vector<SharedFont> m_shared;                ///< by FontId
    std::map<std::string, display::FontId> m_by_key; ///< by key_of(SharedFont)
};

} // namespace mipex::layout
