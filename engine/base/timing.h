// Wall-clock time and memory per stage of a build, for `mipex build --report` and the
// benchmark.
#pragma once

#include <chrono>
#include <malloc.h>
#include <string>
#include <sys/resource.h>
#include <utility>
#include <vector>

namespace mipex {

class Timings {
public:
    /// Starts timing a stage; the previous stage, if any, ends here.
    void start(std::string stage) {
        stop();
        m_current = std::move(stage);
        m_started = std::chrono::steady_clock::now();
    }
    void stop() {
        if (m_current.empty())
            return;
        double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
        m_stages.emplace_back(std::move(m_current), seconds);
        m_memory.push_back(measure_memory ? memory_now() : Memory{});
        m_current.clear();
    }
    const std::vector<std::pair<std::string, double>>& stages() const { return m_stages; }
    /// Adds the stages another Timings measured (work done on another thread meanwhile).
    void append(const Timings& other) {
        m_stages.insert(m_stages.end(), other.m_stages.begin(), other.m_stages.end());
        m_memory.insert(m_memory.end(), other.m_memory.begin(), other.m_memory.end());
    }

    /// The process's memory when a stage ended: the heap in use (glibc's count, mallinfo2) and
    /// the peak resident set so far (getrusage). Process-wide: editions built side by side
    /// count in each other's figures.
    /// Whether stages record memory: mallinfo2 walks the allocator's free lists, a fraction of
    /// a millisecond each time, so only `--report` asks for it. Set before any build starts.
    static inline bool measure_memory = false;
    struct Memory {
        size_t heap = 0, peak_rss = 0; ///< bytes
    };
    static Memory memory_now() {
        struct mallinfo2 info = mallinfo2();
        struct rusage usage {};
        getrusage(RUSAGE_SELF, &usage);
        return {info.uordblks + info.hblkhd, static_cast<size_t>(usage.ru_maxrss) * 1024};
    }
    /// "heap after load 20 MB, …; peak RSS 94 MB".
    std::string memory_report() const {
        std::string out;
        auto megabytes = [](size_t bytes) {
            return std::to_string((bytes + (1 << 19)) >> 20) + " MB";
        };
        for (size_t i = 0; i < m_stages.size() && i < m_memory.size(); ++i)
            if (m_memory[i].peak_rss > 0) // measured
                out += (out.empty() ? "heap after " : ", ") + m_stages[i].first + " " +
                       megabytes(m_memory[i].heap);
        if (!m_memory.empty() && m_memory.back().peak_rss > 0)
            out += "; peak RSS " + megabytes(m_memory.back().peak_rss);
        return out;
    }
    /// "load 12 ms, validate 30 ms, …".
    std::string report() const {
        std::string out;
        for (const auto& [stage, seconds] : m_stages)
            out += (out.empty() ? "" : ", ") + stage + " " +
                   std::to_string(static_cast<long>(seconds * 1000 + 0.5)) + " ms";
        return out;
    }

private:
    std::vector<std::pair<std::string, double>> m_stages;
    std::vector<Memory> m_memory;
    std::string m_current;
    std::chrono::steady_clock::time_point m_started;
};

} // namespace mipex
