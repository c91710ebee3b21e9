// The website's own fonts and share images, from `mipex site` for English, German and Arabic
// run as a user runs it: every @font-face names a WOFF2 file of the site that holds every
// character of its language's pages the book's face has, read back with libwoff2dec and
// HarfBuzz; every page's og:image is a PNG of the size the page states; the same input gives
// the same bytes.
#include "support/run.h"

#include <catch2/catch.hpp>
#include <hb.h>
#include <woff2/decode.h>

#include <map>
#include <regex>
#include <set>

namespace fs = std::filesystem;
using namespace mipex::testing;

namespace {

const std::string base_url = "https://example.org/mipex/";

/// The site for en, de and ar, built once for the file's tests.
const fs::path& site() {
    static TempDir folder;
    static bool built = false;
    if (!built) {
        Run run = run_command(std::string("SOURCE_DATE_EPOCH=1700000000 ") + MIPEX_BINARY +
                              " site --project " + MIPEX_SOURCE_DIR + " --lang en,de,ar --out " +
                              folder.path().string() + " --base-url " + base_url);
        INFO(run.output << run.errors);
        REQUIRE(run.status == 0);
        // Debian's libwoff2enc prints a line for every font it compresses: none may show.
        CHECK(run.errors.find("Compressed ") == std::string::npos);
        built = true;
    }
    static fs::path root = folder.path() / "site";
    return root;
}

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

/// The characters a font maps, read with HarfBuzz.
std::set<uint32_t> characters_of(const std::string& font) {
    hb_blob_t* blob = hb_blob_create(font.data(), static_cast<unsigned>(font.size()),
                                     HB_MEMORY_MODE_READONLY, nullptr, nullptr);
    hb_face_t* face = hb_face_create(blob, 0);
    hb_set_t* set = hb_set_create();
    hb_face_collect_unicodes(face, set);
    std::set<uint32_t> out;
    for (hb_codepoint_t c = HB_SET_VALUE_INVALID; hb_set_next(set, &c);)
        out.insert(c);
    hb_set_destroy(set);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return out;
}

/// A WOFF2 file back as the TrueType font it holds.
std::string decoded_woff2(const std::string& woff2) {
    const auto* data = reinterpret_cast<const uint8_t*>(woff2.data());
    std::string font(woff2::ComputeWOFF2FinalSize(data, woff2.size()), '\0');
    woff2::WOFF2StringOut out(&font);
    REQUIRE(woff2::ConvertWOFF2ToTTF(data, woff2.size(), &out));
    font.resize(out.Size());
    return font;
}

/// The code points of UTF-8 text, entities left as they are (the pages write characters).
std::set<uint32_t> characters_in(const std::string& text) {
    std::set<uint32_t> out;
    for (size_t i = 0; i < text.size();) {
        auto byte = static_cast<unsigned char>(text[i]);
        int length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
        uint32_t code = length == 1 ? byte : byte & (0x7F >> length);
        for (int k = 1; k < length && i + k < text.size(); ++k)
            code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        out.insert(code);
        i += length;
    }
    return out;
}

std::vector<fs::path> pages_of(const fs::path& folder) {
    std::vector<fs::path> pages;
    for (const auto& entry : fs::recursive_directory_iterator(folder))
        if (entry.path().extension() == ".html")
            pages.push_back(entry.path());
    std::sort(pages.begin(), pages.end());
    return pages;
}

std::string meta(const std::string& page, const std::string& property) {
    std::smatch match;
    std::regex pattern("<meta property=\"" + property + "\" content=\"([^\"]*)\">");
    return std::regex_search(page, match, pattern) ? match[1].str() : "";
}

uint32_t big_endian(const std::string& bytes, size_t at) {
    uint32_t value = 0;
    for (size_t k = 0; k < 4; ++k)
        value = (value << 8) | static_cast<unsigned char>(bytes.at(at + k));
    return value;
}

} // namespace

