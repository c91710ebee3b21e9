// Reads one YAML file into a Value tree with source positions.
#pragma once

#include "base/diagnostics.h"
#include "base/limits.h"
#include "load/value.h"

namespace mipex::load {

/// Parses the YAML text of a registered file. Syntax errors, duplicate keys, keys that are
/// not plain text and a second document in the file are reported to `diagnostics`; the
/// returned tree holds what could be read (null on a syntax error or a limit exceeded).
/// Nesting is bounded by `limits.yaml_depth` before yaml-cpp's recursive parser goes deeper;
/// values copied by aliases by `limits.alias_values`; texts by `limits.text_bytes`; values by
/// `limits.values`, counted in `*values` across files when given.
Value parse_yaml(FileId file, const SourceFiles& files, Diagnostics& diagnostics,
                 const Limits& limits = {}, uint64_t* values = nullptr);

} // namespace mipex::load
