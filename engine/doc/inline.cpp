// The inline markup of prose (prose.h). Markers that open nothing stay as written, so
// ordinary text never loses characters.
#include "base/text.h"
#include "doc/prose.h"

namespace mipex::doc {

namespace {

class InlineParser {
public:
    InlineParser(std::string_view text, const ProseContext& context) : m_text(text), m_context(context) {}

    std::vector<Span> parse() {
        while (m_at < m_text.size()) {
            char c = m_text[m_at];
            if (c == '\\' && m_at + 1 < m_text.size() && std::string_view("*[]{}^\\").find(m_text[m_at + 1]) != std::string_view::npos) {
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

    void error(const std::string& message) {
        if (m_context.diagnostics)
            m_context.diagnostics->error(m_context.pos, message);
    }

    bool emphasis() {
        bool strong = m_at + 1 < m_text.size() && m_text[m_at + 1] == '*';
        uint8_t flag = strong ? Span::Strong : Span::Emphasis;
        size_t length = strong ? 2 : 1;
        bool closing = (m_flags & flag) != 0;
        std::string_view marker = strong ? "**" : "*";
        // Opening needs a closing partner ahead and a non-space right after it.
        bool can_open = !closing && m_at + length < m_text.size() && m_text[m_at + length] != ' ' &&
                        m_text.find(marker, m_at + length) != std::string_view::npos;
        if (!closing && !can_open)
            return false;
        flush();
        m_flags ^= flag;
        m_at += length;
        return true;
    }

    /// [label](target)
    bool link() {
        size_t close = m_text.find("](", m_at + 1);
        if (close == std::string_view::npos)
            return false;
        size_t end = m_text.find(')', close + 2);
        if (end == std::string_view::npos || m_text.substr(m_at + 1, close - m_at - 1).find('[') != std::string_view::npos)
            return false;
        std::string_view label = m_text.substr(m_at + 1, close - m_at - 1);
        std::string_view target = m_text.substr(close + 2, end - close - 2);
        Span span = styled(std::string(label));
        if (target.starts_with("http://") || target.starts_with("https://") || target.starts_with("mailto:")) {
            span.uri = std::string(target);
        } else if (target.starts_with("#")) {
            span.link = std::string(target.substr(1));
        } else if (auto resolved = resolve(target)) {
            span.link = resolved->anchor;
        } else {
            return false;
        }
        flush();
        m_spans.push_back(std::move(span));
        m_at = end + 1;
        return true;
    }

    std::optional<Target> resolve(std::string_view target) {
        size_t colon = target.find(':');
        if (colon == std::string_view::npos || !m_context.resolver)
            return std::nullopt;
        std::string_view kind = target.substr(0, colon), id = target.substr(colon + 1);
        auto resolved = m_context.resolver->resolve(kind, id);
        if (!resolved)
            error("unknown reference '" + std::string(target) + "' (write country:<code>, area:<id> or #<anchor>)");
        return resolved;
    }

    /// {country:SE}, {area:lmm}, {page:country:SE}, {page:#anchor}
    bool reference() {
        size_t end = m_text.find('}', m_at + 1);
        if (end == std::string_view::npos)
            return false;
        std::string_view inside = m_text.substr(m_at + 1, end - m_at - 1);
        if (inside.find(':') == std::string_view::npos || inside.find(' ') != std::string_view::npos)
            return false;
        Span span = styled("");
        if (inside.starts_with("page:")) {
            std::string_view target = inside.substr(5);
            std::string anchor;
            if (target.starts_with("#"))
                anchor = std::string(target.substr(1));
            else if (auto resolved = resolve(target))
                anchor = resolved->anchor;
            else
                return false;
            span.page_of = anchor;
            span.link = anchor;
            span.text = "000"; // as wide as most page numbers, until layout knows the page
        } else if (auto resolved = resolve(inside)) {
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
            error("a footnote (^[…]) cannot stand here");
            return false;
        }
        int number = ++*m_context.footnote_counter;
        Footnote note;
        note.number = std::to_string(number);
        note.anchor = m_context.footnote_prefix + "fn-" + note.number;
        note.reference = m_context.footnote_prefix + "fnref-" + note.number;
        ProseContext inner = m_context;
        inner.footnotes = nullptr; // notes do not nest
        note.spans = InlineParser(m_text.substr(m_at + 2, end - m_at - 2), inner).parse();
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
    size_t m_at = 0;
    uint8_t m_flags = Span::Plain;
    std::string m_current;
    std::vector<Span> m_spans;
};

/// "- item", "* item" → bullet; "12. item" → number. Returns the marker's length, or 0.
size_t list_marker(std::string_view line, bool& numbered) {
    if (line.starts_with("- ") || line.starts_with("* ")) {
        numbered = false;
        return 2;
    }
    size_t digits = 0;
    while (digits < line.size() && digits < 3 && line[digits] >= '0' && line[digits] <= '9')
        ++digits;
    if (digits > 0 && line.substr(digits).starts_with(". ")) {
        numbered = true;
        return digits + 2;
    }
    return 0;
}

} // namespace

std::vector<Span> parse_inline(std::string_view text, const ProseContext& context) {
    return InlineParser(text, context).parse();
}

std::vector<ProseBlock> split_prose(std::string_view text) {
    std::vector<ProseBlock> blocks;
    std::vector<std::string_view> lines;
    auto finish = [&] {
        if (lines.empty())
            return;
        bool numbered = false;
        bool is_list = list_marker(lines.front(), numbered) > 0;
        ProseBlock block;
        if (is_list) {
            block.kind = numbered ? ProseBlock::Kind::Numbers : ProseBlock::Kind::Bullets;
            for (std::string_view line : lines) {
                bool item_numbered = false;
                size_t marker = list_marker(line, item_numbered);
                if (marker > 0 && item_numbered == numbered)
                    block.items.emplace_back(line.substr(marker));
                else // a continuation of the item above
                    block.items.back() += " " + std::string(line);
            }
        } else {
            std::string joined;
            for (std::string_view line : lines)
                joined += (joined.empty() ? "" : " ") + std::string(line);
            block.items.push_back(std::move(joined));
        }
        blocks.push_back(std::move(block));
        lines.clear();
    };
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = trim(text.substr(start, end - start));
        if (line.empty())
            finish();
        else
            lines.push_back(line);
        start = end + 1;
    }
    finish();
    return blocks;
}

} // namespace mipex::doc
