#include "layout/patterns.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <unicode/unistr.h>

namespace mipex::layout {

namespace fs = std::filesystem;

namespace {

constexpr uint32_t no_node = UINT32_MAX;

/// The trie's transitions, (node, letter) → child, in one open-addressing table: a node has
/// few children, and a table of 64-bit slots is far smaller and faster to fill than a map per
/// node (hyph_de_DE.dic makes about 400,000 nodes). A slot holds the node (22 bits), the
/// letter (21 bits) and the child (21 bits): one cache line holds eight transitions.
class TransitionTable {
public:
    /// Nodes are numbered below this (2 million; the largest dictionary here needs 400,000).
    static constexpr uint32_t node_limit = (1u << 21) - 1;

    TransitionTable() { grow(1u << 12); }

    uint32_t find(uint32_t node, char32_t letter) const {
        uint64_t key = key_of(node, letter);
        for (uint64_t slot = slot_of(key);; slot = (slot + 1) & m_mask) {
            uint64_t entry = m_slots[slot];
            if (entry >> child_bits == key)
                return static_cast<uint32_t>(entry & child_mask);
            if (entry == empty)
                return no_node;
        }
    }

    /// The child through `letter`, made `new_child` (below node_limit) if there is none yet.
    uint32_t find_or_insert(uint32_t node, char32_t letter, uint32_t new_child) {
        if ((m_size + 1) * 2 > m_slots.size())
            grow(m_slots.size() * 2);
        uint64_t key = key_of(node, letter);
        for (uint64_t slot = slot_of(key);; slot = (slot + 1) & m_mask) {
            uint64_t entry = m_slots[slot];
            if (entry >> child_bits == key)
                return static_cast<uint32_t>(entry & child_mask);
            if (entry == empty) {
                m_slots[slot] = key << child_bits | new_child;
                ++m_size;
                return new_child;
            }
        }
    }

    size_t size() const { return m_size; }

    /// Room for about `transitions` without growing: growing rehashes every key, and the
    /// tables it leaves behind are memory touched for nothing.
    void reserve(size_t transitions) {
        size_t capacity = m_slots.size();
        while (capacity < transitions * 2)
            capacity *= 2;
        if (capacity > m_slots.size())
            grow(capacity);
    }

private:
    static constexpr unsigned child_bits = 21;
    static constexpr uint64_t child_mask = (uint64_t(1) << child_bits) - 1;
    // No key is all ones: nodes stay below node_limit.
    static constexpr uint64_t empty = UINT64_MAX;

    static uint64_t key_of(uint32_t node, char32_t letter) {
        return (uint64_t(node) << 21) | (letter & 0x1FFFFF);
    }
    /// A node's transitions lie within 64 slots of twice its number, spread by letter: nodes
    /// are numbered as the patterns make them, and the patterns come nearly sorted, so a
    /// pattern's new nodes land near each other. A hash that scatters them waits for memory
    /// at every new node (German's patterns took 45 ms to load, most of it on those loads);
    /// the letter's spread keeps a node with many children (the root, the first letters)
    /// from making long runs of taken slots. German's load: 34 ms.
    uint64_t slot_of(uint64_t key) const {
        uint64_t letter_spread = ((key & 0x1FFFFF) * 0x9E3779B1u >> 16) & 63;
        return ((key >> 21) * 2 + letter_spread) & m_mask;
    }

    void grow(size_t capacity) {
        std::vector<uint64_t> slots(capacity, empty);
        std::swap(slots, m_slots);
        m_mask = capacity - 1;
        for (uint64_t entry : slots) {
            if (entry == empty)
                continue;
            uint64_t slot = slot_of(entry >> child_bits);
            while (m_slots[slot] != empty)
                slot = (slot + 1) & m_mask;
            m_slots[slot] = entry;
        }
    }

