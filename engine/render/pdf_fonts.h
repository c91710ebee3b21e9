// Fonts for the PDF writer: one font file (a face) read with HarfBuzz, the glyphs the document
// shows from it and the text each stands for, and its embedding as a Type0 font with a subset
// of the file (PDF 32000-1:2008 §9.7: CIDFontType2 for TrueType outlines, CIDFontType0 for
// CFF), Identity-H encoding, widths, a font descriptor and a ToUnicode CMap (§9.10.3).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

typedef struct hb_blob_t hb_blob_t;
typedef struct hb_face_t hb_face_t;
typedef struct hb_font_t hb_font_t;

namespace mipex::render::pdf {

class Deflater;

/// The parts of an embedded font that take work to make (subsetting, compressing), made on a
/// worker thread and written into the file afterwards.
struct EmbeddedFont {
    std::string base_font;   ///< "ABCDEF+NotoSans-Regular": a subset's tag and PostScript name
    bool cff = false;        ///< CFF outlines (an OpenType font program) rather than TrueType
    std::string program;     ///< the subset font file, compressed
    size_t program_size = 0; ///< its size before compression (/Length1)
    std::string to_unicode;  ///< the ToUnicode CMap, compressed
    std::string widths;      ///< the /W array of the CIDFont
    std::string descriptor;  ///< the FontDescriptor's entries but /FontFile2 or /FontFile3
};

/// One font file, as the writer needs it: advance widths for positioning glyphs, the glyphs
/// used, and the text each glyph stands for in copy and search.
class FontFace {
public:
    /// Reads the face `index` of the file at `path`. Throws std::runtime_error when the file
    /// cannot be read or holds no such face.
    FontFace(const std::string& path, unsigned index);
    /// The same face, read through a HarfBuzz face already made (pango's, for shaping), so the
    /// file is not mapped a second time.
    FontFace(hb_face_t* face, const std::string& path, unsigned index);
    ~FontFace();
    FontFace(const FontFace&) = delete;
    FontFace& operator=(const FontFace&) = delete;

    const std::string& path() const { return m_path; }
    uint32_t glyph_count() const { return static_cast<uint32_t>(m_widths.size()); }

    /// A glyph's advance in thousandths of a glyph space unit (the /W value, 1/1000 em, times
    /// 1000), rounded; what a reader advances by after showing the glyph.
    int64_t width(uint32_t glyph) const { return glyph < m_widths.size() ? m_widths[glyph] : 0; }

    /// Records that the document shows `glyph`.
    void use(uint32_t glyph) {
        if (glyph < m_used.size())
            m_used[glyph] = 1;
    }
    /// Records that `glyph` alone shows `text` (a cluster of one glyph). See settle_texts.
    void note_text(uint32_t glyph, std::string_view text);
    /// Fixes the text of each glyph, for the ToUnicode CMap: the character the font's cmap maps
    /// to the glyph when the document shows the glyph alone for it ("-" rather than the soft
    /// hyphen that also ends some lines with it), else the first text the document shows it
    /// for (a ligature "fi", an Arabic joining form), else the cmap's character. Where a
    /// glyph shows other text, the page says so with /ActualText. Call once, after every
    /// note_text and before text().
    void settle_texts();
    /// The glyph's text (UTF-8); empty when it has none.
    const std::string& text(uint32_t glyph) const;

    /// Subsets the font to the glyphs used and compresses what goes into the file. Safe to call
    /// on several faces at once, each from its own thread.
    EmbeddedFont embed(Deflater& deflater) const;

    /// The ToUnicode CMap (uncompressed) of the glyphs used, for tests.
    std::string to_unicode_cmap() const;

private:
    std::string m_path;
    hb_blob_t* m_blob = nullptr;
    hb_face_t* m_face = nullptr;
    hb_font_t* m_font = nullptr;
    unsigned m_upem = 1000;
    std::vector<int64_t> m_widths;
    std::vector<uint8_t> m_used;
    std::vector<char32_t> m_cmap;     ///< the lowest code point the cmap maps to each glyph
    std::vector<uint8_t> m_cmap_seen; ///< the glyph shows its cmap character alone somewhere
    std::vector<std::string> m_texts; ///< first texts seen, then the settled texts
};

/// A ToUnicode CMap (§9.10.3) mapping 2-byte glyph codes to UTF-16BE text; `texts` holds
/// (glyph, UTF-8 text) pairs in ascending glyph order.
std::string make_to_unicode_cmap(const std::vector<std::pair<uint32_t, std::string>>& texts);

} // namespace mipex::render::pdf
