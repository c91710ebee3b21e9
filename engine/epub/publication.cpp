#include "epub/publication.h"

#include "base/text.h"
#include "base/xml.h"
#include "epub/fonts.h"
#include "html/blocks.h"
#include "html/css.h"
#include "render/font_subset.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <limits>

namespace mipex::epub {

namespace {

using html::Content;
using html::no_section;

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

html::BlockOptions block_options(const Sources& sources) {
    html::BlockOptions options;
    options.flavour = html::Flavour::Xhtml;
    options.source_language = sources.source_language;
    options.source_language_keys = &sources.source_language_keys;
    options.destination_pages = &sources.destination_pages;
    options.chart_svgs = &sources.chart_svgs;
    options.chart_data = sources.strings.chart_data;
    return options;
}

class PublicationBuilder final : public html::Links {
public:
    PublicationBuilder(const doc::Document& document, const Sources& sources)
        : m_doc(document), m_src(sources), m_blocks(document, block_options(sources), *this) {}

    // html::Links: every content document is in text/.
    std::string destination(const std::string& anchor, const Content& from) const override {
        return href_from_text(anchor, &from);
    }
    std::string chart_data(const doc::Chart& chart, const Content& from) const override {
        return m_data_files.at(from.section) + "#data-" + chart.name;
    }
    std::string table_of_contents(Content& content) override { return toc_navigation(content); }

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
            render::add_characters(item.data, characters);
        render::add_synthesized_punctuation(characters);
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
            std::string stem = html::file_stem(section.id);
            for (int n = 2; !stems.insert(stem).second; ++n)
                stem = html::file_stem(section.id) + "-" + std::to_string(n);
            m_stems.push_back(stem);
            if (section.kind == doc::Section::Kind::Contents && m_contents == no_section)
                m_contents = s;
            for (const doc::Block& block : section.blocks)
                collect_data_charts(block, s);
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

    /// The charts with data of section `s`, whose tables go to a document of their own.
    void collect_data_charts(const doc::Block& block, size_t s) {
        auto add = [&](const doc::Chart& chart) {
            if (chart.data)
                m_data_charts[s].push_back(&chart);
        };
        if (auto* chart = std::get_if<doc::Chart>(&block))
            add(*chart);
        else if (auto* row = std::get_if<doc::ChartRow>(&block))
            for (const doc::Chart& inner : row->charts)
                add(inner);
    }

    const std::string& stem_of(size_t s) const { return m_stems[s]; }

    static std::string page_id(size_t page) { return "page-" + std::to_string(page + 1); }

    /// The link to a named destination from a document in text/ (all content documents are
    /// there); empty when the book does not have it (a preview of one part).
    std::string href_from_text(const std::string& destination,
                               const Content* from = nullptr) const {
        auto found = m_blocks.destinations().find(destination);
        if (found == m_blocks.destinations().end())
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
        // Headings rank by the book's structure across documents (BlockWriter::begin_section).
        m_blocks.begin_section(s);
        std::string label;
        for (const doc::Block& block : section.blocks)
            if (auto* heading = std::get_if<doc::Heading>(&block)) {
                label = html::BlockWriter::heading_id(*heading, s, &block - section.blocks.data());
                break;
            }
        content.out = document_start(document_title(s), body_type(section));
        content.out += "<section" + section_semantics(section.kind);
        if (!label.empty())
            content.out += " aria-labelledby=\"" + xml_escape(label) + "\"";
        content.out += ">\n";
        for (size_t b = 0; b < section.blocks.size(); ++b) {
            page_breaks(content, s, b);
            m_blocks.block(content, section.blocks[b], b);
        }
        page_breaks(content, s, section.blocks.size());
        m_blocks.footnotes(content);
        content.out += "</section>\n";
        if (s == m_contents)
            content.out += hidden_navigation(content);
        content.out += "</body>\n</html>\n";
        return content;
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
        std::string out =
            "<nav" + html::BlockWriter::attributes("", id) + " epub:type=\"toc\" role=\"doc-toc\"";
        if (m_contents != no_section && content.section == m_contents) {
            for (const doc::Block& block : m_doc.sections[m_contents].blocks)
                if (auto* heading = std::get_if<doc::Heading>(&block)) {
                    out += " aria-labelledby=\"" +
                           xml_escape(html::BlockWriter::heading_id(
                               *heading, m_contents,
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
            m_blocks.table(content, *chart->data, id,
                           chart->data->caption
                               ? std::nullopt
                               : std::optional<std::string>(html::chart_title(*chart)));
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
        return out + html::book_rules(m_blocks.styles());
    }

    const doc::Document& m_doc;
    const Sources& m_src;
    std::vector<std::string> m_stems;
    size_t m_contents = no_section;
    std::string m_nav_href;
    /// The charts with data of each section, and the document their tables go to.
    std::map<size_t, std::vector<const doc::Chart*>> m_data_charts;
    std::map<size_t, std::string> m_data_files;
    std::map<std::pair<size_t, size_t>, std::vector<size_t>> m_breaks;
    std::vector<NavEntry> m_toc, m_page_list, m_landmarks;
    html::BlockWriter m_blocks;
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
