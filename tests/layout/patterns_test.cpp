// The pattern reader against libhyphen, the reference implementation of the .dic format:
// every word of the book's content in every language, and the 69,000 words of the German
// dictionary's compound list, must get the same points from both.
#include "layout/patterns.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>
#include <hyphen.h>
#include <iterator>
#include <optional>
#include <random>
#include <set>
#include <thread>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unistd.h>

using namespace mipex::layout;
namespace fs = std::filesystem;

namespace {

const fs::path hyphen_folder = "/usr/share/hyphen";
const fs::path content_folder = fs::path(MIPEX_TESTS_DIR) / ".." / "content";
constexpr int left_min = 2, right_min = 3; // the engine's (hyphenate.cpp)

std::string read(const fs::path& path) {
    std::ifstream file(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

std::u32string to_utf32(const icu::UnicodeString& text) {
    std::u32string out(static_cast<size_t>(text.countChar32()), U'\0');
    UErrorCode status = U_ZERO_ERROR;
    text.toUTF32(reinterpret_cast<UChar32*>(out.data()), static_cast<int32_t>(out.size()), status);
    return out;
}

std::string to_utf8(std::u32string_view text) {
    std::string out;
    icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(text.data()),
                                  static_cast<int32_t>(text.size()))
        .toUTF8String(out);
    return out;
}

/// Lower-cased runs of letters.
void add_words(const icu::UnicodeString& text, std::set<std::u32string>& words) {
    std::u32string word;
    for (char32_t c : to_utf32(text)) {
        if (u_isalpha(static_cast<UChar32>(c))) {
            word.push_back(static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))));
            continue;
        }
        if (word.size() >= 2)
            words.insert(word);
        word.clear();
    }
    if (word.size() >= 2)
        words.insert(word);
}

std::set<std::u32string> content_words() {
    std::set<std::u32string> words;
    for (const auto& entry : fs::recursive_directory_iterator(content_folder))
        if (entry.is_regular_file() && entry.path().extension() == ".yaml")
            add_words(icu::UnicodeString::fromUTF8(read(entry.path())), words);
    return words;
}

/// libhyphen's points for a lower-case word, or nothing when the dictionary's charset
/// cannot spell it.
std::optional<std::vector<bool>>
reference_points(HyphenDict* dictionary, const std::string& charset, std::u32string_view word) {
    std::string utf8 = to_utf8(word);
    std::string encoded = utf8;
    if (charset != "UTF-8") {
        UErrorCode status = U_ZERO_ERROR;
        std::vector<char> target(utf8.size() * 2 + 8);
        int32_t length = ucnv_convert(charset.c_str(), "UTF-8", target.data(),
                                      static_cast<int32_t>(target.size()), utf8.data(),
                                      static_cast<int32_t>(utf8.size()), &status);
        if (U_FAILURE(status) || static_cast<size_t>(length) != word.size() ||
            std::memchr(target.data(), 0x1A, static_cast<size_t>(length)))
            return std::nullopt;
        encoded.assign(target.data(), static_cast<size_t>(length));
    }
    std::vector<char> hyphens(encoded.size() + 5, 0);
    char** replacements = nullptr;
    int* positions = nullptr;
    int* cuts = nullptr;
    hnj_hyphen_hyphenate3(dictionary, encoded.data(), static_cast<int>(encoded.size()),
                          hyphens.data(), nullptr, &replacements, &positions, &cuts, left_min,
                          right_min, left_min, right_min);
    std::vector<bool> points(word.size(), false);
    for (size_t k = 0; k < word.size(); ++k)
        points[k] = (hyphens[k] & 1) && !(replacements && replacements[k]);
    if (replacements) {
        for (size_t k = 0; k < encoded.size(); ++k)
            std::free(replacements[k]);
        std::free(replacements);
        std::free(positions);
        std::free(cuts);
    }
    return points;
}

std::string shown(std::u32string_view word, const std::vector<bool>& points) {
    std::u32string out;
    for (size_t k = 0; k < word.size(); ++k) {
        out.push_back(word[k]);
        if (points[k])
            out.push_back(U'-');
    }
    return to_utf8(out);
}

struct Comparison {
    size_t compared = 0;
    std::vector<std::string> differences;
};

