// The translators' tools (mipex i18n): what each language has translated, what is missing or
// stale (translators_status.cpp); the texts exported for translation tools as PO or XLIFF
// (translators_export.cpp), and their translations imported back into the catalogs
// (translators_import.cpp, its steps in import_*.cpp). project_path and shown_position are in
// translators_common.cpp.
#pragma once

#include "i18n/localizer.h"
#include "pipeline/pipeline.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mipex::pipeline {

/// How far one language's edition is translated: counted over the texts its book prints.
struct LanguageStatus {
    std::string language;
    std::string name;                    ///< the language's own name ("Deutsch")
    size_t texts = 0;                    ///< texts the edition prints
    size_t translated = 0;               ///< of those, translated by the catalog
    size_t from_icu = 0;                 ///< of those, country names ICU gives in the language
    size_t catalog_size = 0;             ///< translations in the catalog (printed or not)
    std::vector<i18n::Fallback> missing; ///< printed in the source language
    std::vector<i18n::StaleTranslation> stale; ///< printed, made from another English
};

/// The status of `languages` (default: every language with a catalog). Builds each
/// edition's document (not its pages) to know what the book prints.
std::vector<LanguageStatus> translation_status(CheckedProject& checked,
                                               const std::vector<std::string>& languages = {});

/// The status as a table with the lists (human) or as one JSON document.
std::string format_status(const std::vector<LanguageStatus>& status, const CheckedProject& checked,
                          bool json);

/// A file's path as the project's people know it: "content/framework.yaml",
/// "layouts/strings.yaml" (the engine's own files included). What tools read (JSON, PO).
std::string project_path(const CheckedProject& checked, FileId file);

/// A position as a list for people shows it ("content/framework.yaml:19:13"): relative to the
/// working folder when the file is in it, else as the diagnostics show it. `mipex i18n status`
/// and a build's list of untranslated texts.
std::string shown_position(const CheckedProject& checked, SourcePos pos);

/// What an edition printed untranslated, in one line: how many texts of each kind print in
/// the source language and how many translations are stale, then `more` (where to see them).
/// "el: 729 texts print in English: 655 indicator texts, 56 country profiles, 16 area texts,
/// 2 book texts; …". Empty when there is nothing to say.
std::string translation_summary(const std::string& language, const std::string& source_name,
                                const std::vector<i18n::Fallback>& missing, size_t stale,
                                const std::string& more);

enum class ExchangeFormat { Po, Xliff };

/// Every translatable text of the project with its translation into `language` (empty
/// when there is none), as a PO or XLIFF file. Nothing when the project has errors.
std::optional<std::string> export_translations(CheckedProject& checked, const std::string& language,
                                               ExchangeFormat format);

/// What `mipex i18n import` is asked to do.
struct ImportOptions {
    /// The language the file must hold (--lang); by default the one the file names.
    std::optional<std::string> language;
    /// Start a catalog for a language that has none (--create).
    bool create = false;
    /// Work out what would change, and write nothing (--dry-run).
    bool dry_run = false;
};

/// One translation the import writes.
struct ImportChange {
    enum class Kind {
        Added,    ///< new to the catalog
        Changed,  ///< its text or note changed
        Confirmed ///< the same text, now recorded as made from the current English
    };
    Kind kind = Kind::Added;
    std::string key;
    std::string catalog; ///< the catalog file, "content/i18n/de/strings.yaml"
    uint32_t line = 0;   ///< the entry's line there now (0: added at the end)
};

struct ImportResult {
    std::string language;
    size_t changed = 0;                ///< translations whose text or note changed
    size_t added = 0;                  ///< translations new to the catalog
    size_t confirmed = 0;              ///< stale translations confirmed as they are
    size_t unchanged = 0;              ///< translations the catalog already had as they are
    size_t empty = 0;                  ///< texts the file leaves untranslated
    bool created = false;              ///< the language's catalog folder is new (--create)
    std::vector<ImportChange> changes; ///< in the order of the file
    std::vector<std::filesystem::path> written; ///< catalog files written (none in a dry run)
};

/// Writes the translations of a PO or XLIFF file (by its extension: .po, .xlf/.xliff) into
/// the catalogs of its language, changing only what differs; new texts go to the end of the
/// catalog file named after their source (model::catalog_file_for). A translation not marked
/// fuzzy records the fingerprint of its msgid/source, and that English as `source`; a fuzzy
/// one keeps the fingerprint it had.
///
/// The file's language is its "Language" header (or target-language), or the catalog it was
/// exported from (X-Mipex-Language); a file whose header, export or --lang disagree, or whose
/// translations are word for word another language's catalog, is refused, as is a language
/// without a catalog unless `options.create`. Every translation is then checked as a build
/// would check the catalogs it makes (ICU messages, prose markup), each problem reported at
/// its entry in the imported file; on any error nothing is written. The files are written
/// all or none.
std::optional<ImportResult> import_translations(CheckedProject& checked,
                                                const std::filesystem::path& file,
                                                const ImportOptions& options);

/// The import's result for people: the counts and the files written; in a dry run, one line
/// per translation that would be written, then the counts.
std::string format_import(const ImportResult& result, bool dry_run);

} // namespace mipex::pipeline
