#include "layout/chart/canvas.h"

#include "layout/hyphenate.h"

#include <algorithm>

namespace mipex::layout::chart {

namespace {

constexpr std::string_view soft_hyphen = "\u00AD";

std::string without_soft_hyphens(std::string_view text) {
    std::string out;
    for (size_t at = 0; at < text.size();) {
        size_t next = text.find(soft_hyphen, at);
        out.append(text.substr(at, next == std::string_view::npos ? next : next - at));
        if (next == std::string_view::npos)
            break;
        at = next + soft_hyphen.size();
    }
    return out;
}

/// Removes the last UTF-8 character of `text`.
void pop_character(std::string& text) {
    while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80)
        text.pop_back();
    if (!text.empty())
        text.pop_back();
}

/// Breaks a chart label into lines of at most `room` in a style: at spaces and after hyphens,
/// as pango would, and, given a hyphenator, a word too long for a line of its own at its
/// hyphenation points.
class LabelBreaker {
public:
    LabelBreaker(TextShaper& shaper, const doc::Style& style, Length room, Hyphenator* hyphenator,
                 std::vector<std::string>& lines)
        : m_shaper(shaper), m_style(style), m_room(room), m_hyphenator(hyphenator), m_lines(lines) {
        m_lines.clear();
    }

    /// Breaks `text` into the lines; whether they are at most `max_lines`, none too wide.
    bool split(std::string_view text, int max_lines) {
        for (char c : text) {
            if (c == ' ') {
                add_word();
            } else {
                m_word += c;
                if (c == '-')
                    add_word();
            }
        }
        add_word();
        if (!m_line.empty())
            m_lines.push_back(m_line);
        bool fit = static_cast<int>(m_lines.size()) <= max_lines;
        for (const std::string& line : m_lines)
            fit = fit && fits(line);
        return fit;
    }

private:
    bool fits(const std::string& piece) const { return m_shaper.measure(piece, m_style) <= m_room; }

    /// Adds the word read to the line, or starts the next line with it.
    void add_word() {
        if (m_word.empty())
            return;
        std::string joined =
            m_line.empty() ? m_word : m_line + (m_line.back() == '-' ? "" : " ") + m_word;
        if (m_line.empty() || !fits(joined)) {
            if (!m_line.empty())
                m_lines.push_back(m_line);
            m_line = m_word;
            break_word();
        } else {
            m_line = joined;
        }
        m_word.clear();
    }

    /// A word alone on its line and too long for it: broken at the last hyphenation point that
    /// leaves a part (with its hyphen) that fits, as often as need be.
    void break_word() {
        if (!m_hyphenator || fits(m_line))
            return;
        std::string marked = m_hyphenator->hyphenate(m_line);
        for (;;) {
            size_t best = std::string::npos;
            for (size_t at = marked.find(soft_hyphen); at != std::string::npos;
                 at = marked.find(soft_hyphen, at + 1)) {
                if (!fits(without_soft_hyphens(marked.substr(0, at)) + "-"))
                    break;
                best = at;
            }
            if (best == std::string::npos)
                break;
            m_lines.push_back(without_soft_hyphens(marked.substr(0, best)) + "-");
            marked.erase(0, best + soft_hyphen.size());
            if (fits(without_soft_hyphens(marked)))
                break;
        }
        m_line = without_soft_hyphens(marked);
    }

    TextShaper& m_shaper;
    const doc::Style& m_style;
    const Length m_room;
    Hyphenator* m_hyphenator;
    std::vector<std::string>& m_lines;
    std::string m_line, m_word; ///< the line being filled, the word being read
};

} // namespace

Color darker(Color color, double factor) {
    auto scale = [&](uint8_t channel) { return static_cast<uint8_t>(channel * factor); };
    return Color{scale(color.r), scale(color.g), scale(color.b), color.a};
}

display::Hatch no_data_hatch(Color background) {
    return display::Hatch{darker(background, 0.78), from_pt(2.2), from_pt(0.5)};
}

Canvas::Canvas(TextShaper& shaper, Length width, const doc::ChartStyles& styles)
    : m_shaper(shaper), m_styles(styles) {
    m_frame.width = width;
}

void Canvas::rect(display::Rect rect, std::optional<Color> fill,
                  std::optional<display::Stroke> stroke, std::optional<display::Hatch> hatch) {
    if (m_styles.right_to_left)
        rect.x = m_frame.width - rect.x - rect.width;
    display::Shape shape = display::Shape::rect(rect, fill, std::move(stroke));
    shape.hatch = hatch;
    m_frame.add(std::move(shape));
}

void Canvas::line(display::Point from, display::Point to, display::Stroke stroke) {
    m_frame.add(display::Shape::line(point(from), point(to), std::move(stroke)));
}

