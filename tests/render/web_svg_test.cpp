// The web flavour of render_svg on the default book's English charts: SVG an HTML page can
// hold many of (ids unique, no XML-only attributes), named by its title and description with
// its own text hidden from screen readers, marks that carry the numbers `mipex scores`
// prints, and colours that stand 3:1 from the page or are outlined (WCAG 2.1, 1.4.11).
#include "doc/build.h"
#include "doc/document.h"
#include "i18n/localizer.h"
#include "layout/fonts.h"
#include "layout/hyphenate.h"
#include "layout/layout.h"
#include "pipeline/pipeline.h"
#include "render/contrast.h"
#include "render/svg.h"
#include "support/epub.h"

#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <sstream>

using namespace mipex;
using mipex::testing::Xml;

namespace {

/// The default book in English, laid out with its charts alone, as the website takes it.
struct EnglishBook {
    std::unique_ptr<pipeline::CheckedProject> checked;
    doc::Document document;
    std::unique_ptr<layout::FontContext> fonts;
    display::Book book;

    EnglishBook() {
        checked = pipeline::check_project(MIPEX_SOURCE_DIR);
        REQUIRE_FALSE(checked->diagnostics.has_errors());
        i18n::Localizer localizer(checked->model, "en", checked->diagnostics);
        doc::DocumentOptions document_options;
        document_options.screen_texts = true;
        document = doc::build_document(checked->model, checked->scores, localizer,
                                       checked->diagnostics, document_options);
        fonts = std::make_unique<layout::FontContext>(
            layout::font_folders(pipeline::engine_root(), MIPEX_SOURCE_DIR), "en");
        layout::LayoutOptions options;
        options.hyphenation_folders = layout::Hyphenator::default_folders(pipeline::engine_root());
        options.chart_figures = true;
        book = layout::layout_document(document, *fonts, checked->diagnostics, options);
        REQUIRE(book.charts.size() == doc::charts_in(document).size());
    }

    const doc::Chart& chart(size_t i) const { return *doc::charts_in(document)[i]; }

    size_t index_of(const std::string& name) const {
        for (size_t i = 0; i < book.charts.size(); ++i)
            if (book.charts[i].name == name)
                return i;
        FAIL("no chart " << name);
        return 0;
    }

    /// The chart's SVG for a web page: its alt text and description, ids prefixed by its name.
    std::string web_svg(size_t i) const {
        const doc::Chart& spec = chart(i);
        render::SvgOptions options{spec.alt, spec.description, spec.name + "-", "en", false, false};
        options.web = true;
        return render::render_svg(book.charts[i], from_pt(4), *book.fonts, options);
    }
};

const EnglishBook& english() {
    static const EnglishBook book;
    return book;
}

std::vector<xmlNodePtr> marks_of(const Xml& svg) {
    return svg.select("//svg:g[@class='mark']");
}

/// `mipex scores` as a table: the shown score and the name of each country, by measure
/// ("overall", "lmm") and code, in the latest edition.
struct ScoresCsv {
    std::map<std::pair<std::string, std::string>, std::string> shown;
    std::map<std::string, std::string> names;
};

ScoresCsv latest_scores() {
    auto checked = pipeline::check_project(MIPEX_SOURCE_DIR);
    auto csv = pipeline::export_scores(*checked, std::nullopt, pipeline::ScoreFormat::Csv);
    REQUIRE(csv);
    std::vector<std::vector<std::string>> rows;
    std::istringstream lines(*csv);
    std::string line;
    std::getline(lines, line); // the header: country,name,year,level,measure,score,shown,…
    int latest = 0;
    while (std::getline(lines, line)) {
        std::vector<std::string> fields;
        std::istringstream cells(line);
        for (std::string cell; std::getline(cells, cell, ',');)
            fields.push_back(cell);
        REQUIRE(fields.size() >= 7);
        latest = std::max(latest, std::stoi(fields[2]));
        rows.push_back(std::move(fields));
    }
    ScoresCsv scores;
    for (const auto& fields : rows)
        // Group means ("mean:overall") have no rank and no mark of their own.
        if (std::stoi(fields[2]) == latest && !fields[3].starts_with("mean:")) {
            scores.shown[{fields[4], fields[0]}] = fields[6];
            scores.names[fields[0]] = fields[1];
        }
    return scores;
}

std::string hex(Color color) {
    char text[8];
    std::snprintf(text, sizeof text, "#%02x%02x%02x", color.r, color.g, color.b);
    return text;
}

} // namespace

