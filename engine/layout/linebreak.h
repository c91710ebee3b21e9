// Optimal line breaking after Knuth and Plass, "Breaking Paragraphs into Lines" (Software:
// Practice and Experience 11, 1981): boxes, glue and penalties; the breaks that minimise the
// total demerits of the paragraph. Works on widths alone (no fonts), so it is tested on
// synthetic paragraphs.
#pragma once

#include "base/units.h"

#include <optional>
#include <vector>

namespace mipex::layout {

/// An element of a paragraph as the line breaker sees it.
struct BreakItem {
    enum class Type { Box, Glue, Penalty };
    Type type = Type::Box;
    Length width = 0;
    Length stretch = 0;          ///< glue only
    Length shrink = 0;           ///< glue only
    bool infinite_stretch = false; ///< glue that fills the last line (TeX's \parfillskip)
    int penalty = 0;             ///< penalty only; >= inf_penalty forbids, <= -inf_penalty forces
    bool flagged = false;        ///< a hyphen break (consecutive ones cost extra)

    static BreakItem box(Length width) { return {Type::Box, width}; }
    static BreakItem glue(Length width, Length stretch, Length shrink) {
        return {Type::Glue, width, stretch, shrink};
    }
    static BreakItem penalty_of(Length width, int value, bool flagged) {
        return {Type::Penalty, width, 0, 0, false, value, flagged};
    }
};

inline constexpr int inf_penalty = 10000;

struct BreakParameters {
    Length line_width = 0;
    double tolerance = 200;        ///< largest badness accepted (TeX's \tolerance)
    int line_penalty = 10;         ///< added to every line's badness (\linepenalty)
    double flagged_demerits = 3000; ///< two hyphenated lines in a row (\doublehyphendemerits)
    double fitness_demerits = 100;  ///< a tight line next to a loose one (\adjdemerits)
    Length emergency_stretch = 0;  ///< extra stretch per line on a last attempt (\emergencystretch)
    bool allow_flagged = true;     ///< false: hyphen penalties are not break points (first pass)
};

/// A chosen break and how its line is set.
struct LineBreak {
    size_t item = 0;    ///< index of the glue or penalty at which the line ends
    double ratio = 0;   ///< adjustment ratio: >0 stretched, <0 shrunk (of the available)
    bool hyphenated = false;
};

/// The optimal breaks, or nothing when no set of breaks keeps every line within the
/// tolerance. The items must end with a forced break.
std::optional<std::vector<LineBreak>> break_optimally(const std::vector<BreakItem>& items,
                                                      const BreakParameters& parameters);

/// First fit: each line takes as much as fits at its natural width (what pango does). Never
/// fails; a line with an item wider than the measure overflows.
std::vector<LineBreak> break_greedily(const std::vector<BreakItem>& items, Length line_width);

/// The adjustment ratio of a line from item `from` (just after the previous break) to the break
/// at `to`, as break_optimally computes it (for statistics and for setting the line).
double adjustment_ratio(const std::vector<BreakItem>& items, size_t from, size_t to,
                        Length line_width);

/// TeX's badness of a ratio: 100 |r|³, capped at 10000 (also for overfull lines).
double badness(double ratio);

} // namespace mipex::layout
