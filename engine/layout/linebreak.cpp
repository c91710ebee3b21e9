#include "layout/linebreak.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

namespace mipex::layout {

namespace {

struct Sums {
    long long width = 0, stretch = 0, shrink = 0;
    int infinite = 0; // count of infinitely stretchable glues
};

/// Running totals over the items, so a line's width is a difference of two sums.
std::vector<Sums> prefix_sums(const std::vector<BreakItem>& items) {
    std::vector<Sums> sums(items.size() + 1);
    for (size_t i = 0; i < items.size(); ++i) {
        sums[i + 1] = sums[i];
        if (items[i].type == BreakItem::Type::Box) {
            sums[i + 1].width += items[i].width;
        } else if (items[i].type == BreakItem::Type::Glue) {
            sums[i + 1].width += items[i].width;
            sums[i + 1].stretch += items[i].stretch;
            sums[i + 1].shrink += items[i].shrink;
            sums[i + 1].infinite += items[i].infinite_stretch;
        }
    }
    return sums;
}

bool is_breakpoint(const std::vector<BreakItem>& items, size_t i, bool allow_flagged) {
    const BreakItem& item = items[i];
    if (item.type == BreakItem::Type::Penalty)
        return item.penalty < inf_penalty &&
               (allow_flagged || !item.flagged || item.penalty <= -inf_penalty);
    // Glue is a breakpoint when it follows a box (K&P §"legal breakpoints").
    return item.type == BreakItem::Type::Glue && i > 0 && items[i - 1].type == BreakItem::Type::Box;
}

/// The first item of the line after a break at `b`: glue and penalties after a break vanish.
size_t line_start(const std::vector<BreakItem>& items, size_t b) {
    size_t i = b + 1;
    while (i < items.size() && items[i].type != BreakItem::Type::Box &&
           !(items[i].type == BreakItem::Type::Penalty && items[i].penalty <= -inf_penalty))
        ++i;
    return i;
}

double ratio_between(const std::vector<BreakItem>& items, const std::vector<Sums>& sums,
                     size_t from, size_t to, Length line_width, Length emergency_stretch) {
    long long width = sums[to].width - sums[from].width;
    if (items[to].type == BreakItem::Type::Penalty)
        width += items[to].width;
    if (width < line_width) {
        if (sums[to].infinite - sums[from].infinite > 0)
            return 0;
        long long stretch = sums[to].stretch - sums[from].stretch + emergency_stretch;
        return stretch > 0 ? static_cast<double>(line_width - width) / static_cast<double>(stretch)
                           : std::numeric_limits<double>::infinity();
    }
    if (width > line_width) {
        long long shrink = sums[to].shrink - sums[from].shrink;
        return shrink > 0 ? static_cast<double>(line_width - width) / static_cast<double>(shrink)
                          : -std::numeric_limits<double>::infinity();
    }
    return 0;
}

int fitness_class(double ratio) {
    if (ratio < -0.5)
        return 0; // tight
    if (ratio <= 0.5)
        return 1; // decent
    if (ratio <= 1)
        return 2; // loose
    return 3;     // very loose
}

struct Node {
    size_t position = 0; // the break item (or 0 with start = true for the paragraph start)
    size_t start = 0;    // first item of the line after this break
    int fitness = 1;
    double demerits = 0;
    double ratio = 0;
    bool flagged = false;
    std::shared_ptr<Node> previous;
};

} // namespace

double badness(double ratio) {
    if (ratio < -1 || std::isinf(ratio))
        return 10000;
    // Products, not std::pow: the line breaker asks for this some 850,000 times a book.
    const double r = std::fabs(ratio);
    return std::min(10000.0, 100.0 * (r * r * r));
}

double adjustment_ratio(const std::vector<BreakItem>& items, size_t from, size_t to,
                        Length line_width) {
    return ratio_between(items, prefix_sums(items), from, to, line_width, 0);
}

std::optional<std::vector<LineBreak>> break_optimally(const std::vector<BreakItem>& items,
                                                      const BreakParameters& parameters) {
    if (items.empty())
        return std::vector<LineBreak>{};
    const std::vector<Sums> sums = prefix_sums(items);
    std::vector<std::shared_ptr<Node>> active;
    auto first = std::make_shared<Node>();
    first->start = 0;
    active.push_back(first);

    for (size_t b = 0; b < items.size(); ++b) {
        if (!is_breakpoint(items, b, parameters.allow_flagged))
            continue;
        const BreakItem& item = items[b];
        bool forced = item.type == BreakItem::Type::Penalty && item.penalty <= -inf_penalty;
        // The best way to reach a break at b, per fitness class of the line ending here.
        std::shared_ptr<Node> best[4];
        for (size_t a = 0; a < active.size();) {
            const Node& node = *active[a];
            double ratio = ratio_between(items, sums, node.start, b, parameters.line_width,
                                         parameters.emergency_stretch);
            bool deactivate = ratio < -1 || forced;
            const double bad = ratio >= -1 ? badness(ratio) : 0;
            if (ratio >= -1 && bad <= parameters.tolerance) {
                double demerits = (parameters.line_penalty + bad) * (parameters.line_penalty + bad);
                if (item.type == BreakItem::Type::Penalty) {
                    if (item.penalty >= 0)
                        demerits += item.penalty * item.penalty;
                    else if (item.penalty > -inf_penalty)
                        demerits -= item.penalty * item.penalty;
                }
                bool flagged = item.type == BreakItem::Type::Penalty && item.flagged;
                if (flagged && node.flagged)
                    demerits += parameters.flagged_demerits;
                int fitness = fitness_class(ratio);
                if (std::abs(fitness - node.fitness) > 1)
                    demerits += parameters.fitness_demerits;
                demerits += node.demerits;
                if (!best[fitness] || demerits < best[fitness]->demerits) {
                    auto candidate = std::make_shared<Node>();
                    candidate->position = b;
                    candidate->start = line_start(items, b);
                    candidate->fitness = fitness;
                    candidate->demerits = demerits;
                    candidate->ratio = ratio;
                    candidate->flagged = flagged;
                    candidate->previous = active[a];
                    best[fitness] = candidate;
                }
            }
            if (deactivate)
                active.erase(active.begin() + static_cast<long>(a));
            else
                ++a;
        }
        for (auto& candidate : best)
            if (candidate)
                active.push_back(candidate);
        if (active.empty())
            return std::nullopt;
    }

    // The paragraph ends with a forced break, so the active nodes now all end there.
    std::shared_ptr<Node> chosen;
    for (const auto& node : active)
        if (node->position == items.size() - 1 && (!chosen || node->demerits < chosen->demerits))
            chosen = node;
    if (!chosen)
        return std::nullopt;
    std::vector<LineBreak> breaks;
    for (auto node = chosen; node && node->previous; node = node->previous) {
        const BreakItem& at = items[node->position];
        breaks.push_back(
            LineBreak{node->position, node->ratio,
                      at.type == BreakItem::Type::Penalty && at.flagged && at.width > 0});
    }
    std::reverse(breaks.begin(), breaks.end());
    return breaks;
}

std::vector<LineBreak> break_greedily(const std::vector<BreakItem>& items, Length line_width) {
    std::vector<LineBreak> breaks;
    if (items.empty())
        return breaks;
    const std::vector<Sums> sums = prefix_sums(items);
    size_t start = 0;
    std::optional<size_t> last_fit;
    for (size_t b = 0; b < items.size(); ++b) {
        if (!is_breakpoint(items, b, true))
            continue;
        long long width = sums[b].width - sums[start].width;
        if (items[b].type == BreakItem::Type::Penalty)
            width += items[b].width;
        bool forced = items[b].type == BreakItem::Type::Penalty && items[b].penalty <= -inf_penalty;
        if (width > line_width && last_fit) {
            // Break at the last breakpoint that fitted, then look at b again from there.
            const BreakItem& at = items[*last_fit];
            breaks.push_back(LineBreak{
                *last_fit, 0, at.type == BreakItem::Type::Penalty && at.flagged && at.width > 0});
            start = line_start(items, *last_fit);
            last_fit.reset();
            b = start - 1; // the loop's ++b looks at the new line's first item next
            continue;
        }
        if (forced) {
            breaks.push_back(LineBreak{b, 0, false});
            start = line_start(items, b);
            last_fit.reset();
            continue;
        }
        last_fit = b;
    }
    for (size_t i = 0, from = 0; i < breaks.size(); ++i) {
        breaks[i].ratio = ratio_between(items, sums, from, breaks[i].item, line_width, 0);
        from = line_start(items, breaks[i].item);
    }
    return breaks;
}

} // namespace mipex::layout
