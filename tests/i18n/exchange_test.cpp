// The translators' file formats (PO, XLIFF 1.2) written and read back, their errors with
// positions, and catalog files edited in place.
#include "i18n/catalog_file.h"
#include "i18n/exchange.h"
#include "load/yaml.h"

#include <catch2/catch.hpp>

using namespace mipex;
using namespace mipex::i18n;

namespace {

ExchangeFile sample() {
    ExchangeFile file;
    file.language = "fr";
    file.source_language = "en";
    file.exported_for = "fr";
    ExchangeEntry contents;
    contents.key = "ui.contents";
    contents.source = "Contents";
    contents.translation = "Table des matières";
    contents.developer_note = "An interface string.";
    contents.file = "layouts/strings.yaml";
    contents.line = 5;
    file.entries.push_back(contents);
    ExchangeEntry prose;
    prose.key = "book.how_to_read";
    prose.source = "A \"quoted\" word, a back\\slash and a tab\there.\n\n- one\n- two";
    prose.translation = "Un mot « entre guillemets ».\n\n- un\n- deux";
    prose.fuzzy = true;
    prose.previous_source = "A word, a back\\slash.\n\n- one";
    prose.developer_note = "Prose.\nKeep the markup.";
    prose.translator_note = "Checked with the editors";
    prose.file = "content/book.yaml";
    prose.line = 21;
    file.entries.push_back(prose);
    ExchangeEntry empty;
    empty.key = "indicator.lmm_1.name";
    empty.source = std::string(120, 'x') +
                   " a long line that a PO writer wraps at a space, as msgcat "
                   "does, so that the file stays readable in an editor";
    empty.file = "content/framework.yaml";
    empty.line = 19;
    file.entries.push_back(empty);
    ExchangeEntry markup;
    markup.key = "ui.rank_of";
    markup.source = "{rank} of {count} <b> & </b>";
    markup.translation = "{rank} sur {count} <b> & </b>";
    file.entries.push_back(markup);
    return file;
}

void check_same(const ExchangeFile& a, const ExchangeFile& b) {
    CHECK(a.language == b.language);
    CHECK(a.source_language == b.source_language);
    CHECK(a.exported_for == b.exported_for);
    REQUIRE(a.entries.size() == b.entries.size());
    for (size_t i = 0; i < a.entries.size(); ++i) {
        INFO(a.entries[i].key);
        CHECK(a.entries[i].key == b.entries[i].key);
        CHECK(a.entries[i].source == b.entries[i].source);
        CHECK(a.entries[i].translation == b.entries[i].translation);
        CHECK(a.entries[i].fuzzy == b.entries[i].fuzzy);
        CHECK(a.entries[i].previous_source == b.entries[i].previous_source);
        CHECK(a.entries[i].developer_note == b.entries[i].developer_note);
        CHECK(a.entries[i].translator_note == b.entries[i].translator_note);
        CHECK(a.entries[i].file == b.entries[i].file);
        CHECK(a.entries[i].line == b.entries[i].line);
    }
}

/// Registers text as a file and reads it with `read`.
template <typename Reader>
std::optional<ExchangeFile> read_text(Reader read, const std::string& text, SourceFiles& files,
                                      Diagnostics& diagnostics) {
    FileId id = files.add("test", text);
    return read(id, files, diagnostics);
}

std::vector<std::string> positions(const Diagnostics& diagnostics) {
    std::vector<std::string> out;
    for (const Diagnostic& diagnostic : diagnostics.sorted())
        out.push_back(std::to_string(diagnostic.pos.line) + ":" +
                      std::to_string(diagnostic.pos.column) + " " + diagnostic.message);
    return out;
}

} // namespace

