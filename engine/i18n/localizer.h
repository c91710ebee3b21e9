// Everything that depends on the edition's language: which text to print for a translatable
// string, how numbers look, how country names sort, and interface messages with arguments
// (ICU MessageFormat, so translators can write plural forms).
//
// A text prints in the edition's language when the language's catalog (content/i18n/<lang>/)
// translates it; a country's name, when no catalog names it, comes from ICU (CLDR); anything
// else prints in the source language and is remembered, so that the build can list what is
// missing. The pseudo-locales "qps" and "ar-XB" (pseudo.h) translate everything on the fly.
//
// What prints is set in the typography of the language it prints in (typography.h): the
// quotation marks and apostrophes typed straight in the sources, and French spacing.
#pragma once

#include "base/diagnostics.h"
#include "i18n/typography.h"
#include "model/model.h"
#include "score/score_table.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mipex::i18n {

/// A named argument of an interface message: "{rank}" → 3, "{country}" → "Sweden".
struct Argument {
    std::string name;
    std::variant<long long, double, std::string> value;
};

/// A text the edition printed in the source language: its catalog has no translation.
struct Fallback {
    std::string key;
    SourcePos pos; ///< where the source text is written
};

/// A translation the edition printed although the English changed since it was made.
struct StaleTranslation {
    std::string key;
    SourcePos pos;       ///< where the translation is written
    std::string from;    ///< the fingerprint it records ("" when it records none)
    std::string current; ///< the fingerprint of the English now
};

class Localizer {
public:
    /// A localizer for `language` (a BCP 47 tag such as "en", "de", "fr", "el", "ar", or a
    /// pseudo-locale "qps", "ar-XB"). Throws std::invalid_argument for a malformed tag.
    Localizer(const model::Model& model, std::string language, Diagnostics& diagnostics);
    ~Localizer();
    Localizer(const Localizer&) = delete;
    Localizer& operator=(const Localizer&) = delete;

    const std::string& language() const { return m_language; }
    bool right_to_left() const { return m_right_to_left; }
    /// The edition is in the source language (its texts are the source files').
    bool source_language() const { return m_source; }
    /// The edition is a pseudo-locale generated from the source text.
    bool pseudo() const { return m_pseudo != Pseudo::None; }
    /// The catalog this edition reads, if any.
    const model::Catalog* catalog() const { return m_catalog; }

    /// The text of a translatable string in this language (the source text when untranslated),
    /// as it prints: in the typography of the language it is in.
    const std::string& text(const model::Text& text) const;
    /// The same text as written, straight quotes and prose markup as typed: for the prose
    /// parser, whose runs the document then sets (typography()).
    const std::string& markup(const model::Text& text) const;
    /// The typography of the edition's language, or of `language` (a text printed in the
    /// source language for want of a translation is set as that language is).
    const Typography& typography(const std::string& language = {}) const;
    /// Where the text that text() prints is written: the catalog entry of its translation, or
    /// the source file (for diagnostics about the printed text).
    SourcePos pos(const model::Text& text) const;
    /// An interface string ("ui.contents"), formatted with ICU MessageFormat arguments and
    /// then set in its language's typography (after ICU, whose quoting apostrophes are gone
    /// by then). A count must be passed as a number for `plural` to choose a form.
    std::string ui(std::string_view key, const std::vector<Argument>& arguments = {}) const;

    /// A whole number in the locale's digits and grouping ("1,234", "1 234").
    std::string integer(long long value) const;
    /// A year, in the locale's digits without grouping ("2019", "٢٠١٩").
    std::string year(int value) const;
    /// A score as printed: rounded to the book's precision (score::shown_score) and formatted
    /// with that many decimals in the locale's way ("58.33", "58,33", "٥٨٫٣٣").
    std::string score(double value) const;
    /// A shown number (a score or a change) with its decimals, unsigned ("3.33", "–3.33").
    std::string shown(const score::Shown& value) const;
    /// A change in points with its sign ("+3", "–2" with an en dash, "0").
    std::string signed_integer(long long value) const;
    /// A change in shown points with its sign and decimals ("+3.33", "–0.50"); no sign on
    /// zero ("0.00"), as MIPEX prints it.
    std::string change(const score::Shown& value) const;

    /// Orders two texts as a dictionary of this language does (ICU collation).
    bool less(std::string_view a, std::string_view b) const;

    /// The key of a translatable or interface string whose printed text was exactly `shown`
    /// (empty if none), for diagnostics about printed text.
    std::string key_of(std::string_view shown) const;
    /// Every text printed so far, with its key.
    const std::map<std::string, std::string, std::less<>>& printed_keys() const { return m_keys; }
    /// Every key served so far, with where its printed text is written.
    const std::map<std::string, SourcePos>& positions() const { return m_positions; }

    /// Whether `text` printed in the source language for want of a translation (asked after
    /// text() printed it).
    bool fell_back(const model::Text& text) const { return m_fallback_keys.count(text.key) > 0; }
    /// The texts printed in the source language so far, in the order first asked for.
    const std::vector<Fallback>& fallbacks() const { return m_fallbacks; }
    /// The stale translations printed so far, in the order first asked for.
    const std::vector<StaleTranslation>& stale() const { return m_stale; }
    /// How many translations came from the catalog, and how many country names from ICU.
    size_t translated_count() const { return m_translated; }
    size_t icu_names_count() const { return m_icu_names; }

private:
    enum class Pseudo { None, Accented, Bidi };
    struct Icu;
    const std::string& remember(const model::Text& text, const std::string& shown,
                                SourcePos pos) const;
    /// A shown score or change in the locale's digits and separator, formatted once.
    const std::string& formatted(const score::Shown& value, bool with_sign) const;
    /// The typography of the language `text` printed in (asked after markup() served it).
    const Typography& typography_of(const model::Text& text) const;

    const model::Model& m_model;
    std::string m_language;
    bool m_right_to_left = false;
    bool m_source = false;
    Pseudo m_pseudo = Pseudo::None;
    const model::Catalog* m_catalog = nullptr;
    Diagnostics& m_diagnostics;
    std::unique_ptr<Icu> m_icu;

    // What the edition printed, for the lists after the build and for diagnostics.
    mutable std::map<std::string, std::string> m_made; ///< key → generated text (ICU, pseudo)
    /// Texts as written → as set, in the edition's language [0] and in the source language [1].
    mutable std::map<std::string, std::string, std::less<>> m_set[2];
    mutable std::map<std::string, std::unique_ptr<Typography>> m_typographies; ///< by language
    mutable std::map<std::string, SourcePos> m_positions;
    mutable std::map<std::string, std::string, std::less<>> m_keys; ///< printed text → key
    mutable std::vector<Fallback> m_fallbacks;
    mutable std::set<std::string> m_fallback_keys;
    mutable std::vector<StaleTranslation> m_stale;
    mutable size_t m_translated = 0, m_icu_names = 0;
};

/// The name of a language in that language ("Deutsch", "français"), for reports.
std::string language_name(const std::string& language);

/// The country name ICU (CLDR) gives for an ISO 3166 code in `language`, or "" if none.
std::string icu_country_name(const std::string& code, const std::string& language);

} // namespace mipex::i18n
