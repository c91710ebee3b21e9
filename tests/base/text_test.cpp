#include "base/diagnostics.h"
#include "base/text.h"

#include <catch2/catch.hpp>

using namespace mipex;

TEST_CASE("valid UTF-8 passes the check") {
    CHECK_FALSE(find_invalid_utf8(""));
    CHECK_FALSE(find_invalid_utf8("plain ASCII\nwith lines\r\n"));
    // Two-, three- and four-byte forms, and the edges of the valid ranges.
    CHECK_FALSE(find_invalid_utf8("Österreich – 日本 😀"));
    CHECK_FALSE(find_invalid_utf8("\xC2\x80"));         // U+0080, smallest two-byte form
    CHECK_FALSE(find_invalid_utf8("\xE0\xA0\x80"));     // U+0800, smallest three-byte form
    CHECK_FALSE(find_invalid_utf8("\xED\x9F\xBF"));     // U+D7FF, just below the surrogates
    CHECK_FALSE(find_invalid_utf8("\xEE\x80\x80"));     // U+E000, just above them
    CHECK_FALSE(find_invalid_utf8("\xF0\x90\x80\x80")); // U+10000
    CHECK_FALSE(find_invalid_utf8("\xF4\x8F\xBF\xBF")); // U+10FFFF, the last code point
}

TEST_CASE("a bad byte is reported at its line, code-point column and byte offset") {
    // Line 2 is "cé" then the bad byte: 'c' is column 1, 'é' (two bytes) column 2.
    auto error = find_invalid_utf8("ab\nc\xC3\xA9\xFF"
                                   "d");
    REQUIRE(error);
    CHECK(error->line == 2);
    CHECK(error->column == 3);
    CHECK(error->offset == 6); // "ab\n" = 3 bytes, "c" = 1, "é" = 2

    SECTION("a Latin-1 file fails at its first accented letter") {
        auto latin1 = find_invalid_utf8("name: Sweden\nname_de: Schweden\nname_fr: Su\xE8"
                                        "de\n");
        REQUIRE(latin1);
        CHECK(latin1->line == 3);
        CHECK(latin1->column == 12);
        CHECK(latin1->offset == 42);
    }
    SECTION("a CRLF line ending does not shift the next line's columns") {
        auto crlf = find_invalid_utf8("a\r\n\x80");
        REQUIRE(crlf);
        CHECK(crlf->line == 2);
        CHECK(crlf->column == 1);
        CHECK(crlf->offset == 3);
    }
}

TEST_CASE("broken sequences are invalid") {
    auto offset_of = [](std::string_view text) {
        auto error = find_invalid_utf8(text);
        return error ? static_cast<long>(error->offset) : -1L;
    };
    CHECK(offset_of("\x80") == 0);       // a continuation byte with no lead
    CHECK(offset_of("ab\xC3") == 2);     // truncated at the end of the text
    CHECK(offset_of("ab\xE2\x82") == 2); // truncated three-byte form
    CHECK(offset_of("a\xC3"
                    "b") == 1);                    // lead byte followed by ASCII
    CHECK(offset_of("\xF8\x88\x80\x80\x80") == 0); // five-byte forms do not exist
    CHECK(offset_of("\xFF") == 0);
}

TEST_CASE("overlong forms are invalid (RFC 3629 section 3)") {
    CHECK(find_invalid_utf8("\xC0\xAF"));           // '/' in two bytes
    CHECK(find_invalid_utf8("\xC1\xBF"));           // U+007F in two bytes
    CHECK(find_invalid_utf8("\xE0\x80\xAF"));       // '/' in three bytes
    CHECK(find_invalid_utf8("\xE0\x9F\xBF"));       // U+07FF in three bytes
    CHECK(find_invalid_utf8("\xF0\x80\x80\xAF"));   // '/' in four bytes
    CHECK(find_invalid_utf8("\xF0\x8F\xBF\xBF"));   // U+FFFF in four bytes
    auto error = find_invalid_utf8("ok: \xC0\x80"); // the "modified UTF-8" NUL
    REQUIRE(error);
    CHECK(error->column == 5);
}

TEST_CASE("surrogates and code points past U+10FFFF are invalid") {
    CHECK(find_invalid_utf8("\xED\xA0\x80"));             // U+D800
    CHECK(find_invalid_utf8("\xED\xBF\xBF"));             // U+DFFF
    CHECK(find_invalid_utf8("\xED\xA0\xBD\xED\xB8\x80")); // a CESU-8 surrogate pair
    CHECK(find_invalid_utf8("\xF4\x90\x80\x80"));         // U+110000
    CHECK(find_invalid_utf8("\xF5\x80\x80\x80"));
}

