// The write step of a language edition, and the two writers: the PDF (render/) and the EPUB
// (epub/).
#include "base/files.h"
#include "base/memory.h"
#include "epub/writer.h"
#include "pipeline/edition.h"
#include "pipeline/writers.h"
#include "render/pdf.h"

#include <algorithm>
#include <thread>

namespace mipex::pipeline {

namespace fs = std::filesystem;

namespace {

class PdfWriter final : public Writer {
public:
    OutputFormat format() const override { return OutputFormat::Pdf; }
    const char* extension() const override { return "pdf"; }
    bool reads_document() const override { return false; }
    bool reads_pages() const override { return true; }

    bool write(Composed& edition, const fs::path& path, const WriteContext& context,
               Diagnostics& diagnostics) override {
        render::PdfOptions options;
        options.date = context.date;
        options.threads = context.threads;
        options.compressed = context.compressed;
        // Not while other editions are built: trimming their arenas too, it gave back pages
        // they were about to use again (the default book's five editions: 1.07 s without,
        // 1.15 s with).
        options.trim_heap = !context.compressed && context.alone;
        context.timings->start("render");
        render::PdfResult pdf;
        if (context.last) {
            // The document tree is not needed any more, and the display lists go page by page
            // as the writer is done with them.
            { doc::Document done = std::move(edition.document); }
            // What layout freed (the document tree, its working memory) goes back to the
            // system before the writer adds its own: see render::PdfOptions::trim_heap.
            if (options.trim_heap)
                release_free_memory();
            pdf = render::render_pdf(std::move(edition.book), options);
        } else if (context.take_pages) {
            // The pages go page by page as they are written; the others keep what they read
            // (the charts, where pages begin, the fonts the pages used).
            display::Book& book = edition.book;
            book.fonts_of_taken_pages = display::fonts_used(book);
            display::Book pages;
            pages.metadata = book.metadata;
            pages.pages = std::move(book.pages);
            pages.outline = book.outline;
            pages.structure = std::move(book.structure);
            pages.fonts = book.fonts;
            pdf = render::render_pdf(std::move(pages), options);
        } else {
            pdf = render::render_pdf(edition.book, options);
        }
        // In the whole book every link has its place; a preview leaves the others' out on
        // purpose.
        if (pdf.dropped_links > 0 && !edition.preview)
            diagnostics.warning(SourcePos{}, std::to_string(pdf.dropped_links) +
                                                 " links lead to places the book does not have");
        context.timings->start("write");
        std::string message = pdf.error.empty() ? write_file_atomic(path, pdf.bytes) : pdf.error;
        context.timings->stop();
        if (!message.empty()) {
            diagnostics.error(SourcePos{}, message);
            return false;
        }
        return write_parts(edition, context, options, diagnostics);
    }

private:
    /// The parts laid out alone (the site's PDF of each country), each the bytes `--only`
    /// writes, all made before any is written.
    bool write_parts(Composed& edition, const WriteContext& context, render::PdfOptions options,
                     Diagnostics& diagnostics) {
        if (edition.parts.empty())
            return true;
        context.timings->start("render parts");
        options.trim_heap = false;
        std::vector<std::string> bytes(edition.parts.size());
        std::vector<std::pair<fs::path, std::string_view>> files;
        for (size_t i = 0; i < edition.parts.size(); ++i) {
            Composed::Part& part = edition.parts[i];
            // A cache each: a render keeps only what it used (pdf::DeflateCache::next_build).
            options.compressed =
                context.compressed_parts ? &(*context.compressed_parts)[part.stem] : nullptr;
            render::PdfResult pdf = render::render_pdf(std::move(part.book), options);
            if (!pdf.error.empty()) {
                context.timings->stop();
                diagnostics.error(SourcePos{}, part.stem + ": " + pdf.error);
                return false;
            }
            part.bytes = pdf.bytes.size();
            bytes[i] = std::move(pdf.bytes);
            files.emplace_back(edition.folder / part.file, bytes[i]);
        }
        context.timings->start("write parts");
        std::string message = write_files_atomic(files);
        context.timings->stop();
        if (!message.empty()) {
            diagnostics.error(SourcePos{}, message);
            for (Composed::Part& part : edition.parts)
                part.bytes = 0;
            return false;
        }
        return true;
    }
};

class EpubWriter final : public Writer {
public:
    OutputFormat format() const override { return OutputFormat::Epub; }
    const char* extension() const override { return "epub"; }
    bool reads_document() const override { return true; }

