#include "layout/chart/chart.h"

namespace mipex::layout {

display::Frame layout_chart(const doc::Chart& chart, Length width, TextShaper& shaper) {
    if (auto* ranking = std::get_if<doc::RankingChart>(&chart.spec))
        return chart::ranking(*ranking, chart.styles, width, shaper);
    return chart::comparison(std::get<doc::ComparisonChart>(chart.spec), chart.styles, width,
                             shaper);
}

namespace chart {

Color darker(Color color, double factor) {
    auto scale = [&](uint8_t channel) { return static_cast<uint8_t>(channel * factor); };
    return Color{scale(color.r), scale(color.g), scale(color.b), color.a};
}

void place_label(display::Frame& frame, TextShaper& shaper, std::string_view text,
                 const doc::Style& style, Length x, Length baseline, doc::Align align,
                 std::optional<Color> color, const std::string& link) {
    if (text.empty())
        return;
    Line line = shaper.label(text, style, color);
    Length left = x;
    if (align == doc::Align::End)
        left = x - line.natural_width;
    else if (align == doc::Align::Center)
        left = x - line.natural_width / 2;
    frame.place(line.frame, {left, baseline - line.baseline});
    if (!link.empty())
        frame.add(display::Link{{left, baseline - shaper.ascent(style), line.natural_width,
                                 shaper.ascent(style) + shaper.descent(style)},
                                link,
                                {}});
}

Length legend(const std::vector<doc::LegendEntry>& entries, const doc::ChartStyles& styles,
              Length width, Length top, display::Frame& frame, TextShaper& shaper) {
    if (entries.empty())
        return 0;
    const doc::Style& style = *styles.label;
    const Length swatch = from_pt(7);
    const Length gap = from_pt(3);
    const Length spacing = from_pt(10);
    const Length row_height = std::max(style.leading, swatch + from_pt(2));
    Length x = 0, y = top;
    for (const doc::LegendEntry& entry : entries) {
        Length label_width = shaper.measure(entry.label, style);
        Length mark_width = entry.mark == doc::LegendEntry::Mark::None ? 0 : swatch + gap;
        Length entry_width = mark_width + label_width;
        if (x > 0 && x + entry_width > width) {
            x = 0;
            y += row_height;
        }
        Length middle = y + row_height / 2;
        if (entry.mark == doc::LegendEntry::Mark::Swatch) {
            frame.add(display::Shape::rect(
                {x, middle - swatch / 2, swatch, swatch}, entry.color,
                display::Stroke{darker(entry.color), from_pt(0.3), {}, false}));
        } else if (entry.mark == doc::LegendEntry::Mark::Line) {
            frame.add(display::Shape::line({x + swatch / 2, middle - swatch / 2 - from_pt(1)},
                                           {x + swatch / 2, middle + swatch / 2 + from_pt(1)},
                                           display::Stroke{entry.color, from_pt(1.2), {}, false}));
        }
        Length baseline = middle + (shaper.ascent(style) - shaper.descent(style)) / 2;
        place_label(frame, shaper, entry.label, style, x + mark_width, baseline);
        x += entry_width + (entry.mark == doc::LegendEntry::Mark::None ? gap : spacing);
    }
    return y + row_height - top;
}

} // namespace chart

} // namespace mipex::layout
