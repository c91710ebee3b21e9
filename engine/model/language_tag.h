// Language tags (BCP 47): the book's language, the catalogs' folders, the editions asked for
// on the command line. One rule for all of them, so that what passes the check builds.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mipex::model {

/// A language tag in its canonical case: "de", "de-AT", "zh-Hant-TW", "ar-XB" (from "DE",
/// "de-at", "ZH-hant-tw", "ar-xb"). Nothing when it is not a well-formed BCP 47 tag that
/// starts with a language of two or three letters ("de-", "de_AT", "de-1a", "x-private",
/// "../etc"): such a tag would name no hyphenation dictionary and no locale ICU can take.
std::optional<std::string> canonical_language_tag(std::string_view tag);

} // namespace mipex::model
