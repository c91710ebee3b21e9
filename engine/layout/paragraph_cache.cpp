#include "layout/paragraph_cache.h"

#include "layout/shared_paragraphs.h"
#include "layout/spans.h"

namespace mipex::layout {

ParagraphCache::ParagraphCache(FontContext& fonts, FontMetrics& metrics, Hyphenators& hyphenators,
                               MissingGlyphLog& missing, LineBreaking breaking)
    : m_fonts(fonts), m_metrics(metrics), m_hyphenators(hyphenators), m_missing(missing),
      m_setter(fonts, metrics, hyphenators, missing, breaking) {
}

void ParagraphCache::start_build() {
    ++m_build;
    m_taken = 0;
    m_stats = {};
    std::erase_if(m_kept, [&](const auto& entry) { return entry.second.build + 1 < m_build; });
}

std::optional<std::vector<Line>> ParagraphCache::lines(const std::vector<doc::Span>& spans,
                                                       const doc::Style& style, Length width,
                                                       const std::string& language) {
    std::string kept_key;
    if (m_keep) {
        append_style_key(kept_key, style);
        append_raw(kept_key, width);
        kept_key += language;
        kept_key += '\3';
        append_spans_key(kept_key, spans);
        if (std::optional<std::vector<Line>> lines = kept(kept_key))
            return lines;
    }
    // Another edition of the build may have set this text in this language already.
    std::string shared_key;
    if (m_shared) {
        shared_key = sharing_key(spans, style, width, language);
        if (std::optional<std::vector<Line>> lines = taken(shared_key, kept_key))
            return lines;
    }
    return set(spans, style, width, language, kept_key, shared_key);
}

/// The lines of a paragraph kept from an earlier build, reported again as setting it did.
std::optional<std::vector<Line>> ParagraphCache::kept(const std::string& key) {
    auto found = m_kept.find(key);
    if (found == m_kept.end())
        return std::nullopt;
    KeptParagraph& paragraph = found->second;
    paragraph.build = m_build;
    m_stats.add(paragraph.stats);
    m_missing.report_again(paragraph.missing);
    return paragraph.lines;
}

/// The lines of a paragraph another edition (or this one) published, in this edition's fonts.
std::optional<std::vector<Line>> ParagraphCache::taken(const std::string& shared_key,
                                                       const std::string& kept_key) {
    std::shared_ptr<const SharedParagraphs::Paragraph> paragraph = m_shared->find(shared_key);
    if (!paragraph)
        return std::nullopt;
    std::optional<std::vector<Line>> lines = SharedParagraphs::take(*paragraph, m_fonts);
    if (!lines)
        return std::nullopt;
    m_stats.add(paragraph->stats);
    ++m_taken;
    if (m_keep)
        keep(kept_key, *lines, paragraph->stats, {});
    return lines;
}

/// The lines of a paragraph set now, published for the other editions and kept if asked.
std::optional<std::vector<Line>> ParagraphCache::set(const std::vector<doc::Span>& spans,
                                                     const doc::Style& style, Length width,
                                                     const std::string& language,
                                                     const std::string& kept_key,
                                                     const std::string& shared_key) {
    const size_t missing_before = m_missing.size();
    std::vector<display::FontId> used; // the fonts the setting asks for, to publish
    std::optional<ParagraphLines> set;
    {
        struct Recording {
            FontContext& fonts;
            ~Recording() { fonts.record_fonts(nullptr); }
        } recording{m_fonts};
        if (m_shared)
            m_fonts.record_fonts(&used);
        set = m_setter.set(spans, style, width, language);
    }
    if (!set)
        return std::nullopt;
    m_stats.add(set->stats);
    // One with a character missing is not shared: each edition reports it.
    if (m_shared && m_missing.size() == missing_before)
        m_shared->publish(shared_key, set->lines, used, m_fonts, set->stats);
    if (m_keep)
        keep(kept_key, set->lines, set->stats, m_missing.since(missing_before));
    return std::move(set->lines);
}

/// A paragraph as the editions of a build share it: besides what the cache of one edition keys
/// it by, whatever of the edition's own the setting reads: the text's language, the edition's
/// direction (a text without a strong letter takes it), the line breaker, the hyphenation
/// dictionary, and the font's ascent and descent in the edition's language (the baseline).
std::string ParagraphCache::sharing_key(const std::vector<doc::Span>& spans,
                                        const doc::Style& style, Length width,
                                        const std::string& language) {
    // Asked for even when the paragraph is taken, as setting it would: the report names the
    // dictionaries used.
    const Hyphenator* hyphenator = m_hyphenators.of(language);
    const Length ascent = m_metrics.ascent(style), descent = m_metrics.descent(style);
    std::string key = language.empty() ? m_fonts.language() : language;
    key += '\1';
    key += hyphenator ? hyphenator->dictionary_path().string() : std::string();
    key += '\1';
    key += static_cast<char>(m_fonts.right_to_left()) + 2 * static_cast<char>(m_setter.breaking());
    append_raw(key, ascent);
    append_raw(key, descent);
    append_style_key(key, style);
    append_raw(key, width);
    append_spans_key(key, spans);
    return key;
}

void ParagraphCache::keep(const std::string& key, const std::vector<Line>& lines,
                          const ParagraphStats& stats, std::vector<MissingGlyph> missing) {
    m_kept.emplace(key, KeptParagraph{lines, stats, std::move(missing), m_build});
}

} // namespace mipex::layout
