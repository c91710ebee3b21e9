// PDF syntax: numbers, names and strings as PDF 32000-1:2008 §7.3 writes them, Flate
// compression, and a file of numbered objects written with object streams and a
// cross-reference stream (§7.5.7, §7.5.8). The PDF writer's lowest layer: it knows nothing of
// pages or fonts.
#pragma once

#include "base/units.h"

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

struct libdeflate_compressor;

namespace mipex::render::pdf {

/// Appends an integer.
void append_integer(std::string& out, int64_t value);

/// Appends thousandths as a PDF real with at most three decimals and no trailing zeros:
/// 12500 → "12.5", -250 → "-0.25", 3000 → "3". Integers only, so no locale and no printf.
void append_thousandths(std::string& out, int64_t thousandths);

/// Appends a length (pango units, 1/1024 pt) in points rounded to 1/1000 pt, half away from
/// zero: 1/1000 pt is far below what any device shows, and integer arithmetic keeps the
/// output the same on every machine.
void append_length(std::string& out, Length length);

/// A length in thousandths of a point, rounded half away from zero.
int64_t thousandths_of_pt(Length length);

/// Appends a real rounded to thousandths.
void append_real(std::string& out, double value);

/// Appends a name object (§7.3.5): "/" and the bytes, with #xx for delimiters, '#', and bytes
/// outside '!'…'~'.
void append_name(std::string& out, std::string_view name);

/// Appends a literal string (§7.3.4.2): parentheses around the bytes, with backslash escapes
/// for ( ) \ and for carriage return and line feed (which a reader would otherwise normalise).
void append_literal(std::string& out, std::string_view bytes);

/// Appends a hexadecimal string (§7.3.4.3), upper-case digits.
void append_hex(std::string& out, std::string_view bytes);

/// Appends a text string (§7.9.2.2) from UTF-8: a literal string when every byte is
/// printable ASCII (where PDFDocEncoding agrees with ASCII), else UTF-16BE with its byte order
/// mark, as a hexadecimal string.
void append_text(std::string& out, std::string_view utf8);

/// UTF-8 to UTF-16BE bytes, without a byte order mark. Invalid bytes become U+FFFD.
std::string utf16be(std::string_view utf8);

/// Compressed streams kept from one build to the next of a session (`mipex watch`): a page
/// or font whose bytes did not change is not compressed again, as compressing is most of
/// the writer's time. Exact: the input is kept and compared, not trusted to a hash. Entries
/// not used by the last build are dropped by `next_build`. Thread-safe.
class DeflateCache {
public:
    /// The compressed bytes of `data`, if kept; copies them into `out`.
    bool find(std::string_view data, std::string& out);
    void keep(std::string_view data, const std::string& compressed);
    /// Forgets what the build that just ended did not use.
    void next_build();

private:
    struct Entry {
        std::string input, output;
        bool used = true;
    };
    std::mutex m_mutex;
    std::unordered_map<size_t, Entry> m_entries; ///< by the input's std::hash
};

/// Flate compression in the zlib format (RFC 1950, what /FlateDecode reads) with one reusable
/// compressor: make one per thread. libdeflate compresses a whole buffer at once, about twice
/// as fast as zlib at the same level and to slightly smaller output
/// (https://github.com/ebiggers/libdeflate).
class Deflater {
public:
    /// With a `cache`, what was compressed before is taken from it and what is compressed
    /// is kept in it.
    explicit Deflater(int level = default_level, DeflateCache* cache = nullptr);
    ~Deflater();
    Deflater(const Deflater&) = delete;
    Deflater& operator=(const Deflater&) = delete;

    /// Level 6, libdeflate's default. On the benchmark book (one thread): level 4 writes 2.09
    /// MB in about the same CPU time, level 6 1.96 MB, level 9 1.93 MB for 50% more CPU.
    static constexpr int default_level = 6;

    /// Compresses `data` into `out` (replacing what it held).
    void compress(std::string_view data, std::string& out);
    std::string compress(std::string_view data) {
        std::string out;
        compress(data, out);
        return out;
    }

    void set_cache(DeflateCache* cache) { m_cache = cache; }

private:
    libdeflate_compressor* m_compressor;
    std::string m_buffer; ///< room for the largest output so far
    DeflateCache* m_cache = nullptr;
};

/// A 128-bit FNV-1a hash, for the file identifier and subset tags: the same bytes give the
/// same value on every machine.
struct Hash128 {
    unsigned __int128 value;
    Hash128();
    void add(std::string_view bytes);
    std::string bytes() const; ///< 16 bytes, big-endian
};

/// A reference to object `number` ("12 0 R"), appended to `out`.
void append_reference(std::string& out, uint32_t number);

/// A PDF file of numbered objects. Streams are written at once; other objects are packed into
/// compressed object streams (§7.5.7) as they come, objects_per_stream at a time, found through
/// a compressed cross-reference stream (§7.5.8), so the file needs PDF 1.5.
class File {
public:
    /// Starts the file with its header ("%PDF-1.7" and a comment of four high bytes, so
    /// transfer programs treat it as binary, §7.5.2).
    /// `deflater` compresses the object streams and the cross-reference stream.
    File(std::string_view version, Deflater& deflater);

    /// Reserves the number of an object written later; numbers go up from 1.
    uint32_t reserve();
    uint32_t size() const { return m_next; } ///< one more than the highest number reserved

    /// A non-stream object ("<< … >>", "[…]"…), packed into an object stream with the next
    /// ones: a book's tens of thousands of structure elements are not all kept until the end.
    void object(uint32_t number, std::string body);

    /// A stream object, written at once. `entries` are the dictionary's entries besides
    /// /Length ("/Filter /FlateDecode /Length1 1234"); `data` is written as given (compress it
    /// first if the entries say so).
    void stream(uint32_t number, std::string_view entries, std::string_view data);

    /// Finishes the file: the object streams, then the cross-reference stream carrying the
    /// trailer's `entries` ("/Root 1 0 R /Info 2 0 R") and an /ID hashed from every byte before
    /// it, so equal content gives equal identifiers (§14.4). Returns the whole file.
    std::string finish(std::string_view entries);

    /// Objects per object stream: qpdf's default. Fewer make a reader decompress less to reach
    /// one object; more compress a little better.
    static constexpr size_t objects_per_stream = 100;

private:
    struct Entry {
        uint8_t type = 0;    ///< 0 free, 1 at an offset, 2 in an object stream
        uint64_t field2 = 0; ///< offset, or the object stream's number
        uint32_t field3 = 0; ///< index within the object stream
    };

    /// Writes the objects kept so far as one object stream.
    void pack_objects();

    Deflater& m_deflater;
    std::string m_bytes;
    uint32_t m_next = 1;
    std::vector<Entry> m_entries{1};
    std::vector<std::pair<uint32_t, std::string>> m_objects;
};

} // namespace mipex::render::pdf