Comparison compare(const fs::path& dictionary_path, const std::set<std::u32string>& words) {
    auto patterns = HyphenationPatterns::load(dictionary_path);
    REQUIRE(patterns);
    HyphenDict* reference = hnj_hyphen_load(dictionary_path.c_str());
    REQUIRE(reference);
    Comparison result;
    for (const std::u32string& word : words) {
        if (!patterns->covers(word))
            continue;
        auto expected = reference_points(reference, patterns->charset(), word);
        if (!expected)
            continue;
        ++result.compared;
        std::vector<bool> got =
            patterns->break_points(word, left_min, right_min, left_min, right_min);
        if (got != *expected)
            result.differences.push_back(shown(word, got) +
                                         " (libhyphen: " + shown(word, *expected) + ")");
    }
    hnj_hyphen_free(reference);
    return result;
}

std::string first_differences(const Comparison& comparison) {
    std::string out;
    for (size_t i = 0; i < comparison.differences.size() && i < 20; ++i)
        out += comparison.differences[i] + "\n";
    return out;
}

std::string marked(const HyphenationPatterns& patterns, std::u32string_view word, int left = 1,
                   int right = 1) {
    return shown(word, patterns.break_points(word, left, right, left, right));
}

/// `word` marked by a dictionary given as text, after checking that libhyphen marks it the
/// same way.
std::string checked_marked(const std::string& dictionary, std::u32string_view word, int left = 1,
                           int right = 1) {
    auto patterns = HyphenationPatterns::parse(dictionary);
    REQUIRE(patterns);
    std::vector<bool> points = patterns->break_points(word, left, right, left, right);
    fs::path path =
        fs::temp_directory_path() / ("mipex-patterns-" + std::to_string(::getpid()) + ".dic");
    std::ofstream(path, std::ios::binary) << dictionary;
    HyphenDict* reference = hnj_hyphen_load(path.c_str());
    fs::remove(path);
    REQUIRE(reference);
    std::string utf8 = to_utf8(word);
    std::vector<char> hyphens(utf8.size() + 5, 0);
    char** replacements = nullptr;
    int* positions = nullptr;
    int* cuts = nullptr;
    hnj_hyphen_hyphenate3(reference, utf8.data(), static_cast<int>(utf8.size()), hyphens.data(),
                          nullptr, &replacements, &positions, &cuts, left, right, left, right);
    std::vector<bool> expected(word.size(), false);
    for (size_t k = 0; k < word.size(); ++k)
        expected[k] = (hyphens[k] & 1) && !(replacements && replacements[k]);
    if (replacements) {
        for (size_t k = 0; k < utf8.size(); ++k)
            std::free(replacements[k]);
        std::free(replacements);
        std::free(positions);
        std::free(cuts);
    }
    hnj_hyphen_free(reference);
    CHECK(shown(word, points) == shown(word, expected));
    return shown(word, points);
}

} // namespace

TEST_CASE("the points of every word of the content are libhyphen's, in each language") {
    std::set<std::u32string> words = content_words();
    REQUIRE(words.size() > 3000);
    // The least number of words each dictionary must be able to spell: the content holds
    // English, German and French in full, and the Greek translation of part of the book.
    const std::pair<const char*, size_t> dictionaries[] = {{"hyph_en_GB.dic", 2500},
                                                           {"hyph_en_US.dic", 2500},
                                                           {"hyph_de_DE.dic", 2500},
                                                           {"hyph_fr.dic", 2500},
                                                           {"hyph_el_GR.dic", 150}};
    for (auto [name, least] : dictionaries) {
        INFO(name);
        Comparison comparison = compare(hyphen_folder / name, words);
        INFO(first_differences(comparison));
        CHECK(comparison.compared > least);
        CHECK(comparison.differences.empty());
    }
}

TEST_CASE("the points of the German dictionary's own compound list are libhyphen's") {
    // hyph_de_DE.dic's first level lists whole words and compounds ("investment1ent1scheidung");
    // hyphenated at their second level, they exercise the compound recursion thoroughly.
    const fs::path path = hyphen_folder / "hyph_de_DE.dic";
    std::string text = read(path);
    std::set<std::u32string> words;
    icu::UnicodeString decoded(text.data(), static_cast<int32_t>(text.size()), "ISO-8859-1");
    for (const std::u32string& line : [&] {
             std::vector<std::u32string> lines;
             std::u32string all = to_utf32(decoded), line;
             for (char32_t c : all) {
                 if (c == U'\n') {
                     lines.push_back(line);
                     line.clear();
                 } else {
                     line.push_back(c);
                 }
             }
             return lines;
         }()) {
        if (line.empty() || line[0] == U'#')
            continue;
        std::u32string word;
        for (char32_t c : line)
            if (u_isalpha(static_cast<UChar32>(c)))
                word.push_back(c);
        if (word.size() >= 4)
            words.insert(word);
    }
    REQUIRE(words.size() > 60000);
    Comparison comparison = compare(path, words);
    INFO(first_differences(comparison));
    CHECK(comparison.compared > 60000);
    CHECK(comparison.differences.empty());
}

