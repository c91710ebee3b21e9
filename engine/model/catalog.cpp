// validate_catalogs: the translation catalogs under content/i18n/<lang>/.
#include "model/catalog.h"

#include "base/text.h"
#include "model/language_tag.h"
#include "model/reader.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

namespace mipex::model {

namespace {

/// The text as the book reads it: spaces and tabs collapsed, a single line break read as a
/// space (unless a list item follows, which is a line of its own), blank lines as paragraph
/// breaks.
std::string normalise(std::string_view text) {
    std::string out;
    bool pending_break = false, pending_paragraph = false;
    for (std::string_view line : split_lines(text)) {
        line = trim(line);
        if (line.empty()) {
            pending_paragraph = !out.empty();
            continue;
        }
        if (pending_paragraph)
            out += "\n\n";
        else if (pending_break)
            out += list_marker(line).length > 0 ? "\n" : " ";
        bool space = false;
        for (char c : line) {
            if (c == ' ' || c == '\t') {
                space = true;
                continue;
            }
            if (space)
                out += ' ';
            space = false;
            out += c;
        }
        pending_break = true;
        pending_paragraph = false;
    }
    return out;
}

bool valid_language_tag(std::string_view tag) {
    // BCP 47 in the shape catalogs need: a language of 2–3 letters, then subtags of 2–8
    // letters or digits ("de", "pt-BR", "sr-Latn"), well-formed as an edition takes them
    // (not "de-1a", which an edition could not be built in).
    size_t dash = tag.find('-');
    std::string_view language = tag.substr(0, dash);
    if (language.size() < 2 || language.size() > 3 ||
        !std::all_of(language.begin(), language.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
        return false;
    while (dash != std::string_view::npos) {
        size_t next = tag.find('-', dash + 1);
        std::string_view subtag = tag.substr(
            dash + 1, next == std::string_view::npos ? std::string_view::npos : next - dash - 1);
        if (subtag.size() < 2 || subtag.size() > 8 ||
            !std::all_of(subtag.begin(), subtag.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            }))
            return false;
        dash = next;
    }
    return canonical_language_tag(tag).has_value();
}

void read_entry(const Value::Entry& entry, Translation& translation, Diagnostics& diagnostics) {
    translation.key_pos = entry.key_pos;
    if (entry.value.is_scalar()) {
        diagnostics.error(entry.value.pos(),
                          "a translation is a mapping: write 'text:' and 'from:' (the "
                          "fingerprint of the English) under the key, one per line");
        return;
    }
    MapReader reader(entry.value, "a translation", diagnostics);
    if (auto text = read_text(reader.required("text"), "a translation's text", diagnostics)) {
        translation.text = std::string(trim(*text));
        translation.pos = entry.value.find("text")->pos();
    }
    if (const Value* from = reader.optional("from")) {
        if (auto text = read_text(from, "from", diagnostics)) {
            if (is_fingerprint(*text))
                translation.from = *text;
            else
                diagnostics.error(from->pos(), "from is the fingerprint of the English text the "
                                               "translation was made from, 8 hexadecimal "
                                               "digits, not '" +
                                                   *text + "'");
        }
    }
    if (auto note = read_text(reader.optional("note"), "a translation's note", diagnostics))
        translation.note = std::string(trim(*note));
    if (auto source = read_text(reader.optional("source"), "source", diagnostics))
        translation.source = std::string(trim(*source));
    reader.reject_unknown_keys();
}

/// A known key close to a mistyped one: the same kind of text with a close id
/// ("ui.contnets" → "ui.contents"), or a close kind with the same id ("indicatr.lmm_1.name").
std::optional<std::string> suggest_key(const std::string& key, const std::set<std::string>& known) {
    size_t dot = key.find('.');
    std::string kind = key.substr(0, dot),
                rest = dot == std::string::npos ? "" : key.substr(dot + 1);
    std::vector<std::string> rests, kinds;
    for (const std::string& candidate : known) {
        size_t at = candidate.find('.');
        std::string candidate_kind = candidate.substr(0, at);
        if (candidate_kind == kind)
            rests.push_back(candidate.substr(at + 1));
        if (kinds.empty() || kinds.back() != candidate_kind)
            kinds.push_back(candidate_kind);
    }
    if (!rests.empty()) {
        if (auto hint = nearest(rest, rests))
            return kind + "." + *hint;
        return std::nullopt;
    }
    if (auto hint = nearest(kind, kinds); hint && known.count(*hint + "." + rest))
        return *hint + "." + rest;
    return std::nullopt;
}

} // namespace

std::string fingerprint(std::string_view text) {
    uint32_t hash = 2166136261u; // FNV-1a, 32 bits
    for (unsigned char c : normalise(text)) {
        hash ^= c;
        hash *= 16777619u;
    }
    char buffer[9];
    std::snprintf(buffer, sizeof buffer, "%08x", hash);
    return buffer;
}

bool is_fingerprint(std::string_view text) {
    return text.size() == 8 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

bool is_pseudo_locale(std::string_view language) {
    return language == "qps" || language == "ar-XB";
}

std::vector<const Text*> translatable_texts(const Model& model) {
    std::vector<const Text*> texts;
    auto add = [&](const Text& text) {
        if (!text.key.empty() && !text.source.empty())
            texts.push_back(&text);
    };
    auto add_optional = [&](const std::optional<Text>& text) {
        if (text)
            add(*text);
    };
    const BookInfo& book = model.book;
    add(book.title);
    add_optional(book.subtitle);
    add(book.author);
    add_optional(book.subject);
    add_optional(book.notice);
    add_optional(book.how_to_read);
    add_optional(book.colophon);
    std::vector<const Text*> strings;
    for (const auto& [key, text] : model.strings)
        strings.push_back(&text);
    // In the order of their file (engine strings first, then a project's overrides).
    std::stable_sort(strings.begin(), strings.end(), [](const Text* a, const Text* b) {
        return std::tie(a->pos.file, a->pos.line, a->pos.column) <
               std::tie(b->pos.file, b->pos.line, b->pos.column);
    });
    for (const Text* text : strings)
        add(*text);
    for (const Group& group : model.groups)
        add(group.name);
    for (const Band& band : model.theme.bands)
        add(band.label);
    for (const OverallVariant& overall : model.framework.overalls) {
        add(overall.name);
        add_optional(overall.note);
    }
    for (const Area& area : model.framework.areas) {
        add(area.name);
        for (const Dimension& dimension : area.dimensions)
            add(dimension.name);
        for (const Dimension& dimension : area.dimensions)
            for (size_t i : dimension.indicators) {
                const Indicator& indicator = model.framework.indicators[i];
                add(indicator.name);
                add(indicator.question);
                add_optional(indicator.note);
                for (const Option& option : indicator.options)
                    add(option.label);
            }
    }
    for (const AreaText& area : model.area_texts) {
        add_optional(area.summary);
        add_optional(area.text);
    }
    for (const Country& country : model.countries) {
        add(country.name);
        add_optional(country.profile);
    }
    return texts;
}

std::string catalog_file_for(std::string_view key) {
    if (key.starts_with("ui."))
        return "strings.yaml";
    if (key.starts_with("book.") || key.starts_with("group."))
        return "book.yaml";
    if (key.starts_with("band."))
        return "theme.yaml";
    if (key.starts_with("country."))
        return "countries.yaml";
    if (key.starts_with("area.") && (key.ends_with(".summary") || key.ends_with(".text")))
        return "areas.yaml";
    return "framework.yaml";
}

void validate_catalogs(const load::LoadedProject& project, Model& model, Diagnostics& diagnostics) {
    auto files = project.under("content/i18n");
    if (files.empty())
        return;
    // Keys are checked against the model only when the source files were read without errors:
    // otherwise a broken framework would make every indicator's translation "unknown".
    const bool check_keys = !diagnostics.has_errors();
    std::set<std::string> known;
    for (const Text* text : translatable_texts(model))
        known.insert(text->key);
    // Every country's name has a key, even when its file gives no profile.
    for (const Country& country : model.countries)
        known.insert(country.name.key);

    const std::string prefix = "content/i18n/";
    std::set<std::string> refused; // language folders already reported
    std::map<FileId, std::string> names;
    for (const load::LoadedFile* file : files)
        names[file->file] = file->name;
    for (const load::LoadedFile* file : files) {
        std::string rest = file->name.substr(prefix.size());
        size_t slash = rest.find('/');
        if (slash == std::string::npos) {
            diagnostics.error(SourcePos::whole(file->file),
                              "a catalog belongs in the folder of its language: "
                              "content/i18n/<lang>/" +
                                  rest + " (for example content/i18n/de/" + rest + ")");
            continue;
        }
        std::string language = rest.substr(0, slash);
        if (refused.count(language))
            continue;
        std::string problem;
        if (!valid_language_tag(language))
            problem = "'" + language +
                      "' is not a language tag; name the folder after the language (de, fr, "
                      "pt-BR)";
        else if (language == model.book.language)
            problem = "'" + language +
                      "' is the book's source language: change its texts in the source files "
                      "(or in content/strings.yaml), not in a catalog";
        else if (is_pseudo_locale(language))
            problem = "'" + language +
                      "' is a pseudo-locale the engine generates from the source text; it "
                      "takes no catalog";
        if (!problem.empty()) {
            refused.insert(language);
            diagnostics.error(SourcePos::whole(file->file), problem);
            continue;
        }
        Catalog& catalog = model.catalogs[language];
        catalog.language = language;
        catalog.files.push_back(file->name);

        MapReader reader(file->root(), "a catalog", diagnostics);
        if (!reader.ok())
            continue;
        for (const Value::Entry& entry : file->root().entries()) {
            if (check_keys && !known.count(entry.key)) {
                std::string message = "no source text has the key '" + entry.key + "'";
                if (auto hint = suggest_key(entry.key, known))
                    message += "; did you mean '" + *hint + "'?";
                else
                    message += " (keys look like ui.contents, area.lmm.name, "
                               "indicator.lmm_1.question; mipex i18n export lists them all)";
                diagnostics.error(entry.key_pos, message);
                continue;
            }
            Translation translation;
            read_entry(entry, translation, diagnostics);
            if (translation.text.empty())
                continue;
            auto [found, inserted] = catalog.entries.emplace(entry.key, translation);
            if (!inserted) {
                // The YAML reader reports a key given twice in one file; this is a key given
                // in two files of one language.
                if (found->second.key_pos.file != entry.key_pos.file)
                    diagnostics.error(entry.key_pos,
                                      "'" + entry.key + "' is translated twice; the first is in " +
                                          names[found->second.key_pos.file] + ":" +
                                          std::to_string(found->second.key_pos.line));
            }
        }
    }
}

} // namespace mipex::model
