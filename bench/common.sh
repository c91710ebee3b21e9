# Shared by bench/generate, bench/run and bench/profile (sourced, not run).
# shellcheck shell=bash
# Finds the repository and its build folder, and builds the targets asked for.

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The build folder: MIPEX_BUILD, else build/ in the repository (what `make` uses).
bench_build=$(realpath -m "${MIPEX_BUILD:-$bench_root/build}")

# bench_build_targets TARGET…: configures the build folder if it has never been configured
# (Release, as the benchmark is measured), then builds the targets. Quiet unless it fails.
bench_build_targets() {
    local log
    log=$(mktemp)
    if [ ! -f "$bench_build/CMakeCache.txt" ]; then
        if ! cmake -S "$bench_root" -B "$bench_build" -G Ninja -DCMAKE_BUILD_TYPE=Release >"$log" 2>&1; then
            cat "$log" >&2
            rm -f "$log"
            return 1
        fi
    fi
    if ! cmake --build "$bench_build" --target "$@" >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        return 1
    fi
    rm -f "$log"
}
