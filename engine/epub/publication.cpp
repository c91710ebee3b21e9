#include "epub/publication.h"

#include "base/text.h"
#include "base/xml.h"
#include "epub/fonts.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <limits>

namespace mipex::epub {

namespace {

constexpr size_t no_section = std::numeric_limits<size_t>::max();

/// A content document's file name from a section id: letters, digits, '-' and '_' only.
std::string file_stem(std::string_view id) {
    std::string out;
    for (char c : id)
        out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
    return out.empty() ? "section" : out;
}

/// "1.25em", "0".
std::string em(double value) {
    std::string number = format_decimal(value);
    return number == "0" ? number : number + "em";
}

std::string css_color(Color color) {
    if (color.a == 255)
        return format_color(color);
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "rgba(%d,%d,%d,%.3f)", color.r, color.g, color.b,
                  color.a / 255.0);
    return buffer;
}

/// A CSS font-family list from a style's families ("Noto Naskh Arabic, Noto Serif"), ending
/// in the generic family of the last.
std::string css_families(std::string_view families) {
    std::string out, last;
    size_t start = 0;
    while (start <= families.size()) {
        size_t end = families.find(',', start);
        if (end == std::string_view::npos)
            end = families.size();
        std::string family(trim(families.substr(start, end - start)));
        start = end + 1;
        if (family.empty())
            continue;
        out += (out.empty() ? "" : ", ") + ("\"" + family + "\"");
        last = family;
    }
    std::string generic = last.find("Sans") != std::string::npos ? "sans-serif" : "serif";
    return out.empty() ? generic : out + ", " + generic;
}

/// The title of a chart, whatever its kind.
const std::string& chart_title(const doc::Chart& chart) {
    return std::visit([](const auto& spec) -> const std::string& { return spec.title; },
                      chart.spec);
}

/// 128 bits of FNV-1a (two 64-bit hashes with different offsets) as a UUID of version 8
/// (RFC 9562 §5.8: custom), so that the identifier of an edition stays the same build after
/// build without a random source.
std::string stable_uuid(std::string_view text) {
    auto fnv = [&](uint64_t hash) {
        for (unsigned char c : text) {
            hash ^= c;
            hash *= 0x100000001b3ULL;
        }
        return hash;
    };
    uint64_t high = fnv(0xcbf29ce484222325ULL), low = fnv(0x84222325cbf29ce4ULL);
    high = (high & ~0xF000ULL) | 0x8000ULL;                         // version 8
    low = (low & ~(0xC000000000000000ULL)) | 0x8000000000000000ULL; // variant 10
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%08x-%04x-%04x-%04x-%012llx",
                  static_cast<unsigned>(high >> 32), static_cast<unsigned>((high >> 16) & 0xFFFF),
                  static_cast<unsigned>(high & 0xFFFF), static_cast<unsigned>(low >> 48),
                  static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
    return std::string("urn:uuid:") + buffer;
}

/// One content document being written: its text, the ids it holds, its notes.
struct Content {
    size_t section = no_section;
    std::string href; ///< the file, relative to the text/ folder
    std::string out;
    std::set<std::string> ids;
    bool svg = false;
    std::vector<std::pair<const doc::Footnote*, const doc::Style*>> notes;

    /// The id if no element of the document has it yet, else empty (an id must be unique).
    std::string claim(const std::string& id) {
        if (id.empty() || !ids.insert(id).second)
            return "";
        return id;
    }
};

class PublicationBuilder {
public:
    PublicationBuilder(const doc::Document& document, const Sources& sources)
        : m_doc(document), m_src(sources) {}

