#include "doc/charts.h"

#include "doc/build.h"

#include <algorithm>
#include <cmath>

namespace mipex::doc {

std::string
ChartBuilder::listing(const std::vector<std::pair<std::string, std::string>>& items) const {
    std::string out;
    // The language's separator is what its pattern puts between two marks (control
    // characters no text holds).
    std::string pattern =
        m_localizer.ui("ui.description_separator", {{"before", "\x1F"}, {"after", "\x1E"}});
    size_t begin = pattern.find('\x1F'), end = pattern.find('\x1E');
    const std::string separator =
        begin != std::string::npos && end != std::string::npos && begin < end
            ? pattern.substr(begin + 1, end - begin - 1)
            : "; ";
    for (const auto& [label, value] : items)
        out += (out.empty() ? "" : separator) +
               m_localizer.ui("ui.description_item", {{"label", label}, {"value", value}});
    return out;
}

ChartMark ChartBuilder::mark(std::optional<size_t> country, const score::Shown& value,
                             const std::string& label, const std::string& value_text) const {
    return ChartMark{
        country ? m_model.countries[*country].code : "", value.text(),
        m_localizer.ui("ui.description_item", {{"label", label}, {"value", value_text}})};
}

ChangeAxis change_axis(double largest) {
    const double half = std::max(10.0, largest);
    // Nice numbers (Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990): the step
    // is 1, 2 or 5 × 10^k, the one nearest the span over six intervals, with d3-array's
    // thresholds between them (√50, √10, √2, as ticks() and Vega's axes take them). The
    // axis ends at the first step past the largest change, so zero is always a tick.
    const double rough = 2 * half / 6;
    const double power = std::pow(10.0, std::floor(std::log10(rough)));
    const double error = rough / power;
    const int factor = error >= std::sqrt(50.0)   ? 10
                       : error >= std::sqrt(10.0) ? 5
                       : error >= std::sqrt(2.0)  ? 2
                                                  : 1;
    // At least ±10 makes the span 20 and the rough step 3.3: steps are whole numbers.
    const int step = static_cast<int>(std::lround(factor * power));
    const int range = static_cast<int>(std::ceil(half / step)) * step;
    return {range, step};
}

Chart ChartBuilder::ranking(Measure measure, std::string title, std::string name_of_chart,
                            std::optional<size_t> highlight) const {
    RankingChart chart;
    chart.title = std::move(title);
    std::vector<size_t> ranked = BookContext::ranking(m_current, measure);
    std::optional<int> previous_rank;
    Table data = table_frame(chart.title);
    data.columns = {{1, Align::End}, {4, Align::Start}, {1, Align::End}, {3, Align::Start}};
    data.header.push_back(
        Table::Row{{cell(m_localizer.ui("ui.column_rank"), "table_header", Align::End),
                    cell(m_localizer.ui("ui.column_country"), "table_header"),
                    cell(year_text(m_current), "table_header", Align::End),
                    cell(m_localizer.ui("ui.column_band"), "table_header")}});
    std::vector<std::pair<std::string, std::string>> items;
    for (size_t c : ranked) {
        double value = *m_scores.score(c, m_current, measure);
        int rank = *m_scores.rank(c, m_current, measure);
        chart.bars.push_back(
            RankingChart::Bar{name(c), previous_rank == rank ? "" : m_localizer.integer(rank),
                              value, m_localizer.score(value), band_color(value), highlight == c,
                              country_anchor(m_model.countries[c]),
                              mark(c, m_scores.shown(value), name(c), m_localizer.score(value))});
        previous_rank = rank;
        data.body.push_back(Table::Row{
            {cell(m_localizer.integer(rank), "table_number"), cell(name(c), "table"),
             cell(m_localizer.score(value), "table_number"), cell(band_label(value), "table")}});
        items.emplace_back(name(c), m_localizer.score(value));
    }
    auto average = m_scores.group_mean(m_model.book.average_group, m_current, measure);
    chart.average = average;
    if (average)
        chart.average_label = m_localizer.ui(
            "ui.average_value", {{"group", group_name()}, {"value", m_localizer.score(*average)}});
    chart.axis_labels = axis_labels();
    chart.legend = band_legend();
    Chart result{std::move(chart), chart_styles(), std::move(name_of_chart)};
    if (!ranked.empty()) {
        result.alt = m_localizer.ui(
            "ui.ranking_alt",
            {{"count", static_cast<long long>(ranked.size())},
             {"measure", measure_name(measure)},
             {"year", year_text(m_current)},
             {"top", name(ranked.front())},
             {"top_score", m_localizer.score(*m_scores.score(ranked.front(), m_current, measure))},
             {"bottom", name(ranked.back())},
             {"bottom_score",
              m_localizer.score(*m_scores.score(ranked.back(), m_current, measure))},
             {"group", group_name()},
             {"average", average ? m_localizer.score(*average) : m_localizer.ui("ui.no_score")}});
        result.description = result.alt + " " + listing(items) + ".";
    }
    result.data = std::make_shared<const Table>(std::move(data));
    return result;
}

Chart ChartBuilder::position(size_t country, Measure measure) const {
    std::string title = m_localizer.ui(
        "ui.position_title",
        {{"country", name(country)},
         {"count", static_cast<long long>(m_scores.ranked_count(m_current, measure))},
         {"measure", measure_name(measure)},
         {"year", year_text(m_current)}});
    auto key = std::make_tuple(static_cast<int>(measure.kind), measure.index, measure.dimension);
    auto made = m_position_rankings.find(key);
    if (made == m_position_rankings.end()) {
        // One data table for all profiles: captioned by each chart's title, not its own.
        Chart shared = ranking(measure, "", "");
        if (shared.data) {
            Table table = *shared.data;
            table.caption.reset();
            table.continued.clear();
            shared.data = std::make_shared<const Table>(std::move(table));
        }
        made = m_position_rankings.emplace(key, std::move(shared)).first;
    }
    Chart result = made->second;
    result.name = "position-" + m_model.countries[country].code;
    auto& chart = std::get<RankingChart>(result.spec);
    chart.title = title;
    chart.orientation = RankingChart::Orientation::Vertical;
    // The bars are in the order of BookContext::ranking, as `ranking` made them.
    const std::vector<size_t>& ranked = BookContext::ranking(m_current, measure);
    for (size_t i = 0; i < ranked.size() && i < chart.bars.size(); ++i)
        chart.bars[i].highlight = ranked[i] == country;
    if (auto rank = m_scores.rank(country, m_current, measure))
        result.alt = m_localizer.ui(
            "ui.position_alt",
            {{"country", name(country)},
             {"rank", static_cast<long long>(*rank)},
             {"count", static_cast<long long>(m_scores.ranked_count(m_current, measure))},
             {"measure", measure_name(measure)},
             {"year", year_text(m_current)}});
    return result;
}

Chart ChartBuilder::comparison(std::string title, std::optional<size_t> country) const {
    ComparisonChart chart;
    chart.title = std::move(title);
    std::vector<size_t> years;
    if (m_previous)
        years.push_back(*m_previous);
    years.push_back(m_current);
    for (size_t y : years)
        chart.series.push_back({year_text(y)});
    const size_t group = m_model.book.average_group;
    std::optional<std::pair<double, size_t>> best, worst;
    Table data = table_frame(chart.title);
    data.columns.push_back({3, Align::Start});
    Table::Row header{{cell(m_localizer.ui("ui.column_area"), "table_header")}};
    for (size_t y : years) {
        data.columns.push_back({1, Align::End});
        header.cells.push_back(cell(year_text(y), "table_header", Align::End));
    }
    if (country) {
        data.columns.push_back({1.5, Align::End});
        header.cells.push_back(
            cell(m_localizer.ui("ui.column_average", {{"year", year_text(m_current)}}),
                 "table_header", Align::End));
    }
    data.header.push_back(std::move(header));
    std::vector<std::pair<std::string, std::string>> items;
    for (size_t a = 0; a < m_model.framework.areas.size(); ++a) {
        ComparisonChart::Category category;
        category.label = m_localizer.text(m_model.framework.areas[a].name);
        category.link = area_anchor(m_model.framework.areas[a]);
        Table::Row row{{cell(category.label, "table")}};
        for (size_t y : years) {
            auto value = country ? m_scores.score(*country, y, Measure::area(a))
                                 : m_scores.group_mean(group, y, Measure::area(a));
            category.values.push_back(value);
            category.value_texts.push_back(value ? m_localizer.score(*value) : "");
            // Each bar is the area's in one edition: "Labour market mobility (2019) 52".
            if (value)
                category.marks.push_back(mark(std::nullopt, m_scores.shown(*value),
                                              category.label + " (" + year_text(y) + ")",
                                              category.value_texts.back()));
            else
                category.marks.emplace_back();
            row.cells.push_back(number_cell(value));
            bool current = y == m_current;
            category.colors.push_back(current && value ? band_color(*value)
                                                       : m_theme.color("previous"));
            if (current && value) {
                if (!best || *value > best->first)
                    best = {*value, a};
                if (!worst || *value < worst->first)
                    worst = {*value, a};
                items.emplace_back(category.label, m_localizer.score(*value));
            }
        }
        if (country) {
            category.marker = m_scores.group_mean(group, m_current, Measure::area(a));
            row.cells.push_back(number_cell(category.marker));
        }
        data.body.push_back(std::move(row));
        chart.categories.push_back(std::move(category));
    }
    chart.axis_labels = axis_labels();
    if (m_previous)
        chart.legend.push_back(LegendEntry{year_text(*m_previous), m_theme.color("previous"),
                                           LegendEntry::Mark::Swatch});
    if (country) {
        chart.marker_label = m_localizer.ui(
            "ui.average_marker", {{"group", group_name()}, {"year", year_text(m_current)}});
        chart.legend.push_back(
            LegendEntry{chart.marker_label, m_theme.color("average"), LegendEntry::Mark::Line});
    }
    chart.legend.push_back(
        LegendEntry{m_localizer.ui("ui.legend_bands", {{"year", year_text(m_current)}}),
                    m_theme.color("text"), LegendEntry::Mark::None});
    for (const LegendEntry& band : band_legend())
        chart.legend.push_back(band);
    Chart result{std::move(chart), chart_styles(),
                 country ? "areas-" + m_model.countries[*country].code : "areas-average"};
    if (best && worst) {
        std::vector<i18n::Argument> arguments = {
            {"count", static_cast<long long>(m_model.framework.areas.size())},
            {"years", years_text()},
            {"best", m_localizer.text(m_model.framework.areas[best->second].name)},
            {"best_score", m_localizer.score(best->first)},
            {"worst", m_localizer.text(m_model.framework.areas[worst->second].name)},
            {"worst_score", m_localizer.score(worst->first)},
            {"group", group_name()}};
        if (country)
            arguments.push_back({"country", name(*country)});
        result.alt = m_localizer.ui(country ? "ui.comparison_alt" : "ui.average_alt", arguments);
        result.description = result.alt + " " + year_text(m_current) + ": " + listing(items) + ".";
    }
    result.data = std::make_shared<const Table>(std::move(data));
    return result;
}

Chart ChartBuilder::radar(size_t country) const {
    RadarChart chart;
    const size_t group = m_model.book.average_group;
    chart.title = m_localizer.ui(
        "ui.radar_title",
        {{"country", name(country)}, {"group", group_name()}, {"year", year_text(m_current)}});
    RadarChart::Series average{
        m_localizer.ui("ui.average_marker",
                       {{"group", group_name()}, {"year", year_text(m_current)}}),
        {},
        m_theme.color("average"),
        false,
        true};
    RadarChart::Series own{name(country), {}, m_theme.color("accent"), true, false};
    Table data = table_frame(chart.title);
    data.columns = {{3, Align::Start}, {1, Align::End}, {1.5, Align::End}};
    data.header.push_back(Table::Row{{cell(m_localizer.ui("ui.column_area"), "table_header"),
                                      cell(name(country), "table_header", Align::End),
                                      cell(average.label, "table_header", Align::End)}});
    // The gaps are differences of the shown scores, as changes are, so that they add up.
    std::optional<std::pair<score::Shown, size_t>> furthest_above, furthest_below;
    for (size_t a = 0; a < m_model.framework.areas.size(); ++a) {
        const model::Area& area = m_model.framework.areas[a];
        chart.axes.push_back(m_localizer.text(area.name));
        chart.links.push_back(area_anchor(area));
        auto value = m_scores.score(country, m_current, Measure::area(a));
        auto mean = m_scores.group_mean(group, m_current, Measure::area(a));
        own.values.push_back(value);
        average.values.push_back(mean);
        data.body.push_back(Table::Row{
            {cell(m_localizer.text(area.name), "table"), number_cell(value), number_cell(mean)}});
        if (value && mean) {
            score::Shown gap = m_scores.shown(*value) - m_scores.shown(*mean);
            if (!furthest_above || gap > furthest_above->first)
                furthest_above = {gap, a};
            if (!furthest_below || gap < furthest_below->first)
                furthest_below = {gap, a};
        }
    }
    chart.series = {average, own};
    // Rings every 20 points, labelled at 50 and 100 only: a small chart stays readable.
    for (int ring = 20; ring <= 100; ring += 20)
        chart.scale_labels.push_back(ring == 100 ? m_localizer.integer(ring) : "");
    chart.legend = {LegendEntry{own.label, own.color, LegendEntry::Mark::Swatch},
                    LegendEntry{average.label, average.color, LegendEntry::Mark::Line}};
    Chart result{std::move(chart), chart_styles(), "radar-" + m_model.countries[country].code};
    if (furthest_above && furthest_below) {
        // Above the average everywhere, below it everywhere, or some of each. The words say
        // which side: the points are the distance, a number for the plural rules to read (as
        // ICU prints it: "3.3 points" at a precision of two).
        auto points = [](const score::Shown& gap) { return std::abs(gap.value()); };
        const char* key = furthest_below->first.units >= 0   ? "ui.radar_alt_above"
                          : furthest_above->first.units <= 0 ? "ui.radar_alt_below"
                                                             : "ui.radar_alt";
        result.alt = m_localizer.ui(
            key, {{"country", name(country)},
                  {"count", static_cast<long long>(m_model.framework.areas.size())},
                  {"group", group_name()},
                  {"year", year_text(m_current)},
                  {"above", m_localizer.text(m_model.framework.areas[furthest_above->second].name)},
                  {"above_points", points(furthest_above->first)},
                  {"below", m_localizer.text(m_model.framework.areas[furthest_below->second].name)},
                  {"below_points", points(furthest_below->first)}});
    }
    result.description = result.alt;
    result.data = std::make_shared<const Table>(std::move(data));
    return result;
}

Chart ChartBuilder::change(size_t country) const {
    ChangeChart chart;
    std::string previous = m_previous ? year_text(*m_previous) : "";
    chart.title = m_localizer.ui(
        "ui.change_title",
        {{"country", name(country)}, {"previous", previous}, {"current", year_text(m_current)}});
    chart.gain = m_theme.color("gain");
    chart.loss = m_theme.color("loss");
    Table data = table_frame(chart.title);
    data.columns = {{3, Align::Start}, {1, Align::End}};
    data.header.push_back(
        Table::Row{{cell(m_localizer.ui("ui.column_area"), "table_header"),
                    cell(m_localizer.ui("ui.column_change"), "table_header", Align::End)}});
    double largest = 0;
    std::vector<std::pair<std::string, std::string>> items;
    for (size_t a = 0; a < m_model.framework.areas.size(); ++a) {
        const model::Area& area = m_model.framework.areas[a];
        ChangeChart::Row row{m_localizer.text(area.name), area_anchor(area), std::nullopt, ""};
        std::optional<score::Shown> change;
        if (m_previous)
            change = m_scores.shown_change(country, *m_previous, m_current, Measure::area(a));
        if (change) {
            row.change = change->value();
            largest = std::max(largest, std::abs(*row.change));
        }
        row.text = change ? m_localizer.change(*change)
                          : m_localizer.ui("ui.new_in", {{"year", year_text(m_current)}});
        if (change)
            row.mark = mark(std::nullopt, *change, row.label, row.text);
        items.emplace_back(row.label, row.text);
        data.body.push_back(Table::Row{{cell(row.label, "table"), cell(row.text, "table_number")}});
        chart.rows.push_back(std::move(row));
    }
    ChangeAxis axis = change_axis(largest);
    chart.range = axis.range;
    for (int tick = -axis.range; tick <= axis.range; tick += axis.step)
        chart.ticks.emplace_back(tick, tick == 0 ? m_localizer.integer(0)
                                                 : m_localizer.signed_integer(tick));
    chart.legend = {
        LegendEntry{m_localizer.ui("ui.legend_gain"), chart.gain, LegendEntry::Mark::Swatch},
        LegendEntry{m_localizer.ui("ui.legend_loss"), chart.loss, LegendEntry::Mark::Swatch}};
    Chart result{std::move(chart), chart_styles(), "change-" + m_model.countries[country].code};
    result.alt = m_localizer.ui("ui.change_alt", {{"country", name(country)},
                                                  {"previous", previous},
                                                  {"current", year_text(m_current)},
                                                  {"changes", listing(items)}});
    result.description = result.alt;
    result.data = std::make_shared<const Table>(std::move(data));
    return result;
}

Chart ChartBuilder::dimensions(size_t country) const {
    DimensionsChart chart;
    const size_t group = m_model.book.average_group;
    chart.title = m_localizer.ui("ui.dimensions_title",
                                 {{"country", name(country)}, {"year", year_text(m_current)}});
    Table data = table_frame(chart.title);
    data.columns = {{3, Align::Start}, {3, Align::Start}, {1, Align::End}, {1.5, Align::End}};
    data.header.push_back(
        Table::Row{{cell(m_localizer.ui("ui.column_area"), "table_header"),
                    cell(m_localizer.ui("ui.column_dimension"), "table_header"),
                    cell(year_text(m_current), "table_header", Align::End),
                    cell(m_localizer.ui("ui.column_average", {{"year", year_text(m_current)}}),
                         "table_header", Align::End)}});
    for (size_t a = 0; a < m_model.framework.areas.size(); ++a) {
        const model::Area& area = m_model.framework.areas[a];
        DimensionsChart::Panel panel{m_localizer.text(area.name), area_anchor(area), {}};
        for (size_t d = 0; d < area.dimensions.size(); ++d) {
            auto value = m_scores.score(country, m_current, Measure::dimension_of(a, d));
            auto mean = m_scores.group_mean(group, m_current, Measure::dimension_of(a, d));
            panel.bars.push_back(DimensionsChart::Bar{
                m_localizer.text(area.dimensions[d].name), value,
                value ? m_localizer.score(*value) : m_localizer.ui("ui.no_score"),
                value ? band_color(*value) : m_theme.color("previous"), mean});
            if (value)
                panel.bars.back().mark =
                    mark(std::nullopt, m_scores.shown(*value), panel.bars.back().label,
                         panel.bars.back().value_text);
            data.body.push_back(
                Table::Row{{cell(panel.title, "table"),
                            cell(m_localizer.text(area.dimensions[d].name), "table"),
                            number_cell(value), number_cell(mean)}});
        }
        chart.panels.push_back(std::move(panel));
    }
    chart.axis_labels = axis_labels();
    chart.legend.push_back(
        LegendEntry{m_localizer.ui("ui.average_marker",
                                   {{"group", group_name()}, {"year", year_text(m_current)}}),
                    m_theme.color("average"), LegendEntry::Mark::Line});
    for (const LegendEntry& band : band_legend())
        chart.legend.push_back(band);
    Chart result{std::move(chart), chart_styles(), "dimensions-" + m_model.countries[country].code};
    result.alt = m_localizer.ui("ui.dimensions_alt",
                                {{"country", name(country)},
                                 {"count", static_cast<long long>(m_model.framework.areas.size())},
                                 {"year", year_text(m_current)}});
    result.description = result.alt;
    result.data = std::make_shared<const Table>(std::move(data));
    return result;
}

Chart ChartBuilder::map(const model::MapAsset& asset, Measure measure, std::string title,
                        std::string name_of_chart) const {
    MapChart chart;
    chart.title = std::move(title);
    chart.projection = asset.projection;
    chart.center = asset.center;
    chart.bounds = asset.bounds;
    chart.no_data = m_theme.color("no_data");
    chart.border = m_theme.color("map_border");
    chart.sea = m_theme.color("map_sea");
    chart.source = m_localizer.ui("ui.map_source", {{"source", m_model.maps.source}});
    Table data = table_frame(chart.title);
    data.columns = {{4, Align::Start}, {1, Align::End}, {3, Align::Start}};
    data.header.push_back(Table::Row{{cell(m_localizer.ui("ui.column_country"), "table_header"),
                                      cell(year_text(m_current), "table_header", Align::End),
                                      cell(m_localizer.ui("ui.column_band"), "table_header")}});
    std::vector<bool> shown(m_model.countries.size(), false);
    for (const model::MapPolygon& polygon : asset.polygons) {
        MapChart::Region region;
        region.polygon = &polygon;
        auto country =
            polygon.country.empty() ? std::nullopt : m_model.find_country(polygon.country);
        auto value = country ? m_scores.score(*country, m_current, measure) : std::nullopt;
        if (value) {
            region.fill = band_color(*value);
            region.link = country_anchor(m_model.countries[*country]);
            region.mark =
                mark(country, m_scores.shown(*value), name(*country), m_localizer.score(*value));
            shown[*country] = true;
        } else {
            region.fill = chart.no_data;
            region.no_data = true;
        }
        chart.regions.push_back(region);
    }
    size_t with_data = 0;
    for (size_t c : m_countries_by_name) {
        if (!shown[c])
            continue;
        ++with_data;
        double value = *m_scores.score(c, m_current, measure);
        data.body.push_back(
            Table::Row{{cell(name(c), "table"), cell(m_localizer.score(value), "table_number"),
                        cell(band_label(value), "table")}});
    }
    chart.legend = band_legend();
    chart.legend.push_back(
        LegendEntry{m_localizer.ui("ui.map_no_data"), chart.no_data, LegendEntry::Mark::Hatched});
    Chart result{std::move(chart), chart_styles(), std::move(name_of_chart)};
    result.alt = m_localizer.ui("ui.map_alt", {{"measure", measure_name(measure)},
                                               {"year", year_text(m_current)},
                                               {"count", static_cast<long long>(with_data)}});
    result.description = result.alt;
    result.data = std::make_shared<const Table>(std::move(data));
    return result;
}

} // namespace mipex::doc
