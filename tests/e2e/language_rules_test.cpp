// Each language's rules in the books as a reader gets them, through the real binary: counts
// through the plural rules of the edition's language (a book of one country), and the
// quotation marks, apostrophes and French spaces of prose typed with straight quotes, read
// back from the PDF (pdftotext) and from the EPUB's XHTML.
#include "support/epub.h"
#include "support/run.h"

#include <catch2/catch.hpp>
#include <map>
#include <regex>

namespace fs = std::filesystem;
using mipex::testing::pdf_text;
using mipex::testing::read_text;
using mipex::testing::write_text;

namespace {

const std::string nnbsp = "\u202F"; // narrow no-break space

/// Builds the project's editions as PDF and EPUB into `out`.
void build(const fs::path& project, const std::string& languages, const fs::path& out) {
    mipex::testing::Run build =
        mipex::testing::run_command("SOURCE_DATE_EPOCH=1700000000 " + std::string(MIPEX_BINARY) +
                                    " build --format pdf,epub --lang " + languages + " --project " +
                                    project.string() + " --out " + out.string());
    INFO(build.output << build.errors);
    REQUIRE(build.status == 0);
}

/// Runs of white space as one space: words a line broke apart read as one text.
std::string collapsed(const std::string& text) {
    return std::regex_replace(text, std::regex("\\s+"), " ");
}

/// The text of every XHTML document of an EPUB, as a reading system reads it (entities
/// resolved), and every attribute's value (the alt texts), in the order stored.
std::string epub_text(const fs::path& epub) {
    std::string text;
    for (const mipex::testing::ZipEntry& entry : mipex::testing::read_zip(read_text(epub))) {
        if (!entry.name.ends_with(".xhtml"))
            continue;
        mipex::testing::Xml document(entry.data, entry.name);
        REQUIRE(document.ok());
        text += document.value("string(//h:body)") + "\n";
        for (xmlNodePtr node : document.select("//@*"))
            text += mipex::testing::Xml::text(node) + "\n";
    }
    return text;
}

/// The tiny project with one country, Sweden, the default book's maps, and the shipped
/// interface strings in German, French, Greek and Arabic.
void one_country_project(const fs::path& project) {
    mipex::testing::copy_tree(fs::path(MIPEX_TESTS_DIR) / "projects" / "tiny", project);
    const fs::path content = project / "content";
    for (const char* code : {"de", "fr", "no"})
        fs::remove(content / "countries" / (std::string(code) + ".yaml"));
    std::string scores = read_text(content / "data" / "scores.csv");
    std::string kept;
    for (size_t at = 0; at < scores.size();) {
        size_t end = scores.find('\n', at);
        std::string line = scores.substr(at, end == std::string::npos ? end : end - at + 1);
        if (at == 0 || line.starts_with("SE,"))
            kept += line;
        at = end == std::string::npos ? scores.size() : end + 1;
    }
    write_text(content / "data" / "scores.csv", kept);
    mipex::testing::edit_file(content / "book.yaml", "members: [NO, SE]", "members: [SE]");
    // The default book's maps, on which one country has data.
    mipex::testing::copy_tree(fs::path(MIPEX_SOURCE_DIR) / "content" / "assets",
                              content / "assets");
    for (const char* language : {"de", "fr", "el", "ar"}) {
        const fs::path file = fs::path("i18n") / language / "strings.yaml";
        write_text(content / file, read_text(fs::path(MIPEX_SOURCE_DIR) / "content" / file));
    }
}

} // namespace

