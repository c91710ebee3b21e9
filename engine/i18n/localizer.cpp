#include "i18n/localizer.h"

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

namespace mipex::i18n {

struct Localizer::Icu {
    icu::Locale locale;
    std::unique_ptr<icu::Collator> collator;
    icu::number::LocalizedNumberFormatter integers;
    icu::number::LocalizedNumberFormatter signed_integers;
    mutable std::map<std::string, std::unique_ptr<icu::MessageFormat>, std::less<>> messages;
    mutable std::set<std::string, std::less<>> reported;
};

Localizer::Localizer(const model::Model& model, std::string language, Diagnostics& diagnostics)
    : m_model(model), m_language(std::move(language)), m_diagnostics(diagnostics),
      m_icu(std::make_unique<Icu>()) {
    UErrorCode status = U_ZERO_ERROR;
    m_icu->locale = icu::Locale::forLanguageTag(m_language, status);
    if (U_FAILURE(status))
        throw std::invalid_argument("not a language tag: " + m_language);
    m_right_to_left = m_icu->locale.isRightToLeft();
    m_icu->collator.reset(icu::Collator::createInstance(m_icu->locale, status));
    if (U_FAILURE(status))
        throw std::runtime_error("ICU has no collation for " + m_language);
    m_icu->integers = icu::number::NumberFormatter::withLocale(m_icu->locale)
                          .precision(icu::number::Precision::integer());
    m_icu->signed_integers = m_icu->integers.sign(UNUM_SIGN_EXCEPT_ZERO);
}

Localizer::~Localizer() = default;

const std::string& Localizer::text(const model::Text& text) const {
    return text.source;
}

static std::string to_utf8(const icu::UnicodeString& text) {
    std::string out;
    text.toUTF8String(out);
    return out;
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
    const std::string& pattern = text(found->second);
    if (arguments.empty() && pattern.find('{') == std::string::npos)
        return pattern;

    auto cached = m_icu->messages.find(pattern);
    if (cached == m_icu->messages.end()) {
        UErrorCode status = U_ZERO_ERROR;
        UParseError parse_error;
        auto format = std::make_unique<icu::MessageFormat>(icu::UnicodeString::fromUTF8(pattern),
                                                           m_icu->locale, parse_error, status);
        if (U_FAILURE(status)) {
            if (m_icu->reported.insert(std::string(key)).second)
                m_diagnostics.error(found->second.pos, "string '" + std::string(key).substr(3) +
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
            m_diagnostics.error(found->second.pos, "string '" + std::string(key).substr(3) +
                                                       "' could not be formatted (" +
                                                       u_errorName(status) + ")");
        return pattern;
    }
    return to_utf8(result);
}

std::string Localizer::integer(long long value) const {
    UErrorCode status = U_ZERO_ERROR;
    auto formatted = m_icu->integers.formatInt(value, status);
    return U_FAILURE(status) ? std::to_string(value) : to_utf8(formatted.toString(status));
}

std::string Localizer::score(double value) const {
    return integer(score::shown_score(value));
}

std::string Localizer::signed_integer(long long value) const {
    UErrorCode status = U_ZERO_ERROR;
    auto formatted = m_icu->signed_integers.formatInt(value, status);
    std::string text =
        U_FAILURE(status) ? std::to_string(value) : to_utf8(formatted.toString(status));
    // A hyphen is too short for a sign beside figures. The bundled Noto faces have no minus
    // sign (U+2212), so the en dash serves, as European typesetting commonly does. ICU writes
    // the locale's minus: a hyphen in most, U+2212 in sv, fi, nb and fa, and after a bidi
    // mark in ar and he, so it is not always the first byte.
    for (std::string_view minus : {std::string_view("-"), std::string_view("\u2212")}) {
        if (size_t at = text.find(minus); at != std::string::npos) {
            text.replace(at, minus.size(), "\u2013");
            break;
        }
    }
    return text;
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
