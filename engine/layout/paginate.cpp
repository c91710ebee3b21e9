#include "layout/paginate.h"

namespace mipex::layout {

PageBreakResult paginate(const std::vector<FlowItem>& items, Length page_height) {
    PageBreakResult result;
    size_t start = 0;
    while (start < items.size()) {
        std::vector<Placement> page;
        Length y = 0;
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
            if (i > first && y + space + item.height > page_height) {
                end = last_break ? *last_break + 1 : i;
                break;
            }
            if (i == first && item.height + y > page_height)
                result.overflowing.push_back(i);
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
        result.pages.push_back(std::move(page));
        start = end;
    }
    return result;
}

} // namespace mipex::layout
