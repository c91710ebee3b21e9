// Pseudo-locales: translations made up from the English on the fly, to find the layout that
// breaks under translation before translators do.
//
//   qps    "[Çööñţéééñţš]": accented letters (is every glyph there?), vowels doubled and padded
//          to about 40% longer (does the text still fit?), bracketed (is anything cut off or
//          built from pieces?)
//   ar-XB  every word set right to left (the direction overrides U+202E … U+202C) in a
//          right-to-left edition: are pages, tables and running heads mirrored?
//
// ICU MessageFormat syntax ({rank}, {count, plural, one {…} other {…}}) and prose markup
// ({country:SE}, [label](https://…), list markers) pass through untouched.
#pragma once

#include <string>
#include <string_view>

namespace mipex::i18n {

/// "qps": accented, about 40% longer, each line in brackets.
std::string pseudo_accented(std::string_view text);

/// "ar-XB": each word forced right to left.
std::string pseudo_bidi(std::string_view text);

} // namespace mipex::i18n
