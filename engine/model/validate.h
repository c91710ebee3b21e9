// validate: turns the loaded Value trees of a project into the typed Model, reporting every
// problem (missing or unknown keys, wrong types, unknown ids, values out of range, gaps in the
// data) with its position. Turns Value trees into a Model.
#pragma once

#include "base/diagnostics.h"
#include "base/limits.h"
#include "load/project.h"
#include "model/model.h"

namespace mipex::model {

/// Builds the model. Returns a model even when errors were found (as far as it could be
/// read); callers stop when `diagnostics.has_errors()`. The counts of countries, indicators,
/// editions and cells are checked against `limits`; past one, the data is not read (its
/// table could not be allocated) and the model is incomplete.
Model validate(const load::LoadedProject& project, SourceFiles& files, Diagnostics& diagnostics,
               const Limits& limits = {});

// The parts of validate(), exposed for tests. Each reads one kind of file.
void validate_theme(const load::Value& root, Theme& theme, Diagnostics& diagnostics);
void validate_structure(const load::Value& root, Structure& structure, Diagnostics& diagnostics);
void validate_strings(const load::Value& root, bool overrides, std::map<std::string, Text>& strings,
                      Diagnostics& diagnostics);
void validate_framework(const load::Value& root, Framework& framework, Diagnostics& diagnostics,
                        const Limits& limits = {});

} // namespace mipex::model
