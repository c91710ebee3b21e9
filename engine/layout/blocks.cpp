#include "layout/blocks.h"

#include "layout/hyphenate.h"

#include <algorithm>
#include <numeric>
#include <pango/pango.h>

namespace mipex::layout {

display::ElementId FlowBuilder::element(display::Role role,
                                        std::optional<display::ElementId> parent, std::string alt,
                                        display::Element::Scope scope) {
    display::Element element;
    element.role = role;
    element.parent = parent.value_or(m_section);
    element.alt = std::move(alt);
    element.scope = scope;
    m_elements.push_back(std::move(element));
    return m_first_element + static_cast<display::ElementId>(m_elements.size() - 1);
}

std::string FlowBuilder::language_of(const std::vector<doc::Span>& spans) const {
    return m_untranslated && doc::all_untranslated(spans, *m_untranslated) ? m_source_language
                                                                           : std::string();
}

void FlowBuilder::set_language(display::ElementId id, const std::string& language) {
    if (!language.empty())
        m_elements[id - m_first_element].language = language;
}

Length FlowBuilder::open_space(Length space_before) {
    Length space = std::max(m_pending_space, space_before);
    m_pending_space = 0;
    return m_items.empty() ? space_before : space;
}

void FlowBuilder::push_lines(std::vector<Line>& lines, const doc::Style& style,
                             const std::string& anchor, FlowItem::Role role, display::Tag tag) {
    const size_t count = lines.size();
    Length space = open_space(style.space_before);
    for (size_t i = 0; i < count; ++i) {
        FlowItem item;
        item.height = style.leading;
        item.space_before = i == 0 ? space : 0;
        // A break after line k (1-based) leaves k lines behind and count-k ahead: both must
        // be at least min_lines_at_break, or it is the last line.
        size_t k = i + 1;
        bool last = k == count;
        item.break_after = last ? !style.keep_with_next
                                : (k >= min_lines_at_break && count - k >= min_lines_at_break);
        if (i == 0 && !anchor.empty())
            lines[i].frame.add(display::Anchor{anchor, {0, 0}});
        item.role = role;
        item.tag = tag;
        item.block = m_block;
        item.line = static_cast<uint16_t>(i);
        item.lines = static_cast<uint16_t>(count);
        if (lines[i].natural_width > m_width)
            ++m_overfull;
        item.frame = display::share(std::move(lines[i].frame));
        m_items.push_back(std::move(item));
    }
    m_pending_space = style.space_after;
}

std::vector<doc::Span> FlowBuilder::with_page_numbers(const std::vector<doc::Span>& spans) const {
    std::vector<doc::Span> result = spans;
    for (doc::Span& span : result) {
        if (span.page_of.empty() || !m_labels)
            continue;
        if (auto label = m_labels->find(span.page_of); label != m_labels->end())
            span.text = label->second;
    }
    return result;
}

std::shared_ptr<const display::Frame> FlowBuilder::footnote_frame(const doc::Footnote& note,
                                                                  const doc::Style& style) {
    // "3 The note's text", the number linking back to where the note is referenced.
    std::vector<doc::Span> spans;
    doc::Span number;
    number.text = note.number + "\u2002";
    number.link = note.reference;
    spans.push_back(std::move(number));
    for (const doc::Span& span : with_page_numbers(note.spans))
        spans.push_back(span);
    display::Frame frame;
    frame.width = m_width;
    Length y = 0;
    const display::ElementId note_element = element(display::Role::Note);
    set_language(note_element, note.language);
    const display::Tag tag = display::Tag::of(note_element);
    for (Line& line : m_shaper.lines(spans, style, m_width, std::nullopt, note.language)) {
        frame.place(std::move(line.frame), {0, y}, tag);
        y += style.leading;
    }
    frame.add(display::Anchor{note.anchor, {0, 0}});
    frame.height = y + style.space_after;
    return display::share(std::move(frame));
}

namespace {

/// Whether a paragraph's first strong letter is left to right.
bool starts_left_to_right(const doc::Paragraph& paragraph) {
    std::string text;
    for (const doc::Span& span : paragraph.spans)
        text += span.text;
    return pango_find_base_dir(text.data(), static_cast<int>(text.size())) == PANGO_DIRECTION_LTR;
}

bool holds_anchor(const std::vector<display::Item>& items, const std::string& name) {
    for (const display::Item& item : items) {
        if (auto* anchor = std::get_if<display::Anchor>(&item); anchor && anchor->name == name)
            return true;
        if (auto* group = std::get_if<display::Group>(&item);
            group && holds_anchor(group->items(), name))
            return true;
    }
    return false;
}

} // namespace

void FlowBuilder::push_paragraph_lines(std::vector<Line>& lines, const doc::Style& style,
                                       Length space_before, const doc::Paragraph& paragraph,
                                       Length indent, const Line* marker, display::ElementId body,
                                       display::ElementId label) {
    size_t first = m_items.size();
    std::vector<Line> placed;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (indent == 0 && !(i == 0 && marker)) {
            placed.push_back(std::move(lines[i]));
            continue;
        }
        Line shifted;
        shifted.baseline = lines[i].baseline;
        shifted.natural_width = lines[i].natural_width;
        shifted.frame.width = m_width;
        shifted.frame.height = lines[i].frame.height;
        // Right to left, the indent and the hanging marker are on the right: in a right-to-left
        // edition, unless the item's own text is left to right (an untranslated one).
        const bool right_to_left =
            m_shaper.fonts().right_to_left() && !starts_left_to_right(paragraph);
        shifted.frame.place(std::move(lines[i].frame), {right_to_left ? 0 : indent, 0});
        if (i == 0 && marker)
            shifted.frame.place(marker->frame,
                                {right_to_left
                                     ? m_width - indent + style.size * 2 / 5
                                     : indent - marker->natural_width - style.size * 2 / 5,
                                 lines[i].baseline - marker->baseline},
                                display::Tag::of(label));
        placed.push_back(std::move(shifted));
    }
    doc::Style line_style = style;
    line_style.space_before = space_before;
    line_style.keep_with_next = style.keep_with_next || paragraph.keep_with_next;
    push_lines(placed, line_style, {}, FlowItem::Role::Line, display::Tag::of(body));
    // Each note travels with the line that references it.
    if (paragraph.footnotes.empty() || !paragraph.footnote_style)
        return;
    for (const doc::Footnote& note : paragraph.footnotes)
        for (size_t i = first; i < m_items.size(); ++i)
            if (holds_anchor(m_items[i].frame->items, note.reference)) {
                m_items[i].footnotes.push_back(footnote_frame(note, *paragraph.footnote_style));
                break;
            }
}

