#include "pipeline/pipeline.h"

#include "base/files.h"
#include "doc/build.h"
#include "i18n/localizer.h"
#include "layout/fonts.h"
#include "layout/chart/chart.h"
#include "layout/hyphenate.h"
#include "layout/text.h"
#include "layout/layout.h"
#include "load/project.h"
#include "model/validate.h"
#include "render/pdf.h"
#include "render/png.h"
#include "render/svg.h"
#include "score/compute.h"
#include "score/export.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>

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

std::unique_ptr<Checked> check_project(const fs::path& project) {
    auto checked = std::make_unique<Checked>();
    load::ProjectPaths paths{project, engine_root()};
    if (!fs::is_directory(project / "content")) {
        checked->diagnostics.error(
            SourcePos{checked->files.add((project / "content").lexically_normal().string(), ""), 0,
                      0},
            "no content folder here; run mipex in a project folder or give --project DIR");
        return checked;
    }
    checked->timings.start("load");
    load::LoadedProject loaded = load::load_project(paths, checked->files, checked->diagnostics);
    checked->timings.start("validate");
    checked->model = model::validate(loaded, checked->files, checked->diagnostics);
    checked->timings.start("score");
    if (!checked->diagnostics.has_errors())
        checked->scores = score::compute_scores(checked->model, checked->diagnostics);
    checked->timings.stop();
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
        *report = "line breaking: " + std::string(greedy_lines ? "first fit" : "optimal") +
                  "; hyphenation: " +
                  (measured.hyphenation_dictionary.empty() ? "none" : measured.hyphenation_dictionary) +
                  "\n" + measured.paragraphs.report() + "\n";
    return pages;
}

std::optional<size_t> export_charts(Checked& checked, const ChartExportOptions& options) {
    if (checked.diagnostics.has_errors())
        return std::nullopt;
    const std::string language = options.language.empty() ? checked.model.book.language : options.language;
    doc::Document document = build_document(checked, language);
    if (checked.diagnostics.has_errors())
        return std::nullopt;
    std::vector<const doc::Chart*> charts;
    for (const doc::Section& section : document.sections)
        for (const doc::Block& block : section.blocks) {
            if (auto* chart = std::get_if<doc::Chart>(&block))
                charts.push_back(chart);
            else if (auto* row = std::get_if<doc::ChartRow>(&block))
                for (const doc::Chart& inner : row->charts)
                    charts.push_back(&inner);
        }
    std::error_code error;
    fs::create_directories(options.out, error);
    if (error) {
        checked.diagnostics.error(SourcePos{}, "cannot create " + options.out.string() + ": " + error.message());
        return std::nullopt;
    }
    std::vector<fs::path> fonts = {engine_root() / "fonts"};
    layout::FontContext font_context(fonts, language);
    layout::TextShaper shaper(font_context);
    const model::PageGeometry& page = document.page;
    const Length width = page.width - page.margin_inner - page.margin_outer;
    const Length margin = from_pt(12);
    size_t written = 0;
    for (const doc::Chart* chart : charts) {
        layout::ChartLayout laid = layout::layout_chart(*chart, width, shaper);
        for (const std::string& label : laid.unfitted)
            checked.diagnostics.warning(SourcePos{}, "chart '" + chart->name + "': the label \"" + label +
                                                         "\" does not fit and is cut");
        display::Document single;
        single.metadata.title = chart->alt;
        single.metadata.language = language;
        single.fonts = font_context.fonts();
        display::Page sheet;
        sheet.width = width + 2 * margin;
        sheet.height = laid.frame.height + 2 * margin;
        display::Frame holder;
        holder.place(laid.frame, {margin, margin});
        sheet.items = std::move(holder.items);
        single.pages.push_back(std::move(sheet));
        std::string message;
        if (options.format == ChartExportOptions::Format::Png) {
            message = render::write_png(single, 0, options.out / (chart->name + ".png"), options.dpi);
        } else {
            render::SvgOptions svg{chart->alt, chart->description, chart->name + "-", language,
                                   document.right_to_left};
            message = write_file_atomic(options.out / (chart->name + ".svg"),
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
    checked.timings.start("build");
    doc::Document document = build_document(checked, language);
    if (checked.diagnostics.has_errors())
        return std::nullopt;
    std::string suffix;
    if (!options.only.empty()) {
        // A preview: the one chapter asked for, numbered from 1, links elsewhere left out.
        size_t colon = options.only.find(':');
        std::string kind = options.only.substr(0, colon);
        std::string id = colon == std::string::npos ? "" : options.only.substr(colon + 1);
        std::string wanted = kind + "-" + id;
        std::erase_if(document.sections, [&](const doc::Section& section) { return section.id != wanted; });
        if (document.sections.empty() || (kind != "country" && kind != "area")) {
            checked.diagnostics.error(SourcePos{}, "--only " + options.only +
                                                       ": no such part (write country:<code>, e.g. country:SE, "
                                                       "or area:<id>, e.g. area:lmm)");
            return std::nullopt;
        }
        document.sections.front().front_matter = false;
        suffix = "-" + wanted;
    }
    std::string report;
    checked.timings.start("layout");
    display::Document pages = lay_out(checked, document, options.project, options.greedy_lines, &report);
    checked.timings.stop();
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
    result.pdf = out / ("mipex-" + language + suffix + ".pdf");
    result.pages = pages.pages.size();
    render::PdfOptions pdf_options;
    pdf_options.date = options.date ? options.date : source_date_epoch();
    std::string message;
    checked.timings.start("render");
    render::RenderedPdf rendered = render::render_pdf(pages, message);
    checked.timings.start("finish");
    size_t dropped_links = 0;
    std::string finished =
        message.empty() ? render::finish_pdf(rendered, pages.metadata, pdf_options, message, &dropped_links) : "";
    // In the whole book every link has its place; a preview leaves the others' out on purpose.
    if (dropped_links > 0 && options.only.empty())
        checked.diagnostics.warning(SourcePos{}, std::to_string(dropped_links) +
                                                     " links lead to places the book does not have");
    checked.timings.start("write");
    if (message.empty())
        message = write_file_atomic(result.pdf, finished);
    checked.timings.stop();
    if (!message.empty()) {
        checked.diagnostics.error(SourcePos{}, message);
        return std::nullopt;
    }
    if (options.report)
        std::fputs((report + "time: " + checked.timings.report() + "\n").c_str(), stderr);
    if (options.write_dump) {
        fs::path dump = out / ("mipex-" + language + ".txt");
        if (std::string message = write_file_atomic(dump, display::dump(pages)); !message.empty())
            checked.diagnostics.warning(SourcePos{}, message);
    }
    result.bytes = fs::file_size(result.pdf, error);
    return result;
}

} // namespace mipex::pipeline
