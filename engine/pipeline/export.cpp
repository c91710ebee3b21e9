// What the command line exports besides the book: every chart as a file of its own (mipex
// charts) and the computed scores (mipex scores).
#include "score/export.h"
#include "base/files.h"
#include "doc/build.h"
#include "i18n/localizer.h"
#include "layout/chart/chart.h"
#include "layout/fonts.h"
#include "layout/hyphenate.h"
#include "layout/layout.h"
#include "pipeline/pipeline.h"
#include "render/png.h"
#include "render/svg.h"

#include <algorithm>

namespace mipex::pipeline {

namespace fs = std::filesystem;

std::optional<size_t> export_charts(CheckedProject& checked, const ChartExportOptions& options) {
    if (checked.diagnostics.has_errors())
        return std::nullopt;
    const std::string language =
        options.language.empty() ? checked.model.book.language : options.language;
    doc::Document document = build_document(checked, language);
    if (checked.diagnostics.has_errors())
        return std::nullopt;
    std::error_code error;
    fs::create_directories(options.out, error);
    if (error) {
        checked.diagnostics.error(SourcePos{},
                                  "cannot create " + options.out.string() + ": " + error.message());
        return std::nullopt;
    }
    // The charts are laid out as the book's are, with its fonts and hyphenation (labels break
    // long words as in the book), at the width of its text.
    layout::FontContext font_context(layout::font_folders(engine_root(), checked.project),
                                     language);
    font_context.set_right_to_left(document.right_to_left);
    layout::LayoutOptions layout_options;
    layout_options.hyphenation_folders = layout::Hyphenator::default_folders(engine_root());
    layout::LayoutCache cache(font_context, language, layout_options);
    const model::PageGeometry& page = document.page;
    const Length width = page.width - page.margin_inner - page.margin_outer;
    size_t written = 0;
    for (const doc::Chart* chart : doc::charts_in(document)) {
        const layout::ChartLayout& laid = cache.chart(*chart, width);
        for (const std::string& label : laid.unfitted)
            checked.diagnostics.warning(SourcePos{}, "chart '" + chart->name + "': the label \"" +
                                                         label + "\" does not fit and is cut");
        display::Book single;
        single.metadata.title = chart->alt;
        single.metadata.language = language;
        single.fonts = font_context.fonts();
        single.pages.push_back(display::sheet(laid.frame, from_pt(12)));
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

} // namespace mipex::pipeline
