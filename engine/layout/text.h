// Shapes text with pango and turns the result into display-list glyph runs: paragraphs into
// lines of fixed leading (so pages can break between any two lines), short texts into labels.
#pragma once

#include "display/display_list.h"
#include "doc/document.h"
#include "layout/fonts.h"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

typedef struct _PangoLayout PangoLayout;

namespace mipex::layout {

/// One line of a paragraph: its content in a frame as wide as the measure and as tall as the
/// style's leading, baseline at `baseline`.
struct Line {
    display::Frame frame;
    Length natural_width = 0; ///< the width the text itself takes
    Length baseline = 0;
};

/// A character that could not be drawn with the bundled fonts.
struct MissingGlyph {
    std::string text;       ///< the text it occurred in
    std::string key;        ///< the string key of that text, when its span names it
    uint32_t character = 0; ///< the code point
    /// Where layout was when the text was shaped (TextShaper::set_location).
    size_t section = 0;
    uint32_t block = 0;
    std::string page; ///< the page label, when shaped for a known page (running heads)
};

class Hyphenator;
class SharedParagraphs;
class ParagraphSetter;
enum class LineBreaking;
struct ParagraphStats;

class TextShaper {
public:
    /// With a hyphenator, justified text is hyphenated in its language; `breaking` chooses the
    /// line breaker for justified text (other text is broken by pango).
    explicit TextShaper(FontContext& fonts, Hyphenator* hyphenator = nullptr,
                        std::optional<LineBreaking> breaking = std::nullopt);
    ~TextShaper();
    TextShaper(const TextShaper&) = delete;
    TextShaper& operator=(const TextShaper&) = delete;

    /// Breaks spans into lines of at most `width` (unlimited when width <= 0). `language`:
    /// the text's own (a BCP 47 tag) when it is not the edition's (an untranslated text); a
    /// justified text is then hyphenated and broken by that language's rules.
    std::vector<Line> lines(const std::vector<doc::Span>& spans, const doc::Style& style,
                            Length width, std::optional<doc::Align> align = std::nullopt,
                            const std::string& language = {});

    /// A single line of plain text in the style (no wrapping), its frame sized to the text.
    Line label(std::string_view text, const doc::Style& style,
               std::optional<Color> color = std::nullopt);
    /// The width of a text in a style, without building glyph runs.
    Length measure(std::string_view text, const doc::Style& style);

    /// Ascent and descent of the style's font (for placing baselines in charts).
    Length ascent(const doc::Style& style);
    Length descent(const doc::Style& style);

    const std::vector<MissingGlyph>& missing_glyphs() const { return m_missing; }
    /// Records a character without a glyph, at byte `byte` of `text`, in `span` (if known).
    void report_missing_glyph(std::string_view text, const doc::Span* span = nullptr,
                              size_t byte = 0);
    /// Where the text shaped from now on goes: a block of a section, or a page by its label
    /// (for the page's furniture), so that a missing glyph can be reported with its page.
    void set_location(size_t section, uint32_t block, std::string page = {}) {
        m_location = MissingGlyph{{}, {}, 0, section, block, std::move(page)};
    }
    FontContext& fonts() { return m_fonts; }
    /// The hyphenator of the edition's language; none when it has no dictionary.
    Hyphenator* hyphenator() { return m_hyphenator; }
    /// The hyphenator of text in `language`: the edition's when empty or the edition's own;
    /// another's is loaded from the folders of hyphenate_other_languages() when first asked
    /// for (none without them, or when the language has no dictionary).
    Hyphenator* hyphenator(std::string_view language);
    /// The other languages' dictionaries loaded so far: language, path (none without one).
    std::vector<std::pair<std::string, std::filesystem::path>> other_dictionaries() const;
    /// Where to find the dictionaries of languages other than the edition's.
    void hyphenate_other_languages(std::vector<std::filesystem::path> folders) {
        m_hyphenation_folders = std::move(folders);
    }
    /// How the justified paragraphs set so far came out.
    const ParagraphStats& paragraph_stats() const;

    /// Keeps every justified paragraph set, to give its lines again when the same text comes
    /// back in the same style and width (the next build of a book being edited). Off by
    /// default: a single build rarely sets a paragraph twice, and the lines take memory.
    void keep_paragraphs(bool keep) { m_keep_paragraphs = keep; }
    /// Justified paragraphs are first looked for in `shared`, and those set here are
    /// published to it: for the editions of one build, which print many texts alike.
    void share_paragraphs(SharedParagraphs* shared) { m_shared_paragraphs = shared; }
    /// Paragraphs of this build taken from the shared paragraphs: set before, by this edition or
    /// another.
    size_t shared_paragraphs_taken() const { return m_shared_taken; }
    /// Starts a build: statistics and missing glyphs start from nothing, and paragraphs kept
    /// but not used since the last start_build() are dropped.
    void start_build();

private:
    struct Metrics {
        Length ascent = 0, descent = 0;
    };
    const Metrics& metrics(const doc::Style& style);
    void prepare(PangoLayout* layout, const std::vector<doc::Span>& spans, const doc::Style& style,
                 Length width, std::optional<doc::Align> align);
    std::vector<Line> extract(PangoLayout* layout, const std::vector<doc::Span>& spans,
                              const doc::Style& style, Length width);

    FontContext& m_fonts;
    Hyphenator* m_hyphenator;
    std::vector<std::filesystem::path> m_hyphenation_folders;
    std::map<std::string, std::unique_ptr<Hyphenator>, std::less<>> m_other_hyphenators;
    std::unique_ptr<ParagraphSetter> m_paragraphs;
    PangoLayout* m_layout = nullptr;
    std::unordered_map<std::string, Metrics> m_metrics;
    std::unordered_map<std::string, std::vector<Line>> m_lines_cache;
    std::unordered_map<std::string, Length> m_measure_cache;
    /// A justified paragraph's lines with what setting it reported, to report it again.
    struct KeptParagraph {
        std::vector<Line> lines;
        std::unique_ptr<ParagraphStats> stats;
        std::vector<MissingGlyph> missing;
        unsigned build = 0; ///< the last build that used it
    };
    std::unordered_map<std::string, KeptParagraph> m_paragraph_cache;
    bool m_keep_paragraphs = false;
    SharedParagraphs* m_shared_paragraphs = nullptr;
    size_t m_shared_taken = 0;
    unsigned m_build = 0;
    std::vector<MissingGlyph> m_missing;
    MissingGlyph m_location;
};

} // namespace mipex::layout