void FlowBuilder::paragraph(const doc::Paragraph& paragraph) {
    std::vector<Line> lines = m_shaper.lines(with_page_numbers(paragraph.spans), *paragraph.style,
                                             m_width, std::nullopt, paragraph.language);
    const display::ElementId tag = element(display::Role::P);
    set_language(tag, paragraph.language);
    push_paragraph_lines(lines, *paragraph.style, paragraph.style->space_before, paragraph, 0,
                         nullptr, tag);
}

void FlowBuilder::list(const doc::List& list) {
    if (list.items.empty())
        return;
    const doc::Style& style = *list.items.front().style;
    // Markers hang in an indent wide enough for the widest of them.
    std::vector<std::string> markers;
    Length widest = 0;
    for (size_t i = 0; i < list.items.size(); ++i) {
        markers.push_back(list.numbered ? std::to_string(i + 1) + "." : "\u2022");
        widest = std::max(widest, m_shaper.measure(markers.back(), style));
    }
    const Length indent = std::max(widest + style.size * 2 / 5, style.size * 3 / 2);
    const display::ElementId list_element = element(display::Role::L);
    for (size_t i = 0; i < list.items.size(); ++i) {
        // Each item: LI over the marker (Lbl) and the text (LBody), §14.8.4.3.3.
        const display::ElementId item_element = element(display::Role::LI, list_element);
        const display::ElementId label = element(display::Role::Lbl, item_element);
        const display::ElementId body = element(display::Role::LBody, item_element);
        const doc::Paragraph& item = list.items[i];
        set_language(item_element, item.language);
        std::vector<Line> lines = m_shaper.lines(with_page_numbers(item.spans), *item.style,
                                                 m_width - indent, std::nullopt, item.language);
        Line marker = m_shaper.label(markers[i], style);
        doc::Style item_style = *item.style;
        // Items sit closer together than paragraphs; the list as a whole keeps the spacing.
        bool last = i + 1 == list.items.size();
        if (!last)
            item_style.space_after = item.style->space_after / 3;
        push_paragraph_lines(lines, item_style, i == 0 ? item.style->space_before : 0, item, indent,
                             &marker, body, label);
    }
}

