// The chart library: a chart spec (data already prepared and formatted) plus a width gives a
// display-list frame. Labels are shaped with the same fonts as body text. Charts never see
// files, the model or the score table.
#pragma once

#include "display/display_list.h"
#include "doc/document.h"
#include "layout/chart/canvas.h"
#include "layout/text.h"

#include <string>
#include <vector>

namespace mipex::layout {

struct ChartLayout {
    /// Shared: a chart the layout cache keeps is placed, not copied, in each build.
    std::shared_ptr<const display::Frame> frame;
    /// Labels too long for their place even at the minimum size (cut, to be reported).
    std::vector<std::string> unfitted;
    /// The marks that stand for the chart's numbers (bars, countries on a map).
    std::vector<display::Mark> marks;
};

/// Lays out a chart at `width`; the frame's height is what the chart needs.
ChartLayout layout_chart(const doc::Chart& chart, Length width, TextShaper& shaper);

namespace chart {

// Each draws its chart onto the canvas from the top and returns the height it used.
Length ranking(const doc::RankingChart& spec, Canvas& canvas);
Length columns(const doc::RankingChart& spec, Canvas& canvas); ///< the vertical ranking
Length comparison(const doc::ComparisonChart& spec, Canvas& canvas);
Length radar(const doc::RadarChart& spec, Canvas& canvas);
Length change(const doc::ChangeChart& spec, Canvas& canvas);
Length dimensions(const doc::DimensionsChart& spec, Canvas& canvas);
Length map(const doc::MapChart& spec, Canvas& canvas);

/// x of a score (0–100) on a plot from `left`, `width` wide.
Length score_x(double value, Length left, Length width);

/// The score (0–100) at the `i`th of `count` axis labels spread evenly from 0 to 100.
double axis_score(size_t i, size_t count);

} // namespace chart

} // namespace mipex::layout
