#include "html/blocks.h"

#include "base/text.h"
#include "base/xml.h"
#include "html/css.h"

#include <algorithm>

namespace mipex::html {

class BlockWriter::Writer {
public:
    Writer(const doc::Document& document, BlockOptions options, Links& links)
        : m_doc(document), m_options(std::move(options)), m_links(links) {
        for (size_t s = 0; s < document.sections.size(); ++s)
            for (const doc::Block& block : document.sections[s].blocks)
                collect_destinations(block, s);
    }

    void collect_spans(const std::vector<doc::Span>& spans, size_t s) {
        for (const doc::Span& span : spans)
            if (!span.anchor.empty())
                m_destinations.emplace(span.anchor, s);
    }

    void collect_paragraph(const doc::Paragraph& paragraph, size_t s) {
        collect_spans(paragraph.spans, s);
        for (const doc::Footnote& note : paragraph.footnotes) {
            m_destinations.emplace(note.anchor, s);
            m_note_anchors.insert(note.anchor);
            collect_spans(note.spans, s);
        }
    }

    void collect_destinations(const doc::Block& block, size_t s) {
        if (auto* heading = std::get_if<doc::Heading>(&block)) {
            if (!heading->anchor.empty())
                m_destinations.emplace(heading->anchor, s);
        } else if (auto* paragraph = std::get_if<doc::Paragraph>(&block)) {
            collect_paragraph(*paragraph, s);
        } else if (auto* list = std::get_if<doc::List>(&block)) {
            for (const doc::Paragraph& item : list->items)
                collect_paragraph(item, s);
        } else if (auto* table = std::get_if<doc::Table>(&block)) {
            for (const auto* rows : {&table->header, &table->body})
                for (const doc::Table::Row& row : *rows)
                    for (const doc::Table::Cell& cell : row.cells)
                        collect_spans(cell.spans, s);
        } else if (auto* chart = std::get_if<doc::Chart>(&block)) {
            m_destinations.emplace("chart-" + chart->name, s);
        } else if (auto* row = std::get_if<doc::ChartRow>(&block)) {
            for (const doc::Chart& inner : row->charts)
                m_destinations.emplace("chart-" + inner.name, s);
        }
    }

    void begin_section(size_t s, std::optional<int> first_rank) {
        const doc::Section& section = m_doc.sections[s];
        m_top_rank = 1;
        m_top_level = 0;
        for (const doc::Block& block : section.blocks)
            if (auto* heading = std::get_if<doc::Heading>(&block)) {
                m_top_level = heading->level;
                m_top_rank = heading->outline_level ? *heading->outline_level + 1 : 1;
                break;
            }
        if (first_rank)
            m_top_rank = *first_rank;
    }

    static std::string heading_id(const doc::Heading& heading, size_t s, size_t b) {
        return heading.anchor.empty()
                   ? "heading-" + std::to_string(s + 1) + "-" + std::to_string(b + 1)
                   : heading.anchor;
    }

    /// The string key of a text the edition printed whole (a label), if known.
    std::string key_of(const std::string& text) const {
        auto found = m_doc.text_keys.find(text);
        return found == m_doc.text_keys.end() ? "" : found->second;
    }

    void use_style(const doc::Style* style) {
        if (style)
            m_styles.emplace(style->name, style);
    }

    std::string style_class(const doc::Style* style) {
        if (!style)
            return "";
        use_style(style);
        return "s-" + file_stem(style->name);
    }

    bool in_source_language(const std::string& key) const {
        return !key.empty() && m_doc.metadata.language != m_options.source_language &&
               source_keys().count(key);
    }

    /// lang and dir for a text printed in the source language inside another edition.
    std::string source_language_attributes() const {
        const std::string& language = m_options.source_language;
        std::string out = (xhtml() ? " xml:lang=\"" + xml_escape(language) + "\"" : "") +
                          " lang=\"" + xml_escape(language) + "\"";
        if (m_doc.right_to_left)
            out += " dir=\"ltr\"";
        return out;
    }

    static std::string attributes(const std::string& classes, const std::string& id = "",
                                  const std::string& extra = "") {
        std::string out;
        if (!id.empty())
            out += " id=\"" + xml_escape(id) + "\"";
        if (!classes.empty())
            out += " class=\"" + xml_escape(classes) + "\"";
        return out + extra;
    }