void FlowBuilder::heading(const doc::Heading& heading) {
    doc::Span text;
    text.text = heading.text;
    text.key = heading.key;
    const std::string language = language_of({text});
    std::vector<Line> lines =
        m_shaper.lines({text}, *heading.style, m_width, std::nullopt, language);
    // A heading never ends a page, whatever its style says.
    doc::Style style = *heading.style;
    style.keep_with_next = true;
    const display::ElementId tag = element(display::heading_role(heading.level));
    set_language(tag, language);
    push_lines(lines, style, heading.anchor, FlowItem::Role::HeadingLine, display::Tag::of(tag));
}

void FlowBuilder::box(std::shared_ptr<const display::Frame> frame, Length space_before,
                      Length space_after, bool floatable, display::Tag tag) {
    FlowItem item;
    item.block = m_block;
    item.floatable = floatable;
    item.tag = tag;
    item.height = frame->height;
    item.space_before = open_space(space_before);
    item.frame = std::move(frame);
    m_items.push_back(std::move(item));
    m_pending_space = space_after;
}

void FlowBuilder::figure(std::shared_ptr<const display::Frame> frame, const std::string& alt) {
    box(std::move(frame), from_pt(10), from_pt(12), true,
        display::Tag::of(element(display::Role::Figure, {}, alt)));
}

void FlowBuilder::spacer(Length height) {
    display::Frame frame;
    frame.width = m_width;
    frame.height = height;
    box(display::share(std::move(frame)), 0, 0);
}

void FlowBuilder::rule(const doc::Rule& rule) {
    display::Frame frame;
    frame.width = m_width;
    frame.height = rule.thickness;
    frame.add(display::Shape::rect({0, 0, m_width, rule.thickness}, rule.color));
    box(display::share(std::move(frame)), from_pt(6), from_pt(6));
}

void FlowBuilder::key_figures(const doc::KeyFigures& figures) {
    display::Frame frame;
    frame.width = m_width;
    const size_t count = std::max<size_t>(figures.figures.size(), 1);
    const Length column = m_width / static_cast<Length>(count);
    const Length padding = from_pt(6);
    const Length swatch = from_pt(4), swatch_gap = from_pt(4);
    const doc::Style& value_style = *figures.value_style;
    const doc::Style& label_style = *figures.label_style;
    // A value too wide for its column (a band's name) is set smaller, on up to two lines.
    doc::Style reduced = value_style;
    reduced.size = value_style.size / 2;
    reduced.leading = reduced.size * 6 / 5;

    struct Laid {
        std::vector<Line> value, label;
        const doc::Style* style;
        Length inner, value_x, value_width, text_width;
    };
    // Right to left, the figures run from the right and each has its swatch on its right:
    // every box is placed at its mirrored position.
    const bool right_to_left = m_shaper.fonts().right_to_left();
    auto mirror = [&](Length x, Length width) { return right_to_left ? m_width - x - width : x; };
    std::vector<Laid> laid;
    Length value_height = value_style.leading, label_height = 0;
    for (size_t i = 0; i < figures.figures.size(); ++i) {
        const doc::KeyFigures::Figure& figure = figures.figures[i];
        Length x = column * static_cast<Length>(i);
        Laid entry;
        entry.inner = x + (i == 0 ? 0 : from_pt(8));
        entry.value_x = entry.inner + (figure.color ? swatch + swatch_gap : 0);
        Length text_width = column - (entry.inner - x) - from_pt(4);
        Length value_width = text_width - (entry.value_x - entry.inner);
        entry.value_width = value_width;
        entry.text_width = text_width;
        entry.style =
            m_shaper.measure(figure.value, value_style) > value_width ? &reduced : &value_style;
        entry.value = m_shaper.lines({doc::Span{figure.value, doc::Span::Plain, std::nullopt, {}}},
                                     *entry.style, value_width);
        entry.label = m_shaper.lines({doc::Span{figure.label, doc::Span::Plain, std::nullopt, {}}},
                                     label_style, text_width);
        value_height =
            std::max(value_height, entry.style->leading * static_cast<Length>(entry.value.size()));
        label_height =
            std::max(label_height, label_style.leading * static_cast<Length>(entry.label.size()));
        laid.push_back(std::move(entry));
    }
    const Length value_top = padding;
    const Length label_top = value_top + value_height;
    const Length height = label_top + label_height + padding;
    frame.add(display::Shape::rect({0, 0, m_width, from_pt(0.8)}, figures.rule_color));
    frame.add(display::Shape::rect({0, height - from_pt(0.8), m_width, from_pt(0.8)},
                                   figures.rule_color));
    for (size_t i = 0; i < laid.size(); ++i) {
        Laid& entry = laid[i];
        const doc::KeyFigures::Figure& figure = figures.figures[i];
        Length x = column * static_cast<Length>(i);
        if (i > 0)
            frame.add(display::Shape::rect(
                {mirror(x, from_pt(0.5)), padding, from_pt(0.5), height - 2 * padding},
                figures.rule_color));
        // Each figure reads as a paragraph, label first, whatever the page shows above it:
        // "Overall score 2019: 46" as its actual text (what screen readers read and a copy
        // gives), and its label and value as spans of their own, in that order, for readers
        // that walk the content (the page sets them apart with no space between them).
        const display::ElementId paragraph = element(display::Role::P);
        m_elements[paragraph - m_first_element].actual_text = figure.reading;
        const display::Tag label_tag = display::Tag::of(element(display::Role::Span, paragraph));
        const display::Tag value_tag = display::Tag::of(element(display::Role::Span, paragraph));
        Length label_y = label_top;
        for (Line& line : entry.label) {
            frame.place(std::move(line.frame), {mirror(entry.inner, entry.text_width), label_y},
                        label_tag);
            label_y += label_style.leading;
        }
        // Values sit on the baseline of a full-size value; smaller ones are centred in its place.
        Length block = entry.style->leading * static_cast<Length>(entry.value.size());
        Length y = value_top + (value_height - block) / 2;
        if (figure.color)
            frame.add(display::Shape::rect(
                {mirror(entry.inner, swatch), y + from_pt(2), swatch, block - from_pt(4)},
                *figure.color, display::Stroke{Color{0, 0, 0, 90}, from_pt(0.3), {}, false}));
        for (Line& line : entry.value) {
            frame.place(std::move(line.frame), {mirror(entry.value_x, entry.value_width), y},
                        value_tag);
            y += entry.style->leading;
        }
    }
    frame.height = height;
    box(display::share(std::move(frame)), from_pt(4), from_pt(14));
}

