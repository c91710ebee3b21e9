// Test support: the justified body style of the default theme (Noto Serif 10/14), for tests
// that shape and break text without a theme file.
#pragma once

#include "doc/document.h"

namespace mipex::testing {

inline doc::Style body_style() {
    doc::Style style;
    style.name = "body";
    style.family = "Noto Serif";
    style.size = from_pt(10);
    style.leading = from_pt(14);
    style.align = doc::Align::Justify;
    return style;
}

} // namespace mipex::testing
