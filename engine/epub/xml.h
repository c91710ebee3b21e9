// Escaping text for XML (the EPUB's XHTML, package and navigation documents).
#pragma once

#include "base/xml.h"

namespace mipex::epub {

/// See mipex::xml_escape.
inline std::string escape(std::string_view text) {
    return xml_escape(text);
}

} // namespace mipex::epub