void FlowBuilder::toc_entry(const std::string& title, const std::string& page,
                            const std::string& anchor, const doc::Style& style) {
    Line number = m_shaper.label(page, style);
    const Length gap = from_pt(12);
    Length title_width = m_width - number.natural_width - gap;
    std::vector<Line> lines =
        m_shaper.lines({doc::Span{title, doc::Span::Plain, std::nullopt, anchor}}, style,
                       title_width, doc::Align::Start);
    if (lines.empty())
        return;
    // Right to left, the title is at the right and the page number at the left: the title's
    // lines move over by the number's room, and the leaders run from the number to the title.
    const bool right_to_left = m_shaper.fonts().right_to_left();
    if (right_to_left)
        for (Line& line : lines) {
            display::Frame moved;
            moved.width = m_width;
            moved.height = line.frame.height;
            moved.place(std::move(line.frame), {m_width - title_width, 0});
            line.frame = std::move(moved);
        }
    Line& last = lines.back();
    // Dot leaders from the end of the title to the page number: round dots drawn as a dashed
    // stroke, so text extraction reads "Title  12" without a row of full stops.
    // Dots sit on a grid of their pitch from the start of the line, so they line up from entry
    // to entry.
    const Length pitch = from_pt(3);
    Length leader_from = (last.natural_width + from_pt(4) + pitch - 1) / pitch * pitch;
    Length leader_to = m_width - number.natural_width - from_pt(4);
    if (leader_to > leader_from) {
        Length y = last.baseline - from_pt(0.5);
        // Right to left, the stroke starts at the title's side, so that its dots keep the grid.
        Length from = right_to_left ? m_width - leader_from : leader_from;
        Length to = right_to_left ? m_width - leader_to : leader_to;
        last.frame.add(display::Shape::line(
            {from, y}, {to, y}, display::Stroke{style.color, from_pt(0.7), {0, pitch}, true}));
    }
    last.frame.place(std::move(number.frame),
                     {right_to_left ? 0 : m_width - number.natural_width, 0});
    last.frame.add(display::Link{{0, 0, m_width, style.leading}, anchor, {}});
    push_lines(lines, style, {}, FlowItem::Role::Line,
               display::Tag::of(element(display::Role::TOCI, m_toc ? m_toc : m_section)));
}

