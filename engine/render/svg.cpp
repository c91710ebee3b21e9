#include "render/svg.h"

#include "base/xml.h"
#include "render/contrast.h"

#include <algorithm>
#include <cstdio>

namespace mipex::render {

namespace {

std::string number(Length length) {
    return format_pt(length);
}

/// A run's text as readers should get it: without the soft hyphens set at line ends.
std::string visible_text(const std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (static_cast<unsigned char>(text[i]) == 0xC2 && i + 1 < text.size() &&
            static_cast<unsigned char>(text[i + 1]) == 0xAD) {
            ++i;
            continue;
        }
        out += text[i];
    }
    return out;
}

std::string color_attributes(const char* name, Color color) {
    std::string out = std::string(" ") + name + "=\"" +
                      format_color(Color{color.r, color.g, color.b, 255}) + "\"";
    if (color.a != 255) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, " %s-opacity=\"%.3f\"", name, color.a / 255.0);
        out += buffer;
    }
    return out;
}

const Color white{255, 255, 255, 255};

/// A web mark's outline is at least this wide (a CSS pixel), so that its colour reads.
constexpr Length minimum_outline_width = 768;

class Writer {
public:
    /// `marks` are found by their groups' indices from the page's items (Mark::within).
    Writer(const display::FontTable& fonts, const SvgOptions& options,
           const std::vector<display::Mark>& marks = {})
        : m_fonts(fonts), m_options(options), m_marks(marks) {}

    void items(const std::vector<display::Item>& items, int depth) {
        // The marks drawn by these items, in order, none inside another.
        std::vector<const display::Mark*> marks;
        for (const display::Mark& mark : m_marks)
            if (mark.within == m_path && mark.first < mark.end)
                marks.push_back(&mark);
        size_t next = 0;
        bool in_mark = false;
        for (size_t i = 0; i < items.size(); ++i) {
            if (!in_mark && next < marks.size() && marks[next]->first == i) {
                open_mark(*marks[next], depth);
                in_mark = true;
                ++depth;
            }
            std::string pad(static_cast<size_t>(depth) * 2, ' ');
            const display::Item& item = items[i];
            if (auto* run = std::get_if<display::GlyphRun>(&item)) {
                glyph_run(*run, pad);
            } else if (auto* shape = std::get_if<display::Shape>(&item)) {
                this->shape(*shape, pad);
            } else if (auto* group = std::get_if<display::Group>(&item)) {
                m_path.push_back(static_cast<uint32_t>(i));
                this->group(*group, depth, pad);
                m_path.pop_back();
            }
            // Links and anchors lead to places in the book, which a lone chart does not have.
            if (in_mark && (i + 1 == marks[next]->end || i + 1 == items.size())) {
                --depth;
                body += std::string(static_cast<size_t>(depth) * 2, ' ') + "</g>\n";
                in_mark = false;
                ++next;
            }
        }
    }

    std::string body;
    std::string definitions;

private:
    /// A mark as a focusable graphic named by its label (the value shown on hover and focus
    /// by layouts/site/charts.js), with its country and number for scripts.
    void open_mark(const display::Mark& mark, int depth) {
        body += std::string(static_cast<size_t>(depth) * 2, ' ') + "<g class=\"mark\"";
        if (!mark.country.empty())
            body += " data-country=\"" + xml_escape(mark.country) + "\"";
        if (!mark.value.empty())
            body += " data-value=\"" + xml_escape(mark.value) + "\"";
        body += " tabindex=\"0\" role=\"img\" aria-label=\"" + xml_escape(mark.label) + "\">\n";
    }