    std::string spans(Content& content, const std::vector<doc::Span>& spans,
                      bool mark_language = true) {
        std::string out;
        for (const doc::Span& span : spans) {
            std::string text = span.text, target = span.link;
            if (!span.page_of.empty()) {
                // A page reference prints the PDF's page number, as the print edition does,
                // and leads to the place.
                target = span.page_of;
                if (m_options.destination_pages)
                    if (auto page = m_options.destination_pages->find(span.page_of);
                        page != m_options.destination_pages->end())
                        text = page->second;
            }
            std::string inner = xml_escape(text);
            std::string anchor = span.anchor.empty() ? "" : content.claim(span.anchor);
            std::string href = target.empty() ? span.uri : m_links.destination(target, content);
            if (!href.empty()) {
                std::string link = "<a";
                if (!anchor.empty())
                    link += " id=\"" + xml_escape(anchor) + "\"";
                link += " href=\"" + xml_escape(href) + "\"";
                if (m_note_anchors.count(target))
                    link += xhtml() ? " epub:type=\"noteref\" role=\"doc-noteref\""
                                    : " role=\"doc-noteref\"";
                inner = link + ">" + inner + "</a>";
                anchor.clear();
            }
            if (span.flags & doc::Span::Emphasis)
                inner = "<em>" + inner + "</em>";
            if (span.flags & doc::Span::Strong)
                inner = "<strong>" + inner + "</strong>";
            if (span.flags & doc::Span::Superscript)
                inner = "<sup>" + inner + "</sup>";
            if (span.color) {
                std::string classes, extra;
                add_style(classes, extra, "color: " + css_color(*span.color));
                inner = "<span" + attributes(classes, "", extra) + ">" + inner + "</span>";
            }
            if (!anchor.empty())
                inner = "<span id=\"" + xml_escape(anchor) + "\">" + inner + "</span>";
            if (mark_language && in_source_language(span.key))
                inner = "<span" + source_language_attributes() + ">" + inner + "</span>";
            out += inner;
        }
        return out;
    }

    /// Whether every run of text in `spans` printed in the source language (then the element
    /// holding them carries the language).
    bool all_in_source_language(const std::vector<doc::Span>& spans) const {
        return m_doc.metadata.language != m_options.source_language &&
               doc::all_untranslated(spans, source_keys());
    }

    /// The element's content and language attributes.
    std::pair<std::string, std::string> text_of(Content& content,
                                                const std::vector<doc::Span>& runs) {
        bool whole = all_in_source_language(runs);
        return {spans(content, runs, !whole), whole ? source_language_attributes() : ""};
    }

    void paragraph(Content& content, const doc::Paragraph& paragraph, const char* tag = "p") {
        // The title page's paragraph that is the book's title is its heading.
        if (std::string_view(tag) == "p" && content.section < m_doc.sections.size() &&
            m_doc.sections[content.section].kind == doc::Section::Kind::TitlePage &&
            paragraph.spans.size() == 1 && paragraph.spans.front().text == m_doc.metadata.title)
            tag = "h1";
        auto [text, language] = text_of(content, paragraph.spans);
        content.out += std::string("<") + tag +
                       attributes(style_class(paragraph.style), "", language) + ">" + text + "</" +
                       tag + ">\n";
        for (const doc::Footnote& note : paragraph.footnotes)
            content.notes.emplace_back(&note, paragraph.footnote_style);
    }

    void heading(Content& content, const doc::Heading& heading, size_t s, size_t b) {
        int rank = std::clamp(m_top_rank + heading.level - m_top_level, 1, 6);
        std::string id = content.claim(heading_id(heading, s, b));
        std::string tag = "h" + std::to_string(rank);
        std::string language = in_source_language(heading.key) ? source_language_attributes() : "";
        content.out += "<" + tag + attributes(style_class(heading.style), id, language) + ">" +
                       xml_escape(heading.text) + "</" + tag + ">\n";
    }

    void list(Content& content, const doc::List& list) {
        const char* tag = list.numbered ? "ol" : "ul";
        content.out += std::string("<") + tag + ">\n";
        for (const doc::Paragraph& item : list.items)
            paragraph(content, item, "li");
        content.out += std::string("</") + tag + ">\n";
    }