TEST_CASE("random dictionaries, one and two levels, give libhyphen's points") {
    // Patterns over a small alphabet meet often and overlap, which exercises the automaton's
    // longest-match rule, compound parts inside parts and the minima far more than real
    // dictionaries do.
    std::mt19937 random(20261125);
    auto pick = [&](int low, int high) {
        return std::uniform_int_distribution<int>(low, high)(random);
    };
    const std::u32string letters = U"abcd";
    auto pattern = [&] {
        std::string text;
        bool start = pick(0, 4) == 0, end = pick(0, 4) == 0;
        int length = pick(1, 4);
        if (start)
            text += '.';
        for (int i = 0; i < length; ++i) {
            if (pick(0, 2) == 0 && !(i == 0 && start))
                text += static_cast<char>('0' + pick(1, 5));
            text += static_cast<char>(letters[static_cast<size_t>(pick(0, 3))]);
        }
        if (pick(0, 1) == 0 || text.find_first_of("12345") == std::string::npos)
            text += static_cast<char>('0' + pick(1, 5));
        if (end)
            text += '.';
        return text;
    };
    size_t compared = 0;
    for (int round = 0; round < 300; ++round) {
        std::string dictionary = "UTF-8\n";
        if (pick(0, 2) == 0)
            dictionary += "LEFTHYPHENMIN " + std::to_string(pick(1, 3)) + "\n";
        if (pick(0, 2) == 0)
            dictionary += "RIGHTHYPHENMIN " + std::to_string(pick(1, 3)) + "\n";
        bool two_levels = pick(0, 1) == 0;
        if (two_levels) {
            if (pick(0, 2) == 0)
                dictionary += "COMPOUNDLEFTHYPHENMIN " + std::to_string(pick(1, 3)) + "\n";
            if (pick(0, 2) == 0)
                dictionary += "COMPOUNDRIGHTHYPHENMIN " + std::to_string(pick(1, 3)) + "\n";
            for (int i = pick(1, 4); i > 0; --i)
                dictionary += pattern() + "\n";
            dictionary += "NEXTLEVEL\n";
        }
        for (int i = pick(3, 15); i > 0; --i)
            dictionary += pattern() + "\n";
        int left = pick(1, 3), right = pick(1, 3);
        for (int w = 0; w < 40; ++w) {
            std::u32string word;
            for (int i = pick(1, 12); i > 0; --i)
                word.push_back(letters[static_cast<size_t>(pick(0, 3))]);
            INFO(dictionary);
            checked_marked(dictionary, word, left, right);
            ++compared;
        }
    }
    CHECK(compared == 12000);
}

TEST_CASE("patterns: values between letters, the largest wins and odd ones are points") {
    // At each letter the longest pattern ending there applies (the dictionaries are prepared
    // so that it includes the values of the shorter ones): "ab" gives 2, "bc" 1, "ba" 1.
    const std::string dictionary = "UTF-8\n1ba\na2b\nb1c\n";
    CHECK(checked_marked(dictionary, U"abcabc") == "ab-cab-c");
    CHECK(checked_marked(dictionary, U"baba") == "baba"); // a2b outweighs 1ba
}

TEST_CASE("patterns: word edges, minima from the file and the caller") {
    const std::string dictionary = "UTF-8\nLEFTHYPHENMIN 3\nRIGHTHYPHENMIN 2\n.ab1\n1c1\n";
    // ".ab1" only at the start of a word; "1c1" around every c, within the minima.
    CHECK(checked_marked(dictionary, U"abdcdcd") == "abd-c-d-cd");
    CHECK(checked_marked(dictionary, U"abdcdcd", 2, 3) ==
          "abd-c-dcd");                                         // the caller's 3 on the right
    CHECK(checked_marked(dictionary, U"abcdd") == "abc-dd");    // the file's 3 on the left
    CHECK(checked_marked(dictionary, U"dabcdd") == "dab-c-dd"); // ".ab1" does not match inside
}

