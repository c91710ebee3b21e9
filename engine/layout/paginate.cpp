#include "layout/paginate.h"

namespace mipex::layout {

PageBreakResult paginate(const std::vector<FlowItem>& items, Length page_height, Length footnote_separator) {
    PageBreakResult result;
    auto notes_height = [&](const FlowItem& item) {
        Length height = 0;
        for (const auto& note : item.footnotes)
            height += note->height;
        return height;
    };
    size_t start = 0;
    while (start < items.size()) {
        std::vector<Placement> page;
        Length y = 0;
        Length notes = 0; // height of the notes so far, with the separator
        // A table row that starts a page brings its header along.
        if (start > 0 && items[start].repeat_before) {
            page.push_back(Placement{start, 0, true});
            y += items[start].repeat_before->height;
        }
        const size_t first = start;
        size_t end = start; // one past the last item on this page
        std::optional<size_t> last_break;
        for (size_t i = start; i < items.size(); ++i) {
            const FlowItem& item = items[i];
            Length space = i == first ? 0 : item.space_before;
            Length item_notes = notes_height(item);
            Length notes_after = notes + item_notes + (notes == 0 && item_notes > 0 ? footnote_separator : 0);
            if (i > first && y + space + item.height + notes_after > page_height) {
                end = last_break ? *last_break + 1 : i;
                break;
            }
            if (i == first && item.height + y + notes_after > page_height)
                result.overflowing.push_back(i);
            notes = notes_after;
            y += space;
            page.push_back(Placement{i, y, false});
            y += item.height;
            end = i + 1;
            if (item.break_after)
                last_break = i;
        }
        // Drop the placements past the chosen break.
        while (!page.empty() && page.back().item >= end && !page.back().repeated)
            page.pop_back();
        if (!page.empty() && page.back().repeated && page.size() == 1)
            page.pop_back();
        std::vector<std::shared_ptr<const display::Frame>> page_notes;
        for (const Placement& placement : page)
            if (!placement.repeated)
                for (const auto& note : items[placement.item].footnotes)
                    page_notes.push_back(note);
        result.footnotes.push_back(std::move(page_notes));
        result.pages.push_back(std::move(page));
        start = end;
    }
    return result;
}

} // namespace mipex::layout
