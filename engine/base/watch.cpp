#include "base/watch.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace mipex {

namespace {

// IN_CLOSE_WRITE: saved in place; IN_MOVED_TO: renamed into place (atomic saves);
// IN_CREATE for new folders; IN_DELETE/IN_MOVED_FROM: a file gone is a change too.
constexpr uint32_t kEvents = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE;

} // namespace

FolderWatcher::FolderWatcher(std::vector<fs::path> folders, Filter filter)
    : m_filter(std::move(filter)) {
    m_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (m_fd < 0) {
        m_error = std::string("cannot watch files: ") + std::strerror(errno);
        return;
    }
    for (const fs::path& folder : folders)
        add_tree(folder);
}

FolderWatcher::~FolderWatcher() {
    if (m_fd >= 0)
        close(m_fd);
}

void FolderWatcher::add_tree(const fs::path& folder) {
    std::error_code error;
    if (!fs::is_directory(folder, error))
        return;
    int wd = inotify_add_watch(m_fd, folder.c_str(), kEvents);
    if (wd < 0) {
        // ENOSPC: fs.inotify.max_user_watches reached (inotify(7)).
        m_error = "cannot watch " + folder.string() + ": " + std::strerror(errno);
        return;
    }
    m_folders[wd] = folder;
    for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error))
        if (it->is_directory(error) && !it->is_symlink(error))
            add_tree(it->path());
}

bool FolderWatcher::read_events(std::vector<fs::path>& changed) {
    // Aligned as inotify(7)'s example does: events are read whole into it.
    alignas(inotify_event) char buffer[64 * 1024];
    for (;;) {
        ssize_t length = read(m_fd, buffer, sizeof buffer);
        if (length < 0)
            return errno == EAGAIN || errno == EINTR;
        if (length == 0)
            return true;
        for (char* at = buffer; at < buffer + length;) {
            const auto* event = reinterpret_cast<const inotify_event*>(at);
            at += sizeof(inotify_event) + event->len;
            if (event->mask & IN_Q_OVERFLOW) {
                // Events were lost: say something changed, so the build runs again.
                changed.emplace_back();
                continue;
            }
            auto folder = m_folders.find(event->wd);
            if (folder == m_folders.end() || event->len == 0)
                continue;
            fs::path path = folder->second / event->name;
            if ((event->mask & IN_ISDIR) && (event->mask & (IN_CREATE | IN_MOVED_TO))) {
                add_tree(path);
                continue;
            }
            if (m_filter(path))
                changed.push_back(path);
        }
    }
}

std::vector<fs::path> FolderWatcher::wait(std::chrono::milliseconds quiet,
                                          std::chrono::milliseconds deadline) {
    std::vector<fs::path> changed;
    if (m_fd < 0)
        return changed;
    auto until = deadline == std::chrono::milliseconds::max()
                     ? std::chrono::steady_clock::time_point::max()
                     : std::chrono::steady_clock::now() + deadline;
    // First the change itself, then quiet.
    while (changed.empty()) {
        int timeout = -1;
        if (until != std::chrono::steady_clock::time_point::max()) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                until - std::chrono::steady_clock::now());
            if (left.count() <= 0)
                return changed;
            timeout = static_cast<int>(std::min<long long>(left.count(), 1 << 30));
        }
        pollfd ready{m_fd, POLLIN, 0};
        int result = poll(&ready, 1, timeout);
        if (result < 0 && errno != EINTR)
            return changed;
        if (result > 0 && !read_events(changed))
            return {};
    }
    for (;;) {
        pollfd ready{m_fd, POLLIN, 0};
        int result = poll(&ready, 1, static_cast<int>(quiet.count()));
        if (result == 0)
            break;
        if (result < 0 && errno != EINTR)
            break;
        if (result > 0 && !read_events(changed))
            break;
    }
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    return changed;
}

} // namespace mipex