    std::vector<uint64_t> m_slots;
    uint64_t m_mask = 0;
    size_t m_size = 0;
};

/// libhyphen's atoi() after a keyword: leading blanks, then digits.
int number_after(std::u32string_view rest) {
    size_t i = 0;
    while (i < rest.size() && (rest[i] == ' ' || rest[i] == '\t'))
        ++i;
    int value = 0;
    for (; i < rest.size() && rest[i] >= '0' && rest[i] <= '9' && value < 1000; ++i)
        value = value * 10 + static_cast<int>(rest[i] - '0');
    return value;
}

bool starts_with(std::u32string_view line, std::string_view keyword) {
    if (line.size() < keyword.size())
        return false;
    for (size_t i = 0; i < keyword.size(); ++i)
        if (line[i] != static_cast<unsigned char>(keyword[i]))
            return false;
    return true;
}

/// libhyphen's hyphen minima, applied to the values of a word or a compound's part: no break
/// before `minimum` letters from the left edge…
void clear_left(std::vector<uint8_t>& values, int minimum) {
    for (int k = 0; k + 1 < minimum && k < static_cast<int>(values.size()); ++k)
        values[static_cast<size_t>(k)] = 0;
}

/// …or the right one (values[k] is the point after letter k; the last is never a point).
void clear_right(std::vector<uint8_t>& values, int minimum) {
    for (int k = static_cast<int>(values.size()) - 1, cleared = 0; cleared < minimum && k > 0;
         --k, ++cleared)
        values[static_cast<size_t>(k)] = 0;
}

} // namespace

struct HyphenationPatterns::Level {
    struct Pattern {
        uint32_t digits_at = 0; // into `digits`: one value before each letter and after the last
        uint32_t letters = 0;
        bool nonstandard = false;
    };

    TransitionTable transitions;
    std::vector<int32_t> pattern_of_node{-1}; // node 0 is the root, the empty string
    std::vector<Pattern> patterns;
    std::vector<uint8_t> digits;
    int left_min = 0, right_min = 0, compound_left_min = 0, compound_right_min = 0;
    bool too_large = false; ///< more nodes than the table numbers: the dictionary is refused
    std::vector<std::u32string> no_hyphen;
    std::vector<bool> alphabet = std::vector<bool>(0x110000, false); // the letters of the patterns
    std::u32string scratch_letters; // add_line's, kept to spare an allocation per line
    std::vector<uint8_t> scratch_values;

    void add_pattern(std::u32string_view letters, const std::vector<uint8_t>& values,
                     bool nonstandard) {
        uint32_t node = 0;
        for (char32_t letter : letters) {
            if (letter < alphabet.size())
                alphabet[letter] = true;
            auto next = static_cast<uint32_t>(pattern_of_node.size());
            if (next >= TransitionTable::node_limit) {
                too_large = true;
                return;
            }
            uint32_t child = transitions.find_or_insert(node, letter, next);
            if (child == next)
                pattern_of_node.push_back(-1);
            node = child;
        }
        // A pattern given twice keeps its last values, as in libhyphen.
        pattern_of_node[node] = static_cast<int32_t>(patterns.size());
        patterns.push_back({static_cast<uint32_t>(digits.size()),
                            static_cast<uint32_t>(letters.size()), nonstandard});
        digits.insert(digits.end(), values.begin(), values.end());
    }

    /// One line of the file (libhyphen's hnj_hyphen_load_line).
    void add_line(std::u32string_view line) {
        if (starts_with(line, "LEFTHYPHENMIN")) {
            left_min = number_after(line.substr(13));
        } else if (starts_with(line, "RIGHTHYPHENMIN")) {
            right_min = number_after(line.substr(14));
        } else if (starts_with(line, "COMPOUNDLEFTHYPHENMIN")) {
            compound_left_min = number_after(line.substr(21));
        } else if (starts_with(line, "COMPOUNDRIGHTHYPHENMIN")) {
            compound_right_min = number_after(line.substr(22));
        } else if (starts_with(line, "NOHYPHEN")) {
            std::u32string_view rest = line.substr(8);
            while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t'))
                rest.remove_prefix(1);
            // Comma-separated; as in libhyphen, a comma in first place is part of the string.
            while (!rest.empty()) {
                size_t comma = rest.find(U',', 1);
                std::u32string_view item = rest.substr(0, comma);
                if (!item.empty())
                    no_hyphen.emplace_back(item);
                rest.remove_prefix(comma == std::u32string_view::npos ? rest.size() : comma + 1);
            }
        } else {
            // "a1b2c": letters, with a digit before, between or after them; up to the first
            // blank. A "/" starts a non-standard pattern's replacement.
            size_t slash = line.find(U'/');
            std::u32string_view pattern = line.substr(0, slash);
            std::u32string& letters = scratch_letters;
            std::vector<uint8_t>& values = scratch_values;
            letters.clear();
            values.assign(1, 0);
            for (char32_t c : pattern) {
                if (c <= U' ')
                    break;
                if (c >= U'0' && c <= U'9') {
                    values.back() = static_cast<uint8_t>(c - U'0');
                } else {
                    letters.push_back(c);
                    values.push_back(0);
                }
            }
            add_pattern(letters, values, slash != std::u32string_view::npos);
        }
    }

