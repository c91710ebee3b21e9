// The EPUB editions of the default book, built by the real binary beside their PDFs and read
// back as a reading system reads them: the container, the package, every content document
// as XML. Checks what the accessibility claim rests on: every image has a text alternative,
// every chart's data table is reachable from it (and leads back), every link lands, language
// and direction are set, and the page-list and page-break markers match the PDF's pages.
// epubcheck runs on the same editions as separate ctest cases (tests/CMakeLists.txt).
#include "support/epub.h"
#include "support/run.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFNameTreeObjectHelper.hh>
#include <qpdf/QPDFPageLabelDocumentHelper.hh>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace mipex::testing;

namespace {

/// Builds every edition of the default book at a fixed date into `folder`, with `options`.
void build_books(const std::string& environment, const std::string& options,
                 const fs::path& folder) {
    Run built = run_command(environment + " SOURCE_DATE_EPOCH=1700000000 " + MIPEX_BINARY +
                            " build --project " + MIPEX_SOURCE_DIR + " --lang all " + options +
                            " --out " + folder.string());
    INFO(built.output << built.errors);
    REQUIRE(built.status == 0);
}

const std::vector<std::string> editions = {"en", "ar", "de", "el", "fr"};

/// The five editions as PDF and EPUB, built once for all the tests in this file.
struct Books {
    fs::path folder;
    Books() {
        folder = fs::temp_directory_path() / ("mipex-e2e-epub-" + std::to_string(::getpid()));
        fs::create_directories(folder);
        build_books("", "--format pdf,epub", folder);
    }
    ~Books() {
        std::error_code ignored;
        fs::remove_all(folder, ignored);
    }
};

const Books& books() {
    static Books instance;
    return instance;
}

/// "text/a.xhtml" + "../css/b.css" → "css/b.css" (paths inside the package folder).
std::string resolve(const std::string& from, const std::string& href) {
    fs::path joined = (fs::path(from).parent_path() / href).lexically_normal();
    return joined.generic_string();
}

/// An EPUB opened: its files, its manifest and spine, and every XHTML document parsed.
struct Epub {
    std::string language;
    std::vector<mipex::testing::ZipEntry> entries;
    std::map<std::string, std::string> files;              ///< path in the package folder → bytes
    std::string package;                                   ///< the package document's text
    std::map<std::string, std::string> media_types;        ///< href → media type
    std::map<std::string, std::string> properties;         ///< href → properties
    std::vector<std::string> spine;                        ///< hrefs in reading order
    std::map<std::string, std::unique_ptr<Xml>> documents; ///< href → parsed XHTML
    std::string navigation;

    explicit Epub(const std::string& language) : language(language) {
        entries =
            mipex::testing::read_zip(read_text(books().folder / ("mipex-" + language + ".epub")));
        std::map<std::string, std::string> by_name;
        for (const auto& entry : entries)
            by_name[entry.name] = entry.data;
        Xml container(by_name.at("META-INF/container.xml"));
        std::string opf_path = container.value("string(//c:rootfile/@full-path)");
        REQUIRE(opf_path == "EPUB/package.opf");
        package = by_name.at(opf_path);
        for (const auto& [name, data] : by_name)
            if (name.rfind("EPUB/", 0) == 0)
                files[name.substr(5)] = data;
        Xml opf(package);
        REQUIRE(opf.ok());
        std::map<std::string, std::string> by_id;
        for (xmlNodePtr item : opf.select("//opf:manifest/opf:item")) {
            std::string href = Xml::attribute(item, "href");
            by_id[Xml::attribute(item, "id")] = href;
            media_types[href] = Xml::attribute(item, "media-type");
            properties[href] = Xml::attribute(item, "properties");
            if (properties[href].find("nav") != std::string::npos)
                navigation = href;
        }
        for (xmlNodePtr itemref : opf.select("//opf:spine/opf:itemref"))
            spine.push_back(by_id.at(Xml::attribute(itemref, "idref")));
        for (const auto& [href, type] : media_types)
            if (type == "application/xhtml+xml")
                documents[href] = std::make_unique<Xml>(files.at(href), href);
    }

