// mipex i18n import: a PO or XLIFF file's translations written into the catalogs of its
// language, at its steps: read the file, settle its language (import_language.cpp), plan each
// translation's edit (import_catalog_edits.cpp), check the catalogs as built (import_check.cpp),
// write them all or none.
#include "pipeline/translators.h"
#include "pipeline/translators_common.h"

#include "base/files.h"
#include "base/text.h"
#include "i18n/exchange.h"
#include "model/catalog.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

namespace mipex::pipeline {

namespace fs = std::filesystem;

namespace {

/// A PO or XLIFF file to import, registered among the project's files.
struct ImportedFile {
    FileId file = 0;
    i18n::ExchangeFile exchange;
};

/// Reads the file to import, as PO or XLIFF by its extension. Nothing when it cannot be read,
/// is not UTF-8 or is not a file of either kind (reported).
std::optional<ImportedFile> read_imported_file(CheckedProject& checked, const fs::path& path) {
    std::optional<std::string> text = read_file(path);
    FileId file = checked.files.add(path.string(), text.value_or(""));
    if (!text) {
        checked.diagnostics.error(SourcePos{file, 0, 0}, "cannot read this file");
        return std::nullopt;
    }
    if (auto bad = find_invalid_utf8(*text)) {
        checked.diagnostics.error(SourcePos{file, bad->line, bad->column},
                                  "file is not UTF-8; save it as UTF-8");
        return std::nullopt;
    }
    std::string extension = path.extension().string();
    std::optional<i18n::ExchangeFile> exchange;
    if (extension == ".po" || extension == ".pot")
        exchange = i18n::read_po(file, checked.files, checked.diagnostics);
    else if (extension == ".xlf" || extension == ".xliff" || extension == ".xml")
        exchange = i18n::read_xliff(file, checked.files, checked.diagnostics);
    else
        checked.diagnostics.error(SourcePos{file, 0, 0},
                                  "import reads PO (.po) and XLIFF 1.2 (.xlf, .xliff) files");
    if (!exchange)
        return std::nullopt;
    return ImportedFile{file, std::move(*exchange)};
}

/// Writes every file or none: a file that cannot be written puts back those written before it
/// (and removes the folders made for them). Returns an error message, empty on success.
std::string write_all(const std::vector<std::pair<fs::path, std::string>>& files,
                      const std::map<fs::path, std::optional<std::string>>& before) {
    std::vector<fs::path> made_folders;
    for (size_t i = 0; i < files.size(); ++i) {
        const auto& [path, text] = files[i];
        std::error_code error;
        for (fs::path folder = path.parent_path(); !fs::exists(folder, error);
             folder = folder.parent_path())
            made_folders.push_back(folder);
        fs::create_directories(path.parent_path(), error);
        std::string message =
            error ? "cannot create " + path.parent_path().string() + ": " + error.message()
                  : write_file_atomic(path, text);
        if (message.empty())
            continue;
        for (size_t k = 0; k < i; ++k) {
            const std::optional<std::string>& old = before.at(files[k].first);
            if (old)
                write_file_atomic(files[k].first, *old);
            else
                fs::remove(files[k].first, error);
        }
        for (const fs::path& folder : made_folders) // the deepest first
            fs::remove(folder, error);
        return message;
    }
    return {};
}

/// Writes the catalog files as edited (logical name → text), all or none, and lists them in
/// `result`. False when they could not be written (reported).
bool write_catalogs(CheckedProject& checked, std::map<std::string, std::string> edited,
                    const CatalogEdits& edits, ImportResult& result) {
    std::vector<std::pair<fs::path, std::string>> files;
    std::map<fs::path, std::optional<std::string>> before;
    for (auto& [name, content] : edited) {
        fs::path target = checked.project / name;
        before[target] = edits.text_before(name);
        files.emplace_back(target, std::move(content));
    }
    if (std::string message = write_all(files, before); !message.empty()) {
        checked.diagnostics.error(SourcePos{}, message + "; no catalog was changed");
        return false;
    }
    for (const auto& [target, content] : files)
        result.written.push_back(target);
    return true;
}

} // namespace

std::optional<ImportResult> import_translations(CheckedProject& checked, const fs::path& path,
                                                const ImportOptions& options) {
    if (checked.diagnostics.has_errors())
        return std::nullopt;
    const std::optional<ImportedFile> imported_file = read_imported_file(checked, path);
    if (!imported_file)
        return std::nullopt;
    const i18n::ExchangeFile& exchange = imported_file->exchange;

    ImportResult result;
    std::optional<std::string> folder =
        import_language(checked, exchange, imported_file->file, options, result.created);
    if (!folder)
        return std::nullopt;
    result.language = *folder;
    const std::string& lang = *folder;

    std::map<std::string, const model::Text*> texts;
    for (const model::Text* source : model::translatable_texts(checked.model))
        texts[source->key] = source;
    if (holds_other_language(checked, exchange, imported_file->file, lang, texts))
        return std::nullopt;

    CatalogEdits edits(checked, lang);
    std::map<std::string, const i18n::ExchangeEntry*> imported; // what is written, by key
    std::set<std::string> seen;
    for (const i18n::ExchangeEntry& entry : exchange.entries) {
        if (!seen.insert(entry.key).second) {
            checked.diagnostics.warning(entry.key_pos, "'" + entry.key +
                                                           "' is in this file twice; the first "
                                                           "is imported");
            continue;
        }
        auto source = texts.find(entry.key);
        if (source == texts.end()) {
            checked.diagnostics.warning(entry.key_pos, "no source text has the key '" + entry.key +
                                                           "'; not imported");
            continue;
        }
        if (edits.import(entry, source->second->source, checked.diagnostics, result))
            imported[entry.key] = &entry;
    }

    std::map<std::string, std::string> edited = edits.edited();
    // Nothing is written unless all of it is right.
    if (!check_as_built(checked, lang, edited, imported) || checked.diagnostics.has_errors())
        return std::nullopt;
    if (options.dry_run)
        return result;
    if (!write_catalogs(checked, std::move(edited), edits, result))
        return std::nullopt;
    return result;
}

std::string format_import(const ImportResult& result, bool dry_run) {
    std::string out;
    if (dry_run) {
        size_t width = 0;
        for (const ImportChange& change : result.changes)
            width = std::max(width, change.key.size());
        for (const ImportChange& change : result.changes) {
            const char* kind = change.kind == ImportChange::Kind::Added     ? "added"
                               : change.kind == ImportChange::Kind::Changed ? "changed"
                                                                            : "confirmed";
            char line[64];
            std::snprintf(line, sizeof line, "%-10s ", kind);
            out += line + change.key + std::string(width - change.key.size() + 2, ' ') +
                   change.catalog +
                   (change.line ? ":" + std::to_string(change.line) : std::string(" (new)")) + "\n";
        }
    }
    out += result.language + ": " + std::to_string(result.changed) + " translations changed, " +
           std::to_string(result.added) + " added, " + std::to_string(result.confirmed) +
           " confirmed, " + std::to_string(result.unchanged) + " unchanged, " +
           std::to_string(result.empty) + " left untranslated";
    if (result.created)
        out += "; a new catalog, content/i18n/" + result.language + "/";
    out += dry_run ? " (a dry run: nothing written)\n" : "\n";
    for (const fs::path& written : result.written)
        out += "wrote " + written.string() + "\n";
    return out;
}

} // namespace mipex::pipeline
