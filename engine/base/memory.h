// Giving freed memory back to the system, for one-off builds whose peak resident memory
// counts (bench/README.md, "Memory").
#pragma once

namespace mipex {

/// Returns the free memory of every heap arena to the system (glibc's malloc_trim), so that
/// what one stage freed does not stay resident under the next stage's peak. Slow when the
/// memory is soon needed again: not for sessions that build again and again.
void release_free_memory();

} // namespace mipex
