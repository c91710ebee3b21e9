// What the translators' commands share: a file's path and a position as people know them
// (translators.h), a language's English name (translators_common.h).
#include "pipeline/translators_common.h"

#include <unicode/locid.h>

namespace mipex::pipeline {

namespace fs = std::filesystem;

std::string project_path(const CheckedProject& checked, FileId file) {
    if (file == 0)
        return {};
    fs::path path = checked.files.path(file);
    for (const fs::path& root : {checked.project, engine_root()}) {
        fs::path relative = path.lexically_relative(root);
        if (!relative.empty() && *relative.begin() != "..")
            return relative.generic_string();
    }
    return path.generic_string();
}

std::string shown_position(const CheckedProject& checked, SourcePos pos) {
    // The files' paths are as the diagnostics show them: below the project folder as it was
    // given (relative to the working folder, or absolute), the engine's own files absolute.
    std::string path = checked.files.path(pos.file);
    std::error_code error;
    fs::path working = fs::current_path(error);
    if (!error) {
        fs::path relative =
            fs::absolute(path, error).lexically_normal().lexically_relative(working);
        if (!error && !relative.empty() && *relative.begin() != "..")
            path = relative.generic_string();
    }
    if (pos.line > 0) {
        path += ":" + std::to_string(pos.line);
        if (pos.column > 0)
            path += ":" + std::to_string(pos.column);
    }
    return path;
}

std::string english_name(const std::string& tag) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString name;
    icu::Locale::forLanguageTag(tag, status).getDisplayName(icu::Locale::getEnglish(), name);
    std::string out;
    name.toUTF8String(out);
    return out;
}

} // namespace mipex::pipeline
