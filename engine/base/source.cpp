#include "base/source.h"

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

} // namespace mipex
