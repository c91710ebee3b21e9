// The layout stage's output and the renderers' input: pages as display lists of a few item
// kinds (group, glyph run, shape, image, link, anchor), plus the outline, the structure tree
// and metadata.
// Coordinates are in pango units (1/1024 pt) from the top-left of the page, y downwards.
// Renderers never see pango layouts or the document tree, only this.
#pragma once

#include "base/units.h"

#include <algorithm>
#include <climits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

typedef struct _cairo_scaled_font cairo_scaled_font_t;
typedef struct hb_face_t hb_face_t;

namespace mipex::display {

struct Point {
    Length x = 0, y = 0;
    friend bool operator==(const Point&, const Point&) = default;
};

struct Rect {
    Length x = 0, y = 0, width = 0, height = 0;
};

/// A font at one size. Family, style and size identify it for dumps and SVG ("Noto Serif
/// Bold 9.5pt"); `path` and `index` are the font file, which the PDF writer embeds;
/// `scaled_font` is what cairo draws with (referenced for the life of the table).
struct Font {
    std::string family;
    std::string style; ///< "Regular", "Bold Italic"…
    std::string file;  ///< font file name, for dumps and web output
    Length size = 0;
    cairo_scaled_font_t* scaled_font = nullptr;
    /// The font file as HarfBuzz reads it, shared with pango's shaping (referenced for the life
    /// of the table), so the PDF writer reads the file pango mapped; null: read `path`.
    hb_face_t* face = nullptr;
    std::string path;   ///< the font file
    unsigned index = 0; ///< the face within the file (a font collection holds several)
    /// The face's weight (100–900, as CSS and OpenType have it) and slant, as fontconfig read
    /// them from the file: what an output declaring the font (@font-face) says of it.
    int weight = 400;
    bool italic = false;
};

using FontId = uint32_t;

/// The fonts a display list refers to, by FontId. Holds a cairo reference on each font.
class FontTable {
public:
    FontTable() = default;
    FontTable(const FontTable&) = delete;
    FontTable& operator=(const FontTable&) = delete;
    ~FontTable();

    FontId add(Font font); ///< takes one reference on font.scaled_font and font.face
    const Font& at(FontId id) const { return m_fonts.at(id); }
    size_t size() const { return m_fonts.size(); }

private:
    std::vector<Font> m_fonts;
};

/// 8 bytes: a book holds hundreds of thousands. OpenType glyph indices are 16 bits; vertical
/// offsets (marks over letters, raised text) are a few points, and ±32 pt is kept.
class Glyph {
public:
    Glyph() = default;
    Glyph(uint32_t id, Length x, Length y)
        : m_id(static_cast<uint16_t>(id)),
          m_y(static_cast<int16_t>(std::clamp<Length>(y, INT16_MIN, INT16_MAX))), m_x(x) {}

    uint32_t id() const { return m_id; } ///< glyph index in the font
    Length x() const { return m_x; }     ///< from the run's origin
    Length y() const { return m_y; }     ///< from the run's baseline, downwards

private:
    uint16_t m_id = 0;
    int16_t m_y = 0;
    Length m_x = 0;
};

/// Maps bytes of the run's text to glyphs, as cairo_show_text_glyphs wants, so that text
/// extraction, search and copy give the source text (not ligature code points).
struct Cluster {
    uint16_t bytes = 0;
    uint16_t glyphs = 0;
};

/// An index into Document::structure; element 0 is the whole document.
using ElementId = uint32_t;

/// Which structure element a group's content belongs to (§14.7): an element of the structure
/// tree, an artifact (running heads, folios, decorative rules, a table header repeated on a
/// continuation page), or whatever the enclosing group's content belongs to. Content outside
/// every element is an artifact.
struct Tag {
    enum class Kind : uint8_t { Inherit, Element, Artifact };
    Kind kind = Kind::Inherit;
    ElementId element = 0;

