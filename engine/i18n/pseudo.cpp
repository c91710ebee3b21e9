#include "i18n/pseudo.h"

#include "base/text.h"

#include <functional>
#include <vector>

namespace mipex::i18n {

namespace {

using Transform = std::function<std::string(std::string_view)>;

/// Copies an ICU message or prose text, passing the runs of words through `transform` and
/// everything else (arguments, markup) unchanged.
class Walker {
public:
    Walker(std::string_view text, const Transform& transform)
        : m_text(text), m_transform(transform) {}

    std::string run() {
        std::string out;
        message(out, false);
        return out;
    }

private:
    /// Text up to the end, or up to the '}' that closes a sub-message (not consumed).
    void message(std::string& out, bool nested) {
        std::string words;
        auto flush = [&] {
            out += m_transform(words);
            words.clear();
        };
        while (m_at < m_text.size()) {
            char c = m_text[m_at];
            if (c == '}' && nested)
                break;
            if (c == '{') {
                flush();
                argument(out);
                continue;
            }
            if (c == ']' && m_text.substr(m_at).starts_with("](")) {
                // A link's address: copied as written.
                flush();
                size_t end = m_text.find(')', m_at);
                end = end == std::string_view::npos ? m_text.size() : end + 1;
                out += m_text.substr(m_at, end - m_at);
                m_at = end;
                continue;
            }
            words += c;
            ++m_at;
        }
        flush();
    }

    /// "{name}", "{name, number}", "{name, plural, one {…} other {…}}": the name and type
    /// as written, the sub-messages of plural and select transformed.
    void argument(std::string& out) {
        size_t start = m_at++;
        size_t comma = std::string_view::npos;
        while (m_at < m_text.size() && m_text[m_at] != '}' && m_text[m_at] != '{') {
            if (m_text[m_at] == ',' && comma == std::string_view::npos)
                comma = m_at;
            ++m_at;
        }
        std::string_view header = m_text.substr(start, m_at - start);
        bool choice = header.find("plural") != std::string_view::npos ||
                      header.find("select") != std::string_view::npos;
        if (m_at >= m_text.size() || m_text[m_at] == '}' || !choice ||
            comma == std::string_view::npos) {
            // A simple argument, or one whose style we do not look into: copy to its end.
            int depth = 0;
            m_at = start;
            while (m_at < m_text.size()) {
                char c = m_text[m_at++];
                if (c == '{')
                    ++depth;
                else if (c == '}' && --depth == 0)
                    break;
            }
            out += m_text.substr(start, m_at - start);
            return;
        }
        // Selectors, each followed by a sub-message in braces, until the closing brace.
        out += header;
        while (m_at < m_text.size() && m_text[m_at] != '}') {
            char c = m_text[m_at++];
            out += c;
            if (c == '{') {
                message(out, true);
                if (m_at < m_text.size()) {
                    out += '}';
                    ++m_at;
                }
            }
        }
        if (m_at < m_text.size()) {
            out += '}';
            ++m_at;
        }
    }

    std::string_view m_text;
    const Transform& m_transform;
    size_t m_at = 0;
};

/// Applies `wrap` to each line after its list marker ("- ", "* ", "12. "), if any, so that
/// lists stay lists.
std::string per_line(std::string_view text,
                     const std::function<std::string(std::string_view)>& wrap) {
    std::string out;
    bool first = true;
    for (std::string_view line : split_lines(text)) {
        if (!first)
            out += '\n';
        first = false;
        size_t marker = 0;
        while (marker < line.size() && line[marker] == ' ')
            ++marker;
        marker += list_marker(line.substr(marker)).length;
        out += line.substr(0, marker);
        if (marker < line.size())
            out += wrap(line.substr(marker));
    }
    return out;
}

const char* accented(char c) {
    static const char* const lower[26] = {"á", "ƀ", "ç", "ð", "é", "ƒ", "ĝ", "ĥ", "î",
                                          "ĵ", "ķ", "ļ", "ɱ", "ñ", "ö", "þ", "ǫ", "ŕ",
                                          "š", "ţ", "û", "ṽ", "ŵ", "ẋ", "ý", "ž"};
    static const char* const upper[26] = {"Å", "Ɓ", "Ç", "Ð", "É", "Ƒ", "Ĝ", "Ĥ", "Î",
                                          "Ĵ", "Ķ", "Ļ", "Ṁ", "Ñ", "Ö", "Þ", "Ǫ", "Ŕ",
                                          "Š", "Ţ", "Û", "Ṽ", "Ŵ", "Ẋ", "Ý", "Ž"};
    if (c >= 'a' && c <= 'z')
        return lower[c - 'a'];
    if (c >= 'A' && c <= 'Z')
        return upper[c - 'A'];
    return nullptr;
}

bool is_vowel(char c) {
    switch (c) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'A':
    case 'E':
    case 'I':
    case 'O':
    case 'U':
        return true;
    default:
        return false;
    }
}

size_t code_points(std::string_view text) {
    size_t count = 0;
    for (unsigned char c : text)
        count += (c & 0xC0) != 0x80;
    return count;
}

} // namespace

std::string pseudo_accented(std::string_view text) {
    return per_line(text, [](std::string_view line) {
        size_t added = 0, letters = 0;
        std::string body = Walker(line, [&](std::string_view words) {
                               letters += code_points(words);
                               std::string out;
                               for (char c : words) {
                                   const char* letter = accented(c);
                                   if (!letter) {
                                       out += c;
                                       continue;
                                   }
                                   out += letter;
                                   if (is_vowel(c)) {
                                       out += letter;
                                       ++added;
                                   }
                               }
                               return out;
                           }).run();
        // Translations run 30–40% longer than English (and short ones far more): pad to 40%.
        size_t wanted = (letters * 4 + 9) / 10;
        std::string padding;
        for (size_t extra = added + 2, k = 0; extra < wanted; ++extra, ++k)
            padding += k % 6 == 0 && extra + 1 < wanted ? " " : "·";
        return "[" + body + padding + "]";
    });
}

std::string pseudo_bidi(std::string_view text) {
    const std::string rlm = "\u200F", rlo = "\u202E", pdf = "\u202C";
    return per_line(text, [&](std::string_view line) {
        return rlm + Walker(line, [&](std::string_view words) {
                         std::string out;
                         size_t at = 0;
                         while (at < words.size()) {
                             size_t end = words.find(' ', at);
                             if (end == std::string_view::npos)
                                 end = words.size();
                             if (end > at)
                                 out += rlo + std::string(words.substr(at, end - at)) + pdf;
                             if (end < words.size())
                                 out += ' ';
                             at = end + 1;
                         }
                         return out;
                     }).run();
    });
}

} // namespace mipex::i18n
