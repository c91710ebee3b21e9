// Everything that depends on the edition's language: which text to print for a translatable
// string, how numbers look, how country names sort, and interface messages with arguments
// (ICU MessageFormat, so translators can write plural forms).
#pragma once

#include "base/diagnostics.h"
#include "model/model.h"

#include <map>
#include <memory>
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

class Localizer {
public:
    /// A localizer for `language` (a BCP 47 tag such as "en", "de", "fr", "el", "ar").
    Localizer(const model::Model& model, std::string language, Diagnostics& diagnostics);
    ~Localizer();
    Localizer(const Localizer&) = delete;
    Localizer& operator=(const Localizer&) = delete;

    const std::string& language() const { return m_language; }
    bool right_to_left() const { return m_right_to_left; }

    /// The text of a translatable string in this language (the source text when untranslated).
    const std::string& text(const model::Text& text) const;
    /// An interface string ("ui.contents"), formatted with ICU MessageFormat arguments.
    std::string ui(std::string_view key, const std::vector<Argument>& arguments = {}) const;

    /// A whole number in the locale's digits and grouping ("1,234", "1 234").
    std::string integer(long long value) const;
    /// A score as printed: rounded to a whole number (score::shown_score) and formatted.
    std::string score(double value) const;
    /// A change in points with its sign ("+3", "–2" with an en dash, "0").
    std::string signed_integer(long long value) const;

    /// Orders two texts as a dictionary of this language does (ICU collation).
    bool less(std::string_view a, std::string_view b) const;

private:
    struct Icu;
    const model::Model& m_model;
    std::string m_language;
    bool m_right_to_left = false;
    Diagnostics& m_diagnostics;
    std::unique_ptr<Icu> m_icu;
};

} // namespace mipex::i18n
