// The catalogs an import would write, checked as a build checks them before anything is
// written, each problem reported at its entry in the imported file.
#include "pipeline/translators_common.h"

#include "doc/build.h"
#include "doc/prose.h"
#include "i18n/check.h"
#include "model/catalog.h"

#include <algorithm>
#include <memory>
#include <set>

namespace mipex::pipeline {

namespace {

/// Where each translation of a catalog file the import would write begins: the key of the
/// entry a line belongs to.
std::string entry_at(const load::Value& root, uint32_t line) {
    std::string key;
    if (root.is_map())
        for (const load::Value::Entry& entry : root.entries())
            if (entry.key_pos.line <= line)
                key = entry.key;
    return key;
}

} // namespace

bool check_as_built(CheckedProject& checked, const std::string& folder,
                    const std::map<std::string, std::string>& edited,
                    const std::map<std::string, const i18n::ExchangeEntry*>& imported) {
    Diagnostics found;
    load::LoadedProject preview;
    const std::string prefix = "content/i18n/" + folder + "/";
    for (const load::LoadedFile& loaded : checked.loaded.files)
        if (loaded.name.starts_with(prefix) && !edited.count(loaded.name))
            preview.files.push_back(loaded);
    std::map<FileId, std::shared_ptr<const load::Value>> written; // the edited files' trees
    for (const auto& [name, text] : edited) {
        load::LoadedFile file;
        file.name = name;
        const load::LoadedFile* before = checked.loaded.find(name);
        std::string display =
            before ? checked.files.path(before->file) : (checked.project / name).string();
        if (load::load_text(text, display, false, checked.files, found, file, checked.limits)) {
            written[file.file] = file.tree;
            preview.files.push_back(std::move(file));
        }
    }
    std::sort(preview.files.begin(), preview.files.end(),
              [](const load::LoadedFile& a, const load::LoadedFile& b) { return a.name < b.name; });
    model::Model model = checked.model;
    model.catalogs.clear();
    model::validate_catalogs(preview, model, found);
    i18n::check_catalogs(model, found);
    doc::check_prose(model, checked.files, found); // as check and build read the prose
    Diagnostics built; // the edition's document: prose markup and references
    i18n::Localizer localizer(model, folder, built);
    doc::build_document(model, checked.scores, localizer, built);

    bool ok = true;
    std::set<std::pair<uint32_t, uint32_t>> reported; // positions in the imported file
    // Reports `diagnostics` found in the texts the import writes at their entries in the file;
    // with `once`, none at an entry the catalog checks reported (the localizer finds an
    // invalid ICU message again). Returns whether every error found its entry.
    auto report = [&](const Diagnostics& diagnostics, bool once) {
        bool placed = true;
        for (const Diagnostic& diagnostic : diagnostics.all()) {
            // Only what the import writes is its business: the rest was there before.
            auto tree = written.find(diagnostic.pos.file);
            if (tree == written.end())
                continue;
            std::string key = entry_at(*tree->second, diagnostic.pos.line);
            auto entry = imported.find(key);
            if (entry == imported.end()) {
                placed = placed && diagnostic.severity != Severity::Error;
                continue;
            }
            const load::Value* value = tree->second->find(key);
            SourcePos pos = value && value->pos().line > diagnostic.pos.line
                                ? entry->second->key_pos
                                : entry->second->translation_pos;
            if (once ? reported.count({pos.line, pos.column}) > 0
                     : (reported.emplace(pos.line, pos.column), false))
                continue;
            if (diagnostic.severity == Severity::Error) {
                checked.diagnostics.error(pos, diagnostic.message);
                ok = false;
            } else if (diagnostic.severity == Severity::Warning) {
                checked.diagnostics.warning(pos, diagnostic.message);
            } else {
                checked.diagnostics.note(pos, diagnostic.message);
            }
        }
        return placed;
    };
    // The catalogs checked clean before the import, so an error in them is the import's doing,
    // even one no entry of the file explains: refused all the same, at the catalog.
    if (!report(found, false))
        for (const Diagnostic& diagnostic : found.all())
            if (diagnostic.severity == Severity::Error && written.count(diagnostic.pos.file)) {
                checked.diagnostics.error(diagnostic.pos, diagnostic.message +
                                                              " (in the catalog as the import "
                                                              "would write it)");
                ok = false;
            }
    report(built, true);
    return ok;
}

} // namespace mipex::pipeline
