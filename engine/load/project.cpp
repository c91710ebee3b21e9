#include "load/project.h"

#include "base/build_cache.h"
#include "base/files.h"
#include "base/text.h"
#include "load/csv.h"
#include "load/yaml.h"

#include <algorithm>
#include <cstdio>
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

bool LoadedProject::is_unreadable(std::string_view name) const {
    for (const std::string& entry : unreadable)
        if (entry == name || (entry.ends_with('/') && name.starts_with(entry)))
            return true;
    return false;
}

bool LoadedProject::has_unreadable_under(std::string_view folder) const {
    std::string prefix = std::string(folder) + "/";
    for (const std::string& entry : unreadable)
        if (entry.starts_with(prefix) || (entry.ends_with('/') && prefix.starts_with(entry)))
            return true;
    return false;
}

namespace {

bool is_data_file(const fs::path& path) {
    std::string extension = path.extension().string();
    return extension == ".yaml" || extension == ".yml" || extension == ".csv";
}

bool is_font_file(const fs::path& path) {
    // The extensions layout::FontContext loads.
    std::string extension = path.extension().string();
    return extension == ".ttf" || extension == ".otf" || extension == ".ttc";
}

bool only_comments(std::string_view text) {
    for (std::string_view line : split_lines(text)) {
        line = trim(line);
        if (!line.empty() && line.front() != '#' && line != "---" && line != "...")
            return false;
    }
    return true;
}

/// Reports a problem with a whole file: the file exists, but nothing in it can be pointed at.
void report_file(const std::string& display_path, SourceFiles& files, Diagnostics& diagnostics,
                 std::string message) {
    diagnostics.error(SourcePos::whole(files.add(display_path, "")), std::move(message));
}

std::string hex_byte(unsigned char byte) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "0x%02X", byte);
    return buffer;
}

/// Where `offset` is in `text`: 1-based line, code-point column.
SourcePos position_of(FileId id, std::string_view text, size_t offset) {
    std::string_view before = text.substr(0, offset);
    size_t line_start = before.rfind('\n');
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    uint32_t line = static_cast<uint32_t>(std::count(before.begin(), before.end(), '\n') + 1);
    return SourcePos{id, line,
                     static_cast<uint32_t>(count_code_points(before.substr(line_start)) + 1)};
}

} // namespace