TEST_CASE("a PO file reads back as it was written") {
    ExchangeFile file = sample();
    std::string po = write_po(file);
    CHECK(po.find("msgctxt \"ui.contents\"\nmsgid \"Contents\"\nmsgstr \"Table des matières\"\n") !=
          std::string::npos);
    // The English a fuzzy translation was made from, as msgmerge writes it: the previous
    // msgctxt and msgid behind "#| ", a long one a literal per line.
    CHECK(po.find("#: content/book.yaml:21\n#, fuzzy\n#| msgctxt \"book.how_to_read\"\n"
                  "#| msgid \"\"\n#| \"A word, a back\\\\slash.\\n\"\n#| \"\\n\"\n#| \"- one\"\n"
                  "msgctxt \"book.how_to_read\"") != std::string::npos);
    CHECK(po.find("\"X-Mipex-Language: fr\\n\"") != std::string::npos);
    CHECK(po.find("# Checked with the editors\n#. Prose.\n#. Keep the markup.\n") !=
          std::string::npos);
    CHECK(po.find("\"Language: fr\\n\"") != std::string::npos);
    // Paragraphs are written one line per literal, as msgcat does.
    CHECK(po.find("msgid \"\"\n\"A \\\"quoted\\\" word, a back\\\\slash and a tab\\there.\\n\"\n"
                  "\"\\n\"\n\"- one\\n\"\n\"- two\"\n") != std::string::npos);
    SourceFiles files;
    Diagnostics diagnostics;
    auto read = read_text(read_po, po, files, diagnostics);
    INFO(format_all(diagnostics, files, DiagnosticFormat::Human));
    REQUIRE(read);
    check_same(file, *read);
    // And writes the same bytes again.
    CHECK(write_po(*read) == po);
    // Where things are: the header's Language line, each entry's msgctxt and msgstr.
    CHECK(read->language_pos.line == 8);
    CHECK(read->exported_for_pos.line == 13);
    CHECK(read->entries[0].key_pos.line == 17);
    CHECK(read->entries[0].translation_pos.line == 19);
}

TEST_CASE("a PO file from another tool: comments, obsolete entries, plural forms, CRLF") {
    std::string po = "# translator header\r\n"
                     "msgid \"\"\r\n"
                     "msgstr \"Language: de\\n\"\r\n"
                     "\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\r\n"
                     "\r\n"
                     "#, fuzzy, c-format\r\n"
                     "#| msgid \"Content\"\r\n"
                     "msgctxt \"ui.\"\r\n"
                     "\"contents\"\r\n"
                     "msgid \"Contents\"\r\n"
                     "msgstr \"Inhalt\"\r\n"
                     "\r\n"
                     "#~ msgctxt \"ui.gone\"\r\n"
                     "#~ msgid \"Gone\"\r\n"
                     "#~ msgstr \"Weg\"\r\n"
                     "\r\n"
                     "msgctxt \"ui.members\"\r\n"
                     "msgid \"member\"\r\n"
                     "msgid_plural \"members\"\r\n"
                     "msgstr[0] \"Mitglied\"\r\n"
                     "msgstr[1] \"Mitglieder\"\r\n";
    SourceFiles files;
    Diagnostics diagnostics;
    auto read = read_text(read_po, po, files, diagnostics);
    INFO(format_all(diagnostics, files, DiagnosticFormat::Human));
    REQUIRE(read);
    CHECK(read->language == "de");
    REQUIRE(read->entries.size() == 2);
    CHECK(read->entries[0].key == "ui.contents");
    CHECK(read->entries[0].fuzzy);
    CHECK(read->entries[0].previous_source == "Content");
    CHECK(read->entries[0].translation == "Inhalt");
    CHECK(read->entries[0].key_pos.line == 8); // the msgctxt, not the comments above it
    CHECK(read->entries[1].key == "ui.members");
    CHECK(read->entries[1].translation == "Mitglied");
}

TEST_CASE("PO syntax errors are reported at their line and column") {
    std::string po = "msgctxt \"ui.contents\"\n"
                     "msgid \"Contents\"\n"
                     "msgstr \"Inhalt\\q\"\n"
                     "\n"
                     "msgctxt ui.rank\n"
                     "msgid \"Rank\"\n"
                     "msgstr \"Rang\"\n"
                     "\n"
                     "msgtext \"x\"\n"
                     "\"stray\"\n";
    SourceFiles files;
    Diagnostics diagnostics;
    CHECK_FALSE(read_text(read_po, po, files, diagnostics));
    std::vector<std::string> expected = {
        "3:16 unknown escape \\q in a PO string", "5:9 a PO string is written in double quotes",
        "9:1 'msgtext' is not a PO keyword (msgctxt, msgid, msgstr, or a comment starting with #)",
        "10:1 a string continues no msgid, msgstr or msgctxt"};
    CHECK(positions(diagnostics) == expected);
}