TEST_CASE("code points are counted, not bytes") {
    CHECK(count_code_points("") == 0);
    CHECK(count_code_points("abc") == 3);
    CHECK(count_code_points("Österreich") == 10);
    CHECK(count_code_points("日本") == 2);
    CHECK(count_code_points("😀!") == 2);
}

TEST_CASE("trim removes spaces, tabs and line endings at both ends only") {
    CHECK(trim("  a b \t\r\n") == "a b");
    CHECK(trim("\n\n") == "");
    CHECK(trim("") == "");
    CHECK(trim("x") == "x");
    // A no-break space is text, not layout.
    CHECK(trim("\xC2\xA0x") == "\xC2\xA0x");
}

TEST_CASE("prose splits into paragraphs at blank lines") {
    using List = std::vector<std::string>;
    CHECK(split_paragraphs("One\ntwo\n\nThree") == List{"One two", "Three"});
    // Several blank lines, or lines of spaces, still make one break.
    CHECK(split_paragraphs("a\n\n\n   \n\tb\n") == List{"a", "b"});
    // Leading and trailing spaces of each line are dropped before joining.
    CHECK(split_paragraphs("  first  \n  line  ") == List{"first line"});
    // Windows line endings leave no stray carriage returns.
    CHECK(split_paragraphs("a\r\nb\r\n\r\nc\r\n") == List{"a b", "c"});
    CHECK(split_paragraphs("") == List{});
    CHECK(split_paragraphs("\n\n  \n") == List{});
}

TEST_CASE("replace_all replaces every occurrence, left to right, once") {
    CHECK(replace_all("a--b--c", "--", "\u2013") == "a\u2013b\u2013c");
    CHECK(replace_all("abc", "", "x") == "abc");
    CHECK(replace_all("abc", "z", "x") == "abc");
    // The replacement is not searched again, so this terminates.
    CHECK(replace_all("aa", "a", "aa") == "aaaa");
    CHECK(replace_all("aaa", "aa", "b") == "ba");
}

TEST_CASE("invisible and bidirectional format characters are found, shown and removed") {
    // "Swe" RLO "den live": prints as "Sweevil ned" in a bidi-aware viewer.
    const std::string spoofed = "Swe\xE2\x80\xAE"
                                "den live";
    auto found = find_format_character(spoofed);
    REQUIRE(found);
    CHECK(found->offset == 3);
    CHECK(found->code == 0x202E);
    CHECK(describe_format_character(found->code) == "U+202E (right-to-left override)");
    CHECK(show_format_characters(spoofed) == "Swe<U+202E>den live");
    CHECK(remove_format_characters(spoofed) == "Sweden live");
    // Every one of them, and the characters scripts need, which are left alone.
    for (char32_t code : {0x180E, 0x200B, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2060, 0x2061,
                          0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF}) {
        std::string text = "a";
        append_utf8(text, code);
        INFO(describe_format_character(code));
        CHECK(find_format_character(text));
    }
    for (char32_t code : {0x200C, 0x200D, 0x200E, 0x200F, 0x061C, 0x00AD, 0x2010, 0x20AC}) {
        std::string text = "a";
        append_utf8(text, code);
        CHECK_FALSE(find_format_character(text));
        CHECK(show_format_characters(text) == text);
    }
    CHECK_FALSE(find_format_character("Österreich – 日本"));
}

TEST_CASE("a diagnostic that quotes a format character shows it rather than obeying it") {
    Diagnostics diagnostics;
    diagnostics.error({}, "unknown country 'S\xE2\x80\xAE"
                          "E'");
    CHECK(diagnostics.all().front().message == "unknown country 'S<U+202E>E'");
}

TEST_CASE("a double-quoted string escapes quotes, backslashes and line breaks as C does") {
    for (OtherControls controls : {OtherControls::Hex, OtherControls::AsTheyAre}) {
        CHECK(double_quoted("", controls) == "\"\"");
        CHECK(double_quoted("A \"quoted\" back\\slash", controls) ==
              "\"A \\\"quoted\\\" back\\\\slash\"");
        CHECK(double_quoted("one\ntwo\tthree\r\n", controls) == "\"one\\ntwo\\tthree\\r\\n\"");
        CHECK(double_quoted("Österreich – مؤشر", controls) == "\"Österreich – مؤشر\"");
    }
}

TEST_CASE("a double-quoted string writes other control characters as hex escapes for YAML and "
          "as they are for PO") {
    const std::string text = "bell\x07, escape\x1B"
                             "1, delete\x7F";
    CHECK(double_quoted(text, OtherControls::Hex) == "\"bell\\x07, escape\\x1B1, delete\\x7F\"");
    CHECK(double_quoted(text, OtherControls::AsTheyAre) == "\"" + text + "\"");
}

