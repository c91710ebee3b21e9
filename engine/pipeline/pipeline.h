// The pipeline: runs the stages in order, one way, from content/ to the files written:
//   check    (check.cpp)    load → validate → score, stopping there when the input has errors;
//   compose  (compose.cpp)  per language edition: build the document → lay it out;
//   write    (write.cpp)    per language edition: each writer asked for (writers.h) writes
//                           its file from the composed edition: the PDF, the EPUB;
//   schedule (schedule.cpp) the language editions of a build, several at once, and the
//                           session `mipex watch` keeps from one build to the next.
// export.cpp writes what the command line exports besides the book (charts, scores), and
// translators_*.cpp the translators' commands (i18n status, export, import; translators.h).
// The CLI and the tests call these; no stage calls another. See ARCHITECTURE.md.
#pragma once

#include "base/diagnostics.h"
#include "base/limits.h"
#include "base/timing.h"
#include "display/display_list.h"
#include "doc/document.h"
#include "i18n/localizer.h"
#include "load/project.h"
#include "model/model.h"
#include "model/validate.h"
#include "score/score_table.h"
#include "site/pages.h"

#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mipex::pipeline {

/// Where the engine's own files are: its layouts/ and fonts/. MIPEX_HOME overrides the
/// folder the binary was built from.
std::filesystem::path engine_root();

/// A project read, validated and scored: everything before the language-specific stages.
struct CheckedProject {
    std::filesystem::path project; ///< the project folder
    SourceFiles files;
    Diagnostics diagnostics;
    Timings timings; ///< of the checking stages
    /// The files as read (the catalogs' trees, for editing them); emptied by a build.
    load::LoadedProject loaded;
    model::Model model;
    score::ScoreTable scores;
    Limits limits;
};

/// What loading and validating keep from one build to the next of a session.
struct CheckCaches {
    load::ParseCache parsed;
    model::ScoresCache scores;
};

/// Loads, validates and (when the input is clean) scores a project. Also checks the fonts
/// the theme names: every font file (the engine's and the project's own fonts/) must be
/// readable and inside its folder, and every family a style names must be among them.
std::unique_ptr<CheckedProject> check_project(const std::filesystem::path& project,
                                              const Limits& limits = {},
                                              CheckCaches* caches = nullptr);

/// What `mipex check` adds to check_project(), when the project has no errors: the document
/// of every edition a build could write (the source language and each catalog's) is built
/// and thrown away, its EPUB texts and the site's content asked for too, so that check
/// refuses whatever a build or `mipex site` of any edition would. Each diagnostic names its edition, as a build's of several do.
void check_editions(CheckedProject& checked);

/// What `mipex build` writes for each edition.
enum class OutputFormat {
    Pdf,
    Epub,
    Site, ///< the edition's pages of the website (mipex site; build_site)
};

/// Reads a --format value of `mipex build`: "pdf", "epub" or a comma-separated list of them.
/// Nothing when a name is unknown.
std::optional<std::vector<OutputFormat>> parse_formats(const std::vector<std::string>& values);

struct BuildOptions {
    std::filesystem::path project = ".";
    std::filesystem::path out;       ///< default: <project>/out
    std::optional<std::time_t> date; ///< default: SOURCE_DATE_EPOCH, else now
    bool write_dump = false;         ///< also write the display list as text
    bool greedy_lines = false;       ///< first-fit line breaking instead of optimal
    bool report = false;             ///< print what layout measured (paragraph statistics)
    std::string only;                ///< "country:SE" or "area:lmm": that part alone, for previews
    /// The editions to build (see resolve_languages); empty: the source language.
    std::vector<std::string> languages;
    /// A text without translation, or a stale translation, is an error (not a note).
    bool strict = false;
    /// Threads to use: editions built at once, and the PDF writer's threads within an edition
    /// (the cores an edition does not need go to the others'); 0: as many as the machine has
    /// cores. The bytes written do not depend on it.
    unsigned jobs = 0;
    /// The files each edition is written as: mipex-<lang>.pdf, mipex-<lang>.epub.
    std::vector<OutputFormat> formats = {OutputFormat::Pdf};
    /// The website's settings, for OutputFormat::Site: its languages and address, the data
    /// files it offers. Each edition adds its own book files; the first language also
    /// writes the root's pages.
    site::LanguageSiteOptions site;
};

