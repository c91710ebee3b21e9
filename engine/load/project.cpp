#include "load/project.h"

#include "base/files.h"
#include "base/text.h"
#include "load/csv.h"
#include "load/yaml.h"

#include <algorithm>
#include <map>
#include <system_error>

namespace mipex::load {

namespace fs = std::filesystem;

const LoadedFile* LoadedProject::find(std::string_view name) const {
    auto found = std::lower_bound(
        files.begin(), files.end(), name,
        [](const LoadedFile& file, std::string_view key) { return file.name < key; });
    return found != files.end() && found->name == name ? &*found : nullptr;
}

std::vector<const LoadedFile*> LoadedProject::under(std::string_view folder) const {
    std::vector<const LoadedFile*> result;
    std::string prefix = std::string(folder) + "/";
    for (const LoadedFile& file : files)
        if (file.name.starts_with(prefix))
            result.push_back(&file);
    return result;
}

static bool is_data_file(const fs::path& path) {
    std::string extension = path.extension().string();
    return extension == ".yaml" || extension == ".yml" || extension == ".csv";
}

static bool only_comments(std::string_view text) {
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = trim(text.substr(start, end - start));
        if (!line.empty() && line.front() != '#' && line != "---" && line != "...")
            return false;
        start = end + 1;
    }
    return true;
}

bool load_file(const fs::path& path, std::string display_path, SourceFiles& files,
               Diagnostics& diagnostics, LoadedFile& out) {
    std::error_code error;
    uintmax_t size = fs::file_size(path, error);
    if (!error && size > max_file_bytes) {
        FileId id = files.add(display_path, "");
        diagnostics.error(SourcePos{id, 0, 0},
                          "file is " + std::to_string(size >> 20) + " MB, larger than the " +
                              std::to_string(max_file_bytes >> 20) +
                              " MB the engine reads; split it into several files");
        return false;
    }
    std::optional<std::string> text = read_file(path);
    if (!text) {
        FileId id = files.add(display_path, "");
        diagnostics.error(SourcePos{id, 0, 0}, "cannot read this file");
        return false;
    }
    if (auto bad = find_invalid_utf8(*text)) {
        std::string prefix = text->substr(0, bad->offset);
        FileId id = files.add(display_path, std::move(prefix));
        diagnostics.error(SourcePos{id, bad->line, bad->column},
                          "file is not UTF-8 (invalid byte at offset " +
                              std::to_string(bad->offset) + "); save it as UTF-8");
        return false;
    }
    bool empty = only_comments(*text);
    FileId id = files.add(display_path, std::move(*text));
    if (empty) {
        diagnostics.error(SourcePos{id, 1, 1}, "file is empty");
        return false;
    }
    out.file = id;
    out.root = path.extension() == ".csv" ? parse_csv(id, files, diagnostics)
                                          : parse_yaml(id, files, diagnostics);
    return !out.root.is_null();
}

/// Lists data files under root/folder, by logical name, refusing anything that leaves root.
static void scan(const fs::path& root, const fs::path& display_root, const std::string& folder,
                 std::map<std::string, std::pair<fs::path, std::string>>& found, SourceFiles& files,
                 Diagnostics& diagnostics) {
    std::error_code error;
    fs::path base = root / folder;
    if (!fs::is_directory(base, error))
        return;
    fs::path canonical_root = fs::weakly_canonical(root, error);
    std::vector<fs::path> paths;
    for (auto it = fs::recursive_directory_iterator(base, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (it->is_regular_file(error) && is_data_file(it->path()))
            paths.push_back(it->path());
    }
    std::sort(paths.begin(), paths.end());
    for (const fs::path& path : paths) {
        std::string name = path.lexically_relative(root).generic_string();
        std::string display = (display_root / name).lexically_normal().generic_string();
        fs::path target = fs::weakly_canonical(path, error);
        auto [stop, rest] =
            std::mismatch(canonical_root.begin(), canonical_root.end(), target.begin());
        if (error || stop != canonical_root.end()) {
            FileId id = files.add(display, "");
            diagnostics.error(SourcePos{id, 0, 0},
                              "this file links to " + target.string() +
                                  ", outside the project; copy the file into the project");
            continue;
        }
        found[name] = {path, display};
    }
}

LoadedProject load_project(const ProjectPaths& paths, SourceFiles& files,
                           Diagnostics& diagnostics) {
    std::map<std::string, std::pair<fs::path, std::string>> found;
    scan(paths.engine, paths.engine, "layouts", found, files, diagnostics);
    // The project's own layouts replace the engine's file by file.
    scan(paths.project, paths.project, "layouts", found, files, diagnostics);
    scan(paths.project, paths.project, "content", found, files, diagnostics);

    LoadedProject project;
    for (auto& [name, where] : found) {
        LoadedFile file;
        file.name = name;
        if (load_file(where.first, where.second, files, diagnostics, file))
            project.files.push_back(std::move(file));
        else
            project.unreadable.push_back(name);
    }
    return project;
}

} // namespace mipex::load
