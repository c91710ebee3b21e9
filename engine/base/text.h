// Small text utilities: UTF-8 checks, trimming, paragraphs.
#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mipex {

/// Where a byte sequence stops being valid UTF-8.
struct Utf8Error {
    uint32_t line = 0;   // 1-based
    uint32_t column = 0; // 1-based, in code points
    size_t offset = 0;   // byte offset of the bad byte
};

/// Decodes the UTF-8 code point that starts at `at` (inside `text`) and moves `at` past it.
/// Nothing for an ill-formed sequence (an overlong form, a surrogate, a value past U+10FFFF, a
/// stray or missing continuation byte); `at` is then past its longest well-formed start, at
/// least one byte, where decoding can go on (The Unicode Standard, §3.9, "U+FFFD Substitution
/// of Maximal Subparts"). Inline: the load stage and the hyphenator decode every character.
inline std::optional<char32_t> decode_utf8(std::string_view text, size_t& at) {
    const auto lead = static_cast<unsigned char>(text[at++]);
    if (lead < 0x80)
        return lead;
    // The lead byte gives the length and the range of the byte after it, which leaves out
    // overlong forms, surrogates and values past U+10FFFF (The Unicode Standard, table 3-7,
    // "Well-Formed UTF-8 Byte Sequences"; RFC 3629, section 4).
    size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        return std::nullopt;
    }
    char32_t code = lead & (0x7F >> length);
    for (size_t k = 1; k < length; ++k, low = 0x80, high = 0xBF) {
        if (at == text.size())
            return std::nullopt;
        const auto next = static_cast<unsigned char>(text[at]);
        if (next < low || next > high)
            return std::nullopt;
        code = (code << 6) | (next & 0x3F);
        ++at;
    }
    return code;
}

/// Checks that text is valid UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
std::optional<Utf8Error> find_invalid_utf8(std::string_view text);

/// Appends the UTF-8 bytes of a code point (RFC 3629, section 3).
void append_utf8(std::string& out, char32_t code);

/// The number of code points in valid UTF-8 text.
size_t count_code_points(std::string_view text);

std::string_view trim(std::string_view text);

/// A moment in UTC as strftime's `format` writes it ("%Y-%m-%dT%H:%M:%SZ"), the same on
/// every machine whatever its time zone.
std::string format_utc(std::time_t time, const char* format);

/// A moment in UTC as ISO 8601 / RFC 3339 writes it ("2023-11-14T22:13:20Z"): XMP's and the
/// EPUB's dcterms:modified.
inline std::string iso8601_utc(std::time_t time) {
    return format_utc(time, "%Y-%m-%dT%H:%M:%SZ");
}

/// The lines of `text` without their line feeds: "a\nb" is {"a", "b"}, "a\n" is {"a", ""},
/// "" is {""}. Views into `text`.
std::vector<std::string_view> split_lines(std::string_view text);

/// The list marker a line of prose starts with, as the book's prose markup has them: "- " or
/// "* " for a bullet, one to three digits and ". " for a number ("12. ").
struct ListMarker {
    size_t length = 0; ///< 0: the line starts no list item
    bool numbered = false;
};
ListMarker list_marker(std::string_view line);

/// Splits prose into paragraphs at blank lines; lines inside a paragraph join with a space.
std::vector<std::string> split_paragraphs(std::string_view text);

/// A character that changes how text shows without showing itself: the embeddings,
/// overrides and isolates of the bidirectional algorithm (UAX #9: U+202A–U+202E,
/// U+2066–U+2069), which reorder what follows them ("Trojan Source", CVE-2021-42574), and the
/// invisible characters U+200B, U+2060–U+2064, U+180E and U+FEFF inside text. The marks
/// U+200E, U+200F and U+061C and the joiners U+200C and U+200D are left alone: right-to-left
/// and Indic text needs them.
struct FormatCharacter {
    size_t offset = 0; ///< in bytes
    char32_t code = 0;
};

/// The first such character in `text`, if any (valid UTF-8 expected).
std::optional<FormatCharacter> find_format_character(std::string_view text);

/// "U+202E (right-to-left override)".
std::string describe_format_character(char32_t code);

/// `text` with each such character written out as <U+202E>, so that a message quoting the
/// text shows what it holds rather than being reordered by it.
std::string show_format_characters(std::string_view text);

/// `text` without such characters: what an id or code that holds one was meant to be.
std::string remove_format_characters(std::string_view text);

/// How double_quoted() writes a control character that has no escape of its own.
enum class OtherControls {
    Hex,       ///< as \x1B, which YAML's double-quoted scalars read (YAML 1.2 §5.7)
    AsTheyAre, ///< unescaped: PO strings, whose readers take every hex digit after \x, as C does
};

/// `text` in double quotes with the backslash escapes of C, which YAML and PO read alike: \"
/// \\ \n \t \r, and other control characters (and DEL) as `controls` says.
std::string double_quoted(std::string_view text, OtherControls controls);

/// `text` as a JSON string (RFC 8259 §7): in double quotes, with \" \\ and control characters
/// escaped, and '<' as \u003c so that the string can sit inside an HTML <script> element
/// (HTML's script data ends at "</script").
std::string json_quoted(std::string_view text);

/// Replaces every occurrence of `from` in `text` with `to`.
std::string replace_all(std::string text, std::string_view from, std::string_view to);

} // namespace mipex
