// The default book, built by the real binary and read back as a reader's tools see it:
// pdftotext (which page a heading landed on, that the contents tell the truth), pdfinfo,
// pdffonts, and the PDF's own outline, links, named destinations and structure tree through
// libqpdf.
#include "pipeline/pipeline.h"
#include "support/run.h"
#include "support/structure.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFNameTreeObjectHelper.hh>
#include <qpdf/QPDFOutlineDocumentHelper.hh>
#include <regex>
#include <set>

namespace fs = std::filesystem;
using namespace mipex::testing;

namespace {

/// Builds the default book's English edition into `folder`, at a fixed date.
void build_book(const fs::path& folder) {
    Run built = run_command(std::string("SOURCE_DATE_EPOCH=1700000000 ") + MIPEX_BINARY +
                            " build --project " + MIPEX_SOURCE_DIR + " --out " + folder.string());
    INFO(built.output << built.errors);
    REQUIRE(built.status == 0);
}

std::string trim(const std::string& text) {
    size_t begin = text.find_first_not_of(" \t");
    size_t end = text.find_last_not_of(" \t");
    return begin == std::string::npos ? "" : text.substr(begin, end - begin + 1);
}

/// The default book, built once for all the tests in this file.
struct Book {
    fs::path folder;
    fs::path pdf;
    std::vector<std::string> pages;  ///< pdftotext -layout, one string per page
    std::vector<std::string> folios; ///< the printed page number of each page ("" if none)

    Book() {
        folder = fs::temp_directory_path() / ("mipex-e2e-" + std::to_string(::getpid()));
        fs::create_directories(folder);
        build_book(folder);
        pdf = folder / "mipex-en.pdf";
        REQUIRE(fs::exists(pdf));
        pages = split(pdf_text(pdf), '\f');
        if (!pages.empty() && trim(pages.back()).empty())
            pages.pop_back();
        for (const std::string& page : pages) {
            // The folio is the last line of a page that is only a number (arabic or roman).
            std::string folio;
            for (const std::string& line : split(page, '\n'))
                if (!trim(line).empty())
                    folio = trim(line);
            static const std::regex number("^([0-9]+|[ivxlc]+)$");
            folios.push_back(std::regex_match(folio, number) ? folio : "");
        }
    }
};

const Book& book() {
    static Book instance;
    return instance;
}

struct TocEntry {
    std::string title;
    std::string page;
};

std::string first_line(const std::string& page) {
    for (const std::string& line : split(page, '\n'))
        if (!trim(line).empty())
            return trim(line);
    return {};
}

/// Entries of the table of contents: the lines ending in a page number on the pages that
/// begin with "Contents" (the heading, then the running head of the pages after it).
std::vector<TocEntry> contents() {
    std::vector<TocEntry> entries;
    static const std::regex entry("^\\s*(\\S.*\\S)\\s{2,}([0-9]+|[ivxlc]+)\\s*$");
    for (const std::string& page : book().pages) {
        if (first_line(page) != "Contents") {
            if (!entries.empty())
                break;
            continue;
        }
        for (const std::string& line : split(page, '\n')) {
            std::smatch match;
            if (std::regex_match(line, match, entry))
                entries.push_back({match[1], match[2]});
        }
    }
    return entries;
}

} // namespace

TEST_CASE("the default book builds and pdfinfo reads its metadata") {
    std::string info = tool_output("pdfinfo " + book().pdf.string());
    CHECK(info.find("Title:           Migrant Integration Policy Index") != std::string::npos);
    CHECK(info.find("Author:          MIPEX editorial team") != std::string::npos);
    CHECK(info.find("Subject:") != std::string::npos);
    CHECK(info.find("Page size:       595.275 x 841.89 pts (A4)") != std::string::npos);
    CHECK(book().pages.size() > 100);
    QPDF pdf;
    pdf.processFile(book().pdf.c_str());
    CHECK(pdf.getRoot().getKey("/Lang").getUTF8Value() == "en");
}

TEST_CASE("every font is embedded as a subset") {
    std::string fonts = tool_output("pdffonts " + book().pdf.string());
    auto lines = split(fonts, '\n');
    REQUIRE(lines.size() > 2);
    int checked = 0;
    for (size_t i = 2; i < lines.size(); ++i) {
        if (trim(lines[i]).empty())
            continue;
        INFO(lines[i]);
        // Columns: name type encoding emb sub uni object ID; the name of a subset has a tag.
        CHECK(std::regex_search(lines[i], std::regex("^[A-Z]{6}\\+")));
        CHECK(std::regex_search(lines[i], std::regex("\\s+yes\\s+yes\\s+yes\\s+")));
        ++checked;
    }
    CHECK(checked >= 3);
}

TEST_CASE("every entry of the contents points at the page where its heading is") {
    std::vector<TocEntry> entries = contents();
    // How to read, 2 parts, 8 areas, 56 countries, the annex and the colophon.
    REQUIRE(entries.size() == 69);
    for (const TocEntry& entry : entries) {
        INFO(entry.title << " -> " << entry.page);
        auto page = std::find(book().folios.begin(), book().folios.end(), entry.page);
        REQUIRE(page != book().folios.end());
        const std::string& text = book().pages[static_cast<size_t>(page - book().folios.begin())];
        // The heading is the first text on its page (chapters start on a new page).
        CHECK(first_line(text) == entry.title);
    }
}

