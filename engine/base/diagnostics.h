// Diagnostics: every stage reports problems here instead of throwing, so the user sees every
// input error at once, each pointing at its file, line and column.
#pragma once

#include "base/source.h"

#include <string>
#include <vector>

namespace mipex {

enum class Severity { Error, Warning, Note };

struct Diagnostic {
    Severity severity = Severity::Error;
    SourcePos pos;
    std::string message;
};

/// Collects diagnostics from all stages of one build.
class Diagnostics {
public:
    void error(SourcePos pos, std::string message);
    void warning(SourcePos pos, std::string message);
    void note(SourcePos pos, std::string message);

    bool has_errors() const { return m_error_count > 0; }
    size_t error_count() const { return m_error_count; }
    size_t warning_count() const { return m_warning_count; }
    const std::vector<Diagnostic>& all() const { return m_items; }
    /// Diagnostics sorted by file, line and column (stable for equal positions).
    std::vector<Diagnostic> sorted() const;

private:
    std::vector<Diagnostic> m_items;
    size_t m_error_count = 0;
    size_t m_warning_count = 0;
};

enum class DiagnosticFormat { Human, Json };

/// Formats one diagnostic as the compilers do: "path:line:col: error: message", then the
/// source line and a caret under the column.
std::string format_human(const Diagnostic& diagnostic, const SourceFiles& files);

/// Formats one diagnostic as a single line of JSON, for editors and other tools.
std::string format_json(const Diagnostic& diagnostic, const SourceFiles& files);

/// Formats all diagnostics, sorted, followed (for humans) by a one-line summary.
std::string format_all(const Diagnostics& diagnostics, const SourceFiles& files,
                       DiagnosticFormat format);

} // namespace mipex