namespace {

// A table's rules and spaces (its row padding and colours are the theme's).
const Length cell_padding = from_pt(3);   ///< left and right of a cell's text
const Length header_rule = from_pt(0.7);  ///< under the header rows
const Length group_rule = from_pt(0.4);   ///< above a row that starts a group
const Length closing_rule = from_pt(0.5); ///< under the last row
const Length space_above_table = from_pt(6);
const Length space_below_table = from_pt(10);

/// Where each row's group of a table's body starts and ends. A group starts at a heading row
/// (one kept with the rows it heads); rows before the first heading are a group of their own.
struct RowGroups {
    std::vector<size_t> start, end;

    explicit RowGroups(const std::vector<doc::Table::Row>& rows)
        : start(rows.size()), end(rows.size()) {
        for (size_t r = rows.size(); r-- > 0;) {
            const bool next_starts_group = r + 1 == rows.size() || rows[r + 1].keep_with_next;
            end[r] = next_starts_group ? r : end[r + 1];
        }
        for (size_t r = 0; r < rows.size(); ++r)
            start[r] = r == 0 || rows[r].keep_with_next ? r : start[r - 1];
    }
    /// Whether row `r` is inside a group short enough to be kept on one page.
    bool inside_short_group(size_t r) const {
        return end[r] != r && end[r] - start[r] + 1 <= short_group_rows;
    }
};

} // namespace

/// One table being laid out: its columns and its structure element, for each step of
/// FlowBuilder::table. A Table holds TR rows of TH header cells (heading their column) and TD
/// cells (PDF 1.7, 14.8.4.3.4).
class FlowBuilder::TableLayout {
public:
    /// Measures the columns and makes the Table element.
    TableLayout(FlowBuilder& flow, const doc::Table& table);

    /// The caption, kept with the table.
    void caption();
    /// The header rows as one flow item; what comes back on every page the table continues on.
    std::shared_ptr<FlowItem> header();
    /// A flow item for each row of the body, each starting a page with `header`.
    void body(const std::shared_ptr<FlowItem>& header);

private:
    void measure_columns(std::vector<Length>& least, std::vector<Length>& most);
    void measure_row(const doc::Table::Row& row, std::vector<Length>& least,
                     std::vector<Length>& most);
    std::vector<Length> column_widths();
    std::vector<Length> shrunk_to_cap(const std::vector<Length>& least) const;

    struct CellLines {
        std::vector<Line> lines;
        Length left, width, leading;
        const doc::Table::Cell* cell;
        display::ElementId element;
    };
    display::Frame row(const doc::Table::Row& row, bool header, bool striped);
    CellLines cell(const doc::Table::Cell& cell, size_t column, bool header,
                   display::ElementId row_element);
    std::vector<doc::Span> hyphenate_wide_words(const std::vector<doc::Span>& spans,
                                                const doc::Style& style, Length room,
                                                Hyphenator& hyphenator);
    display::Frame row_frame(const doc::Table::Row& row, std::vector<CellLines>& cells,
                             Length content_height, bool header, bool striped) const;
    std::shared_ptr<FlowItem> repeated_header(const FlowItem& first);
    FlowItem body_row(size_t r, const RowGroups& groups, const std::shared_ptr<FlowItem>& header);

    FlowBuilder& m_flow;
    const doc::Table& m_table;
    std::vector<bool> m_narrow;
    std::vector<Length> m_widths;
    std::vector<Length> m_lefts;
    bool m_right_to_left;
    display::ElementId m_element = 0;
};

void FlowBuilder::table(const doc::Table& table) {
    TableLayout layout(*this, table);
    layout.caption();
    std::shared_ptr<FlowItem> header = layout.header();
    layout.body(header);
    m_pending_space = space_below_table;
}

FlowBuilder::TableLayout::TableLayout(FlowBuilder& flow, const doc::Table& table)
    : m_flow(flow), m_table(table), m_widths(column_widths()),
      m_right_to_left(flow.m_shaper.fonts().right_to_left()) {
    // The first column at the start of the line: the right in a right-to-left edition.
    Length x = 0;
    for (Length w : m_widths) {
        m_lefts.push_back(m_right_to_left ? flow.m_width - x - w : x);
        x += w;
    }
    m_element = flow.element(display::Role::Table);
}