    Publication run() {
        plan();
        Publication publication;
        const doc::Metadata& metadata = m_doc.metadata;
        publication.title = metadata.title;
        publication.creator = metadata.author;
        publication.subject = metadata.subject;
        publication.language = metadata.language;
        publication.right_to_left = m_doc.right_to_left;
        publication.source_language = m_src.source_language;
        for (size_t start = 0; start <= metadata.keywords.size();) {
            size_t end = metadata.keywords.find(',', start);
            if (end == std::string::npos)
                end = metadata.keywords.size();
            std::string keyword(
                trim(std::string_view(metadata.keywords).substr(start, end - start)));
            if (!keyword.empty())
                publication.keywords.push_back(keyword);
            start = end + 1;
        }
        publication.identifier = stable_uuid("mipex\n" + metadata.title + "\n" + metadata.language);
        publication.modified = iso8601_utc(m_src.modified);
        publication.print_edition = m_src.print_edition;
        publication.accessibility = accessibility_metadata();

        // Content documents in reading order, then the chart data, then what is not read.
        for (size_t s = 0; s < m_doc.sections.size(); ++s) {
            Content content = section_document(s);
            Item item{
                "text-" + stem_of(s),  "text/" + content.href, "application/xhtml+xml", "", true,
                std::move(content.out)};
            std::vector<std::string> properties;
            if (s == m_contents)
                properties.push_back("nav");
            if (content.svg)
                properties.push_back("svg");
            for (const std::string& property : properties)
                item.properties += (item.properties.empty() ? "" : " ") + property;
            publication.items.push_back(std::move(item));
        }
        // The charts' data, a document per section with charts (one document for all would
        // be too large for some reading systems).
        for (const auto& [s, href] : m_data_files)
            publication.items.push_back(Item{"data-" + stem_of(s), "text/" + href,
                                             "application/xhtml+xml", "", true, data_document(s)});
        if (m_contents == no_section)
            publication.items.push_back(Item{"nav", "text/" + m_nav_href, "application/xhtml+xml",
                                             "nav", false, navigation_document()});
        publication.items.push_back(
            Item{"css", "css/book.css", "text/css", "", false, stylesheet()});
        // Each face keeps the characters of the whole publication (any face may set any text
        // through a reader's styles), and the punctuation a reading system may add when it
        // hyphenates or quotes.
        std::set<uint32_t> characters;
        for (const Item& item : publication.items)
            add_characters(item.data, characters);
        for (uint32_t c = 0x20; c < 0x7F; ++c)
            characters.insert(c);
        for (uint32_t c : {0xA0u, 0xADu, 0x2010u, 0x2011u, 0x2013u, 0x2014u, 0x2018u, 0x2019u,
                           0x201Cu, 0x201Du, 0x2026u})
            characters.insert(c);
        for (size_t f = 0; f < m_src.fonts.size(); ++f) {
            const FontFile& font = m_src.fonts[f];
            std::string data = m_src.subset_fonts ? subset_font(font.data, characters) : "";
            publication.items.push_back(Item{"font-" + std::to_string(f + 1), "fonts/" + font.name,
                                             "font/ttf", "", false,
                                             data.empty() ? font.data : std::move(data)});
        }
        publication.navigation = "text/" + m_nav_href;
        publication.toc = m_toc;
        publication.page_list = m_page_list;
        publication.landmarks = m_landmarks;
        return publication;
    }

private:
    // --- planning: which file holds what -------------------------------------------------

    void plan() {
        std::set<std::string> stems;
        for (size_t s = 0; s < m_doc.sections.size(); ++s) {
            const doc::Section& section = m_doc.sections[s];
            std::string stem = file_stem(section.id);
            for (int n = 2; !stems.insert(stem).second; ++n)
                stem = file_stem(section.id) + "-" + std::to_string(n);
            m_stems.push_back(stem);
            if (section.kind == doc::Section::Kind::Contents && m_contents == no_section)
                m_contents = s;
            for (const doc::Block& block : section.blocks)
                collect_destinations(block, s);
        }
        for (const auto& [s, charts] : m_data_charts) {
            std::string stem = "data-" + m_stems[s];
            while (!stems.insert(stem).second)
                stem += "_";
            m_data_files.emplace(s, stem + ".xhtml");
        }
        m_nav_href = m_contents != no_section ? m_stems[m_contents] + ".xhtml" : "nav.xhtml";

        for (size_t p = 0; p < m_src.pages.size(); ++p) {
            const PageBreak& page = m_src.pages[p];
            m_breaks[{page.section, page.block}].push_back(p);
        }

        // The contents: every heading the PDF outline has, then the chart data.
        for (size_t s = 0; s < m_doc.sections.size(); ++s)
            for (const doc::Block& block : m_doc.sections[s].blocks)
                if (auto* heading = std::get_if<doc::Heading>(&block);
                    heading && heading->outline_level && !heading->anchor.empty())
                    m_toc.push_back({*heading->outline_level, heading->text,
                                     href_from_text(heading->anchor), ""});
        if (!m_data_files.empty())
            m_toc.push_back({0, m_src.strings.chart_data_title,
                             m_data_files.begin()->second + "#chart-data", ""});

        for (size_t p = 0; p < m_src.pages.size(); ++p) {
            const PageBreak& page = m_src.pages[p];
            if (page.section < m_doc.sections.size())
                m_page_list.push_back(
                    {0, page.label, m_stems[page.section] + ".xhtml#" + page_id(p), ""});
        }

        // Landmarks: the contents and where the body of the book begins.
        if (m_contents != no_section)
            m_landmarks.push_back(
                {0, m_doc.sections[m_contents].chapter_title, m_nav_href + "#toc", "toc"});
        else
            m_landmarks.push_back({0, m_src.strings.contents, m_nav_href + "#toc", "toc"});
        for (size_t s = 0; s < m_doc.sections.size(); ++s)
            if (!m_doc.sections[s].front_matter) {
                std::string title = document_title(s);
                m_landmarks.push_back({0, title, m_stems[s] + ".xhtml", "bodymatter"});
                break;
            }
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

    void collect_chart(const doc::Chart& chart, size_t s) {
        m_destinations.emplace("chart-" + chart.name, s);
        if (chart.data)
            m_data_charts[s].push_back(&chart);
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
            collect_chart(*chart, s);
        } else if (auto* row = std::get_if<doc::ChartRow>(&block)) {
            for (const doc::Chart& inner : row->charts)
                collect_chart(inner, s);
        }
    }

