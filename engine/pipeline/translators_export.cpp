// mipex i18n export: every translatable text with its translation into one language, and a
// note for the translator on each, as a PO or XLIFF file.
#include "pipeline/translators.h"

#include "i18n/check.h"
#include "i18n/exchange.h"
#include "model/catalog.h"

#include <map>
#include <unicode/locid.h>

namespace mipex::pipeline {

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

} // namespace mipex::pipeline
