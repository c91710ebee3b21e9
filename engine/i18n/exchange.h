// The files translators exchange with their tools: gettext PO (Poedit, Weblate, Lokalize)
// and XLIFF 1.2 (OmegaT, Trados, memoQ). Written and read here: libgettextpo is GPL, and
// neither format needs more than a page of code (DESIGN.md).
//
// PO (GNU gettext manual, "The Format of PO Files"): each text is an entry whose msgctxt is
// its key, msgid the English and msgstr the translation ("" when there is none yet); "#."
// lines carry notes for the translator, "#:" the source location, "#, fuzzy" marks a stale
// translation, and "# " lines are the translator's own notes.
//
// XLIFF 1.2 (OASIS, 2008): one <trans-unit id="key"> per text with <source>, <target
// state="translated|needs-review-translation">, <note from="developer|translator"> and a
// <context-group purpose="location">.
#pragma once

#include "base/diagnostics.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mipex::i18n {

/// One text as the exchange formats carry it.
struct ExchangeEntry {
    std::string key;         ///< msgctxt; trans-unit id
    std::string source;      ///< msgid; <source>
    std::string translation; ///< msgstr; <target> ("" when untranslated)
    bool fuzzy = false;      ///< stale: "#, fuzzy"; state="needs-review-translation"
    /// The English a stale translation was made from: "#| msgid"; <alt-trans><source>.
    std::optional<std::string> previous_source;
    std::string developer_note;  ///< "#."; <note from="developer">
    std::string translator_note; ///< "# "; <note from="translator">
    std::string file;            ///< "#: file:line"; the location context group
    uint32_t line = 0;
    SourcePos pos;             ///< where the entry starts in the file it was read from
    SourcePos key_pos;         ///< its msgctxt; its <trans-unit>
    SourcePos translation_pos; ///< its msgstr; its <target> (the unit when it has none)
};

struct ExchangeFile {
    std::string language;        ///< the translation's language: "Language"; target-language
    std::string source_language; ///< the English's ("en")
    /// The catalog the file was exported from (PO "X-Mipex-Language", which tools keep when a
    /// translator changes "Language"; the XLIFF original "content/i18n/<lang>"); "" in files
    /// mipex did not write.
    std::string exported_for;
    SourcePos language_pos;     ///< the "Language" header line; the <file> element
    SourcePos exported_for_pos; ///< the "X-Mipex-Language" header line; the <file> element
    std::vector<ExchangeEntry> entries;
};

std::string write_po(const ExchangeFile& file);
std::string write_xliff(const ExchangeFile& file);

/// Reads a PO file registered as `file`; syntax errors go to `diagnostics` with their
/// position, and nothing is returned.
std::optional<ExchangeFile> read_po(FileId file, const SourceFiles& files,
                                    Diagnostics& diagnostics);
/// Reads an XLIFF 1.2 file registered as `file`.
std::optional<ExchangeFile> read_xliff(FileId file, const SourceFiles& files,
                                       Diagnostics& diagnostics);

} // namespace mipex::i18n
