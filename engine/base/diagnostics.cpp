#include "base/diagnostics.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace mipex {

void Diagnostics::error(SourcePos pos, std::string message) {
    m_items.push_back({Severity::Error, pos, std::move(message)});
    ++m_error_count;
}

void Diagnostics::warning(SourcePos pos, std::string message) {
    m_items.push_back({Severity::Warning, pos, std::move(message)});
    ++m_warning_count;
}

void Diagnostics::note(SourcePos pos, std::string message) {
    m_items.push_back({Severity::Note, pos, std::move(message)});
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

std::string format_human(const Diagnostic& diagnostic, const SourceFiles& files) {
    std::string out;
    if (diagnostic.pos.known())
        out += files.describe(diagnostic.pos) + ": ";
    out += severity_name(diagnostic.severity);
    out += ": " + diagnostic.message + "\n";
    std::string_view line = files.line(diagnostic.pos.file, diagnostic.pos.line);
    if (diagnostic.pos.line == 0 || line.empty())
        return out;
    out += "  ";
    out += line;
    out += "\n  ";
    // The caret goes under the column-th code point; tabs stay tabs so it lines up.
    uint32_t code_point = 1;
    for (size_t i = 0; i < line.size() && code_point < diagnostic.pos.column; ++i) {
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
    json["line"] = diagnostic.pos.line;
    json["column"] = diagnostic.pos.column;
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
    if (format == DiagnosticFormat::Human && diagnostics.error_count() > 0)
        out += std::to_string(diagnostics.error_count()) +
               (diagnostics.error_count() == 1 ? " error" : " errors") + " found\n";
    return out;
}

} // namespace mipex
