// Test support: load and validate a project folder, and print its diagnostics as
// "path:line:col: severity: message" with paths relative to the project. Header-only; needs
// mipex_model (and mipex_load through it).
#pragma once

#include "load/project.h"
#include "model/validate.h"
#include "support/temp_dir.h"

#include <memory>
#include <string>
#include <vector>

namespace mipex::testing {

/// The tiny valid project every model and score test starts from.
inline fs::path tiny_project() {
    return fs::path(MIPEX_TESTS_DIR) / "projects" / "tiny";
}

/// A project loaded and validated. Heap-allocated: the model refers to nothing here, but
/// SourceFiles and Diagnostics are large and tests pass this around.
struct ValidatedProject {
    SourceFiles files;
    Diagnostics diagnostics;
    load::LoadedProject project;
    model::Model model;
    std::string root; ///< the project folder with a trailing '/', stripped from paths

    /// "path:line:col: severity: message", sorted by position, paths relative to the project
    /// (engine files keep their full path). Unknown lines and columns print as 0.
    std::vector<std::string> lines() const {
        std::vector<std::string> out;
        for (const Diagnostic& diagnostic : diagnostics.sorted())
            out.push_back(line(diagnostic));
        return out;
    }

    std::string line(const Diagnostic& diagnostic) const {
        std::string path = diagnostic.pos.known() ? files.path(diagnostic.pos.file) : "";
        if (path.starts_with(root))
            path = path.substr(root.size());
        static const char* const severities[] = {"error", "warning", "note"};
        // As the diagnostics print: a whole file or folder without a line.
        if (diagnostic.pos.line > 0)
            path += ":" + std::to_string(diagnostic.pos.line) + ":" +
                    std::to_string(diagnostic.pos.column);
        return path + ": " + severities[static_cast<int>(diagnostic.severity)] + ": " +
               diagnostic.message;
    }

    /// All diagnostics in the human format, for failure messages.
    std::string report() const { return format_all(diagnostics, files, DiagnosticFormat::Human); }
};

/// Loads and validates the project in `folder`, with the engine's layouts as defaults.
inline std::unique_ptr<ValidatedProject> validate_project(const fs::path& folder) {
    auto checked = std::make_unique<ValidatedProject>();
    checked->root = folder.generic_string() + "/";
    checked->project = load::load_project(load::ProjectPaths{folder, MIPEX_SOURCE_DIR},
                                          checked->files, checked->diagnostics);
    checked->model = model::validate(checked->project, checked->files, checked->diagnostics);
    return checked;
}

/// A copy of the tiny project in a temporary folder, to edit before checking.
class TinyCopy {
public:
    TinyCopy() { copy_tree(tiny_project(), m_dir.path()); }

    const fs::path& path() const { return m_dir.path(); }
    /// Replaces the one occurrence of `from` in a project file.
    TinyCopy& edit(const std::string& file, std::string_view from, std::string_view to) {
        edit_file(m_dir / file, from, to);
        return *this;
    }
    TinyCopy& append(const std::string& file, std::string_view text) {
        write_text(m_dir / file, read_text(m_dir / file) + std::string(text));
        return *this;
    }
    TinyCopy& write(const std::string& file, std::string_view text) {
        write_text(m_dir / file, text);
        return *this;
    }
    TinyCopy& remove(const std::string& file) {
        fs::remove(m_dir / file);
        return *this;
    }
    std::unique_ptr<ValidatedProject> check() const { return validate_project(m_dir.path()); }

private:
    TempDir m_dir;
};

} // namespace mipex::testing