TEST_CASE("every country has a profile, in the contents and in the outline") {
    auto checked = mipex::pipeline::check_project(MIPEX_SOURCE_DIR);
    REQUIRE_FALSE(checked->diagnostics.has_errors());
    std::set<std::string> in_contents;
    for (const TocEntry& entry : contents())
        in_contents.insert(entry.title);

    QPDF pdf;
    pdf.processFile(book().pdf.c_str());
    QPDFOutlineDocumentHelper outlines(pdf);
    std::set<std::string> in_outline;
    std::function<void(std::vector<QPDFOutlineObjectHelper>)> walk =
        [&](std::vector<QPDFOutlineObjectHelper> items) {
            for (auto& item : items) {
                in_outline.insert(item.getTitle());
                walk(item.getKids());
            }
        };
    walk(outlines.getTopLevelOutlines());

    for (const auto& country : checked->model.countries) {
        INFO(country.name.source);
        CHECK(in_contents.count(country.name.source));
        CHECK(in_outline.count(country.name.source));
    }
    // The countries sit under the "Country profiles" entry of the outline.
    bool nested = false;
    for (auto& top : outlines.getTopLevelOutlines())
        if (top.getTitle() == "Country profiles")
            nested = top.getKids().size() == checked->model.countries.size();
    CHECK(nested);
}

TEST_CASE("the contents link to named destinations that exist") {
    QPDF pdf;
    pdf.processFile(book().pdf.c_str());
    QPDFObjectHandle names = pdf.getRoot().getKey("/Names");
    REQUIRE(names.isDictionary());
    QPDFNameTreeObjectHelper destinations(names.getKey("/Dests"), pdf);
    size_t links = 0;
    for (QPDFObjectHandle page : pdf.getAllPages()) {
        QPDFObjectHandle annotations = page.getKey("/Annots");
        if (!annotations.isArray())
            continue;
        for (QPDFObjectHandle annotation : annotations.aitems()) {
            if (annotation.getKey("/Subtype").getName() != "/Link")
                continue;
            QPDFObjectHandle destination = annotation.getKey("/Dest");
            if (!destination.isString())
                continue;
            INFO(destination.getUTF8Value());
            CHECK(destinations.hasName(destination.getUTF8Value()));
            ++links;
        }
    }
    // At least one link per entry of the contents.
    CHECK(links >= contents().size());
}

TEST_CASE("qpdf --check finds nothing wrong in the file") {
    Run checked = run_command("qpdf --check " + book().pdf.string());
    INFO(checked.output << checked.errors);
    CHECK(checked.status == 0);
    CHECK(checked.output.find("No syntax or stream encoding errors found") != std::string::npos);
}

TEST_CASE("the same input and SOURCE_DATE_EPOCH give the same bytes") {
    fs::path second = book().folder / "again";
    build_book(second);
    std::string info = tool_output("pdfinfo " + (second / "mipex-en.pdf").string());
    CHECK(info.find("CreationDate:    Tue Nov 14 22:13:20 2023 UTC") != std::string::npos);
    CHECK(read_text(book().pdf) == read_text(second / "mipex-en.pdf"));
}