/// The columns' widths, and which are narrower than their longest word (m_narrow).
std::vector<Length> FlowBuilder::TableLayout::column_widths() {
    // The automatic table layout of CSS 2.1 (17.5.2.2): each column needs at least its
    // longest word and would like its longest line. When everything fits on one line, the
    // spare width goes by the columns' shares; otherwise columns get their minimum and the
    // rest in proportion to how much more they would like.
    const std::vector<doc::Table::Column>& columns = m_table.columns;
    const size_t count = columns.size();
    const Length measure = m_flow.m_width;
    std::vector<Length> least(count, 0), most(count, 0);
    measure_columns(least, most);
    double shares = 0;
    for (size_t c = 0; c < count; ++c)
        shares += columns[c].share;
    // Fixed columns take their width; the others share what is left.
    for (size_t c = 0; c < count; ++c)
        if (columns[c].width > 0) {
            least[c] = most[c] = columns[c].width;
            shares -= columns[c].share;
        }
    const Length sum_least = std::accumulate(least.begin(), least.end(), Length(0));
    const Length sum_most = std::accumulate(most.begin(), most.end(), Length(0));
    auto flexible = [&](size_t c) { return columns[c].width <= 0; };
    std::vector<Length> widths(count);
    if (sum_most <= measure) {
        for (size_t c = 0; c < count; ++c)
            widths[c] =
                most[c] + (flexible(c)
                               ? static_cast<Length>(static_cast<double>(measure - sum_most) *
                                                     columns[c].share / (shares > 0 ? shares : 1))
                               : 0);
    } else if (sum_least <= measure) {
        double wanted = static_cast<double>(sum_most - sum_least);
        for (size_t c = 0; c < count; ++c)
            widths[c] = least[c] + static_cast<Length>(static_cast<double>(measure - sum_least) *
                                                       (most[c] - least[c]) / wanted);
    } else {
        widths = shrunk_to_cap(least);
    }
    // Rounding leaves a few units over; give them to the last column so rows are flush.
    const Length total = std::accumulate(widths.begin(), widths.end(), Length(0));
    for (size_t c = count; c-- > 0;)
        if (flexible(c)) {
            widths[c] += measure - total;
            break;
        }
    m_narrow.assign(count, false);
    for (size_t c = 0; c < count; ++c)
        m_narrow[c] = widths[c] < least[c];
    return widths;
}

/// Each column's longest word (`least`) and longest line (`most`), padding included, over the
/// cells that span one column.
void FlowBuilder::TableLayout::measure_columns(std::vector<Length>& least,
                                               std::vector<Length>& most) {
    for (const doc::Table::Row& row : m_table.header)
        measure_row(row, least, most);
    for (const doc::Table::Row& row : m_table.body)
        measure_row(row, least, most);
}

void FlowBuilder::TableLayout::measure_row(const doc::Table::Row& row, std::vector<Length>& least,
                                           std::vector<Length>& most) {
    TextShaper& shaper = m_flow.m_shaper;
    size_t column = 0;
    for (const doc::Table::Cell& cell : row.cells) {
        if (column >= m_table.columns.size())
            break;
        if (cell.span <= 1) {
            std::string text;
            for (const doc::Span& span : cell.spans)
                text += span.text;
            most[column] =
                std::max(most[column], shaper.measure(text, *cell.style) + 2 * cell_padding);
            size_t start = 0;
            while (start < text.size()) {
                size_t end = text.find(' ', start);
                if (end == std::string::npos)
                    end = text.size();
                if (end > start)
                    least[column] =
                        std::max(least[column],
                                 shaper.measure(text.substr(start, end - start), *cell.style) +
                                     2 * cell_padding);
                start = end + 1;
            }
        }
        column += static_cast<size_t>(std::max(cell.span, 1));
    }
}

/// The widths of columns too narrow for every column's longest word: the widest columns give
/// way, not all of them alike. A cap is found at which the columns fill the measure; a column
/// whose longest word is under it keeps the word whole ("Θέση", rank, in the Greek tables was
/// broken "Θέσ-η" when every column shrank in proportion), and only the widest break.
std::vector<Length>
FlowBuilder::TableLayout::shrunk_to_cap(const std::vector<Length>& least) const {
    const size_t count = least.size();
    std::vector<Length> sorted = least;
    std::sort(sorted.begin(), sorted.end());
    Length remaining = m_flow.m_width, cap = sorted.back();
    for (size_t i = 0; i < count; ++i) {
        const auto left = static_cast<Length>(count - i);
        if (sorted[i] * left > remaining) {
            cap = remaining / left;
            break;
        }
        remaining -= sorted[i];
    }
    std::vector<Length> widths(count);
    for (size_t c = 0; c < count; ++c)
        widths[c] = std::min(least[c], cap);
    return widths;
}