    static Tag of(ElementId element) { return {Kind::Element, element}; }
    static Tag artifact() { return {Kind::Artifact, 0}; }
    friend bool operator==(const Tag&, const Tag&) = default;
};

/// Glyphs of one font and colour on one baseline, with the text they show.
struct GlyphRun {
    FontId font = 0;
    Color color;
    Point origin; ///< on the baseline
    std::vector<Glyph> glyphs;
    std::string text;
    /// Empty when each character of the text is one glyph, in order, but soft hyphens, which
    /// have none: most runs, kept without a list (a twelfth of a book's display lists). Read
    /// it through cluster_map().
    std::vector<Cluster> clusters;
    bool backward = false; ///< clusters run right to left (RTL text)
    /// The structure element the run belongs to, when it is a piece of its own within its
    /// group (a table cell's text, placed without a group of a single item).
    Tag tag;

    /// Empties `clusters` when they say no more than one glyph per character.
    void compact_clusters();
};

/// The run's clusters: its list, or one cluster per character of its text when it has none
/// (a glyph each, none for a soft hyphen). Empty when that does not cover the run's glyphs.
std::vector<Cluster> cluster_map(const GlyphRun& run);

/// The cluster of the character at `byte` in a run without a list of its own: one glyph, but
/// a soft hyphen (U+00AD, a hyphenation point inside a line), which has none. A stray
/// continuation byte is a character of one byte; a sequence cut short ends with the text.
inline Cluster character_cluster(const std::string& text, size_t byte) {
    const unsigned char lead = static_cast<unsigned char>(text[byte]);
    const size_t length = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    const bool soft_hyphen = lead == 0xC2 && byte + 1 < text.size() &&
                             static_cast<unsigned char>(text[byte + 1]) == 0xAD;
    return Cluster{static_cast<uint16_t>(std::min(length, text.size() - byte)),
                   soft_hyphen ? uint16_t{0} : uint16_t{1}};
}

/// Calls `visit(cluster)` for each of cluster_map(run)'s clusters, in text order, without
/// making the list (the PDF writer goes through every run of the book twice). Returns false,
/// having visited nothing, when the clusters do not cover the run's text and glyphs.
template <class Visit>
bool for_each_cluster(const GlyphRun& run, Visit&& visit) {
    if (!run.clusters.empty()) {
        size_t bytes = 0, glyphs = 0;
        for (const Cluster& cluster : run.clusters) {
            bytes += cluster.bytes;
            glyphs += cluster.glyphs;
        }
        if (bytes != run.text.size() || glyphs != run.glyphs.size())
            return false;
        for (const Cluster& cluster : run.clusters)
            visit(cluster);
        return true;
    }
    const std::string& text = run.text;
    size_t glyphs = 0;
    for (size_t byte = 0; byte < text.size();) {
        const Cluster cluster = character_cluster(text, byte);
        glyphs += cluster.glyphs;
        byte += cluster.bytes;
    }
    if (text.empty() || glyphs != run.glyphs.size())
        return false;
    for (size_t byte = 0; byte < text.size();) {
        const Cluster cluster = character_cluster(text, byte);
        visit(cluster);
        byte += cluster.bytes;
    }
    return true;
}

struct PathElement {
    enum class Op { Move, Line, Curve, Close };
    Op op = Op::Move;
    Point points[3];
};

struct Stroke {
    Color color;
    Length width = 0;
    std::vector<Length> dashes; ///< on, off, on… lengths; empty for a solid line
    bool round_caps = false;    ///< with a zero "on" dash, round caps draw dots
};

/// Parallel diagonal lines over a shape's fill: "no data" on maps and in their legends.
struct Hatch {
    Color color;
    Length spacing = 0;
    Length width = 0;
};

/// A filled and/or stroked path.
struct Shape {
    std::vector<PathElement> path;
    std::optional<Color> fill;
    std::optional<Stroke> stroke;
    std::optional<Hatch> hatch;

