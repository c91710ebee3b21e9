// The inline markup of prose (prose.h). Markers that open nothing stay as written, so
// ordinary text never loses characters.
#include "base/text.h"
#include "doc/prose.h"

#include <algorithm>

namespace mipex::doc {

namespace {

class InlineParser {
public:
    InlineParser(std::string_view text, const ProseContext& context, size_t offset = 0)
        : m_text(text), m_context(context), m_offset(offset) {}

    std::vector<Span> parse() {
        while (m_at < m_text.size()) {
            char c = m_text[m_at];
            if (c == '\\' && m_at + 1 < m_text.size() &&
                std::string_view("*[]{}^\\").find(m_text[m_at + 1]) != std::string_view::npos) {
                m_current += m_text[m_at + 1];
                m_at += 2;
            } else if (c == '*' && emphasis()) {
            } else if (c == '[' && link()) {
            } else if (c == '{' && reference()) {
            } else if (c == '^' && footnote()) {
            } else {
                m_current += c;
                ++m_at;
            }
        }
        flush();
        for (uint8_t flag : {Span::Strong, Span::Emphasis})
            if (m_flags & flag)
                warning(m_opened_at[flag == Span::Strong],
                        std::string("'") + (flag == Span::Strong ? "**" : "*") + "' opens " +
                            (flag == Span::Strong ? "strong" : "emphasised") +
                            " text that is never closed, so the rest of the paragraph is set so; "
                            "close it, or write \\* for a star");
        return std::move(m_spans);
    }

private:
    Span styled(std::string text) const {
        Span span;
        span.text = std::move(text);
        span.flags = m_flags;
        return span;
    }

    void flush() {
        if (!m_current.empty())
            m_spans.push_back(styled(std::move(m_current)));
        m_current.clear();
    }

    SourcePos where(size_t at) const {
        return m_context.locate ? m_context.locate(m_offset + at) : m_context.pos;
    }

    void error(size_t at, const std::string& message) {
        if (m_context.diagnostics)
            m_context.diagnostics->error(where(at), message);
    }

    void warning(size_t at, const std::string& message) {
        if (m_context.diagnostics && m_context.warn_literal_markup)
            m_context.diagnostics->warning(where(at), message);
    }

    bool emphasis() {
        bool strong = m_at + 1 < m_text.size() && m_text[m_at + 1] == '*';
        uint8_t flag = strong ? Span::Strong : Span::Emphasis;
        size_t length = strong ? 2 : 1;
        std::string_view marker = strong ? "**" : "*";
        // As CommonMark's flanking rules have it (spec 0.30, 6.2): a star opens before a
        // non-space when a partner closes it ahead, and closes after a non-space.
        bool followed_by_text = m_at + length < m_text.size() && m_text[m_at + length] != ' ';
        bool after_text = m_at > 0 && m_text[m_at - 1] != ' ';
        bool closing = (m_flags & flag) != 0 && after_text;
        if ((m_flags & flag) != 0 && !closing)
            return false; // " * " inside emphasis: a star as written
        bool can_open = !closing && followed_by_text && closer_ahead(marker, m_at + length);
        if (!closing && !can_open) {
            // A star before a word that nothing closes prints as a star, most likely not
            // what was meant ("**Note: …" with its closing stars forgotten).
            if (!followed_by_text)
                return false;
            warning(m_at, std::string("'") + std::string(marker) +
                              "' is never closed and prints as written; close it, or write "
                              "\\* for a star");
            m_current += marker; // both stars of "**" as written, reported once
            m_at += length;
            return true;
        }
        flush();
        m_flags ^= flag;
        if (!closing)
            m_opened_at[strong] = m_at;
        m_at += length;
        return true;
    }

    /// Whether `marker` stands ahead, from `from` on, where it could close: not escaped, and
    /// after a non-space.
    bool closer_ahead(std::string_view marker, size_t from) const {
        for (size_t at = m_text.find(marker, from); at != std::string_view::npos;
             at = m_text.find(marker, at + 1)) {
            size_t backslashes = 0;
            while (at > backslashes && m_text[at - 1 - backslashes] == '\\')
                ++backslashes;
            if (backslashes % 2 == 0 && at > 0 && m_text[at - 1] != ' ')
                return true;
        }
        return false;
    }

