// Reading and writing whole files. Output is written to a temporary file beside the target
// and renamed into place, so a failed or killed build never leaves a half-written file.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace mipex {

/// Reads a whole file; nothing when it cannot be opened.
std::optional<std::string> read_file(const std::filesystem::path& path);

/// Writes `data` to `path` atomically: to "<path>.tmp-<pid>", synced to disk, then renamed
/// over `path`. Whenever the process stops (an error, a crash, SIGKILL), `path` holds either
/// its previous bytes or all the new ones. Temporary files left by writers that were killed
/// are removed first. Returns an error message, empty on success.
std::string write_file_atomic(const std::filesystem::path& path, std::string_view data);

} // namespace mipex
