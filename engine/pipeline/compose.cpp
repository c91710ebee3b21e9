// The compose step of a language edition: its document built (doc/) and laid out (layout/),
// ready for the writers.
#include "doc/build.h"
#include "i18n/localizer.h"
#include "layout/hyphenate.h"
#include "layout/shared_paragraphs.h"
#include "layout/text.h"
#include "pipeline/edition.h"
#include "site/paths.h"

#include <algorithm>

namespace mipex::pipeline {

namespace fs = std::filesystem;

doc::Document build_document(CheckedProject& checked, const std::string& language) {
    i18n::Localizer localizer(checked.model, language, checked.diagnostics);
    return doc::build_document(checked.model, checked.scores, localizer, checked.diagnostics);
}

namespace {

layout::LayoutOptions layout_options(bool greedy_lines) {
    layout::LayoutOptions options;
    options.breaking = greedy_lines ? layout::LineBreaking::Greedy : layout::LineBreaking::Optimal;
    options.hyphenation_folders = layout::Hyphenator::default_folders(engine_root());
    return options;
}

} // namespace

display::Book lay_out(CheckedProject& checked, const doc::Document& document,
                      const fs::path& project, bool greedy_lines, std::string* report) {
    layout::FontContext font_context(layout::font_folders(engine_root(), project),
                                     document.metadata.language);
    font_context.set_right_to_left(document.right_to_left);
    layout::LayoutReport measured;
    display::Book pages = layout::layout_document(document, font_context, checked.diagnostics,
                                                  layout_options(greedy_lines), &measured);
    if (report)
        *report = "line breaking: " + std::string(greedy_lines ? "first fit" : "optimal") +
                  "; hyphenation: " + measured.hyphenation() + "\n" + measured.paragraphs.report() +
                  "\n";
    return pages;
}

LanguageEdition::LanguageEdition(const CheckedProject& checked, std::string language,
                                 const BuildOptions& options, fs::path out,
                                 Diagnostics& diagnostics, LanguageEditionCache* cache,
                                 layout::SharedParagraphs* shared_paragraphs)
    : m_checked(checked), m_options(options), m_diagnostics(diagnostics), m_cache(cache),
      m_shared_paragraphs(shared_paragraphs), m_timings(checked.timings),
      m_writers(make_writers(options.formats)),
      m_reads_document(std::any_of(m_writers.begin(), m_writers.end(),
                                   [](const auto& writer) { return writer->reads_document(); })) {
    result.language = std::move(language);
    m_composed.language = result.language;
    m_composed.folder = std::move(out);
    m_composed.stem = "mipex-" + result.language;
}

LanguageEdition::~LanguageEdition() = default;

bool LanguageEdition::compose() {
    Stopwatch busy(result.seconds);
    m_timings.start("build");
    i18n::Localizer localizer(m_checked.model, result.language, m_diagnostics);
    doc::DocumentOptions document_options;
    document_options.screen_texts = m_reads_document;
    document_options.site_content =
        std::any_of(m_writers.begin(), m_writers.end(),
                    [](const auto& writer) { return writer->format() == OutputFormat::Site; });
    m_composed.document = doc::build_document(m_checked.model, m_checked.scores, localizer,
                                              m_diagnostics, document_options);
    if (!m_options.only.empty() && !select_part(m_composed.document))
        return false;
    if (document_options.site_content)
        m_composed.search = std::make_shared<const site::SearchIndex>(
            site::make_search_index(m_checked.model, localizer));
    result.missing = localizer.fallbacks();
    result.stale = localizer.stale();
    if (m_options.strict)
        refuse_missing_translations();
    if (m_diagnostics.has_errors())
        return false;
    if (!lay_out())
        return false;
    if (m_options.report)
        result.report = layout_report();
    if (m_diagnostics.has_errors())
        return false;
    result.pages = m_composed.book.pages.size();
    return true;
}

/// A preview (--only): the one chapter asked for, numbered from 1, links elsewhere left out.
bool LanguageEdition::select_part(doc::Document& document) {
    const std::string& only = m_options.only;
    size_t colon = only.find(':');
    std::string kind = only.substr(0, colon);
    std::string id = colon == std::string::npos ? "" : only.substr(colon + 1);
    std::string wanted = kind + "-" + id;
    std::erase_if(document.sections,
                  [&](const doc::Section& section) { return section.id != wanted; });
    if (document.sections.empty() || (kind != "country" && kind != "area")) {
        m_diagnostics.error(SourcePos{}, "--only " + only +
                                             ": no such part (write country:<code>, e.g. "
                                             "country:SE, or area:<id>, e.g. area:lmm)");
        return false;
    }
    document.sections.front().front_matter = false;
    m_composed.stem += "-" + wanted;
    m_composed.preview = true;
    return true;
}

/// --strict: a text without translation, or a stale translation, is an error.
bool LanguageEdition::refuse_missing_translations() {
    for (const i18n::Fallback& missing : result.missing)
        m_diagnostics.error(missing.pos, "'" + missing.key + "' has no translation into " +
                                             result.language + " (--strict)");
    for (const i18n::StaleTranslation& stale : result.stale)
        m_diagnostics.error(stale.pos, "the translation of '" + stale.key +
                                           "' is stale: the English changed since it was made "
                                           "(its fingerprint is now " +
                                           stale.current + ") (--strict)");
    return result.missing.empty() && result.stale.empty();
}

bool LanguageEdition::lay_out() {
    doc::Document& document = m_composed.document;
    layout::LayoutOptions options = layout_options(m_options.greedy_lines);
    options.keep_between_builds = m_cache != nullptr;
    options.chart_figures = m_reads_document;
    m_timings.start("layout");
    try {
        const std::vector<fs::path> folders =
            layout::font_folders(engine_root(), m_options.project);
        layout::LayoutCache* cache = nullptr;
        if (m_cache) {
            // The fonts, the hyphenation patterns and what was set last time, kept by the
            // caller; made on the first build.
            if (!m_cache->layout) {
                m_cache->fonts =
                    std::make_unique<layout::FontContext>(folders, document.metadata.language);
                m_cache->layout = std::make_unique<layout::LayoutCache>(
                    *m_cache->fonts, document.metadata.language, options);
            }
            cache = m_cache->layout.get();
        } else {
            m_own_font_context =
                std::make_unique<layout::FontContext>(folders, document.metadata.language);
            m_own_layout = std::make_unique<layout::LayoutCache>(
                *m_own_font_context, document.metadata.language, options);
            cache = m_own_layout.get();
        }
        cache->fonts().set_right_to_left(document.right_to_left);
        {
            // The shared paragraphs are this build's: a shaper kept for the next must not
            // hold them.
            cache->shaper().share_paragraphs(m_shared_paragraphs);
            struct Unhook {
                layout::TextShaper& shaper;
                ~Unhook() { shaper.share_paragraphs(nullptr); }
            } unhook{cache->shaper()};
            // Without a writer that reads it, layout frees the tree as it goes.
            m_composed.book =
                m_reads_document
                    ? layout::layout_document(document, *cache, m_diagnostics, &m_measured)
                    : layout::layout_document(std::move(document), *cache, m_diagnostics,
                                              &m_measured);
            if (writes_country_parts() && !m_diagnostics.has_errors())
                lay_out_country_parts(*cache);
        }
        // The patterns and the shaper's caches go now; the fonts stay with the pages.
        m_own_layout.reset();
    } catch (const std::runtime_error& error) {
        // layout::FontContext refuses a font it cannot load; check_fonts has looked at every
        // file already, so this is a file changed since, or a fault fontconfig alone sees.
        m_diagnostics.error(SourcePos{}, error.what());
        return false;
    }
    m_timings.stop();
    return true;
}

bool LanguageEdition::writes_country_parts() const {
    auto asked = [&](OutputFormat format) {
        return std::find(m_options.formats.begin(), m_options.formats.end(), format) !=
               m_options.formats.end();
    };
    return asked(OutputFormat::Site) && asked(OutputFormat::Pdf) && m_options.only.empty();
}

/// The site's PDF of each country: its profile alone, as select_part leaves it for --only,
/// laid out within this build (layout::layout_part), so that its pages are --only's and what
/// the whole book set is not set again.
void LanguageEdition::lay_out_country_parts(layout::LayoutCache& cache) {
    doc::Document& document = m_composed.document;
    struct Restore {
        doc::Document& document;
        std::vector<doc::Section> sections;
        ~Restore() { document.sections = std::move(sections); }
    } whole{document, std::move(document.sections)};
    const std::string prefix = "country-";
    for (const doc::Section& section : whole.sections) {
        if (!section.id.starts_with(prefix))
            continue;
        Composed::Part part;
        part.country = section.id.substr(prefix.size());
        part.stem = m_composed.stem + "-" + section.id;
        part.file = site::country_pdf(result.language, part.country);
        document.sections.assign(1, section);
        document.sections.front().front_matter = false;
        // The warnings are the whole book's, said once; an error stops the edition.
        Diagnostics diagnostics;
        part.book = layout::layout_part(document, cache, diagnostics);
        for (const Diagnostic& diagnostic : diagnostics.all())
            if (diagnostic.severity == Severity::Error)
                m_diagnostics.add(diagnostic, part.stem + ": ");
        m_composed.parts.push_back(std::move(part));
    }
}

std::string LanguageEdition::layout_report() const {
    const std::string& language = result.language;
    return language +
           ": line breaking: " + std::string(m_options.greedy_lines ? "first fit" : "optimal") +
           "; hyphenation: " + m_measured.hyphenation() +
           (m_shared_paragraphs ? "; paragraphs set before in this build (by any edition): " +
                                      std::to_string(m_measured.shared_paragraphs_taken)
                                : "") +
           "\n" + m_measured.paragraphs.report() + "\n";
}

} // namespace mipex::pipeline
