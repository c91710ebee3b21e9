// Text in the PDF as copy and search read it (PDF 32000-1:2008 §9.10): the ToUnicode CMap
// gives each glyph its text (a ligature its letters, a character above the BMP its surrogate
// pair) in blocks of at most 100 entries; a cluster whose glyphs do not spell its text on their
// own (two glyphs for one character) says it with /ActualText (§14.9.4). Read back from a PDF
// with libqpdf and a small text extractor that follows both, as poppler and Acrobat do.
#include "display/display_list.h"
#include "render/pdf.h"
#include "render/pdf_fonts.h"
#include "support/pdf_read.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <hb.h>
#include <optional>

using namespace mipex;
using render::pdf::FontFace;
using render::pdf::make_to_unicode_cmap;
namespace fs = std::filesystem;
namespace pdf_read = mipex::testing::pdf;

namespace {

const std::string noto_sans = (fs::path(MIPEX_SOURCE_DIR) / "fonts" / "NotoSans-Regular.ttf");

/// A glyph of Noto Sans as HarfBuzz shapes a text that it shows alone (a ligature, a letter),
/// with its advance in font units.
struct Shaped {
    uint32_t glyph = 0;
    int advance = 0;
};

std::vector<Shaped> shape(const std::string& text) {
    hb_blob_t* blob = hb_blob_create_from_file_or_fail(noto_sans.c_str());
    REQUIRE(blob);
    hb_face_t* face = hb_face_create(blob, 0);
    hb_font_t* font = hb_font_create(face);
    hb_buffer_t* buffer = hb_buffer_create();
    hb_buffer_add_utf8(buffer, text.data(), static_cast<int>(text.size()), 0, -1);
    hb_buffer_guess_segment_properties(buffer);
    hb_shape(font, buffer, nullptr, 0);
    unsigned count = 0;
    const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &count);
    const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer, &count);
    std::vector<Shaped> glyphs;
    for (unsigned i = 0; i < count; ++i)
        glyphs.push_back({infos[i].codepoint, positions[i].x_advance});
    hb_buffer_destroy(buffer);
    hb_font_destroy(font);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return glyphs;
}

uint32_t glyph_of(const std::string& character) {
    std::vector<Shaped> glyphs = shape(character);
    REQUIRE(glyphs.size() == 1);
    return glyphs[0].glyph;
}

} // namespace

TEST_CASE("a ToUnicode CMap maps a ligature to its letters and a character above the BMP to a "
          "surrogate pair") {
    const std::vector<std::pair<uint32_t, std::string>> texts = {
        {0x0003, " "},
        {0x0048, "e"},
        {0x07AF, "fi"}, // a ligature: its letters
        {0x07B1, "ffi"},
        {0x0BB8, "\xCC\x8A"},         // a combining ring (U+030A)
        {0x1234, "\xF0\x9D\x94\xB8"}, // U+1D538, above the BMP
        {0xFFFF, "\xF0\x9F\x98\x80"}, // U+1F600, at the last code
    };
    const std::string cmap = make_to_unicode_cmap(texts);
    CHECK(cmap.find("<07AF> <00660069>\n") != std::string::npos);
    CHECK(cmap.find("<07B1> <006600660069>\n") != std::string::npos);
    CHECK(cmap.find("<1234> <D835DD38>\n") != std::string::npos);
    CHECK(cmap.find("<FFFF> <D83DDE00>\n") != std::string::npos);
    // What every ToUnicode CMap declares (§9.10.3, and the CMap files of Adobe-Identity-UCS).
    CHECK(cmap.starts_with("/CIDInit /ProcSet findresource begin\n"));
    CHECK(cmap.find("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def") !=
          std::string::npos);
    CHECK(cmap.find("/CMapName /Adobe-Identity-UCS def") != std::string::npos);
    CHECK(cmap.find("/CMapType 2 def") != std::string::npos);
    CHECK(cmap.ends_with("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"));

    // Read as a reader reads it: each code's text, all within the two-byte codespace.
    pdf_read::ToUnicode read = pdf_read::read_to_unicode(cmap);
    INFO(cmap);
    CHECK(read.problem == "");
    CHECK(read.codespace == std::vector<std::pair<uint32_t, uint32_t>>{{0x0000, 0xFFFF}});
    CHECK(read.text == std::map<uint32_t, std::string>(texts.begin(), texts.end()));
}

