// The fuzz target: load + validate + score over a project held in memory. The input is laid
// over the tiny test project as a set of files, each introduced by a line
//
//     --- content/countries/se.yaml
//
// (a name under content/ or layouts/ ending in .yaml, .yml or .csv); text before the first
// such line is content/data/scores.csv. Files the input does not name keep the tiny
// project's text; the engine's layouts fill in the rest, as load_project does. The
// diagnostics are then formatted both ways, and a clean model is scored, dumped and exported
// as CSV, so that every stage up to the score table sees what the fuzzer makes.
//
// Built with libFuzzer (clang, MIPEX_FUZZ=ON, `make fuzz`), and with any compiler as
// fuzz_replay, which runs every file of tests/fuzz/corpus/ through this function as an
// ordinary test (fuzz_replay.cpp). The corpus holds seed-* files (the tiny project's files
// and the bad-input cases), regression-* files (inputs of bugs found by other means, each
// named for its bug) and crash-* files (a crash the fuzzer found, named for it, kept with
// its fix; none so far).
#include "base/diagnostics.h"
#include "base/files.h"
#include "load/project.h"
#include "model/validate.h"
#include "score/compute.h"
#include "score/export.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace fs = std::filesystem;

namespace {

/// The files the input starts from: the engine's layouts and the tiny project, by logical
/// name, read once.
const std::map<std::string, std::string>& base_files() {
    static const std::map<std::string, std::string> files = [] {
        std::map<std::string, std::string> result;
        auto add = [&](const fs::path& root, const char* folder) {
            for (const auto& entry : fs::recursive_directory_iterator(root / folder)) {
                std::string extension = entry.path().extension().string();
                if (entry.is_regular_file() &&
                    (extension == ".yaml" || extension == ".yml" || extension == ".csv"))
                    result[entry.path().lexically_relative(root).generic_string()] =
                        mipex::read_file(entry.path()).value_or("");
            }
        };
        add(MIPEX_SOURCE_DIR, "layouts");
        fs::path tiny = fs::path(MIPEX_TESTS_DIR) / "projects" / "tiny";
        add(tiny, "content");
        return result;
    }();
    return files;
}

bool valid_name(std::string_view name) {
    if (!(name.starts_with("content/") || name.starts_with("layouts/")) || name.size() > 200 ||
        name.find("..") != std::string_view::npos || name.find("//") != std::string_view::npos)
        return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
              c == '.' || c == '/'))
            return false;
    return name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".csv");
}

/// Splits the input into files at lines "--- <name>".
std::map<std::string, std::string> split(std::string_view input) {
    std::map<std::string, std::string> files = base_files();
    std::string name = "content/data/scores.csv";
    std::string text;
    bool named = false; // text before the first marker replaces the scores only if non-empty
    auto flush = [&] {
        if (named || !text.empty())
            files[name] = text;
        text.clear();
    };
    size_t start = 0;
    while (start <= input.size()) {
        size_t end = input.find('\n', start);
        std::string_view line = input.substr(
            start, end == std::string_view::npos ? std::string_view::npos : end - start + 1);
        std::string_view bare = line;
        while (!bare.empty() && (bare.back() == '\n' || bare.back() == '\r'))
            bare.remove_suffix(1);
        if (bare.starts_with("--- ") && valid_name(bare.substr(4))) {
            flush();
            name = std::string(bare.substr(4));
            named = true;
        } else if (bare == "--- delete") {
            files.erase(name); // the file named last is removed from the project
            text.clear();
            named = false;
        } else {
            text += line;
        }
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }
    flush();
    return files;
}

} // namespace

namespace {

mipex::Limits fuzz_limits() {
    // Lower limits than the command line's: the fuzzer must find crashes, not spend its time
    // building trees of a million values.
    mipex::Limits limits;
    limits.file_bytes = 1 << 20;
    limits.values = 200000;
    limits.text_bytes = 100000;
    limits.cells = 200000;
    limits.errors = 200;
    return limits;
}

/// The base files parsed once: a file the input leaves alone is copied from here instead of
/// parsed again, which makes each run several times faster.
struct Parsed {
    mipex::SourceFiles files;
    mipex::Diagnostics diagnostics;
    std::map<std::string, mipex::load::LoadedFile> loaded;
};

const Parsed& parsed_base() {
    static const Parsed parsed = [] {
        Parsed result;
        for (const auto& [name, text] : base_files()) {
            mipex::load::LoadedFile file;
            file.name = name;
            if (mipex::load::load_text(text, "/project/" + name, name.ends_with(".csv"),
                                       result.files, result.diagnostics, file, fuzz_limits()))
                result.loaded.emplace(name, std::move(file));
        }
        return result;
    }();
    return parsed;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    const mipex::Limits limits = fuzz_limits();
    const Parsed& base = parsed_base();

    mipex::SourceFiles files = base.files;
    mipex::Diagnostics diagnostics;
    diagnostics.set_error_limit(limits.errors);
    mipex::load::LoadedProject project;
    uint64_t values = 0;
    const std::map<std::string, std::string>& originals = base_files();
    for (auto& [name, text] : split(input)) { // in name order, as load_project reads them
        auto original = originals.find(name);
        auto cached = base.loaded.find(name);
        if (original != originals.end() && original->second == text &&
            cached != base.loaded.end()) {
            project.files.push_back(cached->second);
            continue;
        }
        mipex::load::LoadedFile file;
        file.name = name;
        if (mipex::load::load_text(text, "/project/" + name, name.ends_with(".csv"), files,
                                   diagnostics, file, limits, &values))
            project.files.push_back(std::move(file));
        else
            project.unreadable.push_back(name);
    }
    mipex::model::Model model = mipex::model::validate(project, files, diagnostics, limits);
    if (!diagnostics.has_errors()) {
        mipex::score::ScoreTable scores = mipex::score::compute_scores(model, diagnostics);
        if (!diagnostics.has_errors()) {
            mipex::score::ExportOptions options;
            for (size_t c = 0; c < model.countries.size(); ++c)
                options.country_order.push_back(c);
            // (The JSON export is left out: it took a third of every run and reads the same
            // table as the CSV one.)
            (void)mipex::score::export_csv(model, scores, options);
            (void)mipex::score::dump(scores, model);
        }
        (void)mipex::model::dump(model);
    }
    (void)mipex::format_all(diagnostics, files, mipex::DiagnosticFormat::Human);
    (void)mipex::format_all(diagnostics, files, mipex::DiagnosticFormat::Json);
    return 0;
}
