// The paginator: fills pages with a vertical flow of items (lines, table rows, charts) and
// chooses where pages break. It sees only heights and break rules, never fonts, so it is
// tested on synthetic boxes.
#pragma once

#include "display/display_list.h"

#include <memory>
#include <optional>
#include <vector>

namespace mipex::layout {

/// One unbreakable piece of a vertical flow.
struct FlowItem {
    /// What the item is, for checking a finished pagination (layout_document's audit).
    enum class Role : uint8_t { Other, Line, HeadingLine };
    Role role = Role::Other;
    uint32_t block = 0; ///< the block of its section the item came from
    uint16_t line = 0;  ///< for lines: which line of the block's paragraph…
    uint16_t lines = 0; ///< …of how many
    Length height = 0;
    /// Space above the item, dropped when the item starts a page.
    Length space_before = 0;
    /// May a page break after this item? False keeps it with the next item (headings, the
    /// first and last lines of a paragraph against widows and orphans, table headers).
    bool break_after = true;
    /// A chart that may move to the top of the next page when it does not fit, letting the
    /// text after it fill the page.
    bool floatable = false;
    /// The content, positioned at the item's top-left.
    std::shared_ptr<const display::Frame> frame;
    /// The structure element the content belongs to (a paragraph's lines all to one).
    display::Tag tag;
    /// When the item starts a new page, place this first (a table's repeated header).
    std::shared_ptr<const FlowItem> repeat_before;
    /// Notes referenced from this item, set at the foot of the page it lands on.
    std::vector<std::shared_ptr<const display::Frame>> footnotes;
};

/// Where the paginator put an item.
struct Placement {
    size_t item = 0;
    Length y = 0;          ///< from the top of the text block
    bool repeated = false; ///< a repeated header placed before `item`
};

struct PageBreakResult {
    std::vector<std::vector<Placement>> pages;
    /// The notes of each page, in order (empty when the page has none).
    std::vector<std::vector<std::shared_ptr<const display::Frame>>> footnotes;
    /// Items taller than the page (placed anyway, overflowing it).
    std::vector<size_t> overflowing;
};

/// Breaks a flow into pages of `page_height`. Greedy with backtracking: a page takes items
/// while they fit, then ends at the last item after which a break is allowed; when no break
/// is allowed on the whole page, it ends at the item that does not fit. Footnotes take their
/// height (plus `footnote_separator` above the first) from the foot of the page their
/// reference is on.
PageBreakResult paginate(const std::vector<FlowItem>& items, Length page_height,
                         Length footnote_separator = 0);

} // namespace mipex::layout