bool check_text(std::string& text, const std::string& display_path, SourceFiles& files,
                Diagnostics& diagnostics) {
    std::string_view view(text);
    // Byte order marks of the other Unicode encodings (UTF-32 first: its little-endian mark
    // starts with UTF-16's). Editors on Windows save "Unicode" as UTF-16 with a mark.
    static const std::pair<std::string_view, const char*> marks[] = {
        {std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
        {std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
        {"\xFF\xFE", "UTF-16LE"},
        {"\xFE\xFF", "UTF-16BE"},
    };
    for (auto [mark, encoding] : marks) {
        if (view.starts_with(mark)) {
            report_file(display_path, files, diagnostics,
                        std::string("file is in ") + encoding +
                            " (it starts with its byte order mark), not UTF-8; save it as "
                            "UTF-8");
            return false;
        }
    }
    size_t nul = view.find('\0');
    if (nul != std::string_view::npos) {
        // ASCII text in UTF-16 has a NUL in every other byte; without a byte order mark this
        // is the only sign of it.
        size_t pairs = 0, checked = 0;
        for (size_t i = 0; i + 1 < view.size() && checked < 64; i += 2, ++checked)
            pairs += (view[i] == '\0') != (view[i + 1] == '\0');
        if (checked >= 2 && pairs == checked) {
            report_file(display_path, files, diagnostics,
                        "file is UTF-16 without a byte order mark (every other byte is 0), not "
                        "UTF-8; save it as UTF-8");
            return false;
        }
        if (find_invalid_utf8(view.substr(0, nul))) {
            // NUL bytes and bytes that are not UTF-8: nothing here is text worth showing.
            report_file(display_path, files, diagnostics,
                        "file is binary (it holds NUL bytes and bytes that are not UTF-8), not "
                        "a YAML or CSV text file");
            return false;
        }
        text.resize(nul);
        FileId id = files.add(display_path, text);
        diagnostics.error(position_of(id, text, nul),
                          "file holds a NUL byte here (offset " + std::to_string(nul) +
                              "): it is binary, not a YAML or CSV text file");
        return false;
    }
    if (auto bad = find_invalid_utf8(view)) {
        unsigned char byte = static_cast<unsigned char>(text[bad->offset]);
        // A lone byte from 0xA0 up is a letter in Latin-1 and Windows-1252, the usual
        // encodings of files that are not UTF-8 (é is 0xE9).
        std::string guess = byte >= 0xA0 ? " (it looks like Latin-1 or Windows-1252)" : "";
        std::string prefix = text.substr(0, bad->offset);
        FileId id = files.add(display_path, std::move(prefix));
        diagnostics.error(SourcePos{id, bad->line, bad->column},
                          "file is not UTF-8: byte " + hex_byte(byte) + " at offset " +
                              std::to_string(bad->offset) + " is not UTF-8" + guess +
                              "; save it as UTF-8");
        return false;
    }
    // YAML (1.2, section 5.1) allows no C0 control character but tab and line breaks, nor
    // DEL, and a CSV text has no use for them: they are what a binary or damaged file holds.
    // C1 controls (U+0080 to U+009F) are what Windows-1252 text becomes when it is converted
    // as if it were Latin-1 (its curly quotes turn into U+0091 to U+0094). Noncharacters
    // (U+FDD0 to U+FDEF, U+FFFE, U+FFFF and the last two of every plane) are no text either,
    // and cairo refuses to write them, which would fail the whole PDF without a position.
    for (size_t next = 0; next < view.size();) {
        const size_t i = next;
        const char32_t code_point = decode_utf8(view, next).value_or(0xFFFD); // valid, as checked
        bool control =
            (code_point < 0x20 && code_point != '\t' && code_point != '\n' && code_point != '\r') ||
            (code_point >= 0x7F && code_point <= 0x9F);
        bool noncharacter =
            (code_point >= 0xFDD0 && code_point <= 0xFDEF) || (code_point & 0xFFFE) == 0xFFFE;
        if (control || noncharacter) {
            size_t end = view.find('\n', i);
            FileId id = files.add(display_path, text.substr(0, end == std::string::npos ? i : end));
            char code[16];
            std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(code_point));
            std::string message =
                control ? std::string("a control character (") + code +
                              ") here; a YAML or CSV file holds only text" +
                              (code_point >= 0x80 ? " (was it converted from Windows-1252 as "
                                                    "if it were Latin-1?)"
                                                  : " (is it binary?)")
                        : std::string("a Unicode noncharacter (") + code +
                              ") here; it is not text, and the PDF cannot hold it";
            diagnostics.error(position_of(id, text, i), message);
            return false;
        }
    }
    // A UTF-8 byte order mark is no text: without it, columns on the first line count from
    // the first character and yaml-cpp's byte positions match the text (it skips the mark).
    if (view.starts_with("\xEF\xBB\xBF"))
        text.erase(0, 3);
    // A carriage return alone is a line break in YAML 1.2 (section 5.4) and in files saved
    // on classic Mac OS, but yaml-cpp and the line count of SourceFiles know only line
    // feeds: turn each lone CR into LF so that lines and columns are the editor's.
    for (size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))
            text[i] = '\n';
    return true;
}

const Value& LoadedFile::root() const {
    static const Value none;
    return tree ? *tree : none;
}

std::shared_ptr<const Value> ParseCache::find(const std::string& name, FileId file, bool csv,
                                              const std::string& text, uint64_t& values) const {
    auto found = m_entries.find(name);
    if (found == m_entries.end() || found->second.file != file || found->second.csv != csv ||
        found->second.text != text)
        return nullptr;
    found->second.used = true;
    values = found->second.values;
    return found->second.tree;
}

void ParseCache::keep(const std::string& name, FileId file, bool csv, const std::string& text,
                      std::shared_ptr<const Value> tree, uint64_t values) {
    m_entries[name] = Entry{file, csv, text, std::move(tree), values, true};
}

