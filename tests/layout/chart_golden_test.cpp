// Golden display-list dumps of one chart of each kind at two widths, from hand-made specs (no
// model, no scores): the chart library alone. UPDATE_GOLDEN=1 rewrites them.
#include "doc/charts.h"
#include "layout/chart/chart.h"
#include "layout/fonts.h"
#include "layout/hyphenate.h"
#include "support/golden.h"

#include <catch2/catch.hpp>
#include <filesystem>

using namespace mipex;

namespace {

struct Styles {
    model::TextStyle title, label, value, axis;
    doc::ChartStyles chart;

    Styles() {
        for (model::TextStyle* style : {&title, &label, &value, &axis}) {
            style->family = "Noto Sans";
            style->size = from_pt(7.5);
            style->leading = from_pt(9);
        }
        title.name = "chart_title";
        title.weight = 600;
        title.size = from_pt(9.5);
        title.leading = from_pt(12);
        label.name = "chart_label";
        value.name = "chart_value";
        value.size = from_pt(7);
        axis.name = "chart_axis";
        axis.size = from_pt(6.5);
        chart = doc::ChartStyles{&title,
                                 &label,
                                 &value,
                                 &axis,
                                 Color{29, 29, 31, 255},
                                 Color{95, 99, 104, 255},
                                 Color{228, 230, 232, 255},
                                 Color{43, 43, 43, 255},
                                 Color{17, 17, 17, 255}};
        chart.min_label_size = from_pt(6);
    }
};

const std::vector<std::string> axis = {"0", "20", "40", "60", "80", "100"};
const Color blue{0x45, 0x75, 0xb4, 255}, pale{0xe0, 0xf3, 0xf8, 255}, yellow{0xfe, 0xe0, 0x90, 255},
    grey{0xc4, 0xc7, 0xca, 255};
const std::vector<doc::LegendEntry> bands = {
    {"Favourable", blue}, {"Halfway favourable", pale}, {"Slightly unfavourable", yellow}};

std::string lay_out(const doc::Chart& chart, Length width) {
    static layout::FontContext fonts({std::filesystem::path(MIPEX_SOURCE_DIR) / "fonts"}, "en");
    layout::TextShaper shaper(fonts);
    layout::ChartLayout laid = layout::layout_chart(chart, width, shaper);
    display::Book document;
    document.fonts = fonts.fonts();
    display::Page page;
    page.width = width;
    page.height = laid.frame->height;
    page.label = "chart";
    page.items = laid.frame->items;
    std::string out = display::dump(page, *document.fonts);
    for (const std::string& label : laid.unfitted)
        out += "unfitted \"" + label + "\"\n";
    return out;
}

void check_both_widths(const std::string& name, const doc::Chart& chart) {
    check_golden(name + "-wide", lay_out(chart, from_pt(400)));
    check_golden(name + "-narrow", lay_out(chart, from_pt(220)));
}

} // namespace

TEST_CASE("golden chart: ranking") {
    Styles styles;
    doc::RankingChart spec;
    spec.title = "Labour market mobility: all countries ranked, 2019";
    spec.bars = {{"Finland", "1", 94, "94", blue, false, "country-FI"},
                 {"United Kingdom of Great Britain and Northern Ireland", "2", 62, "62", pale, true,
                  "country-GB"},
                 {"Greece", "", 62, "62", pale, false, "country-GR"},
                 {"Hungary", "4", 33, "33", yellow, false, "country-HU"}};
    spec.average = 62.75;
    spec.average_label = "All countries average 63";
    spec.axis_labels = axis;
    spec.legend = bands;
    check_both_widths("chart-ranking", doc::Chart{spec, styles.chart, "ranking-test"});
}