void Canvas::shape(display::Shape shape) {
    for (display::PathElement& element : shape.path)
        for (display::Point& p : element.points)
            p = point(p);
    m_frame.add(std::move(shape));
}

void Canvas::link(display::Rect area, const std::string& destination) {
    if (destination.empty())
        return;
    if (m_styles.right_to_left)
        area.x = m_frame.width - area.x - area.width;
    m_frame.add(display::Link{area, destination, {}});
}

void Canvas::place_group(display::Group group, const std::vector<display::Mark>& marks) {
    const uint32_t index = drawn();
    m_frame.add(std::move(group));
    for (display::Mark mark : marks) {
        mark.within.insert(mark.within.begin(), index);
        m_marks.push_back(std::move(mark));
    }
}

void Canvas::mark(uint32_t first, const doc::ChartMark& mark) {
    if (mark.label.empty() || drawn() == first)
        return;
    // A country drawn in pieces one after another (a map's islands) is one mark: one name for
    // screen readers, one stop for the keyboard.
    if (!m_marks.empty()) {
        display::Mark& last = m_marks.back();
        if (last.within.empty() && last.end == first && last.country == mark.country &&
            last.value == mark.value && last.label == mark.label) {
            last.end = drawn();
            return;
        }
    }
    m_marks.push_back(display::Mark{{}, first, drawn(), mark.country, mark.value, mark.label});
}

namespace {

doc::Align mirrored(doc::Align align, bool right_to_left) {
    if (!right_to_left)
        return align;
    if (align == doc::Align::Start)
        return doc::Align::End;
    if (align == doc::Align::End)
        return doc::Align::Start;
    return align;
}

} // namespace

Length Canvas::label(std::string_view text, const doc::Style& style, Length at, Length baseline,
                     doc::Align align, std::optional<Color> color, const std::string& destination) {
    if (text.empty())
        return 0;
    Line line = m_shaper.label(text, style, color);
    Length x_visual = x(at);
    doc::Align visual = mirrored(align, m_styles.right_to_left);
    Length left = visual == doc::Align::End      ? x_visual - line.natural_width
                  : visual == doc::Align::Center ? x_visual - line.natural_width / 2
                                                 : x_visual;
    m_frame.place(std::move(line.frame), {left, baseline - line.baseline});
    if (!destination.empty()) {
        Length ascent = m_shaper.ascent(style), descent = m_shaper.descent(style);
        m_frame.add(display::Link{
            {left, baseline - ascent, line.natural_width, ascent + descent}, destination, {}});
    }
    return line.natural_width;
}

Length Canvas::fitted_label(std::string_view text, const doc::Style& style, Length at,
                            Length baseline, Length room, doc::Align align,
                            std::optional<Color> color, const std::string& destination) {
    Length width = m_shaper.measure(text, style);
    if (width <= room)
        return label(text, style, at, baseline, align, color, destination);
    // Shrink in steps of 5% down to the minimum label size.
    doc::Style smaller = style;
    const Length minimum =
        m_styles.min_label_size > 0 ? std::min(m_styles.min_label_size, style.size) : style.size;
    while (smaller.size > minimum) {
        smaller.size = std::max(minimum, smaller.size * 19 / 20);
        if (m_shaper.measure(text, smaller) <= room)
            return label(text, smaller, at, baseline, align, color, destination);
    }
    // Still too long: cut it, end with an ellipsis, and say so.
    std::string cut(text);
    while (!cut.empty() && m_shaper.measure(cut + "\u2026", smaller) > room)
        pop_character(cut);
    m_unfitted.emplace_back(text);
    return label(cut + "\u2026", smaller, at, baseline, align, color, destination);
}

Canvas::LabelLines Canvas::wrap_label(std::string_view text, const doc::Style& style, Length room,
                                      int max_lines) {
    LabelLines result;
    result.style = style;
    const Length minimum =
        m_styles.min_label_size > 0 ? std::min(m_styles.min_label_size, style.size) : style.size;
    std::vector<std::string>& pieces = result.lines;
    auto split = [&](const doc::Style& candidate, Hyphenator* hyphenator) {
        return LabelBreaker(m_shaper, candidate, room, hyphenator, pieces).split(text, max_lines);
    };
    // A label a little smaller reads better than a word broken in a narrow column: first
    // whole words down to 90% of the size, then words hyphenated from the full size down to
    // the minimum.
    doc::Style& current = result.style;
    auto shrink = [&] {
        current.size = std::max(minimum, current.size * 19 / 20);
        current.leading = current.size * 6 / 5;
    };
    bool fits = split(current, nullptr);
    while (!fits && current.size > std::max(minimum, style.size * 9 / 10)) {
        shrink();
        fits = split(current, nullptr);
    }
    if (!fits) {
        current = style;
        Hyphenator* hyphenator = m_shaper.hyphenators().own();
        fits = split(current, hyphenator);
        while (!fits && current.size > minimum) {
            shrink();
            fits = split(current, hyphenator);
        }
    }
    if (!fits) {
        // Keep what fits on the lines allowed, the last one cut with an ellipsis.
        m_unfitted.emplace_back(text);
        if (static_cast<int>(pieces.size()) > max_lines)
            pieces.resize(static_cast<size_t>(max_lines));
        std::string& last = pieces.back();
        while (!last.empty() && m_shaper.measure(last + "\u2026", current) > room)
            pop_character(last);
        last += "\u2026";
    }
    result.height = current.leading * static_cast<Length>(pieces.size());
    return result;
}

