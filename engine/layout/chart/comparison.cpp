// Comparison chart: for each category (a policy area) one bar per series (edition), the
// previous edition in grey and the current one in its band colour, the average as a marker.
#include "layout/chart/chart.h"

#include <algorithm>
#include <cmath>

namespace mipex::layout::chart {

display::Frame comparison(const doc::ComparisonChart& spec, const doc::ChartStyles& styles,
                          Length width, TextShaper& shaper) {
    display::Frame frame;
    frame.width = width;
    const doc::Style& label_style = *styles.label;
    const doc::Style& value_style = *styles.value;
    const doc::Style& axis_style = *styles.axis;

    Length y = 0;
    for (Line& line : shaper.lines({doc::Span{spec.title, doc::Span::Plain, std::nullopt, {}}},
                                   *styles.title, width, doc::Align::Start)) {
        frame.place(line.frame, {0, y});
        y += styles.title->leading;
    }
    y += from_pt(3);
    y += legend(spec.legend, styles, width, y, frame, shaper);
    y += from_pt(8);

    const Length gap = from_pt(6);
    Length label_width = 0;
    for (const doc::ComparisonChart::Category& category : spec.categories)
        label_width = std::max(label_width, shaper.measure(category.label, label_style));
    label_width = std::min(label_width, width * 3 / 10);
    const Length value_space = shaper.measure("100", value_style) + from_pt(4);
    const Length plot_left = label_width + gap;
    const Length plot_width = std::max<Length>(width - plot_left - value_space, from_pt(40));
    auto x_of = [&](double value) {
        return plot_left +
               static_cast<Length>(std::lround(std::clamp(value, 0.0, 100.0) / 100.0 * plot_width));
    };

    const size_t series = std::max<size_t>(spec.series.size(), 1);
    const Length bar_height = from_pt(7);
    const Length bar_gap = from_pt(1);
    const Length group_gap = from_pt(7);
    const Length group_height =
        bar_height * static_cast<Length>(series) + bar_gap * static_cast<Length>(series - 1);
    const Length plot_top = y;
    const Length plot_bottom =
        plot_top + (group_height + group_gap) * static_cast<Length>(spec.categories.size());

    for (size_t i = 0; i < spec.axis_labels.size(); ++i) {
        double value = spec.axis_labels.size() > 1 ? 100.0 * i / (spec.axis_labels.size() - 1) : 0;
        frame.add(display::Shape::line({x_of(value), plot_top - from_pt(2)},
                                       {x_of(value), plot_bottom},
                                       display::Stroke{styles.grid, from_pt(0.4), {}, false}));
    }

    const Length ascent = shaper.ascent(label_style);
    const Length descent = shaper.descent(label_style);
    for (size_t c = 0; c < spec.categories.size(); ++c) {
        const doc::ComparisonChart::Category& category = spec.categories[c];
        Length top = plot_top + (group_height + group_gap) * static_cast<Length>(c);
        Length middle = top + group_height / 2;
        place_label(frame, shaper, category.label, label_style, 0, middle + (ascent - descent) / 2,
                    doc::Align::Start, styles.text, category.link);
        for (size_t s = 0; s < category.values.size(); ++s) {
            if (!category.values[s])
                continue;
            Length bar_top = top + (bar_height + bar_gap) * static_cast<Length>(s);
            Length right = x_of(*category.values[s]);
            Color color = s < category.colors.size() ? category.colors[s] : styles.muted;
            frame.add(
                display::Shape::rect({plot_left, bar_top, right - plot_left, bar_height}, color,
                                     display::Stroke{darker(color), from_pt(0.3), {}, false}));
            Length baseline = bar_top + bar_height / 2 +
                              (shaper.ascent(value_style) - shaper.descent(value_style)) / 2;
            place_label(frame, shaper,
                        s < category.value_texts.size() ? category.value_texts[s] : "", value_style,
                        right + from_pt(2), baseline, doc::Align::Start, styles.text);
        }
        if (category.marker) {
            Length x = x_of(*category.marker);
            frame.add(
                display::Shape::line({x, top - from_pt(2)}, {x, top + group_height + from_pt(2)},
                                     display::Stroke{styles.average, from_pt(1.2), {}, false}));
        }
    }

    // Axis labels below the plot.
    Length axis_baseline = plot_bottom - group_gap + from_pt(4) + shaper.ascent(axis_style);
    for (size_t i = 0; i < spec.axis_labels.size(); ++i) {
        double value = spec.axis_labels.size() > 1 ? 100.0 * i / (spec.axis_labels.size() - 1) : 0;
        place_label(frame, shaper, spec.axis_labels[i], axis_style, x_of(value), axis_baseline,
                    doc::Align::Center);
    }
    frame.height = axis_baseline + shaper.descent(axis_style) + from_pt(4);
    return frame;
}

} // namespace mipex::layout::chart
