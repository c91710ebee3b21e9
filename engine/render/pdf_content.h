// A page's content stream (PDF 32000-1:2008 §8, §9.4) from its display list: glyph runs as
// text objects positioned with TJ, paths, hatching, clipped groups, colours with alpha; and
// the page's links, collected for annotations; and, when the document has a structure tree,
// marked content (§14.6): every drawing in a marked-content sequence of its structure element
// (with an MCID) or an /Artifact.
#pragma once

#include "display/display_list.h"
#include "render/pdf_fonts.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace mipex::render::pdf {

class ReusedPaths;

/// What every page's content refers to: fonts by face, in the shared resource dictionary.
struct ContentResources {
    const display::FontTable* fonts = nullptr;
    std::vector<uint32_t> face_of_font; ///< by display::FontId: the index in `faces`
    std::vector<FontFace*> faces;       ///< resource names /F0, /F1… follow this order
    /// The structure tree; empty: the content is not marked.
    const std::vector<display::Element>* structure = nullptr;
    /// Whether the document sets opacities: then every alpha, 255 too, has its graphics state.
    bool transparent = false;
    /// Paths drawn as forms (/P0, /P1…); none: every path is written where it is drawn.
    const ReusedPaths* reused = nullptr;
};

/// Paths drawn more than once, the same shape at different places (a map's country outlines
/// on every map of the book): each is written once, as a form XObject (§8.10), and drawn with
/// a translation wherever it is used. A form paints its path with the colours and line width
/// of where it is drawn; only a hatching sets its own.
class ReusedPaths {
public:
    /// Paths with fewer elements are written where they are drawn: the form's call costs
    /// about as much as a short path.
    static constexpr size_t minimum_elements = 16;

    /// Counts a shape drawn; in the order the pages draw them.
    void count(const display::Shape& shape);
    /// After counting: makes a form of every path drawn twice or more, numbered in the order
    /// the paths were first drawn, and writes its content.
    void settle(const ContentResources& resources);

    struct Form {
        std::string content; ///< uncompressed: the path relative to its first point, painted
        display::Rect box;   ///< of the path, with room for strokes
    };
    const std::vector<Form>& forms() const { return m_forms; }

    /// The form that draws `shape` (one of the shapes counted), if there is one: its index
    /// and where its origin goes.
    struct Use {
        uint32_t form;
        display::Point origin;
    };
    std::optional<Use> find(const display::Shape& shape) const;

private:
    struct Entry {
        const display::Shape* first = nullptr;
        uint32_t count = 0;
    };
    /// Until settle(): paths by a hash of what decides their form, and every shape counted
    /// with its path's key (the pages' shapes outlive the writing of their content).
    std::unordered_map<uint64_t, Entry> m_entries;
    std::vector<uint64_t> m_order; ///< keys of m_entries in the order first drawn
    std::vector<std::pair<const display::Shape*, uint64_t>> m_counted;
    std::vector<Form> m_forms;
    /// After settle(): the shapes drawn through a form.
    std::unordered_map<const display::Shape*, Use> m_uses;
};

/// The resource name of the graphics state setting a fill (/ca) or stroke (/CA) alpha.
std::string alpha_state_name(bool stroke, uint8_t alpha);

/// A link on a page, its area in points from the top-left corner (the display list's
/// orientation), rounded to thousandths.
struct PageLink {
    int64_t x = 0, y = 0, width = 0, height = 0; ///< thousandths of a point
    std::string destination;
    std::string uri;
    /// The text shown in the link's area, its description for assistive technology
    /// (/Contents, PDF/UA-1 7.18.1).
    std::string text;
    /// The structure element the link is in (its Link element's parent), when content is marked.
    std::optional<display::ElementId> element;
    /// Marked-content sequences (MCIDs) the page opened before the link, for reading order.
    uint32_t after = 0;
};

/// Writes one page's content stream. Glyphs are shown by their ids (two bytes, Identity-H);
/// where a cluster's text is not what its glyph stands for in the ToUnicode CMap (several
/// glyphs for one character, a soft hyphen shown as a hyphen, a glyph two texts share), the
/// glyphs are wrapped in a /Span with /ActualText (§14.9.4), so copy and search give the text.
class ContentWriter {
public:
    ContentWriter(const ContentResources& resources, Length page_height);
    /// The content of a reused path's form: `shape` painted at the form's origin.
    static std::string form(const ContentResources& resources, const display::Shape& shape);

    void items(const std::vector<display::Item>& items, display::Point offset = {});
    /// The content stream (uncompressed).
    std::string finish();
    std::vector<PageLink> links;
    /// The structure element of each marked-content sequence, by MCID (§14.7.4.4).
    std::vector<display::ElementId> marked;

private:
    /// The graphics state the stream has set, PDF's initial one at the start of a page
    /// (§8.4.1); a form starts from whatever its caller set: nothing known.
    struct State {
        std::optional<Color> fill = Color{0, 0, 0, 255}, stroke = Color{0, 0, 0, 255};
        std::optional<int64_t> line_width = 1000; ///< thousandths of a point
        std::optional<std::vector<Length>> dashes = std::vector<Length>{};
        std::optional<bool> round_caps = false;
        int64_t face = -1;
        Length size = 0;
    };
    /// A span of a run's glyphs drawn together: either glyphs whose ToUnicode text is their
    /// text, or one cluster whose text is given as /ActualText.
    struct Segment {
        size_t first = 0, count = 0;
        std::string_view actual_text;
        bool actual = false;
    };
    /// Fills m_segments with the run's segments, left to right.
    void segments(const display::GlyphRun& run, const FontFace& face);

    /// Opens the marked-content sequence the next drawing belongs to, closing another.
    void mark(bool shape);
    void close_mark();
    void glyph_run(const display::GlyphRun& run, display::Point offset);
    ContentWriter(const ContentResources& resources); ///< a form's, nothing known
    void shape(const display::Shape& shape, display::Point offset);
    /// The path and its painting, in the colours and line width set (but a hatching's).
    void paint(const display::Shape& shape, display::Point offset);
    void path(const display::Shape& shape, display::Point offset);
    void begin_text();
    void end_text();
    /// The fill or stroke colour and its opacity, written only where they change.
    void set_color(Color color, bool stroke);
    void set_fill(Color color);
    void set_stroke(Color color, int64_t width, const std::vector<Length>& dashes, bool round_caps);
    void point(Length x, Length y);

    const ContentResources& m_resources;
    std::string m_out;
    State m_state;
    bool m_in_text = false;
    bool m_tagged = false;
    std::vector<Segment> m_segments; ///< a run's, kept to reuse its storage
    display::Tag m_tag;              ///< what the items being written belong to (none: an artifact)
    std::optional<display::Tag> m_open; ///< the open marked-content sequence
};

} // namespace mipex::render::pdf
