// The PDF writer's lowest layer (render/pdf_syntax.h): numbers, names and strings as PDF
// 32000-1:2008 §7.3 writes them, each read back by libqpdf's parser as a reader would; and a
// file of object streams and a cross-reference stream (§7.5.7, §7.5.8) read back by libqpdf
// with its recovery off, so a broken cross-reference table fails rather than being rebuilt.
#include "render/pdf_syntax.h"
#include "support/pdf_read.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <regex>

using namespace mipex;
using namespace mipex::render::pdf;

namespace {

template <class Append, class Value>
std::string written(Append append, Value value) {
    std::string out;
    append(out, value);
    return out;
}

std::string literal(std::string_view bytes) {
    return written(append_literal, bytes);
}
std::string name(std::string_view bytes) {
    return written(append_name, bytes);
}
std::string text(std::string_view utf8) {
    return written(append_text, utf8);
}
std::string thousandths(int64_t value) {
    return written(append_thousandths, value);
}
std::string real(double value) {
    return written(append_real, value);
}
std::string length(Length value) {
    return written(append_length, value);
}

/// The object libqpdf reads from `syntax`, which must be the whole of one object.
QPDFObjectHandle parsed(const std::string& syntax) {
    return QPDFObjectHandle::parse(syntax, "a written object");
}

/// UTF-16BE bytes from code units.
std::string units(std::initializer_list<unsigned> values) {
    std::string out;
    for (unsigned value : values) {
        out += static_cast<char>(value >> 8);
        out += static_cast<char>(value & 0xFF);
    }
    return out;
}

} // namespace

TEST_CASE("a literal string escapes its parentheses and backslashes and keeps other bytes") {
    CHECK(literal("Index (2019)") == "(Index \\(2019\\))");
    CHECK(literal("a\\b") == "(a\\\\b)");
    // An unbalanced parenthesis would end the string early, or never.
    CHECK(literal(")") == "(\\))");
    CHECK(literal("(") == "(\\()");
    // A reader turns a bare end of line into a line feed (§7.3.4.2): both are escaped.
    CHECK(literal("one\r\ntwo\rthree\n") == "(one\\r\\ntwo\\rthree\\n)");
    // Any other byte may stand in a literal string as it is: UTF-8, tabs, NUL.
    CHECK(literal("Soci\xC3\xA9t\xC3\xA9\t") == "(Soci\xC3\xA9t\xC3\xA9\t)");

    // Every byte value, and the awkward sequences, come back from a reader as they went in.
    std::string every_byte;
    for (int c = 0; c < 256; ++c)
        every_byte += static_cast<char>(c);
    for (const std::string& bytes :
         {every_byte, std::string("\\"), std::string("\\)"), std::string("((("), std::string(")))"),
          std::string("a\\nb"), std::string("\r"), std::string(""), std::string("end\\")}) {
        INFO(literal(bytes));
        QPDFObjectHandle object = parsed(literal(bytes));
        REQUIRE(object.isString());
        CHECK(object.getStringValue() == bytes);
    }
}

TEST_CASE("a hexadecimal string is two upper-case digits a byte") {
    CHECK(written(append_hex, std::string_view("\x00\xFF\x10z", 4)) == "<00FF107A>");
    CHECK(written(append_hex, std::string_view()) == "<>");
    std::string every_byte;
    for (int c = 0; c < 256; ++c)
        every_byte += static_cast<char>(c);
    CHECK(parsed(written(append_hex, every_byte)).getStringValue() == every_byte);
}

TEST_CASE("a text string is literal in printable ASCII, else UTF-16BE with its byte order mark") {
    CHECK(text("Migrant Integration Policy Index 2019") ==
          "(Migrant Integration Policy Index 2019)");
    CHECK(text("Scores (0-100)") == "(Scores \\(0-100\\))");
    CHECK(text("") == "()");
    // Beyond ASCII, PDFDocEncoding is not UTF-8: the text goes as UTF-16BE, marked so.
    CHECK(text("Soci\xC3\xA9t\xC3\xA9") == "<FEFF0053006F0063006900E9007400E9>");
    CHECK(text("\xE2\x82\xAC") == "<FEFF20AC>");
    // A control character is not printable ASCII either.
    CHECK(text("a\tb") == "<FEFF006100090062>");
    // Outside the Basic Multilingual Plane: a surrogate pair (U+1D538 and U+1F600).
    CHECK(text("\xF0\x9D\x94\xB8") == "<FEFFD835DD38>");
    CHECK(text("\xF0\x9F\x98\x80!") == "<FEFFD83DDE000021>");

    // A reader gives back the text that went in.
    for (const char* utf8 : {"Index (2019) \\ end", "Soci\xC3\xA9t\xC3\xA9 g\xC3\xA9n\xC3\xA9rale",
                             "\xCE\x95\xCE\xBB\xCE\xBB\xCE\xB7\xCE\xBD\xCE\xB9\xCE\xBA\xCE\xAC",
                             "\xD8\xA7\xD9\x84\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A\xD8\xA9",
                             "\xF0\x9D\x94\xB8 \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF"}) {
        INFO(utf8);
        QPDFObjectHandle object = parsed(text(utf8));
        REQUIRE(object.isString());
        CHECK(object.getUTF8Value() == utf8);
    }
}

