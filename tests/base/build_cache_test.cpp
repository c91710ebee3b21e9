// forget_unused: a cache kept between the builds of a session keeps what the last build used.
#include "base/build_cache.h"

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <unordered_map>

namespace {

struct Entry {
    std::string value;
    bool used = true;
};

} // namespace

TEST_CASE("a kept entry lasts while builds use it, and is forgotten after a build that did not") {
    std::map<std::string, Entry> cache = {{"a.yaml", {"tree a"}}, {"b.yaml", {"tree b"}}};
    // Both were kept by the first build: they stay, unmarked for the next.
    mipex::forget_unused(cache);
    REQUIRE(cache.size() == 2);
    CHECK_FALSE(cache.at("a.yaml").used);
    CHECK_FALSE(cache.at("b.yaml").used);
    // The second build finds a.yaml only: b.yaml has gone from the project.
    cache.at("a.yaml").used = true;
    mipex::forget_unused(cache);
    REQUIRE(cache.size() == 1);
    CHECK(cache.count("a.yaml") == 1);
    // A build that uses nothing empties the cache.
    mipex::forget_unused(cache);
    CHECK(cache.empty());
}

TEST_CASE("forgetting works on hash maps too, as the compression cache keeps its entries") {
    std::unordered_map<size_t, Entry> cache;
    for (size_t i = 0; i < 100; ++i)
        cache[i] = Entry{std::to_string(i), i % 3 == 0};
    mipex::forget_unused(cache);
    CHECK(cache.size() == 34);
    for (const auto& [key, entry] : cache) {
        CHECK(key % 3 == 0);
        CHECK_FALSE(entry.used);
    }
}
