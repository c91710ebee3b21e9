// Wall-clock time per stage of a build, for `mipex build --report` and the benchmark.
#pragma once

#include <chrono>
#include <string>
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
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
        m_stages.emplace_back(std::move(m_current), seconds);
        m_current.clear();
    }
    const std::vector<std::pair<std::string, double>>& stages() const { return m_stages; }
    /// "load 12 ms, validate 30 ms, …".
    std::string report() const {
        std::string out;
        for (const auto& [stage, seconds] : m_stages)
            out += (out.empty() ? "" : ", ") + stage + " " + std::to_string(static_cast<long>(seconds * 1000 + 0.5)) + " ms";
        return out;
    }

private:
    std::vector<std::pair<std::string, double>> m_stages;
    std::string m_current;
    std::chrono::steady_clock::time_point m_started;
};

} // namespace mipex
