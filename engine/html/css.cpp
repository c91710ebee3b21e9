#include "html/css.h"

#include "base/text.h"

#include <cstdio>

namespace mipex::html {

/// A content document's file name from a section id: letters, digits, '-' and '_' only.
std::string file_stem(std::string_view id) {
    std::string out;
    for (char c : id)
        out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
    return out.empty() ? "section" : out;
}

/// "1.25em", "0".
std::string em(double value) {
    std::string number = format_decimal(value);
    return number == "0" ? number : number + "em";
}

std::string css_color(Color color) {
    if (color.a == 255)
        return format_color(color);
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "rgba(%d,%d,%d,%.3f)", color.r, color.g, color.b,
                  color.a / 255.0);
    return buffer;
}

/// A CSS font-family list from a style's families ("Noto Naskh Arabic, Noto Serif"), ending
/// in the generic family of the last.
std::string css_families(std::string_view families) {
    std::string out, last;
    size_t start = 0;
    while (start <= families.size()) {
        size_t end = families.find(',', start);
        if (end == std::string_view::npos)
            end = families.size();
        std::string family(trim(families.substr(start, end - start)));
        start = end + 1;
        if (family.empty())
            continue;
        out += (out.empty() ? "" : ", ") + ("\"" + family + "\"");
        last = family;
    }
    std::string generic = last.find("Sans") != std::string::npos ? "sans-serif" : "serif";
    return out.empty() ? generic : out + ", " + generic;
}

/// The title of a chart, whatever its kind.
const std::string& chart_title(const doc::Chart& chart) {
    return std::visit([](const auto& spec) -> const std::string& { return spec.title; },
                      chart.spec);
}

std::string book_rules(const std::map<std::string, const doc::Style*>& styles) {
    std::string out;
    const doc::Style* body = nullptr;
    if (auto found = styles.find("body"); found != styles.end())
        body = found->second;
    double base = body && body->size > 0 ? to_pt(body->size) : 10.0;
    Color text{0x1d, 0x1d, 0x1f, 255};
    if (body) {
        text = body->color;
        out += "body { font-family: " + css_families(body->family) + "; color: " + css_color(text) +
               "; }\n";
    }
    out += "p { margin: 0; }\n"
           "h1, h2, h3, h4, h5, h6 { hyphens: manual; }\n"
           "table.data { border-collapse: collapse; width: 100%; margin: 1em 0; }\n"
           "table.data caption { text-align: start; caption-side: top; margin-bottom: 0.3em; }\n"
           "table.data th, table.data td { padding: 0.2em 0.4em; vertical-align: top; text-align: "
           "start; "
           "font-weight: inherit; border-bottom: 1px solid #b9bec4; }\n"
           "table.data thead th, table.data thead td { border-bottom: 1.5px solid #5f6368; "
           "vertical-align: "
           "bottom; }\n"
           "table.data tr.group > * { border-top: 1px solid #5f6368; }\n"
           "table.data .a-end { text-align: end; }\n"
           "table.data .a-center { text-align: center; }\n"
           "figure.chart { margin: 1em 0 1.5em; }\n"
           "figure.chart svg { display: block; width: 100%; height: auto; }\n"
           "figure.chart figcaption { font-size: 0.85em; line-height: 1.35; margin-top: 0.3em; }\n"
           ".chart-description, .chart-data-link { margin: 0.2em 0; text-align: start; }\n"
           "dl.figures { display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; margin: 1em 0; }\n"
           "dl.figures .figure { display: flex; flex-direction: column-reverse; }\n"
           "dl.figures dd { margin: 0; padding-inline-start: 0.3em; }\n"
           "dl.figures dt { padding-inline-start: 0.3em; }\n"
           ".box { padding: 0.6em 0.8em; margin: 1em 0; }\n"
           ".footnotes { margin-top: 2em; border-top: 1px solid #b9bec4; padding-top: 0.5em; }\n"
           "aside.footnote p { margin: 0.3em 0; }\n"
           "nav ol { list-style: none; padding-inline-start: 1.2em; }\n"
           "nav > ol { padding-inline-start: 0; }\n"
           "nav li { margin: 0.2em 0; }\n"
           "sup { line-height: 0; }\n";
    for (const auto& [name, style] : styles) {
        double size = style->size > 0 ? to_pt(style->size) : base;
        out += ".s-" + file_stem(name) + " { font-family: " + css_families(style->family) +
               "; font-weight: " + std::to_string(style->weight) +
               "; font-style: " + (style->italic ? "italic" : "normal") +
               "; font-size: " + em(size / base);
        if (style->leading > 0)
            out += "; line-height: " + format_decimal(to_pt(style->leading) / size);
        out += "; color: " + css_color(style->color);
        switch (style->align) {
        case doc::Align::Justify:
            out += "; text-align: justify; hyphens: auto";
            break;
        case doc::Align::Center:
            out += "; text-align: center";
            break;
        case doc::Align::End:
            out += "; text-align: end";
            break;
        default:
            out += "; text-align: start";
            break;
        }
        out += "; margin-top: " + em(to_pt(style->space_before) / size) +
               "; margin-bottom: " + em(to_pt(style->space_after) / size);
        if (style->first_line_indent)
            out += "; text-indent: " + em(to_pt(style->first_line_indent) / size);
        if (style->tabular_numbers)
            out += "; font-variant-numeric: tabular-nums";
        out += "; }\n";
    }
    return out;
}

} // namespace mipex::html