void Canvas::label_lines(const LabelLines& lines, Length at, Length y, doc::Align align,
                         Vertical vertical, std::optional<Color> color,
                         const std::string& destination) {
    const doc::Style& style = lines.style;
    Length top = vertical == Vertical::Top      ? y
                 : vertical == Vertical::Middle ? y - lines.height / 2
                                                : y - lines.height;
    const Length ascent = m_shaper.ascent(style), descent = m_shaper.descent(style);
    const Length baseline_in_line = (style.leading - (ascent + descent)) / 2 + ascent;
    for (const std::string& piece : lines.lines) {
        label(piece, style, at, top + baseline_in_line, align, color, destination);
        top += style.leading;
    }
}

void Canvas::wrapped_label(std::string_view text, const doc::Style& style, Length at, Length y,
                           Length room, doc::Align align, Vertical vertical, int max_lines,
                           std::optional<Color> color, const std::string& destination) {
    label_lines(wrap_label(text, style, room, max_lines), at, y, align, vertical, color,
                destination);
}

Length Canvas::paragraph(const std::string& text, const doc::Style& style, Length at, Length y,
                         Length room) {
    doc::Span span;
    span.text = text;
    Length top = y;
    for (Line& line : m_shaper.lines({span}, style, room, doc::Align::Start)) {
        Length left = m_styles.right_to_left ? x(at) - room : at;
        m_frame.place(std::move(line.frame), {left, y});
        y += style.leading;
    }
    return y - top;
}

Length Canvas::title(const std::string& text, Length y) {
    return paragraph(text, *m_styles.title, 0, y, m_frame.width);
}

Length Canvas::heading(const std::string& chart_title,
                       const std::vector<doc::LegendEntry>& legend_entries, Length space,
                       const std::string& note) {
    Length y = title(chart_title, 0);
    if (!note.empty())
        y += paragraph(note, *m_styles.axis, 0, y, m_frame.width);
    y += from_pt(3);
    y += legend(legend_entries, y);
    return y + space;
}

Length Canvas::legend(const std::vector<doc::LegendEntry>& entries, Length top) {
    if (entries.empty())
        return 0;
    const doc::Style& style = *m_styles.label;
    const Length swatch = from_pt(7);
    const Length gap = from_pt(3);
    const Length spacing = from_pt(10);
    const Length row_height = std::max(style.leading, swatch + from_pt(2));
    const Length baseline_offset = (m_shaper.ascent(style) - m_shaper.descent(style)) / 2;
    Length left = 0, y = top;
    for (const doc::LegendEntry& entry : entries) {
        Length label_width = m_shaper.measure(entry.label, style);
        Length mark_width = entry.mark == doc::LegendEntry::Mark::None ? 0 : swatch + gap;
        Length entry_width = mark_width + label_width;
        if (left > 0 && left + entry_width > m_frame.width) {
            left = 0;
            y += row_height;
        }
        Length middle = y + row_height / 2;
        switch (entry.mark) {
        case doc::LegendEntry::Mark::Swatch:
            rect({left, middle - swatch / 2, swatch, swatch}, entry.color,
                 display::Stroke{darker(entry.color), from_pt(0.3), {}, false});
            break;
        case doc::LegendEntry::Mark::Hatched:
            rect({left, middle - swatch / 2, swatch, swatch}, entry.color,
                 display::Stroke{darker(entry.color), from_pt(0.3), {}, false},
                 no_data_hatch(entry.color));
            break;
        case doc::LegendEntry::Mark::Line:
            line({left + swatch / 2, middle - swatch / 2 - from_pt(1)},
                 {left + swatch / 2, middle + swatch / 2 + from_pt(1)},
                 display::Stroke{entry.color, from_pt(1.2), {}, false});
            break;
        case doc::LegendEntry::Mark::None:
            break;
        }
        label(entry.label, style, left + mark_width, middle + baseline_offset);
        left += entry_width + (entry.mark == doc::LegendEntry::Mark::None ? gap : spacing);
    }
    return y + row_height - top;
}

display::Frame Canvas::finish(Length height) {
    m_frame.height = height;
    return std::move(m_frame);
}

} // namespace mipex::layout::chart
