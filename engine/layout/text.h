// Shapes text with pango and turns the result into display-list glyph runs: paragraphs into
// lines of fixed leading (so pages can break between any two lines), short texts into labels.
// Justified paragraphs go to the paragraph cache (paragraph_cache.h), which sets them with the
// engine's own line breaker; everything else is broken by pango here.
#pragma once

#include "display/display_list.h"
#include "doc/document.h"
#include "layout/fonts.h"
#include "layout/hyphenate.h"
#include "layout/missing_glyphs.h"

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

typedef struct _PangoLayout PangoLayout;
typedef struct _PangoLayoutIter PangoLayoutIter;
typedef struct _PangoGlyphItem PangoGlyphItem;

namespace mipex::layout {

/// One line of a paragraph: its content in a frame as wide as the measure and as tall as the
/// style's leading, baseline at `baseline`.
struct Line {
    display::Frame frame;
    Length natural_width = 0; ///< the width the text itself takes
    Length baseline = 0;
};

/// The ascent and descent of each style's font in the edition's language, asked of pango once.
class FontMetrics {
public:
    explicit FontMetrics(FontContext& fonts) : m_fonts(fonts) {}

    Length ascent(const doc::Style& style) { return of(style).ascent; }
    Length descent(const doc::Style& style) { return of(style).descent; }
    /// The baseline of a line in the style: lines sit on a fixed grid of the style's leading,
    /// the text centred in it, so that every line of a style has the same height and pages can
    /// break between any two lines.
    Length baseline(const doc::Style& style);

private:
    struct Metrics {
        Length ascent = 0, descent = 0;
    };
    const Metrics& of(const doc::Style& style);

    FontContext& m_fonts;
    std::unordered_map<std::string, Metrics> m_metrics;
};

class ParagraphCache;
class SharedParagraphs;
class LineMarks;
struct SpanText;
enum class LineBreaking;

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
    Length ascent(const doc::Style& style) { return m_metrics.ascent(style); }
    Length descent(const doc::Style& style) { return m_metrics.descent(style); }

    FontContext& fonts() { return m_fonts; }
    /// The hyphenators of the edition's language and of its untranslated texts' languages.
    Hyphenators& hyphenators() { return m_hyphenators; }
    /// The characters shaped so far that no font has.
    MissingGlyphLog& missing_glyphs() { return m_missing; }
    const MissingGlyphLog& missing_glyphs() const { return m_missing; }
    /// The justified paragraphs: set, kept between builds, shared between editions, counted.
    ParagraphCache& paragraphs() { return *m_paragraphs; }
    const ParagraphCache& paragraphs() const { return *m_paragraphs; }
    /// Justified paragraphs are first looked for in `shared`, and those set here are
    /// published to it: for the editions of one build, which print many texts alike
    /// (paragraphs().share(shared)).
    void share_paragraphs(SharedParagraphs* shared);
    /// Starts a build: statistics and missing glyphs start from nothing, and paragraphs kept
    /// but not used since the last start_build() are dropped.
    void start_build();

private:
    std::optional<Line> on_one_line(const std::vector<doc::Span>& spans, const doc::Style& style,
                                    Length width, doc::Align alignment);
    std::vector<Line> shaped(const std::vector<doc::Span>& spans, const doc::Style& style,
                             Length width, std::optional<doc::Align> align);
    void prepare(PangoLayout* layout, const std::vector<doc::Span>& spans, const doc::Style& style,
                 Length width, std::optional<doc::Align> align);
    std::vector<Line> extract(PangoLayout* layout, const std::vector<doc::Span>& spans,
                              const doc::Style& style, Length width);
    Line extract_line(PangoLayoutIter* iterator, const SpanText& joined, const doc::Style& style,
                      Length width, Length baseline);
    display::GlyphRun glyph_run_of(const PangoGlyphItem& run, const SpanText& joined,
                                   const doc::Style& style, display::Point origin, LineMarks& marks,
                                   Length& pen);

    FontContext& m_fonts;
    FontMetrics m_metrics;
    Hyphenators m_hyphenators;
    MissingGlyphLog m_missing;
    std::unique_ptr<ParagraphCache> m_paragraphs;
    PangoLayout* m_layout = nullptr;
    /// Short texts repeat a lot (numbers in tables, names in charts): each is shaped once.
    std::unordered_map<std::string, std::vector<Line>> m_lines_cache;
    std::unordered_map<std::string, Length> m_measure_cache;
};

} // namespace mipex::layout
