#include "pipeline/pipeline.h"

#include "base/files.h"
#include "base/parallel.h"
#include "base/text.h"
#include "doc/build.h"
#include "doc/prose.h"
#include "epub/container.h"
#include "epub/publication.h"
#include "i18n/check.h"
#include "i18n/localizer.h"
#include "layout/chart/chart.h"
#include "layout/fonts.h"
#include "layout/hyphenate.h"
#include "layout/layout.h"
#include "layout/shared_paragraphs.h"
#include "layout/text.h"
#include "load/project.h"
#include "model/catalog.h"
#include "model/language_tag.h"
#include "model/validate.h"
#include "render/pdf.h"
#include "render/pdf_syntax.h"
#include "render/png.h"
#include "render/svg.h"
#include "score/compute.h"
#include "score/export.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fontconfig/fontconfig.h>
#include <malloc.h>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#ifndef MIPEX_SOURCE_DIR
#define MIPEX_SOURCE_DIR "."
#endif

namespace mipex::pipeline {

namespace fs = std::filesystem;

fs::path engine_root() {
    if (const char* home = std::getenv("MIPEX_HOME"); home && *home)
        return home;
    return MIPEX_SOURCE_DIR;
}

std::optional<std::time_t> source_date_epoch() {
    const char* value = std::getenv("SOURCE_DATE_EPOCH");
    if (!value || !*value)
        return std::nullopt;
    long long seconds = 0;
    auto [end, error] =
        std::from_chars(value, value + std::char_traits<char>::length(value), seconds);
    if (error != std::errc() || *end != '\0' || seconds < 0)
        return std::nullopt;
    return static_cast<std::time_t>(seconds);
}

namespace {

/// pango starts a thread that calls FcInit(), which reads the system's fonts.conf and the
/// caches of every system font: files the build does not need (its font map sees only the
/// private configuration of layout::FontContext) and a way for the machine's setup to reach
/// into the build. With an empty configuration made current first, FcInit() finds nothing
/// to load.
void isolate_fontconfig() {
    static std::once_flag once;
    std::call_once(once, [] {
        FcConfig* empty = FcConfigCreate();
        FcConfigSetCurrent(empty); // takes its own reference (fontconfig 2.13 and later)
        FcConfigDestroy(empty);
    });
}

/// Family names compare as fontconfig compares them: ignoring case and blanks.
std::string family_key(std::string_view family) {
    std::string key;
    for (char c : family)
        if (c != ' ')
            key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return key;
}

/// Checks the font files and the families the theme names. The engine's fonts folder must
/// hold fonts; each file (the engine's and the project's) must be one fontconfig can read;
/// each family a style names must be in one of them, or pango would silently set the text in
/// whatever font is nearest.
void check_fonts(const fs::path& project, CheckedProject& checked) {
    std::vector<fs::path> fonts =
        load::list_fonts(engine_root(), "fonts", checked.files, checked.diagnostics, false);
    if (fonts.empty()) {
        fs::path folder = (engine_root() / "fonts").lexically_normal();
        checked.diagnostics.error(
            SourcePos{checked.files.add(folder.generic_string() + "/", ""), 0, 0},
            "no fonts here: the engine's own fonts are missing; MIPEX_HOME (or the folder mipex "
            "was built from) must be the engine's folder, holding layouts/ and fonts/");
    }
    std::vector<fs::path> project_fonts =
        load::list_fonts(project, "fonts", checked.files, checked.diagnostics);
    fonts.insert(fonts.end(), project_fonts.begin(), project_fonts.end());

    std::set<std::string> families;
    for (const fs::path& font : fonts) {
        FcFontSet* set = FcFontSetCreate();
        unsigned int faces = FcFreeTypeQueryAll(reinterpret_cast<const FcChar8*>(font.c_str()), -1,
                                                nullptr, nullptr, set);
        for (int i = 0; i < set->nfont; ++i) {
            FcChar8* family = nullptr;
            for (int n = 0;
                 FcPatternGetString(set->fonts[i], FC_FAMILY, n, &family) == FcResultMatch; ++n)
                families.insert(family_key(reinterpret_cast<const char*>(family)));
        }
        FcFontSetDestroy(set);
        if (faces == 0) {
            std::string display = font.lexically_normal().generic_string();
            checked.diagnostics.error(SourcePos::whole(checked.files.add(display, "")),
                                      "this font file is damaged: it starts like a font, but "
                                      "no font can be read from it; replace it or remove it");
        }
    }
    if (checked.diagnostics.has_errors())
        return;
    std::set<std::string> reported;
    for (const auto& [unused, style] : checked.model.theme.styles) {
        // pango takes a comma-separated list of families, the first available one used.
        std::string_view list = style.family;
        while (!list.empty()) {
            size_t comma = list.find(',');
            std::string family(trim(list.substr(0, comma)));
            list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
            if (family.empty() || families.count(family_key(family)) ||
                !reported.insert(family_key(family)).second)
                continue;
            checked.diagnostics.error(style.family_pos,
                                      "no font of the family '" + family +
                                          "'; add its files to the project's fonts/ folder, "
                                          "or name a family the engine has (Noto Sans, Noto "
                                          "Serif, Noto Naskh Arabic, Noto Sans Arabic)");
        }
    }
}

} // namespace

std::unique_ptr<CheckedProject> check_project(const fs::path& project, const Limits& limits,
                                              CheckCaches* caches) {
    isolate_fontconfig();
    auto checked = std::make_unique<CheckedProject>();
    checked->project = project;
    checked->limits = limits;
    checked->diagnostics.set_error_limit(limits.errors);
    load::ProjectPaths paths{project, engine_root()};
    if (!fs::is_directory(project / "content")) {
        checked->diagnostics.error(
            SourcePos{checked->files.add((project / "content").lexically_normal().string(), ""), 0,
                      0},
            "no content folder here; run mipex in a project folder or give --project DIR");
        return checked;
    }
    checked->timings.start("load");
    checked->loaded = load::load_project(paths, checked->files, checked->diagnostics, limits,
                                         caches ? &caches->parsed : nullptr);
    checked->timings.start("validate");
    checked->model = model::validate(checked->loaded, checked->files, checked->diagnostics, limits,
                                     caches ? &caches->scores : nullptr);
    i18n::check_catalogs(checked->model, checked->diagnostics);
    doc::check_prose(checked->model, checked->files, checked->diagnostics);
    if (!checked->diagnostics.has_errors())
        check_fonts(project, *checked);
    checked->timings.start("score");
    if (!checked->diagnostics.has_errors())
        checked->scores = score::compute_scores(checked->model, checked->diagnostics);
    checked->timings.stop();
    return checked;
}

doc::Document build_document(CheckedProject& checked, const std::string& language) {
    i18n::Localizer localizer(checked.model, language, checked.diagnostics);
    return doc::build_document(checked.model, checked.scores, localizer, checked.diagnostics);
}

display::Book lay_out(CheckedProject& checked, const doc::Document& document,
                      const fs::path& project, bool greedy_lines, std::string* report) {
    std::vector<fs::path> fonts = {engine_root() / "fonts"};
    if (fs::is_directory(project / "fonts"))
        fonts.push_back(project / "fonts");
    layout::FontContext font_context(fonts, document.metadata.language);
    font_context.set_right_to_left(document.right_to_left);
    layout::LayoutOptions options;
    options.breaking = greedy_lines ? layout::LineBreaking::Greedy : layout::LineBreaking::Optimal;
    options.hyphenation_folders = layout::Hyphenator::default_folders(engine_root());
    layout::LayoutReport measured;
    display::Book pages =
        layout::layout_document(document, font_context, checked.diagnostics, options, &measured);
    if (report)
        *report = "line breaking: " + std::string(greedy_lines ? "first fit" : "optimal") +
                  "; hyphenation: " + measured.hyphenation() + "\n" + measured.paragraphs.report() +
                  "\n";
    return pages;
}

namespace {

/// Every chart of the document in reading order, those side by side included.
std::vector<const doc::Chart*> all_charts(const doc::Document& document) {
    std::vector<const doc::Chart*> charts;
    for (const doc::Section& section : document.sections)
        for (const doc::Block& block : section.blocks) {
            if (auto* chart = std::get_if<doc::Chart>(&block))
                charts.push_back(chart);
            else if (auto* row = std::get_if<doc::ChartRow>(&block))
                for (const doc::Chart& inner : row->charts)
                    charts.push_back(&inner);
        }
    return charts;
}

/// A laid-out chart on a page of its own, `margin` around it.
display::Page chart_sheet(layout::ChartLayout& laid, Length width, Length margin) {
    display::Page sheet;
    sheet.width = width + 2 * margin;
    sheet.height = laid.frame->height + 2 * margin;
    display::Frame holder;
    holder.place(laid.frame, {margin, margin});
    sheet.items = std::move(holder.items);
    return sheet;
}

} // namespace

std::optional<size_t> export_charts(CheckedProject& checked, const ChartExportOptions& options) {
    if (checked.diagnostics.has_errors())
        return std::nullopt;
    const std::string language =
        options.language.empty() ? checked.model.book.language : options.language;
    doc::Document document = build_document(checked, language);
    if (checked.diagnostics.has_errors())
        return std::nullopt;
    std::vector<const doc::Chart*> charts = all_charts(document);
    std::error_code error;
    fs::create_directories(options.out, error);
    if (error) {
        checked.diagnostics.error(SourcePos{},
                                  "cannot create " + options.out.string() + ": " + error.message());
        return std::nullopt;
    }
    std::vector<fs::path> fonts = {engine_root() / "fonts"};
    layout::FontContext font_context(fonts, language);
    font_context.set_right_to_left(document.right_to_left);
    // Labels break long words as the book's charts do.
    layout::Hyphenator hyphenator(language, layout::Hyphenator::default_folders(engine_root()));
    layout::TextShaper shaper(font_context, hyphenator.available() ? &hyphenator : nullptr);
    const model::PageGeometry& page = document.page;
    const Length width = page.width - page.margin_inner - page.margin_outer;
    const Length margin = from_pt(12);
    size_t written = 0;
    for (const doc::Chart* chart : charts) {
        layout::ChartLayout laid = layout::layout_chart(*chart, width, shaper);
        for (const std::string& label : laid.unfitted)
            checked.diagnostics.warning(SourcePos{}, "chart '" + chart->name + "': the label \"" +
                                                         label + "\" does not fit and is cut");
        display::Book single;
        single.metadata.title = chart->alt;
        single.metadata.language = language;
        single.fonts = font_context.fonts();
        single.pages.push_back(chart_sheet(laid, width, margin));
        std::string message;
        if (options.format == ChartExportOptions::Format::Png) {
            message =
                render::write_png(single, 0, options.out / (chart->name + ".png"), options.dpi);
        } else {
            render::SvgOptions svg{chart->alt, chart->description, chart->name + "-", language,
                                   document.right_to_left};
            message =
                write_file_atomic(options.out / (chart->name + ".svg"),
                                  render::render_svg(single.pages.front(), *single.fonts, svg));
        }
        if (!message.empty()) {
            checked.diagnostics.error(SourcePos{}, message);
            return std::nullopt;
        }
        ++written;
    }
    return written;
}

std::optional<std::string> export_scores(CheckedProject& checked, std::optional<int> year,
                                         ScoreFormat format) {
    if (checked.diagnostics.has_errors())
        return std::nullopt;
    score::ExportOptions options;
    if (year) {
        options.year = checked.model.find_year(*year);
        if (!options.year) {
            std::string known;
            for (int edition : checked.model.year_editions.years)
                known += (known.empty() ? "" : ", ") + std::to_string(edition);
            checked.diagnostics.error(
                SourcePos{}, "--year " + std::to_string(*year) +
                                 " is not an edition of this book (editions: " + known + ")");
            return std::nullopt;
        }
    }
    // Countries in the order of the book's language, as every list in the book has them.
    i18n::Localizer localizer(checked.model, checked.model.book.language, checked.diagnostics);
    for (size_t c = 0; c < checked.model.countries.size(); ++c)
        options.country_order.push_back(c);
    std::stable_sort(options.country_order.begin(), options.country_order.end(),
                     [&](size_t a, size_t b) {
                         return localizer.less(localizer.text(checked.model.countries[a].name),
                                               localizer.text(checked.model.countries[b].name));
                     });
    return format == ScoreFormat::Csv ? score::export_csv(checked.model, checked.scores, options)
                                      : score::export_json(checked.model, checked.scores, options);
}

std::optional<std::vector<OutputFormat>> parse_formats(const std::vector<std::string>& values) {
    std::vector<OutputFormat> formats;
    for (const std::string& value : values) {
        size_t start = 0;
        while (start <= value.size()) {
            size_t end = value.find(',', start);
            if (end == std::string::npos)
                end = value.size();
            std::string name(trim(std::string_view(value).substr(start, end - start)));
            start = end + 1;
            if (name.empty())
                continue;
            OutputFormat format;
            if (name == "pdf")
                format = OutputFormat::Pdf;
            else if (name == "epub")
                format = OutputFormat::Epub;
            else
                return std::nullopt;
            if (std::find(formats.begin(), formats.end(), format) == formats.end())
                formats.push_back(format);
        }
    }
    if (formats.empty())
        formats.push_back(OutputFormat::Pdf);
    return formats;
}

namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

} // namespace