    std::string cell_classes(const doc::Table& table, const doc::Table::Cell& cell, size_t column) {
        std::string classes = style_class(cell.style);
        doc::Align align = cell.align.value_or(
            column < table.columns.size() ? table.columns[column].align : doc::Align::Start);
        if (align == doc::Align::End)
            classes += " a-end";
        else if (align == doc::Align::Center)
            classes += " a-center";
        return classes;
    }

    /// A table as a data table: caption, header rows of column headers, and in the body the
    /// first cell of each row as its row header; a row that is one cell across the table heads
    /// a group of rows (its own tbody).
    void table(Content& content, const doc::Table& table, const std::string& id = "",
               const std::optional<std::string>& caption = std::nullopt) {
        const size_t columns = table.columns.size();
        if (table.header.empty() && !table.caption && !caption && columns <= 1) {
            // A box of text (the title page's notice), not data.
            for (const doc::Table::Row& row : table.body)
                for (const doc::Table::Cell& cell : row.cells) {
                    std::string classes = "box", style;
                    if (auto background =
                            cell.background.value_or(row.background.value_or(Color{}));
                        background.a)
                        add_style(classes, style, "background-color: " + css_color(background));
                    auto [text, language] = text_of(content, cell.spans);
                    content.out += "<div" + attributes(classes, "", style) + "><p" +
                                   attributes(style_class(cell.style), "", language) + ">" + text +
                                   "</p></div>\n";
                }
            return;
        }
        content.out += "<table" + attributes("data", id) + ">\n";
        if (caption || table.caption) {
            std::string classes = style_class(table.caption_style);
            content.out += "<caption" + attributes(classes) + ">" +
                           xml_escape(caption ? *caption : *table.caption) + "</caption>\n";
        }
        bool row_headers = !table.header.empty() && columns > 1;
        auto row = [&](const doc::Table::Row& row, bool header, size_t index) {
            std::string classes = row.rule_above ? "group" : "", style;
            std::optional<Color> background = row.background;
            if (!header && !background && table.stripe && index % 2 == 1)
                background = table.stripe;
            if (background)
                add_style(classes, style, "background-color: " + css_color(*background));
            std::string out = "<tr" + attributes(classes, "", style) + ">";
            size_t column = 0;
            for (size_t c = 0; c < row.cells.size(); ++c) {
                const doc::Table::Cell& cell = row.cells[c];
                auto [text, language] = text_of(content, cell.spans);
                bool empty = text.empty();
                std::string tag = "td", scope;
                if (header && !empty) {
                    tag = "th";
                    scope = cell.span > 1 ? "colgroup" : "col";
                } else if (!header && row_headers && c == 0 && !empty) {
                    tag = "th";
                    scope = cell.span >= static_cast<int>(columns) ? "rowgroup" : "row";
                }
                std::string classes = cell_classes(table, cell, column), extra = language;
                if (!scope.empty())
                    extra += " scope=\"" + scope + "\"";
                if (cell.span > 1)
                    extra += " colspan=\"" + std::to_string(cell.span) + "\"";
                if (cell.background)
                    add_style(classes, extra, "background-color: " + css_color(*cell.background));
                out += "<" + tag + attributes(classes, "", extra) + ">" + text + "</" + tag + ">";
                column += static_cast<size_t>(std::max(cell.span, 1));
            }
            return out + "</tr>\n";
        };
        if (!table.header.empty()) {
            content.out += "<thead>\n";
            for (size_t r = 0; r < table.header.size(); ++r)
                content.out += row(table.header[r], true, r);
            content.out += "</thead>\n";
        }
        content.out += "<tbody>\n";
        for (size_t r = 0; r < table.body.size(); ++r) {
            const doc::Table::Row& body_row = table.body[r];
            bool group = row_headers && body_row.cells.size() == 1 &&
                         body_row.cells.front().span >= static_cast<int>(columns);
            if (group && r > 0)
                content.out += "</tbody>\n<tbody>\n";
            content.out += row(body_row, false, r);
        }
        content.out += "</tbody>\n</table>\n";
    }

