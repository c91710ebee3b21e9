// Reads one YAML file into a Value tree with source positions.
#pragma once

#include "base/diagnostics.h"
#include "load/value.h"

namespace mipex::load {

/// Deepest nesting of lists and maps accepted; deeper input is refused before yaml-cpp's
/// recursive parser can exhaust the stack.
inline constexpr int max_yaml_depth = 64;

/// Most values that aliases may copy into one file's tree; aliases of aliases grow
/// exponentially, so without a limit a tiny file could exhaust memory.
inline constexpr size_t max_yaml_alias_nodes = 100000;

/// Parses the YAML text of a registered file. Syntax errors, duplicate keys, keys that are
/// not plain text and a second document in the file are reported to `diagnostics`; the
/// returned tree holds what could be read (null on a syntax error).
Value parse_yaml(FileId file, const SourceFiles& files, Diagnostics& diagnostics);

} // namespace mipex::load
