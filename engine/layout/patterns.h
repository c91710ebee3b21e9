// Liang's hyphenation patterns, read from the .dic files of Debian's hyphen-* packages (the
// format of libhyphen, the hyphenator of LibreOffice). libhyphen's own loader builds its
// automaton through a fixed 31,627-bucket hash table and takes 2.5 s of CPU for the 78,000
// lines of hyph_de_DE.dic; this reader builds a trie in tens of milliseconds and gives the
// same points as libhyphen's hnj_hyphen_hyphenate3, including the two-level ("NEXTLEVEL")
// compound patterns, the hyphen minima and NOHYPHEN. tests/layout/patterns_test.cpp checks
// it word by word against libhyphen. One difference by design: a point that a non-standard
// pattern makes is never offered, where libhyphen's bookkeeping of overlapping replacements
// loses some of them (no dictionary of the hyphen-en, -de, -fr or -el packages has any).
//
// The format (README of hyphen-2.8, "hyphen.tex" patterns of Liang 1983):
//   line 1              the charset ("UTF-8", "ISO8859-1", …)
//   LEFTHYPHENMIN n     and RIGHTHYPHENMIN, COMPOUNDLEFTHYPHENMIN, COMPOUNDRIGHTHYPHENMIN
//   NOHYPHEN a,b        never break next to these strings
//   NEXTLEVEL           what follows is the second level; the first finds compound boundaries
//   % comment
//   a1b2c               a pattern: letters with digits between them, "." for a word's edge
//   ab1c/b=c,1,2        a non-standard pattern (spelling changes at the break); its points are
//                       never offered, since the text cannot change spelling at a line end
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mipex::layout {

class HyphenationPatterns {
public:
    /// Reads a .dic file; null when it cannot be read or its charset is unknown.
    static std::unique_ptr<HyphenationPatterns> load(const std::filesystem::path& path);
    /// The dictionary in a .dic file, read once for every hyphenator that holds it at the
    /// same time (the editions of a build, on several threads); read again once none does,
    /// or when the file changed. Null as load() gives it.
    static std::shared_ptr<const HyphenationPatterns> shared(const std::filesystem::path& path);
    /// Reads a dictionary from its text (already read; `charset` decoded from its first line).
    static std::unique_ptr<HyphenationPatterns> parse(std::string_view text);

    ~HyphenationPatterns();

    const std::string& charset() const { return m_charset; }

    /// For each letter of `word` (lower-case code points), whether a hyphen may follow it.
    /// `left_min` and `right_min` raise the dictionary's own minima (libhyphen's hyphenate3);
    /// `compound_left_min`, `compound_right_min` those beside compound boundaries.
    std::vector<bool> break_points(std::u32string_view word, int left_min, int right_min,
                                   int compound_left_min, int compound_right_min) const;

    /// Whether every letter of `word` occurs in some pattern; words in another alphabet are
    /// not hyphenated (the patterns know nothing of them).
    bool covers(std::u32string_view word) const;

    /// A text dump: charset, levels with their minima, numbers of patterns and trie nodes.
    std::string dump() const;

private:
    struct Level;
    HyphenationPatterns();

    void hyphenate_level(const Level& level, std::u32string_view word, int compound_left_min,
                         int compound_right_min, bool left_is_word_edge, bool right_is_word_edge,
                         bool is_whole_word, std::vector<uint8_t>& values,
                         std::vector<bool>& nonstandard) const;

    std::string m_charset;
    std::vector<std::unique_ptr<Level>> m_levels; // [0] finds compound boundaries, [1] syllables
};

} // namespace mipex::layout