std::optional<std::vector<std::string>> resolve_languages(CheckedProject& checked,
                                                          const std::string& value) {
    const model::Model& model = checked.model;
    std::vector<std::string> languages;
    auto add = [&](const std::string& language) {
        if (std::find(languages.begin(), languages.end(), language) == languages.end())
            languages.push_back(language);
    };
    // The catalog of a language, found without regard to case: its folder's name is the
    // edition's, so that the edition finds it.
    auto catalog_named = [&](std::string_view language) -> const std::string* {
        for (const auto& [name, catalog] : model.catalogs)
            if (equal_ignoring_case(name, language))
                return &name;
        return nullptr;
    };
    bool ok = true;
    size_t start = 0;
    while (start <= value.size()) {
        size_t end = value.find(',', start);
        if (end == std::string::npos)
            end = value.size();
        std::string tag(trim(std::string_view(value).substr(start, end - start)));
        start = end + 1;
        if (tag.empty())
            continue;
        if (equal_ignoring_case(tag, "all")) {
            add(model.book.language);
            for (const auto& [language, catalog] : model.catalogs)
                add(language);
            continue;
        }
        std::optional<std::string> canonical = model::canonical_language_tag(tag);
        if (!canonical) {
            checked.diagnostics.error(SourcePos{}, "--lang " + tag +
                                                       ": not a language tag (BCP 47, as de, "
                                                       "pt-BR or zh-Hant)");
            ok = false;
            continue;
        }
        if (equal_ignoring_case(*canonical, model.book.language)) {
            add(model.book.language);
            continue;
        }
        if (const std::string* catalog = catalog_named(*canonical)) {
            add(*catalog);
            continue;
        }
        // de-AT reads the catalog of de.
        if (model::is_pseudo_locale(*canonical) ||
            catalog_named(canonical->substr(0, canonical->find('-')))) {
            add(*canonical);
            continue;
        }
        std::string known = model.book.language;
        for (const auto& [language, catalog] : model.catalogs)
            known += ", " + language;
        checked.diagnostics.error(SourcePos{}, "--lang " + tag + ": no catalog content/i18n/" +
                                                   *canonical +
                                                   "/ for this language (editions: " + known +
                                                   "; all; or the pseudo-locales qps "
                                                   "and ar-XB)");
        ok = false;
    }
    if (!ok)
        return std::nullopt;
    if (languages.empty())
        languages.push_back(model.book.language);
    return languages;
}

