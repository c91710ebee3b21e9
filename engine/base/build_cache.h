// What the caches kept from one build to the next of a session (`mipex watch`) share: each
// entry is marked when a build finds or keeps it, and an entry the last build left unmarked
// is forgotten (a file removed, a page changed), so that a long session does not grow.
#pragma once

namespace mipex {

/// Forgets the entries no lookup has marked used since the last call and unmarks the others
/// for the next build. `entries` is a map whose values have a `bool used`.
template <class Map>
void forget_unused(Map& entries) {
    for (auto it = entries.begin(); it != entries.end();) {
        if (it->second.used) {
            it->second.used = false;
            ++it;
        } else {
            it = entries.erase(it);
        }
    }
}

} // namespace mipex
