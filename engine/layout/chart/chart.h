// The chart library: a chart spec (data already prepared and formatted) plus a width gives a
// display-list frame. Labels are shaped with the same fonts as body text. Charts never see
// files, the model or the score table.
#pragma once

#include "display/display_list.h"
#include "doc/document.h"
#include "layout/text.h"

namespace mipex::layout {

/// Lays out a chart at `width`; the frame's height is what the chart needs.
display::Frame layout_chart(const doc::Chart& chart, Length width, TextShaper& shaper);

namespace chart {

display::Frame ranking(const doc::RankingChart& spec, const doc::ChartStyles& styles, Length width,
                       TextShaper& shaper);
display::Frame comparison(const doc::ComparisonChart& spec, const doc::ChartStyles& styles,
                          Length width, TextShaper& shaper);

/// A row (or rows) of legend entries; returns the height used, drawing into `frame` at `top`.
Length legend(const std::vector<doc::LegendEntry>& entries, const doc::ChartStyles& styles,
              Length width, Length top, display::Frame& frame, TextShaper& shaper);

/// A label with its baseline at `baseline`, starting at `x` (or ending there when `align`
/// is End, or centred on it when Center).
void place_label(display::Frame& frame, TextShaper& shaper, std::string_view text,
                 const doc::Style& style, Length x, Length baseline,
                 doc::Align align = doc::Align::Start, std::optional<Color> color = std::nullopt,
                 const std::string& link = {});

/// A darker shade of a colour, for the outline of light bars.
Color darker(Color color, double factor = 0.7);

} // namespace chart

} // namespace mipex::layout