    const std::string& stem_of(size_t s) const { return m_stems[s]; }

    static std::string page_id(size_t page) { return "page-" + std::to_string(page + 1); }

    /// The link to a named destination from a document in text/ (all content documents are
    /// there); empty when the book does not have it (a preview of one part).
    std::string href_from_text(const std::string& destination,
                               const Content* from = nullptr) const {
        auto found = m_destinations.find(destination);
        if (found == m_destinations.end())
            return "";
        if (from && from->section == found->second)
            return "#" + destination;
        return m_stems[found->second] + ".xhtml#" + destination;
    }

    std::string document_title(size_t s) const {
        const doc::Section& section = m_doc.sections[s];
        if (!section.chapter_title.empty())
            return section.chapter_title;
        for (const doc::Block& block : section.blocks)
            if (auto* heading = std::get_if<doc::Heading>(&block))
                return heading->text;
        return m_doc.metadata.title;
    }

    // --- the accessibility metadata --------------------------------------------------------

    std::vector<Meta> accessibility_metadata() const {
        bool charts = !m_data_charts.empty();
        std::vector<Meta> metas;
        // Ways the content is perceived (schema.org accessMode): text, and the charts.
        metas.push_back({"schema:accessMode", "textual"});
        if (charts)
            metas.push_back({"schema:accessMode", "visual"});
        // Every chart has an alt text, a description and its data as a table, so text alone
        // suffices.
        metas.push_back({"schema:accessModeSufficient", "textual"});
        if (charts)
            metas.push_back({"schema:accessModeSufficient", "textual,visual"});
        for (const char* feature :
             {"structuralNavigation", "tableOfContents", "readingOrder", "ARIA"})
            metas.push_back({"schema:accessibilityFeature", feature});
        if (!m_src.pages.empty()) {
            metas.push_back({"schema:accessibilityFeature", "pageBreakMarkers"});
            metas.push_back({"schema:accessibilityFeature", "pageNavigation"});
        }
        if (charts) {
            metas.push_back({"schema:accessibilityFeature", "alternativeText"});
            metas.push_back({"schema:accessibilityFeature", "longDescription"});
        }
        metas.push_back({"schema:accessibilityFeature", "displayTransformability"});
        metas.push_back({"schema:accessibilityHazard", "none"});
        if (!m_src.strings.accessibility_summary.empty())
            metas.push_back(
                {"schema:accessibilitySummary", m_src.strings.accessibility_summary,
                 m_src.strings.summary_in_source_language ? m_src.source_language : ""});
        metas.push_back({"dcterms:conformsTo", conformance_claim});
        if (!m_doc.metadata.author.empty())
            metas.push_back({"a11y:certifiedBy", m_doc.metadata.author});
        return metas;
    }

    // --- content documents -----------------------------------------------------------------

    std::string document_start(const std::string& title, const std::string& body_type) const {
        const std::string& language = m_doc.metadata.language;
        std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
                          "<html xmlns=\"http://www.w3.org/1999/xhtml\" "
                          "xmlns:epub=\"http://www.idpf.org/2007/ops\"";
        if (!language.empty())
            out +=
                " xml:lang=\"" + xml_escape(language) + "\" lang=\"" + xml_escape(language) + "\"";
        out += m_doc.right_to_left ? " dir=\"rtl\"" : " dir=\"ltr\"";
        out += ">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>" + xml_escape(title) +
               "</title>\n<link rel=\"stylesheet\" type=\"text/css\" "
               "href=\"../css/book.css\"/>\n</head>\n";
        out += "<body epub:type=\"" + body_type + "\">\n";
        return out;
    }

    std::string body_type(const doc::Section& section) const {
        if (section.front_matter)
            return "frontmatter";
        if (section.kind == doc::Section::Kind::Annex ||
            section.kind == doc::Section::Kind::Colophon)
            return "backmatter";
        return "bodymatter";
    }

