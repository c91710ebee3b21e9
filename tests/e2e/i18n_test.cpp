// Localized editions and the translators' tools, through the real binary: the German, French,
// Greek and Arabic editions of the default book read back with pdftotext (numbers and sorting
// in the language's way, the Arabic edition right to left), mipex i18n status, export and
// import (a round trip changes nothing, byte for byte), stale translations, --strict, the
// pseudo-locales, and a missing glyph reported with its key and page.
#include "support/structure.h"
#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <qpdf/QPDF.hh>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;

namespace {

struct Result {
    int status = 0;
    std::string out, err;
};

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

void write(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

void replace_in(const fs::path& path, const std::string& from, const std::string& to) {
    std::string text = read(path);
    size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    write(path, text);
}

void replace_all_in(std::string& text, const std::string& from, const std::string& to) {
    size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    for (; at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

/// Runs a shell command; standard output and error are captured apart.
Result run(const std::string& command) {
    static int counter = 0;
    fs::path error_file = fs::temp_directory_path() / ("mipex-i18n-" + std::to_string(::getpid()) +
                                                       "-" + std::to_string(++counter) + ".err");
    Result result;
    FILE* pipe = popen((command + " 2>" + error_file.string()).c_str(), "r");
    REQUIRE(pipe);
    std::array<char, 4096> buffer;
    size_t count;
    while ((count = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        result.out.append(buffer.data(), count);
    int status = pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.err = read(error_file);
    fs::remove(error_file);
    return result;
}

/// The output of a program that reads the PDFs (pdftotext, pdffonts). Missing (make deps
/// installs it) or failing, it fails the test: no check may pass on output never read.
std::string read_with(const std::string& command) {
    Result result = run(command);
    INFO(command << ": exit status " << result.status << ", " << result.err);
    REQUIRE(result.status == 0);
    return result.out;
}

Result mipex(const std::string& arguments) {
    return run(std::string("SOURCE_DATE_EPOCH=1700000000 ") + MIPEX_BINARY + " " + arguments);
}

/// A folder that is removed at the end of the test.
struct Scratch {
    fs::path path;
    explicit Scratch(const std::string& name) {
        path =
            fs::temp_directory_path() / ("mipex-i18n-" + name + "-" + std::to_string(::getpid()));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~Scratch() { fs::remove_all(path); }
};

/// A copy of a project's content/ in a scratch folder.
fs::path copy_project(const Scratch& scratch, const fs::path& from) {
    fs::copy(from / "content", scratch.path / "content", fs::copy_options::recursive);
    return scratch.path;
}

fs::path default_project() {
    return MIPEX_SOURCE_DIR;
}

fs::path tiny_project() {
    return fs::path(MIPEX_TESTS_DIR) / "projects" / "tiny";
}

/// Every file under content/i18n/ with its bytes.
std::map<std::string, std::string> catalogs(const fs::path& project) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(project / "content" / "i18n"))
        if (entry.is_regular_file())
            files[entry.path().lexically_relative(project).generic_string()] = read(entry.path());
    return files;
}

/// Where a text first occurs in another, or npos.
size_t at(const std::string& text, const std::string& what) {
    return text.find(what);
}

/// The four editions of the default book, built once by one call, as the user would.
struct Editions {
    Scratch out{"editions"};
    Result build;
    std::map<std::string, std::string> text; ///< pdftotext -layout of each edition
    std::map<std::string, fs::path> pdf;

    Editions() {
        build = mipex("build --project " + default_project().string() + " --out " +
                      out.path.string() + " --lang de,fr,el,ar");
        for (const char* language : {"de", "fr", "el", "ar"}) {
            pdf[language] = out.path / ("mipex-" + std::string(language) + ".pdf");
            text[language] = read_with("pdftotext -layout " + pdf[language].string() + " -");
        }
    }
};

const Editions& editions() {
    static Editions instance;
    return instance;
}

/// The text without the bidi controls pdftotext puts around right-to-left words (U+202A–E,
/// U+200E–F, U+2066–9), so that it can be searched.
std::string without_bidi_controls(const std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        auto byte = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
        if (i + 2 < text.size() && byte(0) == 0xE2 && byte(1) == 0x80 &&
            ((byte(2) >= 0xAA && byte(2) <= 0xAE) || byte(2) == 0x8E || byte(2) == 0x8F)) {
            i += 2;
            continue;
        }
        if (i + 2 < text.size() && byte(0) == 0xE2 && byte(1) == 0x81 && byte(2) >= 0xA6 &&
            byte(2) <= 0xA9) {
            i += 2;
            continue;
        }
        out += text[i];
    }
    return out;
}

/// The text of the contents pages: from the first page to the first chapter.
std::string contents(const std::string& book) {
    size_t end = book.find('\f', book.find("\f", book.find('\f') + 1) + 1);
    return book.substr(0, end);
}

} // namespace

TEST_CASE("the German, French, Greek and Arabic editions read back in their languages") {
    const Editions& books = editions();
    INFO(books.build.err);
    REQUIRE(books.build.status == 0);
    for (const char* language : {"de", "fr", "el", "ar"}) {
        INFO(language);
        CHECK(fs::exists(books.pdf.at(language)));
        CHECK(books.build.err.find("wrote " + books.pdf.at(language).string()) !=
              std::string::npos);
    }
    // Untranslated texts print in English and are counted after the build, one line an edition
    // (mipex build --verbose lists them).
    for (const char* language : {"de", "fr", "el", "ar"})
        CHECK(std::regex_search(books.build.err,
                                std::regex(std::string("(^|\n)") + language +
                                           ": [0-9,]+ texts print in English: [0-9,]+ indicator "
                                           "texts, .*; mipex i18n status --lang " +
                                           language + " --project .* lists them\n")));
    CHECK(books.build.err.find(": indicator.lmm_1.name") == std::string::npos);

    SECTION("German: Österreich sorts under O, numbers and interface in German") {
        const std::string& book = books.text.at("de");
        std::string toc = contents(book);
        CHECK(toc.find("Inhalt") != std::string::npos);
        REQUIRE(at(toc, "Österreich") != std::string::npos);
        CHECK(at(toc, "Norwegen") < at(toc, "Österreich"));
        CHECK(at(toc, "Österreich") < at(toc, "Polen"));
        CHECK(at(toc, "Ägypten") == std::string::npos);
        CHECK(at(toc, "Deutschland") < at(toc, "Frankreich"));
        CHECK(std::regex_search(book, std::regex("[0-9]+ von 56")));
        CHECK(book.find("Gesamtwert 2019") != std::string::npos);
        CHECK(book.find("Arbeitsmarktmobilität") != std::string::npos);
        // The translated prose, its numbers written the German way.
        CHECK(book.find("62,5") != std::string::npos);
        CHECK(book.find("Familienzusammenführung") != std::string::npos);
    }
    SECTION("French: États-Unis sorts under E, interface in French") {
        const std::string& book = books.text.at("fr");
        std::string toc = contents(book);
        CHECK(toc.find("Table des matières") != std::string::npos);
        REQUIRE(at(toc, "États-Unis") != std::string::npos);
        CHECK(at(toc, "Estonie") < at(toc, "États-Unis"));
        CHECK(at(toc, "États-Unis") < at(toc, "Finlande"));
        CHECK(at(toc, "Allemagne") < at(toc, "Autriche"));
        CHECK(std::regex_search(book, std::regex("[0-9]+ sur 56")));
        CHECK(book.find("Regroupement familial") != std::string::npos);
        CHECK(book.find("62,5") != std::string::npos);
    }
    SECTION("Greek: Greek alphabetical order and interface") {
        const std::string& book = books.text.at("el");
        std::string toc = contents(book);
        CHECK(toc.find("Περιεχόμενα") != std::string::npos);
        CHECK(at(toc, "Αυστρία") < at(toc, "Βέλγιο"));
        CHECK(at(toc, "Βέλγιο") < at(toc, "Γαλλία"));
        CHECK(at(toc, "Ελλάδα") < at(toc, "Ιταλία"));
        CHECK(std::regex_search(book, std::regex("[0-9]+ από 56")));
        CHECK(book.find("Κινητικότητα στην αγορά εργασίας") != std::string::npos);
    }
    SECTION("Arabic: right to left, Arabic-Indic digits, Arabic faces, Arabic order") {
        const std::string book = without_bidi_controls(books.text.at("ar"));
        std::string toc = contents(book);
        CHECK(toc.find("المحتويات") != std::string::npos);
        // ٥٦ countries; ranks "١٩ من ٥٦"; folios in Arabic-Indic digits.
        CHECK(book.find("٥٦") != std::string::npos);
        // pdftotext puts the rank after "من" in its visual order: "٥٦ من١٩".
        CHECK(std::regex_search(book, std::regex("٥٦ *من *[٠١٢٣٤٥٦٧٨٩]+")));
        CHECK(book.find("56") == std::string::npos);
        CHECK(at(toc, "البرازيل") < at(toc, "البرتغال"));
        CHECK(toc.find("الدنمارك") != std::string::npos); // the catalog's name, not CLDR's
        CHECK(toc.find("الدانمرك") == std::string::npos);

        QPDF pdf;
        pdf.processFile(books.pdf.at("ar").c_str());
        QPDFObjectHandle root = pdf.getRoot();
        CHECK(root.getKey("/Lang").getUTF8Value() == "ar");
        CHECK(root.getKey("/ViewerPreferences").getKey("/Direction").getName() == "/R2L");
        std::string fonts = read_with("pdffonts " + books.pdf.at("ar").string());
        CHECK(fonts.find("NotoNaskhArabic-Regular") != std::string::npos);
        CHECK(fonts.find("NotoSansArabic") != std::string::npos);
        // The charts' alternate descriptions are in the edition's language.
        tagged_pdf::ReadStructure structure = tagged_pdf::read_structure(pdf);
        CHECK(structure.marked);
        size_t figures = 0, in_arabic = 0;
        for (const auto& element : structure.elements)
            if (element.role == "Figure") {
                ++figures;
                // Arabic letters are U+0600–U+06FF: UTF-8 lead bytes D8–DB.
                in_arabic += std::any_of(element.alt.begin(), element.alt.end(), [](char c) {
                    unsigned char byte = static_cast<unsigned char>(c);
                    return byte >= 0xD8 && byte <= 0xDB;
                });
            }
        CHECK(figures > 100);
        CHECK(in_arabic == figures);
        // Left-to-right editions say nothing about direction.
        QPDF german;
        german.processFile(books.pdf.at("de").c_str());
        CHECK_FALSE(german.getRoot().getKey("/ViewerPreferences").hasKey("/Direction"));
    }
}

TEST_CASE("mipex i18n status counts what each language translates, misses and has stale") {
    Result text = mipex("i18n status --project " + default_project().string());
    INFO(text.err);
    REQUIRE(text.status == 0);
    CHECK(std::regex_search(text.out,
                            std::regex("\\nde +Deutsch +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +0\\n")));
    CHECK(text.out.find("de: missing (printed in English):") != std::string::npos);

    Result json = mipex("i18n status --format json --project " + default_project().string());
    REQUIRE(json.status == 0);
    auto status = nlohmann::json::parse(json.out);
    CHECK(status["source_language"] == "en");
    std::map<std::string, nlohmann::json> languages;
    for (const auto& language : status["languages"])
        languages[language["language"]] = language;
    REQUIRE(languages.size() == 4);
    for (const auto& [code, language] : languages) {
        INFO(code);
        CHECK(language["texts"].get<int>() == language["translated"].get<int>() +
                                                  language["from_icu"].get<int>() +
                                                  language["missing"].get<int>());
        CHECK(language["missing"].get<size_t>() == language["missing_texts"].size());
        CHECK(language["stale"] == 0);
        CHECK(language["from_icu"].get<int>() >= 54); // country names from CLDR
    }
    // German and French translate the chapters and every interface string; Greek and Arabic
    // the interface and the names.
    CHECK(languages["de"]["translated"].get<int>() > languages["el"]["translated"].get<int>());
    bool lists_indicator = false, lists_chapter = false, lists_ui = false;
    for (const auto& missing : languages["el"]["missing_texts"]) {
        lists_indicator |= missing["key"] == "indicator.lmm_1.name" &&
                           missing["file"] == "content/framework.yaml" && missing["line"] > 0;
        lists_chapter |= missing["key"] == "area.lmm.text";
        lists_ui |= missing["key"].get<std::string>().starts_with("ui.");
    }
    CHECK(lists_indicator);
    CHECK(lists_chapter);
    CHECK_FALSE(lists_ui);
    for (const auto& missing : languages["de"]["missing_texts"]) {
        INFO(missing["key"]);
        CHECK_FALSE(missing["key"].get<std::string>().starts_with("ui."));
        CHECK_FALSE(missing["key"].get<std::string>().starts_with("area."));
        CHECK_FALSE(missing["key"].get<std::string>().starts_with("band."));
    }
}

TEST_CASE("export then import changes no catalog, byte for byte, in PO and in XLIFF") {
    Scratch scratch("roundtrip");
    fs::path project = copy_project(scratch, default_project());
    auto before = catalogs(project);
    REQUIRE(before.size() >= 18);
    for (const char* format : {"po", "xliff"}) {
        for (const char* language : {"de", "fr", "el", "ar"}) {
            INFO(format << " " << language);
            fs::path file = scratch.path / (std::string(language) +
                                            (format == std::string("po") ? ".po" : ".xlf"));
            Result exported = mipex("i18n export --project " + project.string() + " --lang " +
                                    language + " --format " + format + " --out " + file.string());
            INFO(exported.err);
            REQUIRE(exported.status == 0);
            Result imported =
                mipex("i18n import " + file.string() + " --project " + project.string());
            INFO(imported.err);
            REQUIRE(imported.status == 0);
            CHECK(std::regex_search(imported.err, std::regex(": 0 translations changed, 0 added")));
            CHECK(catalogs(project) == before);
            // And the export is the same again.
            Result again = mipex("i18n export --project " + project.string() + " --lang " +
                                 language + " --format " + format);
            CHECK(again.out == read(file));
        }
    }
}

TEST_CASE("an import changes the edited translation in place and appends new ones") {
    Scratch scratch("import");
    fs::path project = copy_project(scratch, default_project());
    auto before = catalogs(project);
    fs::path po = scratch.path / "de.po";
    REQUIRE(mipex("i18n export --project " + project.string() + " --lang de --out " + po.string())
                .status == 0);
    // A translator changes one string, translates an indicator and adds a note.
    replace_in(po, "msgid \"Contents\"\nmsgstr \"Inhalt\"",
               "msgid \"Contents\"\nmsgstr \"Inhaltsverzeichnis\"");
    replace_in(po,
               "msgctxt \"indicator.lmm_1.name\"\nmsgid \"Immediate access to labour "
               "market\"\nmsgstr \"\"",
               "# Checked against the 2019 questionnaire\nmsgctxt \"indicator.lmm_1.name\"\n"
               "msgid \"Immediate access to labour market\"\nmsgstr \"Sofortiger Zugang zum "
               "Arbeitsmarkt\"");
    Result imported = mipex("i18n import " + po.string() + " --project " + project.string());
    INFO(imported.err);
    REQUIRE(imported.status == 0);
    CHECK(imported.err.find("de: 1 translations changed, 1 added, 0 confirmed") !=
          std::string::npos);
    auto after = catalogs(project);
    // Only the two German files changed; in strings.yaml only the text, with the English it
    // was made from recorded above it.
    for (const auto& [name, text] : before)
        if (name != "content/i18n/de/strings.yaml" && name != "content/i18n/de/framework.yaml")
            CHECK(after[name] == text);
    std::string expected = before["content/i18n/de/strings.yaml"];
    expected.replace(expected.find("  text: Inhalt\n"), 15,
                     "  source: Contents\n  text: Inhaltsverzeichnis\n");
    CHECK(after["content/i18n/de/strings.yaml"] == expected);
    CHECK(after["content/i18n/de/framework.yaml"].starts_with(
        before["content/i18n/de/framework.yaml"]));
    CHECK(std::regex_search(after["content/i18n/de/framework.yaml"],
                            std::regex("\n\nindicator\.lmm_1\.name:\n  from: [0-9a-f]{8}\n  "
                                       "source: Immediate access to labour market\n  "
                                       "text: Sofortiger Zugang zum Arbeitsmarkt\n  note: Checked "
                                       "against the 2019 questionnaire\n$")));
    // The edition prints it, and no longer lists it as missing.
    Result status = mipex("i18n status --format json --lang de --project " + project.string());
    CHECK(status.out.find("indicator.lmm_1.name") == std::string::npos);
}

TEST_CASE(
    "a translation whose English changed is stale: listed, fuzzy in PO, an error with --strict") {
    Scratch scratch("stale");
    fs::path project = copy_project(scratch, default_project());
    replace_in(project / "content" / "areas" / "lmm.yaml", "summary: Whether migrants",
               "summary: Whether and how migrants");
    Result status = mipex("i18n status --format json --project " + project.string());
    REQUIRE(status.status == 0);
    auto json = nlohmann::json::parse(status.out);
    std::map<std::string, nlohmann::json> stale;
    for (const auto& language : json["languages"])
        stale[language["language"]] = language["stale_texts"];
    REQUIRE(stale["de"].size() == 1);
    CHECK(stale["de"][0]["key"] == "area.lmm.summary");
    CHECK(stale["de"][0]["file"] == "content/i18n/de/areas.yaml");
    CHECK(stale["fr"].size() == 1);
    CHECK(stale["el"].empty()); // Greek never translated it

    // PO marks it fuzzy; XLIFF as needing review.
    Result po = mipex("i18n export --lang de --project " + project.string());
    CHECK(po.out.find("#, fuzzy\nmsgctxt \"area.lmm.summary\"") != std::string::npos);
    CHECK(po.out.find("#, fuzzy") == po.out.rfind("#, fuzzy"));
    Result xliff = mipex("i18n export --lang de --format xliff --project " + project.string());
    CHECK(xliff.out.find("needs-review-translation") != std::string::npos);

    // The build still prints it, and lists it; --strict refuses.
    Scratch out("stale-out");
    Result build =
        mipex("build --lang de --project " + project.string() + " --out " + out.path.string());
    CHECK(build.status == 0);
    CHECK(std::regex_search(build.err, std::regex("(^|\n)de: .*; 1 translation is stale; ")));
    Result strict = mipex("build --lang de --strict --project " + project.string() + " --out " +
                          out.path.string() + "/strict");
    CHECK(strict.status == 1);
    CHECK(std::regex_search(strict.err,
                            std::regex("content/i18n/de/areas\\.yaml:[0-9]+:[0-9]+: error: "
                                       "the translation of 'area\\.lmm\\.summary' is stale")));
    CHECK(strict.err.find("'indicator.lmm_1.name' has no translation into de (--strict)") !=
          std::string::npos);
    CHECK_FALSE(fs::exists(out.path / "strict" / "mipex-de.pdf"));

    // The translator reviews it and confirms it (removes the fuzzy flag): no longer stale; its
    // fingerprint changed, and the English it is now made from is recorded.
    auto before = catalogs(project);
    fs::path file = scratch.path / "de.po";
    write(file, po.out);
    const std::string stale_entry = "#, fuzzy\nmsgctxt \"area.lmm.summary\"";
    replace_in(file, stale_entry, "msgctxt \"area.lmm.summary\"");
    const std::string old_areas = before["content/i18n/de/areas.yaml"];
    std::smatch recorded;
    REQUIRE(std::regex_search(old_areas, recorded,
                              std::regex("area\\.lmm\\.summary:\n  from: [0-9a-f]{8}\n")));
    const auto entry_line =
        1 + std::count(old_areas.begin(), old_areas.begin() + recorded.position(0), '\n');
    Result dry = mipex("i18n import " + file.string() + " --dry-run --project " + project.string());
    CHECK(dry.status == 0);
    CHECK(std::regex_match(
        dry.out, std::regex("confirmed  area\\.lmm\\.summary  content/i18n/de/areas\\.yaml:" +
                            std::to_string(entry_line) +
                            "\n"
                            "de: 0 translations changed, 0 added, 1 confirmed, [0-9]+ "
                            "unchanged, [0-9]+ left untranslated \\(a dry run: "
                            "nothing written\\)\n")));
    CHECK(catalogs(project) == before);
    Result imported = mipex("i18n import " + file.string() + " --project " + project.string());
    INFO(imported.err);
    CHECK(imported.status == 0);
    CHECK(imported.err.find("de: 0 translations changed, 0 added, 1 confirmed") !=
          std::string::npos);
    auto after = catalogs(project);
    std::smatch english;
    std::string area = read(project / "content" / "areas" / "lmm.yaml");
    REQUIRE(std::regex_search(area, english, std::regex("\nsummary: ([^\n]*)\n")));
    std::string expected = old_areas;
    expected.replace(recorded.position(0), recorded.length(0),
                     "area.lmm.summary:\n  from: " + stale["de"][0]["current"].get<std::string>() +
                         "\n  source: " + english[1].str() + "\n");
    CHECK(after["content/i18n/de/areas.yaml"] == expected);
    for (const auto& [name, text] : before)
        if (name != "content/i18n/de/areas.yaml")
            CHECK(after[name] == text);

    auto again = nlohmann::json::parse(
        mipex("i18n status --format json --lang de --project " + project.string()).out);
    CHECK(again["languages"][0]["stale"] == 0);

    // Once the English changes again, the export shows the English it was made from, as
    // gettext writes previous strings.
    replace_in(project / "content" / "areas" / "lmm.yaml", "summary: Whether and how migrants",
               "summary: Whether, and how, migrants");
    Result changed = mipex("i18n export --lang de --project " + project.string());
    size_t entry = changed.out.find("#, fuzzy\n#| msgctxt \"area.lmm.summary\"\n#| msgid \"\"\n"
                                    "#| \"Whether and how migrants");
    CHECK(entry != std::string::npos);
    CHECK(changed.out.find("msgid \"\"\n\"Whether, and how, migrants", entry) != std::string::npos);
}

namespace {

/// The line (from 1) where `what` first occurs in `text`.
size_t line_of(const std::string& text, const std::string& what) {
    size_t at = text.find(what);
    REQUIRE(at != std::string::npos);
    return 1 + std::count(text.begin(), text.begin() + at, '\n');
}

/// Replaces the msgstr of the entry whose msgctxt is `key` in a PO text with `translation`.
void set_msgstr(std::string& po, const std::string& key, const std::string& translation) {
    size_t entry = po.find("msgctxt \"" + key + "\"\n");
    REQUIRE(entry != std::string::npos);
    size_t msgstr = po.find("\nmsgstr ", entry) + 1;
    size_t end = po.find("\n\n", msgstr);
    po.replace(msgstr, (end == std::string::npos ? po.size() - 1 : end) - msgstr,
               "msgstr \"" + translation + "\"");
}

/// An export of the default book's catalog for `language`, in a scratch copy of the project.
struct Exported {
    Scratch scratch;
    fs::path project;
    std::map<std::string, std::string> before; ///< every catalog file's bytes
    std::string text;

    Exported(const std::string& name, const std::string& language, const std::string& format)
        : scratch(name) {
        project = copy_project(scratch, default_project());
        before = catalogs(project);
        Result exported = mipex("i18n export --lang " + language + " --format " + format +
                                " --project " + project.string());
        REQUIRE(exported.status == 0);
        text = exported.out;
    }

    /// Imports `content` as a file of the given extension.
    Result import(const std::string& content, const std::string& arguments = "",
                  const std::string& extension = ".po") const {
        fs::path file = scratch.path / ("import" + extension);
        write(file, content);
        return mipex("i18n import " + file.string() + " " + arguments + " --project " +
                     project.string());
    }
    std::string file(const std::string& extension = ".po") const {
        return (scratch.path / ("import" + extension)).string();
    }
};

} // namespace

TEST_CASE("a file whose translations are not in the language it is imported into is refused, "
          "and no catalog changes") {
    Exported french("other-language", "fr", "po");
    std::string po = french.text;
    REQUIRE(po.find("\"X-Mipex-Language: fr\\n\"") != std::string::npos);

    SECTION("its Language header changed: the file was exported for French") {
        replace_all_in(po, "\n\"Language: fr\\n\"", "\n\"Language: de\\n\"");
        Result result = french.import(po);
        CHECK(result.status == 1);
        CHECK(result.err.find(french.file() + ":" + std::to_string(line_of(po, "\"Language: de")) +
                              ":1: error: the file says its translations are in 'de', but it "
                              "was exported for 'fr'") != std::string::npos);
        CHECK(catalogs(french.project) == french.before);

        // Without the line that says so, the translations themselves give it away: they are
        // the French catalog's, word for word.
        replace_all_in(po, "\"X-Mipex-Language: fr\\n\"\n", "");
        Result bare = french.import(po);
        CHECK(bare.status == 1);
        CHECK(std::regex_search(bare.err,
                                std::regex(":8:1: error: [0-9]+ of the file's [0-9]+ translations "
                                           "are word for word those of content/i18n/fr/ "
                                           "\\(French\\), not of de \\(German\\)")));
        CHECK(catalogs(french.project) == french.before);
    }
    SECTION("--lang confirms the file's language, it does not change it") {
        Result result = french.import(po, "--lang de");
        CHECK(result.status == 1);
        CHECK(result.err.find(":8:1: error: the file says its translations are in 'fr' (the "
                              "language it names), not in 'de' (--lang de)") != std::string::npos);
        CHECK(catalogs(french.project) == french.before);
        // A file naming a variant of the language, the POSIX way, goes to the language's catalog.
        replace_all_in(po, "\"Language: fr\\n\"", "\"Language: fr_FR\\n\"");
        Result variant = french.import(po, "--lang fr");
        INFO(variant.err);
        CHECK(variant.status == 0);
        CHECK(variant.err.find("fr: 0 translations changed, 0 added") != std::string::npos);
        CHECK(catalogs(french.project) == french.before);
    }
    SECTION("a file that names no language, imported without --lang: about the whole file") {
        replace_all_in(po, "\"X-Mipex-Language: fr\\n\"\n", "");
        replace_all_in(po, "\"Language: fr\\n\"\n", "");
        Result result = french.import(po);
        CHECK(result.status == 1);
        CHECK(result.err.find(french.file() + ": error: the file does not say its language") !=
              std::string::npos);
        CHECK(catalogs(french.project) == french.before);
    }
    SECTION("an XLIFF file whose target-language changed") {
        Exported xliff("other-language-xliff", "fr", "xliff");
        std::string text = xliff.text;
        replace_all_in(text, "target-language=\"fr\"", "target-language=\"de\"");
        Result result = xliff.import(text, "", ".xlf");
        CHECK(result.status == 1);
        CHECK(result.err.find("error: the file says its translations are in 'de', but it was "
                              "exported for 'fr'") != std::string::npos);
        CHECK(catalogs(xliff.project) == xliff.before);
    }
}

TEST_CASE("a language without a catalog is started only with --create, for a language CLDR "
          "knows") {
    Exported english("create", "pt-BR", "po");
    std::string po = english.text;
    replace_all_in(po, "\"X-Mipex-Language: pt-BR\\n\"\n", "");
    set_msgstr(po, "ui.contents", "Sumário");
    set_msgstr(po, "book.title", "Índice de Políticas de Integração de Migrantes");

    // de-AT would be a catalog of its own, made with --create; without it, the German one is
    // named.
    for (const char* bad : {"xx-bogus", "en", "qps", "de-AT"}) {
        INFO(bad);
        std::string other = po;
        replace_all_in(other, "\"Language: pt-BR\\n\"",
                       "\"Language: " + std::string(bad) + "\\n\"");
        for (const char* create : {"", "--create"}) {
            if (bad == std::string("de-AT") && *create)
                continue;
            Result result = english.import(other, create);
            INFO(result.err);
            CHECK(result.status == 1);
            CHECK(result.err.find(english.file() + ":8:1: error: ") != std::string::npos);
            CHECK(catalogs(english.project) == english.before);
            CHECK_FALSE(fs::exists(english.project / "content" / "i18n" / bad));
        }
    }
    std::string bogus = po;
    replace_all_in(bogus, "\"Language: pt-BR\\n\"", "\"Language: xx-bogus\\n\"");
    CHECK(english.import(bogus).err.find(
              "there is no catalog for 'xx-bogus' (xx (BOGUS)) in content/i18n/xx-bogus/; give "
              "--create to start one") != std::string::npos);
    CHECK(english.import(bogus, "--create")
              .err.find("--create: no catalog can be made for 'xx-bogus': CLDR knows no "
                        "language 'xx'") != std::string::npos);
    std::string austrian = po;
    replace_all_in(austrian, "\"Language: pt-BR\\n\"", "\"Language: de-AT\\n\"");
    CHECK(english.import(austrian).err.find("or --lang de to import into content/i18n/de/") !=
          std::string::npos);

    // Brazilian Portuguese: refused without --create, listed by a dry run, then made.
    Result refused = english.import(po);
    CHECK(refused.status == 1);
    CHECK(refused.err.find("there is no catalog for 'pt-BR' (Portuguese (Brazil))") !=
          std::string::npos);
    Result dry = english.import(po, "--create --dry-run");
    INFO(dry.err);
    CHECK(dry.status == 0);
    CHECK(dry.out.find("added      book.title   content/i18n/pt-BR/book.yaml (new)\n"
                       "added      ui.contents  content/i18n/pt-BR/strings.yaml (new)\n") !=
          std::string::npos);
    CHECK(dry.out.find("a new catalog, content/i18n/pt-BR/ (a dry run: nothing written)") !=
          std::string::npos);
    CHECK_FALSE(fs::exists(english.project / "content" / "i18n" / "pt-BR"));
    Result made = english.import(po, "--create");
    INFO(made.err);
    CHECK(made.status == 0);
    auto after = catalogs(english.project);
    CHECK(after.size() == english.before.size() + 2);
    CHECK(std::regex_match(after["content/i18n/pt-BR/strings.yaml"],
                           std::regex("# Portuguese \\(Brazil\\) \\(pt-BR\\) translations of the "
                                      "interface strings \\(layouts/strings\\.yaml\\)\\.\n# A "
                                      "mipex catalog[^\n]*\n\nui\\.contents:\n  from: [0-9a-f]{8}\n"
                                      "  source: Contents\n  text: Sumário\n")));
    Result status =
        mipex("i18n status --lang pt-BR --format json --project " + english.project.string());
    CHECK(nlohmann::json::parse(status.out)["languages"][0]["catalog_entries"] == 2);
}

TEST_CASE("a file with an invalid translation writes nothing, and each error points at its "
          "entry") {
    Exported german("invalid", "de", "po");
    std::string po = german.text;
    set_msgstr(po, "ui.contents", "Inhaltsverzeichnis");       // a good change, not written either
    set_msgstr(po, "ui.rank_of", "{rang} von {count}");        // a renamed argument
    set_msgstr(po, "ui.how_to_read", "Lesehinweise {");        // an unclosed brace
    set_msgstr(po, "area.lmm.summary", "Siehe {country:XX}."); // a reference to nothing
    replace_all_in(po, "msgctxt \"ui.colophon\"", "msgctxt \"ui.colofon\"");
    Result result = german.import(po);
    INFO(result.err);
    CHECK(result.status == 1);
    CHECK(catalogs(german.project) == german.before);
    const std::string file = german.file() + ":";
    auto at = [&](const std::string& key) {
        size_t entry = po.find("msgctxt \"" + key + "\"");
        return file +
               std::to_string(line_of(po.substr(entry), "\nmsgstr ") +
                              line_of(po, "msgctxt \"" + key + "\"")) +
               ":1: ";
    };
    CHECK(result.err.find(at("ui.rank_of") + "error: the translation of 'rank_of' uses {rang}, "
                                             "which the English does not have") !=
          std::string::npos);
    CHECK(result.err.find(at("ui.how_to_read") + "error: the translation of 'how_to_read' is "
                                                 "not a valid ICU message") != std::string::npos);
    CHECK(result.err.find(at("area.lmm.summary") + "error: unknown reference 'country:XX'") !=
          std::string::npos);
    // An unknown key is named where it is, at its msgctxt (a warning: not imported).
    CHECK(result.err.find(file + std::to_string(line_of(po, "msgctxt \"ui.colofon\"")) +
                          ":1: warning: no source text has the key 'ui.colofon'") !=
          std::string::npos);
    // The English book still builds.
    CHECK(mipex("check --project " + german.project.string()).status == 0);

    SECTION("a star that opens nothing in an imported text: a warning at its entry") {
        Exported fresh("unbalanced", "de", "po");
        std::string text = fresh.text;
        set_msgstr(text, "area.lmm.summary", "Arbeit ist **wichtig.");
        Result warned = fresh.import(text);
        INFO(warned.err);
        CHECK(warned.status == 0);
        size_t entry = text.find("msgctxt \"area.lmm.summary\"");
        std::string where = fresh.file() + ":" +
                            std::to_string(line_of(text.substr(entry), "\nmsgstr ") +
                                           line_of(text, "msgctxt \"area.lmm.summary\"")) +
                            ":1: warning: '**' is never closed";
        CHECK(warned.err.find(where) != std::string::npos);
    }
    SECTION("inline codes in an XLIFF target: an error at their line and column") {
        Exported xliff("invalid-xliff", "de", "xliff");
        std::string text = xliff.text;
        replace_all_in(text, "<target state=\"translated\">Inhalt</target>",
                       "<target state=\"translated\">In<g id=\"1\">halt</g></target>");
        Result inline_codes = xliff.import(text, "", ".xlf");
        INFO(inline_codes.err);
        CHECK(inline_codes.status == 1);
        CHECK(inline_codes.err.find(
                  xliff.file(".xlf") + ":" + std::to_string(line_of(text, "In<g id=")) +
                  ":38: error: <g> in the <target> of 'ui.contents': mipex texts have no inline "
                  "codes") != std::string::npos);
        CHECK(catalogs(xliff.project) == xliff.before);
    }
}

TEST_CASE("the catalog files of an import are written all or none") {
    Exported english("all-or-none", "pt-BR", "po");
    std::string po = english.text;
    set_msgstr(po, "book.title", "Índice de Políticas de Integração de Migrantes");
    set_msgstr(po, "ui.contents", "Sumário");
    // strings.yaml cannot be written (a folder stands in its way); book.yaml, written before
    // it, is taken back.
    fs::create_directories(english.project / "content" / "i18n" / "pt-BR" / "strings.yaml");
    Result result = english.import(po, "--create");
    INFO(result.err);
    CHECK(result.status == 1);
    CHECK(result.err.find("no catalog was changed") != std::string::npos);
    CHECK(catalogs(english.project) == english.before);
    CHECK_FALSE(fs::exists(english.project / "content" / "i18n" / "pt-BR" / "book.yaml"));
}

TEST_CASE("XLIFF: current translations are approved, and approving a stale one confirms it") {
    Scratch scratch("approved");
    fs::path project = copy_project(scratch, default_project());
    Result french = mipex("i18n export --lang fr --format xliff --project " + project.string());
    REQUIRE(french.status == 0);
    auto count = [](const std::string& text, const std::string& what) {
        size_t found = 0;
        for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
            ++found;
        return found;
    };
    CHECK(count(french.out, "<target ") > 100);
    CHECK(count(french.out, " approved=\"yes\"") == count(french.out, "<target "));

    replace_in(project / "content" / "areas" / "lmm.yaml", "summary: Whether migrants",
               "summary: Whether and how migrants");
    Result stale = mipex("i18n export --lang fr --format xliff --project " + project.string());
    CHECK(count(stale.out, " approved=\"yes\"") == count(stale.out, "<target ") - 1);
    // A reviewer approves it, as translate-toolkit does.
    std::string text = stale.out;
    replace_all_in(text, "id=\"area.lmm.summary\" resname=\"area.lmm.summary\" xml:space",
                   "id=\"area.lmm.summary\" resname=\"area.lmm.summary\" approved=\"yes\" "
                   "xml:space");
    replace_all_in(text, "state=\"needs-review-translation\"", "state=\"translated\"");
    fs::path file = scratch.path / "fr.xlf";
    write(file, text);
    Result imported = mipex("i18n import " + file.string() + " --project " + project.string());
    INFO(imported.err);
    CHECK(imported.status == 0);
    CHECK(imported.err.find("fr: 0 translations changed, 0 added, 1 confirmed") !=
          std::string::npos);
    auto status = nlohmann::json::parse(
        mipex("i18n status --format json --lang fr --project " + project.string()).out);
    CHECK(status["languages"][0]["stale"] == 0);
}

TEST_CASE("editions chosen by a list or all, an unknown language refused, and a strict build") {
    Scratch scratch("lang");
    fs::path project = copy_project(scratch, tiny_project());
    write(project / "content" / "i18n" / "de" / "strings.yaml",
          "ui.contents:\n  from: 871f67c3\n  text: Inhalt 中\n");
    Scratch out("lang-out");
    Result all =
        mipex("build --lang all --project " + project.string() + " --out " + out.path.string());
    INFO(all.err);
    CHECK(all.status == 0);
    CHECK(fs::exists(out.path / "mipex-en.pdf"));
    CHECK(fs::exists(out.path / "mipex-de.pdf"));
    CHECK(all.err.find("2 editions in") != std::string::npos);
    // A glyph the bundled fonts lack: a warning at the translation, naming the key and the page.
    CHECK(std::regex_search(all.err,
                            std::regex("content/i18n/de/strings\\.yaml:3:9: warning: de edition: "
                                       "the bundled fonts have no glyph for U\\+4E2D '中' in "
                                       "ui\\.contents, on page [ivx]+")));

    Result unknown =
        mipex("build --lang de,xx --project " + project.string() + " --out " + out.path.string());
    CHECK(unknown.status == 1);
    CHECK(unknown.err.find("--lang xx: no catalog content/i18n/xx/") != std::string::npos);

    Result strict = mipex("build --lang de --strict --project " + project.string() + " --out " +
                          out.path.string());
    CHECK(strict.status == 1);
    CHECK(
        std::regex_search(strict.err, std::regex("layouts/strings\\.yaml:[0-9]+:[0-9]+: error: "
                                                 "'ui\\.part_areas' has no translation into de")));
}

TEST_CASE(
    "the pseudo-locales build from the English: qps longer and accented, ar-XB right to left") {
    Scratch out("pseudo");
    Result build = mipex("build --lang qps,ar-XB --project " + tiny_project().string() + " --out " +
                         out.path.string());
    INFO(build.err);
    REQUIRE(build.status == 0);
    std::string qps =
        read_with("pdftotext -layout " + (out.path / "mipex-qps.pdf").string() + " -");
    CHECK(qps.find("[Çööñţééñţš]") != std::string::npos);
    CHECK(build.err.find("no glyph") == std::string::npos); // every accented letter is there
    QPDF bidi;
    bidi.processFile((out.path / "mipex-ar-XB.pdf").c_str());
    CHECK(bidi.getRoot().getKey("/ViewerPreferences").getKey("/Direction").getName() == "/R2L");
    // Nothing is "missing" in a pseudo-locale.
    CHECK(build.err.find("print in English") == std::string::npos);
}

TEST_CASE("editions built in parallel are the same bytes as built one after another") {
    // Each thread has its own font map, localizer, hyphenator and diagnostics; nothing they
    // share may change what they write.
    Scratch scratch("parallel");
    fs::path project = copy_project(scratch, tiny_project());
    write(project / "content" / "i18n" / "de" / "strings.yaml",
          "ui.contents:\n  from: 871f67c3\n  text: Inhalt\n");
    write(project / "content" / "i18n" / "fr" / "strings.yaml",
          "ui.contents:\n  from: 871f67c3\n  text: Table des matières\n");
    const std::string languages = " --lang all,qps,ar-XB --project " + project.string();
    Result one = mipex("build -j 1" + languages + " --out " + (scratch.path / "one").string());
    Result four = mipex("build -j 4" + languages + " --out " + (scratch.path / "four").string());
    INFO(one.err << four.err);
    REQUIRE(one.status == 0);
    REQUIRE(four.status == 0);
    for (const char* language : {"en", "de", "fr", "qps", "ar-XB"}) {
        INFO(language);
        std::string name = "mipex-" + std::string(language) + ".pdf";
        std::string a = read(scratch.path / "one" / name), b = read(scratch.path / "four" / name);
        CHECK(!a.empty());
        CHECK(a == b);
    }
}

TEST_CASE("each edition of a build of several is the bytes of that edition built alone") {
    // The editions of one build set each untranslated paragraph once and share it
    // (layout::SharedParagraphs); what an edition takes must be what it would have set. The
    // default book prints its profiles in English in every edition.
    Scratch scratch("shared");
    const std::string project = " --project " + default_project().string();
    // One after another, English first: the German and Greek editions take most of their
    // paragraphs, as many every time.
    Result in_turn = mipex("build -j 1 --lang en,de,el --report" + project + " --out " +
                           (scratch.path / "in-turn").string());
    INFO(in_turn.err);
    REQUIRE(in_turn.status == 0);
    const std::string report = in_turn.out + in_turn.err;
    for (const char* language : {"de", "el"}) {
        const size_t line = report.find(std::string(language) + ": line breaking: ");
        REQUIRE(line != std::string::npos);
        const std::string label = "(by any edition): ";
        const size_t count = report.find(label, line);
        REQUIRE(count < report.find('\n', line)); // on the edition's own line
        CHECK(std::stoul(report.substr(count + label.size())) > 250);
    }
    // At once: which edition sets a paragraph first is up to the threads.
    Result at_once = mipex("build -j 3 --lang en,de,el" + project + " --out " +
                           (scratch.path / "at-once").string());
    REQUIRE(at_once.status == 0);
    for (const char* language : {"de", "el"}) {
        INFO(language);
        const fs::path alone = scratch.path / (std::string("alone-") + language);
        Result built =
            mipex("build --lang " + std::string(language) + project + " --out " + alone.string());
        REQUIRE(built.status == 0);
        const std::string name = "mipex-" + std::string(language) + ".pdf";
        const std::string expected = read(alone / name);
        CHECK(!expected.empty());
        CHECK(read(scratch.path / "in-turn" / name) == expected);
        CHECK(read(scratch.path / "at-once" / name) == expected);
    }
}

TEST_CASE("paragraphs printed in English for want of a translation say so in the tagged PDF") {
    const Editions& books = editions();
    REQUIRE(books.build.status == 0);
    for (const char* language : {"de", "el"}) {
        INFO(language);
        QPDF pdf;
        pdf.processFile(books.pdf.at(language).c_str());
        CHECK(pdf.getRoot().getKey("/Lang").getUTF8Value() == language);
        tagged_pdf::ReadStructure structure = tagged_pdf::read_structure(pdf);
        size_t paragraphs = 0, paragraphs_in_english = 0, in_english = 0, other = 0, cells = 0,
               cells_in_english = 0;
        for (const auto& element : structure.elements) {
            if (element.role == "P") {
                ++paragraphs;
                paragraphs_in_english += element.lang == "en";
            }
            if (element.role == "TD") {
                ++cells;
                cells_in_english += element.lang == "en";
            }
            if (element.lang == "en")
                ++in_english;
            else if (!element.lang.empty())
                ++other;
        }
        // The country profiles' prose is not translated in either; the German chapters are.
        CHECK(paragraphs_in_english > 50);
        CHECK(paragraphs_in_english < paragraphs);
        CHECK(in_english > paragraphs_in_english);
        CHECK(other == 0);
        // Nor are the indicators' names, in the tables of indicators that changed; numbers and
        // translated names are in the document's language.
        CHECK(cells_in_english > 100);
        CHECK(cells_in_english < cells / 2);
    }
    // The English edition marks nothing: all of it is in the document's language.
    Scratch out{"english-lang"};
    Result english =
        mipex("build --project " + default_project().string() + " --out " + out.path.string());
    REQUIRE(english.status == 0);
    QPDF pdf;
    pdf.processFile((out.path / "mipex-en.pdf").c_str());
    for (const auto& element : tagged_pdf::read_structure(pdf).elements)
        CHECK(element.lang.empty());
}
