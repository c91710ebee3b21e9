#include "site/pages.h"

#include "base/text.h"
#include "base/xml.h"
#include "doc/site_content.h"
#include "html/blocks.h"
#include "html/css.h"
#include "render/png.h"
#include "render/svg.h"
#include "site/downloads.h"
#include "site/fonts.h"
#include "site/paths.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

namespace mipex::site {

namespace {

using html::Content;

/// The share images: a chart at the text's width at this resolution (about 570 px wide, above
/// the 300 px of X's large cards and the 200 px Facebook needs), with this margin (pt) of
/// white around it. Larger images cost more than the rest of a language's pages: 144 dpi
/// took three times as long.
constexpr double share_image_dpi = 96;
constexpr double share_image_margin = 12;

std::string escape(const std::string& text) {
    return xml_escape(text);
}

/// A picture a shared link shows (Open Graph, ogp.me: og:image and its structured
/// properties).
struct ShareImage {
    std::string path; ///< relative to the site's root
    int width = 0;    ///< in pixels
    int height = 0;
    std::string alt; ///< the chart's alt text
};

/// The parts of a page besides its main content.
struct PageFrame {
    std::string path;        ///< relative to the site's root
    std::string title;       ///< the page's own title ("Sweden")
    std::string description; ///< meta description; empty: the site's
    /// The same page in each language ({tag, path}); empty for a page without alternates.
    std::vector<std::pair<std::string, std::string>> alternates;
    bool home = false;
    /// What a link to the page shows when shared; null: the site's image.
    const ShareImage* image = nullptr;
};

class LanguageSite final : public html::Links {
public:
    LanguageSite(const doc::Document& document, const display::Book& book,
                 const LanguageSiteOptions& options)
        : m_doc(document), m_book(book), m_options(options), m_site(*document.site_content),
          m_texts(m_site.texts), m_language(document.metadata.language),
          m_blocks(document, block_options(), *this) {}

    std::vector<File> run(std::string& error) {
        plan();
        m_site_image = share_image(site_image_chart(), m_language + "/share/site.png");
        home();
        for (size_t a = 0; a < m_site.areas.size(); ++a)
            area(a);
        for (size_t c = 0; c < m_site.countries.size(); ++c)
            if (m_site.countries[c].in_edition)
                country(c);
        indicators_index();
        for (size_t i = 0; i < m_site.indicators.size(); ++i)
            indicator(i);
        compare();
        text_page("how-to-read", m_how_to_read, m_texts.how_to_read);
        text_page("colophon", m_colophon, m_texts.colophon);
        downloads();
        search();
        not_found(named_page(m_language, "404"), false);
        if (m_options.root_pages) {
            root_index();
            not_found("404.html", true);
        }
        // The book's faces, for every character the pages and style sheets show.
        const std::string stylesheet_path = m_language + "/book.css";
        std::string css = stylesheet();
        std::vector<std::string_view> texts{css, m_options.asset_text};
        for (const File& file : m_files)
            texts.push_back(file.data);
        WebFonts fonts = web_fonts(m_book, texts, stylesheet_path, m_error);
        m_files.push_back({stylesheet_path, fonts.rules + css});
        for (File& file : fonts.files)
            m_files.push_back(std::move(file));
        for (File& file : m_images)
            m_files.push_back(std::move(file));
        error = m_error;
        return error.empty() ? std::move(m_files) : std::vector<File>{};
    }

    // html::Links: a destination is on the page that shows its section, when one does.
    std::string destination(const std::string& anchor, const Content& from) const override {
        auto found = m_blocks.destinations().find(anchor);
        if (found == m_blocks.destinations().end())
            return "";
        size_t section = found->second;
        if (from.section == section && m_rendered.count(section))
            return "#" + anchor;
        std::string page = section_page(section);
        std::string href = relative_url(from.href, page);
        if (m_rendered.count(section))
            href += "#" + anchor;
        return href;
    }
    std::string chart_data(const doc::Chart&, const Content&) const override { return ""; }
    // The site's own navigation stands for the book's contents.
    std::string table_of_contents(Content&) override { return ""; }

private:
    html::BlockOptions block_options() const {
        html::BlockOptions options;
        options.flavour = html::Flavour::Html;
        options.source_language = m_doc.source_language;
        options.source_language_keys = &m_doc.untranslated_keys;
        options.chart_svgs = &m_svgs;
        options.chart_data = m_site.texts.chart_data;
        return options;
    }

    // --- planning: which page shows which section -----------------------------------------

    void plan() {
        for (size_t s = 0; s < m_doc.sections.size(); ++s) {
            const doc::Section& section = m_doc.sections[s];
            if (section.id == "how_to_read")
                m_how_to_read = s;
            else if (section.kind == doc::Section::Kind::Colophon)
                m_colophon = s;
        }
        std::vector<const doc::Chart*> charts = doc::charts_in(m_doc);
        for (size_t i = 0; i < charts.size() && i < m_book.charts.size(); ++i) {
            const doc::Chart& chart = *charts[i];
            m_charts.emplace(chart.name, std::make_pair(&chart, i));
            // Its title names it and its description says what it shows; ids prefixed with
            // its name, unique in any page that holds it.
            render::SvgOptions svg;
            svg.title = chart.alt;
            svg.description = chart.description;
            svg.id_prefix = chart.name + "-";
            svg.language = m_language;
            svg.right_to_left = m_doc.right_to_left;
            svg.web = true;
            m_svgs.emplace(chart.name,
                           render::render_svg(m_book.charts[i], from_pt(4), *m_book.fonts, svg));
        }
    }