    bool write(Composed& edition, const fs::path& path, const WriteContext& context,
               Diagnostics& diagnostics) override {
        context.timings->start("epub");
        epub::EpubOptions options;
        options.modified = context.date ? *context.date : std::time(nullptr);
        options.print_edition = edition.document.metadata.title + " (" + edition.stem + ".pdf)";
        options.threads = context.threads;
        std::string dump;
        if (context.dump)
            options.dump = &dump;
        std::string message;
        std::string bytes = epub::write_epub(edition.document, edition.book, options, message);
        if (message.empty())
            message = write_file_atomic(path, bytes);
        context.timings->stop();
        if (!message.empty()) {
            diagnostics.error(SourcePos{}, message);
            return false;
        }
        if (context.dump) {
            fs::path dump_path = edition.folder / (edition.stem + "-epub.txt");
            if (std::string message = write_file_atomic(dump_path, dump); !message.empty())
                diagnostics.warning(SourcePos{}, message);
        }
        return true;
    }
};

/// The edition's pages of the website, in <folder>/<language>/ (site/pages.h), listing the
/// book files the other writers wrote.
class SiteWriter final : public Writer {
public:
    OutputFormat format() const override { return OutputFormat::Site; }
    const char* extension() const override { return ""; }
    bool reads_document() const override { return true; }
    bool lists_files() const override { return true; }
    std::filesystem::path output(const Composed& edition) const override {
        return edition.folder / edition.language;
    }

