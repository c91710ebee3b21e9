// Dimensions chart: small multiples, a panel per area with a bar per dimension on the full
// 0–100 axis and the average marked, panels in a grid so areas compare by position.
#include "layout/chart/chart.h"

#include <algorithm>

namespace mipex::layout::chart {

Length dimensions(const doc::DimensionsChart& spec, Canvas& canvas) {
    const doc::ChartStyles& styles = canvas.styles();
    TextShaper& shaper = canvas.shaper();
    const Length width = canvas.width();

    Length y = canvas.heading(spec.title, spec.legend, from_pt(8));

    const int columns = std::max(1, spec.columns);
    const Length column_gap = from_pt(14);
    const Length panel_width = (width - column_gap * (columns - 1)) / columns;
    const Length label_width = panel_width * 9 / 20;
    // Room for the widest value after a bar ("100", or "100.00" with decimals).
    Length widest_value = shaper.measure("100", *styles.value);
    for (const doc::DimensionsChart::Panel& panel : spec.panels)
        for (const doc::DimensionsChart::Bar& bar : panel.bars)
            if (bar.value)
                widest_value =
                    std::max(widest_value, shaper.measure(bar.value_text, *styles.value));
    const Length value_space = widest_value + from_pt(3);
    const Length plot_left_in_panel = label_width + from_pt(4);
    const Length plot_width = panel_width - plot_left_in_panel - value_space;
    const Length pitch = from_pt(15); // room for a label on two lines
    const Length bar_height = from_pt(6);
    const Length title_height = styles.label->leading + from_pt(3);
    const Length offset = (shaper.ascent(*styles.label) - shaper.descent(*styles.label)) / 2;

    size_t most_bars = 0;
    for (const doc::DimensionsChart::Panel& panel : spec.panels)
        most_bars = std::max(most_bars, panel.bars.size());
    const Length panel_height = title_height + pitch * static_cast<Length>(most_bars) + from_pt(10);

    for (size_t p = 0; p < spec.panels.size(); ++p) {
        const doc::DimensionsChart::Panel& panel = spec.panels[p];
        Length left =
            (panel_width + column_gap) * static_cast<Length>(p % static_cast<size_t>(columns));
        Length top = y + panel_height * static_cast<Length>(p / static_cast<size_t>(columns));
        doc::Style title_style = *styles.label;
        title_style.weight = 600;
        canvas.fitted_label(panel.title, title_style, left, top + shaper.ascent(*styles.label),
                            panel_width, doc::Align::Start, styles.text, panel.link);
        Length plot_left = left + plot_left_in_panel;
        Length plot_top = top + title_height;
        Length plot_bottom = plot_top + pitch * static_cast<Length>(panel.bars.size());
        for (int tick = 0; tick <= 100; tick += 50) {
            Length x = score_x(tick, plot_left, plot_width);
            canvas.line({x, plot_top}, {x, plot_bottom},
                        display::Stroke{styles.grid, from_pt(0.4), {}, false});
        }
        for (size_t b = 0; b < panel.bars.size(); ++b) {
            const doc::DimensionsChart::Bar& bar = panel.bars[b];
            Length middle = plot_top + pitch * static_cast<Length>(b) + pitch / 2;
            canvas.wrapped_label(bar.label, *styles.label, left, middle, label_width,
                                 doc::Align::Start, Canvas::Vertical::Middle, 2, styles.text);
            if (bar.value) {
                Length right = score_x(*bar.value, plot_left, plot_width);
                const uint32_t first = canvas.drawn();
                canvas.rect({plot_left, middle - bar_height / 2, right - plot_left, bar_height},
                            bar.color, display::Stroke{darker(bar.color), from_pt(0.3), {}, false});
                canvas.label(bar.value_text, *styles.value, right + from_pt(2), middle + offset,
                             doc::Align::Start, styles.text);
                canvas.mark(first, bar.mark);
            }
            if (bar.marker) {
                Length x = score_x(*bar.marker, plot_left, plot_width);
                canvas.line({x, middle - bar_height / 2 - from_pt(1.5)},
                            {x, middle + bar_height / 2 + from_pt(1.5)},
                            display::Stroke{styles.average, from_pt(1.1), {}, false});
            }
        }
        // 0, 50 and 100 under the last row of panels only.
        if (p + static_cast<size_t>(columns) >= spec.panels.size() &&
            spec.axis_labels.size() >= 6) {
            Length baseline = plot_bottom + from_pt(2) + shaper.ascent(*styles.axis);
            canvas.label(spec.axis_labels.front(), *styles.axis, plot_left, baseline,
                         doc::Align::Center);
            canvas.label(spec.axis_labels.back(), *styles.axis, plot_left + plot_width, baseline,
                         doc::Align::Center);
        }
    }
    size_t rows =
        (spec.panels.size() + static_cast<size_t>(columns) - 1) / static_cast<size_t>(columns);
    return y + panel_height * static_cast<Length>(rows) + styles.axis->leading;
}

} // namespace mipex::layout::chart
