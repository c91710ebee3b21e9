// Keys that identify a block's content exactly, for caches that must never return something
// a changed book would draw differently (layout's chart cache, kept between builds of a book
// being edited). A key holds every field, in declaration order; styles by value, not by
// address, since a rebuilt model puts them elsewhere.
#pragma once

#include "doc/document.h"

#include <string>

namespace mipex::doc {

/// The chart's whole content as layout draws it: spec, styles, name, alt text and description
/// (not its data table, which layout never draws). When a field is added to a chart type, it
/// must be added here (tests/doc/content_key_test changes every field one at a time, and
/// fails on a field it does not know).
std::string content_key(const Chart& chart);

/// A style's every field.
void append_key(std::string& key, const Style& style);

} // namespace mipex::doc
