// The inline markup of prose: *emphasis* and **strong**. A star that opens nothing or closes
// nothing stays a star, so ordinary text never loses characters.
#include "doc/document.h"

namespace mipex::doc {

std::vector<Span> parse_inline(std::string_view text) {
    std::vector<Span> spans;
    std::string current;
    uint8_t flags = Span::Plain;
    auto flush = [&] {
        if (!current.empty())
            spans.push_back(Span{std::move(current), flags, std::nullopt, {}});
        current.clear();
    };
    size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '*') {
            current += '*';
            i += 2;
            continue;
        }
        if (text[i] == '*') {
            bool strong = i + 1 < text.size() && text[i + 1] == '*';
            uint8_t flag = strong ? Span::Strong : Span::Emphasis;
            size_t length = strong ? 2 : 1;
            bool closing = (flags & flag) != 0;
            // Opening needs a closing partner ahead and a non-space after it.
            std::string_view marker = strong ? "**" : "*";
            bool can_open = !closing && i + length < text.size() && text[i + length] != ' ' &&
                            text.find(marker, i + length) != std::string_view::npos;
            if (closing || can_open) {
                flush();
                flags ^= flag;
                i += length;
                continue;
            }
        }
        current += text[i++];
    }
    flush();
    return spans;
}

} // namespace mipex::doc
