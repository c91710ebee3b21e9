// Localized editions and the translators' tools, through the real binary: the German, French,
// Greek and Arabic editions of the default book read back with pdftotext (numbers and sorting
// in the language's way, the Arabic edition right to left), mipex i18n status, export and
// import (a round trip changes nothing, byte for byte), stale translations, --strict, the
// pseudo-locales, and a missing glyph reported with its key and page.
#include "support/structure.h"
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
            text[language] = run("pdftotext -layout " + pdf[language].string() + " -").out;
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
        std::string fonts = run("pdffonts " + books.pdf.at("ar").string()).out;
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
    CHECK(imported.err.find("de: 1 translations changed, 1 added") != std::string::npos);
    auto after = catalogs(project);
    // Only the two German files changed; in strings.yaml only the one line.
    for (const auto& [name, text] : before)
        if (name != "content/i18n/de/strings.yaml" && name != "content/i18n/de/framework.yaml")
            CHECK(after[name] == text);
    std::string expected = before["content/i18n/de/strings.yaml"];
    expected.replace(expected.find("  text: Inhalt\n"), 15, "  text: Inhaltsverzeichnis\n");
    CHECK(after["content/i18n/de/strings.yaml"] == expected);
    CHECK(after["content/i18n/de/framework.yaml"].starts_with(
        before["content/i18n/de/framework.yaml"]));
    CHECK(std::regex_search(after["content/i18n/de/framework.yaml"],
                            std::regex("\n\nindicator\.lmm_1\.name:\n  from: [0-9a-f]{8}\n  "
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

    // The translator reviews it and confirms it (removes the fuzzy flag): no longer stale, and
    // only its fingerprint changed.
    auto before = catalogs(project);
    fs::path file = scratch.path / "de.po";
    write(file, po.out);
    replace_in(file, "#, fuzzy\nmsgctxt \"area.lmm.summary\"", "msgctxt \"area.lmm.summary\"");
    Result imported = mipex("i18n import " + file.string() + " --project " + project.string());
    INFO(imported.err);
    CHECK(imported.status == 0);
    auto after = catalogs(project);
    std::string old_areas = before["content/i18n/de/areas.yaml"];
    std::string new_areas = after["content/i18n/de/areas.yaml"];
    CHECK(old_areas.size() == new_areas.size());
    size_t differ = 0;
    for (size_t i = 0; i < old_areas.size() && i < new_areas.size(); ++i)
        differ += old_areas[i] != new_areas[i];
    CHECK(differ > 0);
    CHECK(differ <= 8); // one fingerprint
    auto again = nlohmann::json::parse(
        mipex("i18n status --format json --lang de --project " + project.string()).out);
    CHECK(again["languages"][0]["stale"] == 0);
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
    std::string qps = run("pdftotext -layout " + (out.path / "mipex-qps.pdf").string() + " -").out;
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
    // (layout::ParagraphExchange); what an edition takes must be what it would have set. The
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
