#include "doc/document.h"

#include <cmath>

namespace mipex::doc {

namespace {

std::string spans_text(const std::vector<Span>& spans) {
    std::string out;
    for (const Span& span : spans) {
        std::string marker = (span.flags & Span::Strong)     ? "**"
                             : (span.flags & Span::Emphasis) ? "*"
                                                             : "";
        if (span.flags & Span::Superscript)
            marker = "^";
        out += marker + (span.page_of.empty() ? span.text : "{page of #" + span.page_of + "}") +
               marker;
        if (!span.link.empty())
            out += "[->#" + span.link + "]";
        if (!span.uri.empty())
            out += "[->" + span.uri + "]";
    }
    return out;
}

const char* kind_name(Section::Kind kind) {
    switch (kind) {
    case Section::Kind::Chapter:
        return "chapter";
    case Section::Kind::TitlePage:
        return "title_page";
    case Section::Kind::Contents:
        return "contents";
    case Section::Kind::Text:
        return "text";
    case Section::Kind::PartOpener:
        return "part";
    case Section::Kind::Annex:
        return "annex";
    case Section::Kind::Colophon:
        return "colophon";
    }
    return "?";
}

std::string style_name(const Style* style) {
    return style ? style->name : "?";
}

struct BlockDumper {
    std::string& out;

    void operator()(const Paragraph& paragraph) {
        out += "  paragraph " + style_name(paragraph.style) + " \"" + spans_text(paragraph.spans) +
               "\"\n";
        for (const Footnote& note : paragraph.footnotes)
            out += "    footnote " + note.number + " #" + note.anchor + " \"" +
                   spans_text(note.spans) + "\"\n";
    }
    void operator()(const List& list) {
        out += std::string("  list") + (list.numbered ? " numbered" : "") + "\n";
        for (const Paragraph& item : list.items)
            out += "    item \"" + spans_text(item.spans) + "\"\n";
    }
    void operator()(const Heading& heading) {
        out += "  heading " + std::to_string(heading.level) + " #" + heading.anchor + " \"" +
               heading.text + "\"";
        if (heading.outline_level)
            out += " outline=" + std::to_string(*heading.outline_level);
        if (heading.toc_level)
            out += " toc=" + std::to_string(*heading.toc_level);
        out += "\n";
    }
    void operator()(const Table& table) {
        out += "  table columns=" + std::to_string(table.columns.size()) +
               " header=" + std::to_string(table.header.size()) +
               " rows=" + std::to_string(table.body.size());
        if (table.caption)
            out += " \"" + *table.caption + "\"";
        out += "\n";
        auto rows = [&](const std::vector<Table::Row>& list, const char* kind) {
            for (const Table::Row& row : list) {
                out += std::string("    ") + kind;
                for (const Table::Cell& cell : row.cells)
                    out += " | " + spans_text(cell.spans);
                out += "\n";
            }
        };
        rows(table.header, "th");
        rows(table.body, "td");
    }
    void operator()(const Chart& chart) {
        out += "  chart " + chart.name;
        if (auto* ranking = std::get_if<RankingChart>(&chart.spec)) {
            out +=
                std::string(" ranking") +
                (ranking->orientation == RankingChart::Orientation::Vertical ? " vertical" : "") +
                " \"" + ranking->title + "\"" +
                (ranking->note.empty() ? "" : " note \"" + ranking->note + "\"") +
                " bars=" + std::to_string(ranking->bars.size()) + "\n";
            for (const RankingChart::Bar& bar : ranking->bars)
                out += "    bar " + bar.rank + " " + bar.label + " " + bar.value_text + " " +
                       format_color(bar.color) + (bar.highlight ? " highlight" : "") + "\n";
            if (ranking->average)
                out += "    average \"" + ranking->average_label + "\"\n";
        } else if (auto* comparison = std::get_if<ComparisonChart>(&chart.spec)) {
            out += " comparison \"" + comparison->title + "\"\n";
            for (const ComparisonChart::Category& category : comparison->categories) {
                out += "    category " + category.label;
                for (const std::string& value : category.value_texts)
                    out += " " + (value.empty() ? "-" : value);
                out += "\n";
            }
        } else if (auto* radar = std::get_if<RadarChart>(&chart.spec)) {
            out +=
                " radar \"" + radar->title + "\" axes=" + std::to_string(radar->axes.size()) + "\n";
            for (const RadarChart::Series& series : radar->series) {
                out += "    series " + series.label;
                for (const auto& value : series.values)
                    out +=
                        " " + (value ? std::to_string(static_cast<int>(std::lround(*value))) : "-");
                out += "\n";
            }
        } else if (auto* change = std::get_if<ChangeChart>(&chart.spec)) {
            out +=
                " change \"" + change->title + "\" range=" + std::to_string(change->range) + "\n";
            for (const ChangeChart::Row& row : change->rows)
                out += "    row " + row.label + " " + row.text + "\n";
        } else if (auto* dimensions = std::get_if<DimensionsChart>(&chart.spec)) {
            out += " dimensions \"" + dimensions->title +
                   "\" panels=" + std::to_string(dimensions->panels.size()) + "\n";
            for (const DimensionsChart::Panel& panel : dimensions->panels) {
                out += "    panel " + panel.title;
                for (const DimensionsChart::Bar& bar : panel.bars)
                    out += " | " + bar.label + " " + bar.value_text;
                out += "\n";
            }
        } else if (auto* map = std::get_if<MapChart>(&chart.spec)) {
            size_t with_data = 0;
            for (const MapChart::Region& region : map->regions)
                with_data += !region.no_data;
            out += " map \"" + map->title + "\" regions=" + std::to_string(map->regions.size()) +
                   " with_data=" + std::to_string(with_data) + "\n";
        }
        out += "    alt \"" + chart.alt + "\"\n";
        if (chart.data)
            out += "    data rows=" + std::to_string(chart.data->body.size()) + "\n";
    }
    void operator()(const ChartRow& row) {
        out += "  row of " + std::to_string(row.charts.size()) + " charts\n";
        for (const Chart& chart : row.charts)
            (*this)(chart);
    }
    void operator()(const KeyFigures& figures) {
        out += "  figures";
        for (const KeyFigures::Figure& figure : figures.figures)
            out += " | " + figure.value + " (" + figure.label + ")";
        out += "\n";
    }
    void operator()(const TableOfContents&) { out += "  contents\n"; }
    void operator()(const Spacer& spacer) { out += "  spacer " + format_pt(spacer.height) + "\n"; }
    void operator()(const Rule& rule) { out += "  rule " + format_pt(rule.thickness) + "\n"; }
};

} // namespace

std::string dump(const Document& document) {
    std::string out =
        "document \"" + document.metadata.title + "\" lang=" + document.metadata.language + "\n";
    for (const Section& section : document.sections) {
        out += "section " + section.id + (section.front_matter ? " front" : "") +
               (section.plain ? " plain" : "") + " part=\"" + section.part_title + "\" chapter=\"" +
               section.chapter_title + "\" kind=" + kind_name(section.kind) + "\n";
        for (const Block& block : section.blocks)
            std::visit(BlockDumper{out}, block);
    }
    return out;
}

std::vector<const Chart*> charts_in(const Document& document) {
    std::vector<const Chart*> charts;
    for (const Section& section : document.sections)
        for (const Block& block : section.blocks) {
            if (auto* chart = std::get_if<Chart>(&block))
                charts.push_back(chart);
            else if (auto* row = std::get_if<ChartRow>(&block))
                for (const Chart& inner : row->charts)
                    charts.push_back(&inner);
        }
    return charts;
}

} // namespace mipex::doc