TEST_CASE("a book of one country counts it in the singular, in every language") {
    mipex::testing::TempDir dir;
    one_country_project(dir / "project");
    build(dir / "project", "en,de,fr,el,ar", dir / "out");
    auto edition = [&](const std::string& language) {
        return collapsed(pdf_text(dir / "out" / ("mipex-" + language + ".pdf"))) +
               epub_text(dir / "out" / ("mipex-" + language + ".epub"));
    };

    const std::string en = edition("en");
    CHECK(en.find("ranks the only country on one policy area and gives its dimension") !=
          std::string::npos);
    CHECK(en.find("The chart ranks the only country on its overall score.") != std::string::npos);
    CHECK(en.find("Sweden among 1 country: Overall score, 2019") != std::string::npos);
    CHECK(en.find("Bar chart: 1 country ranked by Overall score in 2019") != std::string::npos);
    CHECK(en.find("1 country has data") != std::string::npos);
    CHECK_FALSE(std::regex_search(en, std::regex("\\b1 (countries|policy areas|points)\\b")));
    CHECK(en.find("all 1 ") == std::string::npos);

    const std::string de = edition("de");
    CHECK(de.find("ordnet das einzige Land in einem Politikbereich") != std::string::npos);
    CHECK(de.find("Schweden unter 1 Land:") != std::string::npos);
    CHECK(de.find("für 1 Land liegen Daten vor") != std::string::npos);
    CHECK_FALSE(std::regex_search(de, std::regex("\\b1 (Länder|Ländern|Punkte)\\b")));

    const std::string fr = edition("fr");
    CHECK(fr.find("classe le seul pays dans un domaine politique et donne ses scores") !=
          std::string::npos);
    CHECK(fr.find("1 pays a des données") != std::string::npos);
    CHECK(fr.find("1 pays ont") == std::string::npos);

    const std::string el = edition("el");
    CHECK(el.find("ανάμεσα σε 1 χώρα:") != std::string::npos);
    CHECK(el.find("1 χώρες") == std::string::npos);

    // Arabic has six forms; one country is "بلد واحد" (one country), with no digit.
    const std::string ar = epub_text(dir / "out" / "mipex-ar.epub");
    CHECK(ar.find("بين بلد واحد") != std::string::npos);
    CHECK(ar.find("تتوفر بيانات عن بلد واحد") != std::string::npos);
}

TEST_CASE("prose typed with straight quotes prints each language's marks, in PDF and EPUB") {
    mipex::testing::TempDir dir;
    const fs::path project = dir / "project";
    mipex::testing::copy_tree(fs::path(MIPEX_TESTS_DIR) / "projects" / "tiny", project);
    const fs::path content = project / "content";
    write_text(content / "areas" / "work.yaml",
               "area: work\nsummary: Whether residents can work.\n"
               "text: |\n  The \"Access\" dimension: a worker's 'rights' count!\n");
    // The profile stays English in every edition: set as English.
    mipex::testing::edit_file(content / "countries" / "de.yaml", "profile: A short profile.",
                              "profile: Germany's \"short\" profile.");
    auto translate = [&](const std::string& language, const std::string& text) {
        write_text(content / "i18n" / language / "areas.yaml",
                   "area.work.text:\n  text: '" + text + "'\n");
    };
    translate("de", "Die \"Access\"-Dimension: die ''Rechte'' eines Arbeiters zählen!");
    translate("fr", "La dimension \"Accès\": les ''droits'' de l''employé comptent!");
    translate("el", "Η διάσταση \"Πρόσβαση\": τα ''δικαιώματα'' του εργαζομένου μετράνε!");
    build(project, "en,de,fr,el", dir / "out");

    const std::map<std::string, std::string> expected = {
        {"en", "The “Access” dimension: a worker’s ‘rights’ count!"},
        {"de", "Die „Access“-Dimension: die ‚Rechte‘ eines Arbeiters zählen!"},
        {"fr", "La dimension «" + nnbsp + "Accès" + nnbsp + "»" + nnbsp + ": les «" + nnbsp +
                   "droits" + nnbsp + "» de l’employé comptent" + nnbsp + "!"},
        {"el", "Η διάσταση «Πρόσβαση»: τα “δικαιώματα” του εργαζομένου μετράνε!"}};
    for (const auto& [language, text] : expected) {
        INFO(language);
        const std::string pdf = collapsed(pdf_text(dir / "out" / ("mipex-" + language + ".pdf")));
        const std::string epub = epub_text(dir / "out" / ("mipex-" + language + ".epub"));
        // pdftotext reads the narrow no-break space as a space.
        CHECK(pdf.find(collapsed(std::regex_replace(text, std::regex(nnbsp), " "))) !=
              std::string::npos);
        CHECK(epub.find(text) != std::string::npos);
        // The English profile keeps English marks in every edition.
        CHECK(pdf.find("Germany’s “short” profile.") != std::string::npos);
        CHECK(epub.find("Germany’s “short” profile.") != std::string::npos);
        // No straight quote is left in the prose.
        CHECK(epub.find("\"Access\"") == std::string::npos);
        CHECK(epub.find("worker's") == std::string::npos);
    }
}
