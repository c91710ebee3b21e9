#include "pipeline/pipeline.h"

#include "base/files.h"
#include "base/text.h"
#include "doc/build.h"
#include "i18n/localizer.h"
#include "layout/fonts.h"
#include "layout/hyphenate.h"
#include "layout/layout.h"
#include "load/project.h"
#include "model/validate.h"
#include "render/pdf.h"
#include "score/compute.h"
#include "score/export.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <fontconfig/fontconfig.h>
#include <mutex>
#include <set>

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
void check_fonts(const fs::path& project, Checked& checked) {
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
            checked.diagnostics.error(SourcePos{checked.files.add(display, ""), 1, 1},
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

std::unique_ptr<Checked> check_project(const fs::path& project, const Limits& limits) {
    isolate_fontconfig();
    auto checked = std::make_unique<Checked>();
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
    load::LoadedProject loaded =
        load::load_project(paths, checked->files, checked->diagnostics, limits);
    checked->model = model::validate(loaded, checked->files, checked->diagnostics, limits);
    if (!checked->diagnostics.has_errors())
        check_fonts(project, *checked);
    if (!checked->diagnostics.has_errors())
        checked->scores = score::compute_scores(checked->model, checked->diagnostics);
    return checked;
}

doc::Document build_document(Checked& checked, const std::string& language) {
    i18n::Localizer localizer(checked.model, language, checked.diagnostics);
    return doc::build_document(checked.model, checked.scores, localizer, checked.diagnostics);
}

display::Document lay_out(Checked& checked, const doc::Document& document, const fs::path& project,
                          bool greedy_lines, std::string* report) {
    std::vector<fs::path> fonts = {engine_root() / "fonts"};
    if (fs::is_directory(project / "fonts"))
        fonts.push_back(project / "fonts");
    layout::FontContext font_context(fonts, document.metadata.language);
    layout::LayoutOptions options;
    options.breaking = greedy_lines ? layout::LineBreaking::Greedy : layout::LineBreaking::Optimal;
    options.hyphenation_folders = layout::Hyphenator::default_folders(engine_root());
    layout::LayoutReport measured;
    display::Document pages =
        layout::layout_document(document, font_context, checked.diagnostics, options, &measured);
    if (report)
        *report =
            "line breaking: " + std::string(greedy_lines ? "first fit" : "optimal") +
            "; hyphenation: " +
            (measured.hyphenation_dictionary.empty() ? "none" : measured.hyphenation_dictionary) +
            "\n" + measured.paragraphs.report() + "\n";
    return pages;
}

std::optional<std::string> export_scores(Checked& checked, std::optional<int> year,
                                         ScoreFormat format) {
    if (checked.diagnostics.has_errors())
        return std::nullopt;
    score::ExportOptions options;
    if (year) {
        options.year = checked.model.find_year(*year);
        if (!options.year) {
            std::string known;
            for (int edition : checked.model.editions.years)
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

std::optional<BuildResult> build_book(Checked& checked, const BuildOptions& options) {
    if (checked.diagnostics.has_errors())
        return std::nullopt;
    const std::string language = checked.model.book.language;
    doc::Document document = build_document(checked, language);
    if (checked.diagnostics.has_errors())
        return std::nullopt;
    std::string report;
    display::Document pages;
    try {
        pages = lay_out(checked, document, options.project, options.greedy_lines, &report);
    } catch (const std::runtime_error& error) {
        // layout::FontContext refuses a font it cannot load; check_fonts has looked at every
        // file already, so this is a file changed since, or a fault fontconfig alone sees.
        checked.diagnostics.error(SourcePos{}, error.what());
        return std::nullopt;
    }
    if (options.report)
        std::fputs(report.c_str(), stderr);
    if (checked.diagnostics.has_errors())
        return std::nullopt;

    fs::path out = options.out.empty() ? options.project / "out" : options.out;
    std::error_code error;
    fs::create_directories(out, error);
    if (error) {
        checked.diagnostics.error(SourcePos{}, "cannot create the output folder " + out.string() +
                                                   ": " + error.message());
        return std::nullopt;
    }
    BuildResult result;
    result.pdf = out / ("mipex-" + language + ".pdf");
    result.pages = pages.pages.size();
    render::PdfOptions pdf_options;
    pdf_options.date = options.date ? options.date : source_date_epoch();
    if (std::string message = render::write_pdf(pages, result.pdf, pdf_options); !message.empty()) {
        checked.diagnostics.error(SourcePos{}, message);
        return std::nullopt;
    }
    if (options.write_dump) {
        fs::path dump = out / ("mipex-" + language + ".txt");
        if (std::string message = write_file_atomic(dump, display::dump(pages)); !message.empty())
            checked.diagnostics.warning(SourcePos{}, message);
    }
    result.bytes = fs::file_size(result.pdf, error);
    return result;
}

} // namespace mipex::pipeline