// Tagged PDF (issue 9): what a screen reader finds, checked as the machine-checkable Matterhorn
// points of PDF/UA-1 are (no validator installs here, DESIGN.md).
TEST_CASE("the book is tagged: headings in order, figures with alt text, tables, links") {
    std::string info = tool_output("pdfinfo " + book().pdf.string());
    CHECK(info.find("Tagged:          yes") != std::string::npos);
    QPDF pdf;
    pdf.processFile(book().pdf.c_str());
    tagged_pdf::ReadStructure structure = tagged_pdf::read_structure(pdf);
    CHECK(structure.marked);
    CHECK(structure.parent_tree);
    CHECK(structure.lang == "en");
    CHECK(pdf.getRoot().getKey("/ViewerPreferences").getKey("/DisplayDocTitle").getBoolValue());
    REQUIRE(structure.elements.size() > 1000);
    CHECK(structure.elements.front().role == "Document");

    // Headings: one H1 per chapter, in the order of the contents (and so of the pages), and no
    // level skipped on the way down (Matterhorn 14-003).
    std::vector<int> h1_pages;
    int level = 0;
    std::map<std::string, size_t> roles;
    for (size_t e = 0; e < structure.elements.size(); ++e) {
        const auto& element = structure.elements[e];
        ++roles[element.role];
        if (element.role.size() == 2 && element.role[0] == 'H' && isdigit(element.role[1])) {
            int this_level = element.role[1] - '0';
            INFO("heading " << element.role << " after H" << level);
            CHECK(this_level <= level + 1);
            level = this_level;
            CHECK(element.marked > 0);
            if (this_level == 1 && !element.pages.empty())
                h1_pages.push_back(*element.pages.begin());
        }
    }
    CHECK(h1_pages.size() == contents().size() + 1); // the contents' own heading too
    CHECK(std::is_sorted(h1_pages.begin(), h1_pages.end()));
    for (size_t i = 0; i + 1 < h1_pages.size(); ++i)
        CHECK(h1_pages[i] < h1_pages[i + 1]);

    // Every figure says what it shows; every header cell which cells it heads.
    size_t figures = 0;
    for (const auto& element : structure.elements) {
        if (element.role == "Figure") {
            ++figures;
            INFO("figure " << figures);
            CHECK(element.has_alt);
            CHECK(element.alt.size() > 10);
        }
        if (element.role == "TH")
            CHECK(element.scope == "Column");
    }
    CHECK(figures > 100);
    CHECK(roles["P"] > 100);
    CHECK(roles["Table"] > 10);
    CHECK(roles["TD"] > roles["TR"]);
    CHECK(roles["L"] >= 1);
    CHECK(roles["LI"] == roles["LBody"]);
    CHECK(roles["TOCI"] == contents().size());

    // A table that crosses pages is one element with content on several (a paragraph that does
    // is in the layout goldens: the book has none).
    bool table_across_pages = false;
    for (size_t e = 0; e < structure.elements.size(); ++e)
        if (structure.elements[e].role == "Table" && structure.subtree_pages[e].size() > 1)
            table_across_pages = true;
    CHECK(table_across_pages);

    // Every link annotation belongs to a Link element (through /StructParent), and every page
    // has its marked content in the parent tree.
    size_t annotations = 0, described = 0;
    for (QPDFObjectHandle page : pdf.getAllPages()) {
        CHECK(page.getKey("/StructParents").isInteger());
        QPDFObjectHandle list = page.getKey("/Annots");
        if (!list.isArray())
            continue;
        CHECK(page.getKey("/Tabs").getName() == "/S");
        for (QPDFObjectHandle annotation : list.aitems()) {
            ++annotations;
            CHECK(annotation.getKey("/StructParent").isInteger());
            // Links on text say what they lead to in the words they cover (maps' countries
            // are shapes, without words).
            if (annotation.getKey("/Contents").isString())
                ++described;
        }
    }
    CHECK(roles["Link"] == annotations);
    CHECK(described > annotations * 8 / 10);
    size_t link_references = 0;
    for (const auto& element : structure.elements)
        if (element.role == "Link")
            link_references += element.annotations;
    CHECK(link_references == annotations);

    // Running heads and folios are artifacts: a page of a chapter marks some content so.
    QPDFObjectHandle page = pdf.getAllPages().at(20);
    auto data = page.getKey("/Contents").getStreamData();
    std::string content(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
    CHECK(content.find("/Artifact BMC") != std::string::npos);
    CHECK(content.find("<</MCID 0>> BDC") != std::string::npos);
}

TEST_CASE("every overall score of the framework is in the book: key figures, rankings, tables") {
    auto checked = mipex::pipeline::check_project(MIPEX_SOURCE_DIR);
    REQUIRE_FALSE(checked->diagnostics.has_errors());
    const auto& overalls = checked->model.framework.overalls;
    REQUIRE(overalls.size() == 2); // with health, and without
    const size_t current = checked->model.year_editions.current;
    std::string all;
    for (const std::string& page : book().pages)
        all += page;
    for (size_t o = 0; o < overalls.size(); ++o) {
        const std::string& name = overalls[o].name.source;
        INFO(name);
        // Each ranked, with the note on what it covers.
        CHECK(all.find(name + ": all countries ranked, 2019") != std::string::npos);
        CHECK(all.find(overalls[o].note->source) != std::string::npos);
    }
    // Each profile's first page: the key figures of both, with their values; its dimension
    // table has a row for each.
    size_t profiles = 0;
    for (size_t c = 0; c < checked->model.countries.size(); ++c) {
        const std::string& country = checked->model.countries[c].name.source;
        for (size_t p = 0; p < book().pages.size(); ++p) {
            const std::string& page = book().pages[p];
            if (first_line(page) != country)
                continue;
            ++profiles;
            INFO(country);
            CHECK(page.find("Overall score 2019") != std::string::npos);
            CHECK(page.find("Overall score without") != std::string::npos);
            for (size_t o = 0; o < overalls.size(); ++o) {
                auto score = checked->scores.score(c, current, mipex::score::Measure::overall(o));
                REQUIRE(score);
                std::string shown = checked->scores.shown(*score).text();
                CHECK(std::regex_search(page, std::regex("(^|\\s)" + shown + "(\\s|$)")));
            }
            std::string profile = page + (p + 1 < book().pages.size() ? book().pages[p + 1] : "") +
                                  (p + 2 < book().pages.size() ? book().pages[p + 2] : "");
            // 2014 (a dash for a country new in 2019), 2019, the average.
            CHECK(std::regex_search(profile, std::regex("\\n\\s*Overall score without health\\s+"
                                                        "([0-9]+|–)\\s+[0-9]+\\s+[0-9]+")));
            break;
        }
    }
    CHECK(profiles == checked->model.countries.size());
}
