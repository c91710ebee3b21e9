// Test support: runs the real binary as a user would, capturing its exit code, standard
// output and standard error. Header-only; tests that include it define MIPEX_BINARY.
#pragma once

#include "support/temp_dir.h"

#include <array>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <sys/wait.h>

namespace mipex::testing {

struct Run {
    int status = -1; ///< the exit code; -1 when the process did not exit (a crash)
    std::string output;
    std::string errors;
};

/// Runs a shell command, capturing its standard output and standard error apart.
inline Run run_command(const std::string& command) {
    TempDir folder;
    fs::path errors = folder / "stderr";
    FILE* pipe = popen((command + " 2>" + errors.string()).c_str(), "r");
    if (!pipe)
        throw std::runtime_error("cannot run " + command);
    Run run;
    std::array<char, 4096> buffer;
    size_t count;
    while ((count = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        run.output.append(buffer.data(), count);
    int status = pclose(pipe);
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.errors = read_text(errors);
    return run;
}

/// Runs `mipex <arguments>` through the shell (the arguments are shell words).
inline Run run_mipex(const std::string& arguments) {
    return run_command(std::string(MIPEX_BINARY) + " " + arguments);
}

/// The standard output of a program a test reads its results with (pdftotext, pdfinfo,
/// pdffonts…). A program that is missing or fails throws, which fails the test: no test may
/// pass on output it never got. `make deps` installs every program the tests run.
inline std::string tool_output(const std::string& command) {
    Run run = run_command(command);
    if (run.status == 127)
        throw std::runtime_error(command +
                                 ": the program is not installed (make deps installs it)");
    if (run.status != 0)
        throw std::runtime_error(command + " failed with exit status " +
                                 std::to_string(run.status) + ": " + run.errors);
    return run.output;
}

/// The text of a PDF as pdftotext reads it, pages separated by form feeds.
inline std::string pdf_text(const fs::path& pdf) {
    return tool_output("pdftotext -layout " + pdf.string() + " -");
}

} // namespace mipex::testing
