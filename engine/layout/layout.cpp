#include "layout/layout.h"

#include "doc/content_key.h"
#include "layout/blocks.h"
#include "layout/chart/chart.h"
#include "layout/hyphenate.h"
#include "layout/paginate.h"
#include "layout/paragraph_cache.h"
#include "layout/text.h"

#include <algorithm>
#include <cstdio>
#include <glib.h>
#include <map>
#include <set>

namespace mipex::layout {

std::string roman(int number) {
    static const std::pair<int, const char*> numerals[] = {
        {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
        {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
    std::string out;
    for (auto [value, text] : numerals)
        while (number >= value) {
            out += text;
            number -= value;
        }
    return out;
}

namespace {

struct TocEntry {
    int level = 0;
    std::string title;
    std::string anchor;
};

class DocumentLayout {
    struct SectionPages {
        PageBreakResult breaks;
        std::vector<std::string> labels;
        std::vector<int> numbers; ///< physical page number, from 1
    };

public:
    /// With `releasable` (the same document), sections' blocks are freed once laid out.
    DocumentLayout(const doc::Document& document, LayoutCache& cache, Diagnostics& diagnostics,
                   doc::Document* releasable = nullptr)
        : m_document(document), m_releasable(releasable), m_cache(cache), m_fonts(cache.fonts()),
          m_hyphenator(cache.hyphenator()), m_shaper(cache.shaper()), m_diagnostics(diagnostics) {
        const model::PageGeometry& page = document.page;
        m_text_width = page.width - page.margin_inner - page.margin_outer;
        m_text_height = page.height - page.margin_top - page.margin_bottom;
        for (const doc::Section& section : document.sections)
            for (const doc::Block& block : section.blocks)
                if (auto* heading = std::get_if<doc::Heading>(&block)) {
                    if (heading->toc_level)
                        m_toc.push_back({*heading->toc_level, heading->text, heading->anchor});
                    if (heading->outline_level && !heading->anchor.empty())
                        m_outline.push_back(
                            {heading->text, heading->anchor, *heading->outline_level});
                }
    }

    display::Book run() {
        // Shape everything that does not depend on page numbers once.
        std::vector<std::vector<FlowItem>> flows(m_document.sections.size());
        std::vector<bool> depends_on_pages(m_document.sections.size(), false);
        for (size_t s = 0; s < m_document.sections.size(); ++s) {
            depends_on_pages[s] = DocumentLayout::depends_on_pages(m_document.sections[s]);
            flows[s] = build_flow(s);
            // Its frames hold all that the pages need: the blocks go now, unless the section
            // is laid out again for its page numbers.
            if (m_releasable && !depends_on_pages[s])
                std::vector<doc::Block>().swap(m_releasable->sections[s].blocks);
        }

        std::vector<SectionPages> paginated;
        std::map<std::string, std::string> labels_before;
        for (int pass = 1;; ++pass) {
            paginated.clear();
            for (size_t s = 0; s < flows.size(); ++s)
                paginated.push_back(paginate_section(flows[s]));
            number_pages(paginated);
            std::map<std::string, std::string> labels = anchor_labels(paginated, flows);
            if (labels == labels_before)
                break;
            if (pass == max_layout_passes) {
                m_diagnostics.warning(
                    {}, "page numbers in the table of contents did not settle after " +
                            std::to_string(max_layout_passes) + " layout passes");
                break;
            }
            labels_before = labels;
            m_anchor_labels = std::move(labels);
            for (size_t s = 0; s < flows.size(); ++s)
                if (depends_on_pages[s])
                    flows[s] = build_flow(s);
        }
        audit(paginated, flows);
        display::Book book = assemble(paginated, flows);
        book.page_starts = page_starts(paginated, flows);
        book.anchor_pages = anchor_pages(book.pages);
        if (m_cache.chart_figures())
            book.charts = chart_figures();
        return book;
    }

    /// Checks the finished pages against the rules the paginator follows, and reports where
    /// it could not: a heading or caption at a page foot, a paragraph leaving fewer than
    /// min_lines_at_break lines on either side of a break, a line wider than the measure.
    void audit(const std::vector<SectionPages>& sections,
               const std::vector<std::vector<FlowItem>>& flows) {
        for (size_t s = 0; s < sections.size(); ++s) {
            const auto& pages = sections[s].breaks.pages;
            for (size_t p = 0; p + 1 < pages.size(); ++p) {
                // Floats moved to a page's top are not where the text continues.
                auto text = [&](const Placement& placement) {
                    return !placement.repeated && !flows[s][placement.item].floatable;
                };
                auto last = std::find_if(pages[p].rbegin(), pages[p].rend(), text);
                auto next = std::find_if(pages[p + 1].begin(), pages[p + 1].end(), text);
                if (last == pages[p].rend() || next == pages[p + 1].end())
                    continue;
                const FlowItem& before = flows[s][last->item];
                const FlowItem& after = flows[s][next->item];
                std::string where =
                    "page " + sections[s].labels[p] + " of '" + m_document.sections[s].id + "'";
                if (before.role == FlowItem::Role::HeadingLine)
                    violation(where + ": a heading or caption ends the page");
                if (before.role == FlowItem::Role::Line && after.role == FlowItem::Role::Line &&
                    before.block == after.block) {
                    size_t left = static_cast<size_t>(before.line) + 1;
                    size_t right = static_cast<size_t>(before.lines) - left;
                    if (left < min_lines_at_break)
                        violation(where + ": an orphan (" + std::to_string(left) +
                                  " line at the foot)");
                    if (right < min_lines_at_break)
                        violation(where + ": a widow (" + std::to_string(right) +
                                  " line at the head of the next)");
                }
            }
        }
        if (m_overfull > 0)
            violation(std::to_string(m_overfull) + " lines are wider than the measure");
    }

    /// The block each page's text begins in. Charts moved to a page's top are not where its
    /// text continues; a page that holds nothing else begins at the chart.
    std::vector<display::PageStart> page_starts(const std::vector<SectionPages>& sections,
                                                const std::vector<std::vector<FlowItem>>& flows) {
        std::vector<display::PageStart> starts;
        for (size_t s = 0; s < sections.size(); ++s)
            for (size_t p = 0; p < sections[s].breaks.pages.size(); ++p) {
                const auto& page = sections[s].breaks.pages[p];
                auto first =
                    std::find_if(page.begin(), page.end(), [&](const Placement& placement) {
                        return !placement.repeated && !flows[s][placement.item].floatable;
                    });
                if (first == page.end())
                    first = std::find_if(page.begin(), page.end(), [](const Placement& placement) {
                        return !placement.repeated;
                    });
                display::PageStart start{sections[s].labels[p], s, 0, false};
                if (first != page.end()) {
                    const FlowItem& item = flows[s][first->item];
                    const std::vector<size_t>& owners = m_block_owners[s];
                    start.block = owners.at(item.block);
                    start.inside_block = first->item > 0 &&
                                         owners.at(flows[s][first->item - 1].block) == start.block;
                }
                starts.push_back(std::move(start));
            }
        return starts;
    }

    /// The first page each anchor stands on.
    static std::map<std::string, std::string>
    anchor_pages(const std::vector<display::Page>& pages) {
        std::map<std::string, std::string> found;
        for (const display::Page& page : pages)
            collect_anchors(page.items, page.label, found);
        return found;
    }

    static void collect_anchors(const std::vector<display::Item>& items, const std::string& label,
                                std::map<std::string, std::string>& found) {
        for (const display::Item& item : items) {
            if (auto* anchor = std::get_if<display::Anchor>(&item))
                found.emplace(anchor->name, label);
            else if (auto* group = std::get_if<display::Group>(&item))
                collect_anchors(group->items(), label, found);
        }
    }

    /// Every chart at the width of the text, through the cache: a chart the pages show at
    /// that width is not drawn again. After the pages, so that the fonts the pages use are
    /// numbered as without them.
    std::vector<display::ChartFigure> chart_figures() {
        if (m_releasable)
            throw std::logic_error("chart figures need the whole document tree");
        std::vector<display::ChartFigure> figures;
        for (const doc::Chart* chart : doc::charts_in(m_document)) {
            const ChartLayout& laid = m_cache.chart(*chart, m_text_width);
            figures.push_back({chart->name, laid.frame, laid.marks});
        }
        return figures;
    }

    void violation(std::string message) {
        m_diagnostics.warning({}, message);
        m_violations.push_back(std::move(message));
    }

private:
    static bool has_page_references(const std::vector<doc::Span>& spans) {
        for (const doc::Span& span : spans)
            if (!span.page_of.empty())
                return true;
        return false;
    }

    static bool has_page_references(const doc::Paragraph& paragraph) {
        if (has_page_references(paragraph.spans))
            return true;
        for (const doc::Footnote& note : paragraph.footnotes)
            if (has_page_references(note.spans))
                return true;
        return false;
    }

    /// Whether the section prints page numbers of other places (the contents, "see page 12"),
    /// so it must be laid out again when pages move.
    static bool depends_on_pages(const doc::Section& section) {
        for (const doc::Block& block : section.blocks) {
            if (std::holds_alternative<doc::TableOfContents>(block))
                return true;
            if (auto* paragraph = std::get_if<doc::Paragraph>(&block);
                paragraph && has_page_references(*paragraph))
                return true;
            if (auto* list = std::get_if<doc::List>(&block))
                for (const doc::Paragraph& item : list->items)
                    if (has_page_references(item))
                        return true;
        }
        return false;
    }

    std::vector<FlowItem> build_flow(size_t s) {
        const doc::Section& section = m_document.sections[s];
        // The section's structure elements follow the previous section's. A section laid out
        // again for its page numbers makes the same elements (they depend on its blocks, not
        // on its text), so the numbers stay valid in every section.
        if (m_elements.size() <= s)
            m_elements.resize(s + 1);
        display::ElementId first = 1;
        if (s > 0)
            first = m_first_elements.at(s - 1) +
                    static_cast<display::ElementId>(m_elements[s - 1].size());
        if (m_first_elements.size() <= s)
            m_first_elements.resize(s + 1);
        m_first_elements[s] = first;
        FlowBuilder builder(m_shaper, m_text_width,
                            m_anchor_labels.empty() ? nullptr : &m_anchor_labels, first);
        builder.set_untranslated(&m_document.untranslated_keys, m_document.source_language);
        uint32_t block_number = 0; // FlowItem::block of the items the block makes
        // The section's block each flow block number comes from (contents entries share theirs).
        std::vector<size_t>& owners = m_block_owners[s];
        owners.assign(1, 0);
        for (const doc::Block& block : section.blocks) {
            builder.next_block();
            m_shaper.missing_glyphs().set_location(s, ++block_number);
            owners.push_back(static_cast<size_t>(&block - section.blocks.data()));
            if (auto* paragraph = std::get_if<doc::Paragraph>(&block)) {
                builder.paragraph(*paragraph);
            } else if (auto* list = std::get_if<doc::List>(&block)) {
                builder.list(*list);
            } else if (auto* heading = std::get_if<doc::Heading>(&block)) {
                builder.heading(*heading);
            } else if (auto* table = std::get_if<doc::Table>(&block)) {
                builder.table(*table);
            } else if (auto* chart = std::get_if<doc::Chart>(&block)) {
                builder.figure(chart_frame(*chart, m_text_width), chart->alt);
            } else if (auto* row = std::get_if<doc::ChartRow>(&block)) {
                builder.box(display::share(chart_row(*row, builder)), from_pt(10), from_pt(12),
                            true);
            } else if (auto* figures = std::get_if<doc::KeyFigures>(&block)) {
                builder.key_figures(*figures);
            } else if (auto* toc = std::get_if<doc::TableOfContents>(&block)) {
                builder.begin_toc();
                for (const TocEntry& entry : m_toc) {
                    builder.next_block();
                    m_shaper.missing_glyphs().set_location(s, ++block_number);
                    owners.push_back(owners.back());
                    auto label = m_anchor_labels.find(entry.anchor);
                    // Before the first pass, a placeholder as wide as a real page number.
                    std::string page = label != m_anchor_labels.end() ? label->second : "000";
                    builder.toc_entry(entry.title, page, entry.anchor,
                                      entry.level == 0 ? *toc->part_style : *toc->entry_style);
                }
            } else if (auto* spacer = std::get_if<doc::Spacer>(&block)) {
                builder.spacer(spacer->height);
            } else if (auto* rule = std::get_if<doc::Rule>(&block)) {
                builder.rule(*rule);
            }
        }
        m_overfull += builder.overfull_lines();
        std::vector<display::Element> elements = builder.take_elements();
        if (!m_elements[s].empty() && elements.size() != m_elements[s].size())
            throw std::logic_error("section '" + section.id +
                                   "' made other structure elements when laid out again");
        m_elements[s] = std::move(elements);
        return builder.take();
    }

    /// A chart laid out at `width`; labels it had to cut are reported once, by chart.
    std::shared_ptr<const display::Frame> chart_frame(const doc::Chart& chart, Length width) {
        const ChartLayout& laid = m_cache.chart(chart, width);
        for (const std::string& label : laid.unfitted)
            if (m_reported_labels.insert(chart.name + "\n" + label).second)
                m_diagnostics.warning(
                    {}, "chart '" + chart.name + "': the label \"" + label +
                            "\" does not fit even at the smallest label size and is cut");
        return laid.frame;
    }

    /// Charts side by side, sharing the width, top-aligned; each a Figure of its own.
    display::Frame chart_row(const doc::ChartRow& row, FlowBuilder& builder) {
        display::Frame frame;
        frame.width = m_text_width;
        if (row.charts.empty())
            return frame;
        const Length gap = from_pt(18);
        const size_t count = row.charts.size();
        const Length room = m_text_width - gap * static_cast<Length>(count - 1);
        std::vector<double> weights = row.weights;
        weights.resize(count, weights.empty() ? 1.0 : 0.0);
        double total = 0;
        for (double weight : weights)
            total += weight;
        // Weights are shares of the row; when they add up to less than one (a radar whose
        // neighbour has nothing to show), the charts keep their shares, centred.
        std::vector<Length> widths, lefts(count, 0);
        for (double weight : weights)
            widths.push_back(static_cast<Length>(
                room * (total > 0 ? weight / std::max(total, 1.0) : 1.0 / count)));
        // In a right-to-left edition the first chart is the rightmost.
        Length x = total > 0 && total < 1 ? static_cast<Length>(room * (1 - total) / 2) : 0;
        for (size_t k = 0; k < count; ++k) {
            size_t i = m_document.right_to_left ? count - 1 - k : k;
            lefts[i] = x;
            x += widths[i] + gap;
        }
        for (size_t i = 0; i < count; ++i) {
            std::shared_ptr<const display::Frame> chart = chart_frame(row.charts[i], widths[i]);
            frame.height = std::max(frame.height, chart->height);
            frame.place(
                std::move(chart), {lefts[i], 0},
                display::Tag::of(builder.element(display::Role::Figure, {}, row.charts[i].alt)));
        }
        return frame;
    }

    SectionPages paginate_section(const std::vector<FlowItem>& flow) {
        SectionPages pages;
        pages.breaks = paginate(flow, m_text_height, footnote_separator);
        if (pages.breaks.pages.empty())
            pages.breaks.pages.emplace_back();
        return pages;
    }

    void number_pages(std::vector<SectionPages>& sections) {
        int physical = 0, front = 0, main = 0;
        for (size_t s = 0; s < sections.size(); ++s) {
            bool is_front = m_document.sections[s].front_matter;
            for (size_t p = 0; p < sections[s].breaks.pages.size(); ++p) {
                ++physical;
                sections[s].numbers.push_back(physical);
                sections[s].labels.push_back(is_front ? roman(++front) : number(++main));
            }
        }
    }

    static void collect_anchors(const std::vector<display::Item>& items,
                                std::vector<std::string>& names) {
        for (const display::Item& item : items) {
            if (auto* anchor = std::get_if<display::Anchor>(&item))
                names.push_back(anchor->name);
            else if (auto* group = std::get_if<display::Group>(&item))
                collect_anchors(group->items(), names);
        }
    }

    std::map<std::string, std::string>
    anchor_labels(const std::vector<SectionPages>& sections,
                  const std::vector<std::vector<FlowItem>>& flows) {
        std::map<std::string, std::string> labels;
        for (size_t s = 0; s < sections.size(); ++s)
            for (size_t p = 0; p < sections[s].breaks.pages.size(); ++p)
                for (const Placement& placement : sections[s].breaks.pages[p]) {
                    if (placement.repeated)
                        continue;
                    std::vector<std::string> names;
                    collect_anchors(flows[s][placement.item].frame->items, names);
                    for (const std::string& name : names)
                        labels.emplace(name, sections[s].labels[p]);
                }
        return labels;
    }

    display::Book assemble(const std::vector<SectionPages>& sections,
                           const std::vector<std::vector<FlowItem>>& flows) {
        display::Book output;
        const doc::Metadata& metadata = m_document.metadata;
        output.metadata = {metadata.title,    metadata.author,   metadata.subject,
                           metadata.keywords, metadata.language, metadata.creator};
        output.metadata.right_to_left = m_document.right_to_left;
        const model::PageGeometry& geometry = m_document.page;
        for (size_t s = 0; s < sections.size(); ++s) {
            const doc::Section& section = m_document.sections[s];
            for (size_t p = 0; p < sections[s].breaks.pages.size(); ++p) {
                display::Page page;
                page.width = geometry.width;
                page.height = geometry.height;
                page.label = sections[s].labels[p];
                int number = sections[s].numbers[p];
                // Odd pages are recto: right-hand pages with the inner margin on their left, or
                // in a right-to-left book left-hand pages with the inner margin on their right.
                bool recto = number % 2 == 1;
                bool inner_left = recto != m_document.right_to_left;
                Length left = inner_left ? geometry.margin_inner : geometry.margin_outer;
                display::Frame body;
                for (const Placement& placement : sections[s].breaks.pages[p]) {
                    const FlowItem& item = flows[s][placement.item];
                    body.place(placement.repeated ? item.repeat_before->frame : item.frame,
                               {left, geometry.margin_top + placement.y},
                               placement.repeated ? item.repeat_before->tag : item.tag);
                }
                add_footnotes(body, sections[s].breaks.footnotes[p], left);
                page.items = std::move(body.items);
                if (!section.plain)
                    add_page_furniture(page, section, p == 0, recto, inner_left, left);
                output.pages.push_back(std::move(page));
            }
            for (size_t overflow : sections[s].breaks.overflowing)
                m_diagnostics.warning({}, "in section '" + section.id + "', item " +
                                              std::to_string(overflow) +
                                              " is taller than the page and overflows it");
        }
        for (const OutlineEntry& entry : m_outline)
            output.outline.push_back({entry.title, entry.anchor, entry.level});
        // The structure tree: the document, then each section's elements in reading order.
        // Running heads, folios and the rules above notes belong to none: artifacts.
        size_t count = 1;
        for (const std::vector<display::Element>& elements : m_elements)
            count += elements.size();
        output.structure.reserve(count);
        output.structure.push_back(display::Element{display::Role::Document, 0, {}, {}});
        for (std::vector<display::Element>& elements : m_elements) {
            output.structure.insert(output.structure.end(),
                                    std::make_move_iterator(elements.begin()),
                                    std::make_move_iterator(elements.end()));
            elements = {};
        }
        output.fonts = m_fonts.fonts();
        report_missing_glyphs(sections, flows);
        return output;
    }

    /// Notes at the foot of the text block, under a short rule (the paginator left room).
    void add_footnotes(display::Frame& body,
                       const std::vector<std::shared_ptr<const display::Frame>>& notes,
                       Length left) {
        if (notes.empty())
            return;
        Length height = 0;
        for (const auto& note : notes)
            height += note->height;
        const model::PageGeometry& geometry = m_document.page;
        Length y = geometry.margin_top + m_text_height - height;
        // The short rule above the notes stands at the start of the line: the right in a
        // right-to-left book.
        Length rule_x = m_document.right_to_left ? left + m_text_width - m_text_width / 4 : left;
        body.add(display::Shape::rect(
            {rule_x, y - footnote_separator / 2, m_text_width / 4, from_pt(0.5)},
            m_document.rule_color));
        for (const auto& note : notes) {
            body.place(note, {left, y});
            y += note->height;
        }
    }

    /// Running head and folio. `outer_right`: the page's outer margin is on its right (a
    /// right-hand page, or a left-hand page of a right-to-left book), where both go.
    void add_page_furniture(display::Page& page, const doc::Section& section, bool opening,
                            bool recto, bool outer_right, Length left) {
        const model::PageGeometry& geometry = m_document.page;
        const Length right = left + m_text_width;
        m_shaper.missing_glyphs().set_location(0, 0, page.label);
        // Running head: the part on versos, the chapter on rectos, at the outer edge; none on
        // a chapter's opening page (its heading says it).
        if (!opening && m_document.running_head_style) {
            const doc::Style& style = *m_document.running_head_style;
            std::string text = recto ? section.chapter_title : section.part_title;
            Length baseline = geometry.margin_top - geometry.header_gap;
            Line line = m_shaper.label(text, style);
            Length x = outer_right ? right - line.natural_width : left;
            display::Frame frame;
            frame.place(std::move(line.frame), {x, baseline - line.baseline});
            for (display::Item& item : frame.items)
                page.items.push_back(std::move(item));
        }
        if (m_document.folio_style) {
            const doc::Style& style = *m_document.folio_style;
            Length baseline = geometry.height - geometry.margin_bottom + geometry.footer_gap;
            Line line = m_shaper.label(page.label, style);
            Length x = outer_right ? right - line.natural_width : left;
            display::Frame frame;
            frame.place(std::move(line.frame), {x, baseline - line.baseline});
            for (display::Item& item : frame.items)
                page.items.push_back(std::move(item));
        }
    }

    /// A main-matter page number in the edition's digits.
    std::string number(int value) const {
        std::string text = std::to_string(value);
        if (m_document.digits.size() != 10)
            return text;
        std::string out;
        for (char c : text)
            out += m_document.digits[static_cast<size_t>(c - '0')];
        return out;
    }

    /// A warning for each character the bundled fonts cannot draw, at the text's source (its
    /// translation, when it is one), naming the string key and the page it is on.
    void report_missing_glyphs(const std::vector<SectionPages>& sections,
                               const std::vector<std::vector<FlowItem>>& flows) {
        std::set<std::pair<std::string, uint32_t>> reported;
        for (const MissingGlyph& shaped : m_shaper.missing_glyphs()) {
            MissingGlyph missing = shaped;
            // Labels (running heads, chart labels) reach layout without their key: look it up
            // by the text.
            if (missing.key.empty())
                if (auto found = m_document.text_keys.find(missing.text);
                    found != m_document.text_keys.end())
                    missing.key = found->second;
            std::string what = missing.key.empty() ? missing.text : missing.key;
            if (!reported.insert({what, missing.character}).second)
                continue;
            std::string page = missing.page;
            if (page.empty() && missing.section < sections.size()) {
                const SectionPages& pages = sections[missing.section];
                for (size_t p = 0; p < pages.breaks.pages.size() && page.empty(); ++p)
                    for (const Placement& placement : pages.breaks.pages[p])
                        if (flows[missing.section][placement.item].block == missing.block) {
                            page = pages.labels[p];
                            break;
                        }
            }
            char code[16];
            std::snprintf(code, sizeof code, "U+%04X", missing.character);
            std::string message = "the bundled fonts have no glyph for " + std::string(code);
            if (missing.character >= 0x20) {
                char utf8[8] = {};
                g_unichar_to_utf8(missing.character, utf8);
                message += " '" + std::string(utf8) + "'";
            }
            message += missing.key.empty() ? " in \"" + missing.text.substr(0, 80) + "\""
                                           : " in " + missing.key;
            if (!page.empty())
                message += ", on page " + page;
            SourcePos pos;
            if (auto found = m_document.text_positions.find(missing.key);
                found != m_document.text_positions.end())
                pos = found->second;
            m_diagnostics.warning(pos, message);
        }
    }

    struct OutlineEntry {
        std::string title;
        std::string anchor;
        int level;
    };

public:
    void fill(LayoutReport& report) const {
        report.paragraphs = m_shaper.paragraphs().stats();
        report.shared_paragraphs_taken = m_shaper.paragraphs().taken_from_shared();
        report.violations = m_violations;
        report.hyphenation_dictionary =
            m_hyphenator.available() ? m_hyphenator.dictionary_path().string() : "";
        for (const auto& [language, path] : m_shaper.hyphenators().others())
            report.other_dictionaries.push_back(language + ": " +
                                                (path.empty() ? "none" : path.string()));
    }

private:
    const doc::Document& m_document;
    doc::Document* m_releasable;
    LayoutCache& m_cache;
    FontContext& m_fonts;
    Hyphenator& m_hyphenator;
    TextShaper& m_shaper;
    Diagnostics& m_diagnostics;
    Length m_text_width = 0, m_text_height = 0;
    size_t m_overfull = 0;
    std::vector<std::string> m_violations;
    std::set<std::string> m_reported_labels;
    /// Space between the text and the notes, the short rule in its middle.
    static constexpr Length footnote_separator = 12 * units_per_pt;
    std::vector<TocEntry> m_toc;
    /// Each section's structure elements and the number of its first.
    std::vector<std::vector<display::Element>> m_elements;
    std::vector<display::ElementId> m_first_elements;
    std::vector<OutlineEntry> m_outline;
    std::map<std::string, std::string> m_anchor_labels;
    std::map<size_t, std::vector<size_t>> m_block_owners; ///< per section: flow block → block
};

} // namespace

std::string LayoutReport::hyphenation() const {
    std::string text = hyphenation_dictionary.empty() ? "none" : hyphenation_dictionary;
    if (!other_dictionaries.empty()) {
        text += "; untranslated text ";
        for (size_t i = 0; i < other_dictionaries.size(); ++i)
            text += (i ? ", " : "") + other_dictionaries[i];
    }
    return text;
}

struct LayoutCache::KeptChart {
    ChartLayout laid;
    unsigned build = 0; ///< the last build that used it
};

LayoutCache::LayoutCache(FontContext& fonts, const std::string& language,
                         const LayoutOptions& options)
    : m_fonts(fonts),
      m_hyphenator(std::make_unique<Hyphenator>(language, options.hyphenation_folders)),
      m_shaper(std::make_unique<TextShaper>(
          fonts, m_hyphenator->available() ? m_hyphenator.get() : nullptr, options.breaking)),
      m_keep(options.keep_between_builds), m_chart_figures(options.chart_figures) {
    m_shaper->paragraphs().keep_between_builds(m_keep);
    m_shaper->hyphenators().find_others_in(options.hyphenation_folders);
}

LayoutCache::~LayoutCache() = default;

void LayoutCache::start_build() {
    ++m_build;
    m_shaper->start_build();
    std::erase_if(m_charts, [&](const auto& entry) { return entry.second->build + 1 < m_build; });
}

const ChartLayout& LayoutCache::chart(const doc::Chart& chart, Length width) {
    // Without a cache kept between builds, a chart is kept for this build only when the
    // charts are laid out alone too: a chart the pages show at the text width is then not
    // drawn a second time.
    if (!m_keep && !m_chart_figures) {
        m_last_chart =
            std::make_unique<KeptChart>(KeptChart{layout_chart(chart, width, *m_shaper), m_build});
        return m_last_chart->laid;
    }
    std::string key = doc::content_key(chart);
    key.append(reinterpret_cast<const char*>(&width), sizeof width);
    auto& kept = m_charts[key];
    if (!kept)
        kept =
            std::make_unique<KeptChart>(KeptChart{layout_chart(chart, width, *m_shaper), m_build});
    kept->build = m_build;
    return kept->laid;
}

display::Book layout_document(const doc::Document& document, LayoutCache& cache,
                              Diagnostics& diagnostics, LayoutReport* report) {
    cache.start_build();
    DocumentLayout layout(document, cache, diagnostics);
    display::Book result = layout.run();
    if (report)
        layout.fill(*report);
    return result;
}

display::Book layout_part(const doc::Document& document, LayoutCache& cache,
                          Diagnostics& diagnostics) {
    // What the build's own layout_document found missing it has reported; a part's are
    // among them.
    cache.shaper().missing_glyphs().clear();
    DocumentLayout layout(document, cache, diagnostics);
    return layout.run();
}

display::Book layout_document(doc::Document&& document, LayoutCache& cache,
                              Diagnostics& diagnostics, LayoutReport* report) {
    cache.start_build();
    DocumentLayout layout(document, cache, diagnostics, &document);
    display::Book result = layout.run();
    if (report)
        layout.fill(*report);
    return result;
}

display::Book layout_document(const doc::Document& document, FontContext& fonts,
                              Diagnostics& diagnostics, const LayoutOptions& options,
                              LayoutReport* report) {
    LayoutCache cache(fonts, document.metadata.language, options);
    return layout_document(document, cache, diagnostics, report);
}

display::Book layout_document(doc::Document&& document, FontContext& fonts,
                              Diagnostics& diagnostics, const LayoutOptions& options,
                              LayoutReport* report) {
    LayoutCache cache(fonts, document.metadata.language, options);
    return layout_document(std::move(document), cache, diagnostics, report);
}

} // namespace mipex::layout
