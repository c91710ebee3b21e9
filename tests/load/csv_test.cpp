#include "load/csv.h"
#include "support/parsed.h"

#include <catch2/catch.hpp>

using namespace mipex;
using namespace mipex::load;

namespace {

using Parsed = mipex::testing::Parsed<parse_csv>;

} // namespace

TEST_CASE("a CSV table becomes a list of rows keyed by the header") {
    Parsed parsed("country,year,indicator,value\n"
                  "SE,2019,w1,a\n"
                  "DE,2014,w2,62.5\n");
    CHECK(parsed.diagnostics.all().empty());
    CHECK(parsed.dump() == "list  @1:1\n"
                           "  - map  @2:1\n"
                           "    country: SE  @2:1\n"
                           "    year: 2019  @2:4\n"
                           "    indicator: w1  @2:9\n"
                           "    value: a  @2:12\n"
                           "  - map  @3:1\n"
                           "    country: DE  @3:1\n"
                           "    year: 2014  @3:4\n"
                           "    indicator: w2  @3:9\n"
                           "    value: 62.5  @3:12\n");
}

TEST_CASE("quoted fields keep commas, doubled quotes and line breaks") {
    Parsed parsed("name,note\n"
                  "\"Korea, Republic of\",\"the \"\"new\"\" law\"\n"
                  "\"two\nlines\",x\n");
    CHECK(parsed.diagnostics.all().empty());
    REQUIRE(parsed.root.items().size() == 2);
    const Value& first = parsed.root.items()[0];
    CHECK(first.find("name")->text() == "Korea, Republic of");
    CHECK(first.find("name")->quoted());
    CHECK(first.find("note")->text() == "the \"new\" law");
    const Value& second = parsed.root.items()[1];
    CHECK(second.find("name")->text() == "two\nlines");
    // The field after a quoted line break is on the next line.
    CHECK(second.find("note")->pos() == SourcePos{parsed.file, 4, 8});
}

TEST_CASE("plain fields are trimmed and not quoted") {
    Parsed parsed("a,b\n"
                  " x , 100 \n");
    const Value& row = parsed.root.items().at(0);
    CHECK(row.find("a")->text() == "x");
    CHECK(row.find("b")->text() == "100");
    CHECK_FALSE(row.find("b")->quoted());
    // The position is where the text starts, after the spaces.
    CHECK(row.find("b")->pos().column == 6);
}

TEST_CASE("CRLF line endings, a byte order mark and blank lines are not data") {
    Parsed parsed("\xEF\xBB\xBF"
                  "country,value\r\n"
                  "\r\n"
                  "SE,a\r\n"
                  "\n"
                  "DE,\"b\"\r\n");
    CHECK(parsed.diagnostics.all().empty());
    REQUIRE(parsed.root.items().size() == 2);
    // The BOM is not part of the first column's name, nor of its column count.
    CHECK(parsed.root.items()[0].entries()[0].key == "country");
    CHECK(parsed.root.items()[0].find("value")->text() == "a"); // no '\r'
    CHECK(parsed.root.items()[1].find("value")->text() == "b");
    CHECK(parsed.root.items()[1].pos() == SourcePos{parsed.file, 5, 1});
}

TEST_CASE("columns count code points") {
    Parsed parsed("name,value\n"
                  "Österreich,a\n");
    CHECK(parsed.root.items().at(0).find("value")->pos() == SourcePos{parsed.file, 2, 12});
}

TEST_CASE("a row with the wrong number of fields is reported at the row and left out") {
    Parsed parsed("country,year,indicator,value\n"
                  "SE,2019,w1,a\n"
                  "SE,2019,w2\n"
                  "SE,2019,w3,a,extra\n"
                  "SE,2019,h1,\n");
    CHECK(parsed.messages() == "3:1: this row has 3 fields, the header has 4\n"
                               "4:1: this row has 5 fields, the header has 4\n");
    // A trailing comma makes an empty last field, which is a field.
    REQUIRE(parsed.root.items().size() == 2);
    CHECK(parsed.root.items()[1].find("value")->text() == "");

    SECTION("a single field is 'field', not 'fields'") {
        Parsed one("a,b\nx\n");
        CHECK(one.messages() == "2:1: this row has 1 field, the header has 2\n");
    }
}

TEST_CASE("an unterminated quote is reported at the opening quote") {
    Parsed parsed("a,b\n"
                  "1,2\n"
                  "3,\"open\n"
                  "4,5\n");
    CHECK(parsed.messages() == "3:3: this quote is never closed\n");
    // The rest of the file was inside the quote; the good row before it survives.
    REQUIRE(parsed.root.items().size() == 1);
    CHECK(parsed.root.items()[0].find("a")->text() == "1");
}

TEST_CASE("stray quotes are reported where they are") {
    Parsed parsed("a,b\n"
                  "1,x\"y\n"
                  "2,\"z\" q\n"
                  "3,4\n");
    CHECK(parsed.messages() ==
          "2:4: a quote inside an unquoted field; quote the whole field and double the quote\n"
          "3:7: text after a closing quote\n");
    REQUIRE(parsed.root.items().size() == 1);
    CHECK(parsed.root.items()[0].find("a")->text() == "3");
}

TEST_CASE("header names must be present and unique") {
    Parsed parsed("a,,a\n"
                  "1,2,3\n");
    CHECK(parsed.messages() == "1:3: column 2 of the header has no name\n"
                               "1:4: column 'a' is named twice\n");
}

TEST_CASE("a header alone is an empty table") {
    Parsed parsed("country,year,indicator,value\n\n");
    CHECK(parsed.diagnostics.all().empty());
    CHECK(parsed.root.is_sequence());
    CHECK(parsed.root.items().empty());
}
