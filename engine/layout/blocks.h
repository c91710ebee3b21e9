// Turns the document's blocks into flow items for the paginator: paragraphs into lines with
// widow and orphan rules, tables into rows that repeat their header, charts and figures into
// single boxes.
#pragma once

#include "doc/document.h"
#include "layout/paginate.h"
#include "layout/text.h"

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace mipex::layout {

/// Minimum lines of a paragraph kept together at the foot (orphans) and head (widows) of a
/// page.
inline constexpr size_t min_lines_at_break = 2;

/// Tables of at most this many rows are kept on one page.
inline constexpr size_t short_table_rows = 8;
/// Groups of a table's rows (a heading row and the rows under it) of at most this many rows
/// are not split across pages: the table breaks between groups.
inline constexpr size_t short_group_rows = 8;

/// Appends the flow items of one block. `space_above` is the space the previous block asked
/// for after itself; the larger of it and the block's own space before is used.
class FlowBuilder {
public:
    /// `labels` maps destinations to the page numbers they landed on in the previous layout
    /// pass, for page references in text ({page:…}); it may be null before the first pass.
    /// The builder makes the section's structure elements, numbered from `first_element`,
    /// under a Sect element (the first) whose parent is the document (element 0).
    FlowBuilder(TextShaper& shaper, Length width,
                const std::map<std::string, std::string>* labels = nullptr,
                display::ElementId first_element = 1)
        : m_shaper(shaper), m_width(width), m_labels(labels), m_first_element(first_element) {
        m_section = element(display::Role::Sect, 0);
    }

    /// Adds a structure element under `parent` (the section when not given); returns its id.
    display::ElementId element(display::Role role, std::optional<display::ElementId> parent = {},
                               std::string alt = {},
                               display::Element::Scope scope = display::Element::Scope::None);
    /// Marks an element's text as in `language` (nothing when empty: the document's).
    void set_language(display::ElementId id, const std::string& language);
    /// The texts printed in the source language (doc::Document::untranslated_keys): cells and
    /// headings made only of them are marked as in that language, and hyphenated by it.
    void set_untranslated(const std::set<std::string>* keys, std::string source_language) {
        m_untranslated = keys;
        m_source_language = std::move(source_language);
    }
    /// The language of a text made of `spans` when not the edition's: the source language,
    /// when every run with words in it printed untranslated; otherwise empty.
    std::string language_of(const std::vector<doc::Span>& spans) const;
    /// The structure elements made so far, numbered from `first_element`.
    /// The elements made, at their size: they stay until the pages are done.
    std::vector<display::Element> take_elements() {
        m_elements.shrink_to_fit();
        return std::move(m_elements);
    }

    void paragraph(const doc::Paragraph& paragraph);
    void list(const doc::List& list);
    void heading(const doc::Heading& heading);
    void table(const doc::Table& table);
    void box(std::shared_ptr<const display::Frame> frame, Length space_before, Length space_after,
             bool floatable = false, display::Tag tag = {});
    /// A chart: a Figure whose alternate description is the chart's alt text.
    void figure(std::shared_ptr<const display::Frame> frame, const std::string& alt);
    void key_figures(const doc::KeyFigures& figures);
    void spacer(Length height);
    void rule(const doc::Rule& rule);
    /// Starts the table of contents (a TOC element holding the entries).
    void begin_toc() { m_toc = element(display::Role::TOC); }
    /// A table-of-contents entry: the title (linked), dot leaders and the page label.
    void toc_entry(const std::string& title, const std::string& page, const std::string& anchor,
                   const doc::Style& style);

    /// Starts the items of the next block (for the audit of the finished pages).
    void next_block() { ++m_block; }
    std::vector<FlowItem> take() { return std::move(m_items); }
    /// Lines set wider than the measure (there should be none).
    size_t overfull_lines() const { return m_overfull; }

private:
    class TableLayout;

    Length open_space(Length space_before);
    void push_lines(std::vector<Line>& lines, const doc::Style& style, const std::string& anchor,
                    FlowItem::Role role, display::Tag tag);
    /// Lines of a paragraph, moved right by `indent`, with its footnotes attached to the lines
    /// that reference them; `marker` (a list's bullet) hangs left of the first line. The lines
    /// belong to the element `body`, the marker to `label`.
    void push_paragraph_lines(std::vector<Line>& lines, const doc::Style& style,
                              Length space_before, const doc::Paragraph& paragraph, Length indent,
                              const Line* marker, display::ElementId body,
                              display::ElementId label = 0);
    /// The spans with page references filled in from the last pass.
    std::vector<doc::Span> with_page_numbers(const std::vector<doc::Span>& spans) const;
    std::shared_ptr<const display::Frame> footnote_frame(const doc::Footnote& note,
                                                         const doc::Style& style);

    TextShaper& m_shaper;
    Length m_width;
    const std::map<std::string, std::string>* m_labels;
    const std::set<std::string>* m_untranslated = nullptr;
    std::string m_source_language;
    std::vector<FlowItem> m_items;
    Length m_pending_space = 0;
    uint32_t m_block = 0;
    size_t m_overfull = 0;
    display::ElementId m_first_element;
    std::vector<display::Element> m_elements;
    display::ElementId m_section = 0, m_toc = 0;
};

} // namespace mipex::layout