    /// The page that shows a section: an area's chapter, a country's profile, how to read
    /// the index, the colophon; the home page for the rest (the title page, the contents,
    /// the parts' openers), the indicators' list for the annex.
    std::string section_page(size_t s) const {
        const doc::Section& section = m_doc.sections[s];
        if (section.id.starts_with("area-"))
            return area_page(m_language, section.id.substr(5));
        if (section.id.starts_with("country-"))
            return country_page(m_language, section.id.substr(8));
        if (s == m_how_to_read)
            return named_page(m_language, "how-to-read");
        if (s == m_colophon)
            return named_page(m_language, "colophon");
        if (section.kind == doc::Section::Kind::Annex)
            return named_page(m_language, "indicators");
        return home_page(m_language);
    }

    std::optional<size_t> section_of(const std::string& id) const {
        for (size_t s = 0; s < m_doc.sections.size(); ++s)
            if (m_doc.sections[s].id == id)
                return s;
        return std::nullopt;
    }

    // --- the frame of every page -----------------------------------------------------------

    /// The same page in every language: `path_in(tag)` gives its path in that language.
    template <class PathIn>
    std::vector<std::pair<std::string, std::string>> alternates(PathIn path_in) const {
        std::vector<std::pair<std::string, std::string>> out;
        for (const SiteLanguage& language : m_options.languages)
            out.emplace_back(language.tag, path_in(language.tag));
        return out;
    }

    std::string url(const std::string& from, const std::string& to) const {
        return escape(relative_url(from, to));
    }

    std::string absolute(const std::string& path) const {
        return m_options.base_url.empty() ? "" : m_options.base_url + path;
    }

    std::string head(const PageFrame& frame) const {
        const std::string& from = frame.path;
        std::string title = m_texts.title_before +
                            (frame.home ? m_doc.metadata.title : frame.title) + m_texts.title_after;
        std::string description =
            frame.description.empty() ? m_texts.description : frame.description;
        std::string out = "<!DOCTYPE html>\n<html lang=\"" + escape(m_language) + "\" dir=\"" +
                          (m_doc.right_to_left ? "rtl" : "ltr") + "\">\n<head>\n";
        out += "<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
        // No script, style or font from anywhere but the site itself (CSP 3).
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; "
               "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'\">\n";
        out += "<title>" + escape(title) + "</title>\n";
        out += "<meta name=\"description\" content=\"" + escape(description) + "\">\n";
        std::string canonical = absolute(from);
        if (!canonical.empty())
            out += "<link rel=\"canonical\" href=\"" + escape(canonical) + "\">\n";
        for (const auto& [tag, path] : frame.alternates) {
            std::string href = absolute(path);
            out += "<link rel=\"alternate\" hreflang=\"" + escape(tag) + "\" href=\"" +
                   (href.empty() ? url(from, path) : escape(href)) + "\">\n";
        }
        // Open Graph (ogp.me): what a shared link shows.
        out += "<meta property=\"og:type\" content=\"website\">\n";
        out += "<meta property=\"og:title\" content=\"" + escape(title) + "\">\n";
        out += "<meta property=\"og:description\" content=\"" + escape(description) + "\">\n";
        out += "<meta property=\"og:locale\" content=\"" + escape(m_language) + "\">\n";
        if (!canonical.empty())
            out += "<meta property=\"og:url\" content=\"" + escape(canonical) + "\">\n";
        if (const ShareImage* image = frame.image ? frame.image : m_site_image.get()) {
            // Absolute where the site's address is known, as Open Graph asks; relative
            // otherwise, so that the page's preview still finds it.
            std::string href = absolute(image->path);
            out += "<meta property=\"og:image\" content=\"" +
                   (href.empty() ? url(from, image->path) : escape(href)) + "\">\n";
            out += "<meta property=\"og:image:type\" content=\"image/png\">\n";
            out += "<meta property=\"og:image:width\" content=\"" + std::to_string(image->width) +
                   "\">\n";
            out += "<meta property=\"og:image:height\" content=\"" + std::to_string(image->height) +
                   "\">\n";
            out += "<meta property=\"og:image:alt\" content=\"" + escape(image->alt) + "\">\n";
        }
        out += "<link rel=\"stylesheet\" href=\"" + url(from, "assets/site.css") + "\">\n";
        out += "<link rel=\"stylesheet\" href=\"" + url(from, m_language + "/book.css") + "\">\n";
        out += "<link rel=\"stylesheet\" href=\"" + url(from, "assets/charts.css") + "\">\n";
        out += "<script src=\"" + url(from, "assets/site.js") + "\" defer></script>\n";
        out += "<script src=\"" + url(from, "assets/charts.js") + "\" defer></script>\n";
        out += "<script src=\"" + url(from, "assets/search.js") + "\" defer></script>\n";
        out += "</head>\n";
        return out;
    }

