#include "layout/paginate.h"

#include <algorithm>

namespace mipex::layout {

PageBreakResult paginate(const std::vector<FlowItem>& items, Length page_height, Length footnote_separator) {
    PageBreakResult result;
    auto notes_height = [&](const FlowItem& item) {
        Length height = 0;
        for (const auto& note : item.footnotes)
            height += note->height;
        return height;
    };
    // Floats (charts) that did not fit where they came: they open the next page, in order,
    // while the text after them fills the rest of this one (as LaTeX's figures do).
    std::vector<size_t> deferred;
    size_t start = 0;
    while (start < items.size() || !deferred.empty()) {
        std::vector<Placement> page;
        Length y = 0;
        Length notes = 0; // height of the notes so far, with the separator
        auto fits = [&](const FlowItem& item, Length space, Length with_notes) {
            return y + space + item.height + with_notes <= page_height;
        };
        std::vector<size_t> carried = std::move(deferred);
        deferred.clear();
        for (size_t index : carried) {
            const FlowItem& item = items[index];
            Length space = page.empty() ? 0 : item.space_before;
            if (!deferred.empty() || (!page.empty() && !fits(item, space, notes))) {
                deferred.push_back(index); // and every float after it, to keep their order
                continue;
            }
            if (page.empty() && !fits(item, 0, notes))
                result.overflowing.push_back(index);
            y += space;
            page.push_back(Placement{index, y, false});
            y += item.height;
        }
        // A table row that starts the page's text brings its header along.
        if (start > 0 && start < items.size() && items[start].repeat_before) {
            page.push_back(Placement{start, y, true});
            y += items[start].repeat_before->height;
        }
        size_t end = start; // one past the last item of the main flow on this page
        std::optional<size_t> last_break;
        for (size_t i = start; i < items.size(); ++i) {
            const FlowItem& item = items[i];
            Length space = page.empty() ? 0 : item.space_before;
            Length item_notes = notes_height(item);
            Length notes_after = notes + item_notes + (notes == 0 && item_notes > 0 ? footnote_separator : 0);
            bool has_text = std::any_of(page.begin(), page.end(),
                                        [&](const Placement& placement) { return placement.item >= start; });
            if (item.floatable && (!deferred.empty() || (has_text && !fits(item, space, notes_after)))) {
                deferred.push_back(i);
                end = i + 1;
                if (item.break_after)
                    last_break = i;
                continue;
            }
            if (has_text && !fits(item, space, notes_after)) {
                end = last_break ? *last_break + 1 : i;
                break;
            }
            if (page.empty() && !fits(item, 0, notes_after))
                result.overflowing.push_back(i);
            notes = notes_after;
            y += space;
            page.push_back(Placement{i, y, false});
            y += item.height;
            end = i + 1;
            if (item.break_after)
                last_break = i;
        }
        // Drop what lies past the chosen break (floats deferred from there come again).
        std::erase_if(page, [&](const Placement& placement) {
            return !placement.repeated && placement.item >= end &&
                   std::find(carried.begin(), carried.end(), placement.item) == carried.end();
        });
        std::erase_if(deferred, [&](size_t index) {
            return index >= end && std::find(carried.begin(), carried.end(), index) == carried.end();
        });
        if (!page.empty() && page.back().repeated)
            page.pop_back(); // a header with no row under it
        std::vector<std::shared_ptr<const display::Frame>> page_notes;
        for (const Placement& placement : page)
            if (!placement.repeated)
                for (const auto& note : items[placement.item].footnotes)
                    page_notes.push_back(note);
        if (page.empty() && end == start && deferred.empty())
            break; // nothing left that could be placed
        result.footnotes.push_back(std::move(page_notes));
        result.pages.push_back(std::move(page));
        start = end;
    }
    return result;
}

} // namespace mipex::layout
