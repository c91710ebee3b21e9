#include "render/svg.h"

#include "base/xml.h"

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

class Writer {
public:
    Writer(const display::FontTable& fonts, const SvgOptions& options)
        : m_fonts(fonts), m_options(options) {}

    void items(const std::vector<display::Item>& items, int depth) {
        std::string pad(static_cast<size_t>(depth) * 2, ' ');
        for (const display::Item& item : items) {
            if (auto* run = std::get_if<display::GlyphRun>(&item))
                glyph_run(*run, pad);
            else if (auto* shape = std::get_if<display::Shape>(&item))
                this->shape(*shape, pad);
            else if (auto* group = std::get_if<display::Group>(&item))
                this->group(*group, depth, pad);
            // Links and anchors lead to places in the book, which a lone chart does not have.
        }
    }

    std::string body;
    std::string definitions;

private:
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

    void shape(const display::Shape& shape, const std::string& pad) {
        std::string d = path_data(shape);
        std::string attributes =
            shape.fill ? color_attributes("fill", *shape.fill) : " fill=\"none\"";
        if (shape.stroke) {
            attributes += color_attributes("stroke", shape.stroke->color) + " stroke-width=\"" +
                          number(shape.stroke->width) + "\"";
            if (!shape.stroke->dashes.empty()) {
                attributes += " stroke-dasharray=\"";
                for (size_t i = 0; i < shape.stroke->dashes.size(); ++i)
                    attributes += (i ? " " : "") + number(shape.stroke->dashes[i]);
                attributes += "\"";
            }
            if (shape.stroke->round_caps)
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
    int m_hatches = 0;
    int m_clips = 0;
};

} // namespace

std::string render_svg(const display::Page& page, const display::FontTable& fonts,
                       const SvgOptions& options) {
    Writer writer(fonts, options);
    writer.items(page.items, 1);
    // The alt text names the image and the description describes it (WAI-ARIA Graphics:
    // role="img", aria-labelledby, aria-describedby). Without a description (the EPUB prints
    // it beside the chart) there is no <desc>, so a screen reader does not read it twice.
    std::string title_id = options.id_prefix + "title",
                description_id = options.id_prefix + "description";
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + number(page.width) +
                      "pt\" height=\"" + number(page.height) + "pt\" viewBox=\"0 0 " +
                      number(page.width) + " " + number(page.height) +
                      "\" role=\"img\" aria-labelledby=\"" + title_id + "\"";
    if (!options.description.empty())
        out += " aria-describedby=\"" + description_id + "\"";
    if (!options.language.empty()) {
        out += " xml:lang=\"" + xml_escape(options.language) + "\"";
        if (!options.inline_in_xhtml)
            out += " lang=\"" + xml_escape(options.language) + "\"";
    }
    if (options.right_to_left)
        out += " direction=\"rtl\"";
    // Each run is placed where pango put it, spaces at its ends included: keep them (by
    // default SVG drops them, which moves a right-to-left run by a space).
    out += " xml:space=\"preserve\">\n";
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

} // namespace mipex::render
