// Where charts draw: a frame of a given width that mirrors itself for right-to-left editions
// (x runs from the right, text alignment flips), shapes labels with the book's fonts, fits
// labels to their room, and remembers labels that could not be fitted.
#pragma once

#include "display/display_list.h"
#include "doc/document.h"
#include "layout/text.h"

#include <optional>
#include <string>
#include <vector>

namespace mipex::layout::chart {

class Canvas {
public:
    Canvas(TextShaper& shaper, Length width, const doc::ChartStyles& styles);

    Length width() const { return m_frame.width; }
    TextShaper& shaper() { return m_shaper; }
    const doc::ChartStyles& styles() const { return m_styles; }

    /// Shapes in left-to-right coordinates; mirrored when the edition reads right to left.
    void rect(display::Rect rect, std::optional<Color> fill,
              std::optional<display::Stroke> stroke = {}, std::optional<display::Hatch> hatch = {});
    void line(display::Point from, display::Point to, display::Stroke stroke);
    void shape(display::Shape shape);
    void link(display::Rect area, const std::string& destination);
    /// Adds a group drawn on another canvas of the same width (already mirrored), with the
    /// marks drawn on it.
    void place_group(display::Group group, const std::vector<display::Mark>& marks = {});

    /// Where the items of a mark begin: the number of items drawn so far.
    uint32_t drawn() const { return static_cast<uint32_t>(m_frame.items.size()); }
    /// Makes the items drawn since `first` a mark of what `mark` says (nothing when it says
    /// nothing: a bar without a number); drawn right after the same mark, they join it.
    void mark(uint32_t first, const doc::ChartMark& mark);
    /// The marks, in the order drawn.
    const std::vector<display::Mark>& marks() const { return m_marks; }

    /// A one-line label with its baseline at `baseline`; `align` says whether x is where it
    /// starts, ends or centres. Returns its width.
    Length label(std::string_view text, const doc::Style& style, Length x, Length baseline,
                 doc::Align align = doc::Align::Start, std::optional<Color> color = std::nullopt,
                 const std::string& link = {});
    /// A label that must fit `room`: it shrinks down to the styles' minimum label size, then
    /// is cut with an ellipsis and reported (see unfitted()).
    Length fitted_label(std::string_view text, const doc::Style& style, Length x, Length baseline,
                        Length room, doc::Align align = doc::Align::Start,
                        std::optional<Color> color = std::nullopt, const std::string& link = {});
    /// Where a block of label lines sits against its anchor's y.
    enum class Vertical { Top, Middle, Bottom };
    /// A label broken into lines, and the size they are set at.
    struct LabelLines {
        std::vector<std::string> lines;
        doc::Style style;
        Length height = 0; ///< the lines' leading, all of them
    };
    /// Breaks a label into up to `max_lines` lines of at most `room` each: at spaces and after
    /// hyphens, and a word too long for a line of its own at its hyphenation points (in the
    /// shaper's language, when it has a dictionary); shrinking to the minimum label size if
    /// need be, then cut with an ellipsis and reported.
    LabelLines wrap_label(std::string_view text, const doc::Style& style, Length room,
                          int max_lines = 2);
    /// Draws lines from wrap_label(); `align` places them against x as label() does.
    void label_lines(const LabelLines& lines, Length x, Length y, doc::Align align,
                     Vertical vertical, std::optional<Color> color = std::nullopt,
                     const std::string& link = {});
    /// wrap_label(), then label_lines().
    void wrapped_label(std::string_view text, const doc::Style& style, Length x, Length y,
                       Length room, doc::Align align, Vertical vertical, int max_lines = 2,
                       std::optional<Color> color = std::nullopt, const std::string& link = {});
    /// Text wrapped across `room` from x (left-to-right coordinates), top at `y`; returns the
    /// height used.
    Length paragraph(const std::string& text, const doc::Style& style, Length x, Length y,
                     Length room);
    /// The chart's title across the whole width; returns the height used.
    Length title(const std::string& text, Length y);
    /// What a chart opens with: its title, the note under it in the axis style (if any), its
    /// legend (if any) and `space` below. Returns the y where the rest of the chart starts.
    Length heading(const std::string& chart_title,
                   const std::vector<doc::LegendEntry>& legend_entries, Length space,
                   const std::string& note = {});

    /// Labels that could not be fitted even at the minimum size (cut with an ellipsis).
    const std::vector<std::string>& unfitted() const { return m_unfitted; }
    display::Frame finish(Length height);

    /// The mirrored x of a left-to-right x (identity for left-to-right editions).
    Length x(Length ltr) const { return m_styles.right_to_left ? m_frame.width - ltr : ltr; }

private:
    /// A legend row (or rows) at `y`; returns the height used.
    Length legend(const std::vector<doc::LegendEntry>& entries, Length y);

    display::Point point(display::Point ltr) const { return {x(ltr.x), ltr.y}; }

    TextShaper& m_shaper;
    doc::ChartStyles m_styles;
    display::Frame m_frame;
    std::vector<std::string> m_unfitted;
    std::vector<display::Mark> m_marks;
};

/// A darker shade of a colour, for the outline of light bars.
Color darker(Color color, double factor = 0.7);

/// The hatching of "no data" areas.
display::Hatch no_data_hatch(Color background);

} // namespace mipex::layout::chart
