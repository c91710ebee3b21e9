// Golden files for tests: text compared with tests/layout/golden/<name>.txt; UPDATE_GOLDEN=1
// rewrites them, and a mismatch prints a unified diff.
#pragma once

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace golden_detail {

namespace fs = std::filesystem;

inline std::string read(const fs::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::stringstream buffer;
    buffer << file.rdbuf();
    return buffer.str();
}

inline std::string diff(const fs::path& expected, const std::string& actual) {
    fs::path actual_path = fs::temp_directory_path() / (expected.stem().string() + ".actual.txt");
    std::ofstream(actual_path, std::ios::binary) << actual;
    std::string command =
        "diff -u " + expected.string() + " " + actual_path.string() + " 2>&1 | head -60";
    std::string output;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        char buffer[4096];
        size_t read_bytes;
        while ((read_bytes = fread(buffer, 1, sizeof buffer, pipe)) > 0)
            output.append(buffer, read_bytes);
        pclose(pipe);
    }
    return output;
}

inline void check_golden_impl(const std::string& name, const std::string& actual) {
    fs::path path = fs::path(MIPEX_TESTS_DIR) / "layout" / "golden" / (name + ".txt");
    if (std::getenv("UPDATE_GOLDEN")) {
        std::ofstream(path, std::ios::binary) << actual;
        WARN("rewrote " << path.string());
        return;
    }
    REQUIRE(fs::exists(path));
    std::string expected = read(path);
    INFO(diff(path, actual));
    CHECK(expected == actual);
}


} // namespace golden_detail

inline void check_golden(const std::string& name, const std::string& actual) {
    golden_detail::check_golden_impl(name, actual);
}