/// One edition built (or not).
struct BuildResult {
    std::string language;
    bool written = false;
    bool internal_error = false; ///< the engine failed (not the input): an error names it
    std::filesystem::path pdf;   ///< empty when the edition is not written as PDF
    size_t pages = 0;            ///< of the laid-out book (the PDF's, the EPUB's page-list)
    uintmax_t bytes = 0;
    std::filesystem::path epub; ///< empty when the edition is not written as EPUB
    uintmax_t epub_bytes = 0;
    std::filesystem::path site; ///< the edition's folder of the website; empty: none
    double seconds = 0;
    std::string report; ///< what layout measured, with --report
    /// Texts printed in the source language, and stale translations printed.
    std::vector<i18n::Fallback> missing;
    std::vector<i18n::StaleTranslation> stale;
};

/// Reads a --lang value: one tag, a comma-separated list, or "all" (the source language and
/// every language with a catalog). Tags are matched without regard to case ("BG" finds the
/// catalog content/i18n/bg/), as BCP 47 says they compare. Unknown or malformed tags are
/// errors in `checked`.
std::optional<std::vector<std::string>> resolve_languages(CheckedProject& checked,
                                                          const std::string& value);

/// Builds the editions, several at once (each thread with its own fonts, localizer and
/// diagnostics, merged into `checked` in the order asked). Returns one result per edition;
/// nothing when the input has errors.
std::vector<BuildResult> build_books(CheckedProject& checked, const BuildOptions& options);

struct SiteBuildOptions {
    /// The editions (languages: resolved tags, the first writes the site's root pages),
    /// where (<out>/site/), and how they are built.
    BuildOptions build;
    /// The address the site will be served at (--base-url), for canonical URLs, Open Graph
    /// and the sitemap; empty: every link relative.
    std::string base_url;
};

/// Writes the website to <out>/site/: each language's pages, PDF and EPUB from one
/// composition of the edition, then the data, the assets, robots.txt and (with a base URL)
/// sitemap.xml. Refuses a base URL that is not an absolute http(s) address and ids whose
/// pages would be one file. Returns one result per edition; nothing when the input has
/// errors.
std::vector<BuildResult> build_site(CheckedProject& checked, const SiteBuildOptions& options);

/// Builds a project again and again, each build checking the project as it is then and
/// reusing what the last one set (paragraphs, charts): what `mipex watch` runs after every
/// change. Each build's PDFs are the bytes a cold `mipex build` writes, its site (set_site)
/// the files a cold `mipex site` writes.
class Session {
public:
    /// `languages`: as --lang takes them (resolved again at each build, as catalogs come and go).
    Session(BuildOptions options, Limits limits = {});
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    void set_languages(std::string languages) { m_languages = std::move(languages); }
    /// Each build writes the website to <out>/site/, as build_site does, for the address
    /// `base_url` (--base-url; empty: every link relative).
    void set_site(std::string base_url) { m_site_base_url = std::move(base_url); }

    struct Run {
        std::unique_ptr<CheckedProject> checked; ///< the project as checked, with every diagnostic
        std::vector<BuildResult> results;        ///< none when the input has errors
        double seconds = 0;
    };
    Run build();

private:
    BuildOptions m_options;
    Limits m_limits;
    std::string m_languages;
    std::optional<std::string> m_site_base_url; ///< set: the builds write the site
    struct LanguageEditions;
    std::unique_ptr<LanguageEditions> m_language_editions;
};

/// The stages after checking, for tests: the document and its layout.
doc::Document build_document(CheckedProject& checked, const std::string& language);
display::Book lay_out(CheckedProject& checked, const doc::Document& document,
                      const std::filesystem::path& project, bool greedy_lines = false,
                      std::string* report = nullptr);

struct ChartExportOptions {
    enum class Format { Svg, Png };
    Format format = Format::Svg;
    std::filesystem::path out; ///< the folder the files go to
    std::string language;      ///< the edition's language; empty: the book's
    double dpi = 144;          ///< for PNG
};

/// Writes every chart of the book as a file of its own, named by kind and subject
/// ("ranking-lmm.svg"), at the width of the book's text. Returns how many it wrote, nothing
/// when it stopped on an error.
std::optional<size_t> export_charts(CheckedProject& checked, const ChartExportOptions& options);

enum class ScoreFormat { Csv, Json };

/// The computed scores as text, countries in the order of the book's language; `year`
/// limits the export to one edition (an error when it is not one).
std::optional<std::string> export_scores(CheckedProject& checked, std::optional<int> year,
                                         ScoreFormat format);

/// SOURCE_DATE_EPOCH from the environment, if set and valid.
std::optional<std::time_t> source_date_epoch();

} // namespace mipex::pipeline