    bool write(Composed& edition, const fs::path&, const WriteContext& context,
               Diagnostics& diagnostics) override {
        context.timings->start("site");
        site::LanguageSiteOptions options =
            context.site ? *context.site : site::LanguageSiteOptions{};
        for (const auto& [format, path] : context.written) {
            std::error_code error;
            uintmax_t bytes = fs::file_size(path, error);
            std::string name = path.filename().string();
            options.book_files.push_back(
                {name, name + (format == OutputFormat::Pdf ? " (PDF)" : " (EPUB)"),
                 error ? 0 : bytes});
        }
        for (const Composed::Part& part : edition.parts)
            if (part.bytes != 0)
                options.country_files[part.country] = {part.file, "", part.bytes,
                                                       part.stem + ".pdf"};
        options.root_pages =
            !options.languages.empty() && options.languages.front().tag == edition.language;
        std::string message;
        options.search = edition.search.get();
        std::vector<site::File> files =
            site::language_pages(edition.document, edition.book, options, message);
        if (message.empty()) {
            std::vector<std::pair<fs::path, std::string_view>> batch;
            for (const site::File& file : files)
                batch.emplace_back(edition.folder / file.path, file.data);
            message = write_files_atomic(batch);
        }
        context.timings->stop();
        if (!message.empty()) {
            diagnostics.error(SourcePos{}, message);
            return false;
        }
        return true;
    }
};

} // namespace

std::vector<std::unique_ptr<Writer>> make_writers(const std::vector<OutputFormat>& formats) {
    std::vector<std::unique_ptr<Writer>> writers;
    auto asked = [&](OutputFormat format) {
        return std::find(formats.begin(), formats.end(), format) != formats.end();
    };
    if (asked(OutputFormat::Pdf))
        writers.push_back(std::make_unique<PdfWriter>());
    if (asked(OutputFormat::Epub))
        writers.push_back(std::make_unique<EpubWriter>());
    if (asked(OutputFormat::Site))
        writers.push_back(std::make_unique<SiteWriter>());
    return writers;
}

namespace {

/// What one writer did: its file, its diagnostics and timings (kept apart while writers run
/// side by side).
struct WriterOutcome {
    std::filesystem::path path;
    bool written = false;
    bool internal_error = false;
    Diagnostics diagnostics;
    Timings timings;
};

void run_writer(Writer& writer, Composed& edition, WriteContext context, WriterOutcome& outcome) {
    context.timings = &outcome.timings;
    outcome.path = writer.output(edition);
    try {
        outcome.written = writer.write(edition, outcome.path, context, outcome.diagnostics);
    } catch (const std::exception& exception) {
        outcome.diagnostics.error(SourcePos{}, std::string("internal error: ") + exception.what());
        outcome.internal_error = true;
    }
}

} // namespace

void LanguageEdition::write(unsigned threads, bool alone) {
    Stopwatch busy(result.seconds);
    WriteContext context;
    context.date = m_options.date ? m_options.date : source_date_epoch();
    context.alone = alone;
    context.dump = m_options.write_dump;
    context.compressed = m_cache ? &m_cache->compressed : nullptr;
    context.compressed_parts = m_cache ? &m_cache->compressed_parts : nullptr;
    context.site = &m_options.site;
    // The dump first: the last writer may take the pages apart.
    if (m_options.write_dump) {
        fs::path dump = m_composed.folder / (m_composed.stem + ".txt");
        if (std::string message = write_file_atomic(dump, display::dump(m_composed.book));
            !message.empty())
            m_diagnostics.warning(SourcePos{}, message);
    }
    const size_t count = m_writers.size();
    std::vector<WriterOutcome> outcomes(count);
    context.take_pages = std::count_if(m_writers.begin(), m_writers.end(), [](const auto& writer) {
                             return writer->reads_pages();
                         }) == 1;
    // The writers that list the others' files (the site's downloads) come last and write once
    // those are written.
    const size_t writing =
        static_cast<size_t>(std::find_if(m_writers.begin(), m_writers.end(),
                                         [](const auto& writer) { return writer->lists_files(); }) -
                            m_writers.begin());
    bool stopped = false;
    if (writing > 1 && alone && threads > 1) {
        // An edition built alone with cores to spare: the writers after the first write at
        // the same time as it, reading the same composed edition (none takes its pages
        // apart); the first, the PDF, spreads its pages over the cores the others leave. The
        // others may still use every core for their last step (the EPUB's deflating), which
        // mostly comes when the PDF is written: the cores do not idle while it finishes.
        std::vector<std::thread> others;
        WriteContext other = context;
        other.threads = threads;
        for (size_t i = 1; i < writing; ++i)
            others.emplace_back(
                [&, i] { run_writer(*m_writers[i], m_composed, other, outcomes[i]); });
        WriteContext first = context;
        first.threads = std::max<unsigned>(1, threads - static_cast<unsigned>(writing - 1));
        run_writer(*m_writers[0], m_composed, first, outcomes[0]);
        for (std::thread& thread : others)
            thread.join();
        for (size_t i = 0; i < writing; ++i)
            stopped = stopped || !outcomes[i].written;
    } else {
        context.threads = threads;
        for (size_t i = 0; i < writing && !stopped; ++i) {
            context.last = i + 1 == count;
            run_writer(*m_writers[i], m_composed, context, outcomes[i]);
            stopped = !outcomes[i].written;
        }
    }
    context.threads = threads;
    for (size_t i = 0; i < writing; ++i)
        if (outcomes[i].written)
            context.written.emplace_back(m_writers[i]->format(), outcomes[i].path);
    for (size_t i = writing; i < count && !stopped; ++i) {
        context.last = i + 1 == count;
        run_writer(*m_writers[i], m_composed, context, outcomes[i]);
        stopped = !outcomes[i].written;
    }
    // Written: the tree and the pages go now, not when the build ends (the other editions
    // are still being composed and written).
    { Composed done = std::move(m_composed); }
    bool written = true;
    for (size_t i = 0; i < count; ++i) {
        WriterOutcome& outcome = outcomes[i];
        for (const Diagnostic& diagnostic : outcome.diagnostics.all())
            m_diagnostics.add(diagnostic);
        m_timings.append(outcome.timings);
        result.internal_error = result.internal_error || outcome.internal_error;
        if (!outcome.written) {
            written = false;
            continue;
        }
        std::error_code error;
        uintmax_t bytes = fs::file_size(outcome.path, error);
        if (m_writers[i]->format() == OutputFormat::Site) {
            result.site = outcome.path;
        } else if (m_writers[i]->format() == OutputFormat::Pdf) {
            result.pdf = outcome.path;
            result.bytes = bytes;
        } else {
            result.epub = outcome.path;
            result.epub_bytes = bytes;
        }
    }
    if (!written)
        return;
    if (m_options.report)
        result.report += result.language + ": time: " + m_timings.report() + "\n" +
                         result.language + ": memory: " + m_timings.memory_report() + "\n";
    result.written = true;
}

} // namespace mipex::pipeline
