// Test support: one YAML or CSV text parsed on its own, for the load stage's tests: its tree
// as load::dump writes it and its diagnostics as "line:col: message".
#pragma once

#include "base/diagnostics.h"
#include "base/limits.h"
#include "base/source.h"
#include "load/value.h"

#include <string>

namespace mipex::testing {

/// A text registered as the file `name` and read by `parse` (load::parse_yaml or
/// load::parse_csv), with the diagnostics it gave.
template <load::Value (*parse)(FileId, const SourceFiles&, Diagnostics&, const Limits&, uint64_t*)>
struct Parsed {
    SourceFiles files;
    Diagnostics diagnostics;
    FileId file = 0;
    load::Value root;

    explicit Parsed(std::string text, const std::string& name = "test") {
        file = files.add(name, std::move(text));
        root = parse(file, files, diagnostics, Limits{}, nullptr);
    }
    std::string dump() const { return load::dump(root, files); }
    /// The diagnostics as "line:col: message", one a line, in the order of their positions.
    std::string messages() const {
        std::string out;
        for (const Diagnostic& diagnostic : diagnostics.sorted())
            out += std::to_string(diagnostic.pos.line) + ":" +
                   std::to_string(diagnostic.pos.column) + ": " + diagnostic.message + "\n";
        return out;
    }
};

} // namespace mipex::testing
