// content_key: every field of a chart that layout draws from is in the key, so that layout's
// chart cache, kept between builds of a book being edited, never hands back a chart drawn
// before the change. Each test changes one field at a time; a field added to a chart type
// but not to content_key (and to this file) fails the count of fields.
#include "doc/content_key.h"

#include <catch2/catch.hpp>
#include <functional>
#include <memory>

using namespace mipex;
using namespace mipex::doc;

namespace {

/// Converts to any field's type, so that an aggregate takes as many of it as it has fields.
struct AnyField {
    template <class T>
    operator T&() const;
};

/// The number of fields of an aggregate.
template <class T, class... Fields>
constexpr size_t field_count() {
    if constexpr (requires { T{Fields{}..., AnyField{}}; })
        return field_count<T, Fields..., AnyField>();
    else
        return sizeof...(Fields);
}

/// One field of a chart (or of something it holds) changed.
struct Change {
    std::string field;
    std::function<void(Chart&)> apply;
};

/// Checks that each change gives another key, and that the changes name every field of `T`
/// but the `unkeyed` ones, which layout does not draw from.
template <class T>
void check_changes(const Chart& chart, const std::vector<Change>& changes, size_t unkeyed = 0) {
    CHECK(changes.size() + unkeyed == field_count<T>());
    const std::string key = content_key(chart);
    for (const Change& change : changes) {
        Chart changed = chart;
        change.apply(changed);
        INFO("changed: " << change.field);
        CHECK(content_key(changed) != key);
    }
}

template <class Spec>
Spec& spec(Chart& chart) {
    return std::get<Spec>(chart.spec);
}

/// Makes changes of one field of the part of a chart that `part` finds (its spec, a bar, a
/// legend entry…): `change("title", [](RankingChart& s) { s.title = "Other"; })`.
template <class Part>
auto changes_of(Part& (*part)(Chart&)) {
    return [part](std::string field, std::function<void(Part&)> edit) {
        return Change{std::move(field), [part, edit](Chart& c) { edit(part(c)); }};
    };
}

Style text_style(const std::string& name, int points) {
    Style style;
    style.name = name;
    style.family = "Source Sans 3";
    style.size = from_pt(points);
    style.leading = from_pt(points * 1.2);
    style.color = Color{20, 20, 20, 255};
    return style;
}

/// The styles a chart points at. Each test makes its own, so that equal charts hold equal
/// styles at different addresses, as a rebuilt model does.
struct TextStyles {
    Style title = text_style("chart-title", 10);
    Style label = text_style("chart-label", 8);
    Style value = text_style("chart-value", 7);
    Style axis = text_style("chart-axis", 6);
};

Chart chart_of(auto spec, const TextStyles& styles) {
    Chart chart;
    chart.spec = std::move(spec);
    chart.styles.title = &styles.title;
    chart.styles.label = &styles.label;
    chart.styles.value = &styles.value;
    chart.styles.axis = &styles.axis;
    chart.styles.text = Color{20, 20, 20, 255};
    chart.styles.muted = Color{120, 120, 120, 255};
    chart.styles.grid = Color{220, 220, 220, 255};
    chart.styles.average = Color{0, 0, 0, 255};
    chart.styles.highlight = Color{200, 40, 40, 255};
    chart.styles.min_label_size = from_pt(5);
    chart.name = "chart";
    chart.alt = "What the chart says.";
    chart.description = "A longer description.";
    return chart;
}

const Color blue{30, 90, 160, 255};
const Color red{200, 40, 40, 255};

std::vector<LegendEntry> legend() {
    return {{"2019", blue, LegendEntry::Mark::Swatch}, {"Average", red, LegendEntry::Mark::Line}};
}

Chart ranking(const TextStyles& styles) {
    RankingChart chart;
    chart.title = "Overall score";
    chart.note = "The seven areas comparable with earlier editions";
    chart.bars = {{"Sweden", "1", 86, "86", blue, false, "profile-se"},
                  {"Finland", "2", 85, "85", blue, true, "profile-fi"}};
    chart.average = 50;
    chart.average_label = "Average 50";
    chart.axis_labels = {"0", "50", "100"};
    chart.legend = legend();
    return chart_of(chart, styles);
}

Chart comparison(const TextStyles& styles) {
    ComparisonChart chart;
    chart.title = "Areas";
    chart.series = {{"2014"}, {"2019"}};
    chart.categories = {{"Labour market mobility", {40, 45}, {"40", "45"}, {blue, red}, 50, "lmm"}};
    chart.marker_label = "Average";
    chart.axis_labels = {"0", "100"};
    chart.legend = legend();
    return chart_of(chart, styles);
}

Chart radar(const TextStyles& styles) {
    RadarChart chart;
    chart.title = "Areas";
    chart.axes = {"Labour", "Family", "Education"};
    chart.links = {"lmm", "fr", "edu"};
    chart.series = {{"Sweden", {80, 70, 60}, blue, true, false}};
    chart.scale_labels = {"50", "100"};
    chart.legend = legend();
    return chart_of(chart, styles);
}

Chart dimensions(const TextStyles& styles) {
    DimensionsChart chart;
    chart.title = "Dimensions";
    chart.panels = {{"Labour market mobility", "lmm", {{"Access", 80, "80", blue, 60}}}};
    chart.columns = 2;
    chart.axis_labels = {"0", "100"};
    chart.legend = legend();
    return chart_of(chart, styles);
}

Chart change(const TextStyles& styles) {
    ChangeChart chart;
    chart.title = "Change since 2014";
    chart.rows = {{"Labour market mobility", "lmm", 3.33, "+3.33"}};
    chart.range = 10;
    chart.ticks = {{-10, "−10"}, {0, "0"}, {10, "+10"}};
    chart.gain = blue;
    chart.loss = red;
    chart.legend = legend();
    return chart_of(chart, styles);
}

/// The outlines a map points at; each test makes its own, as a rebuilt model does.
struct Outlines {
    model::MapPolygon sweden{"SE", {{{11, 55}, {24, 69}, {18, 59}}}};
    model::MapPolygon norway{"NO", {{{5, 58}, {31, 71}, {10, 63}}}};
};

Chart map(const TextStyles& styles, const Outlines& outlines) {
    MapChart chart;
    chart.title = "Overall score";
    chart.projection = model::MapAsset::Projection::LambertAzimuthalEqualArea;
    chart.center = {10, 52};
    chart.bounds = std::pair{model::GeoPoint{-25, 34}, model::GeoPoint{45, 72}};
    chart.regions = {{&outlines.sweden, blue, false, true, "profile-se"}};
    chart.no_data = Color{240, 240, 240, 255};
    chart.border = Color{255, 255, 255, 255};
    chart.sea = Color{230, 240, 250, 255};
    chart.legend = legend();
    chart.source = "Natural Earth";
    chart.aspect = 0.8;
    return chart_of(chart, styles);
}

} // namespace

