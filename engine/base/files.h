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

/// Writes `data` to `path` atomically (temporary file, then rename). Returns an error
/// message, empty on success.
std::string write_file_atomic(const std::filesystem::path& path, std::string_view data);

} // namespace mipex