    static Shape rect(Rect rect, std::optional<Color> fill, std::optional<Stroke> stroke = {});
    static Shape line(Point from, Point to, Stroke stroke);
};

/// A raster or vector image from a project file, placed in a rectangle.
struct Image {
    std::string path;
    Rect area;
};

/// A clickable area leading to a named destination in the document or to a URI.
struct Link {
    Rect area;
    std::string destination; ///< a named destination (an Anchor's name)
    std::string uri;
};

/// A named destination: where links and the outline land.
struct Anchor {
    std::string name;
    Point position;
};

/// The role of a structure element: the standard structure types of PDF 32000-1:2008
/// §14.8.4, which screen readers and the EPUB's XHTML understand alike.
// clang-format off
enum class Role : uint8_t {
    Document, Sect, H1, H2, H3, H4, H5, H6, P, L, LI, Lbl, LBody, Table, TR, TH, TD, Caption,
    Figure, Note, TOC, TOCI, Span
};
// clang-format on

/// The role's name as PDF writes it ("H1", "TOCI").
const char* role_name(Role role);

/// The heading role of a level, 1 = chapter (H1); levels past 6 are H6.
Role heading_role(int level);

/// A node of the structure tree: the book's logical structure, in reading order. Its content is
/// the groups tagged with it, on any number of pages, so a paragraph or a table that crosses a
/// page stays one element.
struct Element {
    /// Which cells a header cell heads (§14.8.5.7, table 349: /Scope).
    enum class Scope : uint8_t { None, Row, Column };
    Role role = Role::P;
    ElementId parent = 0; ///< element 0's parent is itself
    std::string alt;      ///< alternate description (figures), in the edition's language
    /// The text the element stands for, read and copied in place of its content (/ActualText,
    /// §14.9.4): a key figure's "Overall score 2019: 46", whose content sets value and label
    /// apart on the page.
    std::string actual_text;
    Scope scope = Scope::None;
    /// The language of the element's text when it is not the document's, a BCP 47 tag (/Lang,
    /// §14.9.2): a text printed in the source language for want of a translation.
    std::string language;
};

struct Frame;
struct Group;
using Item = std::variant<GlyphRun, Shape, Image, Link, Anchor, Group>;

/// A frame's items moved together by an offset, optionally clipped to a rectangle (in the
/// frame's coordinates). The frame is shared, so a frame layout keeps (a page's flow items,
/// a cached chart) is placed without a copy, and a page holds no second copy of its content.
struct Group {
    Point offset;
    std::shared_ptr<const Frame> content;
    std::optional<Rect> clip;
    Tag tag; ///< the structure element the items belong to

    const std::vector<Item>& items() const;
};

/// A box of content with its own origin (top-left) and size, as layout builds it up.
struct Frame {
    Length width = 0, height = 0;
    std::vector<Item> items;