    /// The section element's structural semantics (EPUB SSV and DPUB-ARIA).
    static std::string section_semantics(doc::Section::Kind kind) {
        switch (kind) {
        case doc::Section::Kind::TitlePage:
            return " epub:type=\"titlepage\"";
        case doc::Section::Kind::PartOpener:
            return " epub:type=\"part\" role=\"doc-part\"";
        case doc::Section::Kind::Chapter:
            return " epub:type=\"chapter\" role=\"doc-chapter\"";
        case doc::Section::Kind::Annex:
            return " epub:type=\"appendix\" role=\"doc-appendix\"";
        case doc::Section::Kind::Colophon:
            return " epub:type=\"colophon\" role=\"doc-colophon\"";
        case doc::Section::Kind::Contents:
        case doc::Section::Kind::Text:
            break;
        }
        return "";
    }

    Content section_document(size_t s) {
        const doc::Section& section = m_doc.sections[s];
        Content content;
        content.section = s;
        content.href = m_stems[s] + ".xhtml";
        // Headings rank by the book's structure across documents: a part is h1, its chapters
        // h2, their sections h3 (the PDF outline's depth), so a screen reader's list of
        // headings shows the same tree as the contents.
        m_top_rank = 1;
        m_top_level = 0;
        for (const doc::Block& block : section.blocks)
            if (auto* heading = std::get_if<doc::Heading>(&block)) {
                m_top_level = heading->level;
                m_top_rank = heading->outline_level ? *heading->outline_level + 1 : 1;
                break;
            }
        std::string label;
        for (const doc::Block& block : section.blocks)
            if (auto* heading = std::get_if<doc::Heading>(&block)) {
                label = heading_id(*heading, s, &block - section.blocks.data());
                break;
            }
        content.out = document_start(document_title(s), body_type(section));
        content.out += "<section" + section_semantics(section.kind);
        if (!label.empty())
            content.out += " aria-labelledby=\"" + xml_escape(label) + "\"";
        content.out += ">\n";
        for (size_t b = 0; b < section.blocks.size(); ++b) {
            page_breaks(content, s, b);
            block(content, section.blocks[b], b);
        }
        page_breaks(content, s, section.blocks.size());
        footnotes(content);
        content.out += "</section>\n";
        if (s == m_contents)
            content.out += hidden_navigation(content);
        content.out += "</body>\n</html>\n";
        return content;
    }

    std::string heading_id(const doc::Heading& heading, size_t s, size_t b) const {
        return heading.anchor.empty()
                   ? "heading-" + std::to_string(s + 1) + "-" + std::to_string(b + 1)
                   : heading.anchor;
    }

    /// The page-break markers of the PDF pages that begin at this block (DPUB-ARIA
    /// doc-pagebreak; EPUB SSV pagebreak), labelled with the printed page number.
    void page_breaks(Content& content, size_t s, size_t b) {
        auto found = m_breaks.find({s, b});
        if (found == m_breaks.end())
            return;
        for (size_t p : found->second) {
            std::string id = content.claim(page_id(p));
            if (id.empty())
                continue;
            content.out += "<span id=\"" + id +
                           "\" epub:type=\"pagebreak\" role=\"doc-pagebreak\" aria-label=\"" +
                           xml_escape(m_src.pages[p].label) + "\"></span>\n";
        }
        m_breaks.erase(found);
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
        return !key.empty() && m_doc.metadata.language != m_src.source_language &&
               m_src.source_language_keys.count(key);
    }

    /// lang and dir for a text printed in the source language inside another edition.
    std::string source_language_attributes() const {
        const std::string& language = m_src.source_language;
        std::string out =
            " xml:lang=\"" + xml_escape(language) + "\" lang=\"" + xml_escape(language) + "\"";
        if (m_doc.right_to_left)
            out += " dir=\"ltr\"";
        return out;
    }