TEST_CASE("contrast ratios are WCAG's: black on white 21:1, #777 on white 4.48:1") {
    const Color white{255, 255, 255, 255}, black{0, 0, 0, 255};
    CHECK(render::contrast_ratio(black, white) == Approx(21.0));
    CHECK(render::contrast_ratio(white, black) == Approx(21.0));
    CHECK(render::contrast_ratio(Color{0x77, 0x77, 0x77, 255}, white) ==
          Approx(4.478).epsilon(1e-3));
    CHECK(render::contrast_ratio(white, white) == Approx(1.0));
    // The lightest band colour, and the outline it is given.
    const Color pale{0xe0, 0xf3, 0xf8, 255};
    CHECK(render::contrast_ratio(pale, white) < 1.2);
    const Color outline = render::outline_for(pale, white);
    CHECK(render::contrast_ratio(outline, white) >= 3.0);
    CHECK(outline.b > outline.r); // still a blue
    // Half-transparent black over white is a mid grey.
    CHECK(render::over(Color{0, 0, 0, 128}, white) == Color{127, 127, 127, 255});
}

TEST_CASE("a web chart is SVG an HTML page takes: named by its title and description, a group "
          "of marks, its own text hidden from screen readers") {
    const EnglishBook& book = english();
    const size_t i = book.index_of("ranking-overall");
    const std::string svg = book.web_svg(i);
    Xml xml(svg, "ranking-overall.svg");
    REQUIRE(xml.ok());
    xmlNodePtr root = xml.root();
    CHECK(Xml::attribute(root, "class") == "chart");
    // A chart of focusable marks is a group: an img's children are presentational.
    CHECK(Xml::attribute(root, "role") == "group");
    CHECK(Xml::attribute(root, "aria-labelledby") == "ranking-overall-title");
    CHECK(Xml::attribute(root, "aria-describedby") == "ranking-overall-description");
    CHECK(xml.value("string(//svg:title[@id='ranking-overall-title'])") == book.chart(i).alt);
    CHECK(xml.value("string(//svg:desc[@id='ranking-overall-description'])") ==
          book.chart(i).description);
    CHECK(Xml::attribute(root, "lang") == "en");
    // HTML knows neither xml:lang nor xml:space (the Nu Html Checker rejects both).
    CHECK(Xml::attribute(root, "lang", testing::xml_namespace).empty());
    CHECK(Xml::attribute(root, "space", testing::xml_namespace).empty());
    CHECK(svg.find("xml:") == std::string::npos);

    const auto texts = xml.select("//svg:text");
    CHECK(texts.size() > 100);
    for (xmlNodePtr text : texts)
        CHECK(Xml::attribute(text, "aria-hidden") == "true");
    for (xmlNodePtr mark : marks_of(xml)) {
        CHECK(Xml::attribute(mark, "role") == "img");
        CHECK(Xml::attribute(mark, "tabindex") == "0");
        CHECK_FALSE(Xml::attribute(mark, "aria-label").empty());
    }

    // A chart without marks (the radar) stays one image.
    Xml radar(book.web_svg(book.index_of("radar-SE")), "radar.svg");
    REQUIRE(radar.ok());
    CHECK(Xml::attribute(radar.root(), "role") == "img");
    CHECK(marks_of(radar).empty());
}

TEST_CASE("the EPUB's chart SVG is as before: no marks, no web attributes") {
    const EnglishBook& book = english();
    const size_t i = book.index_of("ranking-overall");
    render::SvgOptions options{book.chart(i).alt, "", "ranking-overall-", "en", false, true};
    const std::string figure =
        render::render_svg(book.book.charts[i], from_pt(4), *book.book.fonts, options);
    CHECK(figure == render::render_svg(display::sheet(book.book.charts[i].frame, from_pt(4)),
                                       *book.book.fonts, options));
    CHECK(figure.find("class=\"mark\"") == std::string::npos);
    CHECK(figure.find("aria-hidden") == std::string::npos);
    CHECK(figure.find("xml:space=\"preserve\"") != std::string::npos);
}

