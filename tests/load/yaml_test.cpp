#include "load/yaml.h"
#include "support/parsed.h"

#include <catch2/catch.hpp>
#include <chrono>

using namespace mipex;
using namespace mipex::load;

namespace {

using Parsed = mipex::testing::Parsed<parse_yaml>;

} // namespace

TEST_CASE("YAML becomes a tree of values with 1-based line:column positions") {
    Parsed parsed("# a comment line\n"
                  "code: SE\n"
                  "name: Sweden\n"
                  "groups:\n"
                  "  - eu\n"
                  "  - id: nordic\n"
                  "    members: [NO, SE]\n");
    CHECK(parsed.diagnostics.all().empty());
    CHECK(parsed.dump() == "map  @2:1\n"
                           "  code: SE  @2:7\n"
                           "  name: Sweden  @3:7\n"
                           "  groups: list  @5:3\n"
                           "    - eu  @5:5\n"
                           "    - map  @6:5\n"
                           "      id: nordic  @6:9\n"
                           "      members: list  @7:14\n"
                           "        - NO  @7:15\n"
                           "        - SE  @7:19\n");
    const Value* groups = parsed.root.find("groups");
    REQUIRE(groups);
    CHECK(groups->is_sequence());
    CHECK(parsed.root.entries()[1].key_pos == SourcePos{parsed.file, 3, 1});
    CHECK(parsed.root.find("nothing") == nullptr);
}

TEST_CASE("columns count code points after multi-byte characters") {
    // yaml-cpp counts bytes; "Ö" is two bytes and "日本" six, but editors count three.
    Parsed valid("Österreich: Wien\n"
                 "日本: [東京, x]\n");
    CHECK(valid.diagnostics.all().empty());
    CHECK(valid.dump() == "map  @1:1\n"
                          "  Österreich: Wien  @1:13\n"
                          "  日本: list  @2:5\n"
                          "    - 東京  @2:6\n"
                          "    - x  @2:10\n");
    CHECK(valid.root.entries()[1].key_pos.column == 1);
}

TEST_CASE("quoted and block scalars are marked quoted, plain ones are not") {
    Parsed parsed("plain: 100\n"
                  "double: \"100\"\n"
                  "single: 'n/a'\n"
                  "block: |\n"
                  "  two\n"
                  "  lines\n"
                  "folded: >\n"
                  "  one\n"
                  "  line\n"
                  "tagged: !!str 5\n");
    REQUIRE(parsed.diagnostics.all().empty());
    auto quoted = [&](const char* key) { return parsed.root.find(key)->quoted(); };
    CHECK_FALSE(quoted("plain"));
    CHECK(quoted("double"));
    CHECK(quoted("single"));
    CHECK(quoted("block"));
    CHECK(quoted("folded"));
    CHECK(parsed.root.find("plain")->text() == "100");
    CHECK(parsed.root.find("single")->text() == "n/a");
    CHECK(parsed.root.find("block")->text() == "two\nlines\n");
    CHECK(parsed.root.find("folded")->text() == "one line\n");
    CHECK(parsed.root.find("tagged")->text() == "5");
}

TEST_CASE("nulls are nulls, not empty texts") {
    Parsed parsed("a: ~\n"
                  "b: null\n"
                  "c: ''\n");
    CHECK(parsed.root.find("a")->is_null());
    CHECK(parsed.root.find("b")->is_null());
    CHECK(parsed.root.find("c")->is_scalar());
    CHECK(parsed.root.find("c")->text().empty());
}

TEST_CASE("an empty value is placed at its key, not at the next line") {
    // yaml-cpp marks the missing value where the next token starts ("code" on line 2); an
    // error about the empty name must point at "name:".
    Parsed parsed("name:\n"
                  "code: SE\n"
                  "since:");
    CHECK(parsed.root.find("name")->pos() == SourcePos{parsed.file, 1, 1});
    CHECK(parsed.root.find("since")->pos() == SourcePos{parsed.file, 3, 1});
    CHECK(parsed.root.find("code")->pos() == SourcePos{parsed.file, 2, 7});
}