TEST_CASE("golden chart: a country among all others, as columns") {
    Styles styles;
    doc::RankingChart spec;
    spec.orientation = doc::RankingChart::Orientation::Vertical;
    spec.title = "Sweden among 5 countries: overall score, 2019";
    spec.bars = {{"Finland", "1", 90, "90", blue},
                 {"Sweden", "2", 87, "87", blue, true},
                 {"Spain", "3", 60, "60", pale},
                 {"Greece", "4", 45, "45", pale},
                 {"Hungary", "5", 30, "30", yellow}};
    spec.average = 62.4;
    spec.average_label = "Average 62";
    spec.axis_labels = axis;
    check_both_widths("chart-columns", doc::Chart{spec, styles.chart, "position-test"});
}

TEST_CASE("golden chart: comparison of two editions") {
    Styles styles;
    doc::ComparisonChart spec;
    spec.title = "Sweden: area scores, 2014 and 2019";
    spec.series = {{"2014"}, {"2019"}};
    spec.categories = {
        {"Labour market mobility", {78, 86}, {"78", "86"}, {grey, blue}, 54, "area-lmm"},
        {"Health", {std::nullopt, 44}, {"", "44"}, {grey, pale}, 50, "area-health"}};
    spec.axis_labels = axis;
    spec.legend = {{"2014", grey},
                   {"Average 2019", Color{43, 43, 43, 255}, doc::LegendEntry::Mark::Line}};
    check_both_widths("chart-comparison", doc::Chart{spec, styles.chart, "areas-test"});
}

TEST_CASE("golden chart: radar") {
    Styles styles;
    doc::RadarChart spec;
    spec.title = "Sweden against the average, 2019";
    spec.axes = {"Labour market mobility", "Family reunion", "Education", "Political participation",
                 "Anti-discrimination"};
    spec.series = {{"Average", {54, 53, 42, 42, 60}, Color{43, 43, 43, 255}, false, true},
                   {"Sweden", {86, 79, 83, 100, std::nullopt}, blue, true, false}};
    spec.scale_labels = {"", "", "", "", "100"};
    spec.legend = {{"Sweden", blue}};
    check_both_widths("chart-radar", doc::Chart{spec, styles.chart, "radar-test"});
}

TEST_CASE("golden chart: change between editions") {
    Styles styles;
    doc::ChangeChart spec;
    spec.title = "Sweden: change in points, 2014–2019";
    spec.rows = {{"Labour market mobility", "area-lmm", 8, "+8"},
                 {"Access to nationality", "area-atn", -3, "\u20133"},
                 {"Permanent residence", "area-pr", 0, "0"},
                 {"Health", "area-health", std::nullopt, "New in 2019"}};
    spec.range = 10;
    spec.ticks = {{-10, "\u201310"}, {0, "0"}, {10, "+10"}};
    spec.gain = blue;
    spec.loss = Color{0xd7, 0x30, 0x27, 255};
    check_both_widths("chart-change", doc::Chart{spec, styles.chart, "change-test"});
}

TEST_CASE("golden chart: dimensions as small multiples") {
    Styles styles;
    doc::DimensionsChart spec;
    spec.title = "Sweden: the dimensions of each area, 2019";
    spec.panels = {{"Labour market mobility",
                    "area-lmm",
                    {{"Access", 75, "75", blue, 61}, {"General support", 88, "88", blue, 50}}},
                   {"Health", "area-health", {{"Entitlements", std::nullopt, "–", grey, 41}}},
                   {"Education",
                    "area-edu",
                    {{"Conditions for acquisition of status", 38, "38", yellow, 44}}}};
    spec.axis_labels = axis;
    check_both_widths("chart-dimensions", doc::Chart{spec, styles.chart, "dimensions-test"});
}

