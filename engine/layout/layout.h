// layout_document: turns the Document into pages of display lists. Shapes every block once,
// paginates each section, then settles page references (the table of contents) in a bounded
// loop of re-pagination, and finally adds running heads, folios and the outline.
#pragma once

#include "base/diagnostics.h"
#include "display/display_list.h"
#include "doc/document.h"
#include "layout/fonts.h"
#include "layout/paragraph.h"

#include <filesystem>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace mipex::layout {

/// Passes of "lay out, see where anchors landed, lay out again" before giving up.
inline constexpr int max_layout_passes = 4;

struct LayoutOptions {
    LineBreaking breaking = LineBreaking::Optimal;
    /// Where hyphenation dictionaries are looked for (hyph_<lang>.dic); none: no hyphenation.
    std::vector<std::filesystem::path> hyphenation_folders;
    /// A LayoutCache keeps paragraphs and charts for the next build (mipex watch); otherwise
    /// it holds only what one build needs.
    bool keep_between_builds = false;
    /// Also lay out every chart alone at the width of the text (display::Book::charts), for
    /// outputs that show charts apart from the pages. Needs the document tree whole: not with
    /// a layout_document that takes it apart.
    bool chart_figures = false;
};

/// What layout measured while it worked, for reports.
struct LayoutReport {
    ParagraphStats paragraphs;
    std::string hyphenation_dictionary; ///< empty when the language has none
    /// The dictionaries of other languages, used for untranslated texts: "en: …/hyph_en_GB.dic".
    std::vector<std::string> other_dictionaries;
    /// Paragraphs set before in the build (by this edition or another), taken as they were.
    size_t shared_paragraphs_taken = 0;
    /// Typesetting rules the pages break (widows, orphans, headings at a page foot, lines
    /// wider than the measure), each also reported as a warning. Empty for a good book.
    std::vector<std::string> violations;

    /// The dictionaries, for a report: "…/hyph_de_DE.dic" (or "none"), then the others'.
    std::string hyphenation() const;
};

class Hyphenator;
class TextShaper;
struct ChartLayout;

/// What layout keeps from one build of an edition to the next, for `mipex watch`: the
/// hyphenation patterns, the shaper with its caches, paragraphs already set and charts
/// already drawn, each found again by its whole content (text, style and width; a chart's
/// every field). Pages laid out with a warm cache are the pages of a cold build; what a
/// build did not use is dropped at the start of the next but one.
class LayoutCache {
public:
    LayoutCache(FontContext& fonts, const std::string& language, const LayoutOptions& options);
    ~LayoutCache();
    LayoutCache(const LayoutCache&) = delete;
    LayoutCache& operator=(const LayoutCache&) = delete;

    FontContext& fonts() { return m_fonts; }
    Hyphenator& hyphenator() { return *m_hyphenator; }
    TextShaper& shaper() { return *m_shaper; }

    /// The chart laid out at `width`, from the cache or drawn now.
    const ChartLayout& chart(const doc::Chart& chart, Length width);

    /// Starts a build (layout_document calls it).
    void start_build();

    /// Whether layout_document also lays out every chart alone (LayoutOptions::chart_figures).
    bool chart_figures() const { return m_chart_figures; }

private:
    FontContext& m_fonts;
    std::unique_ptr<Hyphenator> m_hyphenator;
    std::unique_ptr<TextShaper> m_shaper;
    struct KeptChart;
    std::unordered_map<std::string, std::unique_ptr<KeptChart>> m_charts;
    std::unique_ptr<KeptChart> m_last_chart; ///< when nothing is kept
    bool m_keep = false;
    bool m_chart_figures = false;
    unsigned m_build = 0;
};

/// Lays out a document with a cache kept by the caller (its paragraphs and charts reused).
display::Book layout_document(const doc::Document& document, LayoutCache& cache,
                              Diagnostics& diagnostics, LayoutReport* report = nullptr);

/// Lays out a part of a book alone (a chapter, as `mipex build --only` writes it) within the
/// build of the last layout_document with `cache`: the paragraphs and charts that build set
/// are reused and stay that build's, so that the parts of an edition laid out one after
/// another neither set them again nor drop what the next build of a session would reuse.
/// The pages are those layout_document gives the same document.
display::Book layout_part(const doc::Document& document, LayoutCache& cache,
                          Diagnostics& diagnostics);

/// Lays out a document from nothing.
display::Book layout_document(const doc::Document& document, FontContext& fonts,
                              Diagnostics& diagnostics, const LayoutOptions& options = {},
                              LayoutReport* report = nullptr);

/// Lays out a document it may take apart as it goes: a section's blocks are freed once laid
/// out (kept while its page numbers may still change), so that the whole tree and the whole
/// book's pages are not in memory together. For a build that needs nothing more from the
/// tree (a PDF without an EPUB); the document is left with its sections' other fields.
display::Book layout_document(doc::Document&& document, LayoutCache& cache,
                              Diagnostics& diagnostics, LayoutReport* report = nullptr);
display::Book layout_document(doc::Document&& document, FontContext& fonts,
                              Diagnostics& diagnostics, const LayoutOptions& options = {},
                              LayoutReport* report = nullptr);

/// Roman numerals for front-matter page numbers ("iv").
std::string roman(int number);

} // namespace mipex::layout