namespace {
epub::Strings epub_strings(const i18n::Localizer& localizer);
}

void check_editions(CheckedProject& checked) {
    if (checked.diagnostics.has_errors())
        return;
    std::vector<std::string> languages = {checked.model.book.language};
    for (const auto& [language, catalog] : checked.model.catalogs)
        languages.push_back(language);
    for (const std::string& language : languages) {
        Diagnostics sink;
        i18n::Localizer localizer(checked.model, language, sink);
        doc::build_document(checked.model, checked.scores, localizer, sink);
        epub_strings(localizer);
        for (const Diagnostic& diagnostic : sink.all()) {
            std::string message = language + " edition: " + diagnostic.message;
            if (diagnostic.severity == Severity::Error)
                checked.diagnostics.error(diagnostic.pos, std::move(message));
            else if (diagnostic.severity == Severity::Warning)
                checked.diagnostics.warning(diagnostic.pos, std::move(message));
        }
    }
}

struct EditionCache {
    std::unique_ptr<layout::FontContext> fonts;
    std::unique_ptr<layout::LayoutCache> layout;
    render::pdf::DeflateCache compressed; ///< pages and fonts compressed by the last build
};

namespace {

/// The interface texts the EPUB adds, in the edition's language.
epub::Strings epub_strings(const i18n::Localizer& localizer) {
    epub::Strings strings;
    strings.contents = localizer.ui("ui.contents");
    strings.chart_data = localizer.ui("ui.epub_chart_data");
    strings.chart_data_title = localizer.ui("ui.epub_chart_data_title");
    strings.back_to_chart = localizer.ui("ui.epub_back_to_chart");
    strings.page_list = localizer.ui("ui.epub_page_list");
    strings.landmarks = localizer.ui("ui.epub_landmarks");
    strings.accessibility_summary = localizer.ui("ui.epub_accessibility_summary");
    // Metadata in the source language says so.
    for (const i18n::Fallback& missing : localizer.fallbacks())
        if (missing.key == "ui.epub_accessibility_summary")
            strings.summary_in_source_language = !localizer.source_language();
    return strings;
}

void collect_anchor_pages(const std::vector<display::Item>& items, const std::string& label,
                          std::map<std::string, std::string>& pages) {
    for (const display::Item& item : items) {
        if (auto* anchor = std::get_if<display::Anchor>(&item))
            pages.emplace(anchor->name, label);
        else if (auto* group = std::get_if<display::Group>(&item))
            collect_anchor_pages(group->items(), label, pages);
    }
}

/// The fonts the glyph runs of `items` are set in.
void collect_font_ids(const std::vector<display::Item>& items, std::set<display::FontId>& ids) {
    for (const display::Item& item : items) {
        if (auto* run = std::get_if<display::GlyphRun>(&item))
            ids.insert(run->font);
        else if (auto* group = std::get_if<display::Group>(&item))
            collect_font_ids(group->items(), ids);
    }
}

/// The font files the laid-out pages use, read from the font folders, for embedding. Only
/// fonts with glyphs on the pages: the table of a font context kept between builds (mipex
/// watch) also lists fonts earlier builds used, and the EPUB must be a cold build's bytes.
std::vector<epub::FontFile> used_fonts(const display::Book& pages,
                                       const std::vector<fs::path>& folders, std::string& error) {
    std::set<display::FontId> ids;
    for (const display::Page& page : pages.pages)
        collect_font_ids(page.items, ids);
    const display::FontTable& table = *pages.fonts;
    std::vector<epub::FontFile> fonts;
    std::set<std::string> seen;
    for (display::FontId id : ids) {
        const display::Font& font = table.at(id);
        if (font.file.empty() || !seen.insert(font.file).second)
            continue;
        epub::FontFile file;
        file.family = font.family;
        file.name = font.file;
        file.italic = font.style.find("Italic") != std::string::npos;
        file.weight = font.style.find("SemiBold") != std::string::npos ? 600
                      : font.style.find("Bold") != std::string::npos   ? 700
                      : font.style.find("Medium") != std::string::npos ? 500
                      : font.style.find("Light") != std::string::npos  ? 300
                                                                       : 400;
        // A later folder (the project's fonts/) adds to the earlier ones, as fontconfig has it.
        for (auto folder = folders.rbegin(); folder != folders.rend() && file.data.empty();
             ++folder)
            if (auto data = read_file(*folder / font.file))
                file.data = std::move(*data);
        if (file.data.empty()) {
            error = "cannot read the font " + font.file + " to embed it in the EPUB";
            return {};
        }
        fonts.push_back(std::move(file));
    }
    std::sort(fonts.begin(), fonts.end(),
              [](const epub::FontFile& a, const epub::FontFile& b) { return a.name < b.name; });
    return fonts;
}

/// The EPUB of an edition, from its document and what laying out the PDF measured: where each
/// page begins (the page-list), the page of every destination, the fonts. Charts are laid out
/// again at the text width and written as SVG for the web. Returns the file's bytes.
std::string edition_epub(const doc::Document& document, const display::Book& pages,
                         const layout::LayoutReport& measured, layout::TextShaper& shaper,
                         const std::vector<fs::path>& font_folders, epub::Sources sources,
                         std::string* dump, std::string& error) {
    for (const layout::PageStart& start : measured.page_starts)
        sources.pages.push_back({start.label, start.section, start.block});
    for (const display::Page& page : pages.pages)
        collect_anchor_pages(page.items, page.label, sources.destination_pages);
    sources.fonts = used_fonts(pages, font_folders, error);
    if (!error.empty())
        return "";

    const model::PageGeometry& geometry = document.page;
    const Length width = geometry.width - geometry.margin_inner - geometry.margin_outer;
    for (const doc::Chart* chart : all_charts(document)) {
        layout::ChartLayout laid = layout::layout_chart(*chart, width, shaper);
        display::Page sheet = chart_sheet(laid, width, from_pt(4));
        // The description is printed beside the chart, not repeated inside it.
        render::SvgOptions svg{
            chart->alt, "", chart->name + "-", document.metadata.language, document.right_to_left,
            true};
        sources.chart_svgs.emplace(chart->name,
                                   render::render_svg(sheet, *shaper.fonts().fonts(), svg));
    }

    epub::Publication publication = epub::build_publication(document, sources);
    if (dump)
        *dump = epub::dump(publication);
    return epub::write_container(publication, sources.modified, error);
}

/// One edition of a build, in two steps, each on one thread: compose (the document built and
/// laid out) and write (the PDF and the EPUB). Between them the edition holds its laid-out
/// pages. Diagnostics go to the edition's own sink.
class Edition {
public:
    /// `shared_paragraphs`: where the editions of the build share the paragraphs they set (none for
    /// one edition).
    Edition(const CheckedProject& checked, std::string language, const BuildOptions& options,
            fs::path out, Diagnostics& diagnostics, EditionCache* cache,
            layout::SharedParagraphs* shared_paragraphs)
        : m_checked(checked), m_options(options), m_out(std::move(out)), m_diagnostics(diagnostics),
          m_cache(cache), m_shared_paragraphs(shared_paragraphs), m_timings(checked.timings) {
        result.language = std::move(language);
    }