TEST_CASE("a ToUnicode CMap holds at most 100 entries a block, as the CMap format wants") {
    auto cmap_of = [](size_t count) {
        std::vector<std::pair<uint32_t, std::string>> texts;
        for (uint32_t g = 0; g < count; ++g)
            texts.emplace_back(3 * g + 1,
                               g % 2 ? "fl" : std::string(1, static_cast<char>('!' + g % 90)));
        return std::make_pair(texts, make_to_unicode_cmap(texts));
    };
    struct Case {
        size_t entries;
        std::vector<size_t> blocks;
    };
    for (const Case& c : {Case{0, {}}, Case{1, {1}}, Case{100, {100}}, Case{101, {100, 1}},
                          Case{250, {100, 100, 50}}, Case{1000, std::vector<size_t>(10, 100)}}) {
        INFO(c.entries << " entries");
        auto [texts, cmap] = cmap_of(c.entries);
        pdf_read::ToUnicode read = pdf_read::read_to_unicode(cmap);
        CHECK(read.problem == "");
        CHECK(read.blocks == c.blocks);
        CHECK(read.text == std::map<uint32_t, std::string>(texts.begin(), texts.end()));
        // No empty block: "0 beginbfchar" is a block a strict reader refuses.
        CHECK(cmap.find(" 0 beginbf") == std::string::npos);
        CHECK(cmap.find("\n0 beginbf") == std::string::npos);
    }
}

TEST_CASE("a face's glyphs take their text from the cmap, else from the first text they show") {
    FontFace face(noto_sans, 0);
    const uint32_t fi = shape("fi").at(0).glyph, ffi = shape("ffi").at(0).glyph;
    const uint32_t e = glyph_of("e"), hyphen = glyph_of("-"), letter_a = glyph_of("A"),
                   ring = shape("e\xCC\x8A").at(1).glyph, unused = glyph_of("z");
    REQUIRE(fi != ffi);
    for (uint32_t glyph : {fi, ffi, e, hyphen, letter_a, ring})
        face.use(glyph);
    // Ligatures stand for their letters: the texts they were shown for.
    face.note_text(fi, "fi");
    face.note_text(ffi, "ffi");
    face.note_text(ffi, "ff\xC2\xADi"); // a later text does not replace the first
    // The hyphen glyph ends a line for a soft hyphen, and shows "-" elsewhere: the cmap's
    // character wins whatever the order.
    face.note_text(hyphen, "\xC2\xAD");
    face.note_text(hyphen, "-");
    face.note_text(hyphen, "\xE2\x80\x90");
    // A letter shown for a character above the BMP (a mathematical A set in the plain face).
    face.note_text(letter_a, "\xF0\x9D\x90\x80");
    // A glyph the pages do not show has no text, whatever it was noted for.
    face.note_text(unused, "z");
    face.settle_texts();

    CHECK(face.text(fi) == "fi");
    CHECK(face.text(ffi) == "ffi");
    CHECK(face.text(hyphen) == "-");
    CHECK(face.text(letter_a) == "\xF0\x9D\x90\x80");
    CHECK(face.text(e) == "e");           // never noted: the cmap's character
    CHECK(face.text(ring) == "\xCC\x8A"); // a mark shown in clusters of two glyphs only
    CHECK(face.text(unused) == "");

    const std::string cmap = face.to_unicode_cmap();
    pdf_read::ToUnicode read = pdf_read::read_to_unicode(cmap);
    INFO(cmap);
    CHECK(read.problem == "");
    CHECK(read.text == std::map<uint32_t, std::string>{{fi, "fi"},
                                                       {ffi, "ffi"},
                                                       {e, "e"},
                                                       {hyphen, "-"},
                                                       {letter_a, "\xF0\x9D\x90\x80"},
                                                       {ring, "\xCC\x8A"}});
    // U+1D400 as its surrogate pair.
    CHECK(cmap.find("<D835DC00>") != std::string::npos);
}