TEST_CASE("golden chart: map") {
    Styles styles;
    // Two square "countries" and a third without data, around 10°E 50°N.
    static model::MapPolygon a{"AA", {{{0, 45}, {10, 45}, {10, 55}, {0, 55}}}};
    static model::MapPolygon b{"BB", {{{10, 45}, {20, 45}, {20, 55}, {10, 55}}}};
    static model::MapPolygon c{"", {{{0, 40}, {20, 40}, {20, 45}, {0, 45}}}};
    doc::MapChart spec;
    spec.title = "A score in two countries, 2019";
    spec.projection = model::MapAsset::Projection::LambertAzimuthalEqualArea;
    spec.center = {10, 50};
    spec.regions = {{&a, blue, false, false, "country-AA"},
                    {&b, yellow, false, true, "country-BB"},
                    {&c, grey, true, false, ""}};
    spec.no_data = grey;
    spec.border = Color{0x7d, 0x85, 0x8c, 255};
    spec.sea = Color{0xf1, 0xf3, 0xf5, 255};
    spec.legend = {{"Favourable", blue}, {"No data", grey, doc::LegendEntry::Mark::Hatched}};
    spec.source = "Map: test outlines";
    check_both_widths("chart-map", doc::Chart{spec, styles.chart, "map-test"});
}

namespace {

/// The shapes of a frame and of the groups in it, with their offsets.
void collect_shapes(const std::vector<display::Item>& items, display::Point offset,
                    std::vector<std::pair<display::Shape, display::Point>>& shapes) {
    for (const display::Item& item : items) {
        if (auto* shape = std::get_if<display::Shape>(&item))
            shapes.emplace_back(*shape, offset);
        else if (auto* group = std::get_if<display::Group>(&item))
            collect_shapes(group->items(), {offset.x + group->offset.x, offset.y + group->offset.y},
                           shapes);
    }
}

} // namespace

TEST_CASE("map: outlines are cut a little outside the bounds, those wholly outside left out") {
    Styles styles;
    // Inside the bounds (0–20°E, 40–60°N); across their eastern edge; far outside them.
    static model::MapPolygon inside{"AA", {{{5, 45}, {10, 45}, {10, 50}, {5, 50}}}};
    static model::MapPolygon across{"BB", {{{15, 45}, {60, 45}, {60, 55}, {15, 55}}}};
    static model::MapPolygon outside{"CC", {{{100, 10}, {110, 10}, {110, 20}, {100, 20}}}};
    const Color red{0xd7, 0x30, 0x27, 255};
    doc::MapChart spec;
    spec.title = "Bounds";
    spec.projection = model::MapAsset::Projection::LambertAzimuthalEqualArea;
    spec.center = {10, 50};
    spec.bounds = std::make_pair(model::GeoPoint{0, 40}, model::GeoPoint{20, 60});
    spec.regions = {{&inside, blue, false, false, "country-AA"},
                    {&across, yellow, false, false, "country-BB"},
                    {&outside, red, false, false, "country-CC"}};
    spec.border = grey;
    spec.sea = pale;
    static layout::FontContext fonts({std::filesystem::path(MIPEX_SOURCE_DIR) / "fonts"}, "en");
    layout::TextShaper shaper(fonts);
    const Length width = from_pt(300);
    layout::ChartLayout laid =
        layout::layout_chart(doc::Chart{spec, styles.chart, "bounds-test"}, width, shaper);
    std::vector<std::pair<display::Shape, display::Point>> shapes;
    collect_shapes(laid.frame->items, {}, shapes);

    // The map's box: the sea, the one shape filled with its colour.
    std::optional<display::Rect> sea;
    for (const auto& [shape, offset] : shapes)
        if (shape.fill == pale && shape.path.size() >= 4)
            sea = display::Rect{offset.x + shape.path[0].points[0].x,
                                offset.y + shape.path[0].points[0].y,
                                shape.path[2].points[0].x - shape.path[0].points[0].x,
                                shape.path[2].points[0].y - shape.path[0].points[0].y};
    REQUIRE(sea);
    const Length margin = from_pt(3);
    size_t inside_points = 0, across_points = 0;
    for (const auto& [shape, offset] : shapes) {
        CHECK(shape.fill != red); // wholly outside: not drawn at all
        if (shape.fill != blue && shape.fill != yellow)
            continue;
        for (const display::PathElement& element : shape.path) {
            if (element.op == display::PathElement::Op::Close)
                continue;
            display::Point p{offset.x + element.points[0].x, offset.y + element.points[0].y};
            CHECK(p.x >= sea->x - margin);
            CHECK(p.x <= sea->x + sea->width + margin);
            CHECK(p.y >= sea->y - margin);
            CHECK(p.y <= sea->y + sea->height + margin);
            ++(shape.fill == blue ? inside_points : across_points);
        }
    }
    CHECK(inside_points == 4);
    // Cut at the eastern edge: the two points beyond it give way to two on the edge.
    CHECK(across_points == 4);
    // Links only where countries are drawn, within the map.
    for (const display::Item& item : laid.frame->items)
        if (auto* group = std::get_if<display::Group>(&item))
            for (const display::Item& inner : group->items())
                if (auto* link = std::get_if<display::Link>(&inner))
                    CHECK(link->destination != "country-CC");
}

