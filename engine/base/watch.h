// Watching a project's folders for edits (inotify), for `mipex watch`.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace mipex {

/// Watches folders and everything below them; reports the files that changed.
///
/// Editors save in many ways: in place (IN_CLOSE_WRITE), by writing a temporary file and
/// renaming it over the old one (IN_MOVED_TO, what vim and most IDEs do), or by deleting and
/// creating. All of these count. Folders created later are watched too. Linux only (inotify(7)).
class FolderWatcher {
public:
    /// Which files matter (by path); the others' changes are ignored.
    using Filter = std::function<bool(const std::filesystem::path&)>;

    FolderWatcher(std::vector<std::filesystem::path> folders, Filter filter);
    ~FolderWatcher();
    FolderWatcher(const FolderWatcher&) = delete;
    FolderWatcher& operator=(const FolderWatcher&) = delete;

    /// Empty when the watcher works; else why not (e.g. the inotify limit is reached).
    const std::string& error() const { return m_error; }

    /// Blocks until a file that passes the filter changes, then waits until no more changes
    /// come for `quiet` (one save often makes several events; a script may write many files)
    /// and returns the changed files, sorted, each once. Returns empty when `deadline`
    /// (if any) passes first or the watcher failed.
    std::vector<std::filesystem::path>
    wait(std::chrono::milliseconds quiet,
         std::chrono::milliseconds deadline = std::chrono::milliseconds::max());

private:
    void add_tree(const std::filesystem::path& folder);
    /// Reads the events ready now; adds changed files to `changed`. False when reading failed.
    bool read_events(std::vector<std::filesystem::path>& changed);

    int m_fd = -1;
    std::map<int, std::filesystem::path> m_folders; ///< watch descriptor → folder
    Filter m_filter;
    std::string m_error;
};

} // namespace mipex
