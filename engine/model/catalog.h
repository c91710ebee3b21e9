// Translation catalogs: every YAML file under content/i18n/<lang>/ maps the stable keys of the
// source texts ("ui.contents", "area.lmm.name") to their translation, each recording the
// fingerprint of the English it was made from, so that a translation whose English changed
// since is found (stale). The README's "content/i18n/<lang>/" section documents the format.
#pragma once

#include "base/diagnostics.h"
#include "load/project.h"
#include "model/model.h"

#include <string>
#include <string_view>
#include <vector>

namespace mipex::model {

/// The fingerprint of a source text: 8 hexadecimal digits (FNV-1a, 32 bits) of the text with
/// its layout normalised, so that re-wrapping a paragraph in its YAML file (or trailing
/// spaces) does not make its translations stale, while any change of a word does.
std::string fingerprint(std::string_view text);

/// Whether `text` is written as a fingerprint (8 lower-case hexadecimal digits).
bool is_fingerprint(std::string_view text);

/// Every translatable text of the model, in the order translators meet them: the book's
/// texts, the interface strings, groups, bands, the overall scores, the framework (each area
/// with its dimensions and indicators), the area chapters, then the countries.
std::vector<const Text*> translatable_texts(const Model& model);

/// The catalog file (relative to content/i18n/<lang>/) a new translation of `key` goes to
/// when a tool adds it: strings.yaml, book.yaml, framework.yaml, areas.yaml, countries.yaml
/// or theme.yaml, after the source file the key comes from.
std::string catalog_file_for(std::string_view key);

/// The pseudo-locales the engine generates from the source text (no catalog may use them):
/// "qps" (accented and longer) and "ar-XB" (right to left).
bool is_pseudo_locale(std::string_view language);

/// Reads the catalogs (content/i18n/<lang>/*.yaml) into `model.catalogs`. Run after the
/// source files are validated: a key is checked against the model's texts.
void validate_catalogs(const load::LoadedProject& project, Model& model, Diagnostics& diagnostics);

} // namespace mipex::model
