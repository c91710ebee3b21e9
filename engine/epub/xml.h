// Escaping text for XML (the EPUB's XHTML, package and navigation documents).
#pragma once

#include <string>
#include <string_view>

namespace mipex::epub {

/// Text as XML character data or an attribute value: &, <, > and " escaped; characters XML
/// does not allow (controls other than tab, line feed and carriage return) left out.
inline std::string escape(std::string_view text) {
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

} // namespace mipex::epub
