// write_png: renders one page of a laid-out display::Book to a PNG image, for proofs and tests.
#pragma once

#include "display/display_list.h"

#include <filesystem>
#include <string>

namespace mipex::render {

/// Renders page `index` (0-based) at `dpi` onto white; returns an error message or empty.
std::string write_png(const display::Book& document, size_t index,
                      const std::filesystem::path& path, double dpi);

} // namespace mipex::render