    std::string header(const PageFrame& frame) const {
        const std::string& from = frame.path;
        std::string out = "<body>\n<a class=\"skip\" href=\"#main\">" +
                          escape(m_texts.skip_to_content) + "</a>\n<header class=\"site\">\n";
        out += "<a class=\"brand\" href=\"" + url(from, home_page(m_language)) + "\">" +
               escape(m_texts.site_title) + "</a>\n";
        out += "<nav class=\"main\" aria-label=\"" + escape(m_texts.main_navigation) + "\"><ul>\n";
        auto item = [&](const std::string& path, const std::string& label) {
            std::string current = path == from ? " aria-current=\"page\"" : "";
            out += "<li><a href=\"" + url(from, path) + "\"" + current + ">" + escape(label) +
                   "</a></li>\n";
        };
        item(home_page(m_language) + "#areas", m_texts.areas);
        item(home_page(m_language) + "#countries", m_texts.countries);
        item(named_page(m_language, "indicators"), m_texts.indicators);
        item(named_page(m_language, "compare"), m_texts.compare);
        item(named_page(m_language, "how-to-read"), m_texts.how_to_read);
        item(named_page(m_language, "downloads"), m_texts.downloads);
        out += "</ul></nav>\n";
        out += search_form(from);
        if (m_options.languages.size() > 1 && !frame.alternates.empty()) {
            out +=
                "<nav class=\"languages\" aria-label=\"" + escape(m_texts.language) + "\"><ul>\n";
            for (size_t l = 0; l < m_options.languages.size(); ++l) {
                const SiteLanguage& language = m_options.languages[l];
                const std::string& path = frame.alternates[l].second;
                std::string attributes = " hreflang=\"" + escape(language.tag) + "\" lang=\"" +
                                         escape(language.tag) + "\" dir=\"" +
                                         (language.right_to_left ? "rtl" : "ltr") + "\"";
                if (language.tag == m_language)
                    attributes += " aria-current=\"true\"";
                out += "<li><a href=\"" + url(from, path) + "\"" + attributes + ">" +
                       escape(language.name) + "</a></li>\n";
            }
            out += "</ul></nav>\n";
        }
        out += "</header>\n";
        return out;
    }

    std::string search_form(const std::string& from) const {
        return search_form_html(from, m_language, m_texts.search_label);
    }

    std::string footer(const std::string& from) const {
        std::string out = "<footer class=\"site\">\n<p>" + escape(m_doc.metadata.title) + "</p>\n";
        out += "<ul>\n<li><a href=\"" + url(from, named_page(m_language, "colophon")) + "\">" +
               escape(m_texts.colophon) + "</a></li>\n<li><a href=\"" +
               url(from, named_page(m_language, "downloads")) + "\">" + escape(m_texts.downloads) +
               "</a></li>\n</ul>\n</footer>\n";
        return out;
    }

    void page(const PageFrame& frame, const std::string& main) {
        std::string out = head(frame) + header(frame);
        out += "<main id=\"main\">\n" + main + "</main>\n";
        out += footer(frame.path);
        out += "</body>\n</html>\n";
        m_files.push_back({frame.path, std::move(out)});
    }

    // --- what pages hold -------------------------------------------------------------------

    /// The blocks of a section, its first heading the page's h1.
    std::string section_blocks(size_t s, const std::string& path) {
        Content content;
        content.section = s;
        content.href = path;
        m_rendered.insert(s);
        m_blocks.begin_section(s, 1);
        const doc::Section& section = m_doc.sections[s];
        for (size_t b = 0; b < section.blocks.size(); ++b)
            m_blocks.block(content, section.blocks[b], b);
        m_blocks.footnotes(content);
        return content.out;
    }

    /// A chart of the book by name, with its data below it, or nothing.
    std::string chart(const std::string& name, const std::string& path) {
        auto found = m_charts.find(name);
        if (found == m_charts.end())
            return "";
        Content content;
        content.href = path;
        m_blocks.chart(content, *found->second.first);
        return content.out;
    }

    /// The chart the pages without one of their own show when shared: the map of Europe,
    /// wider than high as link previews are, or else the overall ranking.
    std::string site_image_chart() const {
        for (const char* name : {"map-europe-overall", "ranking-overall"})
            if (m_charts.count(name))
                return name;
        return "";
    }

    /// A chart of the book as a PNG at `path`, to stand for a page where it is shared; null
    /// when the book has no such chart.
    std::unique_ptr<ShareImage> share_image(const std::string& name, const std::string& path) {
        auto found = m_charts.find(name);
        if (found == m_charts.end())
            return nullptr;
        const auto& [chart, index] = found->second;
        render::PngImage png = render::render_png(
            display::sheet(m_book.charts[index].frame, from_pt(share_image_margin)), *m_book.fonts,
            share_image_dpi);
        if (!png.error.empty()) {
            m_error = png.error;
            return nullptr;
        }
        m_images.push_back({path, std::move(png.bytes)});
        return std::make_unique<ShareImage>(ShareImage{path, png.width, png.height, chart->alt});
    }

    /// ` data-measure=… data-year=… data-value=…`: where tests and scripts read a number.
    static std::string number_attributes(const std::string& measure, const std::string& year,
                                         const std::string& plain) {
        if (plain.empty())
            return "";
        return " data-measure=\"" + escape(measure) + "\" data-year=\"" + escape(year) +
               "\" data-value=\"" + escape(plain) + "\"";
    }

    std::string band_cell(const doc::SiteScore& score) const {
        if (!score.band)
            return "<td></td>";
        return "<td><span class=\"band band-" + std::to_string(*score.band + 1) + "\">" +
               escape(m_site.bands[*score.band].label) + "</span></td>";
    }

