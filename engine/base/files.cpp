#include "base/files.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace mipex {

std::optional<std::string> read_file(const std::filesystem::path& path) {
    std::ifstream stream(path, std::ios::binary);
    if (!stream)
        return std::nullopt;
    std::ostringstream buffer;
    buffer << stream.rdbuf();
    if (stream.bad())
        return std::nullopt;
    return buffer.str();
}

std::string write_file_atomic(const std::filesystem::path& path, std::string_view data) {
    std::filesystem::path temporary = path;
    temporary += ".tmp-" + std::to_string(::getpid());
    FILE* file = std::fopen(temporary.c_str(), "wb");
    if (!file)
        return "cannot create " + temporary.string() + ": " + std::strerror(errno);
    bool ok = std::fwrite(data.data(), 1, data.size(), file) == data.size();
    ok = std::fflush(file) == 0 && ok;
    ok = ::fsync(::fileno(file)) == 0 && ok;
    int saved_errno = errno;
    ok = std::fclose(file) == 0 && ok;
    if (!ok) {
        std::remove(temporary.c_str());
        return "cannot write " + temporary.string() + ": " + std::strerror(saved_errno);
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        saved_errno = errno;
        std::remove(temporary.c_str());
        return "cannot rename " + temporary.string() + " to " + path.string() + ": " +
               std::strerror(saved_errno);
    }
    return {};
}

} // namespace mipex
