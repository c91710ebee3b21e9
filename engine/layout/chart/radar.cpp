// Radar (spider) chart: one axis per area from the centre (0) to the rim (100), the country's
// scores as a filled polygon, the average as a dashed one. Straight rings, not circles, so the
// rings read as the polygons the data make (a common choice; see Vega's radar example).
#include "layout/chart/chart.h"

#include <algorithm>
#include <cmath>

namespace mipex::layout::chart {

namespace {

constexpr double pi = 3.14159265358979323846;

} // namespace

Length radar(const doc::RadarChart& spec, Canvas& canvas) {
    const doc::ChartStyles& styles = canvas.styles();
    TextShaper& shaper = canvas.shaper();
    const Length width = canvas.width();

    Length y = canvas.heading(spec.title, spec.legend, from_pt(4));

    const size_t axes = spec.axes.size();
    if (axes < 3)
        return y; // a radar needs three axes; fewer have nothing to show as a polygon
    // Labels sit outside the rim: leave them a margin on the sides.
    const Length side = std::clamp<Length>(width * 27 / 100, from_pt(50), from_pt(70));
    const Length radius = std::clamp<Length>((width - 2 * side) / 2, from_pt(30), from_pt(90));
    const Length label_height = styles.label->leading * 2;
    const Length centre_x = width / 2;
    const Length centre_y = y + label_height + radius;
    auto at = [&](size_t axis, double value) {
        // Clockwise from the top.
        double angle = -pi / 2 + 2 * pi * static_cast<double>(axis) / static_cast<double>(axes);
        double r = std::clamp(value, 0.0, 100.0) / 100.0 * radius;
        return display::Point{centre_x + static_cast<Length>(std::lround(r * std::cos(angle))),
                              centre_y + static_cast<Length>(std::lround(r * std::sin(angle)))};
    };
    auto polygon = [&](const std::vector<std::optional<double>>& values) {
        display::Shape shape;
        bool started = false;
        for (size_t a = 0; a < values.size(); ++a) {
            if (!values[a])
                continue;
            shape.path.push_back(
                {started ? display::PathElement::Op::Line : display::PathElement::Op::Move,
                 {at(a, *values[a])}});
            started = true;
        }
        if (started)
            shape.path.push_back({display::PathElement::Op::Close, {}});
        return shape;
    };

    // Rings and spokes.
    for (size_t ring = 1; ring <= spec.scale_labels.size(); ++ring) {
        double value =
            100.0 * static_cast<double>(ring) / static_cast<double>(spec.scale_labels.size());
        display::Shape shape = polygon(std::vector<std::optional<double>>(axes, value));
        shape.stroke = display::Stroke{
            styles.grid, from_pt(ring == spec.scale_labels.size() ? 0.6 : 0.4), {}, false};
        canvas.shape(std::move(shape));
    }
    for (size_t a = 0; a < axes; ++a)
        canvas.line(at(a, 0), at(a, 100), display::Stroke{styles.grid, from_pt(0.4), {}, false});
    // The scale along the first axis.
    for (size_t ring = 1; ring <= spec.scale_labels.size(); ++ring) {
        display::Point p = at(0, 100.0 * static_cast<double>(ring) /
                                     static_cast<double>(spec.scale_labels.size()));
        canvas.label(spec.scale_labels[ring - 1], *styles.axis, p.x + from_pt(2),
                     p.y + shaper.ascent(*styles.axis) / 2, doc::Align::Start, styles.muted);
    }
    // The series, the filled one last so its outline reads on top.
    for (const doc::RadarChart::Series& series : spec.series) {
        display::Shape shape = polygon(series.values);
        if (shape.path.empty())
            continue;
        if (series.filled)
            shape.fill = Color{series.color.r, series.color.g, series.color.b, 64};
        std::vector<Length> dashes;
        if (series.dashed)
            dashes = {from_pt(2.5), from_pt(1.5)};
        shape.stroke =
            display::Stroke{series.color, from_pt(series.filled ? 1.4 : 1.0), dashes, false};
        canvas.shape(std::move(shape));
        if (series.filled)
            for (size_t a = 0; a < axes; ++a)
                if (series.values[a]) {
                    display::Point p = at(a, *series.values[a]);
                    canvas.rect(
                        {p.x - from_pt(1.3), p.y - from_pt(1.3), from_pt(2.6), from_pt(2.6)},
                        series.color);
                }
    }
    // Axis labels outside the rim, aligned away from the centre, on up to two lines.
    for (size_t a = 0; a < axes; ++a) {
        display::Point p = at(a, 100);
        double dx = static_cast<double>(p.x - centre_x), dy = static_cast<double>(p.y - centre_y);
        const Length gap = from_pt(4);
        doc::Align align = std::fabs(dx) < radius * 0.15 ? doc::Align::Center
                           : dx > 0                      ? doc::Align::Start
                                                         : doc::Align::End;
        Length x = align == doc::Align::Start ? p.x + gap
                   : align == doc::Align::End ? p.x - gap
                                              : p.x;
        Length room = align == doc::Align::Center  ? width / 2
                      : align == doc::Align::Start ? width - x
                                                   : x;
        Canvas::Vertical vertical = std::fabs(dy) < radius * 0.3 ? Canvas::Vertical::Middle
                                    : dy < 0                     ? Canvas::Vertical::Bottom
                                                                 : Canvas::Vertical::Top;
        Length y = vertical == Canvas::Vertical::Bottom ? p.y - gap
                   : vertical == Canvas::Vertical::Top  ? p.y + gap
                                                        : p.y;
        canvas.wrapped_label(spec.axes[a], *styles.label, x, y, room, align, vertical, 2,
                             styles.text, a < spec.links.size() ? spec.links[a] : std::string());
    }
    return centre_y + radius + label_height;
}

} // namespace mipex::layout::chart
