// mipex: the command line. Turns arguments into a pipeline run and diagnostics into output
// and an exit code (README, "Exit codes": 0 done, 1 input errors, 2 a mistake on the command
// line or an internal failure).
#include "base/diagnostics.h"
#include "base/files.h"
#include "base/limits.h"
#include "base/text.h"
#include "base/watch.h"
#include "model/language_tag.h"
#include "model/reader.h"
#include "pipeline/pipeline.h"
#include "pipeline/translators.h"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <malloc.h>
#include <optional>

namespace {

using mipex::DiagnosticFormat;

/// The name of a command as it is typed: "mipex", "mipex build", "mipex i18n status".
std::string command_name(const CLI::App* command) {
    std::string name;
    for (; command->get_parent(); command = command->get_parent())
        name = " " + command->get_name() + name;
    return "mipex" + name;
}

/// "a, b or c".
std::string list_of(const std::vector<std::string>& names) {
    std::string list;
    for (size_t i = 0; i < names.size(); ++i)
        list += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
    return list;
}

/// The commands a command takes ("i18n": status, export, import).
std::vector<const CLI::App*> subcommands_of(const CLI::App* command) {
    return command->get_subcommands([](const CLI::App*) { return true; });
}

/// A mistake on the command line: CLI11's message in the engine's form, a "did you mean" for
/// a misspelled command or option, and where to read more. Exit code 2.
int usage_error(const CLI::App& app, const CLI::ParseError& error, int argc, char** argv) {
    // The command the arguments reached, and the first word where a command is expected that
    // names none ("mipex biuld", "mipex i18n stat"); options come after the command.
    const CLI::App* command = &app;
    std::string unknown;
    for (int i = 1; i < argc && unknown.empty(); ++i) {
        std::string word = argv[i];
        if (word.starts_with('-') || subcommands_of(command).empty())
            break;
        const CLI::App* found = nullptr;
        for (const CLI::App* sub : subcommands_of(command))
            if (sub->get_name() == word)
                found = sub;
        if (found)
            command = found;
        else
            unknown = word;
    }
    std::vector<std::string> commands;
    for (const CLI::App* sub : subcommands_of(command))
        commands.push_back(sub->get_name());

    std::string message;
    if (!unknown.empty()) {
        message = "'" + unknown + "' is not a command" +
                  (command == &app ? "" : " of " + command->get_name());
        if (auto near = mipex::model::nearest(unknown, commands))
            message += "; did you mean '" + *near + "'?";
        else
            message += " (" + list_of(commands) + ")";
    } else if (!commands.empty()) {
        message = (command == &app ? "a command is needed: "
                                   : command->get_name() + " needs a command: ") +
                  list_of(commands);
    } else {
        // CLI11 writes sentences; the engine's messages start in lower case.
        message = error.what();
        if (!message.empty() && message[0] >= 'A' && message[0] <= 'Z')
            message[0] = static_cast<char>(message[0] - 'A' + 'a');
        if (dynamic_cast<const CLI::ExtrasError*>(&error)) {
            // An option the command does not have: perhaps one it has, misspelled.
            std::vector<std::string> options;
            for (const CLI::Option* option : command->get_options())
                for (const std::string& name : option->get_lnames())
                    options.push_back("--" + name);
            for (int i = 1; i < argc; ++i) {
                std::string word = argv[i];
                word = word.substr(0, word.find('='));
                if (!word.starts_with("--") ||
                    std::find(options.begin(), options.end(), word) != options.end())
                    continue;
                message = "unknown option " + word;
                if (auto near = mipex::model::nearest(word, options))
                    message += "; did you mean '" + *near + "'?";
                break;
            }
        }
    }
    std::fprintf(stderr, "mipex: %s\nRun '%s --help' for %s.\n", message.c_str(),
                 command_name(command).c_str(), commands.empty() ? "its options" : "its commands");
    return 2;
}

/// What a --lang option takes: one language, or editions (a comma-separated list, or "all").
enum class Languages { One, Editions };

/// The values of --lang, checked before the project is read: each a well-formed language tag
/// (a mistake in one is a usage error, exit 2), rewritten in its canonical case ("DE-at" is
/// "de-AT").
CLI::Validator language_tags(Languages languages) {
    const bool all_allowed = languages == Languages::Editions;
    return CLI::Validator(
        [all_allowed](std::string& value) -> std::string {
            std::string canonical;
            size_t start = 0;
            while (start <= value.size()) {
                size_t end =
                    all_allowed ? std::min(value.find(',', start), value.size()) : value.size();
                std::string tag(mipex::trim(std::string_view(value).substr(start, end - start)));
                start = end + 1;
                if (tag.empty() && all_allowed)
                    continue;
                std::string lower = tag;
                for (char& c : lower)
                    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                if (lower == "all") {
                    if (!all_allowed)
                        return "'" + tag +
                               "': give one language (all is for build, watch "
                               "and i18n status)";
                    canonical += (canonical.empty() ? "" : ",") + lower;
                    continue;
                }
                std::optional<std::string> found = mipex::model::canonical_language_tag(tag);
                if (!found) {
                    std::string message =
                        "'" + tag + "' is not a language tag (BCP 47: de, pt-BR, zh-Hant)";
                    // de_AT, as POSIX locales write it.
                    std::string hyphens = mipex::replace_all(tag, "_", "-");
                    if (auto near = mipex::model::canonical_language_tag(hyphens);
                        near && hyphens != tag)
                        message += "; did you mean '" + *near + "'?";
                    return message;
                }
                canonical += (canonical.empty() ? "" : ",") + *found;
            }
            value = canonical;
            return {};
        },
        "");
}

void print_diagnostics(const mipex::pipeline::CheckedProject& checked, DiagnosticFormat format) {
    std::string text = mipex::format_all(checked.diagnostics, checked.files, format);
    std::fputs(text.c_str(), stderr);
}

/// After a build: the texts an edition printed in the source language, and its stale
/// translations. For people, one line an edition counting them by kind, or with `verbose`
/// each a line with where it is written (what `mipex i18n status` lists too); in JSON, each a
/// note.
void print_translation_notes(const mipex::pipeline::CheckedProject& checked,
                             const mipex::pipeline::BuildResult& result, DiagnosticFormat format,
                             bool verbose) {
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
    using mipex::pipeline::shown_position;
    if (!verbose) {
        std::string status = "mipex i18n status --lang " + result.language;
        if (checked.project != ".")
            status += " --project " + checked.project.string();
        std::string line =
            mipex::pipeline::translation_summary(result.language, "English", result.missing,
                                                 result.stale.size(), status + " lists them");
        std::fprintf(stderr, "%s\n", line.c_str());
        return;
    }
    if (!result.missing.empty()) {
        std::fprintf(stderr, "%s: %s no translation and print in English:\n",
                     result.language.c_str(),
                     result.missing.size() == 1
                         ? "1 text has"
                         : (mipex::format_count(result.missing.size()) + " texts have").c_str());
        for (const auto& missing : result.missing)
            std::fprintf(stderr, "  %s: %s\n", shown_position(checked, missing.pos).c_str(),
                         missing.key.c_str());
    }
    if (!result.stale.empty()) {
        std::fprintf(
            stderr, "%s: %s stale (made from an English text that changed since):\n",
            result.language.c_str(),
            result.stale.size() == 1
                ? "1 translation is"
                : (mipex::format_count(result.stale.size()) + " translations are").c_str());
        for (const auto& stale : result.stale)
            std::fprintf(stderr, "  %s: %s (from: %s, now %s)\n",
                         shown_position(checked, stale.pos).c_str(), stale.key.c_str(),
                         stale.from.empty() ? "none" : stale.from.c_str(), stale.current.c_str());
    }
}

/// After a build: what each edition wrote, the diagnostics and the translation notes.
/// Returns the exit code: 0 when every edition was written, 1 when the input had errors or an
/// edition was not written, 2 when the engine failed.
int report_build(const mipex::pipeline::CheckedProject& checked,
                 const std::vector<mipex::pipeline::BuildResult>& results,
                 const mipex::pipeline::BuildOptions& options, DiagnosticFormat format,
                 bool verbose, double seconds) {
    for (const auto& result : results)
        if (options.report && !result.report.empty())
            std::fputs(result.report.c_str(), stderr);
    print_diagnostics(checked, format);
    for (const auto& result : results)
        if (!options.strict)
            print_translation_notes(checked, result, format, verbose);
    bool all_written = !results.empty();
    bool failed = false;
    for (const auto& result : results) {
        all_written = all_written && result.written;
        failed = failed || result.internal_error;
    }
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
    if (failed)
        return 2;
    return all_written && !checked.diagnostics.has_errors() ? 0 : 1;
}

/// The exit code after writing a result to standard output: 1 when it could not all be
/// written (a full disk, a closed pipe), as for any output that could not be written, rather
/// than 0 for half a table.
int finish_standard_output() {
    if (std::fflush(stdout) == 0 && !std::ferror(stdout))
        return 0;
    std::fprintf(stderr, "mipex: cannot write to standard output: %s\n", std::strerror(errno));
    return 1;
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
                  const std::string& languages, DiagnosticFormat format, bool verbose,
                  unsigned max_builds, std::chrono::milliseconds quiet) {
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
        status = report_build(*run.checked, run.results, options, format, verbose, run.seconds);
        if (format == DiagnosticFormat::Human)
            std::fprintf(stderr, "%s in %.2f s; watching %s for changes\n",
                         status == 0 ? "built" : "not built", run.seconds,
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
    bool verbose = false;
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
        command
            ->add_option("--lang", languages,
                         "The editions to build: a language (de), several (de,fr), or all (the "
                         "source language and every language with a catalog in content/i18n/), "
                         "built in parallel; the pseudo-locales qps and ar-XB test layout under "
                         "translation. Default: the source language")
            ->transform(language_tags(Languages::Editions));
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
        command->add_flag("--verbose", verbose,
                          "After an edition in another language, list each text printed in "
                          "English and each stale translation with where it is written (by "
                          "default: one line an edition counting them)");
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
    charts->add_option("--lang", chart_language, "The edition's language (default: the book's)")
        ->transform(language_tags(Languages::One));
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
    status
        ->add_option("--lang", status_languages,
                     "Only these languages (comma-separated; default: every catalog)")
        ->transform(language_tags(Languages::Editions));
    i18n_export->add_option("--lang", export_language, "The language to translate into")
        ->required()
        ->transform(language_tags(Languages::One));
    i18n_export->add_option("--format", export_format, "po (gettext) or xliff (XLIFF 1.2)")
        ->capture_default_str()
        ->check(CLI::IsMember({"po", "xliff"}));
    i18n_export->add_option("--out", export_out, "Write to this file (default: standard output)");
    i18n_import->add_option("FILE", import_file, "A PO (.po) or XLIFF (.xlf, .xliff) file")
        ->required()
        ->check(CLI::ExistingFile);
    i18n_import
        ->add_option("--lang", import_options.language,
                     "The language of the translations: must be the one the file says "
                     "(default: the file's own)")
        ->transform(language_tags(Languages::One));
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

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        // --help and --version end the parse too, successfully (CLI11 prints them).
        if (error.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success))
            return app.exit(error);
        return usage_error(app, error, argc, argv);
    }
    DiagnosticFormat format = formats.at(format_name);
    mipex::Limits limits;
    for (const std::string& assignment : limit_assignments) {
        if (std::string message = mipex::set_limit(limits, assignment); !message.empty()) {
            const CLI::App* command = &app; // the command given, as a parse error names it
            while (!command->get_subcommands().empty())
                command = command->get_subcommands().front();
            std::fprintf(stderr, "mipex: %s\nRun '%s --help' for its options.\n", message.c_str(),
                         command_name(command).c_str());
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
            return watch_project(build_options(), limits, languages, format, verbose, max_builds,
                                 std::chrono::milliseconds(quiet_ms));
        auto started = std::chrono::steady_clock::now();
        auto checked = mipex::pipeline::check_project(project, limits);
        if (check->parsed()) {
            mipex::pipeline::check_editions(*checked);
            print_diagnostics(*checked, format);
            if (checked->diagnostics.has_errors())
                return 1;
            if (format == DiagnosticFormat::Human)
                std::fprintf(stderr, "%s: %zu countries, %zu indicators, %zu editions: no errors\n",
                             project.c_str(), checked->model.countries.size(),
                             checked->model.framework.indicators.size(),
                             checked->model.year_editions.years.size());
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
            return finish_standard_output();
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
            if (export_out.empty()) {
                std::fwrite(text->data(), 1, text->size(), stdout);
                return finish_standard_output();
            }
            if (format == DiagnosticFormat::Human)
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
            return finish_standard_output();
        }
        if (charts->parsed()) {
            mipex::pipeline::ChartExportOptions export_options;
            export_options.format = chart_format == "png"
                                        ? mipex::pipeline::ChartExportOptions::Format::Png
                                        : mipex::pipeline::ChartExportOptions::Format::Svg;
            export_options.out = chart_out.empty()
                                     ? std::filesystem::path(project) / "out" / "charts"
                                     : std::filesystem::path(chart_out);
            if (!chart_language.empty() && !checked->diagnostics.has_errors()) {
                // The edition's language as a build takes it: one with a catalog (in the
                // catalog's own spelling), the source language or a pseudo-locale.
                auto resolved = mipex::pipeline::resolve_languages(*checked, chart_language);
                if (!resolved) {
                    print_diagnostics(*checked, format);
                    return 1;
                }
                export_options.language = resolved->front();
            }
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
        return report_build(*checked, results, options, format, verbose, seconds);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "mipex: internal error: %s\n", error.what());
        return 2;
    }
}