void FlowBuilder::TableLayout::caption() {
    if (!m_table.caption || !m_table.caption_style)
        return;
    std::vector<Line> lines =
        m_flow.m_shaper.lines({doc::Span{*m_table.caption, doc::Span::Plain, std::nullopt, {}}},
                              *m_table.caption_style, m_flow.m_width);
    doc::Style style = *m_table.caption_style;
    style.keep_with_next = true;
    m_flow.push_lines(lines, style, {}, FlowItem::Role::HeadingLine, // a caption
                      display::Tag::of(m_flow.element(display::Role::Caption, m_element)));
}

std::shared_ptr<FlowItem> FlowBuilder::TableLayout::header() {
    if (m_table.header.empty())
        return nullptr;
    const Length width = m_flow.m_width;
    display::Frame frame;
    frame.width = width;
    Length y = 0;
    for (const doc::Table::Row& row : m_table.header) {
        display::Frame row_frame = this->row(row, true, false);
        Length height = row_frame.height;
        frame.place(std::move(row_frame), {0, y});
        y += height;
    }
    frame.add(display::Shape::rect({0, y, width, header_rule}, m_table.rule_color));
    frame.height = y + header_rule;
    FlowItem first;
    first.block = m_flow.m_block;
    first.frame = display::share(std::move(frame));
    first.height = first.frame->height;
    first.break_after = false;
    first.space_before = m_flow.open_space(m_table.caption ? 0 : space_above_table);
    m_flow.m_items.push_back(first);
    return repeated_header(first);
}

/// The header as it comes back on the pages the table continues on: under a caption that says
/// so ("… (continued)"), if the table has one.
std::shared_ptr<FlowItem> FlowBuilder::TableLayout::repeated_header(const FlowItem& first) {
    auto header = std::make_shared<FlowItem>(first);
    header->space_before = 0;
    // Where the header comes again on a continuation page, it is an artifact: the structure
    // has it once (PDF/UA-1 7.8).
    header->tag = display::Tag::artifact();
    if (m_table.continued.empty() || !m_table.caption_style)
        return header;
    const doc::Style& style = *m_table.caption_style;
    display::Frame continued;
    continued.width = m_flow.m_width;
    Length y = 0;
    doc::Span caption;
    caption.text = m_table.continued;
    for (Line& line : m_flow.m_shaper.lines({caption}, style, m_flow.m_width)) {
        continued.place(std::move(line.frame), {0, y});
        y += style.leading;
    }
    y += style.space_after;
    continued.place(first.frame, {0, y});
    continued.height = y + first.frame->height;
    header->height = continued.height;
    header->frame = display::share(std::move(continued));
    return header;
}

void FlowBuilder::TableLayout::body(const std::shared_ptr<FlowItem>& header) {
    const RowGroups groups(m_table.body);
    for (size_t r = 0; r < m_table.body.size(); ++r)
        m_flow.m_items.push_back(body_row(r, groups, header));
}

FlowItem FlowBuilder::TableLayout::body_row(size_t r, const RowGroups& groups,
                                            const std::shared_ptr<FlowItem>& header) {
    const std::vector<doc::Table::Row>& rows = m_table.body;
    display::Frame frame = row(rows[r], false, m_table.stripe && r % 2 == 1);
    const bool last = r + 1 == rows.size();
    if (last)
        frame.add(display::Shape::rect(
            {0, frame.height - closing_rule, m_flow.m_width, closing_rule}, m_table.rule_color));
    FlowItem item;
    item.block = m_flow.m_block;
    item.height = frame.height;
    item.space_before = r == 0 && !header ? m_flow.open_space(space_above_table) : 0;
    item.frame = display::share(std::move(frame));
    item.repeat_before = header;
    // Keep the first two rows with the header and the last two together; a short table is not
    // split at all, nor a short group (a page would start with the tail of an area:
    // "Responsive services", "Measures to achieve change" without their "Health").
    const bool short_table = rows.size() <= short_table_rows;
    item.break_after = !rows[r].keep_with_next && !groups.inside_short_group(r) &&
                       (last || (!short_table && r + 1 >= 2 && rows.size() - (r + 1) >= 2));
    return item;
}

