// mipex i18n status: how far each language's edition is translated; and the one line a build
// prints for what an edition printed untranslated.
#include "pipeline/translators.h"

#include "base/limits.h"
#include "base/text.h"
#include "doc/build.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace mipex::pipeline {

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

} // namespace mipex::pipeline
