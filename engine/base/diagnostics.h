// Diagnostics: every stage reports problems here instead of throwing, so the user sees every
// input error at once, each pointing at its file, line and column.
#pragma once

#include "base/source.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mipex {

enum class Severity { Error, Warning, Note };

struct Diagnostic {
    Severity severity = Severity::Error;
    SourcePos pos;
    std::string message;
};

/// Collects diagnostics from all stages of one build. A message that quotes the input shows
/// its invisible and bidirectional format characters as <U+202E> (show_format_characters):
/// they would otherwise reorder the message itself on the editor's terminal.
class Diagnostics {
public:
    void error(SourcePos pos, std::string message);
    void warning(SourcePos pos, std::string message);
    void note(SourcePos pos, std::string message);
    /// Adds a diagnostic of another collection (one edition's, built on its own thread), its
    /// message after `prefix` ("de edition: ").
    void add(const Diagnostic& diagnostic, const std::string& prefix = "");

    /// Errors (and warnings) past `limit` are counted but not kept, so that a file of a million bad
    /// rows neither floods the terminal nor fills memory with messages (Limits::errors).
    void set_error_limit(uint64_t limit) { m_error_limit = limit; }
    /// Errors counted but not kept because of the limit.
    size_t hidden_errors() const { return m_hidden_errors; }
    size_t hidden_warnings() const { return m_hidden_warnings; }
    uint64_t error_limit() const { return m_error_limit; }
    /// True once the error limit is reached: later errors will not be shown, so work spent
    /// only on their messages (suggestions, say) can be skipped.
    bool at_error_limit() const { return m_error_count >= m_error_limit; }

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
    uint64_t m_error_limit = UINT64_MAX;
    size_t m_hidden_errors = 0;
    size_t m_hidden_warnings = 0;
};

enum class DiagnosticFormat { Human, Json };

/// Formats one diagnostic as the compilers do: "path:line:col: error: message", then the
/// source line and a caret under the column; "path: error: message" for a whole file.
std::string format_human(const Diagnostic& diagnostic, const SourceFiles& files);

/// Formats one diagnostic as a single line of JSON, for editors and other tools: severity,
/// file ("" for none), line and column (null for a whole file, or none), message.
std::string format_json(const Diagnostic& diagnostic, const SourceFiles& files);

/// Formats all diagnostics, sorted, followed by a note on errors hidden by the error limit and
/// (for humans) a one-line summary.
std::string format_all(const Diagnostics& diagnostics, const SourceFiles& files,
                       DiagnosticFormat format);

} // namespace mipex
