#include "layout/shared_paragraphs.h"

#include <pango/pango.h>

namespace mipex::layout {

namespace {

/// Gives every glyph run in `items` the font `map(run.font)`; false when `map` has none for
/// one. Groups are copied rather than changed: their frames may be shared.
template <class Map>
bool renumber_fonts(std::vector<display::Item>& items, const Map& map) {
    for (display::Item& item : items) {
        if (auto* run = std::get_if<display::GlyphRun>(&item)) {
            std::optional<display::FontId> font = map(run->font);
            if (!font)
                return false;
            run->font = *font;
        } else if (auto* group = std::get_if<display::Group>(&item)) {
            display::Frame copy = *group->content;
            if (!renumber_fonts(copy.items, map))
                return false;
            group->content = display::share(std::move(copy));
        }
    }
    return true;
}

} // namespace

std::shared_ptr<const SharedParagraphs::Paragraph>
SharedParagraphs::find(const std::string& key) const {
    std::lock_guard lock(m_mutex);
    auto found = m_paragraphs.find(key);
    return found == m_paragraphs.end() ? nullptr : found->second;
}

void SharedParagraphs::publish(const std::string& key, const std::vector<Line>& lines,
                               const std::vector<display::FontId>& used, const FontContext& fonts,
                               const ParagraphStats& stats) {
    {
        std::lock_guard lock(m_mutex);
        if (m_paragraphs.count(key))
            return;
    }
    auto paragraph = std::make_shared<Paragraph>();
    paragraph->lines = lines;
    paragraph->stats = stats;
    for (display::FontId id : used)
        paragraph->fonts.push_back(fonts.shared(id));
    auto index_of = [&](display::FontId id) -> std::optional<display::FontId> {
        for (size_t i = 0; i < used.size(); ++i)
            if (used[i] == id)
                return static_cast<display::FontId>(i);
        return std::nullopt;
    };
    for (Line& line : paragraph->lines)
        if (!renumber_fonts(line.frame.items, index_of))
            return; // a run in a font the setting did not ask for: not ours to share
    std::lock_guard lock(m_mutex);
    m_paragraphs.emplace(key, std::move(paragraph));
}

std::optional<std::vector<Line>> SharedParagraphs::take(const Paragraph& paragraph,
                                                        FontContext& fonts) {
    // Every font found before any is added, so that a paragraph not taken leaves the font
    // table as it was.
    std::vector<PangoFont*> loaded(paragraph.fonts.size(), nullptr);
    auto release = [&] {
        for (PangoFont* font : loaded)
            if (font)
                g_object_unref(font);
    };
    for (size_t i = 0; i < paragraph.fonts.size(); ++i)
        if (!fonts.known(paragraph.fonts[i]) && !(loaded[i] = fonts.load(paragraph.fonts[i]))) {
            release();
            return std::nullopt;
        }
    std::vector<display::FontId> ids;
    for (size_t i = 0; i < paragraph.fonts.size(); ++i)
        ids.push_back(loaded[i] ? fonts.font_id(loaded[i]) : *fonts.known(paragraph.fonts[i]));
    release();
    std::vector<Line> lines = paragraph.lines;
    auto local = [&](display::FontId index) -> std::optional<display::FontId> {
        return ids.at(index);
    };
    for (Line& line : lines)
        renumber_fonts(line.frame.items, local);
    return lines;
}

size_t SharedParagraphs::size() const {
    std::lock_guard lock(m_mutex);
    return m_paragraphs.size();
}

} // namespace mipex::layout