TEST_CASE("equal charts have equal content keys, wherever their styles and outlines are") {
    TextStyles styles, other_styles;
    Outlines outlines, other_outlines;
    CHECK(content_key(ranking(styles)) == content_key(ranking(other_styles)));
    CHECK(content_key(comparison(styles)) == content_key(comparison(other_styles)));
    CHECK(content_key(radar(styles)) == content_key(radar(other_styles)));
    CHECK(content_key(dimensions(styles)) == content_key(dimensions(other_styles)));
    CHECK(content_key(change(styles)) == content_key(change(other_styles)));
    CHECK(content_key(map(styles, outlines)) == content_key(map(other_styles, other_outlines)));
}

TEST_CASE("charts of different kinds have different content keys, even empty") {
    TextStyles styles;
    const std::vector<Chart> charts = {
        chart_of(RankingChart{}, styles), chart_of(ComparisonChart{}, styles),
        chart_of(RadarChart{}, styles),   chart_of(DimensionsChart{}, styles),
        chart_of(ChangeChart{}, styles),  chart_of(MapChart{}, styles)};
    CHECK(std::variant_size_v<decltype(Chart::spec)> == charts.size());
    for (size_t i = 0; i < charts.size(); ++i)
        for (size_t j = i + 1; j < charts.size(); ++j)
            CHECK(content_key(charts[i]) != content_key(charts[j]));
}

