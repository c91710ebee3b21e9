// Test support: a temporary folder that removes itself, and small file and text helpers.
// Header-only, so every test executable can use it without linking anything beyond the
// standard library.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace mipex::testing {

namespace fs = std::filesystem;

/// A fresh, empty folder under the system's temporary folder, removed with its contents.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "mipex-test-XXXXXX").string();
        if (!::mkdtemp(pattern.data()))
            throw std::runtime_error("cannot create a temporary folder");
        m_path = fs::path(pattern);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(m_path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const fs::path& path() const { return m_path; }
    fs::path operator/(const fs::path& relative) const { return m_path / relative; }

private:
    fs::path m_path;
};

/// Writes `text` to `path` byte for byte, creating the folders on the way.
inline void write_text(const fs::path& path, std::string_view text) {
    fs::create_directories(path.parent_path());
    std::ofstream stream(path, std::ios::binary | std::ios::trunc);
    stream.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!stream)
        throw std::runtime_error("cannot write " + path.string());
}

inline std::string read_text(const fs::path& path) {
    std::ifstream stream(path, std::ios::binary);
    if (!stream)
        throw std::runtime_error("cannot read " + path.string());
    std::ostringstream buffer;
    buffer << stream.rdbuf();
    return buffer.str();
}

/// The parts of `text` between the `separator`s: lines at '\n', pdftotext's pages at '\f',
/// fields at ','. A separator at the very end adds no empty part.
inline std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream stream(text);
    while (std::getline(stream, part, separator))
        parts.push_back(part);
    return parts;
}

/// Copies every file under `from` into `to`, replacing files that exist there (an overlay).
inline void copy_tree(const fs::path& from, const fs::path& to) {
    fs::create_directories(to);
    fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

/// Replaces the one occurrence of `from` in a file with `to`; throws when `from` is not there
/// exactly once, so a test never silently edits nothing.
inline void edit_file(const fs::path& path, std::string_view from, std::string_view to) {
    std::string text = read_text(path);
    size_t found = text.find(from);
    if (found == std::string::npos || text.find(from, found + 1) != std::string::npos)
        throw std::runtime_error("'" + std::string(from) + "' is not in " + path.string() +
                                 " exactly once");
    text.replace(found, from.size(), to);
    write_text(path, text);
}

/// Every file below `root`, by its path relative to it, with its bytes.
inline std::map<std::string, std::string> files_below(const fs::path& root) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(root))
        if (entry.is_regular_file())
            files.emplace(fs::relative(entry.path(), root).generic_string(),
                          read_text(entry.path()));
    return files;
}

} // namespace mipex::testing
