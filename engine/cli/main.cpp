// mipex: the command line. Turns arguments into a pipeline run and diagnostics into output
// and an exit code (0 done, 1 input errors, 2 usage or internal failure).
#include "base/diagnostics.h"
#include "base/files.h"
#include "base/limits.h"
#include "base/watch.h"
#include "pipeline/pipeline.h"
#include "pipeline/translators.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <malloc.h>
#include <optional>

namespace {

using mipex::DiagnosticFormat;

void print_diagnostics(const mipex::pipeline::Checked& checked, DiagnosticFormat format) {
    std::string text = mipex::format_all(checked.diagnostics, checked.files, format);
    std::fputs(text.c_str(), stderr);
}

/// After a build: the texts an edition printed in the source language, and its stale
/// translations, one a line with where they are written (what `mipex i18n status` lists too).
void print_translation_notes(const mipex::pipeline::Checked& checked,
                             const mipex::pipeline::BuildResult& result, DiagnosticFormat format) {
    if (result.missing.empty() && result.stale.empty())
        return;
    if (format == DiagnosticFormat::Json) {
        // The same stream as the diagnostics, one JSON object a line.
        auto note = [&](mipex::SourcePos pos, const std::string& message) {
            std::string line =
                mipex::format_json({mipex::Severity::Note, pos, message}, checked.files);
            std::fprintf(stderr, "%s\n", line.c_str());
        };
        for (const auto& missing : result.missing)
            note(missing.pos,
                 result.language + ": not translated, printed in English: " + missing.key);
        for (const auto& stale : result.stale)
            note(stale.pos, result.language + ": stale translation: " + stale.key);
        return;
    }
    if (!result.missing.empty()) {
        std::fprintf(stderr, "%s: %zu texts have no translation and print in English:\n",
                     result.language.c_str(), result.missing.size());
        for (const auto& missing : result.missing)
            std::fprintf(stderr, "  %s: %s\n", checked.files.describe(missing.pos).c_str(),
                         missing.key.c_str());
    }
    if (!result.stale.empty()) {
        std::fprintf(stderr,
                     "%s: %zu translations are stale (the English changed since they were made):\n",
                     result.language.c_str(), result.stale.size());
        for (const auto& stale : result.stale)
            std::fprintf(stderr, "  %s: %s (from: %s, now %s)\n",
                         checked.files.describe(stale.pos).c_str(), stale.key.c_str(),
                         stale.from.empty() ? "none" : stale.from.c_str(), stale.current.c_str());
    }
}

/// After a build: what each edition wrote, the diagnostics and the translation notes.
/// True when every edition was written.
bool report_build(const mipex::pipeline::Checked& checked,
                  const std::vector<mipex::pipeline::BuildResult>& results,
                  const mipex::pipeline::BuildOptions& options, DiagnosticFormat format,
                  double seconds) {
    for (const auto& result : results)
        if (options.report && !result.report.empty())
            std::fputs(result.report.c_str(), stderr);
    print_diagnostics(checked, format);
    for (const auto& result : results)
        if (!options.strict)
            print_translation_notes(checked, result, format);
    bool all_written = !results.empty();
    for (const auto& result : results)
        all_written = all_written && result.written;
    if (format == DiagnosticFormat::Human) {
        for (const auto& result : results) {
            if (!result.written)
                continue;
            if (!result.pdf.empty())
                std::fprintf(stderr, "wrote %s: %zu pages, %.1f MB, in %.2f s\n",
                             result.pdf.c_str(), result.pages,
                             static_cast<double>(result.bytes) / 1e6, result.seconds);
            if (!result.epub.empty() && result.pdf.empty())
                std::fprintf(stderr, "wrote %s: page-list of %zu pages, %.1f MB, in %.2f s\n",
                             result.epub.c_str(), result.pages,
                             static_cast<double>(result.epub_bytes) / 1e6, result.seconds);
            else if (!result.epub.empty())
                std::fprintf(stderr, "wrote %s: page-list of %zu pages, %.1f MB\n",
                             result.epub.c_str(), result.pages,
                             static_cast<double>(result.epub_bytes) / 1e6);
        }
        if (results.size() > 1)
            std::fprintf(stderr, "%zu editions in %.2f s\n", results.size(), seconds);
    }
    return all_written;
}

/// Files whose change means a new build: not editors' backups, swap and lock files.
bool is_project_file(const std::filesystem::path& path) {
    std::string name = path.filename().string();
    if (name.empty() || name[0] == '.' || name[0] == '#' || name.back() == '~' || name == "4913")
        return false; // 4913: the file vim writes to test that a folder is writable
    std::string extension = path.extension().string();
    return extension != ".swp" && extension != ".swx" && extension != ".tmp";
}

/// `mipex watch`: a build, then one after each change, until stopped (or `max_builds`).
/// Errors in the input are printed and the watch goes on; the last good PDFs stay.
int watch_project(mipex::pipeline::BuildOptions options, mipex::Limits limits,
                  const std::string& languages, DiagnosticFormat format, unsigned max_builds,
                  std::chrono::milliseconds quiet) {
    namespace fs = std::filesystem;
    mipex::FolderWatcher watcher(
        {options.project / "content", options.project / "layouts", options.project / "fonts"},
        is_project_file);
    if (!watcher.error().empty()) {
        std::fprintf(stderr, "mipex: %s\n", watcher.error().c_str());
        return 2;
    }
    mipex::pipeline::Session session(options, limits);
    session.set_languages(languages);
    int status = 0;
    for (unsigned builds = 1;; ++builds) {
        auto run = session.build();
        bool written = report_build(*run.checked, run.results, options, format, run.seconds);
        status = written ? 0 : 1;
        if (format == DiagnosticFormat::Human)
            std::fprintf(stderr, "%s in %.2f s; watching %s for changes\n",
                         written ? "built" : "not built", run.seconds,
                         options.project.string().c_str());
        if (max_builds != 0 && builds >= max_builds)
            return status;
        std::vector<fs::path> changed = watcher.wait(quiet);
        if (changed.empty())
            return watcher.error().empty() ? status : 2;
        if (format == DiagnosticFormat::Human) {
            // Editors' temporary files come and go within one save: name what is there now.
            std::string names;
            size_t gone = 0;
            for (const fs::path& path : changed) {
                std::error_code error;
                if (!fs::exists(path, error)) {
                    ++gone;
                    continue;
                }
                names +=
                    (names.empty() ? "" : ", ") + path.lexically_relative(options.project).string();
            }
            if (names.empty())
                names = std::to_string(gone) + " files removed";
            std::fprintf(stderr, "changed: %s\n", names.c_str());
        }
    }
}

} // namespace

