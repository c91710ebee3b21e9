// The translators' tools (mipex i18n): what each language has translated, what is missing or
// stale; the texts exported for translation tools as PO or XLIFF, and their translations
// imported back into the catalogs.
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
std::vector<LanguageStatus> translation_status(Checked& checked,
                                               const std::vector<std::string>& languages = {});

/// The status as a table with the lists (human) or as one JSON document.
std::string format_status(const std::vector<LanguageStatus>& status, const Checked& checked,
                          bool json);

/// A file's path as the project's people know it: "content/framework.yaml",
/// "layouts/strings.yaml" (the engine's own files included). What tools read (JSON, PO).
std::string project_path(const Checked& checked, FileId file);

/// A position as a list for people shows it ("content/framework.yaml:19:13"): relative to the
/// working folder when the file is in it, else as the diagnostics show it. `mipex i18n status`
/// and a build's list of untranslated texts.
std::string shown_position(const Checked& checked, SourcePos pos);

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
std::optional<std::string> export_translations(Checked& checked, const std::string& language,
                                               ExchangeFormat format);

struct ImportResult {
    std::string language;
    size_t changed = 0;   ///< translations whose text, fingerprint or note changed
    size_t added = 0;     ///< translations new to the catalog
    size_t unchanged = 0; ///< translations the catalog already had as they are
    size_t empty = 0;     ///< texts the file leaves untranslated
    std::vector<std::filesystem::path> written; ///< catalog files written
};

/// Writes the translations of a PO or XLIFF file (by its extension: .po, .xlf/.xliff) into
/// the catalogs of its language (the file's Language header or target-language, unless
/// `language` is given), changing only what differs; new texts go to the end of the catalog
/// file named after their source (model::catalog_file_for). A translation not marked fuzzy
/// records the fingerprint of its msgid/source; a fuzzy one keeps the fingerprint it had.
std::optional<ImportResult> import_translations(Checked& checked, const std::filesystem::path& file,
                                                const std::optional<std::string>& language);

} // namespace mipex::pipeline
