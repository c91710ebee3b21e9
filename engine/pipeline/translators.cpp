#include "pipeline/translators.h"

#include "base/files.h"
#include "base/limits.h"
#include "base/text.h"
#include "doc/build.h"
#include "doc/prose.h"
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

std::string project_path(const CheckedProject& checked, FileId file) {
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

std::string shown_position(const CheckedProject& checked, SourcePos pos) {
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

std::vector<LanguageStatus> translation_status(CheckedProject& checked,
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

std::string format_status(const std::vector<LanguageStatus>& status, const CheckedProject& checked,
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

std::optional<std::string> export_translations(CheckedProject& checked, const std::string& language,
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
    file.exported_for = language; // what the import checks the file's language against
    for (const model::Text* text : model::translatable_texts(model)) {
        i18n::ExchangeEntry entry;
        entry.key = text->key;
        entry.source = text->source;
        entry.developer_note = notes[text->key];
        entry.file = project_path(checked, text->pos.file);
        entry.line = text->pos.line;
        if (catalog) {
            if (auto found = catalog->entries.find(text->key); found != catalog->entries.end()) {
                const model::Translation& translation = found->second;
                entry.translation = translation.text;
                entry.fuzzy = translation.from.value_or("") != model::fingerprint(text->source);
                entry.translator_note = translation.note.value_or("");
                // The English a stale translation was made from, where the catalog has it as
                // the import recorded it (its fingerprint is `from`): never a guess.
                if (entry.fuzzy && translation.source && translation.from &&
                    model::fingerprint(*translation.source) == *translation.from)
                    entry.previous_source = translation.source;
            }
        }
        file.entries.push_back(std::move(entry));
    }
    return format == ExchangeFormat::Po ? i18n::write_po(file) : i18n::write_xliff(file);
}

namespace {

/// A language tag in BCP 47's canonical form (ICU: "pt-BR"), from a tag or from the POSIX
/// locale name PO headers often hold ("pt_BR"); "" when it is neither.
std::string canonical_tag(std::string tag) {
    std::replace(tag.begin(), tag.end(), '_', '-');
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale = icu::Locale::forLanguageTag(tag, status);
    if (tag.empty() || U_FAILURE(status) || locale.isBogus())
        return {};
    std::string canonical = locale.toLanguageTag<std::string>(status);
    return U_FAILURE(status) ? std::string() : canonical;
}

/// Whether `tag` is `language` or one of its variants ("de-AT" in "de").
bool within(const std::string& tag, const std::string& language) {
    return tag == language || tag.starts_with(language + "-");
}

/// The language subtag ("pt" of "pt-BR").
std::string primary(const std::string& tag) {
    return tag.substr(0, tag.find('-'));
}

/// The English name of a language ("German", "Portuguese (Brazil)").
std::string english_name(const std::string& tag) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString name;
    icu::Locale::forLanguageTag(tag, status).getDisplayName(icu::Locale::getEnglish(), name);
    std::string out;
    name.toUTF8String(out);
    return out;
}

/// Why a new catalog cannot be named `tag`, or "": every subtag must be one CLDR names (ICU
/// gives an unknown code back as its own name), so that "xx-bogus" or a typing slip starts no
/// catalog; extensions and private use have no place in a catalog's name.
std::string unknown_language(const std::string& tag) {
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale = icu::Locale::forLanguageTag(tag, status);
    if (U_FAILURE(status) || locale.isBogus())
        return "it is not a BCP 47 language tag";
    if (tag.find("-u-") != std::string::npos || tag.find("-t-") != std::string::npos ||
        tag.find("-x-") != std::string::npos || tag.starts_with("x-"))
        return "a catalog is named by language, script, region and variant only, without "
               "extensions";
    const icu::Locale& english = icu::Locale::getEnglish();
    auto named = [](const icu::UnicodeString& name, const char* code) {
        std::string text;
        name.toUTF8String(text);
        return !text.empty() && text != code;
    };
    icu::UnicodeString name;
    if (!named(locale.getDisplayLanguage(english, name), locale.getLanguage()))
        return std::string("CLDR knows no language '") + locale.getLanguage() + "'";
    if (*locale.getScript() && !named(locale.getDisplayScript(english, name), locale.getScript()))
        return std::string("CLDR knows no script '") + locale.getScript() + "'";
    if (*locale.getCountry() &&
        !named(locale.getDisplayCountry(english, name), locale.getCountry()))
        return std::string("CLDR knows no region '") + locale.getCountry() + "'";
    if (*locale.getVariant() &&
        !named(locale.getDisplayVariant(english, name), locale.getVariant()))
        return std::string("CLDR knows no variant '") + locale.getVariant() + "'";
    return {};
}

/// The catalog folder the file's translations go to (its name as written in content/i18n/),
/// after checking that the file's header, the catalog it was exported from and --lang agree,
/// and that the language has a catalog (or may have one made). `created` tells which.
std::optional<std::string> import_language(CheckedProject& checked,
                                           const i18n::ExchangeFile& exchange, FileId file,
                                           const ImportOptions& options, bool& created) {
    Diagnostics& diagnostics = checked.diagnostics;
    const model::Model& model = checked.model;
    const SourcePos start{file, 0, 0}; // the file as a whole, when it names no language
    const SourcePos header_pos = exchange.language_pos.file ? exchange.language_pos : start;
    const SourcePos exported_pos =
        exchange.exported_for_pos.file ? exchange.exported_for_pos : header_pos;
    auto read_tag = [&](const std::string& text, SourcePos pos,
                        const std::string& what) -> std::optional<std::string> {
        std::string tag = canonical_tag(std::string(trim(text)));
        if (tag.empty() && !trim(text).empty()) {
            diagnostics.error(pos, "'" + text + "' (" + what + ") is not a language tag");
            return std::nullopt;
        }
        return tag;
    };
    auto header = read_tag(exchange.language, header_pos, "the file's language");
    auto exported =
        read_tag(exchange.exported_for, exported_pos, "the catalog it was exported for");
    if (!header || !exported)
        return std::nullopt;
    // A file exported for one catalog, whose header a translator (or a tool) changed since:
    // its untouched entries still hold the other language.
    if (!header->empty() && !exported->empty() && !within(*header, *exported)) {
        diagnostics.error(header_pos, "the file says its translations are in '" + *header +
                                          "', but it was exported for '" + *exported + "' (line " +
                                          std::to_string(exchange.exported_for_pos.line) +
                                          "), so its entries hold " + english_name(*exported) +
                                          "; translate into " + english_name(*header) +
                                          " a file exported for it (mipex i18n export --lang " +
                                          *header + ")");
        return std::nullopt;
    }
    std::string language;
    if (options.language) {
        language = canonical_tag(*options.language);
        if (language.empty()) {
            diagnostics.error(SourcePos{},
                              "--lang " + *options.language + ": not a language tag (de, pt-BR)");
            return std::nullopt;
        }
        // --lang confirms what the file says; it does not turn one language into another. A
        // file in a variant of the language ("de-DE") may go into the language's catalog.
        for (const auto& [said, pos, what] :
             {std::tuple{*header, header_pos, std::string("the language it names")},
              std::tuple{*exported, exported_pos,
                         std::string("the catalog it was exported for")}}) {
            if (!said.empty() && !within(said, language)) {
                diagnostics.error(pos, "the file says its translations are in '" + said + "' (" +
                                           what + "), not in '" + language + "' (--lang " +
                                           *options.language +
                                           "); import it without --lang, or correct the file");
                return std::nullopt;
            }
        }
    } else {
        language = !exported->empty() ? *exported : *header;
    }
    if (language.empty()) {
        diagnostics.error(start, "the file does not say its language (the PO header "
                                 "'Language:', the XLIFF target-language); give --lang");
        return std::nullopt;
    }
    if (language == canonical_tag(model.book.language)) {
        diagnostics.error(header_pos, "'" + language +
                                          "' is the book's source language: its texts are the "
                                          "source files', and take no translations");
        return std::nullopt;
    }
    if (model::is_pseudo_locale(language)) {
        diagnostics.error(header_pos, "'" + language +
                                          "' is a pseudo-locale the engine makes from the "
                                          "source text; it takes no translations");
        return std::nullopt;
    }
    // The catalog's folder, however its tag is written ("pt-br" holds pt-BR).
    for (const auto& [name, catalog] : model.catalogs)
        if (canonical_tag(name) == language)
            return name;
    if (options.create) {
        if (std::string problem = unknown_language(language); !problem.empty()) {
            diagnostics.error(header_pos, "--create: no catalog can be made for '" + language +
                                              "': " + problem +
                                              " (catalogs are named as de, pt-BR, sr-Latn)");
            return std::nullopt;
        }
        created = true;
        return language;
    }
    std::string message = "there is no catalog for '" + language + "' (" + english_name(language) +
                          ") in content/i18n/" + language + "/; give --create to start one";
    for (const auto& [name, catalog] : model.catalogs)
        if (within(language, canonical_tag(name)) || within(canonical_tag(name), language))
            message += ", or --lang " + name + " to import into content/i18n/" + name + "/";
    diagnostics.error(header_pos, message);
    return std::nullopt;
}

/// Reports a file whose translations are, word for word, another language's catalog rather
/// than its own: a French file whose header says German, say, would replace every German
/// translation. A file counts as the other language's when more than half of its translations
/// (and at least three) are that catalog's and not already the target's; languages of one
/// family ("de-AT" and "de") may share their texts.
bool holds_other_language(CheckedProject& checked, const i18n::ExchangeFile& exchange, FileId file,
                          const std::string& language,
                          const std::map<std::string, const model::Text*>& texts) {
    const model::Model& model = checked.model;
    const model::Catalog* own = nullptr;
    if (auto found = model.catalogs.find(language); found != model.catalogs.end())
        own = &found->second;
    std::map<std::string, std::string> translations; // the first of each known key
    for (const i18n::ExchangeEntry& entry : exchange.entries) {
        std::string text(trim(entry.translation));
        if (!text.empty() && texts.count(entry.key))
            translations.emplace(entry.key, text);
    }
    for (const auto& [other_language, other] : model.catalogs) {
        if (primary(canonical_tag(other_language)) == primary(canonical_tag(language)))
            continue;
        size_t same = 0;
        for (const auto& [key, text] : translations) {
            auto theirs = other.entries.find(key);
            if (theirs == other.entries.end() || theirs->second.text != text)
                continue;
            if (own)
                if (auto ours = own->entries.find(key);
                    ours != own->entries.end() && ours->second.text == text)
                    continue;
            ++same;
        }
        if (same >= 3 && same * 2 > translations.size()) {
            checked.diagnostics.error(
                exchange.language_pos.file ? exchange.language_pos : SourcePos{file, 0, 0},
                std::to_string(same) + " of the file's " + std::to_string(translations.size()) +
                    " translations are word for word those of content/i18n/" + other_language +
                    "/ (" + english_name(other_language) + "), not of " + language + " (" +
                    english_name(language) + "): the file holds " + english_name(other_language) +
                    "; correct its language (--lang " + other_language +
                    " if it is that), or it would replace the " + english_name(language) +
                    " translations");
            return true;
        }
    }
    return false;
}

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

/// Checks the catalogs of `folder` as the import would leave them (`edited`: logical name →
/// text), as a build checks them: read as YAML and as catalogs, interface strings as ICU
/// messages of the language, and the edition's document built, so that prose markup and
/// references are checked too. A problem in a translation the import writes is reported at
/// its entry in the imported file (`imported`: key → entry). False when there is an error.
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

/// The edits an import makes to the catalog files of its language, one translation at a time.
class CatalogEdits {
public:
    CatalogEdits(const CheckedProject& checked, const std::string& language)
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
        if (auto found = checked.model.catalogs.find(language);
            found != checked.model.catalogs.end())
            m_catalog = &found->second;
    }

    /// Imports the translation of `entry`, whose source text is `english_now`: counted in
    /// `result`, and listed among its changes when it changes the catalog. False when there is
    /// nothing to write (no translation, or the catalog's own).
    bool import(const i18n::ExchangeEntry& entry, const std::string& english_now,
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
        const i18n::CatalogEntry wanted =
            catalog_entry(entry, english_now, fingerprint_now, current);
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

    /// The catalog files as they would be written (logical name → text): those the import
    /// changes, a new one starting with a header saying what it holds.
    std::map<std::string, std::string> edited() const {
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

    /// The text of a catalog file before the import; nothing for a file it starts.
    std::optional<std::string> text_before(const std::string& name) const {
        auto found = m_file_texts.find(name);
        return found == m_file_texts.end() ? std::nullopt
                                           : std::optional<std::string>(found->second);
    }

private:
    /// The editor of a catalog file, made at its first edit.
    i18n::CatalogEditor& editor(const std::string& name) {
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

    std::string m_language;
    std::string m_prefix; ///< "content/i18n/<lang>/"
    const model::Catalog* m_catalog = nullptr;
    /// key → (the catalog file holding it, its entry there)
    std::map<std::string, std::pair<std::string, const load::Value::Entry*>> m_existing;
    std::map<std::string, std::string> m_file_texts; // logical name → current text
    std::map<std::string, i18n::CatalogEditor> m_editors;
};

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
