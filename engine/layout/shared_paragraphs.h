// Paragraphs set by one edition for the other editions of the same build. A text printed alike
// in several editions (an untranslated paragraph: the same text, language, style and measure) is
// set once; every other edition takes a copy with its own font numbers, and lays out the pages
// of a cold build of itself alone. Safe to use from the threads of several editions at once.
#pragma once

#include "layout/fonts.h"
#include "layout/paragraph.h"
#include "layout/text.h"

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace mipex::layout {

class SharedParagraphs {
public:
    /// A paragraph as one edition set it: its glyph runs' fonts index `fonts`, which hold the
    /// fonts in the order the setting first asked for them.
    struct Paragraph {
        std::vector<Line> lines;
        std::vector<SharedFont> fonts;
        ParagraphStats stats;
    };

    /// The paragraph published under `key`, if any.
    std::shared_ptr<const Paragraph> find(const std::string& key) const;
    /// Publishes lines an edition set with `fonts`, which asked for `used` (its FontIds, in
    /// the order first asked for; every glyph run's font among them). The first to publish a
    /// key wins: every edition sets the same paragraph alike.
    void publish(const std::string& key, const std::vector<Line>& lines,
                 const std::vector<display::FontId>& used, const FontContext& fonts,
                 const ParagraphStats& stats);
    /// The paragraph's lines with the FontIds of `fonts`, asked for in the order the setting
    /// asked (so that the font table grows as it would have); none when a font resolves to
    /// another file in this font map.
    static std::optional<std::vector<Line>> take(const Paragraph& paragraph, FontContext& fonts);

    size_t size() const;

private:
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, std::shared_ptr<const Paragraph>> m_paragraphs;
};

} // namespace mipex::layout