void ParseCache::forget_unused() {
    mipex::forget_unused(m_entries);
}

bool load_file(const fs::path& path, std::string display_path, SourceFiles& files,
               Diagnostics& diagnostics, LoadedFile& out, const Limits& limits, uint64_t* values,
               ParseCache* cache) {
    std::error_code error;
    uintmax_t size = fs::file_size(path, error);
    if (!error && size > limits.file_bytes) {
        auto megabytes = [](uint64_t bytes) {
            return bytes >= (1u << 20) ? format_count(bytes >> 20) + " MB"
                                       : format_count(bytes) + " bytes";
        };
        report_file(display_path, files, diagnostics,
                    "file is " + megabytes(size) + ", larger than the limit of " +
                        megabytes(limits.file_bytes) + "; split it into several files, or " +
                        raise_hint("file-size"));
        return false;
    }
    std::optional<std::string> text = read_file(path);
    if (!text) {
        report_file(display_path, files, diagnostics,
                    "cannot read this file: " + std::generic_category().message(errno));
        return false;
    }
    // (A file that grew between the size check and the read is caught by load_text.)
    return load_text(std::move(*text), std::move(display_path), path.extension() == ".csv", files,
                     diagnostics, out, limits, values, cache);
}

bool load_text(std::string text, std::string display_path, bool csv, SourceFiles& files,
               Diagnostics& diagnostics, LoadedFile& out, const Limits& limits, uint64_t* values,
               ParseCache* cache) {
    if (text.size() > limits.file_bytes) {
        report_file(display_path, files, diagnostics,
                    "file is " + format_count(text.size()) + " bytes, larger than the limit of " +
                        format_count(limits.file_bytes) + " bytes; " + raise_hint("file-size"));
        return false;
    }
    if (!check_text(text, display_path, files, diagnostics))
        return false;
    bool empty = only_comments(text);
    FileId id = files.add(std::move(display_path), std::move(text));
    if (empty) {
        diagnostics.error(SourcePos::whole(id), "file is empty");
        return false;
    }
    out.file = id;
    const std::string& name = files.path(id);
    if (cache) {
        uint64_t counted = 0;
        if (std::shared_ptr<const Value> kept =
                cache->find(name, id, csv, files.text(id), counted)) {
            // Parsed without a problem last time, so the limit on values is the only check
            // that can differ now (other files may have grown).
            uint64_t before = values ? *values : 0;
            if (!values || before + counted <= limits.values) {
                if (values)
                    *values += counted;
                out.tree = std::move(kept);
                return true;
            }
        }
    }
    // Counted, not listed: past the limit on errors, the list stops growing.
    auto reported = [&] { return diagnostics.error_count() + diagnostics.warning_count(); };
    const size_t problems = reported();
    uint64_t before = values ? *values : 0;
    out.tree =
        std::make_shared<const Value>(csv ? parse_csv(id, files, diagnostics, limits, values)
                                          : parse_yaml(id, files, diagnostics, limits, values));
    if (out.tree->is_null())
        return false;
    if (cache && reported() == problems)
        cache->keep(name, id, csv, files.text(id), out.tree, values ? *values - before : 0);
    return true;
}