TEST_CASE("UTF-16BE pairs surrogates above the BMP and replaces what is not UTF-8") {
    CHECK(utf16be("A") == units({0x0041}));
    CHECK(utf16be("\xEF\xBF\xBF") == units({0xFFFF}));             // the last of the BMP: no pair
    CHECK(utf16be("\xF0\x90\x80\x80") == units({0xD800, 0xDC00})); // U+10000
    CHECK(utf16be("\xF4\x8F\xBF\xBF") == units({0xDBFF, 0xDFFF})); // U+10FFFF
    CHECK(utf16be("\xF0\x9F\x98\x80") == units({0xD83D, 0xDE00})); // U+1F600
    CHECK(utf16be("") == "");

    // What is not UTF-8 becomes U+FFFD, never a surrogate or a code unit of its own, and the
    // text after it is kept.
    for (const std::string& bad : {
             std::string("\xFF"),             // never in UTF-8
             std::string("\x80"),             // a continuation byte alone
             std::string("\xE2\x82"),         // a sequence cut short
             std::string("\xED\xA0\x80"),     // an encoded surrogate (U+D800)
             std::string("\xF4\x90\x80\x80"), // above U+10FFFF
         }) {
        INFO(literal(bad));
        const std::string out = utf16be(bad + "A");
        REQUIRE(out.size() >= 4);
        REQUIRE(out.size() % 2 == 0);
        CHECK(out.substr(out.size() - 2) == units({0x0041}));
        for (size_t i = 0; i + 2 < out.size(); i += 2)
            CHECK(out.substr(i, 2) == units({0xFFFD}));
    }
}

TEST_CASE("a name escapes delimiters, '#', spaces and bytes outside '!' to '~' as #xx") {
    CHECK(name("Type") == "/Type");
    CHECK(name("NotoSans-Regular") == "/NotoSans-Regular");
    CHECK(name("Noto Sans") == "/Noto#20Sans");
    CHECK(name("a#b") == "/a#23b");
    CHECK(name("()<>[]{}/%") == "/#28#29#3C#3E#5B#5D#7B#7D#2F#25");
    CHECK(name("!~") == "/!~"); // the ends of the regular range stay
    CHECK(name("\t\n\x7F") == "/#09#0A#7F");
    CHECK(name("Soci\xC3\xA9t\xC3\xA9") == "/Soci#C3#A9t#C3#A9");
    CHECK(name("") == "/");

    // A reader gives back every byte but NUL, which a name may not hold (§7.3.5).
    for (int c = 1; c < 256; ++c) {
        const std::string bytes = std::string("x") + static_cast<char>(c) + "y";
        INFO("byte " << c << ": " << name(bytes));
        QPDFObjectHandle object = parsed(name(bytes));
        REQUIRE(object.isName());
        CHECK(object.getName() == "/" + bytes);
        // Written out, a name holds nothing but regular characters and escapes.
        const std::string syntax = name(bytes).substr(1);
        CHECK(std::all_of(syntax.begin(), syntax.end(), [](char ch) {
            return ch > ' ' && ch <= '~' &&
                   std::string_view("()<>[]{}/%").find(ch) == std::string_view::npos;
        }));
    }
}

TEST_CASE("integers are written in full, from the smallest to the largest") {
    CHECK(written(append_integer, int64_t{0}) == "0");
    CHECK(written(append_integer, int64_t{-17}) == "-17");
    CHECK(written(append_integer, std::numeric_limits<int64_t>::max()) == "9223372036854775807");
    CHECK(written(append_integer, std::numeric_limits<int64_t>::min()) == "-9223372036854775808");
}