    /// [label](target). The target may hold balanced parentheses, as CommonMark allows
    /// (spec 0.30, 6.3: link destinations).
    bool link() {
        size_t close = m_text.find("](", m_at + 1);
        if (close == std::string_view::npos ||
            m_text.substr(m_at + 1, close - m_at - 1).find('[') != std::string_view::npos)
            return false;
        size_t end = close + 2;
        for (int depth = 0; end < m_text.size(); ++end) {
            if (m_text[end] == '(')
                ++depth;
            else if (m_text[end] == ')' && depth-- == 0)
                break;
        }
        if (end >= m_text.size())
            return false;
        std::string_view label = m_text.substr(m_at + 1, close - m_at - 1);
        std::string_view target = m_text.substr(close + 2, end - close - 2);
        size_t target_at = close + 2;
        Span span = styled(std::string(label));
        if (target.starts_with("http://") || target.starts_with("https://") ||
            target.starts_with("mailto:")) {
            span.uri = std::string(target);
        } else if (target.starts_with("#")) {
            if (!known_anchor(target.substr(1), target_at))
                return false;
            span.link = std::string(target.substr(1));
        } else if (is_book_reference(target)) {
            auto resolved = resolve(target, target_at);
            if (!resolved)
                return false;
            span.link = resolved->anchor;
        } else {
            // A PDF or EPUB reader follows a link wherever it points: to a script, a file on
            // the reader's machine, another program. The book links only to the web, to mail
            // and to itself.
            error(target_at, "a link to '" + std::string(target) +
                                 "' is not allowed: a link goes to https://…, http://…, "
                                 "mailto:…, #<destination>, country:<code> or area:<id>");
            return false;
        }
        flush();
        m_spans.push_back(std::move(span));
        m_at = end + 1;
        return true;
    }

    static bool is_book_reference(std::string_view target) {
        return target.starts_with("country:") || target.starts_with("area:");
    }

    bool known_anchor(std::string_view anchor, size_t at) {
        if (!m_context.resolver || m_context.resolver->knows_anchor(anchor))
            return true;
        auto hint = m_context.resolver->suggest("#" + std::string(anchor));
        error(at, "no destination '#" + std::string(anchor) + "' in the book" +
                      (hint ? "; did you mean '" + *hint + "'?" : "") +
                      " (destinations: country-<CODE>, area-<id>, annex, contents, colophon, "
                      "text-<text>)");
        return false;
    }

    std::optional<Target> resolve(std::string_view target, size_t at) {
        size_t colon = target.find(':');
        if (colon == std::string_view::npos || !m_context.resolver)
            return std::nullopt;
        std::string_view kind = target.substr(0, colon), id = target.substr(colon + 1);
        auto resolved = m_context.resolver->resolve(kind, id);
        if (!resolved) {
            auto hint = m_context.resolver->suggest(target);
            error(at, "unknown reference '" + std::string(target) + "'" +
                          (hint ? "; did you mean '" + *hint + "'?"
                                : " (write country:<code>, area:<id> or #<anchor>)"));
        }
        return resolved;
    }

    /// {country:SE}, {area:lmm}, {page:country:SE}, {page:#anchor}
    bool reference() {
        size_t end = m_text.find('}', m_at + 1);
        if (end == std::string_view::npos)
            return false;
        std::string_view inside = m_text.substr(m_at + 1, end - m_at - 1);
        if (inside.find(':') == std::string_view::npos ||
            inside.find(' ') != std::string_view::npos)
            return false;
        Span span = styled("");
        if (inside.starts_with("page:")) {
            std::string_view target = inside.substr(5);
            std::string anchor;
            if (target.starts_with("#")) {
                if (!known_anchor(target.substr(1), m_at))
                    return false;
                anchor = std::string(target.substr(1));
            } else if (auto resolved = resolve(target, m_at)) {
                if (resolved->anchor.empty()) {
                    error(m_at, "'" + std::string(target) +
                                    "' has no page: it is not in the edition the book presents");
                    return false;
                }
                anchor = resolved->anchor;
            } else
                return false;
            span.page_of = anchor;
            span.link = anchor;
            span.text = "000"; // as wide as most page numbers, until layout knows the page
        } else if (auto resolved = resolve(inside, m_at)) {
            span.text = resolved->text;
            span.link = resolved->anchor;
        } else {
            return false;
        }
        flush();
        m_spans.push_back(std::move(span));
        m_at = end + 1;
        return true;
    }