namespace {

/// A path inside the project, made to show: "<display root>/<path below root>".
std::string display_of(const fs::path& root, const fs::path& display_root, const fs::path& path) {
    return (display_root / path.lexically_relative(root)).lexically_normal().generic_string();
}

/// Whether `path`, with every link resolved, lies inside `canonical_root`. `target` receives
/// the resolved path, for messages.
bool resolves_inside(const fs::path& canonical_root, const fs::path& path, fs::path& target) {
    std::error_code error;
    target = fs::weakly_canonical(path, error);
    if (error)
        return false;
    auto [stop, rest] =
        std::mismatch(canonical_root.begin(), canonical_root.end(), target.begin(), target.end());
    return stop == canonical_root.end();
}

/// Checks one entry found while listing a project folder. Returns true when it is a regular
/// file inside the project (perhaps through a link that stays inside).
bool admit_file(const fs::path& canonical_root, const fs::path& path, const std::string& display,
                SourceFiles& files, Diagnostics& diagnostics) {
    std::error_code error;
    fs::path target;
    bool inside = resolves_inside(canonical_root, path, target);
    fs::file_status status = fs::status(path, error);
    if (fs::is_symlink(fs::symlink_status(path, error))) {
        if (!fs::exists(status)) {
            report_file(display, files, diagnostics,
                        "this file is a link to " + fs::read_symlink(path, error).string() +
                            ", which does not exist");
            return false;
        }
        if (!inside) {
            report_file(display, files, diagnostics,
                        "this file links to " + target.string() +
                            ", outside the project; copy the file into the project");
            return false;
        }
    } else if (!inside) { // a folder above it is a link out of the project
        report_file(display, files, diagnostics,
                    "this file is at " + target.string() +
                        ", outside the project (a folder on its path is a link); copy the "
                        "file into the project");
        return false;
    }
    if (!fs::is_regular_file(status)) {
        // Never opened: reading a FIFO or a device could block the build or never end.
        report_file(display, files, diagnostics,
                    "this is not a regular file (a folder, a FIFO or a device); the engine "
                    "reads only regular files");
        return false;
    }
    return true;
}

enum class Sandbox {
    On,  ///< a project's folder: nothing may resolve outside root
    Off, ///< the engine's own folder, trusted (a package may link its fonts elsewhere)
};

/// Lists files under root/folder that `wanted` accepts, by logical name, refusing anything
/// that leaves root when `sandbox` is on. `recursive`: also in subfolders.
std::vector<std::pair<fs::path, std::string>>
list_files(const fs::path& root, const fs::path& display_root, const std::string& folder,
           bool recursive, bool (*wanted)(const fs::path&), SourceFiles& files,
           Diagnostics& diagnostics, Sandbox sandbox, std::vector<std::string>* refused = nullptr) {
    // A folder refused (reported) by its name below root, with a trailing '/'.
    auto refuse = [&](const fs::path& path) {
        if (refused)
            refused->push_back(path.lexically_relative(root).generic_string() + "/");
    };
    // A folder shows with a trailing '/' (content/data/); a link shows by its own name
    // (content/data/more), which is what its diagnostic is about: "more/" would name where it
    // leads, and "loop.yaml/" would read as a file.
    auto folder_position = [&](const fs::path& path) {
        std::error_code link_error;
        bool link = fs::is_symlink(fs::symlink_status(path, link_error));
        return SourcePos::whole(
            files.add(display_of(root, display_root, path) + (link ? "" : "/"), ""));
    };
    std::vector<std::pair<fs::path, std::string>> found;
    std::error_code error;
    fs::path base = root / folder;
    if (!fs::exists(fs::symlink_status(base, error)))
        return found;
    // Without the sandbox, the root of the file system holds everything.
    fs::path canonical_root = sandbox == Sandbox::On ? fs::weakly_canonical(root, error) : "/";
    fs::path target;
    if (!resolves_inside(canonical_root, base, target)) {
        diagnostics.error(folder_position(base),
                          "this folder links to " + target.string() +
                              ", outside the project; copy its files into the project");
        refuse(base);
        return found;
    }
    if (!fs::is_directory(base, error))
        return found;
    std::vector<fs::path> paths;
    auto visit = [&](const fs::directory_entry& entry) {
        std::error_code entry_error;
        bool link = entry.is_symlink(entry_error);
        if (link && entry.is_directory(entry_error)) {
            // Links to folders are not followed: one that points back up would make the
            // listing endless, and one that points out would leave the project.
            fs::path resolved;
            std::string message =
                resolves_inside(canonical_root, entry.path(), resolved)
                    ? "this folder is a link to " + resolved.string() +
                          "; links to folders are not followed, so its files are not read"
                    : "this folder links to " + resolved.string() +
                          ", outside the project; copy its files into the project";
            diagnostics.error(folder_position(entry.path()), message);
            refuse(entry.path());
            return;
        }
        if (!link && entry.is_directory(entry_error))
            return; // the recursive listing goes into it by itself
        if (wanted(entry.path()))
            paths.push_back(entry.path());
    };
    auto report_folder = [&](const std::error_code& folder_error) {
        diagnostics.error(folder_position(base),
                          "cannot read this folder: " + folder_error.message());
    };
    if (recursive) {
        fs::recursive_directory_iterator it(base, error), end;
        for (; !error && it != end; it.increment(error))
            visit(*it);
    } else {
        fs::directory_iterator it(base, error), end;
        for (; !error && it != end; it.increment(error))
            visit(*it);
    }
    if (error) {
        report_folder(error);
        refuse(base);
    }
    std::sort(paths.begin(), paths.end());
    for (const fs::path& path : paths) {
        std::string display = display_of(root, display_root, path);
        if (admit_file(canonical_root, path, display, files, diagnostics))
            found.emplace_back(path, display);
    }
    return found;
}

/// Lists data files under root/folder, by logical name; refused folders go to `refused`.
void scan(const fs::path& root, const fs::path& display_root, const std::string& folder,
          std::map<std::string, std::pair<fs::path, std::string>>& found, SourceFiles& files,
          Diagnostics& diagnostics, Sandbox sandbox, std::vector<std::string>& refused) {
    for (auto& [path, display] : list_files(root, display_root, folder, true, is_data_file, files,
                                            diagnostics, sandbox, &refused))
        found[path.lexically_relative(root).generic_string()] = {path, display};
}

} // namespace

