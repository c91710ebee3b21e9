// Escaping text for XML: the EPUB's documents, SVG charts and the PDF's XMP packet.
#pragma once

#include <string>
#include <string_view>

namespace mipex {

/// Text as XML character data or an attribute value: &, <, > and " escaped; characters XML
/// does not allow (controls other than tab, line feed and carriage return) left out.
inline std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
                break;
            out += c;
        }
    }
    return out;
}

} // namespace mipex