    void glyph_run(const display::GlyphRun& run, const std::string& pad) {
        std::string text = visible_text(run.text);
        if (text.empty() || run.glyphs.empty())
            return;
        // Spaces at a run's ends are part of its width (the next run starts after them), but a
        // renderer trims them when it anchors a right-to-left run at its end: no-break spaces
        // are not trimmed.
        const size_t first = text.find_first_not_of(' '), last = text.find_last_not_of(' ');
        if (first == std::string::npos)
            return;
        const char* no_break_space = "\xC2\xA0";
        std::string ends;
        for (size_t k = 0; k < first; ++k)
            ends += no_break_space;
        ends += text.substr(first, last - first + 1);
        for (size_t k = last + 1; k < text.size(); ++k)
            ends += no_break_space;
        text = std::move(ends);
        const display::Font& font = m_fonts.at(run.font);
        bool bold = font.style.find("Bold") != std::string::npos;
        bool semibold = font.style.find("SemiBold") != std::string::npos;
        bool italic = font.style.find("Italic") != std::string::npos;
        // Generic fallbacks, for readers without the Noto fonts.
        std::string generic =
            font.family.find("Serif") != std::string::npos ? "serif" : "sans-serif";
        body += pad + "<text x=\"" + number(run.origin.x + run.glyphs.front().x()) + "\" y=\"" +
                number(run.origin.y + run.glyphs.front().y()) + "\" font-family=\"'" +
                xml_escape(font.family) + "', " + generic + "\" font-size=\"" + number(font.size) +
                "\"";
        if (semibold)
            body += " font-weight=\"600\"";
        else if (bold)
            body += " font-weight=\"700\"";
        if (italic)
            body += " font-style=\"italic\"";
        // x is the run's left edge. A run is one bidi level: set its text in that direction
        // (so neutral characters at its ends fall where pango put them) and anchor it at the
        // left, which is the end of a right-to-left run (SVG 1.1 §10.9.1, text-anchor).
        if (run.backward)
            body += " direction=\"rtl\" text-anchor=\"end\"";
        else if (m_options.right_to_left)
            body += " direction=\"ltr\"";
        if (m_options.web)
            body += " aria-hidden=\"true\"";
        body += color_attributes("fill", run.color) + ">" + xml_escape(text) + "</text>\n";
    }

    static void append_point(std::string& d, char op, const display::Point& point) {
        d += op;
        append_pt(d, point.x);
        d += ' ';
        append_pt(d, point.y);
    }

    std::string path_data(const display::Shape& shape) {
        std::string d;
        for (const display::PathElement& element : shape.path) {
            const display::Point* p = element.points;
            switch (element.op) {
            case display::PathElement::Op::Move:
                append_point(d, 'M', p[0]);
                break;
            case display::PathElement::Op::Line:
                append_point(d, 'L', p[0]);
                break;
            case display::PathElement::Op::Curve:
                append_point(d, 'C', p[0]);
                append_point(d, ' ', p[1]);
                append_point(d, ' ', p[2]);
                break;
            case display::PathElement::Op::Close:
                d += 'Z';
                break;
            }
        }
        return d;
    }

    /// The stroke a web chart draws a shape with. Two shapes that touch (bars in adjacent
    /// rows, countries on a map) must stand 3:1 apart or be separated by an outline that
    /// stands 3:1 from both (WCAG 2.1, 1.4.11): the band colours do not (#4575b4 beside
    /// #91bfdb is 2.4:1). Near-black stands 3:1 from every fill of relative luminance 0.1 or
    /// more, which every band colour has, so such fills are outlined in it; a darker fill
    /// keeps its own stroke, or gets a shade of itself that stands 3:1 from the page.
    std::optional<display::Stroke> web_stroke(const display::Shape& shape) const {
        if (!shape.fill)
            return shape.stroke;
        const Color fill = over(*shape.fill, white);
        const Color separator{0x1d, 0x1d, 0x1f, 255};
        if (fill == white)
            return shape.stroke;
        if (contrast_ratio(fill, separator) >= 3.0) {
            display::Stroke outline{separator, minimum_outline_width, {}, false};
            if (shape.stroke && shape.stroke->dashes.empty())
                outline.width = std::max(outline.width, shape.stroke->width);
            return outline;
        }
        if (contrast_ratio(fill, white) >= 3.0)
            return shape.stroke;
        if (shape.stroke && shape.stroke->dashes.empty() &&
            contrast_ratio(over(shape.stroke->color, white), white) >= 3.0)
            return shape.stroke;
        display::Stroke outline{outline_for(fill, white), minimum_outline_width, {}, false};
        if (shape.stroke)
            outline.width = std::max(outline.width, shape.stroke->width);
        return outline;
    }

    void shape(const display::Shape& shape, const std::string& pad) {
        std::string d = path_data(shape);
        std::string attributes =
            shape.fill ? color_attributes("fill", *shape.fill) : " fill=\"none\"";
        const std::optional<display::Stroke> stroke =
            m_options.web ? web_stroke(shape) : shape.stroke;
        if (stroke) {
            attributes += color_attributes("stroke", stroke->color) + " stroke-width=\"" +
                          number(stroke->width) + "\"";
            if (!stroke->dashes.empty()) {
                attributes += " stroke-dasharray=\"";
                for (size_t i = 0; i < stroke->dashes.size(); ++i)
                    attributes += (i ? " " : "") + number(stroke->dashes[i]);
                attributes += "\"";
            }
            if (stroke->round_caps)
                attributes += " stroke-linecap=\"round\"";
        }
        body += pad + "<path d=\"" + d + "\"" + attributes + "/>\n";
        if (shape.hatch) {
            std::string id = m_options.id_prefix + "hatch-" + std::to_string(m_hatches++);
            definitions +=
                "    <pattern id=\"" + id + "\" patternUnits=\"userSpaceOnUse\" width=\"" +
                number(shape.hatch->spacing) + "\" height=\"" + number(shape.hatch->spacing) +
                "\" patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"" +
                number(shape.hatch->spacing) + "\"" +
                color_attributes("stroke", shape.hatch->color) + " stroke-width=\"" +
                number(shape.hatch->width) + "\"/></pattern>\n";
            body += pad + "<path d=\"" + d + "\" fill=\"url(#" + id + ")\"/>\n";
        }
    }

