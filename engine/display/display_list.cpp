#include "display/display_list.h"

#include <hb.h>

#include <algorithm>
#include <cairo.h>

namespace mipex::display {

FontTable::~FontTable() {
    for (Font& font : m_fonts) {
        if (font.scaled_font)
            cairo_scaled_font_destroy(font.scaled_font);
        if (font.face)
            hb_face_destroy(font.face);
    }
}

FontId FontTable::add(Font font) {
    if (font.scaled_font)
        cairo_scaled_font_reference(font.scaled_font);
    if (font.face)
        hb_face_reference(font.face);
    m_fonts.push_back(std::move(font));
    return static_cast<FontId>(m_fonts.size() - 1);
}

Shape Shape::rect(Rect rect, std::optional<Color> fill, std::optional<Stroke> stroke) {
    Shape shape;
    using Op = PathElement::Op;
    shape.path = {
        {Op::Move, {{rect.x, rect.y}}},
        {Op::Line, {{rect.x + rect.width, rect.y}}},
        {Op::Line, {{rect.x + rect.width, rect.y + rect.height}}},
        {Op::Line, {{rect.x, rect.y + rect.height}}},
        {Op::Close, {}},
    };
    shape.fill = fill;
    shape.stroke = std::move(stroke);
    return shape;
}

Shape Shape::line(Point from, Point to, Stroke stroke) {
    Shape shape;
    shape.path = {{PathElement::Op::Move, {from}}, {PathElement::Op::Line, {to}}};
    shape.stroke = std::move(stroke);
    return shape;
}

void Frame::place(std::shared_ptr<const Frame> frame, Point at, Tag tag) {
    if (!frame || frame->items.empty())
        return;
    items.emplace_back(Group{at, std::move(frame), std::nullopt, tag});
}

namespace {

void collect_fonts(const std::vector<Item>& items, std::vector<bool>& used) {
    for (const Item& item : items) {
        if (auto* run = std::get_if<GlyphRun>(&item)) {
            if (run->font >= used.size())
                used.resize(run->font + 1);
            used[run->font] = true;
        } else if (auto* group = std::get_if<Group>(&item)) {
            collect_fonts(group->items(), used);
        }
    }
}

} // namespace

std::vector<FontId> fonts_used(const Book& book) {
    if (book.fonts_of_taken_pages)
        return *book.fonts_of_taken_pages;
    std::vector<bool> used;
    for (const Page& page : book.pages)
        collect_fonts(page.items, used);
    std::vector<FontId> ids;
    for (FontId id = 0; id < used.size(); ++id)
        if (used[id])
            ids.push_back(id);
    return ids;
}

Page sheet(std::shared_ptr<const Frame> frame, Length margin) {
    Page page;
    page.width = frame->width + 2 * margin;
    page.height = frame->height + 2 * margin;
    Frame holder;
    holder.place(std::move(frame), {margin, margin});
    page.items = std::move(holder.items);
    return page;
}

void GlyphRun::compact_clusters() {
    if (clusters.empty())
        return;
    size_t byte = 0, count = 0;
    for (const Cluster& cluster : clusters) {
        if (byte >= text.size())
            return;
        const Cluster character = character_cluster(text, byte);
        if (character.bytes != cluster.bytes || character.glyphs != cluster.glyphs)
            return;
        byte += cluster.bytes;
        count += cluster.glyphs;
    }
    if (byte == text.size() && count == glyphs.size())
        std::vector<Cluster>().swap(clusters);
}

std::vector<Cluster> cluster_map(const GlyphRun& run) {
    if (!run.clusters.empty())
        return run.clusters;
    std::vector<Cluster> clusters;
    if (!for_each_cluster(run, [&](const Cluster& cluster) { clusters.push_back(cluster); }))
        clusters.clear();
    return clusters;
}

void Frame::translate(Point by) {
    auto move = [&](Point& point) {
        point.x += by.x;
        point.y += by.y;
    };
    for (Item& item : items) {
        if (auto* run = std::get_if<GlyphRun>(&item)) {
            move(run->origin);
        } else if (auto* shape = std::get_if<Shape>(&item)) {
            for (PathElement& element : shape->path) {
                int used = element.op == PathElement::Op::Curve   ? 3
                           : element.op == PathElement::Op::Close ? 0
                                                                  : 1;
                for (int p = 0; p < used; ++p)
                    move(element.points[p]);
            }
        } else if (auto* image = std::get_if<Image>(&item)) {
            image->area.x += by.x;
            image->area.y += by.y;
        } else if (auto* link = std::get_if<Link>(&item)) {
            link->area.x += by.x;
            link->area.y += by.y;
        } else if (auto* anchor = std::get_if<Anchor>(&item)) {
            move(anchor->position);
        } else if (auto* group = std::get_if<Group>(&item)) {
            move(group->offset);
        }
    }
}

std::shared_ptr<const Frame> share(Frame frame) {
    frame.items.shrink_to_fit();
    return std::make_shared<const Frame>(std::move(frame));
}

void Frame::place(Frame frame, Point at, Tag tag) {
    if (frame.items.empty())
        return;
    // A tagged frame of one glyph run (a table cell, a label) is the run itself, moved and
    // tagged: a group would cost three allocations for one item.
    if (auto* run = frame.items.size() == 1 ? std::get_if<GlyphRun>(&frame.items.front()) : nullptr;
        run && tag.kind != Tag::Kind::Inherit && run->tag.kind == Tag::Kind::Inherit) {
        run->origin.x += at.x;
        run->origin.y += at.y;
        run->tag = tag;
        items.push_back(std::move(*run));
        return;
    }
    place(share(std::move(frame)), at, tag);
}

const char* role_name(Role role) {
    static const char* const names[] = {"Document", "Sect",  "H1",  "H2",   "H3",  "H4",
                                        "H5",       "H6",    "P",   "L",    "LI",  "Lbl",
                                        "LBody",    "Table", "TR",  "TH",   "TD",  "Caption",
                                        "Figure",   "Note",  "TOC", "TOCI", "Span"};
    return names[static_cast<size_t>(role)];
}

Role heading_role(int level) {
    return static_cast<Role>(static_cast<int>(Role::H1) + std::clamp(level, 1, 6) - 1);
}

std::string dump(const std::vector<Element>& structure) {
    std::string out;
    std::vector<int> depth(structure.size(), 0);
    for (size_t e = 0; e < structure.size(); ++e) {
        const Element& element = structure[e];
        if (e > 0 && element.parent < e)
            depth[e] = depth[element.parent] + 1;
        out += std::string(static_cast<size_t>(depth[e]) * 2 + 2, ' ') + std::to_string(e) + " " +
               role_name(element.role);
        if (element.scope != Element::Scope::None)
            out += element.scope == Element::Scope::Row ? " scope=row" : " scope=column";
        if (!element.alt.empty())
            out += " alt=\"" + element.alt + "\"";
        if (!element.actual_text.empty())
            out += " actual_text=\"" + element.actual_text + "\"";
        if (!element.language.empty())
            out += " lang=" + element.language;
        out += "\n";
    }
    return out;
}

static std::string point(Point p) {
    return format_pt(p.x) + "," + format_pt(p.y);
}

std::string dump(const std::vector<Item>& items, const FontTable& fonts, int indent) {
    std::string out;
    std::string pad(indent * 2, ' ');
    for (const Item& item : items) {
        if (auto* run = std::get_if<GlyphRun>(&item)) {
            const Font& font = fonts.at(run->font);
            out += pad + "text " + point(run->origin) + " " + font.family + " " + font.style + " " +
                   format_pt(font.size) + " " + format_color(run->color) + " \"" + run->text + "\"";
            if (!run->glyphs.empty())
                out += " w=" + format_pt(run->glyphs.back().x());
            if (run->tag.kind == Tag::Kind::Element)
                out += " tag=" + std::to_string(run->tag.element);
            else if (run->tag.kind == Tag::Kind::Artifact)
                out += " artifact";
            out += "\n";
        } else if (auto* shape = std::get_if<Shape>(&item)) {
            out += pad + "shape";
            for (const PathElement& element : shape->path) {
                switch (element.op) {
                case PathElement::Op::Move:
                    out += " M" + point(element.points[0]);
                    break;
                case PathElement::Op::Line:
                    out += " L" + point(element.points[0]);
                    break;
                case PathElement::Op::Curve:
                    out += " C" + point(element.points[0]) + " " + point(element.points[1]) + " " +
                           point(element.points[2]);
                    break;
                case PathElement::Op::Close:
                    out += " Z";
                    break;
                }
            }
            if (shape->fill)
                out += " fill=" + format_color(*shape->fill);
            if (shape->stroke)
                out += " stroke=" + format_color(shape->stroke->color) + "/" +
                       format_pt(shape->stroke->width);
            if (shape->hatch)
                out += " hatch=" + format_color(shape->hatch->color) + "/" +
                       format_pt(shape->hatch->spacing);
            out += "\n";
        } else if (auto* image = std::get_if<Image>(&item)) {
            out += pad + "image " + image->path + " " + point({image->area.x, image->area.y}) +
                   " " + format_pt(image->area.width) + "x" + format_pt(image->area.height) + "\n";
        } else if (auto* link = std::get_if<Link>(&item)) {
            out += pad + "link " + point({link->area.x, link->area.y}) + " " +
                   format_pt(link->area.width) + "x" + format_pt(link->area.height) + " -> " +
                   (link->destination.empty() ? link->uri : "#" + link->destination) + "\n";
        } else if (auto* anchor = std::get_if<Anchor>(&item)) {
            out += pad + "anchor " + anchor->name + " " + point(anchor->position) + "\n";
        } else if (auto* group = std::get_if<Group>(&item)) {
            out += pad + "group " + point(group->offset);
            if (group->clip)
                out += " clip " + point({group->clip->x, group->clip->y}) + " " +
                       format_pt(group->clip->width) + "x" + format_pt(group->clip->height);
            // The element by its number in the structure dump at the end of the document.
            if (group->tag.kind == Tag::Kind::Element)
                out += " tag=" + std::to_string(group->tag.element);
            else if (group->tag.kind == Tag::Kind::Artifact)
                out += " artifact";
            out += "\n";
            out += dump(group->items(), fonts, indent + 1);
        }
    }
    return out;
}

std::string dump(const Page& page, const FontTable& fonts) {
    return "page " + page.label + " " + format_pt(page.width) + "x" + format_pt(page.height) +
           "\n" + dump(page.items, fonts, 1);
}

std::string dump(const Book& book) {
    std::string out =
        "document \"" + book.metadata.title + "\" lang=" + book.metadata.language + "\n";
    for (const OutlineEntry& entry : book.outline)
        out += "outline " + std::string(entry.level * 2, ' ') + entry.title + " -> #" +
               entry.destination + "\n";
    for (const Page& page : book.pages)
        out += dump(page, *book.fonts);
    if (!book.structure.empty())
        out += "structure\n" + dump(book.structure);
    // What the writers take besides the pages: the fonts with their files, where each page
    // begins in the document tree, the page of every anchor, the charts laid out alone.
    for (FontId id : fonts_used(book)) {
        const Font& font = book.fonts->at(id);
        out += "font " + std::to_string(id) + " " + font.family + " " + font.style + " " +
               format_pt(font.size) + " " + font.file + " weight=" + std::to_string(font.weight) +
               (font.italic ? " italic" : "") + "\n";
    }
    for (const PageStart& start : book.page_starts)
        out += "page-start " + start.label + " section=" + std::to_string(start.section) +
               " block=" + std::to_string(start.block) + (start.inside_block ? " inside" : "") +
               "\n";
    for (const auto& [anchor, page] : book.anchor_pages)
        out += "anchor " + anchor + " page " + page + "\n";
    for (const ChartFigure& figure : book.charts)
        out += "chart " + figure.name + " " + format_pt(figure.frame->width) + "x" +
               format_pt(figure.frame->height) + "\n";
    return out;
}

} // namespace mipex::display
