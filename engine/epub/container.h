// write_container: turns a Publication into the bytes of an EPUB file, the OCF ZIP container
// (EPUB 3.3 §4.2): the mimetype file first, stored uncompressed, then META-INF/container.xml,
// the package document and every item in manifest order, deflated.
#pragma once

#include "epub/publication.h"

#include <ctime>
#include <string>

namespace mipex::epub {

/// Where the package document is inside the container.
inline constexpr const char* package_path = "EPUB/package.opf";

/// The EPUB file. Every entry is dated `date` (UTC, from SOURCE_DATE_EPOCH when set) and
/// carries no extra fields, so the same publication gives the same bytes, on any number of
/// `threads` (the entries are deflated on up to that many). On failure returns nothing
/// useful and sets `error`.
std::string write_container(const Publication& publication, std::time_t date, unsigned threads,
                            std::string& error);

} // namespace mipex::epub
