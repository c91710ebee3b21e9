// The PDF writer on real books: the tiny project's and the default book's PDFs, as the binary
// writes them, read back with libqpdf with its recovery off (a broken cross-reference table
// fails rather than being rebuilt): every object resolves, the cross-reference stream and the
// object streams agree with each other and with the file, `qpdf --check` finds nothing, and
// every content stream of every page nests its marked content and marks every drawing, each
// MCID found in the parent tree under the element its tag names (PDF 32000-1:2008 §7.5.7,
// §7.5.8, §14.6, §14.7.4.4, §14.8.2.2).
#include "support/pdf_read.h"
#include "support/run.h"

#include <catch2/catch.hpp>
#include <map>
#include <qpdf/QPDFNumberTreeObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <set>

namespace fs = std::filesystem;
using namespace mipex::testing;

namespace {

/// The English PDF of a project, built once for the tests in this file.
struct Built {
    std::string name;
    TempDir out;
    fs::path pdf;
    std::string bytes;

    Built(std::string name_, const fs::path& project) : name(std::move(name_)) {
        Run build =
            run_command("SOURCE_DATE_EPOCH=1700000000 " + std::string(MIPEX_BINARY) +
                        " build --project " + project.string() + " --out " + out.path().string());
        INFO(build.errors);
        REQUIRE(build.status == 0);
        pdf = out / "mipex-en.pdf";
        bytes = read_text(pdf);
    }
};

const std::vector<const Built*>& books() {
    static const Built tiny("the tiny project", fs::path(MIPEX_TESTS_DIR) / "projects" / "tiny");
    static const Built book("the default book", MIPEX_SOURCE_DIR);
    static const std::vector<const Built*> both = {&tiny, &book};
    return both;
}

/// Opens a PDF with libqpdf's recovery off: a damaged cross-reference table is an error.
void open(QPDF& pdf, const Built& built) {
    pdf.setAttemptRecovery(false);
    pdf.setSuppressWarnings(true);
    pdf.processMemoryFile(built.name.c_str(), built.bytes.data(), built.bytes.size());
}

std::string decoded(QPDFObjectHandle stream) {
    auto data = stream.getStreamData(qpdf_dl_generalized);
    return std::string(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
}

} // namespace

TEST_CASE("the books' PDFs read back through libqpdf without recovery, object by object") {
    for (const Built* built : books()) {
        INFO(built->name);
        QPDF pdf;
        REQUIRE_NOTHROW(open(pdf, *built));
        // Every object the cross-reference stream lists resolves.
        size_t objects = 0, null = 0;
        for (QPDFObjectHandle object : pdf.getAllObjects()) {
            null += object.isNull();
            ++objects;
        }
        CHECK(null == 0);
        CHECK(objects > 500);
        CHECK_FALSE(pdf.anyWarnings());

        // The cross-reference stream row by row; each object stream holds what it says.
        pdf::CrossReferences xref = pdf::check_cross_references(built->bytes, pdf);
        INFO(Catch::Detail::stringify(xref.problems));
        CHECK(xref.problems.empty());
        CHECK(xref.in_object_streams > 400);
        // Every object listed is one libqpdf finds, the cross-reference stream among them.
        CHECK(xref.in_place + xref.in_object_streams == objects);
        // Object streams of 100 objects, the last one less.
        CHECK(xref.object_streams == (xref.in_object_streams + 99) / 100);

        pdf::QpdfCheck check = pdf::qpdf_check(built->pdf.string());
        INFO(check.output);
        CHECK(check.exit_code == 0);
        CHECK(check.output.find("No syntax or stream encoding errors found") != std::string::npos);

        // Written again by qpdf, with object streams of its own, the pages read the same.
        QPDFWriter writer(pdf);
        writer.setOutputMemory();
        writer.setObjectStreamMode(qpdf_o_generate);
        writer.setDeterministicID(true);
        writer.write();
        std::shared_ptr<Buffer> again(writer.getBufferSharedPointer());
        QPDF copy;
        copy.setAttemptRecovery(false);
        copy.processMemoryFile("written again", reinterpret_cast<const char*>(again->getBuffer()),
                               again->getSize());
        std::vector<QPDFObjectHandle> pages = pdf.getAllPages(), copied = copy.getAllPages();
        REQUIRE(copied.size() == pages.size());
        size_t differ = 0;
        for (size_t p = 0; p < pages.size(); ++p)
            differ +=
                decoded(copied[p].getKey("/Contents")) != decoded(pages[p].getKey("/Contents"));
        CHECK(differ == 0);
        CHECK_FALSE(copy.anyWarnings());
    }
}

TEST_CASE("every content stream of the books nests its marked content and marks every drawing") {
    for (const Built* built : books()) {
        INFO(built->name);
        QPDF pdf;
        open(pdf, *built);
        QPDFObjectHandle tree = pdf.getRoot().getKey("/StructTreeRoot");
        REQUIRE(tree.isDictionary());
        QPDFNumberTreeObjectHelper parent_tree(tree.getKey("/ParentTree"), pdf);
        std::vector<QPDFObjectHandle> pages = pdf.getAllPages();
        REQUIRE(pages.size() > 10);
        size_t artifacts = 0, sequences = 0, pages_with_artifacts = 0, forms = 0;
        for (size_t p = 0; p < pages.size(); ++p) {
            INFO("page " << p + 1);
            QPDFObjectHandle page = pages[p];
            pdf::Nesting marks = pdf::nesting(pdf::operations(page.getKey("/Contents")));
            CHECK(marks.problem == "");
            CHECK(marks.unmarked_paintings == 0);
            artifacts += marks.artifacts;
            sequences += marks.sequences;
            pages_with_artifacts += marks.artifacts > 0;

            // MCIDs count up from 0 on each page (§14.7.4.4), and the parent tree's entry for
            // the page lists, for each, the element whose role the sequence's tag names.
            std::vector<int64_t> expected(marks.mcids.size());
            for (size_t i = 0; i < expected.size(); ++i)
                expected[i] = static_cast<int64_t>(i);
            CHECK(marks.mcids == expected);
            QPDFObjectHandle elements;
            REQUIRE(page.getKey("/StructParents").isInteger());
            REQUIRE(parent_tree.findObject(page.getKey("/StructParents").getIntValue(), elements));
            REQUIRE(elements.isArray());
            CHECK(static_cast<size_t>(elements.getArrayNItems()) == marks.mcids.size());
            size_t mcid = 0;
            for (const std::string& tag : marks.tags) {
                if (tag == "Artifact" || tag == "Span")
                    continue;
                INFO(tag);
                REQUIRE(mcid < static_cast<size_t>(elements.getArrayNItems()));
                QPDFObjectHandle element = elements.getArrayItem(static_cast<int>(mcid++));
                CHECK(tag ==
                      element.getKey("/S").getName().substr(1) + " " + std::to_string(mcid - 1));
            }

            // The forms the page draws (paths drawn more than once) nest what they hold.
            QPDFObjectHandle xobjects = page.getKey("/Resources").getKey("/XObject");
            if (xobjects.isDictionary()) {
                for (const std::string& key : xobjects.getKeys()) {
                    INFO(key);
                    QPDFObjectHandle form = xobjects.getKey(key);
                    if (!form.getDict().getKey("/Subtype").isNameAndEquals("/Form"))
                        continue;
                    CHECK(pdf::nesting(pdf::operations(form)).problem == "");
                    ++forms;
                }
            }
        }
        // Running heads and folios are artifacts: most pages have some.
        CHECK(pages_with_artifacts > pages.size() / 2);
        CHECK(artifacts > pages.size() / 2);
        CHECK(sequences > artifacts);
        CHECK_FALSE(pdf.anyWarnings());
        if (built->name == "the default book")
            CHECK(forms > 0); // the maps' outlines
    }
}

TEST_CASE("every glyph the books show has its text in a ToUnicode CMap a reader accepts") {
    for (const Built* built : books()) {
        INFO(built->name);
        QPDF pdf;
        open(pdf, *built);
        std::map<QPDFObjGen, pdf::ToUnicode> read; // by font
        size_t shown = 0;
        std::set<std::string> missing; // "font name: glyph code"
        for (QPDFObjectHandle page : pdf.getAllPages()) {
            QPDFObjectHandle fonts = page.getKey("/Resources").getKey("/Font");
            std::map<std::string, std::pair<std::string, const pdf::ToUnicode*>> by_name;
            for (const std::string& key : fonts.getKeys()) {
                QPDFObjectHandle font = fonts.getKey(key);
                auto [found, added] = read.try_emplace(font.getObjGen());
                if (added) {
                    found->second = pdf::read_to_unicode(decoded(font.getKey("/ToUnicode")));
                    INFO(font.getKey("/BaseFont").getName());
                    CHECK(found->second.problem == "");
                    CHECK_FALSE(found->second.text.empty());
                }
                by_name[key] = {font.getKey("/BaseFont").getName(), &found->second};
            }
            // Outside an /ActualText span, each glyph's code is in its font's CMap, so copy
            // and search find its text.
            const std::pair<std::string, const pdf::ToUnicode*>* font = nullptr;
            std::vector<bool> sequences; // for each open sequence, whether it has /ActualText
            auto show = [&](const std::string& codes) {
                REQUIRE(font);
                if (std::find(sequences.begin(), sequences.end(), true) != sequences.end())
                    return;
                for (size_t i = 0; i + 1 < codes.size(); i += 2) {
                    const uint32_t code =
                        static_cast<uint32_t>(static_cast<unsigned char>(codes[i]) << 8 |
                                              static_cast<unsigned char>(codes[i + 1]));
                    if (!font->second->text.count(code))
                        missing.insert(font->first + ": glyph " + std::to_string(code));
                    ++shown;
                }
            };
            for (pdf::Operation& operation : pdf::operations(page.getKey("/Contents"))) {
                auto& operands = operation.operands;
                if (operation.op == "Tf")
                    font = &by_name.at(operands.at(0).getName());
                else if (operation.op == "Tj")
                    show(operands.at(0).getStringValue());
                else if (operation.op == "TJ")
                    for (QPDFObjectHandle item : operands.at(0).aitems())
                        if (item.isString())
                            show(item.getStringValue());
                        else if (operation.op == "BDC" || operation.op == "BMC")
                            sequences.push_back(operation.op == "BDC" &&
                                                operands.at(1).isDictionary() &&
                                                operands.at(1).getKey("/ActualText").isString());
                        else if (operation.op == "EMC" && !sequences.empty())
                            sequences.pop_back();
            }
        }
        INFO(Catch::Detail::stringify(missing));
        CHECK(missing.empty());
        CHECK(read.size() >= 3);
        CHECK(shown > 1000);
    }
}
