// The compression cache kept between the builds of a session: what it returns is what zlib
// would make of the same bytes, and it forgets what a build did not use.
#include "render/pdf_syntax.h"

#include <catch2/catch.hpp>
#include <zlib.h>

using mipex::render::pdf::DeflateCache;
using mipex::render::pdf::Deflater;

namespace {

std::string inflate_all(const std::string& compressed, size_t size) {
    std::string out(size, '\0');
    uLongf length = size;
    REQUIRE(uncompress(reinterpret_cast<Bytef*>(out.data()), &length,
                       reinterpret_cast<const Bytef*>(compressed.data()),
                       compressed.size()) == Z_OK);
    out.resize(length);
    return out;
}

} // namespace

TEST_CASE(
    "a cached stream is the bytes zlib makes, and the cache forgets what a build left unused") {
    const std::string page_one = "BT /F1 9 Tf 72 700 Td (one) Tj ET\n";
    const std::string page_two = "BT /F1 9 Tf 72 700 Td (two) Tj ET\n";
    Deflater plain;
    DeflateCache cache;
    Deflater cached(Deflater::default_level, &cache);

    std::string first, again;
    cached.compress(page_one, first);
    CHECK(first == plain.compress(page_one));
    CHECK(inflate_all(first, page_one.size()) == page_one);

    // Found now: the same bytes come back without compressing.
    std::string found;
    CHECK(cache.find(page_one, found));
    CHECK(found == first);
    // Other bytes are not found, whatever their hash.
    CHECK_FALSE(cache.find(page_two, found));

    // A build used page one; the next uses only page two: page one goes after that build.
    cache.next_build();
    cached.compress(page_two, again);
    CHECK(again == plain.compress(page_two));
    cache.next_build();
    CHECK_FALSE(cache.find(page_one, found));
    CHECK(cache.find(page_two, found));
}
