// Ranking chart: one horizontal bar per country, best first, on the full 0–100 axis, bars
// coloured by band, the average as a thin line with its value. The vertical variant shows a
// country among all the others as thin columns.
#include "layout/chart/chart.h"

#include <algorithm>

namespace mipex::layout::chart {

Length ranking(const doc::RankingChart& spec, Canvas& canvas) {
    const doc::ChartStyles& styles = canvas.styles();
    TextShaper& shaper = canvas.shaper();
    const Length width = canvas.width();

    Length y = canvas.heading(spec.title, spec.legend, from_pt(6), spec.note);

    // Columns: rank, country label, plot, value. Labels get at most 30% of the width; longer
    // ones shrink, then are cut and reported.
    Length rank_width = 0, label_width = 0;
    for (const doc::RankingChart::Bar& bar : spec.bars) {
        rank_width = std::max(rank_width, shaper.measure(bar.rank, *styles.value));
        label_width = std::max(label_width, shaper.measure(bar.label, *styles.label));
    }
    label_width = std::min(label_width, width * 3 / 10);
    const Length gap = from_pt(4);
    // Room for the widest value after a bar ("100", or "100.00" with decimals).
    Length widest_value = shaper.measure("100", *styles.value);
    for (const doc::RankingChart::Bar& bar : spec.bars)
        widest_value = std::max(widest_value, shaper.measure(bar.value_text, *styles.value));
    const Length value_space = widest_value + from_pt(4);
    const Length plot_left = rank_width + gap + label_width + gap;
    const Length plot_width = std::max<Length>(width - plot_left - value_space, from_pt(40));

    const Length axis_baseline = y + shaper.ascent(*styles.axis);
    for (size_t i = 0; i < spec.axis_labels.size(); ++i) {
        double value = axis_score(i, spec.axis_labels.size());
        canvas.label(spec.axis_labels[i], *styles.axis, score_x(value, plot_left, plot_width),
                     axis_baseline, doc::Align::Center);
    }
    y += styles.axis->leading + from_pt(2);

    const Length pitch = from_pt(8.6);
    const Length bar_height = from_pt(6);
    const Length plot_top = y;
    const Length plot_bottom = plot_top + pitch * static_cast<Length>(spec.bars.size());
    for (size_t i = 0; i < spec.axis_labels.size(); ++i) {
        double value = axis_score(i, spec.axis_labels.size());
        Length x = score_x(value, plot_left, plot_width);
        canvas.line({x, plot_top - from_pt(1)}, {x, plot_bottom},
                    display::Stroke{styles.grid, from_pt(0.4), {}, false});
    }

    const Length offset = (shaper.ascent(*styles.label) - shaper.descent(*styles.label)) / 2;
    for (size_t i = 0; i < spec.bars.size(); ++i) {
        const doc::RankingChart::Bar& bar = spec.bars[i];
        Length middle = plot_top + pitch * static_cast<Length>(i) + pitch / 2;
        Length baseline = middle + offset;
        // The row is the country's mark: rank, name, bar and value.
        const uint32_t first = canvas.drawn();
        canvas.label(bar.rank, *styles.value, rank_width, baseline, doc::Align::End, styles.muted);
        canvas.fitted_label(bar.label, *styles.label, rank_width + gap, baseline, label_width,
                            doc::Align::Start, bar.highlight ? styles.highlight : styles.text,
                            bar.link);
        Length right = score_x(bar.value, plot_left, plot_width);
        display::Stroke outline{bar.highlight ? styles.highlight : darker(bar.color),
                                from_pt(bar.highlight ? 1.0 : 0.3),
                                {},
                                false};
        canvas.rect({plot_left, middle - bar_height / 2, right - plot_left, bar_height}, bar.color,
                    outline);
        // The value after the bar's end, or after the average's line where the line would
        // cross it (as the comparison chart does): "46.88" beside an average of 49.78.
        Length at = right + from_pt(2);
        if (spec.average) {
            Length mark = score_x(*spec.average, plot_left, plot_width);
            if (mark + from_pt(1) >= at &&
                mark - from_pt(1) <= at + shaper.measure(bar.value_text, *styles.value))
                at = mark + from_pt(2);
        }
        canvas.label(bar.value_text, *styles.value, at, baseline, doc::Align::Start, styles.text);
        canvas.mark(first, bar.mark);
    }

    y = plot_bottom;
    if (spec.average) {
        Length x = score_x(*spec.average, plot_left, plot_width);
        canvas.line({x, plot_top - from_pt(2)}, {x, plot_bottom + from_pt(3)},
                    display::Stroke{styles.average, from_pt(0.9), {}, false});
        Length baseline = plot_bottom + from_pt(3) + shaper.ascent(*styles.label);
        canvas.label(spec.average_label, *styles.label, x, baseline, doc::Align::Center,
                     styles.average);
        y = baseline + shaper.descent(*styles.label);
    }
    return y + from_pt(4);
}

Length columns(const doc::RankingChart& spec, Canvas& canvas) {
    const doc::ChartStyles& styles = canvas.styles();
    TextShaper& shaper = canvas.shaper();
    const Length width = canvas.width();

    Length y = canvas.title(spec.title, 0) + from_pt(6);
    // Room above the plot for the marked country's label.
    const Length label_room = styles.label->leading + from_pt(2);
    y += label_room;
    const Length axis_width = shaper.measure("100", *styles.axis) + from_pt(4);
    const Length plot_left = axis_width;
    const Length plot_width = width - plot_left;
    const Length plot_height = from_pt(56);
    const Length plot_bottom = y + plot_height;
    auto y_of = [&](double value) {
        return plot_bottom - static_cast<Length>(
                                 std::lround(std::clamp(value, 0.0, 100.0) / 100.0 * plot_height));
    };
    for (size_t i = 0; i < spec.axis_labels.size(); ++i) {
        double value = axis_score(i, spec.axis_labels.size());
        if (i % 2 == 1)
            continue; // 0, 40, 80 … keep a small chart quiet
        Length line_y = y_of(value);
        canvas.line({plot_left, line_y}, {width, line_y},
                    display::Stroke{styles.grid, from_pt(0.4), {}, false});
        canvas.label(spec.axis_labels[i], *styles.axis, plot_left - from_pt(3),
                     line_y + (shaper.ascent(*styles.axis) - shaper.descent(*styles.axis)) / 2,
                     doc::Align::End);
    }
    const size_t count = std::max<size_t>(spec.bars.size(), 1);
    const Length pitch = plot_width / static_cast<Length>(count);
    const Length bar_width = std::max<Length>(pitch * 7 / 10, from_pt(0.8));
    for (size_t i = 0; i < spec.bars.size(); ++i) {
        const doc::RankingChart::Bar& bar = spec.bars[i];
        Length left = plot_left + pitch * static_cast<Length>(i) + (pitch - bar_width) / 2;
        Length top = y_of(bar.value);
        // Only the marked country is in colour; the others are the background it stands in.
        Color fill = bar.highlight ? bar.color : styles.grid;
        std::optional<display::Stroke> outline;
        if (bar.highlight)
            outline = display::Stroke{styles.highlight, from_pt(0.8), {}, false};
        // No links here: columns a point wide make poor targets, and the other countries are a
        // click away in the ranking of the profiles part.
        const uint32_t first = canvas.drawn();
        canvas.rect({left, top, bar_width, plot_bottom - top}, fill, outline);
        if (bar.highlight) {
            Length centre = left + bar_width / 2;
            std::string text = bar.label + " " + bar.value_text;
            Length text_width = shaper.measure(text, *styles.label);
            // Keep the label inside the chart: centred on its column unless near an edge.
            doc::Align align = doc::Align::Center;
            Length at = centre;
            if (centre - text_width / 2 < plot_left) {
                align = doc::Align::Start;
                at = left;
            } else if (centre + text_width / 2 > width) {
                align = doc::Align::End;
                at = left + bar_width;
            }
            canvas.label(text, *styles.label, at, top - from_pt(3), align, styles.highlight);
        }
        canvas.mark(first, bar.mark);
    }
    if (spec.average) {
        Length line_y = y_of(*spec.average);
        canvas.line(
            {plot_left, line_y}, {width, line_y},
            display::Stroke{styles.average, from_pt(0.8), {from_pt(2), from_pt(1.5)}, false});
        canvas.label(spec.average_label, *styles.axis, width, line_y - from_pt(2), doc::Align::End,
                     styles.average);
    }
    return plot_bottom + from_pt(6);
}

} // namespace mipex::layout::chart