TEST_CASE("reals have at most three decimals, no trailing zeros, no exponent, no negative zero") {
    CHECK(thousandths(12500) == "12.5");
    CHECK(thousandths(-250) == "-0.25");
    CHECK(thousandths(3000) == "3");
    CHECK(thousandths(0) == "0");
    CHECK(thousandths(1) == "0.001");
    CHECK(thousandths(10) == "0.01");
    CHECK(thousandths(100) == "0.1");
    CHECK(thousandths(1001) == "1.001");
    CHECK(thousandths(1010) == "1.01");
    CHECK(thousandths(-1) == "-0.001");
    CHECK(thousandths(999) == "0.999");
    CHECK(thousandths(-999999) == "-999.999");
    CHECK(thousandths(123456789012345) == "123456789012.345");

    // Rounded half away from zero, to thousandths.
    CHECK(real(0.0625) == "0.063"); // exact in binary: 62.5 thousandths
    CHECK(real(-0.0625) == "-0.063");
    CHECK(real(1.0 / 3) == "0.333");
    CHECK(real(2.0 / 3) == "0.667");
    CHECK(real(-2.0 / 3) == "-0.667");
    CHECK(real(0.9996) == "1");
    // A negative number that rounds to zero is "0", not "-0".
    CHECK(real(-0.0) == "0");
    CHECK(real(-0.0004) == "0");
    CHECK(real(-1e-9) == "0");
    // Large values in full: a reader would not take 1e+15.
    CHECK(real(1e10) == "10000000000");
    CHECK(real(-1e15) == "-1000000000000000");
    CHECK(real(123456.7894) == "123456.789");

    // Over many magnitudes: the shape above, and a reader reads the value rounded.
    const std::regex shape("-?(0|[1-9][0-9]*)(\\.[0-9]{0,2}[1-9])?");
    for (double magnitude = 1e-7; magnitude < 1e15; magnitude *= 7.3) {
        for (double value : {magnitude, -magnitude, magnitude * 1.0005, -magnitude / 3}) {
            const std::string out = real(value);
            INFO(value << " → " << out);
            CHECK(std::regex_match(out, shape));
            CHECK(out != "-0");
            QPDFObjectHandle object = parsed(out);
            REQUIRE(object.isNumber());
            CHECK(object.getNumericValue() ==
                  Approx(std::round(value * 1000) / 1000).epsilon(1e-12).margin(1e-9));
        }
    }
}

TEST_CASE("lengths are points rounded to thousandths, half away from zero") {
    CHECK(length(from_pt(12)) == "12");
    CHECK(length(512) == "0.5"); // 512/1024 pt
    CHECK(length(1) == "0.001"); // 0.977 thousandths
    CHECK(length(-1) == "-0.001");
    CHECK(thousandths_of_pt(64) == 63); // 62.5 thousandths, exactly
    CHECK(thousandths_of_pt(-64) == -63);
    CHECK(length(64) == "0.063");
    CHECK(length(-64) == "-0.063");
    CHECK(length(from_mm(297)) == "841.89");
    CHECK(length(std::numeric_limits<Length>::max()) == "2097151.999");
    CHECK(length(std::numeric_limits<Length>::min()) == "-2097152");
}

namespace {

/// A small document made with File: a catalog, a page tree of one page with its content
/// stream, and `fillers` more objects that hold names and text strings, written in an order
/// unlike their numbers, with a second stream among them.
std::string small_file(size_t fillers, std::vector<uint32_t>& numbers) {
    Deflater deflater;
    File file("1.7", deflater);
    const uint32_t catalog = file.reserve(), pages = file.reserve(), page = file.reserve(),
                   content = file.reserve();
    for (size_t i = 0; i < fillers; ++i)
        numbers.push_back(file.reserve());
    const uint32_t extra_stream = file.reserve();
    // The page's content first: streams are written at once, before objects reserved earlier.
    const std::string drawing = "0 0 1 rg 72 72 200 100 re f\n";
    file.stream(content, "/Filter /FlateDecode", deflater.compress(drawing));
    for (size_t i = fillers; i-- > 0;) {
        std::string body = "<< /Index ";
        append_integer(body, static_cast<int64_t>(i));
        body += " /Name ";
        append_name(body, "Filler " + std::to_string(i) + " (#)");
        body += " /Text ";
        append_text(body, "Soci\xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80 " + std::to_string(i));
        body += " /Next ";
        append_reference(body, numbers[(i + 1) % fillers]);
        body += " >>";
        file.object(numbers[i], std::move(body));
        if (i == fillers / 2)
            file.stream(extra_stream, "", "raw bytes (unbalanced");
    }
    std::string page_body = "<< /Type /Page /Parent ";
    append_reference(page_body, pages);
    page_body += " /MediaBox [0 0 595.276 841.89] /Contents ";
    append_reference(page_body, content);
    page_body += " /Resources << >> >>";
    file.object(page, page_body);
    std::string pages_body = "<< /Type /Pages /Count 1 /Kids [";
    append_reference(pages_body, page);
    pages_body += "] >>";
    file.object(pages, pages_body);
    std::string catalog_body = "<< /Type /Catalog /Pages ";
    append_reference(catalog_body, pages);
    catalog_body += " >>";
    file.object(catalog, catalog_body);
    std::string trailer = "/Root ";
    append_reference(trailer, catalog);
    return file.finish(trailer);
}

} // namespace

