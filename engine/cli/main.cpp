// mipex: the command line. Turns arguments into a pipeline run and diagnostics into output
// and an exit code (0 done, 1 input errors, 2 usage or internal failure).
#include "base/diagnostics.h"
#include "base/limits.h"
#include "pipeline/pipeline.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>

namespace {

using mipex::DiagnosticFormat;

void print_diagnostics(const mipex::pipeline::Checked& checked, DiagnosticFormat format) {
    std::string text = mipex::format_all(checked.diagnostics, checked.files, format);
    std::fputs(text.c_str(), stderr);
}

} // namespace

int main(int argc, char** argv) {
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

    CLI::App* build = app.add_subcommand("build", "Check the project, then write the book to "
                                                  "<out>/mipex-<lang>.pdf.");
    build
        ->add_option("--project", project,
                     "Project folder holding content/ (and optionally layouts/ and fonts/)")
        ->capture_default_str()
        ->check(CLI::ExistingDirectory);
    build->add_option("--out", out, "Output folder (default: <project>/out)");
    build
        ->add_option("--diagnostic-format", format_name,
                     "How to print problems: human (file:line:col with the source line) or json "
                     "(one JSON object per line)")
        ->capture_default_str()
        ->check(CLI::IsMember({"human", "json"}));
    std::string line_breaking = "optimal";
    build
        ->add_option(
            "--line-breaking", line_breaking,
            "How justified paragraphs are broken into lines: optimal (Knuth-Plass over the "
            "whole paragraph) or greedy (first fit, as pango does; for comparison)")
        ->capture_default_str()
        ->check(CLI::IsMember({"optimal", "greedy"}));
    bool report = false;
    build->add_flag("--report", report,
                    "Print what layout measured: hyphenated and loose lines, inter-word spacing");
    build->add_flag("--dump", dump,
                    "Also write the laid-out pages as text (<out>/mipex-<lang>.txt), for tests "
                    "and debugging");

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

    // The limits (README, "Limits"): on the command line only, never in the project, so a
    // project cannot lift the guards that protect against it.
    std::vector<std::string> limit_assignments;
    std::string limit_help = "Raise (or lower) a limit on the input, NAME=N; repeatable. Limits:";
    mipex::Limits defaults;
    for (const mipex::LimitInfo& info : mipex::limit_table())
        limit_help += std::string(" ") + info.name + " (" + info.meaning + ", " +
                      mipex::format_count(defaults.*(info.field)) + ")";
    for (CLI::App* command : {build, check, scores})
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

    try {
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
        mipex::pipeline::BuildOptions options;
        options.project = project;
        options.out = out;
        options.write_dump = dump;
        options.greedy_lines = line_breaking == "greedy";
        options.report = report;
        auto result = mipex::pipeline::build_book(*checked, options);
        print_diagnostics(*checked, format);
        if (!result)
            return 1;
        double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (format == DiagnosticFormat::Human)
            std::fprintf(stderr, "wrote %s: %zu pages, %.1f MB, in %.2f s\n", result->pdf.c_str(),
                         result->pages, static_cast<double>(result->bytes) / 1e6, seconds);
        return 0;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "mipex: internal error: %s\n", error.what());
        return 2;
    }
}
