// The scheduler: builds the language editions a build asks for, several at once, each in
// its two steps (compose, then write: edition.h), and merges their diagnostics in the order
// asked. Also the session of `mipex watch`, which keeps each edition's caches from one build
// to the next.
#include "base/parallel.h"
#include "layout/shared_paragraphs.h"
#include "pipeline/edition.h"

#include <algorithm>
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

namespace mipex::pipeline {

namespace fs = std::filesystem;

namespace {

/// The editions, several at once, each with its cache if `caches` has one for it.
std::vector<BuildResult>
build_language_editions(CheckedProject& checked, const BuildOptions& options,
                        std::map<std::string, std::unique_ptr<LanguageEditionCache>>* caches);

} // namespace

std::vector<BuildResult> build_books(CheckedProject& checked, const BuildOptions& options) {
    return build_language_editions(checked, options, nullptr);
}

struct Session::LanguageEditions {
    CheckCaches checked;
    std::map<std::string, std::unique_ptr<LanguageEditionCache>> caches;
    std::string fonts_signature; ///< of the project's fonts/: a change starts from nothing
};

Session::Session(BuildOptions options, Limits limits)
    : m_options(std::move(options)), m_limits(limits),
      m_language_editions(std::make_unique<LanguageEditions>()) {
}

Session::~Session() = default;

namespace {

/// Names, sizes and times of the files in the project's fonts/, to notice a font changed.
std::string folder_signature(const fs::path& folder) {
    std::string signature;
    std::error_code error;
    std::vector<std::string> entries;
    for (fs::recursive_directory_iterator it(folder, error), end; !error && it != end;
         it.increment(error)) {
        std::error_code ignored;
        auto time = fs::last_write_time(it->path(), ignored).time_since_epoch().count();
        entries.push_back(
            it->path().string() + "\t" +
            std::to_string(it->is_regular_file(ignored) ? it->file_size(ignored) : 0) + "\t" +
            std::to_string(time));
    }
    std::sort(entries.begin(), entries.end());
    for (const std::string& entry : entries)
        signature += entry + "\n";
    return signature;
}

} // namespace

Session::Run Session::build() {
    auto started = std::chrono::steady_clock::now();
    Run run;
    run.checked = check_project(m_options.project, m_limits, &m_language_editions->checked);
    BuildOptions options = m_options;
    if (!run.checked->diagnostics.has_errors() && !m_languages.empty()) {
        // As --lang is read for a build; an unknown language is an error in the diagnostics.
        auto resolved = resolve_languages(*run.checked, m_languages);
        if (!resolved) {
            run.seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            return run;
        }
        options.languages = *resolved;
    }
    std::string fonts = folder_signature(m_options.project / "fonts");
    if (fonts != m_language_editions->fonts_signature) {
        m_language_editions->caches.clear();
        m_language_editions->fonts_signature = std::move(fonts);
    }
    if (!run.checked->diagnostics.has_errors()) {
        std::vector<std::string> languages = options.languages;
        if (languages.empty())
            languages.push_back(run.checked->model.book.language);
        for (const std::string& language : languages)
            if (!m_language_editions->caches[language])
                m_language_editions->caches[language] = std::make_unique<LanguageEditionCache>();
        auto build_editions = [&](CheckedProject& checked, const BuildOptions& options) {
            return build_language_editions(checked, options, &m_language_editions->caches);
        };
        if (m_site_base_url) {
            SiteBuildOptions site{options, *m_site_base_url};
            site.build.languages = languages;
            run.results = build_site(*run.checked, site, build_editions);
        } else {
            run.results = build_editions(*run.checked, options);
        }
    }
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return run;
}

namespace {

/// Runs the editions' two tasks, compose then write, on as many threads as there are editions,
/// up to `cores`. A free thread composes the next edition; having composed it, the thread
/// writes it, unless editions are left to compose and fewer than threads - 1 writes are held:
/// then it holds this write back and composes the next edition. The held writes are taken
/// when nothing is left to compose, so the cores stay busy to the end; otherwise the last
/// edition is composed alone while the other cores idle. Writes are held only when the
/// composed edition is small: when no writer reads its document tree (`hold`). A write's pages go
/// on every core, sharing them with what the other threads do, so that the last write does not run
/// on one core while the others have finished. (The default book's five editions on two cores,
/// median of nine runs: 1.14 s before, 1.10 s with one write held and the writes on both
/// cores.)
class EditionScheduler {
public:
    EditionScheduler(std::vector<std::unique_ptr<LanguageEdition>>& editions,
                     std::vector<Diagnostics>& sinks, unsigned cores, bool hold)
        : m_editions(editions), m_sinks(sinks), m_cores(cores), m_hold(hold),
          m_threads(static_cast<unsigned>(std::min<size_t>(cores, editions.size()))) {}