TEST_CASE("patterns: NEXTLEVEL splits compounds first, with the compound minima beside the joins") {
    const std::string dictionary = "UTF-8\n"
                                   "COMPOUNDLEFTHYPHENMIN 3\n"
                                   "COMPOUNDRIGHTHYPHENMIN 3\n"
                                   "haus1\n"
                                   "NEXTLEVEL\n"
                                   "1t\n";
    // "haus|tatorten": the join is a point; inside the part, 1t breaks before each t but not
    // within three letters of the join (ta-), as it does in the word alone.
    CHECK(checked_marked(dictionary, U"haustatorten") == "haus-tator-ten");
    CHECK(checked_marked(dictionary, U"tatorten") == "ta-tor-ten");
    auto patterns = HyphenationPatterns::parse(dictionary);
    std::string dump = patterns->dump();
    CHECK(dump.find("level 1 (compounds): patterns 1, nodes 5, hyphenmin 0/0, compound 3/3") !=
          std::string::npos);
    CHECK(dump.find("level 2 (syllables): patterns 1, nodes 2") != std::string::npos);
}

TEST_CASE("patterns: NOHYPHEN, non-standard patterns and repeated patterns") {
    // NOHYPHEN belongs to the first level: no point just before or just after "xy".
    const std::string compound = "UTF-8\nNOHYPHEN xy,q\nNEXTLEVEL\n1x\n1y\n";
    CHECK(checked_marked(compound, U"axybyaxa") == "ax-yb-ya-xa");
    // A point that needs a change of spelling is never offered, even where overlapping
    // matches leave libhyphen's bookkeeping of replacements without it ("azzz-za").
    auto nonstandard = HyphenationPatterns::parse("UTF-8\nzz1/z=z,1,2\n");
    CHECK(marked(*nonstandard, U"azzzza") == "azzzza");
    // A pattern given twice keeps its last values.
    CHECK(checked_marked("UTF-8\nq1q\nq2q\n", U"aqqqqa") == "aqqqqa");
    CHECK(checked_marked("UTF-8\nq2q\nq1q\n", U"aqqqqa") == "aq-q-q-qa");
}

TEST_CASE(
    "patterns: 8-bit dictionaries are decoded, and words of other alphabets are not covered") {
    auto german = HyphenationPatterns::load(hyphen_folder / "hyph_de_DE.dic");
    REQUIRE(german);
    CHECK(german->charset() == "ISO8859-1");
    CHECK(german->covers(U"staatsangehörigkeit"));
    CHECK_FALSE(german->covers(U"łódź"));
    CHECK(marked(*german, U"staatsangehörigkeit", 2, 3) == "staats-an-ge-hö-rig-keit");
    auto greek = HyphenationPatterns::load(hyphen_folder / "hyph_el_GR.dic");
    REQUIRE(greek);
    CHECK(greek->charset() == "ISO8859-7");
    CHECK(marked(*greek, U"μετανάστευση", 2, 3) == "με-τα-νάστευση");
    CHECK(HyphenationPatterns::load(hyphen_folder / "hyph_none.dic") == nullptr);
}

TEST_CASE("patterns: a dictionary is read once for the threads that use it at the same time") {
    // The editions of a build each hyphenate their untranslated English: one copy serves.
    const auto path = hyphen_folder / "hyph_en_GB.dic";
    // Two threads asking at once, with nobody holding it yet: both may read it, one copy wins.
    std::shared_ptr<const HyphenationPatterns> from_threads[2];
    std::thread a([&] { from_threads[0] = HyphenationPatterns::shared(path); });
    std::thread b([&] { from_threads[1] = HyphenationPatterns::shared(path); });
    a.join();
    b.join();
    REQUIRE(from_threads[0]);
    CHECK(from_threads[1] == from_threads[0]);
    // Asked again while held: the same copy.
    std::shared_ptr<const HyphenationPatterns> again = HyphenationPatterns::shared(path);
    CHECK(again == from_threads[0]);
    CHECK(marked(*again, U"hyphenation", 2, 3) == "hy-phen-a-tion");
    // Not held by the cache: once nobody holds it, it is freed.
    std::weak_ptr<const HyphenationPatterns> held = again;
    again.reset();
    for (auto& patterns : from_threads)
        patterns.reset();
    CHECK(held.expired());
    CHECK(HyphenationPatterns::shared(path));
    CHECK(HyphenationPatterns::shared(hyphen_folder / "hyph_none.dic") == nullptr);
}
