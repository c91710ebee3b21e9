#include "base/text.h"

#include <cstdio>

namespace mipex {

void append_utf8(std::string& out, char32_t code) {
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

std::optional<Utf8Error> find_invalid_utf8(std::string_view text) {
    uint32_t line = 1, column = 1;
    for (size_t at = 0; at < text.size();) {
        const size_t start = at;
        const std::optional<char32_t> code = decode_utf8(text, at);
        if (!code)
            return Utf8Error{line, column, start};
        if (*code == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return std::nullopt;
}

size_t count_code_points(std::string_view text) {
    size_t count = 0;
    for (char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++count;
    return count;
}

std::string_view trim(std::string_view text) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!text.empty() && space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && space(text.back()))
        text.remove_suffix(1);
    return text;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    size_t start = 0;
    while (true) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            lines.push_back(text.substr(start));
            return lines;
        }
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
}

ListMarker list_marker(std::string_view line) {
    if (line.starts_with("- ") || line.starts_with("* "))
        return {2, false};
    size_t digits = 0;
    while (digits < line.size() && digits < 3 && line[digits] >= '0' && line[digits] <= '9')
        ++digits;
    if (digits > 0 && line.substr(digits).starts_with(". "))
        return {digits + 2, true};
    return {};
}

std::vector<std::string> split_paragraphs(std::string_view text) {
    std::vector<std::string> paragraphs;
    std::string current;
    for (std::string_view line : split_lines(text)) {
        line = trim(line);
        if (line.empty()) {
            if (!current.empty())
                paragraphs.push_back(std::move(current));
            current.clear();
        } else {
            if (!current.empty())
                current += ' ';
            current += line;
        }
    }
    if (!current.empty())
        paragraphs.push_back(std::move(current));
    return paragraphs;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
    if (from.empty())
        return text;
    size_t position = 0;
    while ((position = text.find(from, position)) != std::string::npos) {
        text.replace(position, from.size(), to);
        position += to.size();
    }
    return text;
}

std::string json_quoted(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20 || c == '<') {
            char escape[8];
            std::snprintf(escape, sizeof escape, "\\u%04x", byte);
            out += escape;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string double_quoted(std::string_view text, OtherControls controls) {
    std::string out = "\"";
    for (char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default: {
            const auto byte = static_cast<unsigned char>(c);
            if (controls == OtherControls::Hex && (byte < 0x20 || byte == 0x7F)) {
                char escape[8];
                std::snprintf(escape, sizeof escape, "\\x%02X", byte);
                out += escape;
            } else {
                out += c;
            }
        }
        }
    }
    return out + "\"";
}

std::string format_utc(std::time_t time, const char* format) {
    std::tm utc{};
    gmtime_r(&time, &utc);
    char buffer[64];
    size_t length = std::strftime(buffer, sizeof buffer, format, &utc);
    return std::string(buffer, length);
}

namespace {

struct FormatCharacterName {
    char32_t code;
    const char* name;
};

// Names from the Unicode Character Database (UnicodeData.txt), lower-cased.
constexpr FormatCharacterName format_character_names[] = {
    {0x180E, "Mongolian vowel separator"},  {0x200B, "zero width space"},
    {0x202A, "left-to-right embedding"},    {0x202B, "right-to-left embedding"},
    {0x202C, "pop directional formatting"}, {0x202D, "left-to-right override"},
    {0x202E, "right-to-left override"},     {0x2060, "word joiner"},
    {0x2061, "function application"},       {0x2062, "invisible times"},
    {0x2063, "invisible separator"},        {0x2064, "invisible plus"},
    {0x2066, "left-to-right isolate"},      {0x2067, "right-to-left isolate"},
    {0x2068, "first strong isolate"},       {0x2069, "pop directional isolate"},
    {0xFEFF, "zero width no-break space"},
};

bool is_format_character(char32_t code) {
    for (const FormatCharacterName& entry : format_character_names)
        if (entry.code == code)
            return true;
    return false;
}

/// Calls `visit(offset, length, code)` for each format character of `text`. All of them are
/// three bytes long in UTF-8 (U+0800–U+FFFF), led by 0xE1, 0xE2 or 0xEF.
template <class Visit>
void for_each_format_character(std::string_view text, Visit visit) {
    for (size_t i = 0; i + 2 < text.size(); ++i) {
        unsigned char lead = static_cast<unsigned char>(text[i]);
        if (lead != 0xE1 && lead != 0xE2 && lead != 0xEF)
            continue;
        char32_t code =
            (static_cast<char32_t>(lead & 0x0F) << 12) |
            (static_cast<char32_t>(static_cast<unsigned char>(text[i + 1]) & 0x3F) << 6) |
            (static_cast<unsigned char>(text[i + 2]) & 0x3F);
        if (is_format_character(code) && !visit(i, code))
            return;
    }
}

std::string code_point_label(char32_t code) {
    char label[16];
    std::snprintf(label, sizeof label, "U+%04X", static_cast<unsigned>(code));
    return label;
}

} // namespace

std::optional<FormatCharacter> find_format_character(std::string_view text) {
    std::optional<FormatCharacter> found;
    for_each_format_character(text, [&](size_t offset, char32_t code) {
        found = FormatCharacter{offset, code};
        return false;
    });
    return found;
}

std::string describe_format_character(char32_t code) {
    for (const FormatCharacterName& entry : format_character_names)
        if (entry.code == code)
            return code_point_label(code) + " (" + entry.name + ")";
    return code_point_label(code);
}

std::string remove_format_characters(std::string_view text) {
    std::string kept;
    size_t done = 0;
    for_each_format_character(text, [&](size_t offset, char32_t) {
        kept.append(text.substr(done, offset - done));
        done = offset + 3;
        return true;
    });
    kept.append(text.substr(done));
    return kept;
}

std::string show_format_characters(std::string_view text) {
    std::string shown;
    size_t done = 0;
    for_each_format_character(text, [&](size_t offset, char32_t code) {
        shown.append(text.substr(done, offset - done));
        shown += "<" + code_point_label(code) + ">";
        done = offset + 3;
        return true;
    });
    if (done == 0)
        return std::string(text);
    shown.append(text.substr(done));
    return shown;
}

} // namespace mipex