TEST_CASE("a duplicate key is reported at the second, naming the line of the first") {
    Parsed parsed("code: SE\n"
                  "name: Sweden\n"
                  "  # indented comment\n"
                  "name: Sverige\n");
    CHECK(parsed.messages() == "4:1: duplicate key 'name' (first given on line 2)\n");
    // The first wins; the second is dropped.
    CHECK(parsed.root.find("name")->text() == "Sweden");
    CHECK(parsed.root.entries().size() == 2);

    SECTION("also inside nested and flow mappings") {
        Parsed nested("a:\n"
                      "  b: {x: 1, y: 2, x: 3}\n");
        CHECK(nested.messages() == "2:19: duplicate key 'x' (first given on line 2)\n");
    }
}

TEST_CASE("a second document in a file is reported where it starts") {
    Parsed parsed("a: 1\n"
                  "---\n"
                  "b: 2\n");
    CHECK(parsed.messages() ==
          "3:1: a file holds one YAML document; remove this one or the '---' before it\n");
    CHECK(parsed.root.find("a"));
    CHECK_FALSE(parsed.root.find("b"));
}

TEST_CASE("a leading document marker is not a second document") {
    Parsed parsed("---\na: 1\n...\n");
    CHECK(parsed.diagnostics.all().empty());
    CHECK(parsed.root.find("a")->text() == "1");
}

TEST_CASE("syntax errors are reported at their position and leave a null tree") {
    Parsed parsed("code: SE\n"
                  "name: \"Sw\"eden\n");
    CHECK(parsed.root.is_null());
    CHECK(parsed.messages().starts_with("2:11: YAML syntax error: end of map not found ("));

    SECTION("after multi-byte characters the column still counts code points") {
        Parsed wide("é: ö: 1\n");
        CHECK(wide.messages().starts_with("1:5: YAML syntax error: illegal map value ("));
    }
    SECTION("an unclosed quote at the end of the file") {
        Parsed open("a: \"abc");
        CHECK(open.messages() == "1:8: YAML syntax error: illegal EOF in scalar\n");
    }
    SECTION("a bad indentation") {
        Parsed indent("a:\n"
                      "  - b\n"
                      " c: 1\n");
        CHECK(indent.messages().starts_with("3:2: YAML syntax error: end of map not found ("));
    }
}

TEST_CASE("a key that is not a text is refused") {
    Parsed parsed("? [a, b]\n"
                  ": 1\n"
                  "c: 2\n");
    CHECK(parsed.messages() == "1:3: a key must be a plain text, not a list\n");
    CHECK(parsed.root.entries().size() == 1);
    CHECK(parsed.root.find("c"));
}

TEST_CASE("anchors and aliases copy the anchored value") {
    Parsed parsed("options: &abc\n"
                  "  - {key: a, value: 100}\n"
                  "  - {key: b, value: 0}\n"
                  "again: *abc\n"
                  "scalar: &s text\n"
                  "copy: *s\n");
    REQUIRE(parsed.diagnostics.all().empty());
    const Value* again = parsed.root.find("again");
    REQUIRE(again);
    REQUIRE(again->is_sequence());
    REQUIRE(again->items().size() == 2);
    CHECK(again->items()[1].find("value")->text() == "0");
    // The copy keeps the anchor's positions: that is where the text was written.
    CHECK(again->items()[0].pos() == parsed.root.find("options")->items()[0].pos());
    CHECK(parsed.root.find("copy")->text() == "text");

    SECTION("an alias to an anchor that was never defined") {
        Parsed unknown("a: *nowhere\n");
        CHECK(unknown.messages() ==
              "1:4: YAML syntax error: the referenced anchor is not defined\n");
    }
    SECTION("a redefined anchor: later aliases see the new value") {
        Parsed redefined("a: &x 1\nb: *x\nc: &x 2\nd: *x\n");
        CHECK(redefined.root.find("b")->text() == "1");
        CHECK(redefined.root.find("d")->text() == "2");
    }
}

