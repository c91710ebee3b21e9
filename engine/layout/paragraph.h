// Sets justified paragraphs the way TeX does: the text is hyphenated, itemized and shaped once
// with pango, turned into boxes, glue and penalties, broken into lines by the optimal line
// breaker, and each line built from the shaped glyphs with its inter-word spaces widened or
// narrowed to fill the measure. Only the word at a hyphenated break is shaped again, with its
// hyphen (DESIGN.md, "Body text is broken by the engine").
#pragma once

#include "doc/document.h"
#include "layout/fonts.h"
#include "layout/hyphenate.h"
#include "layout/missing_glyphs.h"
#include "layout/text.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

typedef struct _PangoItem PangoItem;

namespace mipex::layout {

enum class LineBreaking {
    Optimal, ///< Knuth–Plass over the whole paragraph
    Greedy,  ///< first fit, as pango does (kept to measure the difference)
};

/// What the paragraphs of a book look like, for comparing line breakers.
struct ParagraphStats {
    size_t paragraphs = 0;
    size_t lines = 0;      ///< lines other than a paragraph's last
    size_t hyphenated = 0; ///< lines ending in a hyphen
    size_t loose = 0;      ///< lines stretched beyond the ratio `loose_ratio`
    size_t emergency = 0;  ///< paragraphs that needed emergency stretch
    size_t overfull = 0;   ///< lines wider than the measure (should stay 0)
    double space_sum = 0;  ///< inter-word space widths in em, summed over spaces
    double space_square_sum = 0;
    double space_min = 0, space_max = 0;
    size_t spaces = 0;
    static constexpr double loose_ratio = 1.0;

    double space_mean() const { return spaces ? space_sum / static_cast<double>(spaces) : 0; }
    double space_deviation() const;
    std::string report() const;
    /// Adds another paragraph's (or book's) figures to these.
    void add(const ParagraphStats& other);
};

/// The lines of a justified paragraph, and how they came out.
struct ParagraphLines {
    std::vector<Line> lines;
    ParagraphStats stats;
};

class ParagraphSetter {
public:
    /// Sets paragraphs in `fonts`, their baselines from `metrics`, hyphenated by the text's
    /// language's hyphenator; characters no font has go to `missing`.
    ParagraphSetter(FontContext& fonts, FontMetrics& metrics, Hyphenators& hyphenators,
                    MissingGlyphLog& missing, LineBreaking breaking);
    ~ParagraphSetter();
    ParagraphSetter(const ParagraphSetter&) = delete;
    ParagraphSetter& operator=(const ParagraphSetter&) = delete;

    /// The lines of a justified paragraph; nothing when the paragraph holds right-to-left
    /// text (the caller then sets it with pango's own breaking). `language`: the text's own
    /// (a BCP 47 tag) when not the edition's, an untranslated one: it is then hyphenated,
    /// broken and shaped by that language's rules, as it is in its own edition.
    std::optional<ParagraphLines> set(const std::vector<doc::Span>& spans, const doc::Style& style,
                                      Length width, const std::string& language = {});

    LineBreaking breaking() const { return m_breaking; }

private:
    class Paragraph;

    struct Hyphen {
        uint32_t glyph;
        Length width;
    };
    Hyphen hyphen_for(PangoItem* item);

    FontContext& m_fonts;
    FontMetrics& m_metrics;
    Hyphenators& m_hyphenators;
    MissingGlyphLog& m_missing;
    LineBreaking m_breaking;
    std::map<PangoFont*, Hyphen> m_hyphens;
};

} // namespace mipex::layout