namespace {

/// The text of every glyph run of a frame, in drawing order, with its baseline.
/// Each glyph run's text with where it starts on the chart: the x of its origin, and its
/// baseline.
struct PlacedText {
    std::string text;
    Length x = 0, baseline = 0;
};

void collect_texts(const std::vector<display::Item>& items, display::Point at,
                   std::vector<PlacedText>& texts) {
    for (const display::Item& item : items) {
        if (auto* run = std::get_if<display::GlyphRun>(&item))
            texts.push_back({run->text, at.x + run->origin.x, at.y + run->origin.y});
        else if (auto* group = std::get_if<display::Group>(&item))
            collect_texts(group->items(), {at.x + group->offset.x, at.y + group->offset.y}, texts);
    }
}

} // namespace

TEST_CASE("chart labels: a word too long for its line breaks at a hyphenation point, and a "
          "change chart's row grows with its label") {
    Styles styles;
    static layout::FontContext fonts({std::filesystem::path(MIPEX_SOURCE_DIR) / "fonts"}, "de");
    layout::Hyphenator hyphenator("de", layout::Hyphenator::default_folders(MIPEX_SOURCE_DIR));
    REQUIRE(hyphenator.available());
    layout::TextShaper shaper(fonts, &hyphenator);

    doc::ChangeChart spec;
    spec.title = "Veränderung";
    spec.rows = {{"Bildung", "", 2, "+2"},
                 {"Familienzusammenführung", "", 3, "+3"},
                 {"Antidiskriminierung", "", -1, "−1"},
                 {"Gesundheit", "", 0, "0"}};
    spec.ticks = {{-10, "−10"}, {0, "0"}, {10, "+10"}};
    spec.gain = blue;
    spec.loss = Color{0xd7, 0x30, 0x27, 255};
    // Narrow: the labels' column holds no long German word whole, even at the smallest size.
    layout::ChartLayout laid =
        layout::layout_chart(doc::Chart{spec, styles.chart, "change-de"}, from_pt(120), shaper);
    CHECK(laid.unfitted.empty());
    std::vector<PlacedText> labels;
    collect_texts(laid.frame->items, {}, labels);
    std::vector<std::string> texts;
    for (const auto& [text, x, baseline] : labels)
        texts.push_back(text);
    // Broken with a hyphen, nothing cut.
    auto has = [&](const std::string& text) {
        return std::find(texts.begin(), texts.end(), text) != texts.end();
    };
    CHECK(std::none_of(texts.begin(), texts.end(), [](const std::string& text) {
        return text.find("\u2026") != std::string::npos;
    }));
    CHECK(std::any_of(texts.begin(), texts.end(), [](const std::string& text) {
        return text.size() > 1 && text.back() == '-' && text.rfind("Familien", 0) == 0;
    }));
    CHECK(has("Bildung"));
    CHECK(has("Gesundheit"));
    // Every row's label lines stay between the rows before and after it: the baselines of
    // the labels, in drawing order, only go down, by at least a line's leading.
    std::vector<Length> label_baselines;
    for (const auto& [text, x, baseline] : labels)
        if (text != "+2" && text != "+3" && text != "−1" && text != "0" && text != "−10" &&
            text != "+10" && text != "Veränderung")
            label_baselines.push_back(baseline);
    REQUIRE(label_baselines.size() >= 6);
    for (size_t i = 1; i < label_baselines.size(); ++i)
        CHECK(label_baselines[i] - label_baselines[i - 1] >= from_pt(7));
}

