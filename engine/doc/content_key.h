// Keys that identify a block's content exactly, for caches that must never return something
// a changed book would draw differently (layout's chart cache, kept between builds of a book
// being edited). A key holds every field, in declaration order; styles by value, not by
// address, since a rebuilt model puts them elsewhere.
#pragma once

#include "doc/document.h"

#include <string>

namespace mipex::doc {

/// The chart's whole content: spec, styles, name, alt text, description and data table.
/// When a field is added to a chart type, it must be added here (tests/doc/fingerprint_test
/// checks the fields a change of the book can touch).
std::string content_key(const Chart& chart);

/// A style's every field.
void append_key(std::string& key, const Style& style);

} // namespace mipex::doc
