// Justified paragraphs, set by the ParagraphSetter only when no earlier setting can be given
// again: one kept from the build before (mipex watch), or one another edition of this build
// set (SharedParagraphs). Counts how every paragraph it gives came out.
#pragma once

#include "layout/paragraph.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace mipex::layout {

class SharedParagraphs;

class ParagraphCache {
public:
    /// The setter's parts (ParagraphSetter); `metrics`, `hyphenators` and `fonts` also tell
    /// the editions' settings apart when paragraphs are shared.
    ParagraphCache(FontContext& fonts, FontMetrics& metrics, Hyphenators& hyphenators,
                   MissingGlyphLog& missing, LineBreaking breaking);
    ParagraphCache(const ParagraphCache&) = delete;
    ParagraphCache& operator=(const ParagraphCache&) = delete;

    /// The lines of a justified paragraph (ParagraphSetter::set): given again, or set now.
    std::optional<std::vector<Line>> lines(const std::vector<doc::Span>& spans,
                                           const doc::Style& style, Length width,
                                           const std::string& language);

    /// Keeps every paragraph set, to give its lines again when the same text comes back in the
    /// same style and width (the next build of a book being edited). Off by default: a single
    /// build rarely sets a paragraph twice, and the lines take memory.
    void keep_between_builds(bool keep) { m_keep = keep; }
    /// Paragraphs are first looked for in `shared`, and those set here are published to it:
    /// for the editions of one build, which print many texts alike. Null stops sharing.
    void share(SharedParagraphs* shared) { m_shared = shared; }

    /// How the paragraphs given in this build came out, whether set or given again.
    const ParagraphStats& stats() const { return m_stats; }
    /// Paragraphs of this build taken from the shared paragraphs: set before, by this edition
    /// or another.
    size_t taken_from_shared() const { return m_taken; }
    /// The paragraphs kept for the next build.
    size_t size() const { return m_kept.size(); }
    /// Starts a build: the figures start from nothing, and paragraphs kept but not used since
    /// the last start_build() are dropped.
    void start_build();

private:
    std::optional<std::vector<Line>> kept(const std::string& key);
    std::optional<std::vector<Line>> taken(const std::string& shared_key,
                                           const std::string& kept_key);
    std::optional<std::vector<Line>> set(const std::vector<doc::Span>& spans,
                                         const doc::Style& style, Length width,
                                         const std::string& language, const std::string& kept_key,
                                         const std::string& shared_key);
    std::string sharing_key(const std::vector<doc::Span>& spans, const doc::Style& style,
                            Length width, const std::string& language);
    void keep(const std::string& key, const std::vector<Line>& lines, const ParagraphStats& stats,
              std::vector<MissingGlyph> missing);

    FontContext& m_fonts;
    FontMetrics& m_metrics;
    Hyphenators& m_hyphenators;
    MissingGlyphLog& m_missing;
    ParagraphSetter m_setter;

    /// A paragraph's lines with what setting it reported, to report it again.
    struct KeptParagraph {
        std::vector<Line> lines;
        ParagraphStats stats;
        std::vector<MissingGlyph> missing;
        unsigned build = 0; ///< the last build that used it
    };
    std::unordered_map<std::string, KeptParagraph> m_kept;
    bool m_keep = false;
    unsigned m_build = 0;

    SharedParagraphs* m_shared = nullptr;
    size_t m_taken = 0;
    ParagraphStats m_stats;
};

} // namespace mipex::layout
