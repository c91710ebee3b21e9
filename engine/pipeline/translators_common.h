// What the files of the translators' commands share, inside the pipeline only: a language's
// English name, and the steps `mipex i18n import` (translators_import.cpp) takes, each in its
// own file: settle the file's language (import_language.cpp), plan each translation's edit
// (import_catalog_edits.cpp), check the catalogs as built (import_check.cpp).
#pragma once

#include "base/diagnostics.h"
#include "i18n/catalog_file.h"
#include "i18n/exchange.h"
#include "load/project.h"
#include "model/model.h"
#include "pipeline/translators.h"

#include <map>
#include <optional>
#include <string>
#include <utility>

namespace mipex::pipeline {

/// The English name of a language ("German", "Portuguese (Brazil)").
std::string english_name(const std::string& tag);

/// The catalog folder the file's translations go to (its name as written in content/i18n/),
/// after checking that the file's header, the catalog it was exported from and --lang agree,
/// and that the language has a catalog (or may have one made). `created` tells which.
std::optional<std::string> import_language(CheckedProject& checked,
                                           const i18n::ExchangeFile& exchange, FileId file,
                                           const ImportOptions& options, bool& created);

/// Reports a file whose translations are, word for word, another language's catalog rather
/// than its own: a French file whose header says German, say, would replace every German
/// translation. A file counts as the other language's when more than half of its translations
/// (and at least three) are that catalog's and not already the target's; languages of one
/// family ("de-AT" and "de") may share their texts.
bool holds_other_language(CheckedProject& checked, const i18n::ExchangeFile& exchange, FileId file,
                          const std::string& language,
                          const std::map<std::string, const model::Text*>& texts);

/// The edits an import makes to the catalog files of its language, one translation at a time.
class CatalogEdits {
public:
    CatalogEdits(const CheckedProject& checked, const std::string& language);

    /// Imports the translation of `entry`, whose source text is `english_now`: counted in
    /// `result`, and listed among its changes when it changes the catalog. False when there is
    /// nothing to write (no translation, or the catalog's own).
    bool import(const i18n::ExchangeEntry& entry, const std::string& english_now,
                Diagnostics& diagnostics, ImportResult& result);

    /// The catalog files as they would be written (logical name → text): those the import
    /// changes, a new one starting with a header saying what it holds.
    std::map<std::string, std::string> edited() const;

    /// The text of a catalog file before the import; nothing for a file it starts.
    std::optional<std::string> text_before(const std::string& name) const;

private:
    /// The editor of a catalog file, made at its first edit.
    i18n::CatalogEditor& editor(const std::string& name);

    std::string m_language;
    std::string m_prefix; ///< "content/i18n/<lang>/"
    const model::Catalog* m_catalog = nullptr;
    /// key → (the catalog file holding it, its entry there)
    std::map<std::string, std::pair<std::string, const load::Value::Entry*>> m_existing;
    std::map<std::string, std::string> m_file_texts; // logical name → current text
    std::map<std::string, i18n::CatalogEditor> m_editors;
};

/// Checks the catalogs of `folder` as the import would leave them (`edited`: logical name →
/// text), as a build checks them: read as YAML and as catalogs, interface strings as ICU
/// messages of the language, and the edition's document built, so that prose markup and
/// references are checked too. A problem in a translation the import writes is reported at
/// its entry in the imported file (`imported`: key → entry). False when there is an error.
bool check_as_built(CheckedProject& checked, const std::string& folder,
                    const std::map<std::string, std::string>& edited,
                    const std::map<std::string, const i18n::ExchangeEntry*>& imported);

} // namespace mipex::pipeline
