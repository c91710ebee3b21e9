#include "layout/hyphenate.h"

#include "base/text.h"

#include <unicode/uchar.h>

namespace mipex::layout {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view soft_hyphen = "\u00AD";
constexpr size_t min_word_letters = 5;
// At least two letters before a break and three after it, within compounds as in words:
// TeX's defaults for English, and the typographic rule in German ("Ab-", never "-en" alone).
constexpr int left_min = 2, right_min = 3;

/// Candidate dictionary names for a language, most specific first.
std::vector<std::string> dictionary_names(std::string_view language) {
    std::string tag(language);
    for (char& c : tag)
        if (c == '-')
            c = '_';
    std::string base = tag.substr(0, tag.find('_'));
    std::vector<std::string> names;
    if (tag != base)
        names.push_back(tag);
    // The conventional region of each language's main dictionary; English follows the British
    // spelling MIPEX publishes in.
    static const std::pair<const char*, const char*> regions[] = {
        {"en", "en_GB"}, {"de", "de_DE"}, {"fr", "fr_FR"}, {"el", "el_GR"}, {"it", "it_IT"},
        {"es", "es_ES"}, {"nl", "nl_NL"}, {"pt", "pt_PT"}, {"ca", "ca"},    {"sv", "sv_SE"}};
    for (auto [language_code, name] : regions)
        if (base == language_code)
            names.push_back(name);
    names.push_back(base);
    return names;
}

} // namespace

std::vector<fs::path> Hyphenator::default_folders(const fs::path& engine_root) {
    return {engine_root / "hyphen", "/usr/share/hyphen"};
}

Hyphenator::Hyphenator(std::string_view language, const std::vector<fs::path>& folders) {
    for (const std::string& name : dictionary_names(language)) {
        for (const fs::path& folder : folders) {
            fs::path path = folder / ("hyph_" + name + ".dic");
            std::error_code error;
            if (!fs::is_regular_file(path, error))
                continue;
            if ((m_dictionary = HyphenationPatterns::shared(path))) {
                m_path = path;
                return;
            }
        }
    }
}

Hyphenator::~Hyphenator() = default;

std::string Hyphenator::hyphenate(std::string_view text) {
    if (!m_dictionary || text.find(soft_hyphen) != std::string_view::npos)
        return std::string(text);
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    // Words are runs of letters (and combining marks); everything else passes through.
    auto letter = [](std::optional<char32_t> c) {
        return c && (u_isalpha(static_cast<UChar32>(*c)) ||
                     u_charType(static_cast<UChar32>(*c)) == U_NON_SPACING_MARK);
    };
    size_t i = 0;
    while (i < text.size()) {
        size_t start = i;
        if (!letter(decode_utf8(text, i))) {
            out.append(text.substr(start, i - start));
            continue;
        }
        size_t end = i;
        while (end < text.size()) {
            size_t next = end;
            if (!letter(decode_utf8(text, next)))
                break;
            end = next;
        }
        out += hyphenate_word(text.substr(start, end - start));
        i = end;
    }
    return out;
}

std::string Hyphenator::hyphenate_word(std::string_view word) {
    auto cached = m_cache.find(std::string(word));
    if (cached != m_cache.end())
        return cached->second;
    std::string result(word);

    // Code points of the word, lower-cased (the patterns are lower case).
    std::u32string letters;
    std::vector<size_t> ends; // byte offset after each code point
    bool all_capitals = true;
    for (size_t at = 0; at < word.size();) {
        // A word is letters only (hyphenate() cut it out so): valid UTF-8.
        const auto c = static_cast<UChar32>(decode_utf8(word, at).value_or(0xFFFD));
        all_capitals = all_capitals && !u_islower(c);
        letters.push_back(static_cast<char32_t>(u_tolower(c)));
        ends.push_back(at);
    }
    if (letters.size() < min_word_letters || all_capitals)
        return m_cache.emplace(std::string(word), result).first->second;

    if (!m_dictionary->covers(letters))
        return m_cache.emplace(std::string(word), result).first->second;
    std::vector<bool> points =
        m_dictionary->break_points(letters, left_min, right_min, left_min, right_min);
    result.clear();
    size_t previous = 0;
    for (size_t k = 0; k < letters.size(); ++k) {
        result.append(word.substr(previous, ends[k] - previous));
        previous = ends[k];
        if (points[k] && k + 1 < letters.size())
            result.append(soft_hyphen);
    }
    return m_cache.emplace(std::string(word), result).first->second;
}

Hyphenator* Hyphenators::of(std::string_view language) {
    if (language.empty() || language == m_language)
        return m_own;
    auto found = m_others.find(language);
    if (found == m_others.end())
        found =
            m_others
                .emplace(std::string(language), std::make_unique<Hyphenator>(language, m_folders))
                .first;
    return found->second->available() ? found->second.get() : nullptr;
}

std::vector<std::pair<std::string, fs::path>> Hyphenators::others() const {
    std::vector<std::pair<std::string, fs::path>> result;
    for (const auto& [language, hyphenator] : m_others)
        result.emplace_back(language, hyphenator->dictionary_path());
    return result;
}

} // namespace mipex::layout
