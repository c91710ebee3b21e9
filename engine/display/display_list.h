// The layout stage's output and the renderers' input: pages as display lists of a few item
// kinds (group, glyph run, shape, image, link, anchor), plus the outline and metadata.
// Coordinates are in pango units (1/1024 pt) from the top-left of the page, y downwards.
// Renderers never see pango layouts or the document tree, only this.
#pragma once

#include "base/units.h"

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

typedef struct _cairo_scaled_font cairo_scaled_font_t;

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
    std::string path;   ///< the font file
    unsigned index = 0; ///< the face within the file (a font collection holds several)
};

using FontId = uint32_t;

/// The fonts a display list refers to, by FontId. Holds a cairo reference on each font.
class FontTable {
public:
    FontTable() = default;
    FontTable(const FontTable&) = delete;
    FontTable& operator=(const FontTable&) = delete;
    ~FontTable();

    FontId add(Font font); ///< takes one reference on font.scaled_font
    const Font& at(FontId id) const { return m_fonts.at(id); }
    size_t size() const { return m_fonts.size(); }

private:
    std::vector<Font> m_fonts;
};

struct Glyph {
    uint32_t id = 0; ///< glyph index in the font
    Length x = 0;    ///< from the run's origin
    Length y = 0;
};

/// Maps bytes of the run's text to glyphs, as cairo_show_text_glyphs wants, so that text
/// extraction, search and copy give the source text (not ligature code points).
struct Cluster {
    uint16_t bytes = 0;
    uint16_t glyphs = 0;
};

/// Glyphs of one font and colour on one baseline, with the text they show.
struct GlyphRun {
    FontId font = 0;
    Color color;
    Point origin; ///< on the baseline
    std::vector<Glyph> glyphs;
    std::string text;
    std::vector<Cluster> clusters;
    bool backward = false; ///< clusters run right to left (RTL text)
};

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

struct Group;
using Item = std::variant<GlyphRun, Shape, Image, Link, Anchor, std::shared_ptr<Group>>;

/// Items moved together by an offset, optionally clipped to a rectangle (in the group's own
/// coordinates). Shared, so a cached frame can be placed many times.
struct Group {
    Point offset;
    std::vector<Item> items;
    std::optional<Rect> clip;
};

/// A box of content with its own origin (top-left) and size, as layout builds it up.
struct Frame {
    Length width = 0, height = 0;
    std::vector<Item> items;

    /// Places another frame's items at `at` inside this one.
    void place(const Frame& frame, Point at);
    void add(Item item) { items.push_back(std::move(item)); }
};

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

/// A whole laid-out book.
struct Document {
    Metadata metadata;
    std::vector<Page> pages;
    std::vector<OutlineEntry> outline;
    std::shared_ptr<FontTable> fonts;
};

/// A text dump of a display list, one item per line, for golden tests.
std::string dump(const Document& document);
std::string dump(const Page& page, const FontTable& fonts);
std::string dump(const std::vector<Item>& items, const FontTable& fonts, int indent = 0);

} // namespace mipex::display