TEST_CASE("a change chart labels as many of its ticks as fit, zero always, none overlapping") {
    // A narrow Greek chart beside long area names left "−15−10−5 0 +5+10+15" run together.
    Styles styles;
    static layout::FontContext fonts({std::filesystem::path(MIPEX_SOURCE_DIR) / "fonts"}, "el");
    layout::TextShaper shaper(fonts);
    doc::ChangeChart spec;
    spec.title = "Βουλγαρία: μεταβολή σε μονάδες";
    spec.rows = {{"Κινητικότητα στην αγορά εργασίας", "", 3, "+3"},
                 {"Οικογενειακή επανένωση", "", 12, "+12"},
                 {"Εκπαίδευση", "", -6, "−6"}};
    spec.range = 15;
    for (int tick = -15; tick <= 15; tick += 5)
        spec.ticks.emplace_back(tick, tick == 0  ? "0"
                                      : tick < 0 ? "−" + std::to_string(-tick)
                                                 : "+" + std::to_string(tick));
    spec.gain = blue;
    spec.loss = Color{0xd7, 0x30, 0x27, 255};
    const doc::Style& axis = *styles.chart.axis;
    auto axis_labels = [&](Length width) {
        layout::ChartLayout laid =
            layout::layout_chart(doc::Chart{spec, styles.chart, "change-el"}, width, shaper);
        std::vector<PlacedText> texts;
        std::vector<std::pair<std::string, Length>> labels;
        collect_texts(laid.frame->items, {}, texts);
        for (const auto& [text, x, baseline] : texts)
            for (const auto& [tick, tick_text] : spec.ticks)
                if (text == tick_text && text != "+3" && text != "+12" && text != "−6")
                    labels.emplace_back(text, x);
        return labels;
    };
    for (Length width : {from_pt(110), from_pt(150), from_pt(200), from_pt(400)}) {
        INFO("width " << to_pt(width));
        auto labels = axis_labels(width);
        REQUIRE(!labels.empty());
        CHECK(std::count_if(labels.begin(), labels.end(),
                            [](const auto& label) { return label.first == "0"; }) == 1);
        for (size_t i = 1; i < labels.size(); ++i) {
            INFO(labels[i - 1].first << " then " << labels[i].first);
            CHECK(labels[i - 1].second + shaper.measure(labels[i - 1].first, axis) <
                  labels[i].second);
        }
        if (width >= from_pt(400))
            CHECK(labels.size() == 7); // room for every one
    }
    CHECK(axis_labels(from_pt(110)).size() < 7); // thinned, not overlapped
}

