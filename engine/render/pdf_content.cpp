#include "render/pdf_content.h"

#include "render/pdf_syntax.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace mipex::render::pdf {

namespace {

/// A colour channel as a PDF number with up to four decimals: enough for every one of the
/// 256 levels to come back exactly (three would move some by one).
void append_channel(std::string& out, uint8_t value) {
    static const auto table = [] {
        std::array<std::string, 256> strings;
        for (int v = 0; v < 256; ++v) {
            int64_t tenthousandths = (static_cast<int64_t>(v) * 10000 + 127) / 255;
            std::string& s = strings[static_cast<size_t>(v)];
            if (tenthousandths == 10000) {
                s = "1";
                continue;
            }
            s = "0";
            if (tenthousandths == 0)
                continue;
            s = "0.";
            s += std::to_string(10000 + tenthousandths).substr(1);
            while (s.back() == '0')
                s.pop_back();
        }
        return strings;
    }();
    out += table[value];
}

void append_color(std::string& out, Color color) {
    append_channel(out, color.r);
    out += ' ';
    append_channel(out, color.g);
    out += ' ';
    append_channel(out, color.b);
}

bool same_rgb(Color a, Color b) {
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

/// Whether a path is Shape::rect's: an axis-aligned rectangle, closed.
bool is_rectangle(const std::vector<display::PathElement>& path) {
    using Op = display::PathElement::Op;
    if (path.size() != 5 || path[0].op != Op::Move || path[1].op != Op::Line ||
        path[2].op != Op::Line || path[3].op != Op::Line || path[4].op != Op::Close)
        return false;
    const display::Point &a = path[0].points[0], &b = path[1].points[0], &c = path[2].points[0],
                         &d = path[3].points[0];
    return a.y == b.y && b.x == c.x && c.y == d.y && d.x == a.x;
}

/// Appends the text of the glyph runs among `items` whose origin lies in `area` (page
/// coordinates), in the order they are listed, without soft hyphens: a link's description.
void text_in(const std::vector<display::Item>& items, display::Point offset,
             const display::Rect& area, std::string& out) {
    for (const display::Item& item : items) {
        if (auto* run = std::get_if<display::GlyphRun>(&item)) {
            const Length x = offset.x + run->origin.x, y = offset.y + run->origin.y;
            if (x < area.x || x >= area.x + area.width || y < area.y || y > area.y + area.height)
                continue;
            // A tagged run is a piece of its own, as a group is (below).
            const bool piece = run->tag.kind != display::Tag::Kind::Inherit;
            if (piece && !out.empty() && out.back() != ' ' && !run->text.empty() &&
                run->text.front() != ' ')
                out += ' ';
            for (size_t i = 0; i < run->text.size(); ++i) {
                if (run->text.compare(i, 2, "\xC2\xAD") == 0) {
                    ++i;
                    continue;
                }
                out += run->text[i];
            }
        } else if (auto* group = std::get_if<display::Group>(&item)) {
            // A group is a piece of its own (a contents entry's page number): a space apart.
            std::string inner;
            text_in(group->items(), {offset.x + group->offset.x, offset.y + group->offset.y}, area,
                    inner);
            if (!inner.empty() && !out.empty() && out.back() != ' ' && inner.front() != ' ')
                out += ' ';
            out += inner;
        }
    }
}

} // namespace

std::string alpha_state_name(bool stroke, uint8_t alpha) {
    return (stroke ? "A" : "a") + std::to_string(alpha);
}

ContentWriter::ContentWriter(const ContentResources& resources, Length page_height)
    : m_resources(resources), m_tagged(resources.structure && !resources.structure->empty()) {
    m_out.reserve(1 << 16);
    // Display lists put the origin at the top-left, y downwards; PDF's default user space has
    // it at the bottom-left, y upwards (§8.3.2.3). One flip serves the whole page.
    m_out += "1 0 0 -1 0 ";
    append_length(m_out, page_height);
    m_out += " cm\n";
}

ContentWriter::ContentWriter(const ContentResources& resources) : m_resources(resources) {
    m_state = State{std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
}

std::string ContentWriter::form(const ContentResources& resources, const display::Shape& shape) {
    ContentWriter writer(resources);
    writer.paint(shape, {});
    return std::move(writer.m_out);
}

void ContentWriter::mark(bool shape) {
    if (!m_tagged)
        return;
    // Text belongs to its element; shapes only to a figure: elsewhere they are rules and
    // backgrounds, decoration a reader skips (§14.8.2.2.2).
    display::Tag wanted = m_tag;
    if (wanted.kind != display::Tag::Kind::Element ||
        (shape && (*m_resources.structure).at(wanted.element).role != display::Role::Figure))
        wanted = display::Tag::artifact();
    if (m_open == wanted)
        return;
    close_mark();
    if (wanted.kind == display::Tag::Kind::Artifact) {
        m_out += "/Artifact BMC\n";
    } else {
        m_out += '/';
        m_out += display::role_name((*m_resources.structure)[wanted.element].role);
        m_out += " <</MCID ";
        append_integer(m_out, static_cast<int64_t>(marked.size()));
        m_out += ">> BDC\n";
        marked.push_back(wanted.element);
    }
    m_open = wanted;
}

void ContentWriter::close_mark() {
    if (!m_open)
        return;
    // Sequences start outside text objects, so they end outside them too.
    end_text();
    m_out += "EMC\n";
    m_open.reset();
}

void ContentWriter::begin_text() {
    if (!m_in_text) {
        m_out += "BT\n";
        m_in_text = true;
    }
}

void ContentWriter::end_text() {
    if (m_in_text) {
        m_out += "ET\n";
        m_in_text = false;
    }
}

void ContentWriter::set_color(Color color, bool stroke) {
    std::optional<Color>& current = stroke ? m_state.stroke : m_state.fill;
    if (!current || !same_rgb(color, *current)) {
        append_color(m_out, color);
        m_out += stroke ? " RG\n" : " rg\n";
    }
    // Opacity through an ExtGState named after it (§11.6.4.4): /CA for strokes, /ca for fills.
    // Where it is not known, it is opaque unless the document sets opacities.
    if (current ? color.a != current->a : m_resources.transparent) {
        m_out += '/';
        m_out += alpha_state_name(stroke, color.a);
        m_out += " gs\n";
    }
    current = color;
}

void ContentWriter::set_fill(Color color) {
    set_color(color, false);
}

void ContentWriter::set_stroke(Color color, int64_t width, const std::vector<Length>& dashes,
                               bool round_caps) {
    set_color(color, true);
    if (m_state.line_width != width) {
        append_thousandths(m_out, width);
        m_out += " w\n";
        m_state.line_width = width;
    }
    if (m_state.dashes != dashes) {
        m_out += '[';
        for (size_t i = 0; i < dashes.size(); ++i) {
            if (i)
                m_out += ' ';
            append_length(m_out, dashes[i]);
        }
        m_out += "] 0 d\n";
        m_state.dashes = dashes;
    }
    if (m_state.round_caps != round_caps) {
        m_out += round_caps ? "1 J\n" : "0 J\n";
        m_state.round_caps = round_caps;
    }
}

void ContentWriter::point(Length x, Length y) {
    append_length(m_out, x);
    m_out += ' ';
    append_length(m_out, y);
    m_out += ' ';
}

void ContentWriter::items(const std::vector<display::Item>& items, display::Point offset) {
    for (const display::Item& item : items) {
        if (auto* run = std::get_if<display::GlyphRun>(&item)) {
            // A run tagged on its own stands for a group of one (display::Frame::place).
            const display::Tag outer = m_tag;
            if (run->tag.kind != display::Tag::Kind::Inherit &&
                outer.kind != display::Tag::Kind::Artifact)
                m_tag = run->tag;
            glyph_run(*run, offset);
            m_tag = outer;
        } else if (auto* shape = std::get_if<display::Shape>(&item)) {
            this->shape(*shape, offset);
        } else if (auto* link = std::get_if<display::Link>(&item)) {
            PageLink page_link{thousandths_of_pt(offset.x + link->area.x),
                               thousandths_of_pt(offset.y + link->area.y),
                               thousandths_of_pt(link->area.width),
                               thousandths_of_pt(link->area.height),
                               link->destination,
                               link->uri,
                               {},
                               {},
                               static_cast<uint32_t>(marked.size())};
            if (m_tagged) {
                page_link.element = m_tag.kind == display::Tag::Kind::Element ? m_tag.element : 0;
                const display::Rect area{offset.x + link->area.x, offset.y + link->area.y,
                                         link->area.width, link->area.height};
                text_in(items, offset, area, page_link.text);
                const size_t begin = page_link.text.find_first_not_of(' ');
                const size_t end = page_link.text.find_last_not_of(' ');
                page_link.text =
                    begin == std::string::npos ? "" : page_link.text.substr(begin, end - begin + 1);
            }
            links.push_back(std::move(page_link));
        } else if (auto* group = std::get_if<display::Group>(&item)) {
            // Groups add their offset to the coordinates rather than through a matrix, so the
            // numbers in the stream are where things are on the page.
            display::Point inner{offset.x + group->offset.x, offset.y + group->offset.y};
            // Inside an artifact everything is one (a repeated table header holds cells).
            const display::Tag outer = m_tag;
            if (group->tag.kind != display::Tag::Kind::Inherit &&
                outer.kind != display::Tag::Kind::Artifact)
                m_tag = group->tag;
            if (const auto& clip = group->clip) {
                // Marked content and saved states nest (§14.6, §8.4.2).
                close_mark();
                end_text();
                m_out += "q\n";
                point(inner.x + clip->x, inner.y + clip->y);
                append_length(m_out, clip->width);
                m_out += ' ';
                append_length(m_out, clip->height);
                m_out += " re W n\n";
                State saved = m_state;
                this->items(group->items(), inner);
                close_mark();
                end_text();
                m_out += "Q\n";
                m_state = std::move(saved);
            } else {
                this->items(group->items(), inner);
            }
            m_tag = outer;
        }
        // Anchors are named destinations, written with the document; images are not drawn
        // (FIXME: no layout places one yet).
    }
}

void ContentWriter::segments(const display::GlyphRun& run, const FontFace& face) {
    m_segments.clear();
    // Neighbours that need no /ActualText are drawn as one.
    auto add = [&](const Segment& segment) {
        if (!m_segments.empty() && !segment.actual && !m_segments.back().actual &&
            m_segments.back().first + m_segments.back().count == segment.first)
            m_segments.back().count += segment.count;
        else
            m_segments.push_back(segment);
    };
    size_t byte = 0, glyph = run.backward ? run.glyphs.size() : 0;
    const bool covered = display::for_each_cluster(run, [&](const display::Cluster& cluster) {
        std::string_view text = std::string_view(run.text).substr(byte, cluster.bytes);
        byte += cluster.bytes;
        size_t first = glyph;
        if (run.backward)
            first = glyph -= cluster.glyphs;
        else
            glyph += cluster.glyphs;
        // Text without glyphs (a soft hyphen inside a line, the space a line ends with) is not
        // drawn and not extracted, as cairo did.
        if (cluster.glyphs == 0)
            return;
        bool actual = cluster.glyphs != 1 || text != face.text(run.glyphs[first].id());
        Segment segment{first, cluster.glyphs, text, actual};
        // Right-to-left runs list their clusters in text order and their glyphs left to right:
        // they are put in order below, then merged.
        if (run.backward)
            m_segments.push_back(segment);
        else
            add(segment);
    });
    // Without a cluster map that covers the run, the glyphs stand for what ToUnicode says.
    if (!covered) {
        m_segments.assign(1, Segment{0, run.glyphs.size(), {}, false});
        return;
    }
    if (run.backward) {
        std::reverse(m_segments.begin(), m_segments.end());
        size_t kept = 0;
        for (size_t i = 0; i < m_segments.size(); ++i) {
            const Segment& segment = m_segments[i];
            if (kept > 0 && !segment.actual && !m_segments[kept - 1].actual &&
                m_segments[kept - 1].first + m_segments[kept - 1].count == segment.first)
                m_segments[kept - 1].count += segment.count;
            else
                m_segments[kept++] = segment;
        }
        m_segments.resize(kept);
    }
}

void ContentWriter::glyph_run(const display::GlyphRun& run, display::Point offset) {
    if (run.glyphs.empty())
        return;
    const display::Font& font = m_resources.fonts->at(run.font);
    const uint32_t face_index = m_resources.face_of_font.at(run.font);
    const FontFace& face = *m_resources.faces.at(face_index);
    const Length size = font.size;
    if (size <= 0)
        return;
    mark(false);
    begin_text();
    set_fill(run.color);
    if (m_state.face != face_index || m_state.size != size) {
        m_out += "/F";
        append_integer(m_out, face_index);
        m_out += ' ';
        append_length(m_out, size);
        m_out += " Tf\n";
        m_state.face = face_index;
        m_state.size = size;
    }
    // The text matrix flips text upright again in the page's flipped space. It is set at the
    // first glyph and again at every glyph off the line before it (marks, superscripts), as
    // cairo did: text extraction reads a move of the line, where a text rise would part a
    // mark from its letter. In between, TJ's adjustments put every glyph where layout did.
    bool in_array = false, in_string = false;
    auto close = [&] {
        if (in_string)
            m_out += ')';
        if (in_array)
            m_out += "]TJ\n";
        in_string = in_array = false;
    };
    Length line_x = 0, line_y = 0;
    bool positioned = false;
    // Where a reader's pen is, in thousandths of glyph space units (1/1000 em) from line_x.
    int64_t pen = 0;
    const double per_unit = 1e6 / static_cast<double>(size);
    segments(run, face);
    for (const Segment& segment : m_segments) {
        if (segment.actual) {
            close();
            m_out += "/Span <</ActualText ";
            append_hex(m_out, "\xFE\xFF" + utf16be(segment.actual_text));
            m_out += ">> BDC\n";
        }
        for (size_t i = segment.first; i < segment.first + segment.count; ++i) {
            const display::Glyph& glyph = run.glyphs[i];
            const Length x = offset.x + run.origin.x + glyph.x(),
                         y = offset.y + run.origin.y + glyph.y();
            if (!positioned || y != line_y) {
                close();
                m_out += "1 0 0 -1 ";
                point(x, y);
                m_out += "Tm\n";
                line_x = x;
                line_y = y;
                pen = 0;
                positioned = true;
            }
            const int64_t wanted = std::llround(static_cast<double>(x - line_x) * per_unit);
            // TJ's numbers move the pen left by thousandths of an em (§9.4.3); rounding each one
            // from the pen's true place keeps errors from adding up along a line.
            const int64_t adjust = std::llround(static_cast<double>(pen - wanted) / 1000.0);
            if (!in_array) {
                m_out += '[';
                in_array = true;
            }
            if (adjust != 0) {
                if (in_string) {
                    m_out += ')';
                    in_string = false;
                }
                append_integer(m_out, adjust);
                pen -= adjust * 1000;
            }
            if (!in_string) {
                m_out += '(';
                in_string = true;
            }
            for (char byte :
                 {static_cast<char>(glyph.id() >> 8), static_cast<char>(glyph.id() & 0xFF)}) {
                if (byte == '(' || byte == ')' || byte == '\\')
                    m_out += '\\';
                else if (byte == '\r') {
                    m_out += "\\r";
                    continue;
                }
                m_out += byte;
            }
            pen += face.width(glyph.id());
        }
        if (segment.actual) {
            close();
            m_out += "EMC\n";
        }
    }
    close();
}

void ContentWriter::path(const display::Shape& shape, display::Point offset) {
    using Op = display::PathElement::Op;
    if (is_rectangle(shape.path)) {
        const display::Point &a = shape.path[0].points[0], &c = shape.path[2].points[0];
        point(offset.x + a.x, offset.y + a.y);
        append_length(m_out, c.x - a.x);
        m_out += ' ';
        append_length(m_out, c.y - a.y);
        m_out += " re\n";
        return;
    }
    for (const display::PathElement& element : shape.path) {
        const display::Point* p = element.points;
        switch (element.op) {
        case Op::Move:
            point(offset.x + p[0].x, offset.y + p[0].y);
            m_out += "m\n";
            break;
        case Op::Line:
            point(offset.x + p[0].x, offset.y + p[0].y);
            m_out += "l\n";
            break;
        case Op::Curve:
            for (int k = 0; k < 3; ++k)
                point(offset.x + p[k].x, offset.y + p[k].y);
            m_out += "c\n";
            break;
        case Op::Close:
            m_out += "h\n";
            break;
        }
    }
}

void ContentWriter::shape(const display::Shape& shape, display::Point offset) {
    if (shape.path.empty() || (!shape.fill && !shape.stroke && !shape.hatch))
        return;
    mark(true);
    end_text();
    if (shape.fill)
        set_fill(*shape.fill);
    if (shape.stroke) {
        const display::Stroke& s = *shape.stroke;
        set_stroke(s.color, thousandths_of_pt(s.width), s.dashes, s.round_caps);
    }
    if (m_resources.reused) {
        if (auto use = m_resources.reused->find(shape)) {
            m_out += "q 1 0 0 1 ";
            point(offset.x + use->origin.x, offset.y + use->origin.y);
            m_out += "cm /P";
            append_integer(m_out, use->form);
            m_out += " Do Q\n";
            return;
        }
    }
    paint(shape, offset);
}

void ContentWriter::paint(const display::Shape& shape, display::Point offset) {
    if (!shape.hatch) {
        path(shape, offset);
        m_out += shape.fill && shape.stroke ? "B\n" : shape.fill ? "f\n" : "S\n";
        return;
    }

    // Hatching: parallel diagonals across the shape's extents, clipped to the shape, over its
    // fill. The extents are whole points, rounded outwards, and the lines start where cairo's
    // cairo_clip_extents put them, so the PNG and PDF hatch alike. The fill is the extents
    // filled within the clip, so that the outline is written twice, not three times (a map's
    // outlines of countries without data are most of its bytes).
    double x1 = HUGE_VAL, y1 = HUGE_VAL, x2 = -HUGE_VAL, y2 = -HUGE_VAL;
    for (const display::PathElement& element : shape.path) {
        int points = element.op == display::PathElement::Op::Curve   ? 3
                     : element.op == display::PathElement::Op::Close ? 0
                                                                     : 1;
        for (int k = 0; k < points; ++k) {
            double x = to_pt(offset.x + element.points[k].x),
                   y = to_pt(offset.y + element.points[k].y);
            x1 = std::min(x1, x);
            y1 = std::min(y1, y);
            x2 = std::max(x2, x);
            y2 = std::max(y2, y);
        }
    }
    if (x1 <= x2) {
        x1 = std::floor(x1);
        y1 = std::floor(y1);
        x2 = std::ceil(x2);
        y2 = std::ceil(y2);
        m_out += "q\n";
        State saved = m_state;
        path(shape, offset);
        m_out += "W n\n";
        if (shape.fill) {
            append_real(m_out, x1);
            m_out += ' ';
            append_real(m_out, y1);
            m_out += ' ';
            append_real(m_out, x2 - x1);
            m_out += ' ';
            append_real(m_out, y2 - y1);
            m_out += " re f\n";
        }
        set_stroke(shape.hatch->color, thousandths_of_pt(shape.hatch->width), {}, false);
        const double spacing = std::max(0.5, to_pt(shape.hatch->spacing));
        for (double x = x1 - (y2 - y1); x < x2; x += spacing) {
            append_real(m_out, x);
            m_out += ' ';
            append_real(m_out, y2);
            m_out += " m ";
            append_real(m_out, x + (y2 - y1));
            m_out += ' ';
            append_real(m_out, y1);
            m_out += " l\n";
        }
        m_out += "S\nQ\n";
        m_state = std::move(saved);
    }
    if (shape.stroke) {
        path(shape, offset);
        m_out += "S\n";
    }
}

std::string ContentWriter::finish() {
    close_mark();
    end_text();
    return std::move(m_out);
}

} // namespace mipex::render::pdf

namespace mipex::render::pdf {

namespace {

/// The points of a path element that mean something: none for a close.
int points_of(const display::PathElement& element) {
    using Op = display::PathElement::Op;
    return element.op == Op::Curve ? 3 : element.op == Op::Close ? 0 : 1;
}

/// What decides a path's form: its elements relative to its first point, and whether it is
/// filled, stroked and hatched (and how: a hatching's colour is the form's own).
uint64_t path_key(const display::Shape& shape) {
    // FNV-1a over 32-bit values.
    uint64_t hash = 14695981039346656037ull;
    auto mix = [&](uint32_t value) {
        hash ^= value;
        hash *= 1099511628211ull;
    };
    const display::Point origin = shape.path.front().points[0];
    for (const display::PathElement& element : shape.path) {
        mix(static_cast<uint32_t>(element.op));
        for (int k = 0; k < points_of(element); ++k) {
            mix(static_cast<uint32_t>(element.points[k].x - origin.x));
            mix(static_cast<uint32_t>(element.points[k].y - origin.y));
        }
    }
    mix(static_cast<uint32_t>(shape.fill.has_value()) |
        static_cast<uint32_t>(shape.stroke.has_value()) << 1 |
        static_cast<uint32_t>(shape.hatch.has_value()) << 2);
    if (shape.hatch) {
        const display::Hatch& hatch = *shape.hatch;
        mix(static_cast<uint32_t>(hatch.color.r) << 24 |
            static_cast<uint32_t>(hatch.color.g) << 16 | static_cast<uint32_t>(hatch.color.b) << 8 |
            hatch.color.a);
        mix(static_cast<uint32_t>(hatch.spacing));
        mix(static_cast<uint32_t>(hatch.width));
    }
    return hash;
}

/// Whether two shapes draw the same path the same way, wherever each is.
bool same_form(const display::Shape& a, const display::Shape& b) {
    if (a.path.size() != b.path.size() || a.fill.has_value() != b.fill.has_value() ||
        a.stroke.has_value() != b.stroke.has_value() || a.hatch.has_value() != b.hatch.has_value())
        return false;
    if (a.hatch && (a.hatch->color != b.hatch->color || a.hatch->spacing != b.hatch->spacing ||
                    a.hatch->width != b.hatch->width))
        return false;
    const display::Point from = a.path.front().points[0], to = b.path.front().points[0];
    for (size_t i = 0; i < a.path.size(); ++i) {
        const display::PathElement &p = a.path[i], &q = b.path[i];
        if (p.op != q.op)
            return false;
        for (int k = 0; k < points_of(p); ++k)
            if (p.points[k].x - from.x != q.points[k].x - to.x ||
                p.points[k].y - from.y != q.points[k].y - to.y)
                return false;
    }
    return true;
}

bool worth_a_form(const display::Shape& shape) {
    return shape.path.size() >= ReusedPaths::minimum_elements &&
           shape.path.front().op == display::PathElement::Op::Move &&
           (shape.fill || shape.stroke || shape.hatch);
}

} // namespace

void ReusedPaths::count(const display::Shape& shape) {
    if (!worth_a_form(shape))
        return;
    const uint64_t key = path_key(shape);
    auto [found, added] = m_entries.try_emplace(key);
    Entry& entry = found->second;
    if (added) {
        entry.first = &shape;
        m_order.push_back(key);
    }
    // Another path with the same key (a collision of the hash) stays where it is drawn.
    if (added || same_form(*entry.first, shape)) {
        ++entry.count;
        m_counted.emplace_back(&shape, key);
    }
}

void ReusedPaths::settle(const ContentResources& resources) {
    std::unordered_map<uint64_t, uint32_t> form_of;
    for (uint64_t key : m_order) {
        const Entry& entry = m_entries.at(key);
        if (entry.count < 2)
            continue;
        display::Shape relative = *entry.first;
        const display::Point origin = relative.path.front().points[0];
        Length left = 0, top = 0, right = 0, bottom = 0;
        for (display::PathElement& element : relative.path)
            for (int k = 0; k < points_of(element); ++k) {
                display::Point& p = element.points[k];
                p = {p.x - origin.x, p.y - origin.y};
                left = std::min(left, p.x);
                top = std::min(top, p.y);
                right = std::max(right, p.x);
                bottom = std::max(bottom, p.y);
            }
        // Room for any stroke and its mitred corners; the box only clips.
        const Length room = from_pt(16);
        form_of.emplace(key, static_cast<uint32_t>(m_forms.size()));
        m_forms.push_back(
            Form{ContentWriter::form(resources, relative),
                 {left - room, top - room, right - left + 2 * room, bottom - top + 2 * room}});
    }
    for (const auto& [shape, key] : m_counted)
        if (auto found = form_of.find(key); found != form_of.end())
            m_uses.emplace(shape, Use{found->second, shape->path.front().points[0]});
    m_entries.clear();
    m_order.clear();
    m_counted.clear();
}

std::optional<ReusedPaths::Use> ReusedPaths::find(const display::Shape& shape) const {
    auto found = m_uses.find(&shape);
    if (found == m_uses.end())
        return std::nullopt;
    return found->second;
}

} // namespace mipex::render::pdf
