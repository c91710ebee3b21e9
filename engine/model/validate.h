// validate: turns the loaded Value trees of a project into the typed Model, reporting every
// problem (missing or unknown keys, wrong types, unknown ids, values out of range, gaps in the
// data) with its position. Turns Value trees into a Model.
#pragma once

#include "base/diagnostics.h"
#include "base/limits.h"
#include "load/project.h"
#include "model/model.h"

#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace mipex::model {

/// The score tables of one build kept for the next of a session (`mipex watch`). The
/// answers a table gives depend only on its tree, the framework, the editions and the
/// countries' codes; while the data files' trees are those the parse cache handed out last
/// time (so their texts are unchanged) and the rest is the same, the answers read last time
/// are reused. Only tables read without a problem, while every country file and every year
/// of the book could be read, are kept: a table with problems is read, and reported, every
/// time, and so is one whose rows were left unreported because the book's years were in doubt.
class ScoresCache {
public:
    struct Key {
        std::vector<std::shared_ptr<const load::Value>> tables; ///< content/data/, by name
        std::shared_ptr<const load::Value> framework;
        std::vector<int> years;
        std::vector<std::string> countries; ///< the codes, in the model's order

        bool operator==(const Key&) const = default;
    };
    struct Read {
        Observations observations;
        /// The first row of each (country, year) with an answer, for the completeness check.
        std::map<std::pair<size_t, size_t>, SourcePos> first_rows;
    };

    /// What the tables gave last time under this key, or null.
    const Read* find(const Key& key) const;
    void keep(Key key, Read read);

private:
    std::optional<std::pair<Key, Read>> m_kept;
};

/// Builds the model. Returns a model even when errors were found (as far as it could be
/// read); callers stop when `diagnostics.has_errors()`. The counts of countries, indicators,
/// editions and cells are checked against `limits`; past one, the data is not read (its
/// table could not be allocated) and the model is incomplete.
Model validate(const load::LoadedProject& project, SourceFiles& files, Diagnostics& diagnostics,
               const Limits& limits = {}, ScoresCache* scores = nullptr);

// The parts of validate(), exposed for tests. Each reads one kind of file.
void validate_theme(const load::Value& root, Theme& theme, Diagnostics& diagnostics);
void validate_structure(const load::Value& root, Structure& structure, Diagnostics& diagnostics);
/// Every part's title names an interface string (`title: contents` prints ui.contents).
void check_part_titles(const Structure& structure, const std::map<std::string, Text>& strings,
                       Diagnostics& diagnostics);
void validate_strings(const load::Value& root, bool overrides, std::map<std::string, Text>& strings,
                      Diagnostics& diagnostics);
void validate_framework(const load::Value& root, Framework& framework, Diagnostics& diagnostics,
                        const Limits& limits = {});

} // namespace mipex::model
