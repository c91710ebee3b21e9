// Reads a CSV table (RFC 4180: commas, optional double quotes, "" inside quotes) into the same
// Value tree the YAML reader makes: a list with one mapping per row, keyed by the header.
// So the validate stage reads a score table the same way from either format.
#pragma once

#include "base/diagnostics.h"
#include "load/value.h"

namespace mipex::load {

/// Parses the CSV text of a registered file. The first non-empty line is the header.
/// Unterminated quotes, text after a closing quote, empty or repeated header names and rows
/// with the wrong number of fields are reported; such rows are left out.
Value parse_csv(FileId file, const SourceFiles& files, Diagnostics& diagnostics);

} // namespace mipex::load