    /// A chart: its SVG (named by the alt text), its description, and its data: in the
    /// EPUB a link to the table, on the web the table folded below the chart.
    void chart(Content& content, const doc::Chart& chart) {
        std::string id = content.claim("chart-" + chart.name);
        content.out += "<figure" + attributes("chart", id) + ">\n";
        const std::map<std::string, std::string> no_svgs;
        const std::map<std::string, std::string>& svgs =
            m_options.chart_svgs ? *m_options.chart_svgs : no_svgs;
        if (auto svg = svgs.find(chart.name); svg != svgs.end()) {
            content.out += svg->second;
            content.svg = true;
        } else {
            // No drawing: the alt text stands in for it.
            content.out += "<p class=\"chart-alt\">" + xml_escape(chart.alt) + "</p>\n";
        }
        if (xhtml()) {
            content.out += "<figcaption>";
            if (!chart.description.empty())
                content.out +=
                    "<p class=\"chart-description\">" + xml_escape(chart.description) + "</p>";
            if (chart.data)
                content.out += "<p class=\"chart-data-link\"><a href=\"" +
                               xml_escape(m_links.chart_data(chart, content)) + "\">" +
                               xml_escape(m_options.chart_data) + "</a></p>";
            content.out += "</figcaption>\n";
        }
        // On the web the description is the SVG's own <desc> (aria-describedby).
        content.out += "</figure>\n";
        if (chart.data && !xhtml()) {
            // The same numbers as a table (WAI's complex images tutorial: the data beside the
            // chart), folded so that the page reads on.
            content.out += "<details class=\"chart-data\"><summary>" +
                           xml_escape(m_options.chart_data) + "</summary>\n";
            table(content, *chart.data, content.claim("data-" + chart.name),
                  chart.data->caption ? std::nullopt
                                      : std::optional<std::string>(chart_title(chart)));
            content.out += "</details>\n";
        }
    }

    void key_figures(Content& content, const doc::KeyFigures& figures) {
        content.out += "<dl class=\"figures\">\n";
        for (const doc::KeyFigures::Figure& figure : figures.figures) {
            // The band's colour marks the value beside its name; as a text colour it would not
            // have the contrast body text needs (WCAG 1.4.3).
            std::string classes = style_class(figures.value_style), marker;
            if (figure.color)
                add_style(classes, marker,
                          "border-inline-start: 0.5em solid " + css_color(*figure.color));
            std::string dt_language =
                in_source_language(key_of(figure.label)) ? source_language_attributes() : "";
            content.out += "<div class=\"figure\"><dt" +
                           attributes(style_class(figures.label_style), "", dt_language) + ">" +
                           xml_escape(figure.label) + "</dt><dd" + attributes(classes, "", marker) +
                           ">" + xml_escape(figure.value) + "</dd></div>\n";
        }
        content.out += "</dl>\n";
    }

    void block(Content& content, const doc::Block& block, size_t b) {
        if (auto* paragraph = std::get_if<doc::Paragraph>(&block)) {
            this->paragraph(content, *paragraph);
        } else if (auto* heading = std::get_if<doc::Heading>(&block)) {
            this->heading(content, *heading, content.section, b);
        } else if (auto* list = std::get_if<doc::List>(&block)) {
            this->list(content, *list);
        } else if (auto* table = std::get_if<doc::Table>(&block)) {
            this->table(content, *table);
        } else if (auto* chart = std::get_if<doc::Chart>(&block)) {
            this->chart(content, *chart);
        } else if (auto* row = std::get_if<doc::ChartRow>(&block)) {
            content.out += "<div class=\"chart-row\">\n";
            for (const doc::Chart& inner : row->charts) {
                // On the web each chart keeps its folded table below it in the row.
                if (!xhtml())
                    content.out += "<div class=\"chart-cell\">\n";
                this->chart(content, inner);
                if (!xhtml())
                    content.out += "</div>\n";
            }
            content.out += "</div>\n";
        } else if (auto* figures = std::get_if<doc::KeyFigures>(&block)) {
            key_figures(content, *figures);
        } else if (std::holds_alternative<doc::TableOfContents>(block)) {
            content.out += m_links.table_of_contents(content);
        } else if (auto* spacer = std::get_if<doc::Spacer>(&block)) {
            // Space on the title page, kept small: a reading system's page is not A4.
            double height = std::min(to_pt(spacer->height) / 10.0 / 2.0, 4.0);
            std::string classes = "spacer", style;
            add_style(classes, style, "height: " + em(height));
            content.out += "<div" + attributes(classes, "", style) + "></div>\n";
        } else if (auto* rule = std::get_if<doc::Rule>(&block)) {
            std::string classes, style;
            add_style(classes, style, "border-color: " + css_color(rule->color));
            content.out += "<hr" + attributes(classes, "", style) + "/>\n";
        }
    }