TEST_CASE("aliases of aliases cannot blow up memory") {
    // The "billion laughs": ten levels of ten aliases each would make 10^10 values from a
    // file of a few hundred bytes.
    std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int level = 1; level < 10; ++level) {
        std::string previous = "*a" + std::to_string(level - 1);
        text += "a" + std::to_string(level) + ": &a" + std::to_string(level) + " [";
        for (int i = 0; i < 10; ++i)
            text += (i ? ", " : "") + previous;
        text += "]\n";
    }
    Parsed parsed(text);
    CHECK(parsed.root.is_null());
    REQUIRE(parsed.diagnostics.error_count() == 1);
    CHECK_THAT(parsed.diagnostics.all()[0].message,
               Catch::StartsWith("aliases expand to more than 100,000 values"));
    CHECK(parsed.diagnostics.all()[0].pos.line == 5);
}

TEST_CASE("nesting deeper than the depth limit is refused without a crash") {
    const size_t max_yaml_depth = Limits{}.yaml_depth;
    SECTION("flow lists, just at the limit, are read") {
        std::string text = std::string(max_yaml_depth, '[') + std::string(max_yaml_depth, ']');
        Parsed parsed(text);
        CHECK(parsed.diagnostics.all().empty());
        CHECK(parsed.root.is_sequence());
    }
    SECTION("one level more is refused at the list that is too deep") {
        std::string text =
            std::string(max_yaml_depth + 1, '[') + std::string(max_yaml_depth + 1, ']');
        Parsed parsed(text);
        CHECK(parsed.root.is_null());
        CHECK(parsed.messages() ==
              "1:65: nesting deeper than 64 levels; raise it with --limit depth=N\n");
    }
    SECTION("a hundred thousand open brackets") {
        Parsed parsed(std::string(100000, '['));
        CHECK(parsed.root.is_null());
        CHECK(parsed.diagnostics.error_count() == 1);
    }
    SECTION("block mappings") {
        std::string text;
        for (int level = 0; level < 100; ++level)
            text += std::string(level, ' ') + "k" + std::to_string(level) + ":\n";
        text += std::string(100, ' ') + "leaf\n";
        Parsed parsed(text);
        CHECK(parsed.root.is_null());
        REQUIRE(parsed.diagnostics.error_count() == 1);
        CHECK(parsed.diagnostics.all()[0].pos.line == 65); // the 65th mapping starts there
        CHECK_THAT(parsed.diagnostics.all()[0].message, Catch::StartsWith("nesting deeper"));
    }
}

TEST_CASE("an empty or comment-only text is a null tree without errors") {
    // load_file reports empty files; the parser only has nothing to build.
    Parsed parsed("# nothing\n");
    CHECK(parsed.root.is_null());
    CHECK(parsed.diagnostics.all().empty());
}

TEST_CASE("a quoted text never closed is an error at its opening quote") {
    // yaml-cpp 0.7 accepts these when a line break follows, swallowing the rest of the file.
    Parsed quoted("code: SE\nname: \"Sweden\nprofile: A text.\n");
    CHECK(quoted.root.is_null());
    CHECK(quoted.messages() == "2:7: YAML syntax error: this quoted text is never closed (the "
                               "closing \" is missing)\n");
    Parsed single("a: 'it''s\n");
    CHECK(single.root.is_null());
    CHECK_THAT(single.messages(), Catch::StartsWith("1:4: YAML syntax error: this quoted text"));
    // Escaped quotes and doubled single quotes inside closed texts are no closing quotes.
    Parsed closed("a: \"say \\\"hi\\\"\"\nb: 'it''s'\n");
    CHECK(closed.diagnostics.all().empty());
    CHECK(closed.root.find("a")->text() == "say \"hi\"");
}

