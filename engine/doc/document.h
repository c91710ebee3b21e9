// The build stage's output and the layout stage's input: the book as semantic blocks
// (headings, paragraphs with inline runs, tables, charts, the table of contents) grouped into
// sections that start on new pages. Styles are already resolved; numbers and labels are
// already formatted for the edition's language, so layout needs neither the model nor ICU.
#pragma once

#include "base/source.h"
#include "base/units.h"
#include "model/model.h"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

namespace mipex::doc {

/// A resolved style (layouts/theme.yaml), shared by reference with the model's theme.
using Style = model::TextStyle;
using model::Align;

/// A run of text with one set of inline properties.
struct Span {
    enum Flags : uint8_t { Plain = 0, Emphasis = 1, Strong = 2, Superscript = 4 };
    std::string text;
    uint8_t flags = Plain;
    std::optional<Color> color;
    std::string link;    ///< a named destination this run links to, or empty
    std::string uri;     ///< an external address this run links to, or empty
    std::string anchor;  ///< a named destination placed where the run starts
    std::string page_of; ///< layout replaces the text with the page number of this destination
    std::string key;     ///< the string key of the text this run shows ("ui.contents"), if known
};

/// A note at the foot of the page its reference lands on, numbered per chapter.
struct Footnote {
    std::string number;    ///< as printed ("3")
    std::string anchor;    ///< the note's destination (the reference links to it)
    std::string reference; ///< the reference's destination (the note links back)
    std::vector<Span> spans;
    std::string language; ///< as its paragraph's: the source language, when untranslated
};

/// Whether every run of text in `spans` printed untranslated (its key among `untranslated`,
/// doc::Document::untranslated_keys), at least one: the element holding them is then in the
/// source language (the tagged PDF's Lang, the EPUB's xml:lang).
inline bool all_untranslated(const std::vector<Span>& spans,
                             const std::set<std::string>& untranslated) {
    bool any = false;
    for (const Span& span : spans) {
        if (span.text.empty() && span.page_of.empty())
            continue;
        if (span.key.empty() || !untranslated.count(span.key))
            return false;
        any = true;
    }
    return any;
}

struct Paragraph {
    const Style* style = nullptr;
    std::vector<Span> spans;
    SourcePos pos;
    bool keep_with_next = false;     ///< never end a page here, whatever the style says
    std::vector<Footnote> footnotes; ///< notes referenced from this paragraph
    const Style* footnote_style = nullptr;
    /// The language of its text when not the edition's (a BCP 47 tag): the source language,
    /// when the catalog has no translation of it. For screen readers (tagged PDF, EPUB).
    std::string language;
};

/// A bulleted or numbered list; each item is a paragraph set with a hanging marker.
struct List {
    bool numbered = false;
    std::vector<Paragraph> items;
};

struct Heading {
    int level = 1; ///< 1 = chapter
    const Style* style = nullptr;
    std::string text;
    std::string anchor;               ///< named destination at the heading
    std::optional<int> outline_level; ///< in the PDF outline at this depth
    std::optional<int> toc_level;     ///< in the table of contents at this depth
    std::string key;                  ///< the string key of its text, if known
};

struct Table {
    struct Column {
        double share = 1; ///< of the spare width, relative to the other columns
        Align align = Align::Start;
        Length width = 0; ///< a fixed width, when not 0
    };
    struct Cell {
        std::vector<Span> spans;
        const Style* style = nullptr;
        std::optional<Align> align; ///< else the column's
        std::optional<Color> background;
        int span = 1; ///< columns this cell covers
    };
    struct Row {
        std::vector<Cell> cells;
        std::optional<Color> background;
        bool rule_above = false;     ///< a thin rule above the row (between groups)
        bool keep_with_next = false; ///< a group's heading row stays with the rows it heads
    };
    std::vector<Column> columns;
    std::vector<Row> header; ///< repeated when the table continues on a new page
    std::vector<Row> body;
    std::optional<std::string> caption;
    std::string continued; ///< the caption where the table continues on a new page
    const Style* caption_style = nullptr;
    Color rule_color;
    std::optional<Color> stripe;       ///< background of every other body row
    Length row_padding = from_pt(2.5); ///< above and below the text of each row
};

// --- Charts: fully prepared data; the chart library only draws ---------------------------

struct ChartStyles {
    const Style* title = nullptr;
    const Style* label = nullptr;
    const Style* value = nullptr;
    const Style* axis = nullptr;
    Color text, muted, grid, average, highlight;
    Length min_label_size = 0;  ///< labels too long for their place shrink down to this
    bool right_to_left = false; ///< mirror the chart (axes grow leftwards)
};

struct LegendEntry {
    /// None: a text that introduces the entries after it; Hatched: a swatch for "no data"
    enum class Mark { Swatch, Line, None, Hatched };
    std::string label;
    Color color;
    Mark mark = Mark::Swatch;
};

/// What a chart's mark (a bar, a country on a map) stands for, for outputs that let readers
/// point at it: the website names it, shows its value on hover and focus, and highlights one
/// country across a page's charts.
struct ChartMark {
    std::string country; ///< the country's code ("SE"); empty: not one country's mark
    std::string value;   ///< the number shown, as data: score::Shown::text() ("46", "-3.30")
    std::string label;   ///< what it says, in the edition's language ("Sweden 46")
};

/// Horizontal bars of all countries for one score, sorted, the average as a line.
struct RankingChart {
    enum class Orientation { Horizontal, Vertical }; ///< Vertical: thin columns, few labels
    Orientation orientation = Orientation::Horizontal;
    struct Bar {
        std::string label;
        std::string rank; ///< formatted, shown before the label; empty when tied with the previous
        double value = 0;
        std::string value_text;
        Color color;
        bool highlight = false;
        std::string link; ///< destination of the label (the country's profile)
        ChartMark mark;
    };
    std::string title;
    std::string note; ///< under the title, what the score covers ("without health"); may be empty
    std::vector<Bar> bars;
    std::optional<double> average;
    std::string average_label;            ///< "Average 54"
    std::vector<std::string> axis_labels; ///< for 0, 20, … 100
    std::vector<LegendEntry> legend;
};

/// Grouped horizontal bars: for each category (an area) one bar per series (an edition),
/// with an optional marker per category (the average).
struct ComparisonChart {
    struct Category {
        std::string label;
        std::vector<std::optional<double>> values; ///< one per series
        std::vector<std::string> value_texts;
        std::vector<Color> colors; ///< one per series (bands colour the current edition)
        std::optional<double> marker;
        std::string link;
        std::vector<ChartMark> marks; ///< one per series
    };
    struct Series {
        std::string label;
    };
    std::string title;
    std::vector<Series> series;
    std::vector<Category> categories;
    std::string marker_label;
    std::vector<std::string> axis_labels;
    std::vector<LegendEntry> legend;
};

/// A radar (spider) chart: one axis per category from the centre (0) to the rim (100), one
/// closed line per series.
struct RadarChart {
    struct Series {
        std::string label;
        std::vector<std::optional<double>> values; ///< one per axis
        Color color;
        bool filled = false; ///< a translucent area under the line
        bool dashed = false;
    };
    std::string title;
    std::vector<std::string> axes;
    std::vector<std::string> links; ///< destination of each axis label
    std::vector<Series> series;
    std::vector<std::string> scale_labels; ///< for the rings at 20, 40, … 100
    std::vector<LegendEntry> legend;
};

/// Small multiples: one panel per area with a bar per dimension.
struct DimensionsChart {
    struct Bar {
        std::string label;
        std::optional<double> value;
        std::string value_text;
        Color color;
        std::optional<double> marker; ///< the group average
        ChartMark mark;
    };
    struct Panel {
        std::string title;
        std::string link;
        std::vector<Bar> bars;
    };
    std::string title;
    std::vector<Panel> panels;
    int columns = 2;
    std::vector<std::string> axis_labels;
    std::vector<LegendEntry> legend;
};

/// Diverging bars: points gained or lost per category between two editions.
struct ChangeChart {
    struct Row {
        std::string label;
        std::string link;
        /// The shown change in points (3.33 at two decimals); nothing: no comparison (new in
        /// this edition).
        std::optional<double> change;
        std::string text; ///< "+3", "–2", "0" or why there is none
        ChartMark mark;
    };
    std::string title;
    std::vector<Row> rows;
    int range = 10; ///< the axis runs from −range to +range
    /// On round steps, zero among them.
    std::vector<std::pair<int, std::string>> ticks;
    Color gain, loss;
    std::vector<LegendEntry> legend;
};

/// A choropleth: country outlines coloured by band, countries without data hatched.
struct MapChart {
    struct Region {
        const model::MapPolygon* polygon = nullptr;
        Color fill;
        bool no_data = false;
        bool highlight = false;
        std::string link;
        ChartMark mark; ///< none for a polygon without a country or without data
    };
    std::string title;
    model::MapAsset::Projection projection = model::MapAsset::Projection::EqualEarth;
    model::GeoPoint center;
    std::optional<std::pair<model::GeoPoint, model::GeoPoint>> bounds;
    std::vector<Region> regions;
    Color no_data, border, sea;
    std::vector<LegendEntry> legend;
    std::string source; ///< the attribution printed under the map
    double aspect = 0;  ///< height / width; 0: from the projected bounds
};

struct Chart {
    std::variant<RankingChart, ComparisonChart, RadarChart, DimensionsChart, ChangeChart, MapChart>
        spec;
    ChartStyles styles;
    std::string name;        ///< for exported files: kind and subject ("ranking-area-lmm")
    std::string alt;         ///< what the chart says, in a sentence (screen readers, the EPUB)
    std::string description; ///< a longer description from its data
    /// The chart's numbers as a table; without a caption, the chart's title is its caption.
    /// Shared: every profile's position chart shows the same ranking.
    std::shared_ptr<const Table> data;
};

/// Charts side by side, sharing the width in proportion to their weights (equal if none).
struct ChartRow {
    std::vector<Chart> charts;
    /// Each chart's share of the row's width; shares adding up to less than one leave the
    /// rest empty, the charts centred.
    std::vector<double> weights;
};

// --- Other blocks -------------------------------------------------------------------------

/// A row of key figures: a large value over a small label ("58" over "Overall score").
struct KeyFigures {
    struct Figure {
        std::string value;
        std::string label;
        std::optional<Color> color;
        /// The figure as one phrase, label first ("Overall score 2019: 46"): what a screen
        /// reader reads and a copy gives, where the page sets value and label apart.
        std::string reading;
    };
    std::vector<Figure> figures;
    const Style* value_style = nullptr;
    const Style* label_style = nullptr;
    Color rule_color;
};

/// The table of contents; layout fills in the page numbers where the headings landed.
struct TableOfContents {
    const Style* part_style = nullptr;
    const Style* entry_style = nullptr;
};

struct Spacer {
    Length height = 0;
};

struct Rule {
    Color color;
    Length thickness = 0;
};

using Block = std::variant<Paragraph, Heading, Table, Chart, KeyFigures, TableOfContents, Spacer,
                           Rule, List, ChartRow>;

/// A run of pages that starts on a new page and shares its running heads.
struct Section {
    /// What the section is in the book, for outputs that name it (the EPUB's structural
    /// semantics: titlepage, toc, part, chapter, appendix, colophon).
    enum class Kind { Chapter, TitlePage, Contents, Text, PartOpener, Annex, Colophon };
    std::string id;
    Kind kind = Kind::Chapter;
    bool front_matter = false; ///< pages numbered i, ii, iii…
    bool plain = false;        ///< no running head and no folio (the title page)
    std::string part_title;    ///< running head on left-hand pages
    std::string chapter_title; ///< running head on right-hand pages
    std::vector<Block> blocks;
};

struct Metadata {
    std::string title, author, subject, keywords, language, creator;
};

/// Interface texts that outputs without pages add to the book's (the EPUB's navigation and
/// chart tables), in the edition's language.
struct SiteContent;

struct ScreenTexts {
    std::string contents;         ///< the contents' title, for a book without its own
    std::string chart_data;       ///< the link from a chart to its table ("Data of this chart")
    std::string chart_data_title; ///< the appendix of chart tables ("Chart data")
    std::string back_to_chart;    ///< the link from a table back to its chart
    std::string page_list;        ///< the page-list's name ("Pages of the print edition")
    std::string landmarks;        ///< the landmarks' name ("Guide")
    std::string accessibility_summary;       ///< schema:accessibilitySummary
    bool summary_in_source_language = false; ///< the summary is not translated
};

struct Document {
    Metadata metadata;
    /// The edition's script runs right to left (Arabic): pages, tables and charts mirror.
    bool right_to_left = false;
    /// The styles the blocks point at, when the edition changes the theme's (a language's
    /// families, model::Theme::language_families); otherwise they point into the theme.
    std::shared_ptr<const std::map<std::string, Style>> styles;
    /// The edition's digits 0–9 for page numbers ("٠"…"٩" in Arabic); empty: 0–9.
    std::vector<std::string> digits;
    /// Where the text of each string key the edition prints is written (its translation in a
    /// catalog, or the source file), for diagnostics about printed text.
    std::map<std::string, SourcePos> text_positions;
    /// The string key of each text the edition printed whole (a label, a heading, a cell), by
    /// the text, for diagnostics about text that reaches layout without its key.
    std::map<std::string, std::string> text_keys;
    /// The keys of the texts printed in `source_language` for want of a translation, so that
    /// layout marks and hyphenates cells and headings as it does paragraphs (Paragraph::language).
    std::set<std::string> untranslated_keys;
    std::string source_language;
    /// The interface texts of outputs that are not pages, when asked for
    /// (DocumentOptions::screen_texts).
    std::optional<ScreenTexts> screen_texts;
    /// What the website shows besides the sections, when asked for
    /// (DocumentOptions::site_content; doc/site_content.h).
    std::shared_ptr<const SiteContent> site_content;
    model::PageGeometry page;
    const Style* running_head_style = nullptr;
    const Style* folio_style = nullptr;
    Color rule_color;
    std::vector<Section> sections;
};

/// A text dump of the document tree, for tests.
std::string dump(const Document& document);

/// Every chart of the document in reading order, those side by side included.
std::vector<const Chart*> charts_in(const Document& document);

} // namespace mipex::doc