TEST_CASE("a chart's content key changes with its name, alt text, description and styles, not "
          "with its data table") {
    TextStyles styles;
    const Chart chart = ranking(styles);
    // The data table is printed by the EPUB from the document; layout never draws it.
    check_changes<Chart>(chart,
                         {{"spec", [](Chart& c) { c.spec = ComparisonChart{}; }},
                          {"styles", [](Chart& c) { c.styles.right_to_left = true; }},
                          {"name", [](Chart& c) { c.name = "ranking-overall"; }},
                          {"alt", [](Chart& c) { c.alt = "Another sentence."; }},
                          {"description", [](Chart& c) { c.description = "Other words."; }}},
                         1);
    Chart with_table = chart;
    with_table.data = std::make_shared<Table>();
    CHECK(content_key(with_table) == content_key(chart));
}

TEST_CASE("a chart's content key changes with every field of its chart styles") {
    TextStyles styles;
    Style other = text_style("other", 12);
    check_changes<ChartStyles>(
        ranking(styles),
        {{"title", [&](Chart& c) { c.styles.title = &other; }},
         {"label", [&](Chart& c) { c.styles.label = &other; }},
         {"value", [&](Chart& c) { c.styles.value = &other; }},
         {"axis", [&](Chart& c) { c.styles.axis = nullptr; }},
         {"text", [](Chart& c) { c.styles.text = blue; }},
         {"muted", [](Chart& c) { c.styles.muted = blue; }},
         {"grid", [](Chart& c) { c.styles.grid = blue; }},
         {"average", [](Chart& c) { c.styles.average = blue; }},
         {"highlight", [](Chart& c) { c.styles.highlight = blue; }},
         {"min_label_size", [](Chart& c) { c.styles.min_label_size = from_pt(4); }},
         {"right_to_left", [](Chart& c) { c.styles.right_to_left = true; }}});
}

TEST_CASE("a chart's content key changes with every field of a style it points at, but not "
          "with where the style was written") {
    TextStyles styles;
    const Chart chart = ranking(styles);
    // Each change points the label style at an edited copy, kept alive by the change.
    auto label_style = [](std::string field, std::function<void(Style&)> edit) {
        auto copy = std::make_shared<Style>();
        return Change{field, [copy, edit](Chart& c) {
                          *copy = *c.styles.label;
                          edit(*copy);
                          c.styles.label = copy.get();
                      }};
    };
    check_changes<Style>(
        chart,
        {label_style("name", [](Style& s) { s.name = "other"; }),
         label_style("family", [](Style& s) { s.family = "Noto Naskh Arabic"; }),
         label_style("weight", [](Style& s) { s.weight = 600; }),
         label_style("italic", [](Style& s) { s.italic = true; }),
         label_style("size", [](Style& s) { s.size = from_pt(9); }),
         label_style("leading", [](Style& s) { s.leading = from_pt(11); }),
         label_style("color", [](Style& s) { s.color = blue; }),
         label_style("align", [](Style& s) { s.align = Align::End; }),
         label_style("space_before", [](Style& s) { s.space_before = from_pt(2); }),
         label_style("space_after", [](Style& s) { s.space_after = from_pt(2); }),
         label_style("first_line_indent", [](Style& s) { s.first_line_indent = from_pt(2); }),
         label_style("keep_with_next", [](Style& s) { s.keep_with_next = true; }),
         label_style("tabular_numbers", [](Style& s) { s.tabular_numbers = true; })},
        1);
    // The family's position in theme.yaml is for error messages; the chart looks the same.
    Style moved = styles.label;
    moved.family_pos = SourcePos{1, 12, 3};
    Chart same = chart;
    same.styles.label = &moved;
    CHECK(content_key(same) == content_key(chart));
}

