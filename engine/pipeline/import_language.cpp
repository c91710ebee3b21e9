// Which language a file to import holds, and so which catalog it goes to: the file's header,
// the catalog it was exported for and --lang must agree, the catalog must exist (or may be
// started), and the translations must not be word for word another language's.
#include "pipeline/translators_common.h"

#include "base/text.h"
#include "model/catalog.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <unicode/locid.h>

namespace mipex::pipeline {

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

} // namespace

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

} // namespace mipex::pipeline