    /// Builds the document and lays it out. False when the edition stops here: an error, in
    /// the diagnostics.
    bool compose() {
        Stopwatch busy(result.seconds);
        const std::string& language = result.language;
        m_timings.start("build");
        i18n::Localizer localizer(m_checked.model, language, m_diagnostics);
        m_document =
            doc::build_document(m_checked.model, m_checked.scores, localizer, m_diagnostics);
        if (!m_options.only.empty()) {
            // A preview: the one chapter asked for, numbered from 1, links elsewhere left out.
            size_t colon = m_options.only.find(':');
            std::string kind = m_options.only.substr(0, colon);
            std::string id = colon == std::string::npos ? "" : m_options.only.substr(colon + 1);
            std::string wanted = kind + "-" + id;
            std::erase_if(m_document.sections,
                          [&](const doc::Section& section) { return section.id != wanted; });
            if (m_document.sections.empty() || (kind != "country" && kind != "area")) {
                m_diagnostics.error(SourcePos{},
                                    "--only " + m_options.only +
                                        ": no such part (write country:<code>, e.g. country:SE, "
                                        "or area:<id>, e.g. area:lmm)");
                return false;
            }
            m_document.sections.front().front_matter = false;
            m_suffix = "-" + wanted;
        }
        m_write_pdf = std::find(m_options.formats.begin(), m_options.formats.end(),
                                OutputFormat::Pdf) != m_options.formats.end();
        m_write_epub = std::find(m_options.formats.begin(), m_options.formats.end(),
                                 OutputFormat::Epub) != m_options.formats.end();
        if (m_write_epub) {
            // Asked before the lists of missing translations are made, so that they list these
            // too.
            m_epub_sources.strings = epub_strings(localizer);
            m_epub_sources.strings.print_edition =
                m_document.metadata.title + " (mipex-" + language + m_suffix + ".pdf)";
        }
        result.missing = localizer.fallbacks();
        result.stale = localizer.stale();
        if (m_write_epub) {
            m_epub_sources.source_language = m_checked.model.book.language;
            for (const i18n::Fallback& missing : result.missing)
                m_epub_sources.source_language_keys.insert(missing.key);
        }
        if (m_options.strict) {
            for (const i18n::Fallback& missing : result.missing)
                m_diagnostics.error(missing.pos, "'" + missing.key + "' has no translation into " +
                                                     language + " (--strict)");
            for (const i18n::StaleTranslation& stale : result.stale)
                m_diagnostics.error(stale.pos,
                                    "the translation of '" + stale.key +
                                        "' is stale: the English changed since it was made "
                                        "(its fingerprint is now " +
                                        stale.current + ") (--strict)");
        }
        if (m_diagnostics.has_errors())
            return false;

        m_font_folders = {engine_root() / "fonts"};
        if (fs::is_directory(m_options.project / "fonts"))
            m_font_folders.push_back(m_options.project / "fonts");
        layout::LayoutOptions layout_options;
        layout_options.breaking =
            m_options.greedy_lines ? layout::LineBreaking::Greedy : layout::LineBreaking::Optimal;
        layout_options.hyphenation_folders = layout::Hyphenator::default_folders(engine_root());
        layout_options.keep_between_builds = m_cache != nullptr;
        m_timings.start("layout");
        try {
            if (m_cache) {
                // The fonts, the hyphenation patterns and what was set last time, kept by the
                // caller; made on the first build.
                if (!m_cache->layout) {
                    m_cache->fonts = std::make_unique<layout::FontContext>(
                        m_font_folders, m_document.metadata.language);
                    m_cache->layout = std::make_unique<layout::LayoutCache>(
                        *m_cache->fonts, m_document.metadata.language, layout_options);
                }
                m_layout = m_cache->layout.get();
            } else {
                m_own_font_context = std::make_unique<layout::FontContext>(
                    m_font_folders, m_document.metadata.language);
                m_own_layout = std::make_unique<layout::LayoutCache>(
                    *m_own_font_context, m_document.metadata.language, layout_options);
                m_layout = m_own_layout.get();
            }
            m_layout->fonts().set_right_to_left(m_document.right_to_left);
            {
                // The shared paragraphs are this build's: a shaper kept for the next must not hold
                // it.
                m_layout->shaper().share_paragraphs(m_shared_paragraphs);
                struct Unhook {
                    layout::TextShaper& shaper;
                    ~Unhook() { shaper.share_paragraphs(nullptr); }
                } unhook{m_layout->shaper()};
                // Without an EPUB to make from it, layout frees the tree as it goes.
                m_pages = m_write_epub ? layout::layout_document(m_document, *m_layout,
                                                                 m_diagnostics, &m_measured)
                                       : layout::layout_document(std::move(m_document), *m_layout,
                                                                 m_diagnostics, &m_measured);
            }
            // The EPUB lays its charts out again with the same shaper; without one, the
            // patterns and the shaper's caches go now.
            if (!m_write_epub && !m_cache) {
                m_layout = nullptr;
                m_own_layout.reset();
            }
        } catch (const std::runtime_error& error) {
            // layout::FontContext refuses a font it cannot load; check_fonts has looked at
            // every file already, so this is a file changed since, or a fault fontconfig alone
            // sees.
            m_diagnostics.error(SourcePos{}, error.what());
            return false;
        }
        m_timings.stop();
        if (m_options.report)
            result.report =
                language + ": line breaking: " +
                std::string(m_options.greedy_lines ? "first fit" : "optimal") +
                "; hyphenation: " + m_measured.hyphenation() +
                (m_shared_paragraphs ? "; paragraphs set before in this build (by any edition): " +
                                           std::to_string(m_measured.shared_paragraphs_taken)
                                     : "") +
                "\n" + m_measured.paragraphs.report() + "\n";
        if (m_diagnostics.has_errors())
            return false;
        result.pages = m_pages.pages.size();
        return true;
    }

