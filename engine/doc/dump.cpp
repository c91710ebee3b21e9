#include "doc/document.h"

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
        out += marker + (span.page_of.empty() ? span.text : "{page of #" + span.page_of + "}") + marker;
        if (!span.link.empty())
            out += "[->#" + span.link + "]";
        if (!span.uri.empty())
            out += "[->" + span.uri + "]";
    }
    return out;
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
            out += "    footnote " + note.number + " #" + note.anchor + " \"" + spans_text(note.spans) +
                   "\"\n";
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
        if (auto* ranking = std::get_if<RankingChart>(&chart.spec)) {
            out += "  chart ranking \"" + ranking->title +
                   "\" bars=" + std::to_string(ranking->bars.size()) + "\n";
            for (const RankingChart::Bar& bar : ranking->bars)
                out += "    bar " + bar.rank + " " + bar.label + " " + bar.value_text + " " +
                       format_color(bar.color) + (bar.highlight ? " highlight" : "") + "\n";
            if (ranking->average)
                out += "    average \"" + ranking->average_label + "\"\n";
        } else if (auto* comparison = std::get_if<ComparisonChart>(&chart.spec)) {
            out += "  chart comparison \"" + comparison->title + "\"\n";
            for (const ComparisonChart::Category& category : comparison->categories) {
                out += "    category " + category.label;
                for (const std::string& value : category.value_texts)
                    out += " " + (value.empty() ? "-" : value);
                out += "\n";
            }
        }
        out += "    alt \"" + chart.alt + "\"\n";
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
               section.chapter_title + "\"\n";
        for (const Block& block : section.blocks)
            std::visit(BlockDumper{out}, block);
    }
    return out;
}

} // namespace mipex::doc
