// xml_escape: the one escaping of text for XML, behind the EPUB, the SVG charts, the PDF's XMP
// packet and the XLIFF files translators exchange.
#include "base/xml.h"

#include <catch2/catch.hpp>

using mipex::xml_escape;

TEST_CASE("XML escaping writes the markup characters as entities") {
    CHECK(xml_escape("") == "");
    CHECK(xml_escape("Rank & score <b> \"best\"") == "Rank &amp; score &lt;b&gt; &quot;best&quot;");
    // An apostrophe needs no escape in double-quoted attributes nor in text.
    CHECK(xml_escape("l'intégration") == "l'intégration");
    CHECK(xml_escape("&amp;") == "&amp;amp;");
}

TEST_CASE("XML escaping keeps tabs, line breaks and UTF-8, and leaves out what XML forbids") {
    CHECK(xml_escape("a\tb\nc\r\n") == "a\tb\nc\r\n");
    CHECK(xml_escape("مؤشر 日本 😀") == "مؤشر 日本 😀");
    // XML 1.0 §2.2: no control character but tab, line feed and carriage return, escaped or
    // not.
    CHECK(xml_escape(std::string("a\x01"
                                 "b\x1B"
                                 "c\x7F",
                                 6)) == "abc\x7F");
    CHECK(xml_escape(std::string("nul\0byte", 8)) == "nulbyte");
}
