// CSS from the book's styles and colours, for the EPUB's style sheet and the website's.
#pragma once

#include "base/units.h"
#include "doc/document.h"

#include <map>
#include <string>
#include <string_view>

namespace mipex::html {

/// A file name or class name from an id: letters, digits, '-' and '_' only ("section" when
/// nothing is left).
std::string file_stem(std::string_view id);

/// "1.25em", "0".
std::string em(double value);

/// "#4575b4", or rgba() when the colour is not opaque.
std::string css_color(Color color);

/// A CSS font-family list from a style's families ("Noto Naskh Arabic, Noto Serif"), ending
/// in the generic family of the last.
std::string css_families(std::string_view families);

/// The title of a chart, whatever its kind.
const std::string& chart_title(const doc::Chart& chart);

/// The rules of the book's paragraph and character styles (`.s-<name>`), in em of the body
/// text's size so that a reader's text size applies, and the rules every book page shares
/// (data tables, figures, key figures, notes).
std::string book_rules(const std::map<std::string, const doc::Style*>& styles);

} // namespace mipex::html
