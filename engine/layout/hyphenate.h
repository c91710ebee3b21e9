// Hyphenation points from the pattern dictionaries of Debian's hyphen-* packages, per
// language (read by patterns.h). pango does not hyphenate from dictionaries; it breaks at soft
// hyphens, so the points are inserted into the text as U+00AD (DESIGN.md).
#pragma once

#include "layout/patterns.h"

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mipex::layout {

class Hyphenator {
public:
    /// Loads the dictionary for a BCP 47 language ("en", "de", "fr-CH", "el") from `folders`
    /// (the first that has one wins). Without one, hyphenate() changes nothing.
    Hyphenator(std::string_view language, const std::vector<std::filesystem::path>& folders);
    ~Hyphenator();
    Hyphenator(const Hyphenator&) = delete;
    Hyphenator& operator=(const Hyphenator&) = delete;

    bool available() const { return m_dictionary != nullptr; }
    const std::filesystem::path& dictionary_path() const { return m_path; }

    /// The text with U+00AD at every hyphenation point of its words. Words shorter than
    /// five letters, words in capitals (acronyms), words with letters the patterns do not
    /// know and text holding a soft hyphen already are left alone.
    std::string hyphenate(std::string_view text);

    /// The default folders: the engine's hyphen/ (if any), then /usr/share/hyphen.
    static std::vector<std::filesystem::path>
    default_folders(const std::filesystem::path& engine_root);

private:
    std::string hyphenate_word(std::string_view word);

    std::shared_ptr<const HyphenationPatterns> m_dictionary; ///< shared with other threads
    std::filesystem::path m_path;
    std::unordered_map<std::string, std::string> m_cache;
};

/// The hyphenators an edition's text needs: its own language's, and one for each language its
/// untranslated texts are in (English in a German edition), each loaded when first asked for.
class Hyphenators {
public:
    /// `own`: the hyphenator of the edition's `language`, none when it has no dictionary.
    Hyphenators(std::string language, Hyphenator* own)
        : m_language(std::move(language)), m_own(own) {}
    Hyphenators(const Hyphenators&) = delete;
    Hyphenators& operator=(const Hyphenators&) = delete;

    /// The hyphenator of the edition's language; none when it has no dictionary.
    Hyphenator* own() const { return m_own; }
    /// The hyphenator of text in `language`: the edition's when empty or the edition's own;
    /// another's is loaded from the folders of find_others_in() when first asked for (none
    /// without them, or when the language has no dictionary).
    Hyphenator* of(std::string_view language);
    /// Where to find the dictionaries of languages other than the edition's.
    void find_others_in(std::vector<std::filesystem::path> folders) {
        m_folders = std::move(folders);
    }
    /// The other languages' dictionaries loaded so far: language, path (none without one).
    std::vector<std::pair<std::string, std::filesystem::path>> others() const;

private:
    std::string m_language;
    Hyphenator* m_own;
    std::vector<std::filesystem::path> m_folders;
    std::map<std::string, std::unique_ptr<Hyphenator>, std::less<>> m_others;
};

} // namespace mipex::layout
