// Small text utilities: UTF-8 checks, trimming, paragraphs.
#pragma once

#include <cstdint>
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

/// Checks that text is valid UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
std::optional<Utf8Error> find_invalid_utf8(std::string_view text);

/// Appends the UTF-8 bytes of a code point (RFC 3629, section 3).
void append_utf8(std::string& out, char32_t code);

/// The number of code points in valid UTF-8 text.
size_t count_code_points(std::string_view text);

std::string_view trim(std::string_view text);

/// Splits prose into paragraphs at blank lines; lines inside a paragraph join with a space.
std::vector<std::string> split_paragraphs(std::string_view text);

/// Replaces every occurrence of `from` in `text` with `to`.
std::string replace_all(std::string text, std::string_view from, std::string_view to);

} // namespace mipex