TEST_CASE("a change chart of ±35 points labels round ticks and zero, wide and narrow, with "
          "room for values with decimals") {
    // Before, changes of 35 drew ticks at ±5, ±15, ±25, ±35 and labelled "–25 –5 +15 +35",
    // leaving zero unlabelled.
    Styles styles;
    static layout::FontContext fonts({std::filesystem::path(MIPEX_SOURCE_DIR) / "fonts"}, "el");
    layout::TextShaper shaper(fonts);
    const std::string minus = "\u2013";
    for (double largest : {35.0, 3.0}) {
        doc::ChangeChart spec;
        spec.title = "Βουλγαρία: μεταβολή σε μονάδες";
        spec.rows = {
            {"Κινητικότητα στην αγορά εργασίας", "", largest,
             "+" + std::to_string(int(largest)) + ",00"},
            {"Οικογενειακή επανένωση", "", -largest, minus + std::to_string(int(largest)) + ",00"},
            {"Εκπαίδευση", "", 0.25, "+0,25"}};
        doc::ChangeAxis change_axis = doc::change_axis(largest);
        spec.range = change_axis.range;
        for (int tick = -change_axis.range; tick <= change_axis.range; tick += change_axis.step)
            spec.ticks.emplace_back(tick, tick == 0  ? "0"
                                          : tick < 0 ? minus + std::to_string(-tick)
                                                     : "+" + std::to_string(tick));
        spec.gain = blue;
        spec.loss = Color{0xd7, 0x30, 0x27, 255};
        INFO("largest change " << largest);
        CHECK(spec.ticks.size() == (largest > 10 ? 9u : 5u));
        for (Length width : {from_pt(110), from_pt(170), from_pt(400)}) {
            INFO("width " << to_pt(width));
            layout::ChartLayout laid =
                layout::layout_chart(doc::Chart{spec, styles.chart, "change-el"}, width, shaper);
            // The Greek edition's change chart is some 170 pt wide: its names fit there.
            if (width >= from_pt(170))
                CHECK(laid.unfitted.empty());
            std::vector<PlacedText> texts;
            collect_texts(laid.frame->items, {}, texts);
            std::vector<std::string> labelled;
            Length axis_baseline = 0;
            for (const auto& [text, x, baseline] : texts)
                axis_baseline = std::max(axis_baseline, baseline);
            for (const auto& [text, x, baseline] : texts)
                if (baseline == axis_baseline)
                    labelled.push_back(text);
            // Zero is labelled, and every label is one of the round ticks.
            CHECK(std::count(labelled.begin(), labelled.end(), "0") == 1);
            for (const std::string& text : labelled)
                CHECK(std::any_of(spec.ticks.begin(), spec.ticks.end(),
                                  [&](const auto& tick) { return tick.second == text; }));
            if (width >= from_pt(400))
                CHECK(labelled.size() == spec.ticks.size());
            // The loss's value, before its bar, stays clear of the area names.
            Length names_end = 0, loss_start = 0;
            for (const auto& [text, x, baseline] : texts) {
                if (text == spec.rows[1].text)
                    loss_start = x;
                else if (text.find("Κινητικότητα") != std::string::npos ||
                         text.find("Οικογενειακή") != std::string::npos ||
                         text.find("Εκπαίδευση") != std::string::npos)
                    names_end = std::max(names_end, x + shaper.measure(text, *styles.chart.label));
            }
            CHECK(loss_start >= names_end);
        }
    }
}

namespace {

/// The items a mark stands on: the frame it is within, from `frame` down its groups.
const std::vector<display::Item>& items_of(const display::Frame& frame, const display::Mark& mark) {
    const std::vector<display::Item>* items = &frame.items;
    for (uint32_t index : mark.within)
        items = &std::get<display::Group>(items->at(index)).items();
    return *items;
}

/// The fills of the shapes among a mark's items.
std::vector<Color> mark_fills(const display::Frame& frame, const display::Mark& mark) {
    std::vector<Color> fills;
    const std::vector<display::Item>& items = items_of(frame, mark);
    REQUIRE(mark.first < mark.end);
    REQUIRE(mark.end <= items.size());
    for (uint32_t i = mark.first; i < mark.end; ++i)
        if (auto* shape = std::get_if<display::Shape>(&items[i]); shape && shape->fill)
            fills.push_back(*shape->fill);
    return fills;
}

layout::ChartLayout lay_out_alone(const doc::Chart& chart) {
    static layout::FontContext fonts({std::filesystem::path(MIPEX_SOURCE_DIR) / "fonts"}, "en");
    layout::TextShaper shaper(fonts);
    return layout::layout_chart(chart, from_pt(400), shaper);
}

} // namespace