TEST_CASE("a ranking chart's content key changes with every field of it, its bars and its "
          "legend") {
    TextStyles styles;
    const Chart chart = ranking(styles);
    using Bar = RankingChart::Bar;
    auto field = changes_of(spec<RankingChart>);
    check_changes<RankingChart>(
        chart, {field("orientation",
                      [](RankingChart& s) { s.orientation = RankingChart::Orientation::Vertical; }),
                field("title", [](RankingChart& s) { s.title = "Labour market mobility"; }),
                field("note", [](RankingChart& s) { s.note.clear(); }),
                field("bars", [](RankingChart& s) { s.bars.pop_back(); }),
                field("average", [](RankingChart& s) { s.average.reset(); }),
                field("average_label", [](RankingChart& s) { s.average_label = "Average 51"; }),
                field("axis_labels", [](RankingChart& s) { s.axis_labels[1] = "٥٠"; }),
                field("legend", [](RankingChart& s) { s.legend.pop_back(); })});
    auto bar = changes_of(+[](Chart& c) -> Bar& { return spec<RankingChart>(c).bars.back(); });
    check_changes<Bar>(chart, {bar("label", [](Bar& b) { b.label = "Norway"; }),
                               bar("rank", [](Bar& b) { b.rank.clear(); }),
                               bar("value", [](Bar& b) { b.value = 85.5; }),
                               bar("value_text", [](Bar& b) { b.value_text = "85.5"; }),
                               bar("color", [](Bar& b) { b.color = red; }),
                               bar("highlight", [](Bar& b) { b.highlight = false; }),
                               bar("link", [](Bar& b) { b.link = "profile-no"; }),
                               bar("mark", [](Bar& b) { b.mark.value = "85.5"; })});
    auto mark =
        changes_of(+[](Chart& c) -> ChartMark& { return spec<RankingChart>(c).bars.back().mark; });
    check_changes<ChartMark>(chart, {mark("country", [](ChartMark& m) { m.country = "NO"; }),
                                     mark("value", [](ChartMark& m) { m.value = "85.5"; }),
                                     mark("label", [](ChartMark& m) { m.label = "Norway 85"; })});
    auto entry =
        changes_of(+[](Chart& c) -> LegendEntry& { return spec<RankingChart>(c).legend.front(); });
    check_changes<LegendEntry>(
        chart, {entry("label", [](LegendEntry& e) { e.label = "2014"; }),
                entry("color", [](LegendEntry& e) { e.color = red; }),
                entry("mark", [](LegendEntry& e) { e.mark = LegendEntry::Mark::Hatched; })});
}

