// The edits an import makes to the catalog files of its language, one translation at a time:
// what each translation becomes in the catalog, and the files as they would be written.
#include "pipeline/translators_common.h"

#include "base/text.h"
#include "model/catalog.h"

#include <map>

namespace mipex::pipeline {

namespace {

/// The catalog entry a translation of the file becomes (`english_now`: its source text today,
/// whose fingerprint is `fingerprint_now`; `current`: the catalog's translation, if it has one).
i18n::CatalogEntry catalog_entry(const i18n::ExchangeEntry& entry, const std::string& english_now,
                                 const std::string& fingerprint_now,
                                 const model::Translation* current) {
    const std::string english = entry.source.empty() ? english_now : entry.source;
    i18n::CatalogEntry wanted;
    wanted.text = std::string(trim(entry.translation));
    std::string note(trim(entry.translator_note));
    if (!note.empty())
        wanted.note = note;
    const bool current_is_up_to_date = current && current->from == fingerprint_now;
    // A confirmed translation was made from the English the file shows, and records it;
    // a fuzzy one still waits for review, so it keeps the fingerprint it had (stale it
    // stays). A translation already recorded as made from today's English keeps that
    // record: a file exported before the English changed cannot make it older.
    if (!entry.fuzzy && !(current_is_up_to_date && current->text == wanted.text)) {
        wanted.from = model::fingerprint(english);
        wanted.source = english;
    } else if (current && current->from) {
        wanted.from = current->from;
    }
    return wanted;
}

/// The first lines of a catalog file the import starts: what it holds (by its name, such as
/// "strings.yaml") and where its format is described.
std::string new_catalog_header(const std::string& language, const std::string& name) {
    static const std::map<std::string, std::string> sources = {
        {"strings.yaml", "the interface strings (layouts/strings.yaml)"},
        {"book.yaml", "the book's texts and country groups (content/book.yaml)"},
        {"framework.yaml", "the framework: areas, dimensions, indicators "
                           "(content/framework.yaml)"},
        {"areas.yaml", "the area chapters (content/areas/)"},
        {"countries.yaml", "the country names and profiles (content/countries/)"},
        {"theme.yaml", "the score bands (layouts/theme.yaml)"}};
    auto what = sources.find(name);
    return "# " + english_name(language) + " (" + language + ") translations of " +
           (what == sources.end() ? "texts" : what->second) +
           ".\n# A mipex catalog: the README's section content/i18n/<lang>/ describes it.\n\n";
}

} // namespace

CatalogEdits::CatalogEdits(const CheckedProject& checked, const std::string& language)
    : m_language(language), m_prefix("content/i18n/" + language + "/") {
    // Where each key of the language's catalog is, in which file.
    for (const load::LoadedFile& loaded : checked.loaded.files) {
        if (!loaded.name.starts_with(m_prefix))
            continue;
        m_file_texts[loaded.name] = checked.files.text(loaded.file);
        if (loaded.root().is_map())
            for (const load::Value::Entry& entry : loaded.root().entries())
                m_existing.emplace(entry.key, std::make_pair(loaded.name, &entry));
    }
    if (auto found = checked.model.catalogs.find(language); found != checked.model.catalogs.end())
        m_catalog = &found->second;
}

bool CatalogEdits::import(const i18n::ExchangeEntry& entry, const std::string& english_now,
                          Diagnostics& diagnostics, ImportResult& result) {
    if (trim(entry.translation).empty()) {
        ++result.empty;
        return false;
    }
    const model::Translation* current = nullptr;
    if (m_catalog)
        if (auto found = m_catalog->entries.find(entry.key); found != m_catalog->entries.end())
            current = &found->second;
    const std::string fingerprint_now = model::fingerprint(english_now);
    const i18n::CatalogEntry wanted = catalog_entry(entry, english_now, fingerprint_now, current);
    const bool current_is_up_to_date = current && current->from == fingerprint_now;
    ImportChange change;
    change.key = entry.key;
    auto place = m_existing.find(entry.key);
    if (place != m_existing.end()) {
        bool same_text = current && current->text == wanted.text;
        bool same = same_text && current->note == wanted.note &&
                    (!wanted.from || current->from == wanted.from) &&
                    (!wanted.source || current->source == wanted.source);
        if (same) {
            ++result.unchanged;
            return false;
        }
        editor(place->second.first).set(*place->second.second, wanted);
        change.catalog = place->second.first;
        change.line = place->second.second->key_pos.line;
        bool confirmed = same_text && current->note == wanted.note &&
                         wanted.from == fingerprint_now && !current_is_up_to_date;
        change.kind = confirmed ? ImportChange::Kind::Confirmed : ImportChange::Kind::Changed;
        ++(confirmed ? result.confirmed : result.changed);
    } else {
        change.catalog = m_prefix + model::catalog_file_for(entry.key);
        editor(change.catalog).append(entry.key, wanted);
        change.kind = ImportChange::Kind::Added;
        ++result.added;
    }
    if (wanted.from && *wanted.from != fingerprint_now && !entry.fuzzy)
        diagnostics.warning(entry.key_pos,
                            "the English of '" + entry.key +
                                "' in this file is not today's (it changed since the file "
                                "was exported): the translation is recorded as made from "
                                "the file's English, and stays stale");
    result.changes.push_back(std::move(change));
    return true;
}

std::map<std::string, std::string> CatalogEdits::edited() const {
    std::map<std::string, std::string> edited;
    for (const auto& [name, edits] : m_editors) {
        if (!edits.changed())
            continue;
        std::string content = edits.text();
        if (!m_file_texts.count(name))
            content = new_catalog_header(m_language, name.substr(m_prefix.size())) + content;
        edited[name] = std::move(content);
    }
    return edited;
}

std::optional<std::string> CatalogEdits::text_before(const std::string& name) const {
    auto found = m_file_texts.find(name);
    return found == m_file_texts.end() ? std::nullopt : std::optional<std::string>(found->second);
}

i18n::CatalogEditor& CatalogEdits::editor(const std::string& name) {
    auto found = m_editors.find(name);
    if (found == m_editors.end()) {
        auto text = m_file_texts.find(name);
        found = m_editors
                    .emplace(name, i18n::CatalogEditor(text == m_file_texts.end()
                                                           ? std::string_view()
                                                           : std::string_view(text->second)))
                    .first;
    }
    return found->second;
}

} // namespace mipex::pipeline