TEST_CASE("each language's pages load the book's faces as WOFF2 subsets that hold every "
          "character of its pages") {
    const fs::path& root = site();
    for (std::string language : {"en", "de", "ar"}) {
        INFO(language);
        std::set<uint32_t> shown;
        for (const fs::path& page : pages_of(root / language)) {
            std::set<uint32_t> characters = characters_in(read_text(page));
            shown.insert(characters.begin(), characters.end());
        }
        std::string css = read_text(root / language / "book.css");
        std::regex face("@font-face \\{ font-family: \"([^\"]+)\"; font-weight: (\\d+); "
                        "font-style: (normal|italic); font-display: swap; src: "
                        "url\\(\"fonts/([^\"]+)\\.woff2\"\\) format\\(\"woff2\"\\); \\}");
        size_t faces = 0;
        std::set<std::string> families;
        for (std::sregex_iterator it(css.begin(), css.end(), face), end; it != end; ++it) {
            ++faces;
            std::string name = (*it)[4];
            INFO(name);
            families.insert((*it)[1]);
            std::string woff2 = read_bytes(root / language / "fonts" / (name + ".woff2"));
            REQUIRE(woff2.substr(0, 4) == "wOF2");
            std::set<uint32_t> kept = characters_of(decoded_woff2(woff2));
            std::set<uint32_t> original =
                characters_of(read_bytes(fs::path(MIPEX_SOURCE_DIR) / "fonts" / (name + ".ttf")));
            REQUIRE_FALSE(original.empty());
            size_t missing = 0, checked = 0;
            for (uint32_t c : shown)
                if (original.count(c)) {
                    ++checked;
                    if (!kept.count(c)) {
                        ++missing;
                        UNSCOPED_INFO("U+" << std::hex << c << " is missing");
                    }
                }
            CHECK(checked > 60);
            CHECK(missing == 0);
            // Cut down: a subset, not the whole font.
            CHECK(kept.size() < original.size());
        }
        // Every file in the folder is declared, and the body's and the charts' families are.
        size_t files = std::distance(fs::directory_iterator(root / language / "fonts"),
                                     fs::directory_iterator());
        CHECK(faces == files);
        CHECK(families.count("Noto Sans"));
        CHECK(families.count("Noto Serif"));
        if (language == "ar")
            CHECK(families.count("Noto Naskh Arabic"));
    }
}

TEST_CASE("every page names a share image, a PNG of the size it states, and a country's is its "
          "area chart") {
    const fs::path& root = site();
    for (std::string language : {"en", "de", "ar"}) {
        size_t countries = 0;
        for (const fs::path& path : pages_of(root / language)) {
            if (path.filename() == "404.html")
                continue;
            std::string page = read_text(path);
            std::string image = meta(page, "og:image");
            INFO(path << ": " << image);
            REQUIRE(image.starts_with(base_url));
            std::string png = read_bytes(root / image.substr(base_url.size()));
            REQUIRE(png.size() > 1000);
            CHECK(png.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
            CHECK(png.substr(12, 4) == "IHDR");
            CHECK(std::to_string(big_endian(png, 16)) == meta(page, "og:image:width"));
            CHECK(std::to_string(big_endian(png, 20)) == meta(page, "og:image:height"));
            CHECK(meta(page, "og:image:type") == "image/png");
            CHECK_FALSE(meta(page, "og:image:alt").empty());
            if (path.parent_path().filename() == "country") {
                ++countries;
                CHECK(image ==
                      base_url + language + "/share/country-" + path.stem().string() + ".png");
            }
        }
        CHECK(countries == 56);
    }
}

TEST_CASE("without --base-url the share image's address is relative") {
    TempDir folder;
    Run run = run_command(std::string(MIPEX_BINARY) + " site --project " + MIPEX_SOURCE_DIR +
                          " --lang en --out " + folder.path().string());
    REQUIRE(run.status == 0);
    std::string page = read_text(folder.path() / "site" / "en" / "country" / "se.html");
    CHECK(meta(page, "og:image") == "../share/country-se.png");
    CHECK(fs::exists(folder.path() / "site" / "en" / "share" / "country-se.png"));
}

TEST_CASE("the fonts and share images are the same bytes from the same input") {
    const fs::path& root = site();
    TempDir again;
    Run run = run_command(std::string("SOURCE_DATE_EPOCH=1700000000 ") + MIPEX_BINARY +
                          " site --project " + MIPEX_SOURCE_DIR + " --lang en,de,ar --out " +
                          again.path().string() + " --base-url " + base_url);
    REQUIRE(run.status == 0);
    size_t compared = 0;
    for (std::string language : {"en", "de", "ar"})
        for (std::string folder : {"fonts", "share"})
            for (const auto& entry : fs::directory_iterator(root / language / folder)) {
                fs::path twin = again.path() / "site" / language / folder / entry.path().filename();
                INFO(twin);
                CHECK(read_bytes(entry.path()) == read_bytes(twin));
                ++compared;
            }
    CHECK(compared > 3 * 57);
    for (std::string language : {"en", "de", "ar"})
        CHECK(read_bytes(root / language / "book.css") ==
              read_bytes(again.path() / "site" / language / "book.css"));
}