    /// The element a link from `from` leads to, with the document it is in; null if none.
    std::pair<const Xml*, xmlNodePtr> target(const std::string& from,
                                             const std::string& href) const {
        size_t hash = href.find('#');
        std::string file = href.substr(0, hash),
                    id = hash == std::string::npos ? "" : href.substr(hash + 1);
        std::string path = file.empty() ? from : resolve(from, file);
        auto document = documents.find(path);
        if (document == documents.end())
            return {nullptr, nullptr};
        if (id.empty())
            return {document->second.get(), document->second->root()};
        auto nodes = document->second->select("//*[@id='" + id + "']");
        return {document->second.get(), nodes.size() == 1 ? nodes.front() : nullptr};
    }
};

const Epub& epub(const std::string& language) {
    static std::map<std::string, std::unique_ptr<Epub>> opened;
    auto& slot = opened[language];
    if (!slot)
        slot = std::make_unique<Epub>(language);
    return *slot;
}

bool has_class(xmlNodePtr node, const std::string& name) {
    std::istringstream classes(Xml::attribute(node, "class"));
    std::string one;
    while (classes >> one)
        if (one == name)
            return true;
    return false;
}

/// A PDF's page labels, from its /PageLabels (prefix, and decimal or roman numbering).
std::vector<std::string> pdf_page_labels(QPDF& pdf) {
    QPDFPageLabelDocumentHelper helper(pdf);
    std::vector<std::string> labels;
    auto pages = pdf.getAllPages();
    for (size_t p = 0; p < pages.size(); ++p) {
        QPDFObjectHandle label = helper.getLabelForPage(static_cast<long long>(p));
        std::string text = label.hasKey("/P") ? label.getKey("/P").getUTF8Value() : "";
        if (label.hasKey("/S")) {
            long long number = label.hasKey("/St") ? label.getKey("/St").getIntValue() : 1;
            std::string style = label.getKey("/S").getName();
            if (style == "/D") {
                text += std::to_string(number);
            } else if (style == "/r" || style == "/R") {
                // Roman numerals (front matter), PDF 32000-1 §12.4.2.
                static const std::pair<int, const char*> numerals[] = {
                    {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"},
                    {90, "xc"},  {50, "l"},   {40, "xl"}, {10, "x"},   {9, "ix"},
                    {5, "v"},    {4, "iv"},   {1, "i"}};
                std::string roman;
                for (const auto& [value, letters] : numerals)
                    for (; number >= value; number -= value)
                        roman += letters;
                if (style == "/R")
                    for (char& c : roman)
                        c = static_cast<char>(c - 'a' + 'A');
                text += roman;
            } else {
                text += "?" + style; // no book uses another style; it would show here
            }
        }
        labels.push_back(text);
    }
    return labels;
}

} // namespace

TEST_CASE("each edition's EPUB opens: mimetype first and stored, every document well-formed XML") {
    for (const std::string& language : editions) {
        INFO(language);
        const Epub& book = epub(language);
        REQUIRE(!book.entries.empty());
        CHECK(book.entries[0].name == "mimetype");
        CHECK(book.entries[0].method == ZIP_CM_STORE);
        CHECK(book.entries[0].data == "application/epub+zip");
        CHECK(book.documents.size() > 60);
        for (const auto& [href, xml] : book.documents) {
            INFO(href << ": " << xml->error());
            CHECK(xml->ok());
        }
        for (const auto& [href, type] : book.media_types)
            CHECK(book.files.count(href));
        CHECK(book.navigation == "text/contents.xhtml");
    }
}

TEST_CASE("every image has a text alternative") {
    for (const std::string& language : editions) {
        INFO(language);
        const Epub& book = epub(language);
        size_t images = 0;
        for (const auto& [href, xml] : book.documents) {
            INFO(href);
            for (xmlNodePtr image : xml->select("//h:img")) {
                ++images;
                CHECK(!Xml::attribute(image, "alt").empty());
            }
            // An SVG is an image named by its <title> (aria-labelledby), never empty.
            for (xmlNodePtr svg : xml->select("//svg:svg")) {
                ++images;
                CHECK(Xml::attribute(svg, "role") == "img");
                std::string label = Xml::attribute(svg, "aria-labelledby");
                REQUIRE(!label.empty());
                auto titles = xml->select("svg:title[@id='" + label + "']", svg);
                REQUIRE(titles.size() == 1);
                CHECK(Xml::text(titles[0]).size() > 20);
                // Inline SVG takes xml:lang (the edition's); lang is not SVG 1.1.
                CHECK(Xml::attribute(svg, "lang", mipex::testing::xml_namespace) == language);
            }
            if (xml->select("//svg:svg").size() > 0)
                CHECK(book.properties.at(href).find("svg") != std::string::npos);
        }
        // The charts of the default book: 8 areas × (ranking, map), 56 countries × 4, and the
        // parts' openers.
        CHECK(images > 230);
    }
}

TEST_CASE("every chart's data table is reachable from the chart, and leads back") {
    for (const std::string& language : editions) {
        INFO(language);
        const Epub& book = epub(language);
        std::set<std::string> spine(book.spine.begin(), book.spine.end());
        size_t charts = 0, tables = 0;
        for (const auto& [href, xml] : book.documents) {
            for (xmlNodePtr figure : xml->select("//h:figure")) {
                if (!has_class(figure, "chart"))
                    continue;
                ++charts;
                std::string id = Xml::attribute(figure, "id");
                INFO(href << "#" << id);
                // The description is text beside the chart.
                CHECK(Xml::text(
                          xml->select("h:figcaption/h:p[@class='chart-description']", figure).at(0))
                          .size() > 20);
                auto links = xml->select("h:figcaption//h:a", figure);
                REQUIRE(links.size() == 1);
                std::string link = Xml::attribute(links[0], "href");
                auto [document, table] = book.target(href, link);
                REQUIRE(table);
                CHECK(Xml::name(table) == "table");
                CHECK(spine.count(resolve(href, link.substr(0, link.find('#')))));
                // A data table: a caption, and headers with their scope.
                CHECK(document->select("h:caption", table).size() == 1);
                CHECK(document->select(".//h:th[@scope='col']", table).size() >= 1);
                CHECK(document->select(".//h:th[@scope='row']", table).size() >= 1);
                // From the table back to the chart.
                auto back = document->select("following-sibling::h:p[1]/h:a", table);
                REQUIRE(back.size() == 1);
                std::string table_file = resolve(href, link.substr(0, link.find('#')));
                CHECK(book.target(table_file, Xml::attribute(back[0], "href")).second == figure);
            }
            for (xmlNodePtr table : xml->select("//h:table"))
                tables += Xml::attribute(table, "id").rfind("data-", 0) == 0;
        }
        CHECK(charts > 230);
        CHECK(tables == charts);
    }
}

TEST_CASE("every link inside the EPUB lands on an element that exists") {
    for (const std::string& language : editions) {
        INFO(language);
        const Epub& book = epub(language);
        size_t links = 0;
        for (const auto& [href, xml] : book.documents)
            for (xmlNodePtr link : xml->select("//h:a[@href]")) {
                std::string target = Xml::attribute(link, "href");
                if (target.rfind("https://", 0) == 0 || target.rfind("http://", 0) == 0)
                    continue;
                ++links;
                INFO(href << " -> " << target);
                CHECK(book.target(href, target).second);
            }
        CHECK(links > 1000);
    }
}

TEST_CASE(
    "language and direction are set on every document, and untranslated text says it is English") {
    for (const std::string& language : editions) {
        INFO(language);
        const Epub& book = epub(language);
        for (const auto& [href, xml] : book.documents) {
            INFO(href);
            CHECK(xml->value("string(/h:html/@lang)") == language);
            CHECK(xml->value("string(/h:html/@xml:lang)") == language);
            CHECK(xml->value("string(/h:html/@dir)") == (language == "ar" ? "rtl" : "ltr"));
        }
        Xml opf(book.package);
        CHECK(opf.value("string(//dc:language)") == language);
        CHECK(opf.value("string(/opf:package/opf:spine/@page-progression-direction)") ==
              (language == "ar" ? "rtl" : ""));
        // The profiles' prose is not translated in the shipped catalogs: it is marked English,
        // and set left to right in the Arabic edition.
        const Xml& sweden = *book.documents.at("text/country-SE.xhtml");
        auto english = sweden.select("//h:p[@lang='en']");
        if (language == "en") {
            CHECK(english.empty());
        } else {
            REQUIRE(!english.empty());
            CHECK(Xml::attribute(english[0], "dir") == (language == "ar" ? "ltr" : ""));
        }
    }
}

TEST_CASE("the accessibility metadata and conformance claim are in every package") {
    for (const std::string& language : editions) {
        INFO(language);
        Xml opf(epub(language).package);
        auto count = [&](const std::string& property, const std::string& value) {
            return opf.value("count(//opf:meta[@property='" + property +
                             "' and normalize-space(.)='" + value + "'])");
        };
        CHECK(count("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA") == "1");
        CHECK(count("schema:accessMode", "textual") == "1");
        CHECK(count("schema:accessModeSufficient", "textual") == "1");
        CHECK(count("schema:accessibilityHazard", "none") == "1");
        for (const char* feature : {"structuralNavigation", "tableOfContents", "pageNavigation",
                                    "pageBreakMarkers", "alternativeText", "longDescription"})
            CHECK(count("schema:accessibilityFeature", feature) == "1");
        CHECK(opf.value("string-length(//opf:meta[@property='schema:accessibilitySummary'])") !=
              "0");
        // The summary is in the edition's language (every shipped catalog translates it).
        CHECK(opf.value("string(//opf:meta[@property='schema:accessibilitySummary']/@xml:lang)") ==
              "");
        CHECK(opf.value("string(//opf:meta[@property='a11y:certifiedBy'])") != "");
        CHECK(opf.value("string(//opf:meta[@property='dcterms:modified'])") ==
              "2023-11-14T22:13:20Z");
    }
}

TEST_CASE(
    "the page-list has every page of the PDF, and each PDF page's headings follow its marker") {
    for (const std::string& language : editions) {
        INFO(language);
        const Epub& book = epub(language);
        QPDF pdf;
        pdf.processFile((books().folder / ("mipex-" + language + ".pdf")).c_str());
        std::vector<std::string> labels = pdf_page_labels(pdf);
        REQUIRE(labels.size() > 200);

        const Xml& nav = *book.documents.at(book.navigation);
        auto entries = nav.select("//h:nav[@epub:type='page-list']//h:a");
        REQUIRE(entries.size() == labels.size());
        for (size_t p = 0; p < entries.size(); ++p) {
            INFO("page " << p + 1);
            CHECK(Xml::text(entries[p]) == labels[p]);
            auto [document, marker] =
                book.target(book.navigation, Xml::attribute(entries[p], "href"));
            REQUIRE(marker);
            CHECK(Xml::attribute(marker, "type", mipex::testing::epub_namespace) == "pagebreak");
            CHECK(Xml::attribute(marker, "role") == "doc-pagebreak");
            CHECK(Xml::attribute(marker, "aria-label") == labels[p]);
        }

        // The page each heading's named destination is on in the PDF.
        std::map<std::string, std::string> heading_pages;
        std::map<QPDFObjGen, size_t> page_numbers;
        auto pages = pdf.getAllPages();
        for (size_t p = 0; p < pages.size(); ++p)
            page_numbers[pages[p].getObjGen()] = p;
        QPDFNameTreeObjectHelper destinations(pdf.getRoot().getKey("/Names").getKey("/Dests"), pdf);
        for (auto [name, destination] : destinations) {
            if (destination.isDictionary())
                destination = destination.getKey("/D");
            if (destination.isArray() && destination.getArrayNItems() > 0)
                if (auto found = page_numbers.find(destination.getArrayItem(0).getObjGen());
                    found != page_numbers.end())
                    heading_pages[name] = labels[found->second];
        }
        // Reading the EPUB in order, the last page-break marker before a heading is the PDF
        // page the heading is on.
        size_t checked = 0;
        std::string page;
        for (const std::string& href : book.spine) {
            const Xml& document = *book.documents.at(href);
            for (xmlNodePtr node :
                 document.select("//*[@epub:type='pagebreak' or self::h:h1 or self::h:h2 or "
                                 "self::h:h3 or self::h:h4]")) {
                if (Xml::attribute(node, "type", mipex::testing::epub_namespace) == "pagebreak") {
                    page = Xml::attribute(node, "aria-label");
                    continue;
                }
                auto found = heading_pages.find(Xml::attribute(node, "id"));
                if (found == heading_pages.end())
                    continue;
                INFO(href << "#" << found->first);
                CHECK(page == found->second);
                ++checked;
            }
        }
        // Every chapter and profile heading, and the annex's.
        CHECK(checked > 70);
    }
}

TEST_CASE(
    "the same input and SOURCE_DATE_EPOCH give the same EPUB bytes, in any time zone and order") {
    fs::path second = books().folder / "again";
    build_books("TZ=Pacific/Auckland", "--format epub -j 1", second);
    for (const std::string& language : editions) {
        INFO(language);
        std::string name = "mipex-" + language + ".epub";
        CHECK(read_text(books().folder / name) == read_text(second / name));
    }
}

TEST_CASE("each EPUB holds every overall score: ranked, and in each profile's key figures") {
    for (const std::string& language : {std::string("en"), std::string("de")}) {
        INFO(language);
        const Epub& book = epub(language);
        size_t rankings = 0, key_figures = 0;
        for (const auto& [href, document] : book.documents) {
            for (xmlNodePtr figure : document->select("//h:figure"))
                if (Xml::attribute(figure, "id").find("ranking-overall") != std::string::npos)
                    ++rankings;
            // A profile's key figures: one list for each overall score.
            key_figures += document->select("//h:dl").size();
        }
        CHECK(rankings >= 2);
        CHECK(key_figures >= 2 * 56);
    }
}