namespace {

/// The code points of `text`, U+FFFD for each ill-formed part.
std::u32string decode_all(std::string_view text) {
    std::u32string out;
    for (size_t at = 0; at < text.size();)
        out += decode_utf8(text, at).value_or(U'\uFFFD');
    return out;
}

} // namespace

TEST_CASE("UTF-8 decodes to code points of one to four bytes") {
    CHECK(decode_all("") == U"");
    CHECK(decode_all("Österreich – 日本 😀 مؤشر") == U"Österreich – 日本 😀 مؤشر");
    CHECK(decode_all("\xC2\x80\xDF\xBF") == U"\u0080\u07FF");
    CHECK(decode_all("\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xEF\xBF\xBF") ==
          U"\u0800\uD7FF\uE000\uFFFF");
    CHECK(decode_all("\xF0\x90\x80\x80\xF4\x8F\xBF\xBF") == U"\U00010000\U0010FFFF");
    std::string_view text = "a\xC3\xA9\xE2\x80\x93\xF0\x9F\x98\x80";
    size_t at = 0;
    CHECK(decode_utf8(text, at) == U'a');
    CHECK(at == 1);
    CHECK(decode_utf8(text, at) == U'é');
    CHECK(at == 3);
    CHECK(decode_utf8(text, at) == U'–');
    CHECK(at == 6);
    CHECK(decode_utf8(text, at) == U'😀');
    CHECK(at == 10);
}

TEST_CASE("ill-formed UTF-8 decodes to nothing, one maximal subpart at a time") {
    auto step = [](std::string_view text) {
        size_t at = 0;
        std::optional<char32_t> code = decode_utf8(text, at);
        return std::make_pair(code.has_value(), at);
    };
    CHECK(step("\x80") == std::pair(false, size_t{1}));         // a stray continuation byte
    CHECK(step("\xC0\xAF") == std::pair(false, size_t{1}));     // overlong '/': C0 starts nothing
    CHECK(step("\xE0\x80\xAF") == std::pair(false, size_t{1})); // overlong: E0 needs A0–BF next
    CHECK(step("\xED\xA0\x80") == std::pair(false, size_t{1})); // a surrogate: ED needs 80–9F
    CHECK(step("\xF4\x90\x80\x80") == std::pair(false, size_t{1})); // past U+10FFFF
    CHECK(step("\xF5\x80\x80\x80") == std::pair(false, size_t{1}));
    CHECK(step("\xFF") == std::pair(false, size_t{1}));
    CHECK(step("\xE2\x82") == std::pair(false, size_t{2})); // cut short by the end of the text
    CHECK(step("\xF0\x9F\x98"
               "a") == std::pair(false, size_t{3})); // cut short by a letter
    // The example of The Unicode Standard, §3.9, table 3-8: one U+FFFD for each maximal subpart.
    CHECK(decode_all("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64") ==
          U"a\uFFFD\uFFFD\uFFFDb\uFFFDc\uFFFD\uFFFDd");
}

TEST_CASE("text splits into lines at line feeds, a final one making a last empty line") {
    using Lines = std::vector<std::string_view>;
    CHECK(split_lines("") == Lines{""});
    CHECK(split_lines("one") == Lines{"one"});
    CHECK(split_lines("one\ntwo") == Lines{"one", "two"});
    CHECK(split_lines("one\n") == Lines{"one", ""});
    CHECK(split_lines("\n\none\r\n") == Lines{"", "", "one\r", ""});
    // Views into the text, so that a line's offset is where it starts.
    std::string_view text = "ab\ncd";
    CHECK(split_lines(text)[1].data() == text.data() + 3);
}

TEST_CASE("a line of prose starts a bullet, a numbered item, or neither") {
    CHECK(list_marker("- item").length == 2);
    CHECK_FALSE(list_marker("- item").numbered);
    CHECK(list_marker("* item").length == 2);
    CHECK(list_marker("1. item").length == 3);
    CHECK(list_marker("1. item").numbered);
    CHECK(list_marker("123. item").length == 5);
    // A year ending a sentence is no list item: three digits at most.
    CHECK(list_marker("2019. A new edition").length == 0);
    for (std::string_view line :
         {"", "-item", "*emphasis*", "1.5 points", "1.", "a. item", "– dash"})
        CHECK(list_marker(line).length == 0);
}

TEST_CASE("JSON strings escape what JSON and an HTML script element must not hold") {
    CHECK(json_quoted("Côte d'Ivoire") == "\"Côte d'Ivoire\"");
    CHECK(json_quoted("a \"b\" \\ c") == "\"a \\\"b\\\" \\\\ c\"");
    CHECK(json_quoted("line\nbreak\t") == "\"line\\u000abreak\\u0009\"");
    CHECK(json_quoted("</script>") == "\"\\u003c/script>\"");
}