    /// The notes of the document, after its text, each linking back to its reference.
    void footnotes(Content& content) {
        if (content.notes.empty())
            return;
        content.out += "<div class=\"footnotes\">\n";
        for (auto [note, style] : content.notes) {
            std::string id = content.claim(note->anchor);
            std::string back = m_links.destination(note->reference, content);
            auto [text, language] = text_of(content, note->spans);
            content.out +=
                "<aside" + attributes("footnote", id) + (xhtml() ? " epub:type=\"footnote\"" : "") +
                " role=\"doc-footnote\"><p" + attributes(style_class(style), "", language) + ">";
            if (!back.empty())
                content.out += "<a href=\"" + xml_escape(back) + "\" role=\"doc-backlink\">" +
                               xml_escape(note->number) + "</a> ";
            else
                content.out += xml_escape(note->number) + " ";
            content.out += text + "</p></aside>\n";
        }
        content.out += "</div>\n";
        content.notes.clear();
    }

    /// A style attribute in XHTML; on the web, where a Content-Security-Policy of 'self'
    /// forbids style attributes (CSP 3, "unsafe-inline"), a class that stands for it.
    void add_style(std::string& classes, std::string& extra, const std::string& css) {
        if (xhtml()) {
            extra += " style=\"" + css + "\"";
            return;
        }
        auto [found, added] = m_inline_classes.emplace(css, m_inline_classes.size() + 1);
        if (added)
            m_inline_order.push_back(css);
        classes += (classes.empty() ? "" : " ") + std::string("i-") + std::to_string(found->second);
    }

    std::string inline_rules() const {
        std::string out;
        for (const std::string& css : m_inline_order)
            out += ".i-" + std::to_string(m_inline_classes.at(css)) + " { " + css + "; }\n";
        return out;
    }

    bool xhtml() const { return m_options.flavour == Flavour::Xhtml; }

    const std::set<std::string>& source_keys() const {
        static const std::set<std::string> none;
        return m_options.source_language_keys ? *m_options.source_language_keys : none;
    }

    const doc::Document& m_doc;
    BlockOptions m_options;
    Links& m_links;
    std::map<std::string, size_t> m_destinations;
    std::set<std::string> m_note_anchors;
    std::map<std::string, const doc::Style*> m_styles;
    std::map<std::string, size_t> m_inline_classes;
    std::vector<std::string> m_inline_order;
    int m_top_rank = 1, m_top_level = 0;
};

BlockWriter::BlockWriter(const doc::Document& document, BlockOptions options, Links& links)
    : m_writer(std::make_unique<Writer>(document, std::move(options), links)) {
}

BlockWriter::~BlockWriter() = default;

void BlockWriter::begin_section(size_t section, std::optional<int> first_rank) {
    m_writer->begin_section(section, first_rank);
}

void BlockWriter::block(Content& content, const doc::Block& block, size_t b) {
    m_writer->block(content, block, b);
}

void BlockWriter::chart(Content& content, const doc::Chart& chart) {
    m_writer->chart(content, chart);
}

void BlockWriter::footnotes(Content& content) {
    m_writer->footnotes(content);
}

void BlockWriter::table(Content& content, const doc::Table& table, const std::string& id,
                        const std::optional<std::string>& caption) {
    m_writer->table(content, table, id, caption);
}

std::string BlockWriter::heading_id(const doc::Heading& heading, size_t section, size_t b) {
    return Writer::heading_id(heading, section, b);
}

std::string BlockWriter::attributes(const std::string& classes, const std::string& id,
                                    const std::string& extra) {
    return Writer::attributes(classes, id, extra);
}

const std::map<std::string, size_t>& BlockWriter::destinations() const {
    return m_writer->m_destinations;
}

const std::map<std::string, const doc::Style*>& BlockWriter::styles() const {
    return m_writer->m_styles;
}

std::string BlockWriter::inline_rules() const {
    return m_writer->inline_rules();
}

} // namespace mipex::html
