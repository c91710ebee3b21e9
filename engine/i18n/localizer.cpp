#include "i18n/localizer.h"

#include "i18n/pseudo.h"
#include "model/catalog.h"
#include "score/score_table.h"

#include <cmath>
#include <mutex>
#include <set>
#include <stdexcept>
#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/msgfmt.h>
#include <unicode/numberformatter.h>
#include <unicode/uloc.h>
#include <unordered_map>

namespace mipex::i18n {

struct Localizer::Icu {
    icu::Locale locale;
    std::unique_ptr<icu::Collator> collator;
    icu::number::LocalizedNumberFormatter integers;
    icu::number::LocalizedNumberFormatter signed_integers;
    icu::number::LocalizedNumberFormatter years;
    /// Shown scores and changes: exactly the book's decimals, in the locale's separator.
    icu::number::LocalizedNumberFormatter scores;
    icu::number::LocalizedNumberFormatter signed_scores;
    /// Shown numbers formatted so far, by value, unsigned [0] and signed [1]: a book formats
    /// the same few hundred scores tens of thousands of times (every table and chart), and
    /// ICU's formatting of a decimal takes some ten thousand instructions each time.
    mutable std::unordered_map<long long, std::string> formatted[2];
    mutable std::map<std::string, std::unique_ptr<icu::MessageFormat>, std::less<>> messages;
    mutable std::set<std::string, std::less<>> reported;
};

Localizer::Localizer(const model::Model& model, std::string language, Diagnostics& diagnostics)
    : m_model(model), m_language(std::move(language)), m_diagnostics(diagnostics),
      m_icu(std::make_unique<Icu>()) {
    if (m_language == "qps")
        m_pseudo = Pseudo::Accented;
    else if (m_language == "ar-XB")
        m_pseudo = Pseudo::Bidi;
    m_source = m_language == model.book.language;
    UErrorCode status = U_ZERO_ERROR;
    // The pseudo-locales are English underneath: its numbers, plurals and sorting.
    m_icu->locale = icu::Locale::forLanguageTag(pseudo() ? "en" : m_language, status);
    if (U_FAILURE(status) || m_language.empty() || m_icu->locale.isBogus())
        throw std::invalid_argument("not a language tag: " + m_language);
    m_right_to_left = m_pseudo == Pseudo::Bidi || m_icu->locale.isRightToLeft();
    m_icu->collator.reset(icu::Collator::createInstance(m_icu->locale, status));
    if (U_FAILURE(status))
        throw std::runtime_error("ICU has no collation for " + m_language);
    m_icu->integers = icu::number::NumberFormatter::withLocale(m_icu->locale)
                          .precision(icu::number::Precision::integer());
    m_icu->signed_integers = m_icu->integers.sign(UNUM_SIGN_EXCEPT_ZERO);
    m_icu->years = m_icu->integers.grouping(UNUM_GROUPING_OFF);
    m_icu->scores = icu::number::NumberFormatter::withLocale(m_icu->locale)
                        .precision(icu::number::Precision::fixedFraction(model.book.precision));
    m_icu->signed_scores = m_icu->scores.sign(UNUM_SIGN_EXCEPT_ZERO);
    if (!m_source && !pseudo()) {
        auto found = model.catalogs.find(m_language);
        if (found == model.catalogs.end()) // "de-AT" reads the "de" catalog
            found = model.catalogs.find(m_language.substr(0, m_language.find('-')));
        if (found != model.catalogs.end())
            m_catalog = &found->second;
    }
}

Localizer::~Localizer() = default;

const std::string& Localizer::remember(const model::Text& text, const std::string& shown,
                                       SourcePos pos) const {
    m_positions.emplace(text.key, pos);
    m_keys.emplace(shown, text.key);
    return shown;
}

const Typography& Localizer::typography(const std::string& language) const {
    // The pseudo-locales take the marks ICU gives their own tags: qps falls back to CLDR's
    // root (“ ” ‘ ’), and ar-XB to Arabic's, as its words are set right to left.
    const std::string& tag = language.empty() ? m_language : language;
    auto& made = m_typographies[tag];
    if (!made)
        made = std::make_unique<Typography>(tag);
    return *made;
}

const Typography& Localizer::typography_of(const model::Text& text) const {
    bool in_source_language = !pseudo() && (text.key.empty() || m_source || fell_back(text));
    return typography(in_source_language ? m_model.book.language : std::string());
}

const std::string& Localizer::text(const model::Text& text) const {
    const std::string& written = markup(text);
    const Typography& typography = typography_of(text);
    if (!typography.may_change(written))
        return written;
    auto& set_texts = m_set[&typography != &this->typography()];
    auto found = set_texts.find(written);
    if (found == set_texts.end())
        found = set_texts.emplace(written, typography.set(written)).first;
    m_keys.emplace(found->second, text.key);
    return found->second;
}

const std::string& Localizer::markup(const model::Text& text) const {
    if (text.key.empty() || m_source)
        return remember(text, text.source, text.pos);
    const bool first = !m_positions.count(text.key);
    if (pseudo()) {
        auto made = m_made.find(text.key);
        if (made == m_made.end())
            made =
                m_made
                    .emplace(text.key, m_pseudo == Pseudo::Accented ? pseudo_accented(text.source)
                                                                    : pseudo_bidi(text.source))
                    .first;
        return remember(text, made->second, text.pos);
    }
    if (m_catalog) {
        auto found = m_catalog->entries.find(text.key);
        if (found != m_catalog->entries.end()) {
            const model::Translation& translation = found->second;
            if (first) {
                ++m_translated;
                std::string current = model::fingerprint(text.source);
                if (translation.from.value_or("") != current)
                    m_stale.push_back(StaleTranslation{text.key, translation.pos,
                                                       translation.from.value_or(""), current});
            }
            return remember(text, translation.text, translation.pos);
        }
    }
    // A country's name in the edition's language, from CLDR, unless a catalog names it.
    if (text.key.starts_with("country.") && text.key.ends_with(".name")) {
        auto made = m_made.find(text.key);
        if (made == m_made.end()) {
            std::string code = text.key.substr(8, text.key.size() - 8 - 5);
            std::string name = icu_country_name(code, m_language);
            if (!name.empty())
                made = m_made.emplace(text.key, std::move(name)).first;
        }
        if (made != m_made.end()) {
            if (first)
                ++m_icu_names;
            return remember(text, made->second, text.pos);
        }
    }
    if (first) {
        m_fallbacks.push_back(Fallback{text.key, text.pos});
        m_fallback_keys.insert(text.key);
    }
    return remember(text, text.source, text.pos);
}

SourcePos Localizer::pos(const model::Text& text) const {
    if (m_catalog) {
        auto found = m_catalog->entries.find(text.key);
        if (found != m_catalog->entries.end())
            return found->second.pos;
    }
    return text.pos;
}

std::string Localizer::key_of(std::string_view shown) const {
    auto found = m_keys.find(shown);
    return found == m_keys.end() ? std::string() : found->second;
}

static std::string to_utf8(const icu::UnicodeString& text) {
    std::string out;
    text.toUTF8String(out);
    return out;
}

std::string icu_country_name(const std::string& code, const std::string& language) {
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale display = icu::Locale::forLanguageTag(language, status);
    if (U_FAILURE(status))
        return {};
    icu::Locale region("", code.c_str());
    // ICU names unknown regions too ("Unknown Region"); a real one has an ISO 3166 alpha-3.
    if (code.size() != 2 || *region.getISO3Country() == '\0')
        return {};
    icu::UnicodeString name;
    region.getDisplayCountry(display, name);
    std::string result = to_utf8(name);
    return result == code ? std::string() : result;
}

std::string language_name(const std::string& language) {
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale = icu::Locale::forLanguageTag(language, status);
    if (U_FAILURE(status))
        return language;
    icu::UnicodeString name;
    locale.getDisplayName(locale, name);
    return to_utf8(name);
}

std::string Localizer::ui(std::string_view key, const std::vector<Argument>& arguments) const {
    auto found = m_model.strings.find(std::string(key));
    if (found == m_model.strings.end()) {
        if (m_icu->reported.insert(std::string(key)).second)
            m_diagnostics.error(SourcePos{}, "the layouts use the interface string '" +
                                                 std::string(key).substr(3) +
                                                 "', which layouts/strings.yaml does not define");
        return "[" + std::string(key) + "]";
    }
    const std::string& pattern = markup(found->second);
    // Without arguments or ICU's quoting ('' for an apostrophe, '{' for a brace) the pattern
    // prints as written.
    if (arguments.empty() && pattern.find_first_of("{'") == std::string::npos)
        return text(found->second);
    SourcePos where = pos(found->second);

    auto cached = m_icu->messages.find(pattern);
    if (cached == m_icu->messages.end()) {
        UErrorCode status = U_ZERO_ERROR;
        UParseError parse_error;
        auto format = std::make_unique<icu::MessageFormat>(icu::UnicodeString::fromUTF8(pattern),
                                                           m_icu->locale, parse_error, status);
        if (U_FAILURE(status)) {
            if (m_icu->reported.insert(std::string(key)).second)
                m_diagnostics.error(where, "string '" + std::string(key).substr(3) +
                                               "' is not a valid ICU message (" +
                                               u_errorName(status) + ")");
            return pattern;
        }
        cached = m_icu->messages.emplace(pattern, std::move(format)).first;
    }

    std::vector<icu::UnicodeString> names;
    std::vector<icu::Formattable> values;
    for (const Argument& argument : arguments) {
        names.push_back(icu::UnicodeString::fromUTF8(argument.name));
        if (auto* integer = std::get_if<long long>(&argument.value))
            values.emplace_back(static_cast<int64_t>(*integer));
        else if (auto* real = std::get_if<double>(&argument.value))
            values.emplace_back(*real);
        else
            values.emplace_back(
                icu::UnicodeString::fromUTF8(std::get<std::string>(argument.value)));
    }
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString result;
    cached->second->format(names.data(), values.data(), static_cast<int32_t>(values.size()), result,
                           status);
    if (U_FAILURE(status)) {
        if (m_icu->reported.insert(std::string(key)).second)
            m_diagnostics.error(where, "string '" + std::string(key).substr(3) +
                                           "' could not be formatted (" + u_errorName(status) +
                                           ")");
        return pattern;
    }
    std::string formatted = typography_of(found->second).set(to_utf8(result));
    m_keys.emplace(formatted, std::string(key));
    return formatted;
}

std::string Localizer::integer(long long value) const {
    UErrorCode status = U_ZERO_ERROR;
    auto formatted = m_icu->integers.formatInt(value, status);
    return U_FAILURE(status) ? std::to_string(value) : to_utf8(formatted.toString(status));
}

std::string Localizer::year(int value) const {
    UErrorCode status = U_ZERO_ERROR;
    auto formatted = m_icu->years.formatInt(value, status);
    return U_FAILURE(status) ? std::to_string(value) : to_utf8(formatted.toString(status));
}

namespace {

/// The text with its minus sign as an en dash. A hyphen is too short for a sign beside
/// figures. The bundled Noto faces have no minus sign (U+2212), so the en dash serves, as
/// European typesetting commonly does. ICU writes the locale's minus: a hyphen in most, U+2212
/// in sv, fi, nb and fa, and after a bidi mark in ar and he, so it is not always the first byte.
std::string with_en_dash(std::string text) {
    for (std::string_view minus : {std::string_view("-"), std::string_view("\u2212")}) {
        if (size_t at = text.find(minus); at != std::string::npos) {
            text.replace(at, minus.size(), "\u2013");
            break;
        }
    }
    return text;
}

/// A shown number through `formatter` (made for the book's decimals), from its exact decimal
/// text: no double in between.
std::string format_shown(const icu::number::LocalizedNumberFormatter& formatter, int decimals,
                         const score::Shown& value) {
    std::string exact = value.text();
    UErrorCode status = U_ZERO_ERROR;
    auto formatted =
        (value.decimals == decimals
             ? formatter
             : formatter.precision(icu::number::Precision::fixedFraction(value.decimals)))
            .formatDecimal(icu::StringPiece(exact.data(), static_cast<int32_t>(exact.size())),
                           status);
    return U_FAILURE(status) ? exact : with_en_dash(to_utf8(formatted.toString(status)));
}

} // namespace

std::string Localizer::score(double value) const {
    return shown(score::shown_score(value, m_model.book.precision));
}

std::string Localizer::shown(const score::Shown& value) const {
    return formatted(value, false);
}

std::string Localizer::change(const score::Shown& value) const {
    return formatted(value, true);
}

const std::string& Localizer::formatted(const score::Shown& value, bool with_sign) const {
    // A key for units and decimals together: the units of a score or change at two decimals
    // stay within ±10,000.
    long long key = value.units * 4 + value.decimals;
    auto& cache = m_icu->formatted[with_sign];
    auto found = cache.find(key);
    if (found == cache.end())
        found = cache
                    .emplace(key, format_shown(with_sign ? m_icu->signed_scores : m_icu->scores,
                                               m_model.book.precision, value))
                    .first;
    return found->second;
}

std::string Localizer::signed_integer(long long value) const {
    UErrorCode status = U_ZERO_ERROR;
    auto formatted = m_icu->signed_integers.formatInt(value, status);
    return U_FAILURE(status) ? std::to_string(value)
                             : with_en_dash(to_utf8(formatted.toString(status)));
}

bool Localizer::less(std::string_view a, std::string_view b) const {
    UErrorCode status = U_ZERO_ERROR;
    auto order = m_icu->collator->compareUTF8(
        icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
        icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), status);
    if (U_FAILURE(status))
        return a < b;
    return order == UCOL_LESS;
}

} // namespace mipex::i18n