    std::string attributes(const std::string& classes, const std::string& id = "",
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
                if (auto page = m_src.destination_pages.find(span.page_of);
                    page != m_src.destination_pages.end())
                    text = page->second;
            }
            std::string inner = xml_escape(text);
            std::string anchor = span.anchor.empty() ? "" : content.claim(span.anchor);
            std::string href = target.empty() ? span.uri : href_from_text(target, &content);
            if (!href.empty()) {
                std::string link = "<a";
                if (!anchor.empty())
                    link += " id=\"" + xml_escape(anchor) + "\"";
                link += " href=\"" + xml_escape(href) + "\"";
                if (m_note_anchors.count(target))
                    link += " epub:type=\"noteref\" role=\"doc-noteref\"";
                inner = link + ">" + inner + "</a>";
                anchor.clear();
            }
            if (span.flags & doc::Span::Emphasis)
                inner = "<em>" + inner + "</em>";
            if (span.flags & doc::Span::Strong)
                inner = "<strong>" + inner + "</strong>";
            if (span.flags & doc::Span::Superscript)
                inner = "<sup>" + inner + "</sup>";
            if (span.color)
                inner =
                    "<span style=\"color: " + css_color(*span.color) + "\">" + inner + "</span>";
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
        return m_doc.metadata.language != m_src.source_language &&
               doc::all_untranslated(spans, m_src.source_language_keys);
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
                    std::string style;
                    if (auto background =
                            cell.background.value_or(row.background.value_or(Color{}));
                        background.a)
                        style = " style=\"background-color: " + css_color(background) + "\"";
                    auto [text, language] = text_of(content, cell.spans);
                    content.out += "<div class=\"box\"" + style + "><p" +
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
            std::string style;
            std::optional<Color> background = row.background;
            if (!header && !background && table.stripe && index % 2 == 1)
                background = table.stripe;
            if (background)
                style = " style=\"background-color: " + css_color(*background) + "\"";
            std::string out =
                "<tr" + std::string(row.rule_above ? " class=\"group\"" : "") + style + ">";
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
                std::string extra = language;
                if (!scope.empty())
                    extra += " scope=\"" + scope + "\"";
                if (cell.span > 1)
                    extra += " colspan=\"" + std::to_string(cell.span) + "\"";
                if (cell.background)
                    extra += " style=\"background-color: " + css_color(*cell.background) + "\"";
                out += "<" + tag + attributes(cell_classes(table, cell, column), "", extra) + ">" +
                       text + "</" + tag + ">";
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

    /// A chart: its SVG (named by the alt text), its description, and a link to its data.
    void chart(Content& content, const doc::Chart& chart) {
        std::string id = content.claim("chart-" + chart.name);
        content.out += "<figure" + attributes("chart", id) + ">\n";
        auto svg = m_src.chart_svgs.find(chart.name);
        if (svg != m_src.chart_svgs.end()) {
            content.out += svg->second;
            content.svg = true;
        } else {
            // No drawing: the alt text stands in for it.
            content.out += "<p class=\"chart-alt\">" + xml_escape(chart.alt) + "</p>\n";
        }
        content.out += "<figcaption>";
        if (!chart.description.empty())
            content.out +=
                "<p class=\"chart-description\">" + xml_escape(chart.description) + "</p>";
        if (chart.data)
            content.out += "<p class=\"chart-data-link\"><a href=\"" +
                           xml_escape(m_data_files.at(content.section)) + "#data-" +
                           xml_escape(chart.name) + "\">" + xml_escape(m_src.strings.chart_data) +
                           "</a></p>";
        content.out += "</figcaption>\n</figure>\n";
    }

    void key_figures(Content& content, const doc::KeyFigures& figures) {
        content.out += "<dl class=\"figures\">\n";
        for (const doc::KeyFigures::Figure& figure : figures.figures) {
            // The band's colour marks the value beside its name; as a text colour it would not
            // have the contrast body text needs (WCAG 1.4.3).
            std::string marker;
            if (figure.color)
                marker =
                    " style=\"border-inline-start: 0.5em solid " + css_color(*figure.color) + "\"";
            std::string dt_language =
                in_source_language(key_of(figure.label)) ? source_language_attributes() : "";
            content.out += "<div class=\"figure\"><dt" +
                           attributes(style_class(figures.label_style), "", dt_language) + ">" +
                           xml_escape(figure.label) + "</dt><dd" +
                           attributes(style_class(figures.value_style), "", marker) + ">" +
                           xml_escape(figure.value) + "</dd></div>\n";
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
            for (const doc::Chart& inner : row->charts)
                this->chart(content, inner);
            content.out += "</div>\n";
        } else if (auto* figures = std::get_if<doc::KeyFigures>(&block)) {
            key_figures(content, *figures);
        } else if (std::holds_alternative<doc::TableOfContents>(block)) {
            content.out += toc_navigation(content);
        } else if (auto* spacer = std::get_if<doc::Spacer>(&block)) {
            // Space on the title page, kept small: a reading system's page is not A4.
            double height = std::min(to_pt(spacer->height) / 10.0 / 2.0, 4.0);
            content.out += "<div class=\"spacer\" style=\"height: " + em(height) + "\"></div>\n";
        } else if (auto* rule = std::get_if<doc::Rule>(&block)) {
            content.out += "<hr style=\"border-color: " + css_color(rule->color) + "\"/>\n";
        }
    }

