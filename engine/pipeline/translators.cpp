#include "pipeline/translators.h"

#include "base/files.h"
#include "base/limits.h"
#include "base/text.h"
#include "doc/build.h"
#include "i18n/catalog_file.h"
#include "i18n/check.h"
#include "i18n/exchange.h"
#include "model/catalog.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unicode/locid.h>

namespace mipex::pipeline {

namespace fs = std::filesystem;

std::string project_path(const Checked& checked, FileId file) {
    if (file == 0)
        return {};
    fs::path path = checked.files.path(file);
    for (const fs::path& root : {checked.project, engine_root()}) {
        fs::path relative = path.lexically_relative(root);
        if (!relative.empty() && *relative.begin() != "..")
            return relative.generic_string();
    }
    return path.generic_string();
}

std::string shown_position(const Checked& checked, SourcePos pos) {
    // The files' paths are as the diagnostics show them: below the project folder as it was
    // given (relative to the working folder, or absolute), the engine's own files absolute.
    std::string path = checked.files.path(pos.file);
    std::error_code error;
    fs::path working = fs::current_path(error);
    if (!error) {
        fs::path relative =
            fs::absolute(path, error).lexically_normal().lexically_relative(working);
        if (!error && !relative.empty() && *relative.begin() != "..")
            path = relative.generic_string();
    }
    if (pos.line > 0) {
        path += ":" + std::to_string(pos.line);
        if (pos.column > 0)
            path += ":" + std::to_string(pos.column);
    }
    return path;
}

namespace {

/// The kinds of text a build counts when it prints some untranslated, by the shape of their
/// keys (README, "Translating"), in the order a summary names them when their counts tie.
enum class TextKind {
    Indicator,   ///< indicator.<id>.name, .question, .note, .option.<key>
    Profile,     ///< country.<code>.profile
    AreaText,    ///< area.<id>.summary, .text
    Book,        ///< book.title, book.how_to_read…
    Interface,   ///< ui.* (layouts/strings.yaml)
    CountryName, ///< country.<code>.name
    Name,        ///< area|dimension|overall|group.<id>.name, band.<id>.label
    OverallNote, ///< overall.<id>.note
    Other,
};

struct TextKindName {
    const char* one;
    const char* many;
};
constexpr TextKindName text_kind_names[] = {
    {"indicator text", "indicator texts"},
    {"country profile", "country profiles"},
    {"area text", "area texts"},
    {"book text", "book texts"},
    {"interface string", "interface strings"},
    {"country name", "country names"},
    {"name (area, dimension, score, band or group)",
     "names (areas, dimensions, scores, bands, groups)"},
    {"note on an overall score", "notes on the overall scores"},
    {"other text", "other texts"},
};

TextKind kind_of_text(std::string_view key) {
    std::string_view first = key.substr(0, key.find('.'));
    std::string_view last = key.substr(key.rfind('.') + 1);
    if (first == "indicator")
        return TextKind::Indicator;
    if (first == "country" && last == "profile")
        return TextKind::Profile;
    if (first == "country" && last == "name")
        return TextKind::CountryName;
    if (first == "area" && (last == "summary" || last == "text"))
        return TextKind::AreaText;
    if (first == "book")
        return TextKind::Book;
    if (first == "ui")
        return TextKind::Interface;
    if (first == "overall" && last == "note")
        return TextKind::OverallNote;
    if (first == "area" || first == "dimension" || first == "overall" || first == "band" ||
        first == "group")
        return TextKind::Name;
    return TextKind::Other;
}

std::string count_of(size_t count, const char* one, const char* many) {
    return format_count(count) + " " + (count == 1 ? one : many);
}

} // namespace

std::string translation_summary(const std::string& language, const std::string& source_name,
                                const std::vector<i18n::Fallback>& missing, size_t stale,
                                const std::string& more) {
    if (missing.empty() && stale == 0)
        return {};
    std::string line = language + ": ";
    if (!missing.empty()) {
        std::vector<size_t> counts(std::size(text_kind_names), 0);
        for (const i18n::Fallback& text : missing)
            ++counts[static_cast<size_t>(kind_of_text(text.key))];
        std::vector<size_t> order(counts.size());
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::stable_sort(order.begin(), order.end(),
                         [&](size_t a, size_t b) { return counts[a] > counts[b]; });
        line += format_count(missing.size()) +
                (missing.size() == 1 ? " text prints" : " texts print") + " in " + source_name +
                ":";
        const char* separator = " ";
        for (size_t kind : order) {
            if (counts[kind] == 0)
                continue;
            line += separator +
                    count_of(counts[kind], text_kind_names[kind].one, text_kind_names[kind].many);
            separator = ", ";
        }
    }
    if (stale > 0)
        line += std::string(missing.empty() ? "" : "; ") +
                count_of(stale, "translation is stale", "translations are stale");
    if (!more.empty())
        line += "; " + more;
    return line;
}

namespace {

const char* const prose_note =
    "Prose: paragraphs are separated by a blank line. Keep the markup as it is: *emphasis*, "
    "**strong**, [label](address), {country:SE} and {area:lmm} (the name in your language), "
    "{page:…} (a page number), ^[a footnote], and list lines starting with \"- \".";

/// What a translator should know about each text: what it is, where it appears, what of it
/// must stay as written.
std::map<std::string, std::string> notes_for_translators(const model::Model& model,
                                                         const std::string& language) {
    std::map<std::string, std::string> notes;
    const model::BookInfo& book = model.book;
    notes["book.title"] = "The book's title, on the title page and in the PDF's metadata.";
    notes["book.subtitle"] = "The subtitle on the title page.";
    notes["book.author"] = "The author line on the title page and in the PDF's metadata.";
    notes["book.subject"] = "The PDF's subject (document properties).";
    notes["book.notice"] = "The notice on the title page and in the colophon.";
    notes["book.how_to_read"] = std::string("The chapter 'How to read this book'. ") + prose_note;
    notes["book.colophon"] = std::string("The colophon. ") + prose_note;
    (void)book;
    for (const auto& [key, text] : model.strings) {
        std::string error;
        auto arguments = i18n::message_arguments(text.source, model.book.language, error);
        std::string note = "An interface string, in ICU MessageFormat.";
        if (arguments && !arguments->empty()) {
            note += " Keep the arguments as they are:";
            for (const std::string& name : *arguments)
                note += " {" + name + "}";
            note += ".";
        }
        note += " Plural forms are written {count, plural, one {# area} other {# areas}}; a "
                "literal apostrophe before a brace is doubled ('').";
        notes[key] = note;
    }
    for (const model::Group& group : model.groups)
        notes[group.name.key] = "The name of a group of countries, as the average's label.";
    for (const model::Band& band : model.theme.bands)
        notes[band.label.key] = "A verbal band of scores, for scores from " +
                                std::to_string(static_cast<int>(band.min)) + " to " +
                                std::to_string(static_cast<int>(band.max)) + ".";
    for (const model::OverallVariant& overall : model.framework.overalls) {
        notes[overall.name.key] = "The name of an overall score (the mean of the policy areas).";
        if (overall.note)
            notes[overall.note->key] =
                "What the overall score '" + overall.name.source + "' covers.";
    }
    for (const model::Area& area : model.framework.areas) {
        notes[area.name.key] = "The name of a policy area (" + area.id + ").";
        for (const model::Dimension& dimension : area.dimensions) {
            notes[dimension.name.key] = "A dimension of the area '" + area.name.source + "'.";
            for (size_t i : dimension.indicators) {
                const model::Indicator& indicator = model.framework.indicators[i];
                std::string where = "indicator " + indicator.id + " (" + area.name.source + " › " +
                                    dimension.name.source + ")";
                notes[indicator.name.key] = "The name of " + where + ".";
                notes[indicator.question.key] = "The question of " + where +
                                                ", in the annex. It may use the prose markup: "
                                                "*emphasis*, {country:SE}.";
                if (indicator.note)
                    notes[indicator.note->key] = "A note under the question of " + where + ".";
                for (const model::Option& option : indicator.options)
                    notes[option.label.key] =
                        "Answer option " + option.key + " of " + where + ", worth " +
                        std::to_string(static_cast<int>(option.value)) + " points.";
            }
        }
    }
    for (size_t a = 0; a < model.area_texts.size(); ++a) {
        const std::string& area = model.framework.areas[a].name.source;
        if (model.area_texts[a].summary)
            notes[model.area_texts[a].summary->key] =
                "The sentence that opens the chapter '" + area + "', set large. " + prose_note;
        if (model.area_texts[a].text)
            notes[model.area_texts[a].text->key] =
                "The text of the chapter '" + area + "'. " + prose_note;
    }
    for (const model::Country& country : model.countries) {
        std::string icu = i18n::icu_country_name(country.code, language);
        notes[country.name.key] =
            "The name of a country (ISO 3166 " + country.code + ")." +
            (icu.empty()
                 ? std::string()
                 : " Leave it empty to print the name CLDR gives in this language: " + icu + ".");
        if (country.profile)
            notes[country.profile->key] =
                "The text of the profile of " + country.name.source + ". " + prose_note;
    }
    return notes;
}

} // namespace

std::vector<LanguageStatus> translation_status(Checked& checked,
                                               const std::vector<std::string>& languages) {
    std::vector<LanguageStatus> result;
    if (checked.diagnostics.has_errors())
        return result;
    std::vector<std::string> wanted = languages;
    if (wanted.empty())
        for (const auto& [language, catalog] : checked.model.catalogs)
            wanted.push_back(language);
    for (const std::string& language : wanted) {
        Diagnostics diagnostics; // the build reports these; status only counts
        i18n::Localizer localizer(checked.model, language, diagnostics);
        doc::build_document(checked.model, checked.scores, localizer, diagnostics);
        LanguageStatus status;
        status.language = language;
        status.name = i18n::language_name(language);
        status.missing = localizer.fallbacks();
        status.stale = localizer.stale();
        status.translated = localizer.translated_count();
        status.from_icu = localizer.icu_names_count();
        status.texts = status.translated + status.from_icu + status.missing.size();
        status.catalog_size = localizer.catalog() ? localizer.catalog()->entries.size() : 0;
        result.push_back(std::move(status));
    }
    return result;
}

std::string format_status(const std::vector<LanguageStatus>& status, const Checked& checked,
                          bool json) {
    auto where = [&](SourcePos pos) { return shown_position(checked, pos); };
    if (json) {
        nlohmann::ordered_json out;
        out["source_language"] = checked.model.book.language;
        out["languages"] = nlohmann::ordered_json::array();
        for (const LanguageStatus& language : status) {
            nlohmann::ordered_json entry;
            entry["language"] = language.language;
            entry["name"] = language.name;
            entry["texts"] = language.texts;
            entry["translated"] = language.translated;
            entry["from_icu"] = language.from_icu;
            entry["missing"] = language.missing.size();
            entry["stale"] = language.stale.size();
            entry["catalog_entries"] = language.catalog_size;
            entry["missing_texts"] = nlohmann::ordered_json::array();
            for (const i18n::Fallback& missing : language.missing)
                entry["missing_texts"].push_back({{"key", missing.key},
                                                  {"file", project_path(checked, missing.pos.file)},
                                                  {"line", missing.pos.line},
                                                  {"column", missing.pos.column}});
            entry["stale_texts"] = nlohmann::ordered_json::array();
            for (const i18n::StaleTranslation& stale : language.stale)
                entry["stale_texts"].push_back({{"key", stale.key},
                                                {"file", project_path(checked, stale.pos.file)},
                                                {"line", stale.pos.line},
                                                {"column", stale.pos.column},
                                                {"from", stale.from},
                                                {"current", stale.current}});
            out["languages"].push_back(std::move(entry));
        }
        return out.dump(2) + "\n";
    }
    std::string out;
    char line[256];
    std::snprintf(line, sizeof line, "%-8s %-16s %7s %10s %8s %8s %6s\n", "language", "", "texts",
                  "translated", "from ICU", "missing", "stale");
    out += line;
    for (const LanguageStatus& language : status) {
        // Pad by code points: names such as "Ελληνικά" take more bytes than columns.
        std::string name = language.name;
        size_t width = count_code_points(name);
        if (width < 16)
            name += std::string(16 - width, ' ');
        std::snprintf(line, sizeof line, "%-8s %s %7zu %10zu %8zu %8zu %6zu\n",
                      language.language.c_str(), name.c_str(), language.texts, language.translated,
                      language.from_icu, language.missing.size(), language.stale.size());
        out += line;
    }
    for (const LanguageStatus& language : status) {
        if (!language.stale.empty()) {
            out += "\n" + language.language + ": stale (the English changed since):\n";
            for (const i18n::StaleTranslation& stale : language.stale)
                out += "  " + where(stale.pos) + ": " + stale.key +
                       " (from: " + (stale.from.empty() ? "none" : stale.from) + ", English now " +
                       stale.current + ")\n";
        }
        if (!language.missing.empty()) {
            out += "\n" + language.language + ": missing (printed in English):\n";
            for (const i18n::Fallback& missing : language.missing)
                out += "  " + where(missing.pos) + ": " + missing.key + "\n";
        }
    }
    return out;
}

std::optional<std::string> export_translations(Checked& checked, const std::string& language,
                                               ExchangeFormat format) {
    if (checked.diagnostics.has_errors())
        return std::nullopt;
    const model::Model& model = checked.model;
    if (language == model.book.language || model::is_pseudo_locale(language)) {
        checked.diagnostics.error(SourcePos{}, "--lang " + language +
                                                   ": the source language and the pseudo-locales "
                                                   "have no translations to export");
        return std::nullopt;
    }
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale = icu::Locale::forLanguageTag(language, status);
    if (U_FAILURE(status) || locale.isBogus() || language.empty()) {
        checked.diagnostics.error(SourcePos{}, "--lang " + language + ": not a language tag");
        return std::nullopt;
    }
    const model::Catalog* catalog = nullptr;
    if (auto found = model.catalogs.find(language); found != model.catalogs.end())
        catalog = &found->second;
    std::map<std::string, std::string> notes = notes_for_translators(model, language);
    i18n::ExchangeFile file;
    file.language = language;
    file.source_language = model.book.language;
    for (const model::Text* text : model::translatable_texts(model)) {
        i18n::ExchangeEntry entry;
        entry.key = text->key;
        entry.source = text->source;
        entry.developer_note = notes[text->key];
        entry.file = project_path(checked, text->pos.file);
        entry.line = text->pos.line;
        if (catalog) {
            if (auto found = catalog->entries.find(text->key); found != catalog->entries.end()) {
                entry.translation = found->second.text;
                entry.fuzzy = found->second.from.value_or("") != model::fingerprint(text->source);
                entry.translator_note = found->second.note.value_or("");
            }
        }
        file.entries.push_back(std::move(entry));
    }
    return format == ExchangeFormat::Po ? i18n::write_po(file) : i18n::write_xliff(file);
}

std::optional<ImportResult> import_translations(Checked& checked, const fs::path& path,
                                                const std::optional<std::string>& language) {
    if (checked.diagnostics.has_errors())
        return std::nullopt;
    const model::Model& model = checked.model;
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

    ImportResult result;
    result.language = language.value_or(exchange->language);
    const std::string& lang = result.language;
    if (lang.empty()) {
        checked.diagnostics.error(SourcePos{file, 1, 1},
                                  "the file does not say its language (the PO header "
                                  "'Language:', the XLIFF target-language); give --lang");
        return std::nullopt;
    }
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale = icu::Locale::forLanguageTag(lang, status);
    if (U_FAILURE(status) || locale.isBogus() || lang == model.book.language ||
        model::is_pseudo_locale(lang)) {
        checked.diagnostics.error(SourcePos{file, 1, 1},
                                  "'" + lang +
                                      "' cannot take translations (the source language, "
                                      "a pseudo-locale, or not a language tag)");
        return std::nullopt;
    }

    std::map<std::string, const model::Text*> texts;
    for (const model::Text* source : model::translatable_texts(model))
        texts[source->key] = source;
    // Where each key of the language's catalog is, in which file.
    const std::string folder = "content/i18n/" + lang + "/";
    std::map<std::string, std::pair<std::string, const load::Value::Entry*>> existing;
    std::map<std::string, std::string> file_texts; // logical name → current text
    for (const load::LoadedFile& loaded : checked.loaded.files) {
        if (!loaded.name.starts_with(folder))
            continue;
        file_texts[loaded.name] = checked.files.text(loaded.file);
        if (loaded.root().is_map())
            for (const load::Value::Entry& entry : loaded.root().entries())
                existing.emplace(entry.key, std::make_pair(loaded.name, &entry));
    }
    const model::Catalog* catalog = nullptr;
    if (auto found = model.catalogs.find(lang); found != model.catalogs.end())
        catalog = &found->second;

    std::map<std::string, i18n::CatalogEditor> editors;
    auto editor = [&](const std::string& name) -> i18n::CatalogEditor& {
        auto found = editors.find(name);
        if (found == editors.end()) {
            auto text = file_texts.find(name);
            found = editors
                        .emplace(name, i18n::CatalogEditor(text == file_texts.end()
                                                               ? std::string_view()
                                                               : std::string_view(text->second)))
                        .first;
        }
        return found->second;
    };
    std::set<std::string> seen;
    for (const i18n::ExchangeEntry& entry : exchange->entries) {
        std::string translation(trim(entry.translation));
        if (!seen.insert(entry.key).second) {
            checked.diagnostics.warning(entry.pos, "'" + entry.key +
                                                       "' is in this file twice; the first is "
                                                       "imported");
            continue;
        }
        auto source = texts.find(entry.key);
        if (source == texts.end()) {
            checked.diagnostics.warning(entry.pos, "no source text has the key '" + entry.key +
                                                       "'; not imported");
            continue;
        }
        if (translation.empty()) {
            ++result.empty;
            continue;
        }
        i18n::CatalogEntry wanted;
        wanted.text = translation;
        std::string note(trim(entry.translator_note));
        if (!note.empty())
            wanted.note = note;
        const model::Translation* current = nullptr;
        if (catalog)
            if (auto found = catalog->entries.find(entry.key); found != catalog->entries.end())
                current = &found->second;
        // A confirmed translation was made from the English the file shows; a fuzzy one
        // still waits for review, so it keeps the fingerprint it had (stale it stays).
        if (!entry.fuzzy)
            wanted.from =
                model::fingerprint(entry.source.empty() ? source->second->source : entry.source);
        else if (current && current->from)
            wanted.from = current->from;
        auto place = existing.find(entry.key);
        if (place != existing.end()) {
            bool same = current && current->text == wanted.text && current->note == wanted.note &&
                        (!wanted.from || current->from == wanted.from);
            if (same) {
                ++result.unchanged;
                continue;
            }
            editor(place->second.first).set(*place->second.second, wanted);
            ++result.changed;
        } else {
            editor(folder + model::catalog_file_for(entry.key)).append(entry.key, wanted);
            ++result.added;
        }
    }

    for (auto& [name, edited] : editors) {
        if (!edited.changed())
            continue;
        std::string content = edited.text();
        if (!file_texts.count(name)) {
            static const std::map<std::string, std::string> sources = {
                {"strings.yaml", "the interface strings (layouts/strings.yaml)"},
                {"book.yaml", "the book's texts and country groups (content/book.yaml)"},
                {"framework.yaml", "the framework: areas, dimensions, indicators "
                                   "(content/framework.yaml)"},
                {"areas.yaml", "the area chapters (content/areas/)"},
                {"countries.yaml", "the country names and profiles (content/countries/)"},
                {"theme.yaml", "the score bands (layouts/theme.yaml)"}};
            auto what = sources.find(name.substr(folder.size()));
            UErrorCode status = U_ZERO_ERROR;
            icu::UnicodeString english;
            icu::Locale::forLanguageTag(lang, status).getDisplayName(icu::Locale("en"), english);
            std::string language_name;
            english.toUTF8String(language_name);
            content = "# " + language_name + " (" + lang + ") translations of " +
                      (what == sources.end() ? "texts" : what->second) +
                      ".\n# A mipex catalog: the README's section content/i18n/<lang>/ "
                      "describes it.\n\n" +
                      content;
        }
        fs::path target = checked.project / name;
        std::error_code error;
        fs::create_directories(target.parent_path(), error);
        if (std::string message = write_file_atomic(target, content); !message.empty()) {
            checked.diagnostics.error(SourcePos{}, message);
            return std::nullopt;
        }
        result.written.push_back(target);
    }
    return result;
}

} // namespace mipex::pipeline
