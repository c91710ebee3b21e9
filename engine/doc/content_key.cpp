#include "doc/content_key.h"

#include <cstring>
#include <type_traits>

namespace mipex::doc {

namespace {

/// Appends fields as bytes: numbers raw, strings with their length first (so that "ab"+"c"
/// and "a"+"bc" differ).
class KeyWriter {
public:
    explicit KeyWriter(std::string& key) : m_key(key) {}

    template <typename T>
    requires std::is_arithmetic_v<T> || std::is_enum_v<T>
    void operator()(T value) {
        char bytes[sizeof value];
        std::memcpy(bytes, &value, sizeof value);
        m_key.append(bytes, sizeof value);
    }
    void operator()(const std::string& text) {
        (*this)(text.size());
        m_key += text;
    }
    void operator()(const Color& color) {
        (*this)(color.r);
        (*this)(color.g);
        (*this)(color.b);
        (*this)(color.a);
    }
    template <typename T>
    void operator()(const std::optional<T>& value) {
        (*this)(value.has_value());
        if (value)
            (*this)(*value);
    }
    template <typename T>
    void operator()(const std::vector<T>& list) {
        (*this)(list.size());
        for (const T& item : list)
            (*this)(item);
    }
    template <typename A, typename B>
    void operator()(const std::pair<A, B>& pair) {
        (*this)(pair.first);
        (*this)(pair.second);
    }
    void operator()(const Style* style) {
        (*this)(style != nullptr);
        if (style)
            append_key(m_key, *style);
    }
    void operator()(const model::GeoPoint& point) {
        (*this)(point.lon);
        (*this)(point.lat);
    }
    void operator()(const LegendEntry& entry) {
        (*this)(entry.label);
        (*this)(entry.color);
        (*this)(entry.mark);
    }
    void operator()(const Span& span) {
        (*this)(span.text);
        (*this)(span.flags);
        (*this)(span.color);
        (*this)(span.link);
        (*this)(span.uri);
        (*this)(span.anchor);
        (*this)(span.page_of);
        (*this)(span.key);
    }
    void operator()(const Table::Column& column) {
        (*this)(column.share);
        (*this)(column.align);
        (*this)(column.width);
    }
    void operator()(const Table::Cell& cell) {
        (*this)(cell.spans);
        (*this)(cell.style);
        (*this)(cell.align);
        (*this)(cell.background);
        (*this)(cell.span);
    }
    void operator()(const Table::Row& row) {
        (*this)(row.cells);
        (*this)(row.background);
        (*this)(row.rule_above);
        (*this)(row.keep_with_next);
    }
    void operator()(const Table& table) {
        (*this)(table.columns);
        (*this)(table.header);
        (*this)(table.body);
        (*this)(table.caption);
        (*this)(table.continued);
        (*this)(table.caption_style);
        (*this)(table.rule_color);
        (*this)(table.stripe);
        (*this)(table.row_padding);
    }
    void operator()(const ChartStyles& styles) {
        (*this)(styles.title);
        (*this)(styles.label);
        (*this)(styles.value);
        (*this)(styles.axis);
        (*this)(styles.text);
        (*this)(styles.muted);
        (*this)(styles.grid);
        (*this)(styles.average);
        (*this)(styles.highlight);
        (*this)(styles.min_label_size);
        (*this)(styles.right_to_left);
    }

