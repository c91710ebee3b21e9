// Comparison chart: for each category (a policy area) one bar per series (edition), the
// previous edition in grey and the current one in its band colour, the average as a marker.
#include "layout/chart/chart.h"

#include <algorithm>

namespace mipex::layout::chart {

Length comparison(const doc::ComparisonChart& spec, Canvas& canvas) {
    const doc::ChartStyles& styles = canvas.styles();
    TextShaper& shaper = canvas.shaper();
    const Length width = canvas.width();

    Length y = canvas.heading(spec.title, spec.legend, from_pt(8));

    const Length gap = from_pt(6);
    Length label_width = 0;
    for (const doc::ComparisonChart::Category& category : spec.categories)
        label_width = std::max(label_width, shaper.measure(category.label, *styles.label));
    label_width = std::min(label_width, width * 3 / 10);
    // Room for the widest value after a bar ("100", or "100.00" with decimals).
    Length widest_value = shaper.measure("100", *styles.value);
    for (const doc::ComparisonChart::Category& category : spec.categories)
        for (const std::string& text : category.value_texts)
            widest_value = std::max(widest_value, shaper.measure(text, *styles.value));
    const Length value_space = widest_value + from_pt(4);
    const Length plot_left = label_width + gap;
    const Length plot_width = std::max<Length>(width - plot_left - value_space, from_pt(40));

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
        double value = axis_score(i, spec.axis_labels.size());
        Length x = score_x(value, plot_left, plot_width);
        canvas.line({x, plot_top - from_pt(2)}, {x, plot_bottom},
                    display::Stroke{styles.grid, from_pt(0.4), {}, false});
    }

    const Length value_offset = (shaper.ascent(*styles.value) - shaper.descent(*styles.value)) / 2;
    for (size_t c = 0; c < spec.categories.size(); ++c) {
        const doc::ComparisonChart::Category& category = spec.categories[c];
        Length top = plot_top + (group_height + group_gap) * static_cast<Length>(c);
        Length middle = top + group_height / 2;
        canvas.wrapped_label(category.label, *styles.label, 0, middle, label_width,
                             doc::Align::Start, Canvas::Vertical::Middle, 2, styles.text,
                             category.link);
        for (size_t s = 0; s < category.values.size(); ++s) {
            if (!category.values[s])
                continue;
            Length bar_top = top + (bar_height + bar_gap) * static_cast<Length>(s);
            const uint32_t first = canvas.drawn();
            Length right = score_x(*category.values[s], plot_left, plot_width);
            Color color = s < category.colors.size() ? category.colors[s] : styles.muted;
            canvas.rect({plot_left, bar_top, right - plot_left, bar_height}, color,
                        display::Stroke{darker(color), from_pt(0.3), {}, false});
            // The value after the bar's end, or after the average's mark where the mark would
            // cross it.
            const std::string& text =
                s < category.value_texts.size() ? category.value_texts[s] : "";
            Length at = right + from_pt(2);
            if (category.marker) {
                Length mark = score_x(*category.marker, plot_left, plot_width);
                if (mark + from_pt(1) >= at &&
                    mark - from_pt(1) <= at + shaper.measure(text, *styles.value))
                    at = mark + from_pt(2);
            }
            canvas.label(text, *styles.value, at, bar_top + bar_height / 2 + value_offset,
                         doc::Align::Start, styles.text);
            if (s < category.marks.size())
                canvas.mark(first, category.marks[s]);
        }
        if (category.marker) {
            Length x = score_x(*category.marker, plot_left, plot_width);
            canvas.line({x, top - from_pt(2)}, {x, top + group_height + from_pt(2)},
                        display::Stroke{styles.average, from_pt(1.2), {}, false});
        }
    }

    Length axis_baseline = plot_bottom - group_gap + from_pt(4) + shaper.ascent(*styles.axis);
    for (size_t i = 0; i < spec.axis_labels.size(); ++i) {
        double value = axis_score(i, spec.axis_labels.size());
        canvas.label(spec.axis_labels[i], *styles.axis, score_x(value, plot_left, plot_width),
                     axis_baseline, doc::Align::Center);
    }
    return axis_baseline + shaper.descent(*styles.axis) + from_pt(4);
}

} // namespace mipex::layout::chart