TEST_CASE("a comparison chart's content key changes with every field of it, its series and "
          "its categories") {
    TextStyles styles;
    const Chart chart = comparison(styles);
    using Category = ComparisonChart::Category;
    using Series = ComparisonChart::Series;
    auto field = changes_of(spec<ComparisonChart>);
    check_changes<ComparisonChart>(
        chart, {field("title", [](ComparisonChart& s) { s.title = "Dimensions"; }),
                field("series", [](ComparisonChart& s) { s.series.pop_back(); }),
                field("categories", [](ComparisonChart& s) { s.categories.clear(); }),
                field("marker_label", [](ComparisonChart& s) { s.marker_label = "Mean"; }),
                field("axis_labels", [](ComparisonChart& s) { s.axis_labels.clear(); }),
                field("legend", [](ComparisonChart& s) { s.legend.clear(); })});
    auto category = changes_of(
        +[](Chart& c) -> Category& { return spec<ComparisonChart>(c).categories.front(); });
    check_changes<Category>(
        chart, {category("label", [](Category& k) { k.label = "Family reunification"; }),
                category("values", [](Category& k) { k.values[0].reset(); }),
                category("value_texts", [](Category& k) { k.value_texts[0] = "n/a"; }),
                category("colors", [](Category& k) { k.colors[1] = blue; }),
                category("marker", [](Category& k) { k.marker = 51; }),
                category("link", [](Category& k) { k.link = "fr"; }),
                category("marks", [](Category& k) { k.marks.emplace_back(); })});
    auto series =
        changes_of(+[](Chart& c) -> Series& { return spec<ComparisonChart>(c).series.front(); });
    check_changes<Series>(chart, {series("label", [](Series& s) { s.label = "2010"; })});
}

TEST_CASE("a radar chart's content key changes with every field of it and its series") {
    TextStyles styles;
    const Chart chart = radar(styles);
    using Series = RadarChart::Series;
    auto field = changes_of(spec<RadarChart>);
    check_changes<RadarChart>(chart,
                              {field("title", [](RadarChart& s) { s.title = "Sweden"; }),
                               field("axes", [](RadarChart& s) { s.axes[2] = "Health"; }),
                               field("links", [](RadarChart& s) { s.links[2] = "health"; }),
                               field("series", [](RadarChart& s) { s.series.clear(); }),
                               field("scale_labels", [](RadarChart& s) { s.scale_labels.clear(); }),
                               field("legend", [](RadarChart& s) { s.legend.clear(); })});
    auto series =
        changes_of(+[](Chart& c) -> Series& { return spec<RadarChart>(c).series.front(); });
    check_changes<Series>(chart, {series("label", [](Series& s) { s.label = "Average"; }),
                                  series("values", [](Series& s) { s.values[1] = 71; }),
                                  series("color", [](Series& s) { s.color = red; }),
                                  series("filled", [](Series& s) { s.filled = false; }),
                                  series("dashed", [](Series& s) { s.dashed = true; })});
}

TEST_CASE("a dimensions chart's content key changes with every field of it, its panels and "
          "their bars") {
    TextStyles styles;
    const Chart chart = dimensions(styles);
    using Panel = DimensionsChart::Panel;
    using Bar = DimensionsChart::Bar;
    auto field = changes_of(spec<DimensionsChart>);
    check_changes<DimensionsChart>(
        chart, {field("title", [](DimensionsChart& s) { s.title = "Areas"; }),
                field("panels", [](DimensionsChart& s) { s.panels.clear(); }),
                field("columns", [](DimensionsChart& s) { s.columns = 3; }),
                field("axis_labels", [](DimensionsChart& s) { s.axis_labels.clear(); }),
                field("legend", [](DimensionsChart& s) { s.legend.clear(); })});
    auto panel =
        changes_of(+[](Chart& c) -> Panel& { return spec<DimensionsChart>(c).panels.front(); });
    check_changes<Panel>(chart, {panel("title", [](Panel& p) { p.title = "Education"; }),
                                 panel("link", [](Panel& p) { p.link = "edu"; }),
                                 panel("bars", [](Panel& p) { p.bars.clear(); })});
    auto bar =
        changes_of(+[](Chart& c) -> Bar& { return spec<DimensionsChart>(c).panels[0].bars[0]; });
    check_changes<Bar>(chart, {bar("label", [](Bar& b) { b.label = "Security"; }),
                               bar("value", [](Bar& b) { b.value.reset(); }),
                               bar("value_text", [](Bar& b) { b.value_text = "n/a"; }),
                               bar("color", [](Bar& b) { b.color = red; }),
                               bar("marker", [](Bar& b) { b.marker = 61; }),
                               bar("mark", [](Bar& b) { b.mark.label = "Security 70"; })});
}