TEST_CASE("an XLIFF 1.2 file reads back as it was written") {
    ExchangeFile file = sample();
    std::string xliff = write_xliff(file);
    CHECK(xliff.find("<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">") !=
          std::string::npos);
    CHECK(xliff.find("source-language=\"en\" target-language=\"fr\"") != std::string::npos);
    CHECK(xliff.find("<target state=\"needs-review-translation\">") != std::string::npos);
    // A current translation's unit is approved, a stale one's not (translate-toolkit counts
    // the units that are not approved as fuzzy), and has the English it was made from.
    CHECK(xliff.find("<trans-unit id=\"ui.contents\" resname=\"ui.contents\" approved=\"yes\"") !=
          std::string::npos);
    CHECK(xliff.find("<trans-unit id=\"book.how_to_read\" resname=\"book.how_to_read\" "
                     "xml:space") != std::string::npos);
    CHECK(xliff.find("<trans-unit id=\"indicator.lmm_1.name\" resname=\"indicator.lmm_1.name\" "
                     "xml:space") != std::string::npos);
    CHECK(xliff.find("<alt-trans alttranstype=\"previous-version\">\n          <source>A word, a "
                     "back\\slash.\n\n- one</source>") != std::string::npos);
    CHECK(xliff.find("<source>{rank} of {count} &lt;b&gt; &amp; &lt;/b&gt;</source>") !=
          std::string::npos);
    // An untranslated text has no target.
    size_t unit = xliff.find("id=\"indicator.lmm_1.name\"");
    CHECK(xliff.find("<target", unit) > xliff.find("</trans-unit>", unit));
    SourceFiles files;
    Diagnostics diagnostics;
    auto read = read_text(read_xliff, xliff, files, diagnostics);
    INFO(format_all(diagnostics, files, DiagnosticFormat::Human));
    REQUIRE(read);
    check_same(file, *read);
    CHECK(write_xliff(*read) == xliff);
}

TEST_CASE("a control character, which XML forbids, is left out of an XLIFF file") {
    ExchangeFile file = sample();
    file.entries[0].translation = "Table\x07 des \"matières\"";
    std::string xliff = write_xliff(file);
    CHECK(xliff.find('\x07') == std::string::npos);
    CHECK(xliff.find("<target state=\"translated\">Table des &quot;matières&quot;</target>") !=
          std::string::npos);
    SourceFiles files;
    Diagnostics diagnostics;
    auto read = read_text(read_xliff, xliff, files, diagnostics);
    INFO(format_all(diagnostics, files, DiagnosticFormat::Human));
    REQUIRE(read);
    CHECK(read->entries[0].translation == "Table des \"matières\"");
}

TEST_CASE("XLIFF from a translation tool: prefixes, CDATA, inline markup, references") {
    std::string xliff = "<?xml version='1.0' encoding='UTF-8'?>\n"
                        "<!DOCTYPE xliff>\n"
                        "<x:xliff version='1.2' xmlns:x='urn:oasis:names:tc:xliff:document:1.2'>\n"
                        "<!-- made by a tool -->\n"
                        " <x:file source-language='en' target-language='el' datatype='plaintext' "
                        "original='mipex'><x:body><x:group>\n"
                        "  <x:trans-unit id='1' resname='ui.contents'>\n"
                        "   <x:source>Contents</x:source>\n"
                        "   <x:target state='final'>Περιεχό<x:mrk mtype='seg' "
                        "mid='1'>μενα</x:mrk></x:target>\n"
                        "  </x:trans-unit>\n"
                        "  <x:trans-unit id='ui.rank'><x:source>Rank</x:source>"
                        "<x:target state='new'><![CDATA[Θέση <1>]]> &#x3b1;&#946;</x:target>"
                        "<x:note>Short.</x:note></x:trans-unit>\n"
                        " </x:group></x:body></x:file>\n"
                        "</x:xliff>\n";
    SourceFiles files;
    Diagnostics diagnostics;
    auto read = read_text(read_xliff, xliff, files, diagnostics);
    INFO(format_all(diagnostics, files, DiagnosticFormat::Human));
    REQUIRE(read);
    CHECK(read->language == "el");
    REQUIRE(read->entries.size() == 2);
    CHECK(read->entries[0].key == "ui.contents");
    CHECK(read->entries[0].translation == "Περιεχόμενα");
    CHECK_FALSE(read->entries[0].fuzzy);
    CHECK(read->entries[1].key == "ui.rank");
    CHECK(read->entries[1].translation == "Θέση <1> αβ");
    CHECK(read->entries[1].fuzzy); // "new" is not yet a translation to trust
    CHECK(read->entries[1].developer_note == "Short.");
}

TEST_CASE("XLIFF errors are reported at their position") {
    SourceFiles files;
    Diagnostics diagnostics;
    CHECK_FALSE(read_text(read_xliff,
                          "<xliff version=\"1.2\">\n  <file>\n    <body>\n  </file>\n</xliff>\n",
                          files, diagnostics));
    CHECK(positions(diagnostics) == std::vector<std::string>{"4:3 </file> closes <body>"});
    Diagnostics more;
    CHECK_FALSE(read_text(read_xliff, "<xliff><file><body><trans-unit id=\"a\">&nbsp;</trans-unit>",
                          files, more));
    CHECK(positions(more) == std::vector<std::string>{"1:39 unknown entity '&nbsp;'"});
    Diagnostics other;
    CHECK_FALSE(read_text(read_xliff, "<html></html>", files, other));
    CHECK(positions(other) ==
          std::vector<std::string>{"1:1 not an XLIFF file: its root is <html>"});
}

TEST_CASE("XLIFF approval: approved=\"yes\" or a translated state confirms, anything saying "
          "otherwise keeps the translation fuzzy") {
    auto unit = [](const std::string& attributes, const std::string& state) {
        return "<trans-unit id='ui.contents'" + attributes + "><source>Contents</source><target" +
               state + ">Inhalt</target></trans-unit>";
    };
    struct Case {
        std::string attributes, state;
        bool fuzzy;
    };
    const std::vector<Case> cases = {
        {" approved='yes'", " state='translated'", false},
        {" approved='yes'", "", false},
        {"", " state='translated'", false},
        {"", " state='final'", false},
        {"", "", false},
        // translate-toolkit marks a fuzzy unit approved="no"; a tool that goes by state alone
        // leaves approved as it was.
        {" approved='no'", " state='translated'", true},
        {" approved='yes'", " state='needs-review-translation'", true},
        {"", " state='needs-review-translation'", true},
        {"", " state='new'", true},
    };
    for (const Case& test : cases) {
        INFO(test.attributes << test.state);
        SourceFiles files;
        Diagnostics diagnostics;
        auto read = read_text(read_xliff,
                              "<xliff version='1.2'><file target-language='de'><body>" +
                                  unit(test.attributes, test.state) + "</body></file></xliff>",
                              files, diagnostics);
        REQUIRE(read);
        REQUIRE(read->entries.size() == 1);
        CHECK(read->entries[0].fuzzy == test.fuzzy);
    }
}

TEST_CASE("inline codes in an XLIFF target are errors at their position, and a <mrk> is its text") {
    std::string xliff = "<xliff version='1.2'><file target-language='de'><body>\n"
                        "<trans-unit id='ui.contents'><source>Contents</source>\n"
                        "<target>In<g id='1'>halt</g></target></trans-unit>\n"
                        "<trans-unit id='ui.rank'><source>Rank</source>\n"
                        "<target><bpt id='1'>&lt;b&gt;</bpt>Rang<ept id='1'>&lt;/b&gt;</ept> "
                        "<x id='2'/><ph id='3'>%s</ph><bx id='4'/><ex id='4'/><it id='5' "
                        "pos='open'>[</it></target></trans-unit>\n"
                        "<trans-unit id='ui.band'><source>Band</source>\n"
                        "<target><mrk mtype='term'>Stufe <g id='6'>x</g></mrk></target>"
                        "</trans-unit>\n"
                        "</body></file></xliff>\n";
    SourceFiles files;
    Diagnostics diagnostics;
    CHECK_FALSE(read_text(read_xliff, xliff, files, diagnostics));
    std::vector<std::string> expected;
    const std::string rest = "mipex texts have no inline codes (their markup is text, as in "
                             "the English: *emphasis*, {country:SE}); remove it, or write what "
                             "it stands for as text";
    expected.push_back("3:11 <g> in the <target> of 'ui.contents': " + rest);
    for (auto [column, name] : std::vector<std::pair<int, std::string>>{
             {9, "bpt"}, {40, "ept"}, {69, "x"}, {80, "ph"}, {98, "bx"}, {110, "ex"}, {122, "it"}})
        expected.push_back("5:" + std::to_string(column) + " <" + name +
                           "> in the <target> of 'ui.rank': " + rest);
    expected.push_back("7:33 <g> in the <mrk> of 'ui.band': " + rest);
    CHECK(positions(diagnostics) == expected);

    // A marker alone is read as its text.
    Diagnostics clean;
    auto read = read_text(read_xliff,
                          "<xliff><file><body><trans-unit id='ui.band'><source>Band</source>"
                          "<target><mrk mtype='seg' mid='1'>Stufe</mrk></target></trans-unit>"
                          "</body></file></xliff>",
                          files, clean);
    REQUIRE(read);
    CHECK(read->entries[0].translation == "Stufe");
}

TEST_CASE("YAML values are written so that they read back as the same text") {
    const std::vector<std::string> texts = {
        "Inhalt",
        "{rank} von {count}",
        "Rang: erster",
        "- not a list",
        "# not a comment",
        "null",
        "yes",
        "100",
        "a \"quote\" and a \\ backslash",
        "ends with a colon:",
        "Paragraph one.\n\nParagraph two, with *markup*.\n\n- item\n- item",
        "  leading spaces\nsecond line",
        "tab\there",
        "trailing #hash and # comment",
        "'single'",
        "«guillemets» et espace\u00a0insécable",
    };
    for (const std::string& text : texts) {
        INFO(text);
        std::string yaml = format_catalog_entry("ui.test", CatalogEntry{text, "0a1b2c3d", {}});
        SourceFiles files;
        Diagnostics diagnostics;
        FileId id = files.add("test.yaml", yaml);
        load::Value root = load::parse_yaml(id, files, diagnostics);
        INFO(yaml);
        REQUIRE_FALSE(diagnostics.has_errors());
        const load::Value* value = root.find("ui.test")->find("text");
        REQUIRE(value);
        std::string read = value->text();
        // The catalog reader trims (a block ends in a line break).
        while (!read.empty() && read.back() == '\n')
            read.pop_back();
        CHECK(read == text);
    }
    CHECK(yaml_scalar("Inhalt", 2) == std::vector<std::string>{"Inhalt"});
    CHECK(yaml_scalar("{rank}", 2) == std::vector<std::string>{"\"{rank}\""});
    CHECK(yaml_scalar("a\n\nb", 2) == std::vector<std::string>{"|", "    a", "", "    b"});
}

namespace {

/// Edits a catalog text with `edit` applied to its parsed entries; returns the new text.
template <typename Edit>
std::string edit_catalog(const std::string& text, Edit edit) {
    SourceFiles files;
    Diagnostics diagnostics;
    FileId id = files.add("catalog.yaml", text);
    load::Value root = load::parse_yaml(id, files, diagnostics);
    REQUIRE_FALSE(diagnostics.has_errors());
    CatalogEditor editor(text);
    edit(root, editor);
    return editor.text();
}

const load::Value::Entry& entry(const load::Value& root, const std::string& key) {
    for (const load::Value::Entry& entry : root.entries())
        if (entry.key == key)
            return entry;
    FAIL("no entry " << key);
    throw;
}

const std::string catalog = "# German interface strings.\n"
                            "\n"
                            "ui.contents:\n"
                            "  from: 871f67c3\n"
                            "  text: Inhalt  # shorter than Inhaltsverzeichnis\n"
                            "\n"
                            "# The chapter.\n"
                            "book.how_to_read:\n"
                            "  from: 11111111\n"
                            "  text: |\n"
                            "    Erster Absatz.\n"
                            "\n"
                            "    Zweiter Absatz.\n"
                            "  note: Reviewed.\n"
                            "\n"
                            "ui.rank: {text: Rang, from: 22222222}\n"
                            "\n"
                            "ui.band:\n"
                            "  text: \"Stufe\"\n";

} // namespace

TEST_CASE("editing a catalog changes only the fields that change") {
    SECTION("an unchanged entry leaves the file as it is, byte for byte") {
        std::string out = edit_catalog(catalog, [](const load::Value& root, CatalogEditor& editor) {
            editor.set(entry(root, "ui.contents"), {"Inhalt", "871f67c3", {}});
            editor.set(entry(root, "book.how_to_read"),
                       {"Erster Absatz.\n\nZweiter Absatz.", "11111111", "Reviewed."});
        });
        CHECK(out == catalog);
    }
    SECTION("a new text replaces the value on its line and keeps the comment after it") {
        std::string out = edit_catalog(catalog, [](const load::Value& root, CatalogEditor& editor) {
            editor.set(entry(root, "ui.contents"), {"Inhaltsverzeichnis", "871f67c3", {}});
        });
        std::string expected = catalog;
        expected.replace(expected.find("text: Inhalt  #"), 15, "text: Inhaltsverzeichnis  #");
        CHECK(out == expected);
    }
    SECTION("a block replaces a block, and a new fingerprint its old one") {
        std::string out = edit_catalog(catalog, [](const load::Value& root, CatalogEditor& editor) {
            editor.set(entry(root, "book.how_to_read"),
                       {"Ein Absatz.\n\nZwei.\n\nDrei.", "33333333", "Reviewed."});
        });
        CHECK(out == "# German interface strings.\n"
                     "\n"
                     "ui.contents:\n"
                     "  from: 871f67c3\n"
                     "  text: Inhalt  # shorter than Inhaltsverzeichnis\n"
                     "\n"
                     "# The chapter.\n"
                     "book.how_to_read:\n"
                     "  from: 33333333\n"
                     "  text: |\n"
                     "    Ein Absatz.\n"
                     "\n"
                     "    Zwei.\n"
                     "\n"
                     "    Drei.\n"
                     "  note: Reviewed.\n"
                     "\n"
                     "ui.rank: {text: Rang, from: 22222222}\n"
                     "\n"
                     "ui.band:\n"
                     "  text: \"Stufe\"\n");
    }
    SECTION("a missing fingerprint is added above the text, a note below it, or removed") {
        std::string out = edit_catalog(catalog, [](const load::Value& root, CatalogEditor& editor) {
            editor.set(entry(root, "ui.band"), {"Stufe", "44444444", "Band, not level"});
            editor.set(entry(root, "book.how_to_read"),
                       {"Erster Absatz.\n\nZweiter Absatz.", "11111111", {}});
        });
        CHECK(out.ends_with("ui.band:\n"
                            "  from: 44444444\n"
                            "  text: \"Stufe\"\n"
                            "  note: Band, not level\n"));
        CHECK(out.find("Reviewed.") == std::string::npos);
        CHECK(out.find("    Zweiter Absatz.\n\nui.rank:") != std::string::npos);
    }
    SECTION("the English a translation was made from goes between its fingerprint and text") {
        std::string out = edit_catalog(catalog, [](const load::Value& root, CatalogEditor& editor) {
            editor.set(entry(root, "ui.contents"),
                       {"Inhaltsverzeichnis", "99999999", {}, "Table of contents"});
            editor.set(entry(root, "ui.band"), {"Stufe", "44444444", {}, "Band: the level"});
        });
        CHECK(out.find("ui.contents:\n"
                       "  from: 99999999\n"
                       "  source: Table of contents\n"
                       "  text: Inhaltsverzeichnis  # shorter than Inhaltsverzeichnis\n") !=
              std::string::npos);
        CHECK(out.ends_with("ui.band:\n"
                            "  from: 44444444\n"
                            "  source: \"Band: the level\"\n"
                            "  text: \"Stufe\"\n"));
        // And a changed English replaces the one recorded.
        std::string again = edit_catalog(out, [](const load::Value& root, CatalogEditor& editor) {
            editor.set(entry(root, "ui.contents"),
                       {"Inhaltsverzeichnis", "88888888", {}, "Contents"});
        });
        CHECK(again.find("  from: 88888888\n  source: Contents\n  text: Inhaltsverzeichnis") !=
              std::string::npos);
    }
    SECTION("an entry in flow style is written anew in block style") {
        std::string out = edit_catalog(catalog, [](const load::Value& root, CatalogEditor& editor) {
            editor.set(entry(root, "ui.rank"), {"Platz", {}, {}});
        });
        CHECK(out.find("ui.rank:\n  from: 22222222\n  text: Platz\n\nui.band:") !=
              std::string::npos);
    }
    SECTION("new entries go at the end, a blank line apart") {
        std::string out = edit_catalog(catalog, [](const load::Value& root, CatalogEditor& editor) {
            editor.append("ui.colophon", {"Impressum", "55555555", {}});
            editor.append("ui.rank_of", {"{rank} von {count}", "66666666", {}});
        });
        CHECK(out == catalog + "\nui.colophon:\n  from: 55555555\n  text: Impressum\n"
                               "\nui.rank_of:\n  from: 66666666\n  text: \"{rank} von {count}\"\n");
        CatalogEditor empty("");
        empty.append("ui.colophon", {"Impressum", "55555555", {}});
        CHECK(empty.text() == "ui.colophon:\n  from: 55555555\n  text: Impressum\n");
        CatalogEditor with_source("");
        with_source.append("ui.colophon", {"Impressum", "55555555", {}, "Colophon"});
        CHECK(with_source.text() ==
              "ui.colophon:\n  from: 55555555\n  source: Colophon\n  text: Impressum\n");
    }
}