display::Frame FlowBuilder::TableLayout::row(const doc::Table::Row& row, bool header,
                                             bool striped) {
    const display::ElementId row_element = m_flow.element(display::Role::TR, m_element);
    std::vector<CellLines> cells;
    Length content_height = 0;
    size_t column = 0;
    for (const doc::Table::Cell& cell : row.cells) {
        if (column >= m_table.columns.size())
            break;
        cells.push_back(this->cell(cell, column, header, row_element));
        content_height = std::max(
            content_height, cells.back().leading * static_cast<Length>(cells.back().lines.size()));
        column += static_cast<size_t>(std::max(cell.span, 1));
    }
    return row_frame(row, cells, content_height, header, striped);
}

/// The lines of a cell that starts at `column`, and where they go.
FlowBuilder::TableLayout::CellLines FlowBuilder::TableLayout::cell(const doc::Table::Cell& cell,
                                                                   size_t column, bool header,
                                                                   display::ElementId row_element) {
    const size_t span = static_cast<size_t>(std::max(cell.span, 1));
    const size_t end = std::min(column + span, m_table.columns.size());
    Length width = 0;
    for (size_t k = column; k < end; ++k)
        width += m_widths[k];
    doc::Align align = cell.align.value_or(m_table.columns[column].align);
    // An untranslated cell (an indicator's English name) is English: hyphenated so.
    const std::string language = m_flow.language_of(cell.spans);
    Hyphenator* hyphenator = m_flow.m_shaper.hyphenators().of(language);
    // In a column narrower than its longest word, a word too wide for it breaks at its
    // hyphenation points rather than where pango runs out of room ("Unterstüt-zung", not
    // "Unterstützu-ng"); the other words stay whole.
    std::vector<doc::Span> hyphenated;
    if (hyphenator && span == 1 && m_narrow[column])
        hyphenated =
            hyphenate_wide_words(cell.spans, *cell.style, width - 2 * cell_padding, *hyphenator);
    std::vector<Line> lines = m_flow.m_shaper.lines(hyphenated.empty() ? cell.spans : hyphenated,
                                                    *cell.style, width - 2 * cell_padding, align);
    Length left = m_right_to_left ? m_lefts[end - 1] : m_lefts[column];
    display::ElementId cell_element =
        header ? m_flow.element(display::Role::TH, row_element, {}, display::Element::Scope::Column)
               : m_flow.element(display::Role::TD, row_element);
    m_flow.set_language(cell_element, language);
    return {std::move(lines), left, width, cell.style->leading, &cell, cell_element};
}

/// The spans with soft hyphens in every word wider than `room`.
std::vector<doc::Span>
FlowBuilder::TableLayout::hyphenate_wide_words(const std::vector<doc::Span>& spans,
                                               const doc::Style& style, Length room,
                                               Hyphenator& hyphenator) {
    std::vector<doc::Span> hyphenated = spans;
    for (doc::Span& piece : hyphenated) {
        std::string text;
        size_t start = 0;
        while (start <= piece.text.size()) {
            size_t end = std::min(piece.text.find(' ', start), piece.text.size());
            std::string_view word(piece.text.data() + start, end - start);
            text += m_flow.m_shaper.measure(word, style) > room ? hyphenator.hyphenate(word)
                                                                : std::string(word);
            if (end < piece.text.size())
                text += ' ';
            start = end + 1;
        }
        piece.text = std::move(text);
    }
    return hyphenated;
}

/// A row's frame: its background and rule, each cell's background and lines.
display::Frame FlowBuilder::TableLayout::row_frame(const doc::Table::Row& row,
                                                   std::vector<CellLines>& cells,
                                                   Length content_height, bool header,
                                                   bool striped) const {
    const Length width = m_flow.m_width;
    display::Frame frame;
    frame.width = width;
    frame.height = content_height + 2 * m_table.row_padding;
    std::optional<Color> background = row.background;
    if (!background && striped)
        background = m_table.stripe;
    if (background)
        frame.add(display::Shape::rect({0, 0, width, frame.height}, *background));
    if (row.rule_above)
        frame.add(display::Shape::rect({0, 0, width, group_rule}, m_table.rule_color));
    for (CellLines& cell : cells) {
        if (cell.cell->background)
            frame.add(display::Shape::rect({cell.left, 0, cell.width, frame.height},
                                           *cell.cell->background));
        Length height = cell.leading * static_cast<Length>(cell.lines.size());
        // Header cells sit on the rule below them; body cells hang from the top.
        Length y = m_table.row_padding + (header ? content_height - height : 0);
        for (Line& line : cell.lines) {
            frame.place(std::move(line.frame), {cell.left + cell_padding, y},
                        display::Tag::of(cell.element));
            y += cell.leading;
        }
    }
    return frame;
}

} // namespace mipex::layout