    /// A table of scores: a row per measure (`rows`), columns for the editions, the change,
    /// the rank and the band, and the average.
    std::string scores_table(const doc::SiteCountry& country, const std::vector<size_t>& rows,
                             const std::string& caption) const {
        const bool previous = !m_site.previous_year.empty();
        std::string out = "<table class=\"scores\">\n<caption>" + escape(caption) +
                          "</caption>\n<thead><tr><td></td>";
        if (previous)
            out += "<th scope=\"col\">" + escape(m_site.previous_year) + "</th>";
        out += "<th scope=\"col\">" + escape(m_site.current_year) + "</th>";
        if (previous)
            out += "<th scope=\"col\">" + escape(m_texts.change) + "</th>";
        out += "<th scope=\"col\">" + escape(m_texts.rank) + "</th><th scope=\"col\">" +
               escape(m_texts.band) + "</th><th scope=\"col\">" + escape(m_texts.average) +
               "</th></tr></thead>\n<tbody>\n";
        for (size_t m : rows) {
            const doc::SiteMeasure& measure = m_site.measures[m];
            const doc::SiteScore& score = country.scores[m];
            std::string row_class =
                measure.kind == doc::SiteMeasure::Kind::Dimension ? " class=\"dimension\"" : "";
            out += "<tr" + row_class + "><th scope=\"row\">" + escape(measure.name) + "</th>";
            if (previous)
                out += "<td class=\"number\"" +
                       number_attributes(measure.id, m_site.previous_year_plain,
                                         score.previous_plain) +
                       ">" + escape(score.previous) + "</td>";
            out += "<td class=\"number\"" +
                   number_attributes(measure.id, m_site.current_year_plain, score.current_plain) +
                   ">" + escape(score.current) + "</td>";
            if (previous)
                out += "<td class=\"number\">" + escape(score.change) + "</td>";
            out += "<td class=\"number\">" + escape(score.rank_text) + "</td>";
            out += band_cell(score);
            out += "<td class=\"number\">" + escape(m_site.averages[m].current) + "</td></tr>\n";
        }
        return out + "</tbody>\n</table>\n";
    }

    std::vector<size_t> measures_of(doc::SiteMeasure::Kind kind) const {
        std::vector<size_t> out;
        for (size_t m = 0; m < m_site.measures.size(); ++m)
            if (m_site.measures[m].kind == kind)
                out.push_back(m);
        return out;
    }

    std::string link_list(const std::string& from,
                          const std::vector<std::pair<std::string, std::string>>& links,
                          const std::string& classes = "") const {
        std::string out = "<ul" + (classes.empty() ? "" : " class=\"" + classes + "\"") + ">\n";
        for (const auto& [path, label] : links)
            out += "<li><a href=\"" + url(from, path) + "\">" + escape(label) + "</a></li>\n";
        return out + "</ul>\n";
    }

    std::string countries_list(const std::string& from) const {
        std::vector<std::pair<std::string, std::string>> links;
        for (size_t c : m_site.countries_by_name)
            if (m_site.countries[c].in_edition)
                links.emplace_back(country_page(m_language, m_site.countries[c].code),
                                   m_site.countries[c].name);
        return link_list(from, links, "columns");
    }

    std::string bands_table() const {
        std::string out = "<table class=\"bands\">\n<caption>" + escape(m_texts.band) +
                          "</caption>\n<thead><tr><th scope=\"col\">" + escape(m_texts.score) +
                          "</th><th scope=\"col\">" + escape(m_texts.band) +
                          "</th></tr></thead>\n<tbody>\n";
        for (size_t b = 0; b < m_site.bands.size(); ++b)
            out += "<tr><td class=\"number\">" + escape(m_site.bands[b].range) +
                   "</td><td><span class=\"band band-" + std::to_string(b + 1) + "\">" +
                   escape(m_site.bands[b].label) + "</span></td></tr>\n";
        return out + "</tbody>\n</table>\n";
    }

    // --- the pages -------------------------------------------------------------------------

    void home() {
        PageFrame frame{home_page(m_language), m_texts.site_title, "",
                        alternates([](const std::string& tag) { return home_page(tag); }), true};
        const std::string& from = frame.path;
        std::string main = "<h1>" + escape(m_doc.metadata.title) + "</h1>\n";
        main += "<p class=\"lead\">" + escape(m_texts.description) + "</p>\n";
        main += chart("ranking-overall", from);
        main += chart("map-europe-overall", from);
        main += chart("map-world-overall", from);
        main += bands_table();
        main += "<h2 id=\"areas\">" + escape(m_texts.areas) + "</h2>\n";
        std::vector<std::pair<std::string, std::string>> areas;
        for (const doc::SiteArea& area : m_site.areas)
            areas.emplace_back(area_page(m_language, area.id), area.name);
        main += link_list(from, areas);
        main += chart("areas-average", from);
        main += "<h2 id=\"countries\">" + escape(m_texts.countries) + "</h2>\n";
        main += countries_list(from);
        main += "<p><a href=\"" + url(from, named_page(m_language, "compare")) + "\">" +
                escape(m_texts.compare) + "</a></p>\n";
        page(frame, main);
    }

