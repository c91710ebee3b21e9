// load_project: turns a project folder (content/ and layouts/) into Value trees, one per file,
// each node with its source position. Turns files into trees; knows nothing of their meaning.
#pragma once

#include "base/diagnostics.h"
#include "load/value.h"

#include <filesystem>
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
    Value root;
};

struct LoadedProject {
    std::vector<LoadedFile> files; // sorted by name
    /// Files that exist but could not be read or parsed (already reported), so later stages
    /// do not report them again as missing.
    std::vector<std::string> unreadable;

    const LoadedFile* find(std::string_view name) const;
    /// Files whose name starts with `folder` + "/", in name order.
    std::vector<const LoadedFile*> under(std::string_view folder) const;
};

/// Largest file the engine reads.
inline constexpr uintmax_t max_file_bytes = 64u << 20;

/// Reads every .yaml/.yml/.csv file under the project's content/ and layouts/; a layouts file
/// the project lacks comes from the engine's own layouts/. Problems (unreadable, not UTF-8,
/// empty, syntax, a path leaving the project) go to `diagnostics`; such files are left out.
LoadedProject load_project(const ProjectPaths& paths, SourceFiles& files, Diagnostics& diagnostics);

/// Reads and parses one file by extension (.csv or YAML), registering it in `files`.
/// Returns false when nothing usable could be read; errors inside a usable tree (a duplicate
/// key, say) are reported and the tree is still returned.
bool load_file(const std::filesystem::path& path, std::string display_path, SourceFiles& files,
               Diagnostics& diagnostics, LoadedFile& out);

} // namespace mipex::load
