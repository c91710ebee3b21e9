// The one place that knows where fonts come from: a private fontconfig configuration over the
// engine's fonts/ folder (system fonts are invisible, so every machine lays out alike) and a
// pango context set up for exact, resolution-independent measuring (DESIGN.md, "Facts").
#pragma once

#include "display/display_list.h"

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

typedef struct _PangoContext PangoContext;
typedef struct _PangoFont PangoFont;
typedef struct _PangoFontMap PangoFontMap;

namespace mipex::layout {

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

    /// The display-list font for a pango font, added to the table on first use.
    display::FontId font_id(PangoFont* font);
    std::shared_ptr<display::FontTable> fonts() const { return m_fonts; }

    /// The families the private configuration knows, for error messages.
    std::vector<std::string> families() const;

private:
    PangoFontMap* m_font_map = nullptr;
    PangoContext* m_context = nullptr;
    std::string m_language;
    bool m_right_to_left = false;
    std::shared_ptr<display::FontTable> m_fonts = std::make_shared<display::FontTable>();
    std::map<PangoFont*, display::FontId> m_ids;
};

} // namespace mipex::layout