    void area(size_t a) {
        const doc::SiteArea& area = m_site.areas[a];
        PageFrame frame{
            area_page(m_language, area.id), area.name, "",
            alternates([&](const std::string& tag) { return area_page(tag, area.id); })};
        const std::string& from = frame.path;
        std::string main;
        if (auto s = section_of("area-" + area.id))
            main += section_blocks(*s, from);
        else
            main += "<h1>" + escape(area.name) + "</h1>\n";
        main += "<h2 id=\"indicators\">" + escape(m_texts.indicators) + "</h2>\n";
        for (const doc::SiteDimension& dimension : area.dimensions) {
            // The search's dimension links land here (dimension_link).
            main += "<h3 id=\"" + escape(slug(dimension.id)) + "\">" + escape(dimension.name) +
                    "</h3>\n";
            std::vector<std::pair<std::string, std::string>> links;
            for (size_t i : dimension.indicators)
                links.emplace_back(indicator_page(m_language, m_site.indicators[i].id),
                                   m_site.indicators[i].name);
            main += link_list(from, links);
        }
        main += "<p><a href=\"" + url(from, area_data_path(area.id)) + "\" download>" +
                escape(m_texts.dataset) + " (CSV)</a></p>\n";
        page(frame, main);
    }

    void country(size_t c) {
        const doc::SiteCountry& country = m_site.countries[c];
        PageFrame frame{
            country_page(m_language, country.code), country.name, "",
            alternates([&](const std::string& tag) { return country_page(tag, country.code); })};
        std::unique_ptr<ShareImage> image = share_image(
            "areas-" + country.code, m_language + "/share/country-" + slug(country.code) + ".png");
        frame.image = image.get();
        const std::string& from = frame.path;
        std::string main;
        if (auto s = section_of("country-" + country.code))
            main += section_blocks(*s, from);
        else
            main += "<h1>" + escape(country.name) + "</h1>\n";
        main += "<h2 id=\"scores\">" + escape(m_texts.area_scores) + "</h2>\n";
        std::vector<size_t> rows = measures_of(doc::SiteMeasure::Kind::Overall);
        for (const doc::SiteArea& area : m_site.areas) {
            rows.push_back(area.measure);
            for (size_t d = 0; d < area.dimensions.size(); ++d)
                rows.push_back(area.measure + 1 + d);
        }
        main += scores_table(country, rows, country.scores_caption);
        main += answers(country, from);
        main += "<p><a href=\"" + url(from, country_data_path(country.code)) + "\" download>" +
                escape(m_texts.dataset) + " (CSV)</a></p>\n";
        if (auto found = m_options.country_files.find(country.code);
            found != m_options.country_files.end()) {
            Download profile = found->second;
            profile.label = country.name + " (PDF)";
            main += "<p>" + download_link(from, profile) + "</p>\n";
        }
        page(frame, main);
    }

    /// A file to download, with its size in the language's units.
    std::string download_link(const std::string& from, const Download& file) const {
        return "<a href=\"" + url(from, file.path) + "\" download" +
               (file.name.empty() ? "" : "=\"" + escape(file.name) + "\"") + ">" +
               escape(file.label) + "</a> <span class=\"size\">(" +
               escape(file_size_text(file.bytes, m_language)) + ")</span>";
    }

    /// Every indicator's answer in both editions, by area, with the option's text.
    std::string answers(const doc::SiteCountry& country, const std::string& from) const {
        const bool previous = !country.previous_answers.empty();
        std::string out = "<h2 id=\"answers\">" + escape(m_texts.all_answers) + "</h2>\n";
        for (const doc::SiteArea& area : m_site.areas) {
            out += "<table class=\"answers\">\n<caption>" + escape(area.name) +
                   "</caption>\n<thead><tr><th scope=\"col\">" + escape(m_texts.indicators) +
                   "</th>";
            if (previous)
                out += "<th scope=\"col\">" + escape(m_site.previous_year) + "</th>";
            out += "<th scope=\"col\">" + escape(m_site.current_year) +
                   "</th></tr></thead>\n<tbody>\n";
            for (const doc::SiteDimension& dimension : area.dimensions)
                for (size_t i : dimension.indicators) {
                    const doc::SiteIndicator& indicator = m_site.indicators[i];
                    bool changed = std::find(country.changed.begin(), country.changed.end(), i) !=
                                   country.changed.end();
                    out += std::string("<tr") + (changed ? " class=\"changed\"" : "") +
                           "><th scope=\"row\"><a href=\"" +
                           url(from, indicator_page(m_language, indicator.id)) + "\">" +
                           escape(indicator.name) + "</a></th>";
                    auto cell = [&](const doc::SiteAnswer& answer) {
                        out += "<td><span class=\"points\">" + escape(answer.points) + "</span>";
                        if (!answer.option.empty())
                            out += " <span class=\"option\">" + escape(answer.option) + "</span>";
                        out += "</td>";
                    };
                    if (previous)
                        cell(country.previous_answers[i]);
                    cell(country.current_answers[i]);
                    out += "</tr>\n";
                }
            out += "</tbody>\n</table>\n";
        }
        return out;
    }

    void indicators_index() {
        PageFrame frame{
            named_page(m_language, "indicators"), m_texts.indicators, "",
            alternates([](const std::string& tag) { return named_page(tag, "indicators"); })};
        const std::string& from = frame.path;
        std::string main = "<h1>" + escape(m_texts.indicators) + "</h1>\n";
        for (const doc::SiteArea& area : m_site.areas) {
            main += "<h2>" + escape(area.name) + "</h2>\n";
            for (const doc::SiteDimension& dimension : area.dimensions) {
                main += "<h3>" + escape(dimension.name) + "</h3>\n";
                std::vector<std::pair<std::string, std::string>> links;
                for (size_t i : dimension.indicators)
                    links.emplace_back(indicator_page(m_language, m_site.indicators[i].id),
                                       m_site.indicators[i].name);
                main += link_list(from, links);
            }
        }
        page(frame, main);
    }