    /// Writes the composed edition, the PDF's pages on up to `threads` threads. `alone`: no
    /// other edition is being built meanwhile.
    void write(unsigned threads, bool alone) {
        Stopwatch busy(result.seconds);
        const std::string& language = result.language;
        const std::optional<std::time_t> date =
            m_options.date ? m_options.date : source_date_epoch();
        // The dump first: the PDF writer takes the pages and frees them as it goes.
        if (m_options.write_dump) {
            fs::path dump = m_out / ("mipex-" + language + ".txt");
            if (std::string message = write_file_atomic(dump, display::dump(m_pages));
                !message.empty())
                m_diagnostics.warning(SourcePos{}, message);
        }
        std::string message;
        if (m_write_pdf) {
            result.pdf = m_out / ("mipex-" + language + m_suffix + ".pdf");
            render::PdfOptions pdf_options;
            pdf_options.date = date;
            pdf_options.threads = threads;
            if (m_cache)
                pdf_options.compressed = &m_cache->compressed;
            // Not while other editions are built: trimming their arenas too, it gave back
            // pages they were about to use again (the default book's five editions: 1.07 s
            // without, 1.15 s with).
            pdf_options.trim_heap = !m_cache && alone;
            m_timings.start("render");
            // Without an EPUB to make from them, the document tree is not needed any more and
            // the display lists go page by page as the writer is done with them.
            render::PdfResult pdf;
            if (m_write_epub) {
                pdf = render::render_pdf(m_pages, pdf_options);
            } else {
                { doc::Document done = std::move(m_document); }
                // What layout freed (the document tree, its working memory) goes back to the
                // system before the writer adds its own: see render::PdfOptions::trim_heap.
                if (pdf_options.trim_heap)
                    malloc_trim(0);
                pdf = render::render_pdf(std::move(m_pages), pdf_options);
            }
            // In the whole book every link has its place; a preview leaves the others' out on
            // purpose.
            if (pdf.dropped_links > 0 && m_options.only.empty())
                m_diagnostics.warning(SourcePos{},
                                      std::to_string(pdf.dropped_links) +
                                          " links lead to places the book does not have");
            m_timings.start("write");
            message = pdf.error.empty() ? write_file_atomic(result.pdf, pdf.bytes) : pdf.error;
            m_timings.stop();
            if (!message.empty()) {
                m_diagnostics.error(SourcePos{}, message);
                return;
            }
        }
        if (m_write_epub) {
            m_timings.start("epub");
            m_epub_sources.modified = date ? *date : std::time(nullptr);
            std::string package_dump;
            std::string bytes = edition_epub(
                m_document, m_pages, m_measured, m_layout->shaper(), m_font_folders,
                std::move(m_epub_sources), m_options.write_dump ? &package_dump : nullptr, message);
            result.epub = m_out / ("mipex-" + language + m_suffix + ".epub");
            if (message.empty())
                message = write_file_atomic(result.epub, bytes);
            m_timings.stop();
            if (!message.empty()) {
                m_diagnostics.error(SourcePos{}, message);
                return;
            }
            if (m_options.write_dump) {
                fs::path dump = m_out / ("mipex-" + language + m_suffix + "-epub.txt");
                if (std::string message = write_file_atomic(dump, package_dump); !message.empty())
                    m_diagnostics.warning(SourcePos{}, message);
            }
            std::error_code error;
            result.epub_bytes = fs::file_size(result.epub, error);
        }
        if (m_options.report)
            result.report += language + ": time: " + m_timings.report() + "\n" + language +
                             ": memory: " + m_timings.memory_report() + "\n";
        std::error_code error;
        if (m_write_pdf)
            result.bytes = fs::file_size(result.pdf, error);
        result.written = true;
    }