TEST_CASE("a list or mapping never closed is reported where it opens") {
    Parsed list("a: 1\nb: [x, [y, z]\nc: 2\n");
    CHECK(list.messages() == "2:4: YAML syntax error: this list is never closed (its ']' is "
                             "missing)\n");
    Parsed map("a: {b: 1, c: 2\n");
    CHECK(map.messages() == "1:4: YAML syntax error: this mapping is never closed (its '}' is "
                            "missing)\n");
}

TEST_CASE("limits on texts and values stop the parse with their names") {
    SourceFiles files;
    Diagnostics diagnostics;
    FileId id = files.add("t.yaml", "a: " + std::string(200, 'x') + "\nb: [1, 2, 3, 4, 5]\n");
    Limits limits;
    limits.text_bytes = 100;
    CHECK(parse_yaml(id, files, diagnostics, limits).is_null());
    CHECK_THAT(diagnostics.all().at(0).message,
               Catch::StartsWith("a text of 200 bytes, longer than the limit of 100 bytes") &&
                   Catch::EndsWith("raise it with --limit text=N"));
    Diagnostics counted;
    limits = Limits{};
    limits.values = 6;
    uint64_t values = 0;
    CHECK(parse_yaml(id, files, counted, limits, &values).is_null());
    CHECK(counted.all().at(0).pos.line == 2);
    CHECK_THAT(counted.all().at(0).message, Catch::EndsWith("raise it with --limit values=N"));
}

TEST_CASE("large inputs parse in linear time") {
    // A map of 100,000 keys (duplicates were looked for by a scan of the map: quadratic) and
    // a list of 200,000 values on one line (columns were counted from the line's start).
    std::string keys, line = "a: [";
    for (int i = 0; i < 100000; ++i)
        keys += "k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
    for (int i = 0; i < 200000; ++i)
        line += std::to_string(i % 10) + ", ";
    line += "0]\n";
    auto started = std::chrono::steady_clock::now();
    Parsed map(keys);
    Parsed list(line);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    CHECK(map.root.entries().size() == 100000);
    CHECK(list.root.find("a")->items().size() == 200001);
    CHECK(list.root.find("a")->items().back().pos().column == 600005);
    CHECK(seconds < 20); // seconds in a sanitizer build; it was hours
}

TEST_CASE("a character inside a scalar is located where the editor sees it") {
    // Block scalars (literal and folded), quoted texts with escapes, plain texts over lines.
    Parsed parsed("literal: |\n"
                  "  First line, {a}.\n"
                  "\n"
                  "  Third line with {b}.\n"
                  "folded: >-\n"
                  "    one\n"
                  "    two {c}\n"
                  "quoted: \"it\\\"s {d}\"\n"
                  "single: 'it''s {e}'\n"
                  "plain: a long\n"
                  "  text {f}\n"
                  "escaped: \"line\\nbreak {g}\"\n");
    auto where = [&](const char* key, const char* marker) {
        const Value* value = parsed.root.find(key);
        REQUIRE(value);
        size_t offset = value->text().find(marker);
        REQUIRE(offset != std::string::npos);
        SourcePos pos = parsed.files.locate(value->pos(), value->text(), offset);
        return std::to_string(pos.line) + ":" + std::to_string(pos.column);
    };
    CHECK(where("literal", "{a}") == "2:15");
    CHECK(where("literal", "{b}") == "4:19");
    CHECK(where("literal", "First") == "2:3");
    CHECK(where("folded", "two") == "7:5");
    CHECK(where("folded", "{c}") == "7:9");
    CHECK(where("quoted", "{d}") == "8:16");
    CHECK(where("single", "{e}") == "9:16");
    CHECK(where("plain", "{f}") == "11:8");
    // An escape that stands for another character: the text and the source part there, and
    // the scalar's own position is the best there is.
    CHECK(where("escaped", "{g}") == "12:10");
}
