#include "base/source.h"

#include <algorithm>

namespace mipex {

SourceFiles::SourceFiles() {
    m_files.push_back(File{"<none>", "", {0}});
}

FileId SourceFiles::add(std::string display_path, std::string text) {
    File file{std::move(display_path), std::move(text), {0}};
    for (uint32_t i = 0; i < file.text.size(); ++i)
        if (file.text[i] == '\n')
            file.line_starts.push_back(i + 1);
    m_files.push_back(std::move(file));
    return static_cast<FileId>(m_files.size() - 1);
}

const std::string& SourceFiles::path(FileId id) const {
    return m_files.at(id < m_files.size() ? id : 0).path;
}

const std::string& SourceFiles::text(FileId id) const {
    return m_files.at(id < m_files.size() ? id : 0).text;
}

std::string_view SourceFiles::line(FileId id, uint32_t line) const {
    if (id == 0 || id >= m_files.size() || line == 0)
        return {};
    const File& file = m_files[id];
    if (line > file.line_starts.size())
        return {};
    uint32_t begin = file.line_starts[line - 1];
    uint32_t end = line < file.line_starts.size() ? file.line_starts[line] : file.text.size();
    std::string_view text(file.text);
    std::string_view result = text.substr(begin, end - begin);
    while (!result.empty() && (result.back() == '\n' || result.back() == '\r'))
        result.remove_suffix(1);
    return result;
}

std::string SourceFiles::describe(SourcePos pos) const {
    std::string result = path(pos.file);
    if (pos.line > 0) {
        result += ':' + std::to_string(pos.line);
        if (pos.column > 0)
            result += ':' + std::to_string(pos.column);
    }
    return result;
}

SourcePos SourceFiles::locate(SourcePos start, std::string_view value, size_t offset) const {
    if (start.file == 0 || start.file >= m_files.size() || start.line == 0 ||
        offset >= value.size())
        return start;
    const File& file = m_files[start.file];
    std::string_view text(file.text);
    if (start.line > file.line_starts.size())
        return start;
    size_t at = file.line_starts[start.line - 1];
    for (uint32_t column = 1; column < start.column && at < text.size(); ++column) {
        ++at;
        while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80)
            ++at;
    }
    bool quoted = false;
    if (at < text.size() && (text[at] == '|' || text[at] == '>')) {
        // A block scalar (YAML 1.2, 8.1): its text starts on the line after the header.
        size_t end = text.find('\n', at);
        if (end == std::string_view::npos)
            return start;
        at = end + 1;
    } else if (at < text.size() && (text[at] == '"' || text[at] == '\'')) {
        quoted = true;
        ++at;
    }
    auto added_by_yaml = [&](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
               (quoted && (c == '"' || c == '\'' || c == '\\'));
    };
    for (size_t i = 0;; ++i) {
        while (at < text.size() && text[at] != value[i] && added_by_yaml(text[at]))
            ++at;
        if (at >= text.size() || text[at] != value[i])
            return start;
        if (i == offset)
            break;
        ++at;
    }
    auto next_line = std::upper_bound(file.line_starts.begin(), file.line_starts.end(), at);
    uint32_t line = static_cast<uint32_t>(next_line - file.line_starts.begin());
    uint32_t column = 1;
    for (size_t i = file.line_starts[line - 1]; i < at; ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
            ++column;
    return SourcePos{start.file, line, column};
}

} // namespace mipex