    BuildResult result; ///< `seconds`: the time composing and writing, not waiting between

private:
    /// Adds the time from its making to its end to `total`.
    class Stopwatch {
    public:
        explicit Stopwatch(double& total)
            : m_total(total), m_started(std::chrono::steady_clock::now()) {}
        ~Stopwatch() {
            m_total +=
                std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
        }

    private:
        double& m_total;
        std::chrono::steady_clock::time_point m_started;
    };

    const CheckedProject& m_checked;
    const BuildOptions& m_options;
    const fs::path m_out;
    Diagnostics& m_diagnostics;
    EditionCache* m_cache;
    layout::SharedParagraphs* m_shared_paragraphs;
    Timings m_timings;
    std::string m_suffix; ///< of a preview's file names: "-country-SE"
    bool m_write_pdf = false, m_write_epub = false;
    doc::Document m_document; ///< moved into layout when no EPUB is made from it
    epub::Sources m_epub_sources;
    std::vector<fs::path> m_font_folders;
    /// The fonts, hyphenation patterns and shaper the pages are set with: the session's, or
    /// this build's own. Kept after layout when the EPUB lays its charts out again with them.
    std::unique_ptr<layout::FontContext> m_own_font_context;
    std::unique_ptr<layout::LayoutCache> m_own_layout;
    layout::LayoutCache* m_layout = nullptr;
    display::Book m_pages;
    layout::LayoutReport m_measured;
};

/// The editions, several at once, each with its cache if `caches` has one for it.
std::vector<BuildResult>
build_editions(CheckedProject& checked, const BuildOptions& options,
               std::map<std::string, std::unique_ptr<EditionCache>>* caches);

} // namespace