int main(int argc, char** argv) {
    // Buffers of 64 KB and more (a page's content stream as it is written, the compressor's
    // room, the file's bytes) are mapped on their own and returned when freed, rather than
    // grown at the top of the heap past the small holes freed display lists leave. glibc would
    // otherwise raise this threshold up to 32 MB once the first such buffer is freed
    // (mallopt(3), M_MMAP_THRESHOLD). Measured on the benchmark book: 1.2 MB less peak memory
    // (65.9 to 64.7 MB, five runs each) and no difference in time.
    mallopt(M_MMAP_THRESHOLD, 64 * 1024);
    CLI::App app{"mipex composes the book of the Migrant Integration Policy Index: it reads YAML "
                 "content and scored indicator data, computes the scores and lays out the book "
                 "as PDF."};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("mipex 0.1"));

    std::string project = ".";
    std::string out;
    std::string format_name = "human";
    bool dump = false;
    const std::map<std::string, DiagnosticFormat> formats = {{"human", DiagnosticFormat::Human},
                                                             {"json", DiagnosticFormat::Json}};

    CLI::App* build =
        app.add_subcommand("build", "Check the project, then write the book to "
                                    "<out>/mipex-<lang>.pdf (and .epub with --format epub).");
    CLI::App* watch = app.add_subcommand(
        "watch", "Build the book, then build it again each time a file in content/, layouts/ "
                 "or fonts/ is saved, reusing what did not change; the PDFs are the same bytes "
                 "as a build's. Stops with Ctrl-C.");
    std::string line_breaking = "optimal";
    std::string only;
    bool report = false;
    std::string languages;
    bool strict = false;
    unsigned jobs = 0;
    std::vector<std::string> build_formats;
    // The same options for a build and a watch: a watch is builds, one after another.
    for (CLI::App* command : {build, watch}) {
        command
            ->add_option("--project", project,
                         "Project folder holding content/ (and optionally layouts/ and fonts/)")
            ->capture_default_str()
            ->check(CLI::ExistingDirectory);
        command->add_option("--out", out, "Output folder (default: <project>/out)");
        command
            ->add_option("--diagnostic-format", format_name,
                         "How to print problems: human (file:line:col with the source line) or "
                         "json (one JSON object per line)")
            ->capture_default_str()
            ->check(CLI::IsMember({"human", "json"}));
        command
            ->add_option(
                "--line-breaking", line_breaking,
                "How justified paragraphs are broken into lines: optimal (Knuth-Plass over the "
                "whole paragraph) or greedy (first fit, as pango does; for comparison)")
            ->capture_default_str()
            ->check(CLI::IsMember({"optimal", "greedy"}));
        command->add_option(
            "--only", only,
            "Write one part alone, fast, for previews: country:<code> (country:SE) or "
            "area:<id> (area:lmm); the file is <out>/mipex-<lang>-<part>.pdf");
        command->add_flag(
            "--report", report,
            "Print what layout measured: hyphenated and loose lines, inter-word spacing");
        command->add_option("--lang", languages,
                            "The editions to build: a language (de), several (de,fr), or all (the "
                            "source language and every language with a catalog in content/i18n/), "
                            "built in parallel; the pseudo-locales qps and ar-XB test layout under "
                            "translation. Default: the source language");
        command->add_flag(
            "--strict", strict,
            "A text without translation, or a translation whose English changed since "
            "(stale), is an error instead of a note after the build");
        command->add_option("--jobs,-j", jobs,
                            "Editions built at once (default: the number of cores)");
        command
            ->add_option("--format", build_formats,
                         "What to write for each edition: pdf (<out>/mipex-<lang>.pdf), epub "
                         "(<out>/mipex-<lang>.epub: EPUB 3 with navigation, a page-list of the "
                         "PDF's pages, charts as SVG with their text alternatives and data tables, "
                         "the fonts embedded, accessibility metadata), or both (pdf,epub; the "
                         "option may also be repeated). Default: pdf")
            ->delimiter(',')
            ->check(CLI::IsMember({"pdf", "epub"}));
        command->add_flag("--dump", dump,
                          "Also write the laid-out pages as text (<out>/mipex-<lang>.txt), for "
                          "tests and debugging");
    }
    unsigned max_builds = 0;
    watch->add_option("--max-builds", max_builds,
                      "Stop after this many builds (the first included), for scripts and "
                      "tests; 0: never");
    unsigned quiet_ms = 20;
    watch
        ->add_option("--quiet-ms", quiet_ms,
                     "After a change, wait until no file has changed for this long before "
                     "building (one save can write several files)")
        ->capture_default_str()
        ->check(CLI::Range(0u, 10000u));

    CLI::App* check = app.add_subcommand("check", "Validate the project and report every "
                                                  "problem at once, without writing a book.");
    check->add_option("--project", project, "Project folder holding content/")
        ->capture_default_str()
        ->check(CLI::ExistingDirectory);
    check->add_option("--diagnostic-format", format_name, "human or json")
        ->capture_default_str()
        ->check(CLI::IsMember({"human", "json"}));

    CLI::App* scores =
        app.add_subcommand("scores", "Print the computed scores (overall, areas, dimensions, "
                                     "ranks, bands, group means) to standard output.");
    scores->add_option("--project", project, "Project folder holding content/")
        ->capture_default_str()
        ->check(CLI::ExistingDirectory);
    std::optional<int> year;
    scores->add_option("--year", year, "Only this edition year (default: every edition)");
    std::string score_format = "csv";
    scores
        ->add_option("--format", score_format,
                     "csv (one row per country, year and score) or json (nested by year, country "
                     "and area)")
        ->capture_default_str()
        ->check(CLI::IsMember({"csv", "json"}));
    scores->add_option("--diagnostic-format", format_name, "human or json")
        ->capture_default_str()
        ->check(CLI::IsMember({"human", "json"}));

    CLI::App* charts =
        app.add_subcommand("charts", "Write every chart of the book as a file of its own "
                                     "(SVG for the web, PNG for the press), named by kind "
                                     "and subject.");
    charts->add_option("--project", project, "Project folder holding content/")
        ->capture_default_str()
        ->check(CLI::ExistingDirectory);
    std::string chart_format = "svg";
    charts->add_option("--format", chart_format, "svg or png")
        ->capture_default_str()
        ->check(CLI::IsMember({"svg", "png"}));
    std::string chart_out;
    charts->add_option("--out", chart_out, "Output folder (default: <project>/out/charts)");
    std::string chart_language;
    charts->add_option("--lang", chart_language, "The edition's language (default: the book's)");
    double dpi = 144;
    charts->add_option("--dpi", dpi, "Resolution of PNG files")
        ->capture_default_str()
        ->check(CLI::Range(36.0, 1200.0));
    charts->add_option("--diagnostic-format", format_name, "human or json")
        ->capture_default_str()
        ->check(CLI::IsMember({"human", "json"}));

    CLI::App* i18n = app.add_subcommand(
        "i18n", "Translators' tools: what is translated, export to PO or XLIFF, import back.");
    i18n->require_subcommand(1);
    CLI::App* status = i18n->add_subcommand(
        "status", "Per language: texts translated, missing (printed in English) and stale "
                  "(the English changed since), and which.");
    std::string status_format = "human";
    std::string status_languages;
    CLI::App* i18n_export = i18n->add_subcommand(
        "export", "Write every translatable text with its translation as a gettext PO or an "
                  "XLIFF 1.2 file, for translation tools.");
    std::string export_language, export_format = "po", export_out;
    CLI::App* i18n_import = i18n->add_subcommand(
        "import", "Write the translations of a PO or XLIFF file back into the catalogs "
                  "(content/i18n/<lang>/), changing only what differs.");
    std::string import_file;
    mipex::pipeline::ImportOptions import_options;
    for (CLI::App* command : {status, i18n_export, i18n_import}) {
        command->add_option("--project", project, "Project folder holding content/")
            ->capture_default_str()
            ->check(CLI::ExistingDirectory);
        command->add_option("--diagnostic-format", format_name, "human or json")
            ->capture_default_str()
            ->check(CLI::IsMember({"human", "json"}));
    }
    status->add_option("--format", status_format, "human (a table and lists) or json")
        ->capture_default_str()
        ->check(CLI::IsMember({"human", "json"}));
    status->add_option("--lang", status_languages,
                       "Only these languages (comma-separated; default: every catalog)");
    i18n_export->add_option("--lang", export_language, "The language to translate into")
        ->required();
    i18n_export->add_option("--format", export_format, "po (gettext) or xliff (XLIFF 1.2)")
        ->capture_default_str()
        ->check(CLI::IsMember({"po", "xliff"}));
    i18n_export->add_option("--out", export_out, "Write to this file (default: standard output)");
    i18n_import->add_option("FILE", import_file, "A PO (.po) or XLIFF (.xlf, .xliff) file")
        ->required()
        ->check(CLI::ExistingFile);
    i18n_import->add_option("--lang", import_options.language,
                            "The language of the translations: must be the one the file says "
                            "(default: the file's own)");
    i18n_import->add_flag("--create", import_options.create,
                          "Start the catalog of a language that has none (content/i18n/<lang>/)");
    i18n_import->add_flag("--dry-run", import_options.dry_run,
                          "List what would change (added, changed, confirmed) and write nothing");

    // The limits (README, "Limits"): on the command line only, never in the project, so a
    // project cannot lift the guards that protect against it.
    std::vector<std::string> limit_assignments;
    std::string limit_help = "Raise (or lower) a limit on the input, NAME=N; repeatable. Limits:";
    mipex::Limits defaults;
    for (const mipex::LimitInfo& info : mipex::limit_table())
        limit_help += std::string(" ") + info.name + " (" + info.meaning + ", " +
                      mipex::format_count(defaults.*(info.field)) + ")";
    for (CLI::App* command :
         {build, watch, check, scores, charts, status, i18n_export, i18n_import})
        command->add_option("--limit", limit_assignments, limit_help)->type_name("NAME=N");

    CLI11_PARSE(app, argc, argv);
    DiagnosticFormat format = formats.at(format_name);
    mipex::Limits limits;
    for (const std::string& assignment : limit_assignments) {
        if (std::string message = mipex::set_limit(limits, assignment); !message.empty()) {
            std::fprintf(stderr, "mipex: %s\n", message.c_str());
            return 2;
        }
    }

    auto build_options = [&] {
        mipex::pipeline::BuildOptions options;
        options.project = project;
        options.out = out;
        options.write_dump = dump;
        options.greedy_lines = line_breaking == "greedy";
        options.report = report;
        options.only = only;
        options.strict = strict;
        options.jobs = jobs;
        options.formats = *mipex::pipeline::parse_formats(build_formats);
        return options;
    };

    mipex::Timings::measure_memory = report;
    try {
        if (watch->parsed())
            return watch_project(build_options(), limits, languages, format, max_builds,
                                 std::chrono::milliseconds(quiet_ms));
        auto started = std::chrono::steady_clock::now();
        auto checked = mipex::pipeline::check_project(project, limits);
        if (check->parsed()) {
            print_diagnostics(*checked, format);
            if (checked->diagnostics.has_errors())
                return 1;
            if (format == DiagnosticFormat::Human)
                std::fprintf(stderr, "%s: %zu countries, %zu indicators, %zu editions: no errors\n",
                             project.c_str(), checked->model.countries.size(),
                             checked->model.framework.indicators.size(),
                             checked->model.editions.years.size());
            return 0;
        }
        if (status->parsed()) {
            std::vector<std::string> languages;
            if (!checked->diagnostics.has_errors() && !status_languages.empty()) {
                auto resolved = mipex::pipeline::resolve_languages(*checked, status_languages);
                if (resolved)
                    languages = *resolved;
            }
            auto result = mipex::pipeline::translation_status(*checked, languages);
            print_diagnostics(*checked, format);
            if (checked->diagnostics.has_errors())
                return 1;
            std::string text =
                mipex::pipeline::format_status(result, *checked, status_format == "json");
            std::fwrite(text.data(), 1, text.size(), stdout);
            return 0;
        }
        if (i18n_export->parsed()) {
            auto text = mipex::pipeline::export_translations(
                *checked, export_language,
                export_format == "po" ? mipex::pipeline::ExchangeFormat::Po
                                      : mipex::pipeline::ExchangeFormat::Xliff);
            if (text && !export_out.empty())
                if (std::string message = mipex::write_file_atomic(export_out, *text);
                    !message.empty())
                    checked->diagnostics.error(mipex::SourcePos{}, message);
            print_diagnostics(*checked, format);
            if (!text || checked->diagnostics.has_errors())
                return 1;
            if (export_out.empty())
                std::fwrite(text->data(), 1, text->size(), stdout);
            else if (format == DiagnosticFormat::Human)
                std::fprintf(stderr, "wrote %s\n", export_out.c_str());
            return 0;
        }
        if (i18n_import->parsed()) {
            auto result =
                mipex::pipeline::import_translations(*checked, import_file, import_options);
            print_diagnostics(*checked, format);
            if (!result)
                return 1;
            std::string summary = mipex::pipeline::format_import(*result, import_options.dry_run);
            if (import_options.dry_run) {
                // What would change is the dry run's answer: on standard output.
                std::fwrite(summary.data(), 1, summary.size(), stdout);
                return 0;
            }
            if (format == DiagnosticFormat::Human)
                std::fwrite(summary.data(), 1, summary.size(), stderr);
            // The catalogs as written must read back: check them as a build would.
            auto again = mipex::pipeline::check_project(project, limits);
            if (!again->diagnostics.all().empty())
                print_diagnostics(*again, format);
            return again->diagnostics.has_errors() ? 1 : 0;
        }
        if (scores->parsed()) {
            auto text = mipex::pipeline::export_scores(*checked, year,
                                                       score_format == "csv"
                                                           ? mipex::pipeline::ScoreFormat::Csv
                                                           : mipex::pipeline::ScoreFormat::Json);
            print_diagnostics(*checked, format);
            if (!text)
                return 1;
            std::fwrite(text->data(), 1, text->size(), stdout);
            return 0;
        }
        if (charts->parsed()) {
            mipex::pipeline::ChartExportOptions export_options;
            export_options.format = chart_format == "png"
                                        ? mipex::pipeline::ChartExportOptions::Format::Png
                                        : mipex::pipeline::ChartExportOptions::Format::Svg;
            export_options.out = chart_out.empty()
                                     ? std::filesystem::path(project) / "out" / "charts"
                                     : std::filesystem::path(chart_out);
            export_options.language = chart_language;
            export_options.dpi = dpi;
            auto written = mipex::pipeline::export_charts(*checked, export_options);
            print_diagnostics(*checked, format);
            if (!written)
                return 1;
            if (format == DiagnosticFormat::Human)
                std::fprintf(stderr, "wrote %zu charts to %s\n", *written,
                             export_options.out.c_str());
            return 0;
        }
        mipex::pipeline::BuildOptions options = build_options();
        if (!checked->diagnostics.has_errors() && !languages.empty()) {
            auto resolved = mipex::pipeline::resolve_languages(*checked, languages);
            if (!resolved) {
                print_diagnostics(*checked, format);
                return 1;
            }
            options.languages = *resolved;
        }
        auto results = mipex::pipeline::build_books(*checked, options);
        double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return report_build(*checked, results, options, format, seconds) ? 0 : 1;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "mipex: internal error: %s\n", error.what());
        return 2;
    }
}