    /// Liang's values for `word` between '.' edges, as libhyphen's automaton finds them: at
    /// each letter, the pattern of the longest trie node ending there (the dictionaries are
    /// prepared so that its values include those of the shorter patterns it contains).
    /// values[k] is the point after letter k.
    void match(std::u32string_view word, std::vector<uint8_t>& values,
               std::vector<bool>& nonstandard) const {
        std::u32string edged;
        edged.reserve(word.size() + 2);
        edged.push_back(U'.');
        edged.append(word);
        edged.push_back(U'.');
        const size_t n = edged.size();
        std::vector<uint32_t> longest(n, no_node);
        for (size_t start = 0; start < n; ++start) {
            uint32_t node = 0;
            for (size_t end = start; end < n; ++end) {
                node = transitions.find(node, edged[end]);
                if (node == no_node)
                    break;
                if (longest[end] == no_node)
                    longest[end] = node;
            }
        }
        // after[p]: the value after edged[p].
        std::vector<uint8_t> after(n, 0);
        std::vector<bool> after_nonstandard(n, false);
        for (size_t end = 0; end < n; ++end) {
            if (longest[end] == no_node || pattern_of_node[longest[end]] < 0)
                continue;
            const Pattern& pattern = patterns[static_cast<size_t>(pattern_of_node[longest[end]])];
            for (uint32_t m = 0; m <= pattern.letters; ++m) {
                auto at = static_cast<ptrdiff_t>(end) - static_cast<ptrdiff_t>(pattern.letters) + m;
                uint8_t value = digits[pattern.digits_at + m];
                if (at < 0 || value <= after[static_cast<size_t>(at)])
                    continue;
                after[static_cast<size_t>(at)] = value;
                after_nonstandard[static_cast<size_t>(at)] = (value & 1) && pattern.nonstandard;
            }
        }
        values.assign(word.size(), 0);
        nonstandard.assign(word.size(), false);
        for (size_t k = 0; k + 1 < word.size(); ++k) {
            values[k] = after[k + 1];
            nonstandard[k] = after_nonstandard[k + 1];
        }
    }
};

HyphenationPatterns::HyphenationPatterns() = default;
HyphenationPatterns::~HyphenationPatterns() = default;

std::unique_ptr<HyphenationPatterns> HyphenationPatterns::load(const fs::path& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return nullptr;
    std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    return parse(text);
}

std::shared_ptr<const HyphenationPatterns> HyphenationPatterns::shared(const fs::path& path) {
    // Held weakly: a dictionary lives as long as the hyphenators using it, no longer.
    static std::mutex mutex;
    static std::map<std::string, std::weak_ptr<const HyphenationPatterns>> loaded;
    std::error_code size_error, time_error;
    const auto size = fs::file_size(path, size_error);
    const auto time = fs::last_write_time(path, time_error).time_since_epoch().count();
    const std::string key =
        path.string() + '\0' + std::to_string(size) + '\0' + std::to_string(time);
    {
        std::lock_guard lock(mutex);
        std::erase_if(loaded, [](const auto& entry) { return entry.second.expired(); });
        if (auto found = loaded.find(key); found != loaded.end())
            if (auto patterns = found->second.lock())
                return patterns;
    }
    // Read without the lock: another language's dictionary may be wanted meanwhile. Two
    // threads wanting the same one at once may both read it; the first kept serves later ones.
    std::shared_ptr<const HyphenationPatterns> patterns = load(path);
    if (!patterns || size_error || time_error)
        return patterns;
    std::lock_guard lock(mutex);
    auto [found, added] = loaded.emplace(key, patterns);
    if (!added) {
        if (auto earlier = found->second.lock())
            return earlier;
        found->second = patterns;
    }
    return patterns;
}

std::unique_ptr<HyphenationPatterns> HyphenationPatterns::parse(std::string_view text) {
    auto patterns = std::unique_ptr<HyphenationPatterns>(new HyphenationPatterns());
    size_t first_end = text.find('\n');
    std::string charset(text.substr(0, first_end));
    while (!charset.empty() &&
           (charset.back() == '\r' || charset.back() == ' ' || charset.back() == '\t'))
        charset.pop_back();
    patterns->m_charset = charset;
    std::string_view body =
        first_end == std::string_view::npos ? std::string_view() : text.substr(first_end + 1);

    // The rest, decoded once to code points (8-bit dictionaries: ISO 8859-1 for German, ISO
    // 8859-7 for Greek).
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString decoded(body.data(), static_cast<int32_t>(body.size()), charset.c_str());
    if (decoded.isBogus())
        return nullptr;
    std::u32string code_points(static_cast<size_t>(decoded.countChar32()), U'\0');
    decoded.toUTF32(reinterpret_cast<UChar32*>(code_points.data()),
                    static_cast<int32_t>(code_points.size()), status);
    if (U_FAILURE(status))
        return nullptr;

    // Lines up to NEXTLEVEL make the first level, the rest the second.
    auto first = std::make_unique<Level>();
    // A pattern's letters make at most one node each, and most share their prefixes: the
    // dictionaries here make one node for every three code points of the file, or fewer
    // (hyph_de_DE.dic: about 400,000 for 1.1 million).
    first->transitions.reserve(code_points.size() / 3);
    std::unique_ptr<Level> second;
    Level* current = first.get();
    std::u32string_view rest = code_points;
    while (!rest.empty()) {
        size_t end = rest.find(U'\n');
        std::u32string_view line = rest.substr(0, end);
        rest.remove_prefix(end == std::u32string_view::npos ? rest.size() : end + 1);
        if (!line.empty() && line.back() == U'\r')
            line.remove_suffix(1);
        if (starts_with(line, "NEXTLEVEL")) {
            if (second)
                break; // libhyphen reads two levels at most
            second = std::make_unique<Level>();
            current = second.get();
            continue;
        }
        if (!line.empty() && (line.front() == U'%' || line.front() == U'#'))
            continue; // comments ('#' lines are patterns to libhyphen, of a letter no word has)
        current->add_line(line);
    }

    if (first->too_large || (second && second->too_large))
        return nullptr;
    if (second) {
        patterns->m_levels.push_back(std::move(first));
        patterns->m_levels.push_back(std::move(second));
    } else {
        // One level: libhyphen puts a default first level above it that finds compounds at
        // hyphens and apostrophes, and takes the minima of the dictionary.
        auto top = std::make_unique<Level>();
        bool utf8 = charset == "UTF-8";
        top->add_line(utf8 ? U"NOHYPHEN ',\u2013,\u2019,-" : U"NOHYPHEN ',-");
        top->add_line(U"1-1");
        top->add_line(U"1'1");
        if (utf8) {
            top->add_line(U"1\u20131");
            top->add_line(U"1\u20191");
        }
        top->left_min = first->left_min;
        top->right_min = first->right_min;
        top->compound_left_min = first->compound_left_min ? first->compound_left_min
                                 : first->left_min        ? first->left_min
                                                          : 3;
        top->compound_right_min = first->compound_right_min ? first->compound_right_min
                                  : first->right_min        ? first->right_min
                                                            : 3;
        patterns->m_levels.push_back(std::move(top));
        patterns->m_levels.push_back(std::move(first));
    }
    return patterns;
}

void HyphenationPatterns::hyphenate_level(const Level& level, std::u32string_view word,
                                          int compound_left_min, int compound_right_min,
                                          bool left_is_word_edge, bool right_is_word_edge,
                                          bool is_whole_word, std::vector<uint8_t>& values,
                                          std::vector<bool>& nonstandard) const {
    level.match(word, values, nonstandard);
    if (&level != m_levels.front().get())
        return;
    // The first level's odd values are compound boundaries; each part between them is
    // hyphenated on its own (libhyphen's hnj_hyphen_hyph_, recursively), with the compound
    // minima beside the boundaries.
    const size_t n = word.size();
    size_t begin = 0;
    std::vector<uint8_t> part_values;
    std::vector<bool> part_nonstandard;
    for (size_t i = 0; i < n; ++i) {
        bool boundary = values[i] & 1;
        if (!boundary && !(begin > 0 && i + 1 == n))
            continue;
        if (i > begin) {
            hyphenate_level(level, word.substr(begin, i - begin + 1), compound_left_min,
                            compound_right_min, begin > 0 ? false : left_is_word_edge,
                            boundary ? false : right_is_word_edge, false, part_values,
                            part_nonstandard);
            for (size_t k = 0; k < i - begin; ++k) {
                values[begin + k] = part_values[k];
                nonstandard[begin + k] = part_nonstandard[k];
            }
        }
        begin = i + 1;
    }
    if (begin == 0) {
        hyphenate_level(*m_levels.back(), word, compound_left_min, compound_right_min,
                        left_is_word_edge, right_is_word_edge, true, values, nonstandard);
        if (!left_is_word_edge)
            clear_left(values, compound_left_min);
        if (!right_is_word_edge)
            clear_right(values, compound_right_min);
    }
    // libhyphen 2.8.8 as Debian builds it never breaks a compound's part before its last
    // letter, whatever the minima ("ver-bre-chens-op-fer", not "…chen-s-op…"); found by
    // comparison, as the code of hnj_hyphen_hyph_ does not show it, and kept for the sake of
    // the same points.
    if (!is_whole_word && n >= 2)
        values[n - 2] = 0;
}

std::vector<bool> HyphenationPatterns::break_points(std::u32string_view word, int left_min,
                                                    int right_min, int compound_left_min,
                                                    int compound_right_min) const {
    const Level& top = *m_levels.front();
    left_min = std::max(left_min, top.left_min);
    right_min = std::max(right_min, top.right_min);
    compound_left_min = std::max(compound_left_min, top.compound_left_min);
    compound_right_min = std::max(compound_right_min, top.compound_right_min);

    std::vector<uint8_t> values;
    std::vector<bool> nonstandard;
    hyphenate_level(top, word, compound_left_min, compound_right_min, true, true, true, values,
                    nonstandard);
    clear_left(values, left_min > 0 ? left_min : 2);
    clear_right(values, right_min > 0 ? right_min : 2);
    for (const std::u32string& never : top.no_hyphen) {
        for (size_t at = word.find(never); at != std::u32string_view::npos;
             at = word.find(never, at + 1)) {
            values[at + never.size() - 1] = 0;
            if (at > 0)
                values[at - 1] = 0;
        }
    }
    std::vector<bool> points(word.size(), false);
    for (size_t k = 0; k < word.size(); ++k)
        points[k] = (values[k] & 1) && !nonstandard[k];
    return points;
}

bool HyphenationPatterns::covers(std::u32string_view word) const {
    const std::vector<bool>& alphabet = m_levels.back()->alphabet;
    return std::all_of(word.begin(), word.end(), [&](char32_t letter) {
        return letter < alphabet.size() && alphabet[letter];
    });
}

std::string HyphenationPatterns::dump() const {
    std::string out = "charset " + m_charset + "\n";
    for (size_t i = 0; i < m_levels.size(); ++i) {
        const Level& level = *m_levels[i];
        out += "level " + std::to_string(i + 1) + (i == 0 ? " (compounds)" : " (syllables)") +
               ": patterns " + std::to_string(level.patterns.size()) + ", nodes " +
               std::to_string(level.pattern_of_node.size()) + ", hyphenmin " +
               std::to_string(level.left_min) + "/" + std::to_string(level.right_min) +
               ", compound " + std::to_string(level.compound_left_min) + "/" +
               std::to_string(level.compound_right_min);
        if (!level.no_hyphen.empty()) {
            out += ", nohyphen";
            for (const std::u32string& item : level.no_hyphen) {
                std::string utf8;
                icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(item.data()),
                                              static_cast<int32_t>(item.size()))
                    .toUTF8String(utf8);
                out += " " + utf8;
            }
        }
        out += "\n";
    }
    return out;
}

} // namespace mipex::layout
