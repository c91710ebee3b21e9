// Source files and positions: every value the engine reads remembers where it came from,
// so that a diagnostic can point at file:line:col in the editor's own file.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mipex {

/// Index of a file in a SourceFiles registry; 0 means "no file".
using FileId = uint32_t;

/// A position in a source file. Lines and columns are 1-based (0 = unknown), columns count
/// Unicode code points, as editors show them. A position with a file and no line stands for
/// the whole file (or folder): a diagnostic about it names the path alone.
struct SourcePos {
    FileId file = 0;
    uint32_t line = 0;
    uint32_t column = 0;

    /// The position of a problem with a whole file or folder, where no line can be pointed at
    /// (a binary file, a link, a folder without the files it needs).
    static SourcePos whole(FileId file) { return SourcePos{file, 0, 0}; }

    bool known() const { return file != 0; }
    /// True for a file or folder as a whole (see whole()).
    bool is_whole() const { return file != 0 && line == 0; }
    friend bool operator==(const SourcePos&, const SourcePos&) = default;
};

/// Registry of the files a build has read, with their text, for printing source lines.
class SourceFiles {
public:
    SourceFiles();

    /// Registers a file's display path (as the user should see it) and its text.
    FileId add(std::string display_path, std::string text);

    const std::string& path(FileId id) const;
    const std::string& text(FileId id) const;
    /// The text of one line (1-based), without its line ending; empty if out of range.
    std::string_view line(FileId id, uint32_t line) const;
    /// "path:line:col" (or "path" when the line is unknown).
    std::string describe(SourcePos pos) const;
    /// Where byte `offset` of a scalar's text is in its file. `start` is where the scalar
    /// begins (its opening quote, the `|` or `>` of a block, or its first character) and
    /// `value` its text as parsed. The source and the text are walked together, skipping only
    /// what YAML adds around the characters (indentation, line breaks, a block's header,
    /// quotes, an escape's backslash); where they part (an escape such as \n), `start`.
    SourcePos locate(SourcePos start, std::string_view value, size_t offset) const;

private:
    struct File {
        std::string path;
        std::string text;
        std::vector<uint32_t> line_starts;
    };
    std::vector<File> m_files;
};

} // namespace mipex
