#include "render/draw.h"

#include <algorithm>
#include <cairo.h>
#include <string>

namespace mipex::render {

namespace {

double pt(Length length) {
    return to_pt(length);
}

void set_color(cairo_t* cr, Color color) {
    cairo_set_source_rgba(cr, color.r / 255.0, color.g / 255.0, color.b / 255.0, color.a / 255.0);
}

void draw_glyph_run(cairo_t* cr, const display::GlyphRun& run, const display::FontTable& fonts,
                    display::Point offset) {
    if (run.glyphs.empty())
        return;
    const display::Font& font = fonts.at(run.font);
    cairo_set_scaled_font(cr, font.scaled_font);
    set_color(cr, run.color);
    std::vector<cairo_glyph_t> glyphs;
    glyphs.reserve(run.glyphs.size());
    for (const display::Glyph& glyph : run.glyphs)
        glyphs.push_back({glyph.id(), pt(offset.x + run.origin.x + glyph.x()),
                          pt(offset.y + run.origin.y + glyph.y())});
    // cairo_show_text_glyphs keeps the source text beside the glyphs, which matters to surfaces
    // that keep text (cairo's PDF and SVG surfaces: "office", not the ligature "oﬃce").
    size_t bytes = 0, glyph_count = 0;
    std::vector<cairo_text_cluster_t> clusters;
    const std::vector<display::Cluster> map = display::cluster_map(run);
    clusters.reserve(map.size());
    for (const display::Cluster& cluster : map) {
        clusters.push_back({cluster.bytes, cluster.glyphs});
        bytes += cluster.bytes;
        glyph_count += cluster.glyphs;
    }
    if (bytes == run.text.size() && glyph_count == glyphs.size() && !clusters.empty()) {
        cairo_show_text_glyphs(cr, run.text.data(), static_cast<int>(run.text.size()),
                               glyphs.data(), static_cast<int>(glyphs.size()), clusters.data(),
                               static_cast<int>(clusters.size()),
                               run.backward ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD
                                            : static_cast<cairo_text_cluster_flags_t>(0));
    } else {
        cairo_show_glyphs(cr, glyphs.data(), static_cast<int>(glyphs.size()));
    }
}

void draw_shape(cairo_t* cr, const display::Shape& shape, display::Point offset) {
    auto X = [&](const display::Point& p) { return pt(offset.x + p.x); };
    auto Y = [&](const display::Point& p) { return pt(offset.y + p.y); };
    cairo_new_path(cr);
    for (const display::PathElement& element : shape.path) {
        const display::Point* p = element.points;
        switch (element.op) {
        case display::PathElement::Op::Move:
            cairo_move_to(cr, X(p[0]), Y(p[0]));
            break;
        case display::PathElement::Op::Line:
            cairo_line_to(cr, X(p[0]), Y(p[0]));
            break;
        case display::PathElement::Op::Curve:
            cairo_curve_to(cr, X(p[0]), Y(p[0]), X(p[1]), Y(p[1]), X(p[2]), Y(p[2]));
            break;
        case display::PathElement::Op::Close:
            cairo_close_path(cr);
            break;
        }
    }
    if (shape.fill) {
        set_color(cr, *shape.fill);
        if (shape.stroke || shape.hatch)
            cairo_fill_preserve(cr);
        else
            cairo_fill(cr);
    }
    if (shape.hatch) {
        // Diagonal lines clipped to the shape, across its extents.
        cairo_save(cr);
        cairo_clip_preserve(cr);
        double x1, y1, x2, y2;
        cairo_clip_extents(cr, &x1, &y1, &x2, &y2);
        cairo_new_path(cr);
        double spacing = std::max(0.5, pt(shape.hatch->spacing));
        for (double x = x1 - (y2 - y1); x < x2; x += spacing) {
            cairo_move_to(cr, x, y2);
            cairo_line_to(cr, x + (y2 - y1), y1);
        }
        set_color(cr, shape.hatch->color);
        cairo_set_line_width(cr, pt(shape.hatch->width));
        cairo_stroke(cr);
        cairo_restore(cr);
        // The clip consumed the path: trace it again for the stroke.
        if (shape.stroke) {
            for (const display::PathElement& element : shape.path) {
                const display::Point* p = element.points;
                if (element.op == display::PathElement::Op::Move)
                    cairo_move_to(cr, X(p[0]), Y(p[0]));
                else if (element.op == display::PathElement::Op::Line)
                    cairo_line_to(cr, X(p[0]), Y(p[0]));
                else if (element.op == display::PathElement::Op::Curve)
                    cairo_curve_to(cr, X(p[0]), Y(p[0]), X(p[1]), Y(p[1]), X(p[2]), Y(p[2]));
                else
                    cairo_close_path(cr);
            }
        }
    }
    if (shape.stroke) {
        set_color(cr, shape.stroke->color);
        cairo_set_line_width(cr, pt(shape.stroke->width));
        std::vector<double> dashes;
        for (Length dash : shape.stroke->dashes)
            dashes.push_back(pt(dash));
        cairo_set_dash(cr, dashes.data(), static_cast<int>(dashes.size()), 0);
        cairo_set_line_cap(cr,
                           shape.stroke->round_caps ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
        cairo_stroke(cr);
        cairo_set_dash(cr, nullptr, 0, 0);
    }
    cairo_new_path(cr);
}

/// Draws items moved by `offset`. Groups add their offset here rather than through cairo's
/// matrix: a save, translate and restore per group (every label is one) costs more than the
/// additions.
void draw_at(cairo_t* cr, const std::vector<display::Item>& items, const display::FontTable& fonts,
             display::Point offset) {
    for (const display::Item& item : items) {
        if (auto* run = std::get_if<display::GlyphRun>(&item)) {
            draw_glyph_run(cr, *run, fonts, offset);
        } else if (auto* shape = std::get_if<display::Shape>(&item)) {
            draw_shape(cr, *shape, offset);
        } else if (auto* group = std::get_if<display::Group>(&item)) {
            display::Point inner{offset.x + group->offset.x, offset.y + group->offset.y};
            if (const auto& clip = group->clip) {
                cairo_save(cr);
                cairo_rectangle(cr, pt(inner.x + clip->x), pt(inner.y + clip->y), pt(clip->width),
                                pt(clip->height));
                cairo_clip(cr);
                draw_at(cr, group->items(), fonts, inner);
                cairo_restore(cr);
            } else {
                draw_at(cr, group->items(), fonts, inner);
            }
        }
    }
}

} // namespace

void draw_items(cairo_t* cr, const std::vector<display::Item>& items,
                const display::FontTable& fonts) {
    draw_at(cr, items, fonts, {0, 0});
}

} // namespace mipex::render