    void run() {
        std::vector<std::thread> pool;
        for (unsigned t = 1; t < m_threads; ++t)
            pool.emplace_back([this] { work(); });
        work();
        for (std::thread& thread : pool)
            thread.join();
    }

private:
    /// One thread's loop: compose, write or take a held write, until nothing is left.
    void work() {
        const size_t count = m_editions.size();
        std::unique_lock lock(m_mutex);
        for (;;) {
            if (m_next < count) {
                size_t i = m_next++;
                lock.unlock();
                bool composed = guarded(i, [&] { return m_editions[i]->compose(); });
                lock.lock();
                if (!composed)
                    continue;
                if (m_hold && m_next < count && m_held.size() + 1 < m_threads) {
                    m_held.push_back(i);
                    continue;
                }
                lock.unlock();
                write(i);
                lock.lock();
            } else if (!m_held.empty()) {
                size_t i = m_held.front();
                m_held.pop_front();
                lock.unlock();
                write(i);
                lock.lock();
            } else {
                return;
            }
        }
    }

    void write(size_t i) {
        guarded(i, [&] {
            m_editions[i]->write(m_cores, m_editions.size() == 1);
            return true;
        });
    }

    /// Runs a task of edition `i`; an exception is the engine's failure, said in its sink.
    template <class Task>
    bool guarded(size_t i, Task&& task) {
        try {
            return task();
        } catch (const std::exception& exception) {
            m_sinks[i].error(SourcePos{}, std::string("internal error: ") + exception.what());
            m_editions[i]->result.internal_error = true;
            return false;
        }
    }

    std::vector<std::unique_ptr<LanguageEdition>>& m_editions;
    std::vector<Diagnostics>& m_sinks;
    const unsigned m_cores;
    const bool m_hold; ///< whether a composed edition may wait for its write
    const unsigned m_threads;
    std::mutex m_mutex;
    size_t m_next = 0;         ///< the next edition to compose
    std::deque<size_t> m_held; ///< composed editions waiting to be written
};

std::vector<BuildResult>
build_language_editions(CheckedProject& checked, const BuildOptions& options,
                        std::map<std::string, std::unique_ptr<LanguageEditionCache>>* caches) {
    if (checked.diagnostics.has_errors())
        return {};
    // The files' trees served validation; a build needs only the model. Freed before the
    // editions are laid out, they are not part of the peak (the scores table's alone is a
    // sixth of it on the benchmark book).
    checked.loaded = {};
    std::vector<std::string> languages = options.languages;
    if (languages.empty())
        languages.push_back(checked.model.book.language);

    fs::path out = options.out.empty() ? options.project / "out" : options.out;
    std::error_code error;
    fs::create_directories(out, error);
    if (error) {
        checked.diagnostics.error(SourcePos{}, "cannot create the output folder " + out.string() +
                                                   ": " + error.message());
        return {};
    }

    // Each edition on one thread at a time, with its own font map (a PangoFontMap must not be
    // shared between threads), localizer, hyphenator and diagnostics; the model and the
    // scores are only read. --jobs is the number of threads.
    const unsigned cores = thread_count(options.jobs);
    const size_t count = languages.size();
    std::vector<Diagnostics> sinks(count);
    std::vector<std::unique_ptr<LanguageEdition>> editions;
    // Untranslated texts print alike in several editions: each is set once.
    std::unique_ptr<layout::SharedParagraphs> shared_paragraphs;
    if (count > 1)
        shared_paragraphs = std::make_unique<layout::SharedParagraphs>();
    for (size_t i = 0; i < count; ++i) {
        LanguageEditionCache* cache = nullptr;
        if (caches)
            if (auto found = caches->find(languages[i]); found != caches->end())
                cache = found->second.get();
        editions.push_back(std::make_unique<LanguageEdition>(
            checked, languages[i], options, out, sinks[i], cache, shared_paragraphs.get()));
    }

    // A held edition keeps its tree when a writer reads it (the EPUB, the site): the site
    // of the default book's five editions peaked at 213 MB with a write held, 178 MB
    // without, for the same CPU time.
    std::vector<std::unique_ptr<Writer>> writers = make_writers(options.formats);
    const bool hold = std::none_of(writers.begin(), writers.end(),
                                   [](const auto& writer) { return writer->reads_document(); });
    EditionScheduler(editions, sinks, cores, hold).run();
    std::vector<BuildResult> results;
    for (const auto& edition : editions)
        results.push_back(std::move(edition->result));

    // Diagnostics in the order the editions were asked for, each naming its edition when
    // there are several.
    for (size_t i = 0; i < languages.size(); ++i) {
        std::string prefix = languages.size() > 1 ? languages[i] + " edition: " : "";
        for (const Diagnostic& diagnostic : sinks[i].all())
            checked.diagnostics.add(diagnostic, prefix);
    }
    return results;
}

} // namespace

} // namespace mipex::pipeline