TEST_CASE("a change chart's content key changes with every field of it and its rows") {
    TextStyles styles;
    const Chart chart = change(styles);
    using Row = ChangeChart::Row;
    auto field = changes_of(spec<ChangeChart>);
    check_changes<ChangeChart>(
        chart, {field("title", [](ChangeChart& s) { s.title = "Change since 2010"; }),
                field("rows", [](ChangeChart& s) { s.rows.clear(); }),
                field("range", [](ChangeChart& s) { s.range = 20; }),
                field("ticks", [](ChangeChart& s) { s.ticks[0].second = "-10"; }),
                field("gain", [](ChangeChart& s) { s.gain = red; }),
                field("loss", [](ChangeChart& s) { s.loss = blue; }),
                field("legend", [](ChangeChart& s) { s.legend.clear(); })});
    auto row = changes_of(+[](Chart& c) -> Row& { return spec<ChangeChart>(c).rows.front(); });
    check_changes<Row>(chart, {row("label", [](Row& r) { r.label = "Health"; }),
                               row("link", [](Row& r) { r.link = "health"; }),
                               row("change", [](Row& r) { r.change.reset(); }),
                               row("text", [](Row& r) { r.text = "+3.3"; }),
                               row("mark", [](Row& r) { r.mark.value = "3.30"; })});
}

TEST_CASE("a map chart's content key changes with every field of it, its regions and their "
          "outlines") {
    TextStyles styles;
    Outlines outlines;
    const Chart chart = map(styles, outlines);
    using Region = MapChart::Region;
    using model::GeoPoint;
    auto field = changes_of(spec<MapChart>);
    check_changes<MapChart>(
        chart, {field("title", [](MapChart& s) { s.title = "Labour market mobility"; }),
                field("projection",
                      [](MapChart& s) { s.projection = model::MapAsset::Projection::EqualEarth; }),
                field("center", [](MapChart& s) { s.center.lat = 50; }),
                field("bounds", [](MapChart& s) { s.bounds->second.lon = 40; }),
                field("regions", [](MapChart& s) { s.regions.clear(); }),
                field("no_data", [](MapChart& s) { s.no_data = red; }),
                field("border", [](MapChart& s) { s.border = red; }),
                field("sea", [](MapChart& s) { s.sea = red; }),
                field("legend", [](MapChart& s) { s.legend.clear(); }),
                field("source", [](MapChart& s) { s.source = "Eurostat GISCO"; }),
                field("aspect", [](MapChart& s) { s.aspect = 0; })});
    auto region =
        changes_of(+[](Chart& c) -> Region& { return spec<MapChart>(c).regions.front(); });
    check_changes<Region>(chart,
                          {region("polygon", [&](Region& r) { r.polygon = &outlines.norway; }),
                           region("fill", [](Region& r) { r.fill = red; }),
                           region("no_data", [](Region& r) { r.no_data = true; }),
                           region("highlight", [](Region& r) { r.highlight = false; }),
                           region("link", [](Region& r) { r.link = "profile-no"; }),
                           region("mark", [](Region& r) { r.mark.country = "NO"; })});
    // The outline counts by value: the same country and rings elsewhere are the same map.
    model::MapPolygon moved_country = outlines.sweden, moved_point = outlines.sweden;
    moved_country.country = "NO";
    moved_point.rings[0][1].lat = 68;
    check_changes<model::MapPolygon>(
        chart, {region("country", [&](Region& r) { r.polygon = &moved_country; }),
                region("rings", [&](Region& r) { r.polygon = &moved_point; })});
    auto center = changes_of(+[](Chart& c) -> GeoPoint& { return spec<MapChart>(c).center; });
    check_changes<GeoPoint>(chart, {center("lon", [](GeoPoint& p) { p.lon = 11; }),
                                    center("lat", [](GeoPoint& p) { p.lat = 53; })});
}
