// The book's blocks as markup: paragraphs with their links and notes, headings ranked by the
// book's structure, lists, data tables with their headers' scope, charts as inline SVG with
// their descriptions, key figures, footnotes. Two outputs write it: the EPUB (XHTML, with
// EPUB's structural semantics) and the website (HTML, where a Content-Security-Policy of
// 'self' forbids style attributes: colours become classes, see BlockWriter::inline_rules).
//
// What only the output knows (its files, and so where a destination is) it answers through
// Links.
#pragma once

#include "doc/document.h"

#include <cstddef>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace mipex::html {

inline constexpr size_t no_section = std::numeric_limits<size_t>::max();

/// Which markup is written.
enum class Flavour {
    /// The EPUB's XHTML: xml:lang beside lang, epub:type beside the DPUB-ARIA roles, style
    /// attributes, a chart's data linked in a document of its own.
    Xhtml,
    /// A web page's HTML: lang alone, ARIA roles alone, classes for colours, a chart's data as
    /// a table folded below it.
    Html,
};

/// One document being written: its text, the ids it holds, its notes.
struct Content {
    size_t section = no_section;
    std::string href; ///< the file, as the output names it
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

/// What the output answers for the blocks: where things are.
class Links {
public:
    virtual ~Links() = default;
    /// The href of a named destination (a heading, a profile, a note) from the document
    /// `from`; empty when the output does not have it (a preview of one part).
    virtual std::string destination(const std::string& anchor, const Content& from) const = 0;
    /// The href of a chart's data table, for Flavour::Xhtml.
    virtual std::string chart_data(const doc::Chart& chart, const Content& from) const = 0;
    /// The markup of the book's contents where the document has them (TableOfContents).
    virtual std::string table_of_contents(Content& content) = 0;
};

struct BlockOptions {
    Flavour flavour = Flavour::Xhtml;
    /// The language the book is written in: texts printed in it inside another edition (for
    /// want of a translation) are marked with it.
    std::string source_language;
    /// The string keys of those texts.
    const std::set<std::string>* source_language_keys = nullptr;
    /// The printed page of each named destination, for page references ("see page 12").
    const std::map<std::string, std::string>* destination_pages = nullptr;
    /// Each chart as SVG, by doc::Chart::name; a chart without one shows its alt text.
    const std::map<std::string, std::string>* chart_svgs = nullptr;
    /// The words of the link to a chart's data, or of the summary of its folded table.
    std::string chart_data;
};

class BlockWriter {
public:
    BlockWriter(const doc::Document& document, BlockOptions options, Links& links);
    ~BlockWriter();
    BlockWriter(const BlockWriter&) = delete;
    BlockWriter& operator=(const BlockWriter&) = delete;

    /// Headings rank by the book's structure: in the EPUB a part is h1, its chapters h2,
    /// their sections h3 (the PDF outline's depth), so that a screen reader's list of headings
    /// shows the same tree as the contents. `first_rank` sets the rank of the section's first
    /// heading instead (a web page's own h1).
    void begin_section(size_t section, std::optional<int> first_rank = std::nullopt);

    /// Block `b` of the section being written.
    void block(Content& content, const doc::Block& block, size_t b);
    /// A chart: its SVG, its description and its data.
    void chart(Content& content, const doc::Chart& chart);
    /// The notes of the document so far, after its text, each linking back to its reference.
    void footnotes(Content& content);
    /// A table as a data table: caption, header rows of column headers, and in the body the
    /// first cell of each row as its row header; a row that is one cell across the table
    /// heads a group of rows (its own tbody).
    void table(Content& content, const doc::Table& table, const std::string& id = "",
               const std::optional<std::string>& caption = std::nullopt);

    /// The id a heading's element gets.
    static std::string heading_id(const doc::Heading& heading, size_t section, size_t b);
    /// ` id="…" class="…"` and `extra`, escaped.
    static std::string attributes(const std::string& classes, const std::string& id = "",
                                  const std::string& extra = "");
    /// The section each named destination of the document stands in (a heading, an anchored
    /// span, a footnote, a chart as "chart-<name>"), the first where several share a name.
    const std::map<std::string, size_t>& destinations() const;

    /// The styles the blocks written so far use, by name (for book_rules).
    const std::map<std::string, const doc::Style*>& styles() const;
    /// Flavour::Html: the rules of the classes that stand for style attributes
    /// (".i-3 { color: #4575b4; }"), in the order first used.
    std::string inline_rules() const;

private:
    class Writer;
    std::unique_ptr<Writer> m_writer;
};

} // namespace mipex::html
