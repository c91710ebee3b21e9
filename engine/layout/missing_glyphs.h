// The characters the bundled fonts cannot draw, as shaping meets them, each with where layout
// was: layout_document reports them as warnings once it knows their pages.
#pragma once

#include "doc/document.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mipex::layout {

/// A character that could not be drawn with the bundled fonts.
struct MissingGlyph {
    std::string text;       ///< the text it occurred in
    std::string key;        ///< the string key of that text, when its span names it
    uint32_t character = 0; ///< the code point
    /// Where layout was when the text was shaped (MissingGlyphLog::set_location).
    size_t section = 0;
    uint32_t block = 0;
    std::string page; ///< the page label, when shaped for a known page (running heads)
};

class MissingGlyphLog {
public:
    /// Where the text shaped from now on goes: a block of a section, or a page by its label
    /// (for the page's furniture), so that a missing glyph can be reported with its page.
    void set_location(size_t section, uint32_t block, std::string page = {}) {
        m_location = MissingGlyph{{}, {}, 0, section, block, std::move(page)};
    }
    /// Records a character without a glyph, at byte `byte` of `text`, in `span` (if known).
    void report(std::string_view text, const doc::Span* span = nullptr, size_t byte = 0);
    /// Records again, where layout is now, characters recorded before (the lines of a
    /// paragraph set earlier, given again).
    void report_again(const std::vector<MissingGlyph>& missing);

    const std::vector<MissingGlyph>& entries() const { return m_missing; }
    /// The characters recorded since the log held `count`.
    std::vector<MissingGlyph> since(size_t count) const {
        return {m_missing.begin() + static_cast<ptrdiff_t>(count), m_missing.end()};
    }
    size_t size() const { return m_missing.size(); }
    bool empty() const { return m_missing.empty(); }
    auto begin() const { return m_missing.begin(); }
    auto end() const { return m_missing.end(); }
    void clear() { m_missing.clear(); }

private:
    std::vector<MissingGlyph> m_missing;
    MissingGlyph m_location;
};

} // namespace mipex::layout