TEST_CASE("two web charts in one page share no id, and each refers only to its own") {
    const EnglishBook& book = english();
    // Two maps: each has a clip path and hatching patterns of its own.
    const size_t first = book.index_of("map-europe-overall"),
                 second = book.index_of("map-europe-lmm");
    const std::string page = "<div xmlns=\"http://www.w3.org/1999/xhtml\">" + book.web_svg(first) +
                             book.web_svg(second) + "</div>";
    Xml xml(page, "page.html");
    REQUIRE(xml.ok());
    std::set<std::string> ids;
    size_t count = 0;
    for (xmlNodePtr node : xml.select("//*[@id]")) {
        ++count;
        ids.insert(Xml::attribute(node, "id"));
    }
    CHECK(count > 6);
    CHECK(ids.size() == count);
    // Every url(#…) and aria reference names an id inside its own chart.
    for (xmlNodePtr svg : xml.select("//svg:svg")) {
        std::set<std::string> own;
        for (xmlNodePtr node : xml.select(".//*[@id]", svg))
            own.insert(Xml::attribute(node, "id"));
        for (const char* attribute : {"aria-labelledby", "aria-describedby"})
            CHECK(own.count(Xml::attribute(svg, attribute)) == 1);
        for (xmlNodePtr node : xml.select(".//*[@fill or @clip-path]", svg))
            for (const char* attribute : {"fill", "clip-path"}) {
                const std::string value = Xml::attribute(node, attribute);
                if (value.starts_with("url(#"))
                    CHECK(own.count(value.substr(5, value.size() - 6)) == 1);
            }
    }
}

TEST_CASE("the marks of the rankings and maps carry each country's code, the score `mipex "
          "scores` shows and its name with that score") {
    const EnglishBook& book = english();
    const ScoresCsv scores = latest_scores();
    size_t charts = 0;
    for (size_t i = 0; i < book.book.charts.size(); ++i) {
        const std::string& name = book.book.charts[i].name;
        std::string measure;
        if (name.starts_with("ranking-"))
            measure = name.substr(8);
        else if (name.starts_with("map-europe-"))
            measure = name.substr(11);
        else
            continue;
        ++charts;
        Xml xml(book.web_svg(i), name);
        REQUIRE(xml.ok());
        const auto marks = marks_of(xml);
        std::set<std::string> countries;
        for (xmlNodePtr mark : marks) {
            const std::string country = Xml::attribute(mark, "data-country");
            INFO(name << " " << country);
            auto shown = scores.shown.find({measure, country});
            REQUIRE(shown != scores.shown.end());
            CHECK(Xml::attribute(mark, "data-value") == shown->second);
            CHECK(Xml::attribute(mark, "aria-label") ==
                  scores.names.at(country) + " " + shown->second);
            countries.insert(country);
        }
        // A ranking has a mark for every country ranked; a map of Europe for most of them.
        size_t ranked = 0;
        for (const auto& [key, value] : scores.shown)
            ranked += key.first == measure;
        INFO(name);
        if (name.starts_with("ranking-")) {
            CHECK(countries.size() == ranked);
            CHECK(marks.size() == ranked);
        } else {
            CHECK(countries.size() > ranked / 2);
        }
    }
    CHECK(charts >= 18);
}

TEST_CASE("every fill in the English edition's web charts stands 3:1 from the white page, or "
          "is outlined in a colour that does") {
    const EnglishBook& book = english();
    const Color white{255, 255, 255, 255};
    size_t fills = 0, outlined = 0;
    std::set<std::string> light;
    for (size_t i = 0; i < book.book.charts.size(); ++i) {
        Xml xml(book.web_svg(i), book.book.charts[i].name);
        REQUIRE(xml.ok());
        for (xmlNodePtr path : xml.select("//svg:path[starts-with(@fill, '#')]")) {
            ++fills;
            Color fill = *parse_color(Xml::attribute(path, "fill"));
            const std::string opacity = Xml::attribute(path, "fill-opacity");
            if (!opacity.empty())
                fill.a = static_cast<uint8_t>(std::lround(std::stod(opacity) * 255));
            fill = render::over(fill, white);
            if (render::contrast_ratio(fill, white) >= 3.0)
                continue;
            light.insert(hex(fill));
            INFO(book.book.charts[i].name << ": fill " << hex(fill) << " stands "
                                          << render::contrast_ratio(fill, white) << ":1");
            const std::string stroke = Xml::attribute(path, "stroke");
            REQUIRE_FALSE(stroke.empty());
            Color outline = *parse_color(stroke);
            const std::string stroke_opacity = Xml::attribute(path, "stroke-opacity");
            if (!stroke_opacity.empty())
                outline.a = static_cast<uint8_t>(std::lround(std::stod(stroke_opacity) * 255));
            INFO("outline " << stroke);
            CHECK(render::contrast_ratio(render::over(outline, white), white) >= 3.0);
            CHECK(Xml::attribute(path, "stroke-dasharray").empty());
            ++outlined;
        }
    }
    CHECK(fills > 1000);
    // The light band colours (#91bfdb, #e0f3f8, #fee090, #fc8d59), "no data" and the sea.
    CHECK(light.count("#e0f3f8") == 1);
    CHECK(light.count("#fee090") == 1);
    CHECK(outlined > 100);
}
