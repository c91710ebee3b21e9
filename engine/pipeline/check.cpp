// The check step: a project read (load/), validated (model/, i18n/, doc/'s prose check) and
// scored (score/), with its fonts; and what the command line asks of it (--lang, --format),
// read against the project.
#include "i18n/check.h"
#include "base/text.h"
#include "doc/build.h"
#include "doc/prose.h"
#include "i18n/localizer.h"
#include "layout/fonts.h"
#include "load/project.h"
#include "model/catalog.h"
#include "model/language_tag.h"
#include "model/validate.h"
#include "pipeline/pipeline.h"
#include "score/compute.h"
#include "site/search.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
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
        std::optional<std::vector<std::string>> in_file = layout::font_families(font);
        if (!in_file) {
            std::string display = font.lexically_normal().generic_string();
            checked.diagnostics.error(SourcePos::whole(checked.files.add(display, "")),
                                      "this font file is damaged: it starts like a font, but "
                                      "no font can be read from it; replace it or remove it");
            continue;
        }
        for (const std::string& family : *in_file)
            families.insert(layout::family_key(family));
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
            if (family.empty() || families.count(layout::family_key(family)) ||
                !reported.insert(layout::family_key(family)).second)
                continue;
            checked.diagnostics.error(style.family_pos,
                                      "no font of the family '" + family +
                                          "'; add its files to the project's fonts/ folder, "
                                          "or name a family the engine has (Noto Sans, Noto "
                                          "Serif, Noto Naskh Arabic, Noto Sans Arabic)");
        }
    }
}

/// The items of a comma-separated option value (--lang de,fr; --format pdf,epub), trimmed,
/// empty ones left out.
std::vector<std::string> comma_list(std::string_view value) {
    std::vector<std::string> items;
    size_t start = 0;
    while (start <= value.size()) {
        size_t end = std::min(value.find(',', start), value.size());
        std::string item(trim(value.substr(start, end - start)));
        start = end + 1;
        if (!item.empty())
            items.push_back(std::move(item));
    }
    return items;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

} // namespace

std::unique_ptr<CheckedProject> check_project(const fs::path& project, const Limits& limits,
                                              CheckCaches* caches) {
    layout::isolate_fontconfig();
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

void check_editions(CheckedProject& checked) {
    if (checked.diagnostics.has_errors())
        return;
    std::vector<std::string> languages = {checked.model.book.language};
    for (const auto& [language, catalog] : checked.model.catalogs)
        languages.push_back(language);
    for (const std::string& language : languages) {
        Diagnostics sink;
        i18n::Localizer localizer(checked.model, language, sink);
        doc::DocumentOptions options;
        options.screen_texts = true;
        options.site_content = true;
        doc::build_document(checked.model, checked.scores, localizer, sink, options);
        // The site's search index reads the names and questions as the site does.
        site::make_search_index(checked.model, localizer);
        for (const Diagnostic& diagnostic : sink.all())
            if (diagnostic.severity != Severity::Note)
                checked.diagnostics.add(diagnostic, language + " edition: ");
    }
}

std::optional<std::vector<OutputFormat>> parse_formats(const std::vector<std::string>& values) {
    std::vector<OutputFormat> formats;
    for (const std::string& value : values) {
        for (const std::string& name : comma_list(value)) {
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
    for (const std::string& tag : comma_list(value)) {
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

} // namespace mipex::pipeline