LoadedProject load_project(const ProjectPaths& paths, SourceFiles& files, Diagnostics& diagnostics,
                           const Limits& limits, ParseCache* cache) {
    std::map<std::string, std::pair<fs::path, std::string>> found;
    LoadedProject project;
    std::vector<std::string> ignored; // the engine's folders are the engine's business
    scan(paths.engine, paths.engine, "layouts", found, files, diagnostics, Sandbox::Off, ignored);
    // The project's own layouts replace the engine's file by file.
    scan(paths.project, paths.project, "layouts", found, files, diagnostics, Sandbox::On,
         project.unreadable);
    scan(paths.project, paths.project, "content", found, files, diagnostics, Sandbox::On,
         project.unreadable);

    uint64_t values = 0;
    for (auto& [name, where] : found) {
        // Past the limit on values (reported at the file that passed it), the files left are
        // not read: each would only repeat the error.
        if (values > limits.values) {
            project.unreadable.push_back(name);
            continue;
        }
        LoadedFile file;
        file.name = name;
        if (load_file(where.first, where.second, files, diagnostics, file, limits, &values, cache))
            project.files.push_back(std::move(file));
        else
            project.unreadable.push_back(name);
    }
    if (cache)
        cache->forget_unused();
    return project;
}

std::vector<fs::path> list_fonts(const fs::path& root, const std::string& folder,
                                 SourceFiles& files, Diagnostics& diagnostics, bool sandboxed) {
    std::vector<fs::path> fonts;
    for (auto& [path, display] : list_files(root, root, folder, false, is_font_file, files,
                                            diagnostics, sandboxed ? Sandbox::On : Sandbox::Off)) {
        std::FILE* file = std::fopen(path.c_str(), "rb");
        char magic[4] = {};
        size_t read = file ? std::fread(magic, 1, 4, file) : 0;
        if (file)
            std::fclose(file);
        std::string_view start(magic, read);
        // The sfnt version of TrueType and OpenType fonts (OpenType 1.9, "Organization of an
        // OpenType Font"), and the tag of a font collection.
        bool font = start == std::string_view("\x00\x01\x00\x00", 4) || start == "OTTO" ||
                    start == "true" || start == "ttcf";
        if (!file)
            report_file(display, files, diagnostics,
                        "cannot read this font file: " + std::generic_category().message(errno));
        else if (!font)
            report_file(display, files, diagnostics,
                        "this is not a TrueType or OpenType font (it does not start like one); "
                        "replace it or remove it from the fonts folder");
        else
            fonts.push_back(path);
    }
    return fonts;
}

} // namespace mipex::load
