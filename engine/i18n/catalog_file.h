// Writes translations into a catalog file the way a careful translator would by hand: only
// the fields that change are rewritten, in place; every other byte of the file (comments,
// blank lines, the order of the entries, how other values are quoted) stays as it was, and
// new entries go at the end.
#pragma once

#include "load/value.h"

#include <optional>
#include <string>
#include <vector>

namespace mipex::i18n {

/// A translation as tools write it into a catalog.
struct CatalogEntry {
    std::string text;
    std::optional<std::string> from; ///< the fingerprint of the English it was made from
    std::optional<std::string> note; ///< the translator's note
    /// The English it was made from, so that an export can show what changed in it once the
    /// translation is stale.
    std::optional<std::string> source;
};

/// The text of one catalog file, with edits.
class CatalogEditor {
public:
    explicit CatalogEditor(std::string_view text);

    /// Gives an entry of the file (as the YAML reader read it) the fields of `wanted`. A field
    /// already equal is left untouched; `from` and `source` are never removed.
    void set(const load::Value::Entry& entry, const CatalogEntry& wanted);
    /// Adds an entry at the end of the file.
    void append(const std::string& key, const CatalogEntry& wanted);

    /// The edited text.
    std::string text() const;
    bool changed() const { return !m_edits.empty() || !m_appended.empty(); }

private:
    struct Edit {
        uint32_t first_line = 0; ///< 1-based, the first line replaced
        uint32_t line_count = 0; ///< lines replaced (0: an insertion before first_line)
        std::vector<std::string> lines;
    };
    void replace_field(const load::Value::Entry& field, const std::string& value);

    std::vector<std::string> m_lines;
    bool m_final_newline = true;
    std::vector<Edit> m_edits;
    std::string m_appended;
};

/// A catalog entry as tools write it: the key, then `from`, `source`, `text` and `note`
/// indented by two spaces.
std::string format_catalog_entry(const std::string& key, const CatalogEntry& entry);

/// A YAML value for `text` after "key: " at `indent` spaces: plain when that reads back as
/// the same text, a literal block (|) for paragraphs, double-quoted otherwise. The first
/// line is what follows "key: "; the others are whole lines.
std::vector<std::string> yaml_scalar(const std::string& text, size_t indent);

} // namespace mipex::i18n