TEST_CASE("a ranking's marks are its rows, each with its country's code, number and label, "
          "and draw nothing the dump would show") {
    Styles styles;
    doc::RankingChart spec;
    spec.title = "Overall score, 2019";
    spec.bars = {{"Finland", "1", 94, "94", blue, false, "country-FI", {"FI", "94", "Finland 94"}},
                 {"Greece", "2", 62, "62", pale, false, "country-GR", {"GR", "62", "Greece 62"}},
                 // A bar without a label makes no mark.
                 {"Hungary", "3", 33, "33", yellow, false, "country-HU"}};
    spec.average = 63;
    spec.average_label = "Average 63";
    spec.axis_labels = axis;
    const doc::Chart chart{spec, styles.chart, "ranking-test"};
    const layout::ChartLayout laid = lay_out_alone(chart);
    REQUIRE(laid.marks.size() == 2);
    CHECK(laid.marks[0].country == "FI");
    CHECK(laid.marks[0].value == "94");
    CHECK(laid.marks[0].label == "Finland 94");
    CHECK(laid.marks[1].country == "GR");
    CHECK(laid.marks[0].within.empty());
    // Each mark holds its bar (in its band colour) and no other, and the marks follow each
    // other as the rows do.
    CHECK(mark_fills(*laid.frame, laid.marks[0]) == std::vector<Color>{blue});
    CHECK(mark_fills(*laid.frame, laid.marks[1]) == std::vector<Color>{pale});
    CHECK(laid.marks[0].end <= laid.marks[1].first);
    // The same chart without marks draws the same items: marks are no item of their own.
    doc::RankingChart unmarked = spec;
    for (doc::RankingChart::Bar& bar : unmarked.bars)
        bar.mark = {};
    const layout::ChartLayout plain = lay_out_alone(doc::Chart{unmarked, styles.chart, "plain"});
    CHECK(plain.marks.empty());
    CHECK(plain.frame->items.size() == laid.frame->items.size());
}

TEST_CASE("a map's marks are its countries inside the map's clipped group, a country of two "
          "outlines one mark; outlines without a country or data make none") {
    Styles styles;
    static model::MapPolygon a{"AA", {{{0, 45}, {10, 45}, {10, 55}, {0, 55}}}};
    static model::MapPolygon island{"AA", {{{1, 56}, {3, 56}, {3, 58}, {1, 58}}}};
    static model::MapPolygon b{"BB", {{{10, 45}, {20, 45}, {20, 55}, {10, 55}}}};
    static model::MapPolygon c{"", {{{0, 40}, {20, 40}, {20, 45}, {0, 45}}}};
    doc::MapChart spec;
    spec.title = "A score in two countries, 2019";
    spec.projection = model::MapAsset::Projection::LambertAzimuthalEqualArea;
    spec.center = {10, 50};
    spec.regions = {{&a, blue, false, false, "country-AA", {"AA", "81", "Aland 81"}},
                    {&island, blue, false, false, "country-AA", {"AA", "81", "Aland 81"}},
                    {&b, yellow, false, true, "country-BB", {"BB", "40", "Bland 40"}},
                    {&c, grey, true, false, ""}};
    spec.no_data = grey;
    spec.border = Color{0x7d, 0x85, 0x8c, 255};
    spec.sea = Color{0xf1, 0xf3, 0xf5, 255};
    spec.source = "Map: test outlines";
    const layout::ChartLayout laid = lay_out_alone(doc::Chart{spec, styles.chart, "map-test"});
    REQUIRE(laid.marks.size() == 2);
    for (const display::Mark& mark : laid.marks) {
        REQUIRE(mark.within.size() == 1);
        const auto& group = std::get<display::Group>(laid.frame->items.at(mark.within[0]));
        CHECK(group.clip);
    }
    CHECK(laid.marks[0].country == "AA");
    CHECK(mark_fills(*laid.frame, laid.marks[0]) == std::vector<Color>{blue, blue});
    CHECK(laid.marks[1].label == "Bland 40");
    CHECK(mark_fills(*laid.frame, laid.marks[1]) == std::vector<Color>{yellow});
}