std::vector<BuildResult> build_books(CheckedProject& checked, const BuildOptions& options) {
    return build_editions(checked, options, nullptr);
}

struct Session::Editions {
    CheckCaches checked;
    std::map<std::string, std::unique_ptr<EditionCache>> caches;
    std::string fonts_signature; ///< of the project's fonts/: a change starts from nothing
};

Session::Session(BuildOptions options, Limits limits)
    : m_options(std::move(options)), m_limits(limits), m_editions(std::make_unique<Editions>()) {
}

Session::~Session() = default;

namespace {

/// Names, sizes and times of the files in the project's fonts/, to notice a font changed.
std::string folder_signature(const fs::path& folder) {
    std::string signature;
    std::error_code error;
    std::vector<std::string> entries;
    for (fs::recursive_directory_iterator it(folder, error), end; !error && it != end;
         it.increment(error)) {
        std::error_code ignored;
        auto time = fs::last_write_time(it->path(), ignored).time_since_epoch().count();
        entries.push_back(
            it->path().string() + "\t" +
            std::to_string(it->is_regular_file(ignored) ? it->file_size(ignored) : 0) + "\t" +
            std::to_string(time));
    }
    std::sort(entries.begin(), entries.end());
    for (const std::string& entry : entries)
        signature += entry + "\n";
    return signature;
}

} // namespace

Session::Run Session::build() {
    auto started = std::chrono::steady_clock::now();
    Run run;
    run.checked = check_project(m_options.project, m_limits, &m_editions->checked);
    BuildOptions options = m_options;
    if (!run.checked->diagnostics.has_errors() && !m_languages.empty()) {
        // As --lang is read for a build; an unknown language is an error in the diagnostics.
        auto resolved = resolve_languages(*run.checked, m_languages);
        if (!resolved) {
            run.seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            return run;
        }
        options.languages = *resolved;
    }
    std::string fonts = folder_signature(m_options.project / "fonts");
    if (fonts != m_editions->fonts_signature) {
        m_editions->caches.clear();
        m_editions->fonts_signature = std::move(fonts);
    }
    if (!run.checked->diagnostics.has_errors()) {
        std::vector<std::string> languages = options.languages;
        if (languages.empty())
            languages.push_back(run.checked->model.book.language);
        for (const std::string& language : languages)
            if (!m_editions->caches[language])
                m_editions->caches[language] = std::make_unique<EditionCache>();
        run.results = build_editions(*run.checked, options, &m_editions->caches);
    }
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return run;
}