    void indicator(size_t i) {
        const doc::SiteIndicator& indicator = m_site.indicators[i];
        PageFrame frame{
            indicator_page(m_language, indicator.id), indicator.name, "",
            alternates([&](const std::string& tag) { return indicator_page(tag, indicator.id); })};
        const std::string& from = frame.path;
        const doc::SiteArea& area = m_site.areas[indicator.area];
        std::string main = "<p class=\"context\"><a href=\"" +
                           url(from, area_page(m_language, area.id) + "#" +
                                         slug(area.dimensions[indicator.dimension].id)) +
                           "\">" + escape(indicator.context) + "</a></p>\n";
        main += "<h1>" + escape(indicator.name) + "</h1>\n";
        main += "<h2>" + escape(m_texts.question) + "</h2>\n";
        Content content;
        content.href = from;
        m_blocks.block(content, doc::Block(indicator.question), 0);
        main += content.out;
        if (!indicator.note.empty())
            main += "<p class=\"note\">" + escape(indicator.note) + "</p>\n";
        main += "<table class=\"options\">\n<caption>" + escape(m_texts.option) +
                "</caption>\n<thead><tr><th scope=\"col\">" + escape(m_texts.points) +
                "</th><th scope=\"col\">" + escape(m_texts.option) +
                "</th></tr></thead>\n<tbody>\n";
        for (const doc::SiteOption& option : indicator.options)
            main += "<tr><th scope=\"row\" class=\"number\">" + escape(option.points) +
                    "</th><td>" + escape(option.label) + "</td></tr>\n";
        main += "</tbody>\n</table>\n";
        // Every country's answer, sortable by each column (assets/site.js).
        const bool previous = !m_site.previous_year.empty();
        main += "<table class=\"sortable answers\">\n<caption>" +
                escape(indicator.answers_caption) + "</caption>\n<thead><tr><th scope=\"col\">" +
                escape(m_texts.country) + "</th>";
        if (previous)
            main += "<th scope=\"col\">" + escape(m_site.previous_year) + "</th>";
        main +=
            "<th scope=\"col\">" + escape(m_site.current_year) + "</th></tr></thead>\n<tbody>\n";
        for (size_t c : m_site.countries_by_name) {
            const doc::SiteCountry& country = m_site.countries[c];
            if (!country.in_edition)
                continue;
            main += "<tr><th scope=\"row\"><a href=\"" +
                    url(from, country_page(m_language, country.code)) + "\">" +
                    escape(country.name) + "</a></th>";
            if (previous)
                main += "<td>" + escape(country.previous_answers[i].points) + "</td>";
            main += "<td>" + escape(country.current_answers[i].points) + "</td></tr>\n";
        }
        main += "</tbody>\n</table>\n";
        page(frame, main);
    }

    void compare() {
        PageFrame frame{
            named_page(m_language, "compare"), m_texts.compare, "",
            alternates([](const std::string& tag) { return named_page(tag, "compare"); })};
        const std::string& from = frame.path;
        std::string main = "<h1>" + escape(m_texts.compare) + "</h1>\n";
        main += "<p>" + escape(m_texts.compare_hint) + "</p>\n";
        // A GET form: without JavaScript it reloads the page with ?c=SE&c=DE, with it the
        // choice becomes ?c=SE,DE (assets/site.js), either way a link to share.
        main += "<form class=\"compare\" action=\"" + url(from, from) +
                "\" method=\"get\">\n<fieldset>\n<legend>" + escape(m_texts.choose_countries) +
                "</legend>\n<ul class=\"columns\">\n";
        for (size_t c : m_site.countries_by_name) {
            const doc::SiteCountry& country = m_site.countries[c];
            if (!country.in_edition)
                continue;
            std::string id = "compare-" + slug(country.code);
            main += "<li><input type=\"checkbox\" name=\"c\" value=\"" + escape(country.code) +
                    "\" id=\"" + id + "\"><label for=\"" + id + "\">" + escape(country.name) +
                    "</label></li>\n";
        }
        main += "</ul>\n</fieldset>\n<button type=\"submit\">" + escape(m_texts.show_comparison) +
                "</button>\n</form>\n";
        main += "<div id=\"compare-output\" tabindex=\"-1\" aria-live=\"polite\"></div>\n";
        main += compare_data();
        // Every country's area scores beside the average: the comparison without JavaScript,
        // and the numbers the script sets side by side.
        std::vector<size_t> columns = measures_of(doc::SiteMeasure::Kind::Overall);
        for (const doc::SiteArea& area : m_site.areas)
            columns.push_back(area.measure);
        main += "<div class=\"wide\"><table class=\"sortable compare-table\" "
                "id=\"compare-table\">\n<caption>" +
                escape(m_texts.compare_caption) + "</caption>\n<thead><tr><th scope=\"col\">" +
                escape(m_texts.country) + "</th>";
        for (size_t m : columns)
            main += "<th scope=\"col\">" + escape(m_site.measures[m].name) + "</th>";
        main += "</tr></thead>\n<tbody>\n<tr class=\"average\"><th scope=\"row\">" +
                escape(m_texts.average) + "</th>";
        for (size_t m : columns)
            main += "<td class=\"number\">" + escape(m_site.averages[m].current) + "</td>";
        main += "</tr>\n";
        for (size_t c : m_site.countries_by_name) {
            const doc::SiteCountry& country = m_site.countries[c];
            if (!country.in_edition)
                continue;
            main += "<tr data-country=\"" + escape(country.code) +
                    "\"><th scope=\"row\"><a href=\"" +
                    url(from, country_page(m_language, country.code)) + "\">" +
                    escape(country.name) + "</a></th>";
            for (size_t m : columns)
                main += "<td class=\"number\"" +
                        number_attributes(m_site.measures[m].id, m_site.current_year_plain,
                                          country.scores[m].current_plain) +
                        ">" + escape(country.scores[m].current) + "</td>";
            main += "</tr>\n";
        }
        main += "</tbody>\n</table></div>\n";
        page(frame, main);
    }