    void group(const display::Group& group, int depth, const std::string& pad) {
        std::string attributes = " transform=\"translate(" + number(group.offset.x) + " " +
                                 number(group.offset.y) + ")\"";
        if (group.clip) {
            std::string id = m_options.id_prefix + "clip-" + std::to_string(m_clips++);
            definitions += "    <clipPath id=\"" + id + "\"><rect x=\"" + number(group.clip->x) +
                           "\" y=\"" + number(group.clip->y) + "\" width=\"" +
                           number(group.clip->width) + "\" height=\"" + number(group.clip->height) +
                           "\"/></clipPath>\n";
            attributes += " clip-path=\"url(#" + id + ")\"";
        }
        body += pad + "<g" + attributes + ">\n";
        items(group.items(), depth + 1);
        body += pad + "</g>\n";
    }

    const display::FontTable& m_fonts;
    const SvgOptions& m_options;
    const std::vector<display::Mark>& m_marks;
    std::vector<uint32_t> m_path; ///< the groups the items being written are in, by index
    int m_hatches = 0;
    int m_clips = 0;
};

} // namespace

namespace {

std::string write_svg(const display::Page& page, const display::FontTable& fonts,
                      const SvgOptions& options, const std::vector<display::Mark>& marks) {
    Writer writer(fonts, options, marks);
    writer.items(page.items, 1);
    // The alt text names the image and the description describes it (WAI-ARIA Graphics:
    // role="img", aria-labelledby, aria-describedby). Without a description (the EPUB prints
    // it beside the chart) there is no <desc>, so a screen reader does not read it twice.
    std::string title_id = options.id_prefix + "title",
                description_id = options.id_prefix + "description";
    // A chart whose marks are graphics of their own is a group of them (svg.h).
    const char* role = options.web && !marks.empty() ? "group" : "img";
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\"";
    if (options.web)
        out += " class=\"chart\"";
    out += " width=\"" + number(page.width) + "pt\" height=\"" + number(page.height) +
           "pt\" viewBox=\"0 0 " + number(page.width) + " " + number(page.height) + "\" role=\"" +
           role + "\" aria-labelledby=\"" + title_id + "\"";
    if (!options.description.empty())
        out += " aria-describedby=\"" + description_id + "\"";
    if (!options.language.empty()) {
        if (!options.web)
            out += " xml:lang=\"" + xml_escape(options.language) + "\"";
        if (!options.inline_in_xhtml)
            out += " lang=\"" + xml_escape(options.language) + "\"";
    }
    if (options.right_to_left)
        out += " direction=\"rtl\"";
    // Each run is placed where pango put it, spaces at its ends included: keep them (by
    // default SVG drops them, which moves a right-to-left run by a space). HTML has no
    // xml:space: the web flavour's stylesheet says white-space: pre.
    out += options.web ? ">\n" : " xml:space=\"preserve\">\n";
    out += "  <title id=\"" + title_id + "\">" + xml_escape(options.title) + "</title>\n";
    if (!options.description.empty())
        out += "  <desc id=\"" + description_id + "\">" + xml_escape(options.description) +
               "</desc>\n";
    if (!writer.definitions.empty())
        out += "  <defs>\n" + writer.definitions + "  </defs>\n";
    out += "  <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
    out += writer.body;
    out += "</svg>\n";
    return out;
}

} // namespace

std::string render_svg(const display::Page& page, const display::FontTable& fonts,
                       const SvgOptions& options) {
    return write_svg(page, fonts, options, {});
}

std::string render_svg(const display::ChartFigure& figure, Length margin,
                       const display::FontTable& fonts, const SvgOptions& options) {
    // The sheet holds the chart's frame as its one group: the marks are inside it. Only the
    // web flavour draws them.
    std::vector<display::Mark> marks;
    if (options.web)
        for (display::Mark mark : figure.marks) {
            mark.within.insert(mark.within.begin(), 0);
            marks.push_back(std::move(mark));
        }
    return write_svg(display::sheet(figure.frame, margin), fonts, options, marks);
}

} // namespace mipex::render
