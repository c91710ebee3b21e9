// The pipeline: runs the stages in order (load → validate → score → build → layout →
// render), stopping after validation when the input has errors. The CLI and the tests call
// these; no stage calls another.
#pragma once

#include "base/diagnostics.h"
#include "base/limits.h"
#include "display/display_list.h"
#include "doc/document.h"
#include "model/model.h"
#include "score/score_table.h"

#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace mipex::pipeline {

/// Where the engine's own files are: its layouts/ and fonts/. MIPEX_HOME overrides the
/// folder the binary was built from.
std::filesystem::path engine_root();

/// A project read, validated and scored: everything before the language-specific stages.
struct Checked {
    SourceFiles files;
    Diagnostics diagnostics;
    model::Model model;
    score::ScoreTable scores;
    Limits limits;
};

/// Loads, validates and (when the input is clean) scores a project. Also checks the fonts
/// the theme names: every font file (the engine's and the project's own fonts/) must be
/// readable and inside its folder, and every family a style names must be among them.
std::unique_ptr<Checked> check_project(const std::filesystem::path& project,
                                       const Limits& limits = {});

struct BuildOptions {
    std::filesystem::path project = ".";
    std::filesystem::path out;       ///< default: <project>/out
    std::optional<std::time_t> date; ///< default: SOURCE_DATE_EPOCH, else now
    bool write_dump = false;         ///< also write the display list as text
    bool greedy_lines = false;       ///< first-fit line breaking instead of optimal
    bool report = false;             ///< print what layout measured (paragraph statistics)
};

struct BuildResult {
    std::filesystem::path pdf;
    size_t pages = 0;
    uintmax_t bytes = 0;
};

/// Builds the book in the project's source language. Diagnostics go to `checked`; returns
/// nothing when the build stopped.
std::optional<BuildResult> build_book(Checked& checked, const BuildOptions& options);

/// The stages after checking, for tests: the document and its layout.
doc::Document build_document(Checked& checked, const std::string& language);
display::Document lay_out(Checked& checked, const doc::Document& document,
                          const std::filesystem::path& project, bool greedy_lines = false,
                          std::string* report = nullptr);

enum class ScoreFormat { Csv, Json };

/// The computed scores as text, countries in the order of the book's language; `year`
/// limits the export to one edition (an error when it is not one).
std::optional<std::string> export_scores(Checked& checked, std::optional<int> year,
                                         ScoreFormat format);

/// SOURCE_DATE_EPOCH from the environment, if set and valid.
std::optional<std::time_t> source_date_epoch();

} // namespace mipex::pipeline