    /// Every country's shown scores in every measure, for assets/site.js to set side by side
    /// (a data block: not a script, so the Content-Security-Policy lets it be).
    std::string compare_data() const {
        std::string out = "<script type=\"application/json\" id=\"compare-data\">{\"caption\":" +
                          json_quoted(m_texts.compared_caption) +
                          ",\"average\":" + json_quoted(m_texts.average) + ",\"measures\":[";
        const char* kinds[] = {"overall", "area", "dimension"};
        for (size_t m = 0; m < m_site.measures.size(); ++m)
            out += std::string(m ? "," : "") + "{\"name\":" + json_quoted(m_site.measures[m].name) +
                   ",\"kind\":\"" + kinds[static_cast<int>(m_site.measures[m].kind)] + "\"}";
        out += "],\"averages\":[";
        for (size_t m = 0; m < m_site.averages.size(); ++m)
            out += std::string(m ? "," : "") + json_quoted(m_site.averages[m].current);
        out += "],\"countries\":{";
        bool first = true;
        for (size_t c : m_site.countries_by_name) {
            const doc::SiteCountry& country = m_site.countries[c];
            if (!country.in_edition)
                continue;
            out += std::string(first ? "" : ",") + json_quoted(country.code) +
                   ":{\"name\":" + json_quoted(country.name) + ",\"scores\":[";
            first = false;
            for (size_t m = 0; m < country.scores.size(); ++m)
                out += std::string(m ? "," : "") + json_quoted(country.scores[m].current);
            out += "]}";
        }
        return out + "}}</script>\n";
    }

    void text_page(const std::string& name, size_t section, const std::string& title) {
        PageFrame frame{named_page(m_language, name), title, "",
                        alternates([&](const std::string& tag) { return named_page(tag, name); })};
        std::string main = section < m_doc.sections.size() ? section_blocks(section, frame.path)
                                                           : "<h1>" + escape(title) + "</h1>\n";
        if (name == "how-to-read")
            main += bands_table();
        page(frame, main);
    }

    void downloads() {
        PageFrame frame{
            named_page(m_language, "downloads"), m_texts.downloads, "",
            alternates([](const std::string& tag) { return named_page(tag, "downloads"); })};
        const std::string& from = frame.path;
        std::string main = "<h1>" + escape(m_texts.downloads) + "</h1>\n";
        auto list = [&](const std::string& heading, const std::vector<Download>& files) {
            if (files.empty())
                return;
            main += "<h2>" + escape(heading) + "</h2>\n<ul class=\"downloads\">\n";
            for (const Download& file : files)
                main += "<li>" + download_link(from, file) + "</li>\n";
            main += "</ul>\n";
        };
        list(m_texts.book_files, m_options.book_files);
        // The whole dataset, then each area's and each country's rows.
        std::vector<Download> whole, areas, countries;
        for (const Download& file : m_options.data_files) {
            if (file.path.starts_with("data/area/"))
                areas.push_back(file);
            else if (file.path.starts_with("data/country/"))
                countries.push_back(file);
            else
                whole.push_back(file);
        }
        auto label = [](std::vector<Download>& files, auto name_of) {
            for (Download& file : files)
                file.label = name_of(file.path) + " (CSV)";
        };
        label(areas, [&](const std::string& path) {
            for (const doc::SiteArea& area : m_site.areas)
                if (area_data_path(area.id) == path)
                    return area.name;
            return path;
        });
        label(countries, [&](const std::string& path) {
            for (size_t c : m_site.countries_by_name)
                if (country_data_path(m_site.countries[c].code) == path)
                    return m_site.countries[c].name;
            return path;
        });
        list(m_texts.dataset, whole);
        list(m_texts.areas, areas);
        list(m_texts.countries, countries);
        page(frame, main);
    }

    /// The search page: the form (in the header), and for readers without JavaScript every
    /// page it finds.
    void search() {
        PageFrame frame{
            named_page(m_language, "search"), m_texts.search, "",
            alternates([](const std::string& tag) { return named_page(tag, "search"); })};
        std::string main = "<h1>" + escape(m_texts.search) + "</h1>\n";
        if (m_options.search) {
            main += search_list_html(*m_options.search, frame.path);
            m_files.push_back(
                {search_index_path(m_language), search_index_script(*m_options.search)});
        }
        page(frame, main);
    }

