#include "base/files.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <set>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace mipex {

namespace fs = std::filesystem;

std::optional<std::string> read_file(const fs::path& path) {
    std::ifstream stream(path, std::ios::binary);
    if (!stream)
        return std::nullopt;
    std::ostringstream buffer;
    buffer << stream.rdbuf();
    if (stream.bad())
        return std::nullopt;
    return buffer.str();
}

namespace {

constexpr std::string_view temporary_marker = ".tmp-";

/// The temporary file for `path` written by process `pid`: "<name>.tmp-<pid>" beside it, so
/// the rename stays within one file system and is atomic (POSIX rename(2)).
fs::path temporary_for(const fs::path& path, long pid) {
    fs::path temporary = path;
    temporary += std::string(temporary_marker) + std::to_string(pid);
    return temporary;
}

/// True when process `pid` can no longer write: it does not exist, or it is a zombie (killed,
/// and not yet reaped because its parent died too; Linux shows it as state Z in
/// /proc/<pid>/stat, and kill(pid, 0) still succeeds for it).
bool writer_gone(long pid) {
    if (::kill(static_cast<pid_t>(pid), 0) == -1)
        return errno == ESRCH;
    std::optional<std::string> stat = read_file("/proc/" + std::to_string(pid) + "/stat");
    if (!stat)
        return false;
    size_t name_end = stat->rfind(')'); // the name may hold spaces and parentheses
    return name_end != std::string::npos && name_end + 2 < stat->size() &&
           ((*stat)[name_end + 2] == 'Z' || (*stat)[name_end + 2] == 'X');
}

/// Removes the temporary files of earlier writers of `path` that were killed before they
/// could rename or remove them (SIGKILL, a power cut). A file whose writer is still running
/// (another build writing the same book right now) is left alone.
void remove_leftovers(const fs::path& path) {
    std::error_code error;
    std::string prefix = path.filename().string() + std::string(temporary_marker);
    fs::path folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    for (const auto& entry : fs::directory_iterator(folder, error)) {
        std::string name = entry.path().filename().string();
        if (!name.starts_with(prefix))
            continue;
        std::string digits = name.substr(prefix.size());
        if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos ||
            digits.size() > 9)
            continue;
        long pid = std::stol(digits);
        if (pid == ::getpid())
            continue;
        if (writer_gone(pid))
            fs::remove(entry.path(), error);
    }
}

std::string system_error(const std::string& what, const fs::path& path, int number) {
    return what + " " + path.string() + ": " + std::strerror(number);
}

/// Writes `data` to the temporary file beside `path` (the caller renames it), synced to
/// disk when `sync`. Returns an error message, empty on success; on an error nothing is left.
std::string write_temporary(const fs::path& path, std::string_view data, bool sync,
                            fs::path& temporary) {
    temporary = temporary_for(path, ::getpid());
    // O_EXCL: never write through a link someone placed at the temporary name.
    int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_EXCL | O_CLOEXEC, 0666);
    if (fd == -1 && errno == EEXIST) { // our own leftover from a failed earlier attempt
        ::unlink(temporary.c_str());
        fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_EXCL | O_CLOEXEC, 0666);
    }
    if (fd == -1)
        return system_error("cannot create", temporary, errno);
    auto fail = [&](const char* what, int number) {
        ::close(fd);
        ::unlink(temporary.c_str());
        return system_error(what, temporary, number);
    };
    size_t written = 0;
    while (written < data.size()) {
        ssize_t count = ::write(fd, data.data() + written, data.size() - written);
        if (count < 0 && errno == EINTR)
            continue;
        if (count <= 0)
            return fail("cannot write", count < 0 ? errno : EIO);
        written += static_cast<size_t>(count);
    }
    // The data must be on disk before the rename makes it the file: otherwise a crash of the
    // machine could leave a renamed but empty file in place of the previous book.
    if (sync && ::fsync(fd) != 0)
        return fail("cannot write", errno);
    if (::close(fd) != 0) {
        int number = errno;
        ::unlink(temporary.c_str());
        return system_error("cannot write", temporary, number);
    }
    return {};
}

std::string rename_into_place(const fs::path& temporary, const fs::path& path) {
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        int number = errno;
        ::unlink(temporary.c_str());
        return "cannot rename " + temporary.string() + " to " + path.string() + ": " +
               std::strerror(number);
    }
    return {};
}

/// Makes the renames in `folder` durable; a folder that cannot be opened or synced is not an
/// error (some file systems refuse fsync on folders), the files are in place either way.
void sync_folder(const fs::path& folder) {
    int folder_fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (folder_fd != -1) {
        ::fsync(folder_fd);
        ::close(folder_fd);
    }
}

fs::path folder_of(const fs::path& path) {
    return path.parent_path().empty() ? fs::path(".") : path.parent_path();
}

} // namespace

std::string write_file_atomic(const fs::path& path, std::string_view data) {
    remove_leftovers(path);
    fs::path temporary;
    if (std::string message = write_temporary(path, data, true, temporary); !message.empty())
        return message;
    if (std::string message = rename_into_place(temporary, path); !message.empty())
        return message;
    sync_folder(folder_of(path));
    return {};
}

std::string write_files_atomic(const std::vector<std::pair<fs::path, std::string_view>>& files) {
    std::set<fs::path> folders;
    for (const auto& [path, data] : files) {
        std::error_code error;
        fs::create_directories(folder_of(path), error);
        if (error)
            return "cannot create " + folder_of(path).string() + ": " + error.message();
        if (folders.insert(folder_of(path)).second)
            remove_leftovers(path);
    }
    std::vector<fs::path> temporaries;
    auto discard = [&] {
        for (const fs::path& temporary : temporaries)
            ::unlink(temporary.c_str());
    };
    for (const auto& [path, data] : files) {
        fs::path temporary;
        if (std::string message = write_temporary(path, data, false, temporary); !message.empty()) {
            discard();
            return message;
        }
        temporaries.push_back(temporary);
    }
    // One sync of the file system for every file (syncfs(2)), then the renames: each file
    // is on disk before its name points at it, as write_file_atomic's fsync makes sure.
    if (!files.empty()) {
        int fd = ::open(folder_of(files.front().first).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        bool synced = fd != -1 && ::syncfs(fd) == 0;
        int number = errno;
        if (fd != -1)
            ::close(fd);
        if (!synced) {
            discard();
            return system_error("cannot write", folder_of(files.front().first), number);
        }
    }
    for (size_t i = 0; i < files.size(); ++i)
        if (std::string message = rename_into_place(temporaries[i], files[i].first);
            !message.empty()) {
            for (size_t j = i + 1; j < files.size(); ++j)
                ::unlink(temporaries[j].c_str());
            return message;
        }
    for (const fs::path& folder : folders)
        sync_folder(folder);
    return {};
}

} // namespace mipex
