#include "base/memory.h"

#include <malloc.h>

namespace mipex {

void release_free_memory() {
    malloc_trim(0);
}

} // namespace mipex
