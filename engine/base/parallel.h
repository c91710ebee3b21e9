// Runs independent tasks on a few threads. Each task writes only its own result, so what is
// computed never depends on how many threads there are or which ran what.
#pragma once

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <vector>

namespace mipex {

/// The threads to use for `requested` (0: as many as the machine has cores), at least one.
inline unsigned thread_count(unsigned requested) {
    return requested ? requested : std::max(1u, std::thread::hardware_concurrency());
}

/// Calls task(index, worker) for every index below `count`, in rising order of index as
/// threads become free, on up to `threads` threads (the calling thread is one of them);
/// `worker` (below `threads`) names the thread, for per-thread state. When tasks throw, the
/// exception of the lowest index is rethrown once all have finished.
template <class Task>
void parallel_for(size_t count, unsigned threads, Task&& task) {
    threads =
        static_cast<unsigned>(std::min<size_t>(std::max(1u, threads), std::max<size_t>(count, 1)));
    std::atomic<size_t> next{0};
    std::vector<std::exception_ptr> errors(count);
    auto work = [&](unsigned worker) {
        for (size_t i; (i = next++) < count;) {
            try {
                task(i, worker);
            } catch (...) {
                errors[i] = std::current_exception();
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned worker = 1; worker < threads; ++worker)
        pool.emplace_back(work, worker);
    work(0);
    for (std::thread& thread : pool)
        thread.join();
    for (const std::exception_ptr& error : errors)
        if (error)
            std::rethrow_exception(error);
}

} // namespace mipex
