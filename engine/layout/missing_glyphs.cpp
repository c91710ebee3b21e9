#include "layout/missing_glyphs.h"

#include <glib.h>

namespace mipex::layout {

void MissingGlyphLog::report(std::string_view text, const doc::Span* span, size_t byte) {
    MissingGlyph missing = m_location;
    missing.text = std::string(text);
    missing.key = span ? span->key : std::string();
    if (byte < text.size())
        missing.character = g_utf8_get_char(text.data() + byte);
    m_missing.push_back(std::move(missing));
}

void MissingGlyphLog::report_again(const std::vector<MissingGlyph>& missing) {
    for (const MissingGlyph& earlier : missing) {
        MissingGlyph again = m_location;
        again.text = earlier.text;
        again.key = earlier.key;
        again.character = earlier.character;
        m_missing.push_back(std::move(again));
    }
}

} // namespace mipex::layout