    // The chart kinds.
    void operator()(const ChartMark& mark) {
        (*this)(mark.country);
        (*this)(mark.value);
        (*this)(mark.label);
    }
    void operator()(const RankingChart::Bar& bar) {
        (*this)(bar.label);
        (*this)(bar.rank);
        (*this)(bar.value);
        (*this)(bar.value_text);
        (*this)(bar.color);
        (*this)(bar.highlight);
        (*this)(bar.link);
        (*this)(bar.mark);
    }
    void operator()(const RankingChart& chart) {
        (*this)(chart.orientation);
        (*this)(chart.title);
        (*this)(chart.note);
        (*this)(chart.bars);
        (*this)(chart.average);
        (*this)(chart.average_label);
        (*this)(chart.axis_labels);
        (*this)(chart.legend);
    }
    void operator()(const ComparisonChart::Category& category) {
        (*this)(category.label);
        (*this)(category.values);
        (*this)(category.value_texts);
        (*this)(category.colors);
        (*this)(category.marker);
        (*this)(category.link);
        (*this)(category.marks);
    }
    void operator()(const ComparisonChart::Series& series) { (*this)(series.label); }
    void operator()(const ComparisonChart& chart) {
        (*this)(chart.title);
        (*this)(chart.series);
        (*this)(chart.categories);
        (*this)(chart.marker_label);
        (*this)(chart.axis_labels);
        (*this)(chart.legend);
    }
    void operator()(const RadarChart::Series& series) {
        (*this)(series.label);
        (*this)(series.values);
        (*this)(series.color);
        (*this)(series.filled);
        (*this)(series.dashed);
    }
    void operator()(const RadarChart& chart) {
        (*this)(chart.title);
        (*this)(chart.axes);
        (*this)(chart.links);
        (*this)(chart.series);
        (*this)(chart.scale_labels);
        (*this)(chart.legend);
    }
    void operator()(const DimensionsChart::Bar& bar) {
        (*this)(bar.label);
        (*this)(bar.value);
        (*this)(bar.value_text);
        (*this)(bar.color);
        (*this)(bar.marker);
        (*this)(bar.mark);
    }
    void operator()(const DimensionsChart::Panel& panel) {
        (*this)(panel.title);
        (*this)(panel.link);
        (*this)(panel.bars);
    }
    void operator()(const DimensionsChart& chart) {
        (*this)(chart.title);
        (*this)(chart.panels);
        (*this)(chart.columns);
        (*this)(chart.axis_labels);
        (*this)(chart.legend);
    }
    void operator()(const ChangeChart::Row& row) {
        (*this)(row.label);
        (*this)(row.link);
        (*this)(row.change);
        (*this)(row.text);
        (*this)(row.mark);
    }
    void operator()(const ChangeChart& chart) {
        (*this)(chart.title);
        (*this)(chart.rows);
        (*this)(chart.range);
        (*this)(chart.ticks);
        (*this)(chart.gain);
        (*this)(chart.loss);
        (*this)(chart.legend);
    }
    void operator()(const MapChart::Region& region) {
        // The outline by value: a rebuilt model holds the same polygon elsewhere.
        (*this)(region.polygon != nullptr);
        if (region.polygon) {
            (*this)(region.polygon->country);
            (*this)(region.polygon->rings);
        }
        (*this)(region.fill);
        (*this)(region.no_data);
        (*this)(region.highlight);
        (*this)(region.link);
        (*this)(region.mark);
    }
    void operator()(const MapChart& chart) {
        (*this)(chart.title);
        (*this)(chart.projection);
        (*this)(chart.center);
        (*this)(chart.bounds);
        (*this)(chart.regions);
        (*this)(chart.no_data);
        (*this)(chart.border);
        (*this)(chart.sea);
        (*this)(chart.legend);
        (*this)(chart.source);
        (*this)(chart.aspect);
    }

private:
    std::string& m_key;
};

} // namespace

void append_key(std::string& key, const Style& style) {
    KeyWriter write(key);
    write(style.name);
    write(style.family);
    write(style.weight);
    write(style.italic);
    write(style.size);
    write(style.leading);
    write(style.color);
    write(style.align);
    write(style.space_before);
    write(style.space_after);
    write(style.first_line_indent);
    write(style.keep_with_next);
    write(style.tabular_numbers);
}

std::string content_key(const Chart& chart) {
    std::string key;
    KeyWriter write(key);
    write(chart.spec.index());
    std::visit([&](const auto& spec) { write(spec); }, chart.spec);
    write(chart.styles);
    write(chart.name);
    write(chart.alt);
    write(chart.description);
    // Not the data table: layout draws the chart, never its table (the EPUB prints it).
    return key;
}

} // namespace mipex::doc
