// Reading and writing whole files. Output is written to a temporary file beside the target
// and renamed into place, so a failed or killed build never leaves a half-written file.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mipex {

/// Reads a whole file; nothing when it cannot be opened.
std::optional<std::string> read_file(const std::filesystem::path& path);

/// Writes `data` to `path` atomically: to "<path>.tmp-<pid>", synced to disk, then renamed
/// over `path`. Whenever the process stops (an error, a crash, SIGKILL), `path` holds either
/// its previous bytes or all the new ones. Temporary files left by writers that were killed
/// are removed first. Returns an error message, empty on success.
std::string write_file_atomic(const std::filesystem::path& path, std::string_view data);

/// Writes many files as write_file_atomic writes one (creating their folders), with one sync
/// of the file system for all of them (syncfs(2)) instead of one each: a site of thousands of
/// pages. Each file holds its previous bytes or all the new ones.
std::string
write_files_atomic(const std::vector<std::pair<std::filesystem::path, std::string_view>>& files);

} // namespace mipex