    /// Places a frame kept elsewhere at `at` inside this one, tagged with `tag`, without
    /// copying it: a flow item on its page, a cached chart in each profile.
    void place(std::shared_ptr<const Frame> frame, Point at, Tag tag = {});
    /// Places a frame made for this place (moved in) or copied from one kept elsewhere.
    void place(Frame frame, Point at, Tag tag = {});
    void add(Item item) { items.push_back(std::move(item)); }
    /// Moves every item by `by`: what placing the frame in a group at `by` would draw, without
    /// the group (a line aligned within its measure).
    void translate(Point by);
};

inline const std::vector<Item>& Group::items() const {
    return content->items;
}

/// A finished frame, shared: its item list at its size (growing it left up to half again as
/// much room, a tenth of a book's display lists), then never changed.
std::shared_ptr<const Frame> share(Frame frame);

struct Page {
    Length width = 0, height = 0;
    std::string label; ///< the printed page number ("iv", "12")
    std::vector<Item> items;
};

struct OutlineEntry {
    std::string title;
    std::string destination;
    int level = 0; ///< 0 = top
};

struct Metadata {
    std::string title, author, subject, keywords, language, creator;
    bool right_to_left = false; ///< the book reads right to left (its pages are bound on the right)
};

/// Where a page begins in the document tree: the block of a section its text starts in (in
/// doc::Document's sections and their blocks). A page that begins inside a block (a paragraph
/// or table continued from the page before) names that block. For outputs without pages (the
/// EPUB's page-list and page-break markers).
struct PageStart {
    std::string label;         ///< the printed page number ("iv", "12")
    size_t section = 0;        ///< in doc::Document::sections
    size_t block = 0;          ///< in that section's blocks
    bool inside_block = false; ///< the page continues the block from the page before
};

/// A mark of a chart (a country's bar, a column, a country on a map): the items that draw it,
/// with what it stands for, so that outputs which let readers point at a mark (the website's
/// charts) can name it, show its value and find the same country in other charts. Printed
/// output has no use for it: the PDF and the display-list dump do not show it.
struct Mark {
    /// The groups, each by its index among its frame's items, from the chart's frame down to
    /// the frame whose items draw the mark (a map's clipped group); empty: the chart's frame.
    std::vector<uint32_t> within;
    uint32_t first = 0, end = 0; ///< the items that draw it, [first, end)
    std::string country;         ///< the country's code ("SE"); empty: not a country's mark
    std::string value;           ///< the number shown, as data ("46", "-3.30"); may be empty
    std::string label;           ///< what it says, in the edition's language ("Sweden 46")
    friend bool operator==(const Mark&, const Mark&) = default;
};

/// A chart laid out alone at the width of the text, for outputs that show charts apart from
/// the pages (the EPUB's and the website's inline SVG).
struct ChartFigure {
    std::string name; ///< doc::Chart::name ("ranking-lmm")
    std::shared_ptr<const Frame> frame;
    /// Its marks, in drawing order, none inside another.
    std::vector<Mark> marks;
};

/// A whole laid-out book: what layout hands to every writer (with the document tree, for
/// writers that rebuild the structure in their own markup).
struct Book {
    Metadata metadata;
    std::vector<Page> pages;
    std::vector<OutlineEntry> outline;
    /// The structure tree (§14.7.2): elements listed parents before children, siblings in
    /// reading order; element 0 is the Document. Empty: the pages carry no structure.
    std::vector<Element> structure;
    /// Every font the pages use, with its file; a table kept between builds (mipex watch) may
    /// also hold fonts only earlier builds used: fonts_used() lists this build's.
    std::shared_ptr<FontTable> fonts;
    /// Where each page begins, in page order.
    std::vector<PageStart> page_starts;
    /// The printed page of each anchor, by name (the first page an anchor stands on).
    std::map<std::string, std::string> anchor_pages;
    /// Every chart of the document at the width of the text, in reading order; empty unless
    /// layout was asked for them (layout::LayoutOptions::chart_figures).
    std::vector<ChartFigure> charts;
    /// Set when a writer took the pages away (the PDF, while the EPUB and the site still
    /// write from the rest): the fonts they were set in, for fonts_used().
    std::optional<std::vector<FontId>> fonts_of_taken_pages;
};

/// The fonts the glyph runs of the book's pages are set in, in FontId order (those recorded
/// when the pages were taken away).
std::vector<FontId> fonts_used(const Book& book);

/// A page holding one frame alone, `margin` around it: a chart figure made a picture.
Page sheet(std::shared_ptr<const Frame> frame, Length margin);

/// A text dump of a display list, one item per line, for golden tests.
std::string dump(const Book& book);
std::string dump(const Page& page, const FontTable& fonts);
std::string dump(const std::vector<Item>& items, const FontTable& fonts, int indent = 0);
/// The structure tree as an indented list, one element a line ("  4 H2").
std::string dump(const std::vector<Element>& structure);

} // namespace mipex::display
