// The markup of the editors' prose, small on purpose (documented in the README):
//   *emphasis*  **strong**  [label](https://…) [label](#anchor) [label](country:SE)
//   {country:SE}  {area:lmm}      the name, in the edition's language, linked to its chapter
//   {page:country:SE} {page:#id}  the page number where it is, linked
//   ^[a note]                     a footnote, numbered per chapter
// and, as blocks separated by blank lines, paragraphs and lists ("- item", "1. item").
#pragma once

#include "base/diagnostics.h"
#include "doc/document.h"

#include <functional>
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
    /// Whether `anchor` names a destination of the book ("annex", "country-SE"); the builder,
    /// which makes them as it goes, takes every one, a check knows them all beforehand.
    virtual bool knows_anchor(std::string_view) const { return true; }
    /// A known reference close to one that is not ("country:SW" → "country:SE", "#anex" →
    /// "#annex"), for "did you mean".
    virtual std::optional<std::string> suggest(std::string_view) const { return std::nullopt; }
};

/// What the inline parser needs beyond the text; all optional.
struct ProseContext {
    const Resolver* resolver = nullptr;
    Diagnostics* diagnostics = nullptr;
    SourcePos pos;                              ///< where the text was written
    std::vector<Footnote>* footnotes = nullptr; ///< where footnotes go; none: not allowed here
    int* footnote_counter = nullptr;            ///< numbers footnotes through a chapter
    std::string footnote_prefix;                ///< makes footnote anchors unique in the book
    /// Where byte n of the text is in its file, for diagnostics that point inside it; none:
    /// they point at `pos`.
    std::function<SourcePos(size_t)> locate;
    /// Also warn where markup prints as written (a star that opens nothing): what `mipex
    /// check` reports; the build, which runs the check first, stays quiet.
    bool warn_literal_markup = false;
};

/// Parses inline markup into spans. A star or bracket that opens nothing stays as written;
/// an unknown reference, and a link anywhere but to the web, mail or the book itself, is an
/// error (and shows as written).
std::vector<Span> parse_inline(std::string_view text, const ProseContext& context = {});

/// A block of prose: a paragraph, or the items of a list.
struct ProseBlock {
    enum class Kind { Paragraph, Bullets, Numbers };
    Kind kind = Kind::Paragraph;
    std::vector<std::string> items; ///< one for a paragraph; lines joined with spaces
    /// For each item, where its pieces (the lines joined into it) come from: pairs of the
    /// piece's offset in the item and in the prose text.
    std::vector<std::vector<std::pair<size_t, size_t>>> origins;

    /// The offset in the prose text of byte `offset` of item `item`.
    size_t source_offset(size_t item, size_t offset) const;
};

/// Splits prose into blocks at blank lines, recognising lists.
std::vector<ProseBlock> split_prose(std::string_view text);

/// Checks every prose text of the project, the source's and each catalog's translations, as
/// the build will read them: references to countries, areas and destinations that exist,
/// links only to the web, mail or the book, footnotes only where they may stand (errors), and
/// stars that print as written (warnings); each at its place inside the text. What `mipex
/// check` and the build report before anything is laid out.
void check_prose(const model::Model& model, const SourceFiles& files, Diagnostics& diagnostics);

} // namespace mipex::doc