    /// ^[a note]
    bool footnote() {
        if (m_at + 1 >= m_text.size() || m_text[m_at + 1] != '[')
            return false;
        int depth = 0;
        size_t end = m_at + 1;
        for (; end < m_text.size(); ++end) {
            if (m_text[end] == '[')
                ++depth;
            else if (m_text[end] == ']' && --depth == 0)
                break;
        }
        if (end >= m_text.size())
            return false;
        if (!m_context.footnotes || !m_context.footnote_counter) {
            error(m_at, "a footnote (^[…]) cannot stand here");
            return false;
        }
        int number = ++*m_context.footnote_counter;
        Footnote note;
        note.number = std::to_string(number);
        note.anchor = m_context.footnote_prefix + "fn-" + note.number;
        note.reference = m_context.footnote_prefix + "fnref-" + note.number;
        ProseContext inner = m_context;
        inner.footnotes = nullptr; // notes do not nest
        note.spans =
            InlineParser(m_text.substr(m_at + 2, end - m_at - 2), inner, m_offset + m_at + 2)
                .parse();
        flush();
        Span marker;
        marker.text = note.number;
        marker.flags = Span::Superscript;
        marker.link = note.anchor;
        marker.anchor = note.reference;
        m_spans.push_back(std::move(marker));
        m_context.footnotes->push_back(std::move(note));
        m_at = end + 1;
        return true;
    }

    std::string_view m_text;
    const ProseContext& m_context;
    size_t m_offset = 0; ///< where m_text starts in what m_context.locate counts
    size_t m_at = 0;
    uint8_t m_flags = Span::Plain;
    size_t m_opened_at[2] = {0, 0}; ///< where the open emphasis [0] and strong [1] began
    std::string m_current;
    std::vector<Span> m_spans;
};

} // namespace

std::vector<Span> parse_inline(std::string_view text, const ProseContext& context) {
    return InlineParser(text, context).parse();
}

size_t ProseBlock::source_offset(size_t item, size_t offset) const {
    if (item >= origins.size() || origins[item].empty())
        return offset;
    const auto& pieces = origins[item];
    auto piece = std::upper_bound(pieces.begin(), pieces.end(), offset,
                                  [](size_t at, const auto& p) { return at < p.first; });
    if (piece != pieces.begin())
        --piece;
    return piece->second + (offset - piece->first);
}

std::vector<ProseBlock> split_prose(std::string_view text) {
    std::vector<ProseBlock> blocks;
    std::vector<std::string_view> lines;
    // A line's offset in the text: lines are views into it.
    auto offset_of = [&](std::string_view line) {
        return static_cast<size_t>(line.data() - text.data());
    };
    auto finish = [&] {
        if (lines.empty())
            return;
        const ListMarker first = list_marker(lines.front());
        ProseBlock block;
        auto append = [&](std::string_view line, bool new_item) {
            if (new_item) {
                block.items.emplace_back();
                block.origins.emplace_back();
            } else {
                block.items.back() += ' ';
            }
            block.origins.back().emplace_back(block.items.back().size(), offset_of(line));
            block.items.back() += line;
        };
        if (first.length > 0) {
            block.kind = first.numbered ? ProseBlock::Kind::Numbers : ProseBlock::Kind::Bullets;
            for (std::string_view line : lines) {
                const ListMarker marker = list_marker(line);
                if (marker.length > 0 && marker.numbered == first.numbered)
                    append(line.substr(marker.length), true);
                else // a continuation of the item above
                    append(line, false);
            }
        } else {
            for (size_t i = 0; i < lines.size(); ++i)
                append(lines[i], i == 0);
        }
        blocks.push_back(std::move(block));
        lines.clear();
    };
    for (std::string_view line : split_lines(text)) {
        line = trim(line);
        if (line.empty())
            finish();
        else
            lines.push_back(line);
    }
    finish();
    return blocks;
}

} // namespace mipex::doc
