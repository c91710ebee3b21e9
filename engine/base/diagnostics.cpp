#include "base/diagnostics.h"

#include "base/limits.h"
#include "base/text.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace mipex {

void Diagnostics::error(SourcePos pos, std::string message) {
    if (m_error_count++ >= m_error_limit) {
        ++m_hidden_errors;
        return;
    }
    m_items.push_back({Severity::Error, pos, show_format_characters(message)});
}

void Diagnostics::warning(SourcePos pos, std::string message) {
    if (m_warning_count++ >= m_error_limit) {
        ++m_hidden_warnings;
        return;
    }
    m_items.push_back({Severity::Warning, pos, show_format_characters(message)});
}

void Diagnostics::note(SourcePos pos, std::string message) {
    m_items.push_back({Severity::Note, pos, show_format_characters(message)});
}

void Diagnostics::add(const Diagnostic& diagnostic, const std::string& prefix) {
    std::string message = prefix + diagnostic.message;
    switch (diagnostic.severity) {
    case Severity::Error:
        error(diagnostic.pos, std::move(message));
        break;
    case Severity::Warning:
        warning(diagnostic.pos, std::move(message));
        break;
    case Severity::Note:
        note(diagnostic.pos, std::move(message));
        break;
    }
}

std::vector<Diagnostic> Diagnostics::sorted() const {
    std::vector<Diagnostic> result = m_items;
    std::stable_sort(result.begin(), result.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (a.pos.file != b.pos.file)
            return a.pos.file < b.pos.file;
        if (a.pos.line != b.pos.line)
            return a.pos.line < b.pos.line;
        return a.pos.column < b.pos.column;
    });
    return result;
}

static const char* severity_name(Severity severity) {
    switch (severity) {
    case Severity::Error:
        return "error";
    case Severity::Warning:
        return "warning";
    case Severity::Note:
        return "note";
    }
    return "error";
}

namespace {

/// How much of a long source line is shown on each side of the column: a minified or
/// generated file can have one line of megabytes, which must not be printed whole.
constexpr uint32_t context_code_points = 60;

size_t code_point_offset(std::string_view text, uint32_t code_points) {
    size_t i = 0;
    for (uint32_t seen = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80)
            continue;
        if (seen++ == code_points)
            break;
    }
    return i;
}

} // namespace

std::string format_human(const Diagnostic& diagnostic, const SourceFiles& files) {
    std::string out;
    if (diagnostic.pos.known())
        out += files.describe(diagnostic.pos) + ": ";
    out += severity_name(diagnostic.severity);
    out += ": " + diagnostic.message + "\n";
    std::string_view line = files.line(diagnostic.pos.file, diagnostic.pos.line);
    if (diagnostic.pos.line == 0 || line.empty())
        return out;
    uint32_t column = std::max<uint32_t>(diagnostic.pos.column, 1);
    std::string prefix;
    if (line.size() > 3 * context_code_points) {
        uint32_t first = column > context_code_points ? column - context_code_points : 0;
        size_t begin = code_point_offset(line, first);
        size_t end = begin + code_point_offset(line.substr(begin), 2 * context_code_points);
        bool cut_end = end < line.size();
        line = line.substr(begin, end - begin);
        if (first > 0) {
            prefix = "\xE2\x80\xA6"; // …
            column -= first;         // the window starts at code point first + 1
        }
        out += "  " + prefix + std::string(line) + (cut_end ? "\xE2\x80\xA6" : "") + "\n  ";
    } else {
        out += "  ";
        out += line;
        out += "\n  ";
    }
    if (!prefix.empty())
        out += ' ';
    // The caret goes under the column-th code point; tabs stay tabs so it lines up.
    uint32_t code_point = 1;
    for (size_t i = 0; i < line.size() && code_point < column; ++i) {
        unsigned char c = static_cast<unsigned char>(line[i]);
        if ((c & 0xC0) == 0x80)
            continue;
        out += c == '\t' ? '\t' : ' ';
        ++code_point;
    }
    out += "^\n";
    return out;
}

std::string format_json(const Diagnostic& diagnostic, const SourceFiles& files) {
    nlohmann::ordered_json json;
    json["severity"] = severity_name(diagnostic.severity);
    json["file"] = diagnostic.pos.known() ? files.path(diagnostic.pos.file) : "";
    // A diagnostic about a whole file or folder (or about none) has no line: null, not 0,
    // which no editor can go to.
    if (diagnostic.pos.line > 0)
        json["line"] = diagnostic.pos.line;
    else
        json["line"] = nullptr;
    if (diagnostic.pos.line > 0 && diagnostic.pos.column > 0)
        json["column"] = diagnostic.pos.column;
    else
        json["column"] = nullptr;
    json["message"] = diagnostic.message;
    return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string format_all(const Diagnostics& diagnostics, const SourceFiles& files,
                       DiagnosticFormat format) {
    std::string out;
    for (const Diagnostic& diagnostic : diagnostics.sorted()) {
        if (format == DiagnosticFormat::Json)
            out += format_json(diagnostic, files) + "\n";
        else
            out += format_human(diagnostic, files);
    }
    if (diagnostics.hidden_errors() + diagnostics.hidden_warnings() > 0) {
        auto count = [](size_t n, const char* what) {
            return format_count(n) + " more " + what + (n == 1 ? "" : "s");
        };
        std::string hidden;
        if (diagnostics.hidden_errors() > 0)
            hidden = count(diagnostics.hidden_errors(), "error");
        if (diagnostics.hidden_warnings() > 0)
            hidden +=
                (hidden.empty() ? "" : " and ") + count(diagnostics.hidden_warnings(), "warning");
        Diagnostic note{Severity::Note, SourcePos{},
                        hidden + " not shown: the limit is " +
                            format_count(diagnostics.error_limit()) + " of each; " +
                            raise_hint("errors")};
        out += format == DiagnosticFormat::Json ? format_json(note, files) + "\n"
                                                : format_human(note, files);
    }
    if (format == DiagnosticFormat::Human && diagnostics.error_count() > 0)
        out += std::to_string(diagnostics.error_count()) +
               (diagnostics.error_count() == 1 ? " error" : " errors") + " found\n";
    return out;
}

} // namespace mipex
