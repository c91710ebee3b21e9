// Ranking chart: one horizontal bar per country, best first, on the full 0–100 axis (a score
// axis is never truncated), bars coloured by band, the average as a thin line with its value.
#include "layout/chart/chart.h"

#include <algorithm>
#include <cmath>

namespace mipex::layout::chart {

display::Frame ranking(const doc::RankingChart& spec, const doc::ChartStyles& styles, Length width,
                       TextShaper& shaper) {
    display::Frame frame;
    frame.width = width;
    const doc::Style& title_style = *styles.title;
    const doc::Style& label_style = *styles.label;
    const doc::Style& value_style = *styles.value;
    const doc::Style& axis_style = *styles.axis;

    Length y = 0;
    // Title, wrapped to the width.
    for (Line& line : shaper.lines({doc::Span{spec.title, doc::Span::Plain, std::nullopt, {}}},
                                   title_style, width, doc::Align::Start)) {
        frame.place(line.frame, {0, y});
        y += title_style.leading;
    }
    y += from_pt(3);
    y += legend(spec.legend, styles, width, y, frame, shaper);
    y += from_pt(6);

    // Columns: rank, country label, plot, value.
    Length rank_width = 0, label_width = 0;
    for (const doc::RankingChart::Bar& bar : spec.bars) {
        rank_width = std::max(rank_width, shaper.measure(bar.rank, value_style));
        label_width = std::max(label_width, shaper.measure(bar.label, label_style));
    }
    label_width = std::min(label_width, width * 3 / 10);
    const Length gap = from_pt(4);
    const Length value_space = shaper.measure("100", value_style) + from_pt(4);
    const Length plot_left = rank_width + gap + label_width + gap;
    const Length plot_width = std::max<Length>(width - plot_left - value_space, from_pt(40));
    auto x_of = [&](double value) {
        return plot_left +
               static_cast<Length>(std::lround(std::clamp(value, 0.0, 100.0) / 100.0 * plot_width));
    };

    // Axis labels above the plot.
    const Length axis_baseline = y + shaper.ascent(axis_style);
    for (size_t i = 0; i < spec.axis_labels.size(); ++i) {
        double value = spec.axis_labels.size() > 1 ? 100.0 * i / (spec.axis_labels.size() - 1) : 0;
        place_label(frame, shaper, spec.axis_labels[i], axis_style, x_of(value), axis_baseline,
                    doc::Align::Center);
    }
    y += axis_style.leading + from_pt(2);

    const Length pitch = from_pt(8.6);
    const Length bar_height = from_pt(6);
    const Length plot_top = y;
    const Length plot_bottom = plot_top + pitch * static_cast<Length>(spec.bars.size());

    // Light gridlines first, so bars draw over them.
    for (size_t i = 0; i < spec.axis_labels.size(); ++i) {
        double value = spec.axis_labels.size() > 1 ? 100.0 * i / (spec.axis_labels.size() - 1) : 0;
        frame.add(display::Shape::line({x_of(value), plot_top - from_pt(1)},
                                       {x_of(value), plot_bottom},
                                       display::Stroke{styles.grid, from_pt(0.4), {}, false}));
    }

    const Length label_ascent = shaper.ascent(label_style);
    const Length label_descent = shaper.descent(label_style);
    for (size_t i = 0; i < spec.bars.size(); ++i) {
        const doc::RankingChart::Bar& bar = spec.bars[i];
        Length top = plot_top + pitch * static_cast<Length>(i);
        Length middle = top + pitch / 2;
        Length baseline = middle + (label_ascent - label_descent) / 2;
        place_label(frame, shaper, bar.rank, value_style, rank_width, baseline, doc::Align::End,
                    styles.muted);
        place_label(frame, shaper, bar.label, label_style, rank_width + gap, baseline,
                    doc::Align::Start, bar.highlight ? styles.highlight : styles.text, bar.link);
        Length bar_right = x_of(bar.value);
        display::Stroke outline{bar.highlight ? styles.highlight : darker(bar.color),
                                from_pt(bar.highlight ? 1.0 : 0.3),
                                {},
                                false};
        frame.add(display::Shape::rect(
            {plot_left, middle - bar_height / 2, bar_right - plot_left, bar_height}, bar.color,
            outline));
        place_label(frame, shaper, bar.value_text, value_style, bar_right + from_pt(2), baseline,
                    doc::Align::Start, styles.text);
    }

    y = plot_bottom;
    if (spec.average) {
        Length x = x_of(*spec.average);
        frame.add(display::Shape::line({x, plot_top - from_pt(2)}, {x, plot_bottom + from_pt(3)},
                                       display::Stroke{styles.average, from_pt(0.9), {}, false}));
        Length baseline = plot_bottom + from_pt(3) + shaper.ascent(label_style);
        place_label(frame, shaper, spec.average_label, label_style, x, baseline, doc::Align::Center,
                    styles.average);
        y = baseline + shaper.descent(label_style);
    }
    frame.height = y + from_pt(4);
    return frame;
}

} // namespace mipex::layout::chart
