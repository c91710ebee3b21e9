// Change chart: points gained or lost in each area between two editions, as bars diverging
// from zero on a symmetric axis, gains and losses in two colours, the value at the bar's end.
#include "layout/chart/chart.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

namespace mipex::layout::chart {

Length change(const doc::ChangeChart& spec, Canvas& canvas) {
    const doc::ChartStyles& styles = canvas.styles();
    TextShaper& shaper = canvas.shaper();
    const Length width = canvas.width();

    Length y = canvas.heading(spec.title, spec.legend, from_pt(6));

    Length label_width = 0;
    for (const doc::ChangeChart::Row& row : spec.rows)
        label_width = std::max(label_width, shaper.measure(row.label, *styles.label));
    label_width = std::min(label_width, width * 9 / 20);
    const Length gap = from_pt(6);
    // Room for the widest value beside a bar's end ("+100", or "–12.50" with decimals).
    Length widest_value = shaper.measure("+100", *styles.value);
    for (const doc::ChangeChart::Row& row : spec.rows)
        if (row.change)
            widest_value = std::max(widest_value, shaper.measure(row.text, *styles.value));
    const Length value_space = widest_value + from_pt(3);
    const Length plot_left = label_width + gap + value_space;
    const Length plot_width = std::max<Length>(width - plot_left - value_space, from_pt(40));
    const double range = std::max(1, spec.range);
    auto x_of = [&](double change) {
        double clamped = std::clamp(change, -range, range);
        return plot_left +
               static_cast<Length>(std::lround((clamped + range) / (2 * range) * plot_width));
    };
    const Length zero = x_of(0);

    // A row is 14 pt high, or as high as its label when the label takes two lines, so that
    // no label runs into the next row's.
    const Length pitch = from_pt(14);
    const Length bar_height = from_pt(7);
    std::vector<Canvas::LabelLines> labels;
    std::vector<Length> row_tops;
    const Length plot_top = y;
    Length plot_bottom = plot_top;
    for (const doc::ChangeChart::Row& row : spec.rows) {
        labels.push_back(canvas.wrap_label(row.label, *styles.label, label_width, 2));
        row_tops.push_back(plot_bottom);
        plot_bottom += std::max(pitch, labels.back().height + from_pt(4));
    }
    for (const auto& [tick, text] : spec.ticks)
        canvas.line({x_of(tick), plot_top}, {x_of(tick), plot_bottom},
                    display::Stroke{styles.grid, from_pt(0.4), {}, false});

    const Length offset = (shaper.ascent(*styles.label) - shaper.descent(*styles.label)) / 2;
    for (size_t r = 0; r < spec.rows.size(); ++r) {
        const doc::ChangeChart::Row& row = spec.rows[r];
        const Length row_bottom = r + 1 < spec.rows.size() ? row_tops[r + 1] : plot_bottom;
        Length middle = (row_tops[r] + row_bottom) / 2;
        Length baseline = middle + offset;
        canvas.label_lines(labels[r], 0, middle, doc::Align::Start, Canvas::Vertical::Middle,
                           styles.text, row.link);
        if (!row.change) {
            canvas.label(row.text, *styles.value, zero + from_pt(3), baseline, doc::Align::Start,
                         styles.muted);
            continue;
        }
        double change = *row.change;
        Length end = x_of(change);
        const uint32_t first = canvas.drawn();
        if (change != 0) {
            Color color = change > 0 ? spec.gain : spec.loss;
            Length left = std::min(zero, end), right = std::max(zero, end);
            canvas.rect({left, middle - bar_height / 2, right - left, bar_height}, color,
                        display::Stroke{darker(color), from_pt(0.3), {}, false});
        }
        // The value beyond the bar's end, on its side of zero.
        if (change >= 0)
            canvas.label(row.text, *styles.value, end + from_pt(2), baseline, doc::Align::Start,
                         styles.text);
        else
            canvas.label(row.text, *styles.value, end - from_pt(2), baseline, doc::Align::End,
                         styles.text);
        canvas.mark(first, row.mark);
    }
    canvas.line({zero, plot_top - from_pt(2)}, {zero, plot_bottom + from_pt(2)},
                display::Stroke{styles.average, from_pt(0.8), {}, false});
    // The ticks' labels, centred under their lines: every k-th from zero outwards, k as small
    // as leaves a gap between neighbours (a narrow plot beside long labels has no room for
    // "−15 −10 −5 0 +5 +10 +15"). Zero is always labelled.
    Length axis_baseline = plot_bottom + from_pt(4) + shaper.ascent(*styles.axis);
    const size_t count = spec.ticks.size();
    size_t zero_index = 0;
    std::vector<Length> widths;
    for (size_t i = 0; i < count; ++i) {
        widths.push_back(shaper.measure(spec.ticks[i].second, *styles.axis));
        if (std::abs(spec.ticks[i].first) < std::abs(spec.ticks[zero_index].first))
            zero_index = i;
    }
    auto shown = [&](size_t i, size_t every) {
        return (i > zero_index ? i - zero_index : zero_index - i) % every == 0;
    };
    const Length min_gap = from_pt(3);
    size_t every = 1;
    for (; every < count; ++every) {
        bool fits = true;
        std::optional<size_t> previous;
        for (size_t i = 0; i < count && fits; ++i) {
            if (!shown(i, every))
                continue;
            if (previous)
                fits = x_of(spec.ticks[i].first) - widths[i] / 2 -
                           (x_of(spec.ticks[*previous].first) + widths[*previous] / 2) >=
                       min_gap;
            previous = i;
        }
        if (fits)
            break;
    }
    for (size_t i = 0; i < count; ++i)
        if (shown(i, every))
            canvas.label(spec.ticks[i].second, *styles.axis, x_of(spec.ticks[i].first),
                         axis_baseline, doc::Align::Center);
    return axis_baseline + shaper.descent(*styles.axis) + from_pt(4);
}

} // namespace mipex::layout::chart
