// The markup of the editors' prose, small on purpose (documented in the README):
//   *emphasis*  **strong**  [label](https://…) [label](#anchor) [label](country:SE)
//   {country:SE}  {area:lmm}      the name, in the edition's language, linked to its chapter
//   {page:country:SE} {page:#id}  the page number where it is, linked
//   ^[a note]                     a footnote, numbered per chapter
// and, as blocks separated by blank lines, paragraphs and lists ("- item", "1. item").
#pragma once

#include "base/diagnostics.h"
#include "doc/document.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mipex::doc {

/// What a reference in prose points at: the text to show and the destination.
struct Target {
    std::string text;
    std::string anchor;
};

/// Finds the targets of references ("country", "SE") for the inline parser.
class Resolver {
public:
    virtual ~Resolver() = default;
    virtual std::optional<Target> resolve(std::string_view kind, std::string_view id) const = 0;
};

/// What the inline parser needs beyond the text; all optional.
struct ProseContext {
    const Resolver* resolver = nullptr;
    Diagnostics* diagnostics = nullptr;
    SourcePos pos;                              ///< where the text was written
    std::vector<Footnote>* footnotes = nullptr; ///< where footnotes go; none: not allowed here
    int* footnote_counter = nullptr;            ///< numbers footnotes through a chapter
    std::string footnote_prefix;                ///< makes footnote anchors unique in the book
};

/// Parses inline markup into spans. A star or bracket that opens nothing stays as written;
/// an unknown reference is an error (and shows as written).
std::vector<Span> parse_inline(std::string_view text, const ProseContext& context = {});

/// A block of prose: a paragraph, or the items of a list.
struct ProseBlock {
    enum class Kind { Paragraph, Bullets, Numbers };
    Kind kind = Kind::Paragraph;
    std::vector<std::string> items; ///< one for a paragraph; lines joined with spaces
};

/// Splits prose into blocks at blank lines, recognising lists.
std::vector<ProseBlock> split_prose(std::string_view text);

} // namespace mipex::doc
