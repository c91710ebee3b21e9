#include "site/fonts.h"

#include "render/font_files.h"
#include "render/font_subset.h"
#include "render/woff2.h"
#include "site/paths.h"

#include <filesystem>
#include <set>

namespace mipex::site {

namespace {

/// Brotli's quality for the WOFF2 files: see README.md, "The website", for what each level
/// costs and saves.
constexpr int woff2_quality = 5;

} // namespace

WebFonts web_fonts(const display::Book& book, const std::vector<std::string_view>& texts,
                   const std::string& stylesheet, std::string& error) {
    std::vector<render::FontFile> fonts = render::book_font_files(book, error);
    if (!error.empty())
        return {};
    render::SubsetRequest request;
    for (std::string_view text : texts)
        render::add_characters(text, request.characters);
    render::add_synthesized_punctuation(request.characters);
    // Every OpenType feature, not only HarfBuzz's default list: the pages ask for others
    // through CSS (tabular figures, font-variant-numeric).
    request.all_layout_features = true;
    // Names 0–6 (copyright, family, style, version, PostScript name) are kept by default; the
    // licence travels with the font (OFL §2): its description (13) and address (14).
    request.name_ids = {13, 14};

    WebFonts out;
    const std::string folder = std::filesystem::path(stylesheet).parent_path().generic_string();
    for (const render::FontFile& font : fonts) {
        std::optional<std::string> subset = render::subset_font(font.data, request);
        std::optional<std::string> woff2;
        if (subset)
            woff2 = render::compress_woff2(*subset, woff2_quality);
        if (!woff2) {
            error = "cannot make a WOFF2 file of the font " + font.name + " for the website";
            return {};
        }
        std::string path = (folder.empty() ? "" : folder + "/") + "fonts/" +
                           std::filesystem::path(font.name).stem().string() + ".woff2";
        // font-display: swap shows the text at once in a fallback face, then in the book's
        // (CSS Fonts 4, §4.9).
        out.rules += "@font-face { font-family: \"" + font.family +
                     "\"; font-weight: " + std::to_string(font.weight) +
                     "; font-style: " + (font.italic ? "italic" : "normal") +
                     "; font-display: swap; src: url(\"" + relative_url(stylesheet, path) +
                     "\") format(\"woff2\"); }\n";
        out.files.push_back({std::move(path), std::move(*woff2)});
    }
    return out;
}

} // namespace mipex::site
