#include "layout/chart/chart.h"

#include <algorithm>
#include <cmath>

namespace mipex::layout {

ChartLayout layout_chart(const doc::Chart& chart, Length width, TextShaper& shaper) {
    chart::Canvas canvas(shaper, width, chart.styles);
    Length height = std::visit(
        [&](const auto& spec) -> Length {
            using Spec = std::decay_t<decltype(spec)>;
            if constexpr (std::is_same_v<Spec, doc::RankingChart>)
                return spec.orientation == doc::RankingChart::Orientation::Vertical
                           ? chart::columns(spec, canvas)
                           : chart::ranking(spec, canvas);
            else if constexpr (std::is_same_v<Spec, doc::ComparisonChart>)
                return chart::comparison(spec, canvas);
            else if constexpr (std::is_same_v<Spec, doc::RadarChart>)
                return chart::radar(spec, canvas);
            else if constexpr (std::is_same_v<Spec, doc::ChangeChart>)
                return chart::change(spec, canvas);
            else if constexpr (std::is_same_v<Spec, doc::DimensionsChart>)
                return chart::dimensions(spec, canvas);
            else
                return chart::map(spec, canvas);
        },
        chart.spec);
    ChartLayout result;
    result.unfitted = canvas.unfitted();
    result.marks = canvas.marks();
    result.frame = display::share(canvas.finish(height));
    return result;
}

namespace chart {

Length score_x(double value, Length left, Length width) {
    // A score axis is never truncated: 0 to 100, always.
    return left + static_cast<Length>(std::lround(std::clamp(value, 0.0, 100.0) / 100.0 * width));
}

double axis_score(size_t i, size_t count) {
    return count > 1 ? 100.0 * static_cast<double>(i) / static_cast<double>(count - 1) : 0;
}

} // namespace chart

} // namespace mipex::layout
