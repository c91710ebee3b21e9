// load_project: turns a project folder (content/ and layouts/) into Value trees, one per file,
// each node with its source position. Turns files into trees; knows nothing of their meaning.
#pragma once

#include "base/diagnostics.h"
#include "base/limits.h"
#include "load/value.h"

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace mipex::load {

struct ProjectPaths {
    /// The project folder, as the user gave it (display paths are built from it).
    std::filesystem::path project;
    /// The engine's own folder, holding the default layouts/ and fonts/.
    std::filesystem::path engine;
};

/// One file of the project, read and parsed.
struct LoadedFile {
    /// Logical name, the same wherever the file came from: "content/countries/se.yaml",
    /// "layouts/theme.yaml".
    std::string name;
    FileId file = 0;
    /// The parsed tree, shared with the session's ParseCache, so that a rebuild copies no
    /// tree it did not parse again.
    std::shared_ptr<const Value> tree;

    /// The tree's root (a null value before the file is parsed).
    const Value& root() const;
};

struct LoadedProject {
    std::vector<LoadedFile> files; // sorted by name
    /// Files that exist but could not be read or parsed (already reported), so later stages
    /// do not report them again as missing. A name ending in '/' is a folder that was
    /// refused: anything under it may exist.
    std::vector<std::string> unreadable;

    /// True when `name` is unreadable or lies under a refused folder.
    bool is_unreadable(std::string_view name) const;
    /// True when some file under `folder` is unreadable, or the folder itself.
    bool has_unreadable_under(std::string_view folder) const;

    const LoadedFile* find(std::string_view name) const;
    /// Files whose name starts with `folder` + "/", in name order.
    std::vector<const LoadedFile*> under(std::string_view folder) const;
};

/// Parsed trees kept from one build to the next of a session (`mipex watch`): a file whose
/// name, text and number among the registered files are those of last time is not parsed
/// again (yaml-cpp's parse is most of load's time). Only trees parsed without a diagnostic
/// are kept, so a file with problems is parsed, and reported, every time.
class ParseCache {
public:
    /// The tree kept for this file, or null. `values` receives the values it counts.
    std::shared_ptr<const Value> find(const std::string& name, FileId file, bool csv,
                                      const std::string& text, uint64_t& values) const;
    void keep(const std::string& name, FileId file, bool csv, const std::string& text,
              std::shared_ptr<const Value> tree, uint64_t values);
    /// Forgets the files not looked up since the last call (removed from the project).
    void forget_unused();

private:
    struct Entry {
        FileId file = 0;
        bool csv = false;
        std::string text;
        std::shared_ptr<const Value> tree;
        uint64_t values = 0;
        mutable bool used = true;
    };
    std::map<std::string, Entry> m_entries;
};

/// Reads every .yaml/.yml/.csv file under the project's content/ and layouts/; a layouts file
/// the project lacks comes from the engine's own layouts/. Problems (unreadable, binary, not
/// UTF-8, empty, syntax, past a limit, a link leaving the project) go to `diagnostics`; such
/// files are left out.
///
/// The sandbox: only files inside the project folder are read. A file or folder that is a
/// symbolic link resolving outside it is refused, as are links to folders, links that lead
/// nowhere and anything that is not a regular file (a FIFO would block the build). The
/// engine's own layouts/ is trusted: its links may lead anywhere.
LoadedProject load_project(const ProjectPaths& paths, SourceFiles& files, Diagnostics& diagnostics,
                           const Limits& limits = {}, ParseCache* cache = nullptr);

/// Reads and parses one file by extension (.csv or YAML), registering it in `files`.
/// Returns false when nothing usable could be read; errors inside a usable tree (a duplicate
/// key, say) are reported and the tree is still returned. `values` counts the values of all
/// files read so far, for Limits::values.
bool load_file(const std::filesystem::path& path, std::string display_path, SourceFiles& files,
               Diagnostics& diagnostics, LoadedFile& out, const Limits& limits = {},
               uint64_t* values = nullptr, ParseCache* cache = nullptr);

/// load_file for a text already in memory (the fuzzer's project, say): checks it with
/// check_text and the file-size limit, then parses it as CSV or YAML.
bool load_text(std::string text, std::string display_path, bool csv, SourceFiles& files,
               Diagnostics& diagnostics, LoadedFile& out, const Limits& limits = {},
               uint64_t* values = nullptr, ParseCache* cache = nullptr);

/// Checks the text of a data file before it is parsed: the encoding (UTF-8 only; UTF-16 and
/// UTF-32 are named as such), binary content (NUL bytes, control characters) and classic Mac
/// line endings, which are turned into line feeds. Returns false after reporting a problem
/// at `file` (registered with the text up to the problem, so the message can show its line).
bool check_text(std::string& text, const std::string& display_path, SourceFiles& files,
                Diagnostics& diagnostics);

/// The font files (.ttf, .otf, .ttc) directly in `folder` of `root`, in name order, each
/// checked like a data file (a regular file; inside root when `sandboxed`, as a project's
/// fonts are and the engine's own need not be) and starting like a TrueType or OpenType font.
/// Refused files are reported and left out; a missing folder is an empty list.
std::vector<std::filesystem::path> list_fonts(const std::filesystem::path& root,
                                              const std::string& folder, SourceFiles& files,
                                              Diagnostics& diagnostics, bool sandboxed = true);

} // namespace mipex::load