namespace {

/// The text of a page as a text extractor reads it: each shown string's two-byte codes through
/// its font's ToUnicode CMap, and where a marked-content sequence carries /ActualText, that
/// text in place of everything shown within it (§14.9.4). Runs are separated by "|" (each run
/// here sets its own text matrix).
std::string extract_text(QPDFObjectHandle page) {
    std::map<std::string, pdf_read::ToUnicode> fonts;
    QPDFObjectHandle font_resources = page.getKey("/Resources").getKey("/Font");
    for (const std::string& key : font_resources.getKeys()) {
        auto data = font_resources.getKey(key).getKey("/ToUnicode").getStreamData();
        fonts[key] = pdf_read::read_to_unicode(
            std::string(reinterpret_cast<const char*>(data->getBuffer()), data->getSize()));
        INFO(key);
        CHECK(fonts[key].problem == "");
    }
    std::string text, font;
    // For each open sequence, its /ActualText, if it has one.
    std::vector<std::optional<std::string>> actual;
    auto replaced = [&] {
        return std::any_of(actual.begin(), actual.end(),
                           [](const auto& a) { return a.has_value(); });
    };
    auto show = [&](const std::string& codes) {
        if (replaced())
            return;
        for (size_t i = 0; i + 1 < codes.size(); i += 2) {
            const uint32_t code = static_cast<uint32_t>(static_cast<unsigned char>(codes[i]) << 8 |
                                                        static_cast<unsigned char>(codes[i + 1]));
            auto found = fonts[font].text.find(code);
            text += found == fonts[font].text.end() ? std::string("\xEF\xBF\xBD") : found->second;
        }
    };
    for (pdf_read::Operation& operation : pdf_read::operations(page.getKey("/Contents"))) {
        auto& operands = operation.operands;
        if (operation.op == "Tf") {
            font = operands.at(0).getName();
        } else if (operation.op == "Tm") {
            if (!text.empty())
                text += '|';
        } else if (operation.op == "Tj") {
            show(operands.at(0).getStringValue());
        } else if (operation.op == "TJ") {
            for (QPDFObjectHandle item : operands.at(0).aitems())
                if (item.isString())
                    show(item.getStringValue());
        } else if (operation.op == "BDC" || operation.op == "BMC") {
            std::optional<std::string> actual_text;
            if (operation.op == "BDC" && operands.at(1).isDictionary() &&
                operands.at(1).getKey("/ActualText").isString())
                actual_text = operands.at(1).getKey("/ActualText").getUTF8Value();
            actual.push_back(actual_text);
        } else if (operation.op == "EMC") {
            REQUIRE_FALSE(actual.empty());
            std::optional<std::string> actual_text = actual.back();
            actual.pop_back();
            if (actual_text && !replaced())
                text += *actual_text;
        }
    }
    return text;
}

/// A run of Noto Sans glyphs set one after another, with its clusters.
display::GlyphRun run_of(const std::string& text, const std::vector<Shaped>& glyphs,
                         std::vector<display::Cluster> clusters, Length y) {
    display::GlyphRun run;
    run.origin = {from_pt(72), y};
    run.text = text;
    Length x = 0;
    for (const Shaped& glyph : glyphs) {
        run.glyphs.emplace_back(glyph.glyph, x, 0);
        x += glyph.advance * from_pt(12) / 1000;
    }
    run.clusters = std::move(clusters);
    return run;
}

} // namespace

