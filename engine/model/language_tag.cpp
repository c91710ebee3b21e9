#include "model/language_tag.h"

#include <algorithm>
#include <cctype>
#include <unicode/uloc.h>

namespace mipex::model {

std::optional<std::string> canonical_language_tag(std::string_view tag) {
    // The language first: ISO 639 codes of two or three letters (RFC 5646, section 2.2.1);
    // the longer and the private-use and grandfathered forms name no locale the book can use.
    size_t first = std::min(tag.find('-'), tag.size());
    if (first < 2 || first > 3 ||
        !std::all_of(tag.begin(), tag.begin() + static_cast<std::ptrdiff_t>(first),
                     [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }))
        return std::nullopt;
    // ICU parses the rest by RFC 5646, section 2.1, and stops where the tag stops being
    // well-formed: a tag it does not read to the end is none ("de-", "de-1a", "de-DE-DE").
    std::string text(tag);
    char locale[ULOC_FULLNAME_CAPACITY];
    int32_t parsed = 0;
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = uloc_forLanguageTag(text.c_str(), locale, sizeof locale, &parsed, &status);
    if (U_FAILURE(status) || length <= 0 || static_cast<size_t>(parsed) != text.size())
        return std::nullopt;
    // The case BCP 47 recommends (RFC 5646, section 2.1.1): lower case, except a region of
    // two letters in upper case and a script of four in title case, neither at the start nor
    // after a singleton (an extension or private use: "-u-", "-x-"). Only the case: ICU's
    // toLanguageTag would also replace deprecated codes ("iw" by "he"), and the edition must
    // stay the one asked for.
    std::string canonical;
    bool after_singleton = false;
    for (size_t start = 0; start <= text.size();) {
        size_t end = std::min(text.find('-', start), text.size());
        std::string subtag = text.substr(start, end - start);
        std::transform(subtag.begin(), subtag.end(), subtag.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (start > 0 && !after_singleton && subtag.size() == 2)
            std::transform(subtag.begin(), subtag.end(), subtag.begin(),
                           [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        else if (start > 0 && !after_singleton && subtag.size() == 4)
            subtag[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(subtag[0])));
        after_singleton = after_singleton || subtag.size() == 1;
        canonical += (start > 0 ? "-" : "") + subtag;
        start = end + 1;
    }
    return canonical;
}

} // namespace mipex::model
