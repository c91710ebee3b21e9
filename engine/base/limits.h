// Limits: how much input the engine accepts. Each one guards memory, time or the stack against
// a malformed or hostile project, so that a typo or a file from elsewhere gets a clear error
// instead of a crash, a hang or an exhausted machine. The defaults fit the MIPEX book many
// times over; every error about a limit names it and says how to raise it (`--limit NAME=N`).
// The limits are set on the command line, never in the project: a content folder from
// elsewhere must not be able to lift the guards that protect against it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mipex {

struct Limits {
    /// Bytes in one YAML or CSV file (16 MiB; the default book's largest file is 0.2 MB).
    uint64_t file_bytes = 16u << 20;
    /// Nesting of lists and maps in a YAML file; yaml-cpp parses recursively, so deeper input
    /// could exhaust the stack. At most max_yaml_depth_ceiling.
    uint64_t yaml_depth = 64;
    /// Values that aliases may copy into one file: aliases of aliases grow exponentially
    /// ("billion laughs"), so a file of a few hundred bytes could exhaust memory.
    uint64_t alias_values = 100000;
    /// Values (scalars, lists, maps, CSV fields and rows) in all files together: what the
    /// loaded trees cost in memory (roughly 150 bytes each).
    uint64_t values = 4000000;
    /// Bytes in one text (a YAML scalar, a CSV field).
    uint64_t text_bytes = 100000;
    /// Characters in a name, title or label: they are set in headings, table cells and chart
    /// labels, where a name of thousands of characters takes layout minutes.
    uint64_t name_chars = 500;
    uint64_t countries = 300;
    uint64_t indicators = 1000;
    /// Edition years.
    uint64_t editions = 30;
    /// Cells of the data and of the score table: countries × editions × indicators, and
    /// (countries + groups) × editions × (overall, area and dimension scores).
    uint64_t cells = 5000000;
    /// Errors reported; later ones are counted, not shown.
    uint64_t errors = 1000;
};

/// yaml_depth may not be raised above this: yaml-cpp gives up at 2000 levels, and the stack
/// must hold every level (several frames each) in a sanitizer build too.
inline constexpr uint64_t max_yaml_depth_ceiling = 1000;

/// One limit as the command line names it.
struct LimitInfo {
    const char* name; ///< "file-size"
    uint64_t Limits::*field;
    const char* meaning;
};

/// Every limit, in the order the README and --help list them.
const std::vector<LimitInfo>& limit_table();

/// Sets one limit from "NAME=N" (N a whole number, optionally with a K, M or G suffix, powers
/// of 1024). Returns an error message, empty on success.
std::string set_limit(Limits& limits, std::string_view assignment);

/// The advice every limit error ends with: "raise it with --limit file-size=N".
std::string raise_hint(std::string_view name);

/// A count with thousands separators, for messages: 5,000,000.
std::string format_count(uint64_t count);

} // namespace mipex