namespace {

std::vector<BuildResult>
build_editions(CheckedProject& checked, const BuildOptions& options,
               std::map<std::string, std::unique_ptr<EditionCache>>* caches) {
    if (checked.diagnostics.has_errors())
        return {};
    // The files' trees served validation; a build needs only the model. Freed before the
    // editions are laid out, they are not part of the peak (the scores table's alone is a
    // sixth of it on the benchmark book).
    checked.loaded = {};
    std::vector<std::string> languages = options.languages;
    if (languages.empty())
        languages.push_back(checked.model.book.language);

    fs::path out = options.out.empty() ? options.project / "out" : options.out;
    std::error_code error;
    fs::create_directories(out, error);
    if (error) {
        checked.diagnostics.error(SourcePos{}, "cannot create the output folder " + out.string() +
                                                   ": " + error.message());
        return {};
    }

    // Each edition on one thread at a time, with its own font map (a PangoFontMap must not be
    // shared between threads), localizer, hyphenator and diagnostics; the model and the
    // scores are only read. --jobs is the number of threads.
    const unsigned cores = thread_count(options.jobs);
    const size_t count = languages.size();
    std::vector<Diagnostics> sinks(count);
    std::vector<std::unique_ptr<Edition>> editions;
    // Untranslated texts print alike in several editions: each is set once.
    std::unique_ptr<layout::SharedParagraphs> shared_paragraphs;
    if (count > 1)
        shared_paragraphs = std::make_unique<layout::SharedParagraphs>();
    for (size_t i = 0; i < count; ++i) {
        EditionCache* cache = nullptr;
        if (caches)
            if (auto found = caches->find(languages[i]); found != caches->end())
                cache = found->second.get();
        editions.push_back(std::make_unique<Edition>(checked, languages[i], options, out, sinks[i],
                                                     cache, shared_paragraphs.get()));
    }

    // An edition is two tasks: compose, then write. A free thread composes the next edition;
    // having composed it, the thread writes it, unless editions are left to compose and fewer
    // than threads - 1 writes are held: then it holds this write back and composes the next
    // edition. The held writes are taken when nothing is left to compose, so the cores stay
    // busy to the end; otherwise the last edition is composed alone while the other cores
    // idle. A write's pages go on every core, sharing them with what the other threads do,
    // so that the last write does not run on one core while the others have finished.
    // (The default book's five editions on two cores, median of nine runs: 1.14 s before,
    // 1.10 s with one write held and the writes on both cores.)
    const unsigned threads = static_cast<unsigned>(std::min<size_t>(cores, count));
    std::mutex mutex;
    size_t next = 0;         // the next edition to compose
    std::deque<size_t> held; // composed editions waiting to be written
    auto guarded = [&](size_t i, auto&& task) {
        try {
            return task();
        } catch (const std::exception& exception) {
            sinks[i].error(SourcePos{}, std::string("internal error: ") + exception.what());
            editions[i]->result.internal_error = true;
            return false;
        }
    };
    auto write = [&](size_t i) {
        guarded(i, [&] {
            editions[i]->write(cores, count == 1);
            return true;
        });
    };
    auto work = [&] {
        std::unique_lock lock(mutex);
        for (;;) {
            if (next < count) {
                size_t i = next++;
                lock.unlock();
                bool composed = guarded(i, [&] { return editions[i]->compose(); });
                lock.lock();
                if (!composed)
                    continue;
                if (next < count && held.size() + 1 < threads) {
                    held.push_back(i);
                    continue;
                }
                lock.unlock();
                write(i);
                lock.lock();
            } else if (!held.empty()) {
                size_t i = held.front();
                held.pop_front();
                lock.unlock();
                write(i);
                lock.lock();
            } else {
                return;
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t)
        pool.emplace_back(work);
    work();
    for (std::thread& thread : pool)
        thread.join();
    std::vector<BuildResult> results;
    for (const auto& edition : editions)
        results.push_back(std::move(edition->result));

    // Diagnostics in the order the editions were asked for, each naming its edition when
    // there are several.
    for (size_t i = 0; i < languages.size(); ++i) {
        std::string prefix = languages.size() > 1 ? languages[i] + " edition: " : "";
        for (const Diagnostic& diagnostic : sinks[i].all()) {
            std::string message = prefix + diagnostic.message;
            switch (diagnostic.severity) {
            case Severity::Error:
                checked.diagnostics.error(diagnostic.pos, std::move(message));
                break;
            case Severity::Warning:
                checked.diagnostics.warning(diagnostic.pos, std::move(message));
                break;
            case Severity::Note:
                checked.diagnostics.note(diagnostic.pos, std::move(message));
                break;
            }
        }
    }
    return results;
}

} // namespace

} // namespace mipex::pipeline