TEST_CASE("copied from the PDF, a ligature, a character above the BMP and a cluster of two glyphs "
          "give their text") {
    display::Book document;
    document.metadata.language = "en";
    document.fonts = std::make_shared<display::FontTable>();
    display::Font font;
    font.family = "Noto Sans";
    font.style = "Regular";
    font.size = from_pt(12);
    font.path = noto_sans;
    document.fonts->add(font);

    const std::vector<Shaped> office = shape("office");
    REQUIRE(office.size() == 4); // o, the ffi ligature, c, e
    const Shaped e = shape("e").at(0), a = shape("a").at(0), ring = shape("e\xCC\x8A").at(1),
                 letter_a = shape("A").at(0);
    const std::string e_ring = "e\xCC\x8A", a_ring = "\xC3\xA5",
                      double_struck_a = "\xF0\x9D\x94\xB8";
    const std::vector<display::GlyphRun> runs = {
        // Three characters, one glyph.
        run_of("office", office, {{1, 1}, {3, 1}, {1, 1}, {1, 1}}, from_pt(100)),
        // A base and its mark, two characters in one cluster of two glyphs.
        run_of(e_ring, {e, ring}, {{3, 2}}, from_pt(120)),
        // One character, two glyphs: å drawn as a and a ring, as a font without the
        // precomposed letter has HarfBuzz decompose it.
        run_of(a_ring, {a, ring}, {{2, 2}}, from_pt(140)),
        // U+1D538 shown with the plain A glyph (no list: a glyph a character).
        run_of(double_struck_a, {letter_a}, {}, from_pt(160)),
        // And the ligature again, to be found by search as "fi".
        run_of("fi", shape("fi"), {{2, 1}}, from_pt(180)),
    };
    display::Page page;
    page.width = from_mm(210);
    page.height = from_mm(297);
    page.label = "1";
    page.items.assign(runs.begin(), runs.end());
    document.pages.push_back(std::move(page));

    render::PdfOptions options;
    options.date = 1700000000;
    render::PdfResult result = render::render_pdf(document, options);
    REQUIRE(result.error.empty());
    QPDF pdf;
    pdf.setAttemptRecovery(false);
    pdf.processMemoryFile("to unicode", result.bytes.data(), result.bytes.size());
    std::vector<QPDFObjectHandle> pages = pdf.getAllPages();
    REQUIRE(pages.size() == 1);

    // The font's ToUnicode: the ligatures' letters, the surrogate pair, and each glyph of the
    // two-glyph clusters its own character.
    QPDFObjectHandle type0 = pages[0].getKey("/Resources").getKey("/Font").getKey("/F0");
    REQUIRE(type0.isDictionary());
    auto data = type0.getKey("/ToUnicode").getStreamData();
    const std::string cmap(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
    pdf_read::ToUnicode read = pdf_read::read_to_unicode(cmap);
    INFO(cmap);
    CHECK(read.problem == "");
    CHECK(read.text.at(office[1].glyph) == "ffi");
    CHECK(read.text.at(shape("fi").at(0).glyph) == "fi");
    CHECK(read.text.at(letter_a.glyph) == double_struck_a);
    CHECK(cmap.find("<D835DD38>") != std::string::npos);
    CHECK(read.text.at(e.glyph) == "e");
    CHECK(read.text.at(a.glyph) == "a");
    CHECK(read.text.at(ring.glyph) == "\xCC\x8A");

    // The clusters of two glyphs say their text with /ActualText; nothing else needs it.
    pdf_read::Nesting marks = pdf_read::nesting(pdf_read::operations(pages[0].getKey("/Contents")));
    CHECK(marks.problem == "");
    CHECK(marks.actual_texts == std::vector<std::string>{e_ring, a_ring});

    // Copied, the page gives the text it was set from.
    CHECK(extract_text(pages[0]) ==
          "office|" + e_ring + "|" + a_ring + "|" + double_struck_a + "|fi");
}