    /// The notes of the document, after its text, each linking back to its reference.
    void footnotes(Content& content) {
        if (content.notes.empty())
            return;
        content.out += "<div class=\"footnotes\">\n";
        for (auto [note, style] : content.notes) {
            std::string id = content.claim(note->anchor);
            std::string back = href_from_text(note->reference, &content);
            auto [text, language] = text_of(content, note->spans);
            content.out += "<aside" + attributes("footnote", id) +
                           " epub:type=\"footnote\" role=\"doc-footnote\"><p" +
                           attributes(style_class(style), "", language) + ">";
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

    // --- navigation ------------------------------------------------------------------------

    static std::string nav_list(const std::vector<NavEntry>& entries, bool typed = false) {
        std::string out;
        int depth = 0;
        for (const NavEntry& entry : entries) {
            int level = std::clamp(entry.level, 0, depth);
            if (depth == 0) {
                out += "<ol>\n";
                depth = 1;
            } else if (level + 1 > depth) {
                out += "\n<ol>\n";
                ++depth;
            } else {
                out += "</li>\n";
                for (; depth > level + 1; --depth)
                    out += "</ol>\n</li>\n";
            }
            out += "<li><a";
            if (typed && !entry.epub_type.empty())
                out += " epub:type=\"" + entry.epub_type + "\"";
            out += " href=\"" + xml_escape(entry.href) + "\">" + xml_escape(entry.title) + "</a>";
        }
        if (depth == 0)
            return "<ol>\n</ol>\n";
        out += "</li>\n";
        for (; depth > 1; --depth)
            out += "</ol>\n</li>\n";
        return out + "</ol>\n";
    }

    std::string toc_navigation(Content& content) {
        std::string id = content.claim("toc");
        std::string out = "<nav" + attributes("", id) + " epub:type=\"toc\" role=\"doc-toc\"";
        if (m_contents != no_section && content.section == m_contents) {
            for (const doc::Block& block : m_doc.sections[m_contents].blocks)
                if (auto* heading = std::get_if<doc::Heading>(&block)) {
                    out +=
                        " aria-labelledby=\"" +
                        xml_escape(heading_id(*heading, m_contents,
                                              &block - m_doc.sections[m_contents].blocks.data())) +
                        "\"";
                    break;
                }
        }
        std::vector<NavEntry> entries;
        for (const NavEntry& entry : m_toc)
            if (!entry.href.empty())
                entries.push_back(entry);
        return out + ">\n" + nav_list(entries) + "</nav>\n";
    }

    /// The page-list and the landmarks, which reading systems use and readers need not see.
    std::string hidden_navigation(Content& content) const {
        std::string out;
        if (!m_page_list.empty())
            out += "<nav epub:type=\"page-list\" role=\"doc-pagelist\" aria-label=\"" +
                   xml_escape(m_src.strings.page_list) + "\" hidden=\"hidden\">\n" +
                   nav_list(m_page_list) + "</nav>\n";
        out += "<nav epub:type=\"landmarks\" aria-label=\"" + xml_escape(m_src.strings.landmarks) +
               "\" hidden=\"hidden\">\n" + nav_list(m_landmarks, true) + "</nav>\n";
        return out;
    }

    /// A navigation document of its own, for a book without a contents section (a preview).
    std::string navigation_document() {
        Content content;
        content.href = m_nav_href;
        content.out = document_start(m_doc.metadata.title, "frontmatter");
        content.out += toc_navigation(content);
        content.out += hidden_navigation(content);
        content.out += "</body>\n</html>\n";
        return content.out;
    }

    /// Every chart's data as a table, each leading back to its chart.
    std::string data_document(size_t s) {
        Content content;
        content.href = m_data_files.at(s);
        const std::string& title = m_src.strings.chart_data_title;
        const std::string chapter = document_title(s);
        const std::string chapter_id = content.claim("data-" + m_stems[s]);
        content.out = document_start(title + ": " + chapter, "backmatter");
        content.out += "<section epub:type=\"appendix\" role=\"doc-appendix\" aria-labelledby=\"" +
                       xml_escape(chapter_id) + "\">\n";
        // The appendix's title heads its first document; each document is a chapter's charts.
        if (s == m_data_files.begin()->first)
            content.out += "<h1 id=\"" + content.claim("chart-data") +
                           "\" class=\"chart-data-title\">" + xml_escape(title) + "</h1>\n";
        content.out += "<h2 id=\"" + xml_escape(chapter_id) + "\" class=\"chart-data-chapter\">" +
                       xml_escape(chapter) + "</h2>\n";
        for (const doc::Chart* chart : m_data_charts.at(s)) {
            std::string id = content.claim("data-" + chart->name);
            table(content, *chart->data, id,
                  chart->data->caption ? std::nullopt
                                       : std::optional<std::string>(chart_title(*chart)));
            std::string back = m_stems[s] + ".xhtml#chart-" + chart->name;
            if (!back.empty())
                content.out += "<p class=\"chart-data-link\"><a href=\"" + xml_escape(back) +
                               "\">" + xml_escape(m_src.strings.back_to_chart) + "</a></p>\n";
        }
        content.out += "</section>\n</body>\n</html>\n";
        return content.out;
    }

    // --- the style sheet -------------------------------------------------------------------

    std::string stylesheet() const {
        std::string out =
            "/* The book's styles (layouts/theme.yaml) for reflowable text: sizes in em of the "
            "body text, so a reader's text size applies. */\n";
        for (const FontFile& font : m_src.fonts)
            out += "@font-face { font-family: \"" + font.family +
                   "\"; font-weight: " + std::to_string(font.weight) +
                   "; font-style: " + (font.italic ? "italic" : "normal") +
                   "; src: url(\"../fonts/" + font.name + "\"); }\n";
        const doc::Style* body = nullptr;
        if (auto found = m_styles.find("body"); found != m_styles.end())
            body = found->second;
        double base = body && body->size > 0 ? to_pt(body->size) : 10.0;
        Color text{0x1d, 0x1d, 0x1f, 255};
        if (body) {
            text = body->color;
            out += "body { font-family: " + css_families(body->family) +
                   "; color: " + css_color(text) + "; }\n";
        }
        out +=
            "p { margin: 0; }\n"
            "h1, h2, h3, h4, h5, h6 { hyphens: manual; }\n"
            "table.data { border-collapse: collapse; width: 100%; margin: 1em 0; }\n"
            "table.data caption { text-align: start; caption-side: top; margin-bottom: 0.3em; }\n"
            "table.data th, table.data td { padding: 0.2em 0.4em; vertical-align: top; text-align: "
            "start; "
            "font-weight: inherit; border-bottom: 1px solid #b9bec4; }\n"
            "table.data thead th, table.data thead td { border-bottom: 1.5px solid #5f6368; "
            "vertical-align: "
            "bottom; }\n"
            "table.data tr.group > * { border-top: 1px solid #5f6368; }\n"
            "table.data .a-end { text-align: end; }\n"
            "table.data .a-center { text-align: center; }\n"
            "figure.chart { margin: 1em 0 1.5em; }\n"
            "figure.chart svg { display: block; width: 100%; height: auto; }\n"
            "figure.chart figcaption { font-size: 0.85em; line-height: 1.35; margin-top: 0.3em; }\n"
            ".chart-description, .chart-data-link { margin: 0.2em 0; text-align: start; }\n"
            "dl.figures { display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; margin: 1em 0; }\n"
            "dl.figures .figure { display: flex; flex-direction: column-reverse; }\n"
            "dl.figures dd { margin: 0; padding-inline-start: 0.3em; }\n"
            "dl.figures dt { padding-inline-start: 0.3em; }\n"
            ".box { padding: 0.6em 0.8em; margin: 1em 0; }\n"
            ".footnotes { margin-top: 2em; border-top: 1px solid #b9bec4; padding-top: 0.5em; }\n"
            "aside.footnote p { margin: 0.3em 0; }\n"
            "nav ol { list-style: none; padding-inline-start: 1.2em; }\n"
            "nav > ol { padding-inline-start: 0; }\n"
            "nav li { margin: 0.2em 0; }\n"
            "sup { line-height: 0; }\n";
        for (const auto& [name, style] : m_styles) {
            double size = style->size > 0 ? to_pt(style->size) : base;
            out += ".s-" + file_stem(name) + " { font-family: " + css_families(style->family) +
                   "; font-weight: " + std::to_string(style->weight) +
                   "; font-style: " + (style->italic ? "italic" : "normal") +
                   "; font-size: " + em(size / base);
            if (style->leading > 0)
                out += "; line-height: " + format_decimal(to_pt(style->leading) / size);
            out += "; color: " + css_color(style->color);
            switch (style->align) {
            case doc::Align::Justify:
                out += "; text-align: justify; hyphens: auto";
                break;
            case doc::Align::Center:
                out += "; text-align: center";
                break;
            case doc::Align::End:
                out += "; text-align: end";
                break;
            default:
                out += "; text-align: start";
                break;
            }
            out += "; margin-top: " + em(to_pt(style->space_before) / size) +
                   "; margin-bottom: " + em(to_pt(style->space_after) / size);
            if (style->first_line_indent)
                out += "; text-indent: " + em(to_pt(style->first_line_indent) / size);
            if (style->tabular_numbers)
                out += "; font-variant-numeric: tabular-nums";
            out += "; }\n";
        }
        return out;
    }

    const doc::Document& m_doc;
    const Sources& m_src;
    std::vector<std::string> m_stems;
    size_t m_contents = no_section;
    std::string m_nav_href;
    std::map<std::string, size_t> m_destinations;
    std::set<std::string> m_note_anchors;
    /// The charts with data of each section, and the document their tables go to.
    std::map<size_t, std::vector<const doc::Chart*>> m_data_charts;
    std::map<size_t, std::string> m_data_files;
    std::map<std::pair<size_t, size_t>, std::vector<size_t>> m_breaks;
    std::map<std::string, const doc::Style*> m_styles;
    std::vector<NavEntry> m_toc, m_page_list, m_landmarks;
    int m_top_rank = 1, m_top_level = 0;
};

} // namespace

Publication build_publication(const doc::Document& document, const Sources& sources) {
    return PublicationBuilder(document, sources).run();
}

std::string package_document(const Publication& publication) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
                      "unique-identifier=\"publication-id\"";
    if (!publication.language.empty())
        out += " xml:lang=\"" + xml_escape(publication.language) + "\"";
    out += publication.right_to_left ? " dir=\"rtl\"" : " dir=\"ltr\"";
    out += " prefix=\"a11y: http://www.idpf.org/epub/vocab/package/a11y/#\">\n";
    out += "  <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n";
    out += "    <dc:identifier id=\"publication-id\">" + xml_escape(publication.identifier) +
           "</dc:identifier>\n";
    out += "    <dc:title>" + xml_escape(publication.title) + "</dc:title>\n";
    out += "    <dc:language>" + xml_escape(publication.language) + "</dc:language>\n";
    if (!publication.creator.empty())
        out += "    <dc:creator>" + xml_escape(publication.creator) + "</dc:creator>\n";
    if (!publication.subject.empty())
        out += "    <dc:subject>" + xml_escape(publication.subject) + "</dc:subject>\n";
    std::string keyword_language;
    if (!publication.source_language.empty() && publication.source_language != publication.language)
        keyword_language = " xml:lang=\"" + xml_escape(publication.source_language) + "\"";
    for (const std::string& keyword : publication.keywords)
        out += "    <dc:subject" + keyword_language + ">" + xml_escape(keyword) + "</dc:subject>\n";
    if (!publication.print_edition.empty()) {
        // The page-list follows the PDF edition: name it as the source of the pagination.
        out += "    <dc:source id=\"print-source\">" + xml_escape(publication.print_edition) +
               "</dc:source>\n";
        out += "    <meta property=\"source-of\" refines=\"#print-source\">pagination</meta>\n";
    }
    out +=
        "    <meta property=\"dcterms:modified\">" + xml_escape(publication.modified) + "</meta>\n";
    for (const Meta& meta : publication.accessibility) {
        out += "    <meta property=\"" + xml_escape(meta.property) + "\"";
        if (!meta.language.empty())
            out += " xml:lang=\"" + xml_escape(meta.language) + "\"";
        out += ">" + xml_escape(meta.value) + "</meta>\n";
    }
    out += "  </metadata>\n  <manifest>\n";
    for (const Item& item : publication.items) {
        out += "    <item id=\"" + xml_escape(item.id) + "\" href=\"" + xml_escape(item.href) +
               "\" media-type=\"" + xml_escape(item.media_type) + "\"";
        if (!item.properties.empty())
            out += " properties=\"" + xml_escape(item.properties) + "\"";
        out += "/>\n";
    }
    out += "  </manifest>\n  <spine";
    if (publication.right_to_left)
        out += " page-progression-direction=\"rtl\"";
    out += ">\n";
    for (const Item& item : publication.items)
        if (item.spine)
            out += "    <itemref idref=\"" + xml_escape(item.id) + "\"/>\n";
    out += "  </spine>\n</package>\n";
    return out;
}

std::string dump(const Publication& publication) {
    std::string out = "publication \"" + publication.title + "\" lang=" + publication.language +
                      (publication.right_to_left ? " rtl" : " ltr") + " " + publication.identifier +
                      "\n";
    out += "  modified " + publication.modified + "\n";
    if (!publication.print_edition.empty())
        out += "  pagination from \"" + publication.print_edition + "\"\n";
    for (const Meta& meta : publication.accessibility)
        out += "  meta " + meta.property + " \"" + meta.value + "\"" +
               (meta.language.empty() ? "" : " lang=" + meta.language) + "\n";
    for (const Item& item : publication.items) {
        out += "item " + item.id + " " + item.href + " " + item.media_type;
        if (!item.properties.empty())
            out += " [" + item.properties + "]";
        if (item.spine)
            out += " spine";
        out += "\n";
    }
    out += "navigation " + publication.navigation + "\n";
    out += "toc\n";
    for (const NavEntry& entry : publication.toc)
        out += std::string(static_cast<size_t>(entry.level) * 2 + 2, ' ') + entry.title + " -> " +
               entry.href + "\n";
    out += "page-list " + std::to_string(publication.page_list.size()) + "\n";
    for (const NavEntry& entry : publication.page_list)
        out += "  " + entry.title + " -> " + entry.href + "\n";
    out += "landmarks\n";
    for (const NavEntry& entry : publication.landmarks)
        out += "  " + entry.epub_type + " \"" + entry.title + "\" -> " + entry.href + "\n";
    return out;
}

} // namespace mipex::epub