    /// The page for addresses that lead nowhere. The host serves the root's at any address,
    /// so its links are from the site's root ("/en/index.html"), or absolute.
    void not_found(const std::string& path, bool root) {
        auto link = [&](const std::string& to) {
            if (!m_options.base_url.empty())
                return escape(m_options.base_url + to);
            return root ? escape("/" + to) : url(path, to);
        };
        std::string out = "<!DOCTYPE html>\n<html lang=\"" + escape(m_language) + "\" dir=\"" +
                          (m_doc.right_to_left ? "rtl" : "ltr") + "\">\n<head>\n";
        out += "<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
               "<meta name=\"robots\" content=\"noindex\">\n";
        out += "<title>" + escape(m_texts.title_before + m_texts.not_found + m_texts.title_after) +
               "</title>\n";
        // Nothing loaded from elsewhere: the page is served at addresses of any depth.
        out += "<style>body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem "
               "auto; padding: 0 1rem; line-height: 1.5; } a { color: #1f4e79; }</style>\n"
               "</head>\n";
        out += "<body>\n<main id=\"main\">\n<h1>" + escape(m_texts.not_found) + "</h1>\n<p>" +
               escape(m_texts.not_found_text) + "</p>\n<ul>\n";
        for (const SiteLanguage& language : m_options.languages)
            out += "<li><a href=\"" + link(home_page(language.tag)) + "\" hreflang=\"" +
                   escape(language.tag) + "\" lang=\"" + escape(language.tag) + "\" dir=\"" +
                   (language.right_to_left ? "rtl" : "ltr") + "\">" + escape(language.name) +
                   "</a></li>\n";
        out += "</ul>\n</main>\n</body>\n</html>\n";
        m_files.push_back({path, std::move(out)});
    }

    /// The root: the languages, each in itself.
    void root_index() {
        std::string out = "<!DOCTYPE html>\n<html lang=\"" + escape(m_language) + "\" dir=\"" +
                          (m_doc.right_to_left ? "rtl" : "ltr") + "\">\n<head>\n";
        out += "<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
        out += "<title>" +
               escape(m_texts.title_before + m_doc.metadata.title + m_texts.title_after) +
               "</title>\n";
        out += "<meta name=\"description\" content=\"" + escape(m_texts.description) + "\">\n";
        for (const SiteLanguage& language : m_options.languages)
            out +=
                "<link rel=\"alternate\" hreflang=\"" + escape(language.tag) + "\" href=\"" +
                escape(m_options.base_url.empty() ? home_page(language.tag)
                                                  : m_options.base_url + home_page(language.tag)) +
                "\">\n";
        out += "<link rel=\"stylesheet\" href=\"assets/site.css\">\n</head>\n";
        out += "<body>\n<main id=\"main\" class=\"chooser\">\n<h1>" + escape(m_texts.site_title) +
               "</h1>\n<p>" + escape(m_doc.metadata.title) + "</p>\n<ul class=\"languages\">\n";
        for (const SiteLanguage& language : m_options.languages)
            out += "<li><a href=\"" + escape(home_page(language.tag)) + "\" hreflang=\"" +
                   escape(language.tag) + "\" lang=\"" + escape(language.tag) + "\" dir=\"" +
                   (language.right_to_left ? "rtl" : "ltr") + "\">" + escape(language.name) +
                   "</a></li>\n";
        out += "</ul>\n</main>\n</body>\n</html>\n";
        m_files.push_back({"index.html", std::move(out)});
    }

    /// The book's styles as the pages use them, and the classes that stand for colours.
    std::string stylesheet() const {
        std::string out = "/* The book's styles (layouts/theme.yaml) for the web pages of one "
                          "language, and the colours of its tables and figures. */\n";
        out += html::book_rules(m_blocks.styles());
        out += m_blocks.inline_rules();
        for (size_t b = 0; b < m_site.bands.size(); ++b)
            out += ".band-" + std::to_string(b + 1) + " { border-inline-start: 0.75em solid " +
                   html::css_color(m_site.bands[b].color) + "; padding-inline-start: 0.3em; }\n";
        return out;
    }

    const doc::Document& m_doc;
    const display::Book& m_book;
    const LanguageSiteOptions& m_options;
    const doc::SiteContent& m_site;
    const doc::SiteTexts& m_texts;
    const std::string m_language;
    std::map<std::string, std::string> m_svgs;
    html::BlockWriter m_blocks;
    std::set<size_t> m_rendered;
    std::map<std::string, std::pair<const doc::Chart*, size_t>> m_charts;
    size_t m_how_to_read = html::no_section, m_colophon = html::no_section;
    std::vector<File> m_files;
    /// The share images, written after the pages and fonts (not text for the fonts to hold).
    std::vector<File> m_images;
    std::unique_ptr<ShareImage> m_site_image;
    std::string m_error;
};

} // namespace

std::vector<File> language_pages(const doc::Document& document, const display::Book& book,
                                 const LanguageSiteOptions& options, std::string& error) {
    if (!document.site_content) {
        error = "the document was built without the site's content (site content)";
        return {};
    }
    if (doc::charts_in(document).size() != book.charts.size()) {
        error = "the book was laid out without its charts alone (chart figures), which the site "
                "shows";
        return {};
    }
    return LanguageSite(document, book, options).run(error);
}

std::string sitemap(const std::vector<std::string>& pages, const std::string& base_url) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    for (const std::string& page : pages)
        out += "<url><loc>" + xml_escape(base_url + page) + "</loc></url>\n";
    return out + "</urlset>\n";
}

std::string robots(const std::string& base_url) {
    std::string out = "User-agent: *\nAllow: /\n";
    if (!base_url.empty())
        out += "Sitemap: " + base_url + "sitemap.xml\n";
    return out;
}

} // namespace mipex::site
