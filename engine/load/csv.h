// Reads a CSV table (RFC 4180: commas, optional double quotes, "" inside quotes) into the same
// Value tree the YAML reader makes: a list with one mapping per row, keyed by the header.
// So the validate stage reads a score table the same way from either format.
#pragma once

#include "base/diagnostics.h"
#include "base/limits.h"
#include "load/value.h"

namespace mipex::load {

/// Parses the CSV text of a registered file. The first non-empty line is the header; the
/// table's position is the header's, and each row's keys are positioned at their column's
/// name in the header (where a wrong column name must be fixed). Unterminated quotes, text
/// after a closing quote, empty or repeated header names and rows with the wrong number of
/// fields are reported; such rows are left out. A field longer than `limits.text_bytes` or
/// more values than `limits.values` (counted in `*values` across files when given) make the
/// whole table unusable: null is returned.
Value parse_csv(FileId file, const SourceFiles& files, Diagnostics& diagnostics,
                const Limits& limits = {}, uint64_t* values = nullptr);

} // namespace mipex::load