TEST_CASE("libqpdf reads back a file of object streams and a cross-reference stream") {
    // 253 objects besides the streams: two full object streams and one of 53.
    std::vector<uint32_t> fillers;
    const std::string bytes = small_file(250, fillers);
    CHECK(bytes.starts_with("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"));
    CHECK(bytes.ends_with("%%EOF\n"));

    QPDF pdf;
    pdf.setAttemptRecovery(false);
    pdf.setSuppressWarnings(true);
    REQUIRE_NOTHROW(pdf.processMemoryFile("small file", bytes.data(), bytes.size()));

    // Every object resolves to what was written.
    for (size_t i = 0; i < fillers.size(); ++i) {
        QPDFObjectHandle object = pdf.getObjectByID(static_cast<int>(fillers[i]), 0);
        INFO("filler " << i << ", object " << fillers[i]);
        REQUIRE(object.isDictionary());
        CHECK(object.getKey("/Index").getIntValue() == static_cast<long long>(i));
        CHECK(object.getKey("/Name").getName() == "/Filler " + std::to_string(i) + " (#)");
        CHECK(object.getKey("/Text").getUTF8Value() ==
              "Soci\xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80 " + std::to_string(i));
        CHECK(object.getKey("/Next").getObjGen().getObj() ==
              static_cast<int>(fillers[(i + 1) % fillers.size()]));
    }
    std::vector<QPDFObjectHandle> pages = pdf.getAllPages();
    REQUIRE(pages.size() == 1);
    auto content = pages[0].getKey("/Contents").getStreamData(qpdf_dl_generalized);
    CHECK(std::string(reinterpret_cast<const char*>(content->getBuffer()), content->getSize()) ==
          "0 0 1 rg 72 72 200 100 re f\n");
    auto raw = pdf.getObjectByID(static_cast<int>(fillers.back()) + 1, 0).getStreamData();
    CHECK(std::string(reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize()) ==
          "raw bytes (unbalanced");
    // getAllObjects resolves every object the cross-reference stream lists.
    for (QPDFObjectHandle object : pdf.getAllObjects())
        CHECK_FALSE(object.isNull());
    CHECK_FALSE(pdf.anyWarnings());

    // The cross-reference stream, row by row, and the object streams' headers.
    testing::pdf::CrossReferences xref = testing::pdf::check_cross_references(bytes, pdf);
    INFO(Catch::Detail::stringify(xref.problems));
    CHECK(xref.problems.empty());
    CHECK(xref.in_object_streams == 253);
    CHECK(xref.object_streams == 3);
    // The two streams, the three object streams and the cross-reference stream itself.
    CHECK(xref.in_place == 6);
    CHECK(pdf.getTrailer().getKey("/Size").getIntValue() == 1 + 4 + 250 + 1 + 3 + 1);

    // And qpdf --check finds nothing wrong.
    testing::TempDir dir;
    testing::write_text(dir / "small.pdf", bytes);
    testing::pdf::QpdfCheck check = testing::pdf::qpdf_check((dir / "small.pdf").string());
    INFO(check.output);
    CHECK(check.exit_code == 0);
    CHECK(check.output.find("No syntax or stream encoding errors found") != std::string::npos);
}

TEST_CASE("a file with fewer objects than an object stream holds has one object stream") {
    std::vector<uint32_t> fillers;
    const std::string bytes = small_file(3, fillers);
    QPDF pdf;
    pdf.setAttemptRecovery(false);
    REQUIRE_NOTHROW(pdf.processMemoryFile("tiny file", bytes.data(), bytes.size()));
    testing::pdf::CrossReferences xref = testing::pdf::check_cross_references(bytes, pdf);
    INFO(Catch::Detail::stringify(xref.problems));
    CHECK(xref.problems.empty());
    CHECK(xref.object_streams == 1);
    CHECK(xref.in_object_streams == 6);
}
