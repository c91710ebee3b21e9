// One language edition of a build (the book in one language: mipex-de.pdf, mipex-de.epub),
// in two steps, each run on one thread: compose (compose.cpp: the document built and laid
// out) and write (write.cpp: each writer asked for writes its file from the composed
// edition). The scheduler (schedule.cpp) runs the steps of several editions at once. Inside
// the pipeline only.
#pragma once

#include "display/display_list.h"
#include "doc/document.h"
#include "layout/fonts.h"
#include "layout/layout.h"
#include "pipeline/pipeline.h"
#include "pipeline/writers.h"
#include "render/pdf_syntax.h"

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>

namespace mipex::layout {
class SharedParagraphs;
}

namespace mipex::pipeline {

/// What one language edition keeps between the builds of a session: its fonts, its layout
/// cache and the PDF's compressed streams.
struct LanguageEditionCache {
    std::unique_ptr<layout::FontContext> fonts;
    std::unique_ptr<layout::LayoutCache> layout;
    render::pdf::DeflateCache compressed; ///< pages and fonts compressed by the last build
    /// The same for each of the edition's parts (Composed::parts), by its stem.
    std::map<std::string, render::pdf::DeflateCache> compressed_parts;
};

/// Builds the language editions of `options`: build_books, or a session's builds with its
/// caches.
using BuildEditions =
    std::function<std::vector<BuildResult>(CheckedProject& checked, const BuildOptions& options)>;

/// build_site, its editions built by `build_editions`: what `mipex site` and a session of
/// `mipex watch --site` both run.
std::vector<BuildResult> build_site(CheckedProject& checked, const SiteBuildOptions& options,
                                    const BuildEditions& build_editions);

class LanguageEdition {
public:
    /// `shared_paragraphs`: where the editions of the build share the paragraphs they set
    /// (none for one edition). `cache`: the session's, or none for a one-off build.
    LanguageEdition(const CheckedProject& checked, std::string language,
                    const BuildOptions& options, std::filesystem::path out,
                    Diagnostics& diagnostics, LanguageEditionCache* cache,
                    layout::SharedParagraphs* shared_paragraphs);
    ~LanguageEdition();

    /// Builds the document and lays it out. False when the edition stops here: an error, in
    /// the diagnostics.
    bool compose();

    /// Writes the composed edition in every format asked for, the PDF's pages on up to
    /// `threads` threads. `alone`: no other edition is being built meanwhile.
    void write(unsigned threads, bool alone);

    BuildResult result; ///< `seconds`: the time composing and writing, not waiting between

private:
    bool select_part(doc::Document& document);
    bool refuse_missing_translations();
    bool lay_out();
    /// Whether the edition's site offers a PDF of each country (OutputFormat::Site and Pdf,
    /// not a preview).
    bool writes_country_parts() const;
    void lay_out_country_parts(layout::LayoutCache& cache);
    std::string layout_report() const;

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
    Diagnostics& m_diagnostics;
    LanguageEditionCache* m_cache;
    layout::SharedParagraphs* m_shared_paragraphs;
    Timings m_timings;
    /// The writers of the formats asked for, in the order they write (the PDF first).
    std::vector<std::unique_ptr<Writer>> m_writers;
    /// A writer reads the document tree: it is built with its screen texts, laid out with its
    /// charts alone, and kept after layout.
    bool m_reads_document = false;
    Composed m_composed;
    /// The fonts, hyphenation patterns and shaper the pages are set with: the session's, or
    /// this build's own (freed once the pages are laid out).
    std::unique_ptr<layout::FontContext> m_own_font_context;
    std::unique_ptr<layout::LayoutCache> m_own_layout;
    layout::LayoutReport m_measured;
};

} // namespace mipex::pipeline
