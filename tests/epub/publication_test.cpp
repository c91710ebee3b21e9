// The EPUB stage on small documents made by hand: what each block becomes in XHTML, the
// navigation document, page-break markers where the pipeline says the PDF's pages begin,
// language and direction, the accessibility metadata, and the zip container (mimetype first
// and stored, the same bytes for the same publication).
#include "epub/container.h"
#include "epub/publication.h"
#include "support/epub.h"

#include <catch2/catch.hpp>
#include <zip.h>

using namespace mipex;
using mipex::testing::Xml;

namespace {

const doc::Style& style(const std::string& name, const std::string& family = "Noto Serif") {
    static std::map<std::string, doc::Style> styles;
    doc::Style& style = styles[name];
    style.name = name;
    style.family = family;
    style.size = from_pt(name == "h1" ? 16 : 10);
    style.leading = from_pt(name == "h1" ? 20 : 14);
    style.align = name == "body" ? doc::Align::Justify : doc::Align::Start;
    return style;
}

doc::Span span(std::string text, uint8_t flags = doc::Span::Plain) {
    doc::Span result;
    result.text = std::move(text);
    result.flags = flags;
    return result;
}

doc::Heading heading(int level, std::string text, std::string anchor, std::optional<int> outline) {
    doc::Heading result;
    result.level = level;
    result.style = &style("h1", "Noto Sans");
    result.text = std::move(text);
    result.anchor = std::move(anchor);
    result.outline_level = outline;
    result.toc_level = outline;
    return result;
}

doc::Table::Cell cell(std::string text) {
    doc::Table::Cell result;
    result.spans.push_back(span(std::move(text)));
    result.style = &style("table", "Noto Sans");
    return result;
}

doc::Table table(std::string caption) {
    doc::Table result;
    result.caption = std::move(caption);
    result.columns = {doc::Table::Column{1, doc::Align::Start},
                      doc::Table::Column{1, doc::Align::End}};
    result.header.push_back(doc::Table::Row{{cell("Country"), cell("Score")}});
    result.body.push_back(doc::Table::Row{{cell("Sweden"), cell("87")}});
    result.body.push_back(doc::Table::Row{{cell("Norway"), cell("69")}});
    return result;
}

/// A book of three sections: contents, a part opener, and a chapter with every kind of block.
doc::Document sample() {
    doc::Document document;
    document.metadata = {"Tiny Index", "Test team", "Policies compared", "migration, integration",
                         "en",         "mipex"};
    doc::Section contents;
    contents.id = "contents";
    contents.kind = doc::Section::Kind::Contents;
    contents.front_matter = true;
    contents.chapter_title = "Contents";
    contents.blocks.push_back(heading(1, "Contents", "contents", 0));
    contents.blocks.push_back(doc::TableOfContents{&style("toc"), &style("toc")});

    doc::Section part;
    part.id = "part-countries";
    part.kind = doc::Section::Kind::PartOpener;
    part.chapter_title = "Country profiles";
    part.blocks.push_back(heading(0, "Country profiles", "part-countries", 0));

    doc::Section chapter;
    chapter.id = "country-SE";
    chapter.chapter_title = "Sweden";
    chapter.blocks.push_back(heading(1, "Sweden", "country-SE", 1));
    doc::KeyFigures figures;
    figures.value_style = &style("score_big", "Noto Sans");
    figures.label_style = &style("small", "Noto Sans");
    figures.figures.push_back({"87", "Overall score", std::nullopt});
    figures.figures.push_back({"Favourable", "Band", Color{0x45, 0x75, 0xb4, 255}});
    chapter.blocks.push_back(figures);
    doc::Paragraph paragraph{&style("body"), {}, {}};
    paragraph.footnote_style = &style("footnote");
    paragraph.spans.push_back(span("Sweden "));
    paragraph.spans.push_back(span("leads", doc::Span::Emphasis));
    doc::Span back = span(" the ranking (see ");
    paragraph.spans.push_back(back);
    doc::Span page;
    page.page_of = "part-countries";
    paragraph.spans.push_back(page);
    doc::Span external = span(") and the ");
    paragraph.spans.push_back(external);
    doc::Span uri = span("methodology");
    uri.uri = "https://www.mipex.eu/methodology";
    paragraph.spans.push_back(uri);
    doc::Span elsewhere = span(", unlike Latvia");
    elsewhere.link = "country-LV"; // not in this book: printed without a link
    paragraph.spans.push_back(elsewhere);
    doc::Span reference = span("1", doc::Span::Superscript);
    reference.link = "country-SE-fn-1";
    reference.anchor = "country-SE-fnref-1";
    paragraph.spans.push_back(reference);
    paragraph.spans.push_back(span("."));
    doc::Footnote note;
    note.number = "1";
    note.anchor = "country-SE-fn-1";
    note.reference = "country-SE-fnref-1";
    note.spans.push_back(span("Illustrative scores."));
    paragraph.footnotes.push_back(note);
    chapter.blocks.push_back(paragraph);
    doc::List list;
    list.items.push_back(doc::Paragraph{&style("body"), {span("first")}, {}});
    list.items.push_back(doc::Paragraph{&style("body"), {span("second")}, {}});
    chapter.blocks.push_back(list);
    chapter.blocks.push_back(table("Sweden: dimension scores"));
    doc::Chart chart;
    doc::ChangeChart change;
    change.title = "Sweden: change in points";
    chart.spec = change;
    chart.name = "change-SE";
    chart.alt = "Bar chart of the change in Sweden's scores.";
    chart.description = "Labour market mobility +8; Health +3.";
    doc::Table data = table("");
    data.caption.reset();
    chart.data = std::make_shared<const doc::Table>(std::move(data));
    chapter.blocks.push_back(chart);
    document.sections = {contents, part, chapter};
    return document;
}

epub::Sources sources() {
    epub::Sources result;
    result.pages = {{"i", 0, 0}, {"1", 1, 0}, {"2", 2, 0}, {"3", 2, 3}, {"4", 2, 3}};
    result.destination_pages = {{"part-countries", "1"}, {"country-SE", "2"}};
    result.chart_svgs["change-SE"] =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\" role=\"img\" "
        "aria-labelledby=\"change-SE-title\"><title id=\"change-SE-title\">Bar chart of the change "
        "in "
        "Sweden's scores.</title></svg>\n";
    result.strings = {"Contents",
                      "Data of this chart as a table",
                      "Chart data",
                      "Back to the chart",
                      "Pages of the print edition",
                      "Guide",
                      "Accessible.",
                      false};
    result.print_edition = "Tiny Index (mipex-en.pdf)";
    result.source_language = "en";
    result.modified = 1700000000;
    return result;
}

const epub::Item& item(const epub::Publication& publication, const std::string& href) {
    for (const epub::Item& item : publication.items)
        if (item.href == href)
            return item;
    FAIL("no item " << href);
    throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("every section is an XHTML content document in the spine, in the book's order") {
    epub::Publication publication = epub::build_publication(sample(), sources());
    std::vector<std::string> spine;
    for (const epub::Item& item : publication.items) {
        if (item.spine)
            spine.push_back(item.href);
        if (item.media_type == "application/xhtml+xml") {
            Xml xml(item.data, item.href);
            INFO(xml.error());
            CHECK(xml.ok());
        }
    }
    CHECK(spine == std::vector<std::string>{"text/contents.xhtml", "text/part-countries.xhtml",
                                            "text/country-SE.xhtml", "text/data-country-SE.xhtml"});
    CHECK(publication.navigation == "text/contents.xhtml");
    CHECK(item(publication, "text/contents.xhtml").properties == "nav");
    CHECK(item(publication, "text/country-SE.xhtml").properties == "svg");
    CHECK(item(publication, "css/book.css").media_type == "text/css");
}

TEST_CASE("headings rank by the book's structure, and blocks keep their meaning") {
    epub::Publication publication = epub::build_publication(sample(), sources());
    Xml part(item(publication, "text/part-countries.xhtml").data);
    CHECK(part.value("string(//h:h1/@id)") == "part-countries");
    CHECK(part.value("string(//h:section/@role)") == "doc-part");
    Xml chapter(item(publication, "text/country-SE.xhtml").data);
    REQUIRE(chapter.ok());
    CHECK(chapter.value("string(//h:h2/@id)") == "country-SE");
    CHECK(chapter.value("count(//h:h1)") == "0");
    CHECK(chapter.value("string(//h:section/@role)") == "doc-chapter");
    CHECK(chapter.value("string(//h:section/@epub:type)") == "chapter");
    CHECK(chapter.value("string(//h:section/@aria-labelledby)") == "country-SE");
    CHECK(chapter.value("string(/h:html/h:head/h:title)") == "Sweden");
    // Key figures: the label names the value.
    CHECK(chapter.value("string(//h:dl/h:div[1]/h:dt)") == "Overall score");
    CHECK(chapter.value("string(//h:dl/h:div[1]/h:dd)") == "87");
    // Inline runs.
    CHECK(chapter.value("string(//h:p/h:em)") == "leads");
    CHECK(chapter.value("string(//h:p/h:a[@href='https://www.mipex.eu/methodology'])") ==
          "methodology");
    // A page reference prints the PDF's page and leads to the place.
    CHECK(chapter.value("string(//h:p/h:a[@href='part-countries.xhtml#part-countries'])") == "1");
    // A destination the book lacks is text without a link.
    CHECK(chapter.value("count(//h:a[contains(@href, 'country-LV')])") == "0");
    CHECK(chapter.value("string(//h:p)").find("unlike Latvia") != std::string::npos);
    // Lists and tables.
    CHECK(chapter.value("count(//h:ul/h:li)") == "2");
    CHECK(chapter.value("string(//h:table/h:caption)") == "Sweden: dimension scores");
    CHECK(chapter.value("count(//h:table/h:thead//h:th[@scope='col'])") == "2");
    CHECK(chapter.value("count(//h:table/h:tbody//h:th[@scope='row'])") == "2");
    CHECK(chapter.value("string(//h:table/h:tbody/h:tr[1]/h:td)") == "87");
}

TEST_CASE("footnotes are asides after the text, linked both ways") {
    epub::Publication publication = epub::build_publication(sample(), sources());
    Xml chapter(item(publication, "text/country-SE.xhtml").data);
    auto references = chapter.select("//h:sup/h:a[@epub:type='noteref']");
    REQUIRE(references.size() == 1);
    CHECK(Xml::attribute(references[0], "href") == "#country-SE-fn-1");
    CHECK(Xml::attribute(references[0], "id") == "country-SE-fnref-1");
    CHECK(Xml::attribute(references[0], "role") == "doc-noteref");
    auto notes = chapter.select("//h:aside[@epub:type='footnote']");
    REQUIRE(notes.size() == 1);
    CHECK(Xml::attribute(notes[0], "id") == "country-SE-fn-1");
    CHECK(Xml::attribute(notes[0], "role") == "doc-footnote");
    CHECK(chapter.value("string(//h:aside//h:a[@role='doc-backlink']/@href)") ==
          "#country-SE-fnref-1");
    CHECK(Xml::text(notes[0]).find("Illustrative scores.") != std::string::npos);
}

TEST_CASE(
    "a chart is its SVG named by the alt text, its description, and a link to its data table") {
    epub::Publication publication = epub::build_publication(sample(), sources());
    Xml chapter(item(publication, "text/country-SE.xhtml").data);
    auto figures = chapter.select("//h:figure[@id='chart-change-SE']");
    REQUIRE(figures.size() == 1);
    CHECK(chapter.value("string(//h:figure/svg:svg/@role)") == "img");
    CHECK(chapter.value("string(//h:figure/svg:svg/svg:title)") ==
          "Bar chart of the change in Sweden's scores.");
    CHECK(chapter.value("string(//h:figure/h:figcaption/h:p[1])") ==
          "Labour market mobility +8; Health +3.");
    CHECK(chapter.value("string(//h:figcaption//h:a/@href)") ==
          "data-country-SE.xhtml#data-change-SE");
    CHECK(chapter.value("string(//h:figcaption//h:a)") == "Data of this chart as a table");

    Xml data(item(publication, "text/data-country-SE.xhtml").data);
    REQUIRE(data.ok());
    CHECK(data.value("string(//h:h1)") == "Chart data");
    CHECK(data.value("string(//h:h2)") == "Sweden");
    // The table is captioned with the chart's title when it has no caption of its own.
    CHECK(data.value("string(//h:table[@id='data-change-SE']/h:caption)") ==
          "Sweden: change in points");
    CHECK(data.value("count(//h:table[@id='data-change-SE']//h:th[@scope])") == "4");
    CHECK(
        data.value("string(//h:table[@id='data-change-SE']/following-sibling::h:p[1]/h:a/@href)") ==
        "country-SE.xhtml#chart-change-SE");
}

TEST_CASE("a chart without a drawing keeps its alt text") {
    epub::Sources without = sources();
    without.chart_svgs.clear();
    epub::Publication publication = epub::build_publication(sample(), without);
    Xml chapter(item(publication, "text/country-SE.xhtml").data);
    CHECK(chapter.value("string(//h:figure/h:p[@class='chart-alt'])") ==
          "Bar chart of the change in Sweden's scores.");
    CHECK(item(publication, "text/country-SE.xhtml").properties.empty());
}

TEST_CASE("page-break markers stand where the PDF's pages begin, and the page-list leads to them") {
    epub::Publication publication = epub::build_publication(sample(), sources());
    Xml chapter(item(publication, "text/country-SE.xhtml").data);
    auto markers = chapter.select("//*[@epub:type='pagebreak']");
    REQUIRE(markers.size() == 3);
    CHECK(Xml::attribute(markers[0], "id") == "page-3");
    CHECK(Xml::attribute(markers[0], "aria-label") == "2");
    CHECK(Xml::attribute(markers[0], "role") == "doc-pagebreak");
    // Before the chapter's heading, and two pages beginning in its fourth block (the list).
    CHECK(Xml::name(xmlNextElementSibling(markers[0])) == "h2");
    CHECK(Xml::attribute(markers[1], "aria-label") == "3");
    CHECK(Xml::attribute(markers[2], "aria-label") == "4");
    CHECK(Xml::name(xmlNextElementSibling(markers[2])) == "ul");

    Xml nav(item(publication, "text/contents.xhtml").data);
    auto pages = nav.select("//h:nav[@epub:type='page-list']//h:a");
    REQUIRE(pages.size() == 5);
    CHECK(Xml::text(pages[0]) == "i");
    CHECK(Xml::attribute(pages[0], "href") == "contents.xhtml#page-1");
    CHECK(Xml::attribute(pages[3], "href") == "country-SE.xhtml#page-4");
    CHECK(nav.value("string(//h:nav[@epub:type='page-list']/@hidden)") == "hidden");
    CHECK(nav.value("string(//h:nav[@epub:type='page-list']/@aria-label)") ==
          "Pages of the print edition");
}

TEST_CASE("the navigation document holds the contents tree and the landmarks") {
    epub::Publication publication = epub::build_publication(sample(), sources());
    Xml nav(item(publication, "text/contents.xhtml").data);
    REQUIRE(nav.ok());
    auto toc = nav.select("//h:nav[@epub:type='toc']");
    REQUIRE(toc.size() == 1);
    CHECK(Xml::attribute(toc[0], "role") == "doc-toc");
    CHECK(Xml::attribute(toc[0], "aria-labelledby") == "contents");
    // Top level: contents, the part (with the chapter inside it), the chart data.
    auto top = nav.select("//h:nav[@epub:type='toc']/h:ol/h:li/h:a");
    REQUIRE(top.size() == 3);
    CHECK(Xml::text(top[1]) == "Country profiles");
    CHECK(Xml::text(top[2]) == "Chart data");
    CHECK(Xml::attribute(top[2], "href") == "data-country-SE.xhtml#chart-data");
    CHECK(nav.value("string(//h:nav[@epub:type='toc']/h:ol/h:li[2]/h:ol/h:li/h:a/@href)") ==
          "country-SE.xhtml#country-SE");
    CHECK(nav.value("string(//h:nav[@epub:type='landmarks']//h:a[@epub:type='toc']/@href)") ==
          "contents.xhtml#toc");
    CHECK(
        nav.value("string(//h:nav[@epub:type='landmarks']//h:a[@epub:type='bodymatter']/@href)") ==
        "part-countries.xhtml");
}

TEST_CASE("a book without contents gets a navigation document outside the reading order") {
    doc::Document document = sample();
    document.sections.erase(document.sections.begin());
    epub::Sources without = sources();
    without.pages.clear();
    epub::Publication publication = epub::build_publication(document, without);
    CHECK(publication.navigation == "text/nav.xhtml");
    const epub::Item& nav = item(publication, "text/nav.xhtml");
    CHECK(nav.properties == "nav");
    CHECK_FALSE(nav.spine);
    Xml xml(nav.data);
    CHECK(xml.value("count(//h:nav[@epub:type='toc']//h:a)") == "3");
    CHECK(xml.value("count(//h:nav[@epub:type='page-list'])") == "0");
}

TEST_CASE(
    "language and direction on every document, and untranslated text marked with its language") {
    doc::Document document = sample();
    document.metadata.language = "ar";
    document.right_to_left = true;
    auto& paragraph = std::get<doc::Paragraph>(document.sections[2].blocks[2]);
    for (doc::Span& run : paragraph.spans)
        run.key = "country.SE.profile";
    auto& list = std::get<doc::List>(document.sections[2].blocks[3]);
    list.items[1].spans[0].key = "ui.second";
    auto& table = std::get<doc::Table>(document.sections[2].blocks[4]);
    table.body[0].cells[0].spans.push_back(span(" (2019)"));
    table.body[0].cells[0].spans[0].key = "country.SE.name";
    epub::Sources arabic = sources();
    arabic.source_language_keys = {"country.SE.profile", "ui.second", "country.SE.name"};
    arabic.strings.summary_in_source_language = true;
    epub::Publication publication = epub::build_publication(document, arabic);
    for (const epub::Item& item : publication.items) {
        if (item.media_type != "application/xhtml+xml")
            continue;
        Xml xml(item.data);
        INFO(item.href);
        CHECK(xml.value("string(/h:html/@dir)") == "rtl");
        CHECK(xml.value("string(/h:html/@lang)") == "ar");
        CHECK(xml.value("string(/h:html/@xml:lang)") == "ar");
    }
    Xml chapter(item(publication, "text/country-SE.xhtml").data);
    // The whole paragraph is English: its element says so, and sets it left to right.
    auto english = chapter.select("//h:p[@lang='en']");
    REQUIRE(english.size() == 1);
    CHECK(Xml::attribute(english[0], "lang", testing::xml_namespace) == "en");
    CHECK(Xml::attribute(english[0], "dir") == "ltr");
    // One list item of two; in a paragraph partly translated, the run.
    CHECK(chapter.value("string(//h:li[2]/@lang)") == "en");
    CHECK(chapter.value("count(//h:li[1]/@lang)") == "0");
    CHECK(chapter.value("string(//h:table//h:span[@lang='en'])") == "Sweden");

    std::string package = epub::package_document(publication);
    Xml opf(package);
    CHECK(opf.value("string(/opf:package/@dir)") == "rtl");
    CHECK(opf.value("string(/opf:package/opf:spine/@page-progression-direction)") == "rtl");
    CHECK(opf.value("string(//dc:language)") == "ar");
    // Metadata still in English says so.
    CHECK(opf.value("string(//opf:meta[@property='schema:accessibilitySummary']/@xml:lang)") ==
          "en");
    CHECK(opf.value("string(//dc:subject[. = 'migration']/@xml:lang)") == "en");
}

TEST_CASE("the package declares the accessibility of the publication and the source of its pages") {
    epub::Publication publication = epub::build_publication(sample(), sources());
    Xml opf(epub::package_document(publication));
    REQUIRE(opf.ok());
    auto values = [&](const std::string& property) {
        std::set<std::string> out;
        for (xmlNodePtr node : opf.select("//opf:meta[@property='" + property + "']"))
            out.insert(Xml::text(node));
        return out;
    };
    CHECK(values("schema:accessMode") == std::set<std::string>{"textual", "visual"});
    CHECK(values("schema:accessModeSufficient") ==
          std::set<std::string>{"textual", "textual,visual"});
    std::set<std::string> features = values("schema:accessibilityFeature");
    for (const char* feature : {"structuralNavigation", "tableOfContents", "pageBreakMarkers",
                                "pageNavigation", "alternativeText", "longDescription"})
        CHECK(features.count(feature));
    CHECK(values("schema:accessibilityHazard") == std::set<std::string>{"none"});
    CHECK(values("schema:accessibilitySummary") == std::set<std::string>{"Accessible."});
    CHECK(values("dcterms:conformsTo") ==
          std::set<std::string>{"EPUB Accessibility 1.1 - WCAG 2.1 Level AA"});
    CHECK(values("a11y:certifiedBy") == std::set<std::string>{"Test team"});
    CHECK(values("dcterms:modified") == std::set<std::string>{"2023-11-14T22:13:20Z"});
    CHECK(opf.value("string(//dc:source)") == "Tiny Index (mipex-en.pdf)");
    CHECK(opf.value("string(//opf:meta[@property='source-of']/@refines)") == "#print-source");
    // The identifier is a UUID that stays the same from build to build, and differs by language.
    std::string identifier = opf.value("string(//dc:identifier[@id='publication-id'])");
    CHECK(identifier.rfind("urn:uuid:", 0) == 0);
    CHECK(identifier.size() == 45);
    CHECK(epub::build_publication(sample(), sources()).identifier == identifier);
    doc::Document german = sample();
    german.metadata.language = "de";
    CHECK(epub::build_publication(german, sources()).identifier != identifier);
}

TEST_CASE("the container: mimetype first and stored, then the package, the same bytes every time") {
    epub::Publication publication = epub::build_publication(sample(), sources());
    std::string error;
    std::string bytes = epub::write_container(publication, 1700000000, 1, error);
    REQUIRE(error.empty());
    // OCF: the first local header is "mimetype", stored, without an extra field, so the
    // file begins with these bytes at fixed offsets.
    REQUIRE(bytes.size() > 58);
    CHECK(bytes.substr(0, 4) == std::string("PK\x03\x04", 4));
    CHECK(bytes[8] == 0);  // compression method: stored
    CHECK(bytes[28] == 0); // extra field length
    CHECK(bytes.substr(30, 28) == "mimetypeapplication/epub+zip");

    auto entries = testing::read_zip(bytes);
    REQUIRE(entries.size() == publication.items.size() + 3);
    CHECK(entries[0].name == "mimetype");
    CHECK(entries[0].method == ZIP_CM_STORE);
    CHECK(entries[1].name == "META-INF/container.xml");
    Xml container(entries[1].data);
    CHECK(container.value("string(//c:rootfile/@full-path)") == "EPUB/package.opf");
    CHECK(entries[2].name == "EPUB/package.opf");
    CHECK(entries[2].data == epub::package_document(publication));
    for (size_t i = 0; i < publication.items.size(); ++i) {
        CHECK(entries[i + 3].name == "EPUB/" + publication.items[i].href);
        CHECK(entries[i + 3].data == publication.items[i].data);
    }

    // Reproducible: the same publication and date give the same bytes; the date is in them.
    CHECK(epub::write_container(epub::build_publication(sample(), sources()), 1700000000, 1,
                                error) == bytes);
    CHECK(epub::write_container(publication, 1700000000 + 86400, 1, error) != bytes);
}

namespace {

/// The container as libzip writes it when it deflates the entries itself
/// (zip_set_file_compression at level 9), with write_container's dates and attributes: the
/// bytes the container had before it deflated its entries on several threads.
std::string libzip_container(const epub::Publication& publication, uint16_t dos_date,
                             uint16_t dos_time) {
    std::vector<std::pair<std::string, std::string>> files = {
        {"mimetype", "application/epub+zip"},
        {"META-INF/container.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                   "<container version=\"1.0\" "
                                   "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
                                   "  <rootfiles>\n"
                                   "    <rootfile full-path=\"EPUB/package.opf\" "
                                   "media-type=\"application/oebps-package+xml\"/>\n"
                                   "  </rootfiles>\n"
                                   "</container>\n"},
        {"EPUB/package.opf", epub::package_document(publication)}};
    for (const epub::Item& item : publication.items)
        files.emplace_back("EPUB/" + item.href, item.data);
    zip_error_t status;
    zip_error_init(&status);
    zip_source_t* archive_source = zip_source_buffer_create(nullptr, 0, 0, &status);
    zip_t* zip = zip_open_from_source(archive_source, ZIP_TRUNCATE, &status);
    zip_source_keep(archive_source);
    for (size_t i = 0; i < files.size(); ++i) {
        const std::string& data = files[i].second;
        zip_int64_t index =
            zip_file_add(zip, files[i].first.c_str(),
                         zip_source_buffer(zip, data.data(), data.size(), 0), ZIP_FL_ENC_UTF_8);
        auto entry = static_cast<zip_uint64_t>(index);
        zip_set_file_compression(zip, entry, i == 0 ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                 i == 0 ? 0 : 9);
        zip_file_set_dostime(zip, entry, dos_time, dos_date, 0);
        zip_file_set_external_attributes(zip, entry, 0, ZIP_OPSYS_UNIX, 0100644u << 16);
    }
    REQUIRE(zip_close(zip) == 0);
    zip_stat_t stat;
    REQUIRE(zip_source_stat(archive_source, &stat) == 0);
    REQUIRE(zip_source_open(archive_source) == 0);
    std::string bytes(static_cast<size_t>(stat.size), '\0');
    REQUIRE(zip_source_read(archive_source, bytes.data(), stat.size) ==
            static_cast<zip_int64_t>(stat.size));
    zip_source_close(archive_source);
    zip_source_free(archive_source);
    zip_error_fini(&status);
    return bytes;
}

} // namespace

TEST_CASE("the container's entries deflated on several threads are the bytes libzip gives") {
    epub::Publication publication = epub::build_publication(sample(), sources());
    // Beside the sample's small files: one longer than libzip's 8 KiB read buffer, and one
    // that deflate makes larger (still deflated, as libzip does at an explicit level).
    epub::Item text{"long", "text/long.xhtml", "application/xhtml+xml", "", false, ""};
    for (int i = 0; text.data.size() < 100000; ++i)
        text.data += "<p>Paragraph " + std::to_string(i * 7919 % 1000) + " of the long text.</p>\n";
    epub::Item noise{"noise", "fonts/noise.ttf", "font/ttf", "", false, ""};
    uint32_t state = 12345;
    for (int i = 0; i < 30000; ++i) {
        state = state * 1103515245u + 12345u; // an LCG: bytes deflate cannot shorten
        noise.data += static_cast<char>(state >> 24);
    }
    publication.items.push_back(text);
    publication.items.push_back(noise);
    // 2023-11-14 22:13:20 UTC, as the container dates its entries.
    std::string expected = libzip_container(publication, ((2023 - 1980) << 9) | (11 << 5) | 14,
                                            (22 << 11) | (13 << 5) | (20 / 2));
    for (unsigned threads : {1u, 2u, 5u}) {
        CAPTURE(threads);
        std::string error;
        CHECK(epub::write_container(publication, 1700000000, threads, error) == expected);
        CHECK(error.empty());
    }
}

TEST_CASE("the container's times are the date in UTC, whatever the local time zone") {
    epub::Publication publication = epub::build_publication(sample(), sources());
    std::string error;
    std::string bytes = epub::write_container(publication, 1700000000, 1, error);
    // 2023-11-14 22:13:20 UTC as a DOS time and date at offsets 10 and 12 of a local header.
    auto u16 = [&](size_t at) {
        return static_cast<unsigned>(static_cast<unsigned char>(bytes[at])) |
               static_cast<unsigned>(static_cast<unsigned char>(bytes[at + 1])) << 8;
    };
    CHECK(u16(10) == ((22u << 11) | (13u << 5) | (20u / 2)));
    CHECK(u16(12) == (((2023u - 1980) << 9) | (11u << 5) | 14u));
    // Before 1980, the earliest DOS date.
    std::string early = epub::write_container(publication, 0, 1, error);
    auto e16 = [&](size_t at) {
        return static_cast<unsigned>(static_cast<unsigned char>(early[at])) |
               static_cast<unsigned>(static_cast<unsigned char>(early[at + 1])) << 8;
    };
    CHECK(e16(12) == ((1u << 5) | 1u));
}

TEST_CASE("the dump lists metadata, manifest, spine and navigation") {
    std::string dump = epub::dump(epub::build_publication(sample(), sources()));
    CHECK(dump.find("publication \"Tiny Index\" lang=en ltr urn:uuid:") == 0);
    CHECK(dump.find(
              "item text-country-SE text/country-SE.xhtml application/xhtml+xml [svg] spine\n") !=
          std::string::npos);
    CHECK(dump.find("  meta dcterms:conformsTo \"EPUB Accessibility 1.1 - WCAG 2.1 Level AA\"\n") !=
          std::string::npos);
    CHECK(dump.find("page-list 5\n  i -> contents.xhtml#page-1\n") != std::string::npos);
    CHECK(dump.find("    Sweden -> country-SE.xhtml#country-SE\n") != std::string::npos);
}
