#include "render/pdf_syntax.h"

#include "base/build_cache.h"
#include "base/text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <libdeflate.h>
#include <stdexcept>

namespace mipex::render::pdf {

void append_integer(std::string& out, int64_t value) {
    char buffer[24];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, end);
}

void append_thousandths(std::string& out, int64_t thousandths) {
    if (thousandths < 0) {
        out += '-';
        thousandths = -thousandths;
    }
    append_integer(out, thousandths / 1000);
    int fraction = static_cast<int>(thousandths % 1000);
    if (fraction == 0)
        return;
    char digits[4] = {'.', static_cast<char>('0' + fraction / 100),
                      static_cast<char>('0' + fraction / 10 % 10),
                      static_cast<char>('0' + fraction % 10)};
    size_t length = fraction % 10 ? 4 : fraction % 100 ? 3 : 2;
    out.append(digits, length);
}

int64_t thousandths_of_pt(Length length) {
    int64_t value = static_cast<int64_t>(length) * 1000;
    return value >= 0 ? (value + units_per_pt / 2) / units_per_pt
                      : -((-value + units_per_pt / 2) / units_per_pt);
}

void append_length(std::string& out, Length length) {
    append_thousandths(out, thousandths_of_pt(length));
}

void append_real(std::string& out, double value) {
    append_thousandths(out, std::llround(value * 1000));
}

namespace {

constexpr char hex_digits[] = "0123456789ABCDEF";

bool is_delimiter(unsigned char c) {
    return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' ||
           c == '}' || c == '/' || c == '%';
}

} // namespace

void append_name(std::string& out, std::string_view name) {
    out += '/';
    for (char ch : name) {
        unsigned char c = static_cast<unsigned char>(ch);
        if (c < '!' || c > '~' || c == '#' || is_delimiter(c)) {
            out += '#';
            out += hex_digits[c >> 4];
            out += hex_digits[c & 15];
        } else {
            out += ch;
        }
    }
}

void append_literal(std::string& out, std::string_view bytes) {
    out += '(';
    for (char c : bytes) {
        switch (c) {
        case '(':
        case ')':
        case '\\':
            out += '\\';
            out += c;
            break;
        case '\r':
            out += "\\r";
            break;
        case '\n':
            out += "\\n";
            break;
        default:
            out += c;
        }
    }
    out += ')';
}

void append_hex(std::string& out, std::string_view bytes) {
    out += '<';
    for (char ch : bytes) {
        unsigned char c = static_cast<unsigned char>(ch);
        out += hex_digits[c >> 4];
        out += hex_digits[c & 15];
    }
    out += '>';
}

std::string utf16be(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size() * 2);
    auto unit = [&](unsigned value) {
        out += static_cast<char>(value >> 8);
        out += static_cast<char>(value & 0xFF);
    };
    for (size_t i = 0; i < utf8.size();) {
        // U+FFFD, the replacement character, for a byte that is not UTF-8.
        char32_t code = decode_utf8(utf8, i).value_or(0xFFFD);
        if (code >= 0x10000) {
            code -= 0x10000;
            unit(0xD800 + (code >> 10));
            unit(0xDC00 + (code & 0x3FF));
        } else {
            unit(code);
        }
    }
    return out;
}

void append_text(std::string& out, std::string_view utf8) {
    bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) { return c >= ' ' && c <= '~'; });
    if (ascii)
        append_literal(out, utf8);
    else
        append_hex(out, "\xFE\xFF" + utf16be(utf8));
}

void append_reference(std::string& out, uint32_t number) {
    append_integer(out, number);
    out += " 0 R";
}

bool DeflateCache::find(std::string_view data, std::string& out) {
    std::lock_guard lock(m_mutex);
    auto found = m_entries.find(std::hash<std::string_view>{}(data));
    if (found == m_entries.end() || found->second.input != data)
        return false;
    found->second.used = true;
    out = found->second.output;
    return true;
}

void DeflateCache::keep(std::string_view data, const std::string& compressed) {
    std::lock_guard lock(m_mutex);
    m_entries[std::hash<std::string_view>{}(data)] = Entry{std::string(data), compressed, true};
}

void DeflateCache::next_build() {
    std::lock_guard lock(m_mutex);
    forget_unused(m_entries);
}

Deflater::Deflater(int level, DeflateCache* cache)
    : m_compressor(libdeflate_alloc_compressor(level)), m_cache(cache) {
    if (!m_compressor)
        throw std::runtime_error("libdeflate cannot start a compressor");
}

Deflater::~Deflater() {
    libdeflate_free_compressor(m_compressor);
}

void Deflater::compress(std::string_view data, std::string& out) {
    if (m_cache && m_cache->find(data, out))
        return;
    // Into the compressor's own buffer, then copied at its size: the bound is about the
    // input's size, and a page's stream kept at that capacity until the file is assembled
    // would hold three or four times its bytes.
    m_buffer.resize(libdeflate_zlib_compress_bound(m_compressor, data.size()));
    // The bound holds any output, so compression cannot run out of room.
    size_t size = libdeflate_zlib_compress(m_compressor, data.data(), data.size(), m_buffer.data(),
                                           m_buffer.size());
    if (size == 0)
        throw std::runtime_error("libdeflate could not compress a stream");
    out.assign(m_buffer.data(), size);
    if (m_cache)
        m_cache->keep(data, out);
}

namespace {
// FNV-1a, 128 bits (http://www.isthe.com/chongo/tech/comp/fnv/).
constexpr unsigned __int128 fnv_prime = (static_cast<unsigned __int128>(1) << 88) + 0x13B;
constexpr unsigned __int128 fnv_offset =
    (static_cast<unsigned __int128>(0x6C62272E07BB0142ULL) << 64) | 0x62B821756295C58DULL;
} // namespace

Hash128::Hash128() : value(fnv_offset) {
}

void Hash128::add(std::string_view bytes) {
    unsigned __int128 hash = value;
    for (char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= fnv_prime;
    }
    value = hash;
}

std::string Hash128::bytes() const {
    std::string out(16, '\0');
    for (int i = 0; i < 16; ++i)
        out[static_cast<size_t>(i)] = static_cast<char>(value >> (8 * (15 - i)));
    return out;
}

File::File(std::string_view version, Deflater& deflater) : m_deflater(deflater) {
    m_bytes.reserve(1 << 20);
    m_bytes += "%PDF-";
    m_bytes += version;
    m_bytes += "\n%\xE2\xE3\xCF\xD3\n";
}

uint32_t File::reserve() {
    m_entries.emplace_back();
    return m_next++;
}

void File::object(uint32_t number, std::string body) {
    m_objects.emplace_back(number, std::move(body));
    if (m_objects.size() == objects_per_stream)
        pack_objects();
}

void File::stream(uint32_t number, std::string_view entries, std::string_view data) {
    m_entries.at(number) = Entry{1, m_bytes.size(), 0};
    append_integer(m_bytes, number);
    m_bytes += " 0 obj\n<<";
    if (!entries.empty()) {
        m_bytes += ' ';
        m_bytes += entries;
    }
    m_bytes += " /Length ";
    append_integer(m_bytes, static_cast<int64_t>(data.size()));
    m_bytes += " >>\nstream\n";
    m_bytes += data;
    m_bytes += "\nendstream\nendobj\n";
}

void File::pack_objects() {
    if (m_objects.empty())
        return;
    uint32_t number = reserve();
    std::string header, bodies;
    for (size_t i = 0; i < m_objects.size(); ++i) {
        const auto& [object, body] = m_objects[i];
        m_entries.at(object) = Entry{2, number, static_cast<uint32_t>(i)};
        append_integer(header, object);
        header += ' ';
        append_integer(header, static_cast<int64_t>(bodies.size()));
        header += ' ';
        bodies += body;
        bodies += '\n';
    }
    header.back() = '\n';
    std::string dictionary = "/Type /ObjStm /N ";
    append_integer(dictionary, static_cast<int64_t>(m_objects.size()));
    dictionary += " /First ";
    append_integer(dictionary, static_cast<int64_t>(header.size()));
    dictionary += " /Filter /FlateDecode";
    std::string compressed;
    m_deflater.compress(header + bodies, compressed);
    stream(number, dictionary, compressed);
    m_objects.clear();
}

std::string File::finish(std::string_view entries) {
    pack_objects();

    // The cross-reference stream: one row per object, its fields as wide as the largest value
    // needs, each row differenced from the one above (PNG "Up" predictor, §7.4.4.4) so that the
    // rising offsets compress to almost nothing.
    uint32_t xref = reserve();
    m_entries.at(xref) = Entry{1, m_bytes.size(), 0};
    Hash128 hash;
    hash.add(m_bytes);
    std::string id = hash.bytes();
    auto width = [](uint64_t value) {
        int bytes = 1;
        while (value >> (8 * bytes))
            ++bytes;
        return bytes;
    };
    uint64_t largest2 = 0, largest3 = 0;
    for (const Entry& entry : m_entries) {
        largest2 = std::max(largest2, entry.field2);
        largest3 = std::max<uint64_t>(largest3, entry.field3);
    }
    // Object 0 heads the list of free objects with generation 65535 (§7.5.4).
    largest3 = std::max<uint64_t>(largest3, 65535);
    const int w2 = width(largest2), w3 = width(largest3), columns = 1 + w2 + w3;
    std::string rows, previous(static_cast<size_t>(columns), '\0');
    rows.reserve(m_entries.size() * static_cast<size_t>(columns + 1));
    for (size_t n = 0; n < m_entries.size(); ++n) {
        Entry entry = m_entries[n];
        if (n == 0)
            entry.field3 = 65535;
        std::string row(static_cast<size_t>(columns), '\0');
        row[0] = static_cast<char>(entry.type);
        for (int k = 0; k < w2; ++k)
            row[static_cast<size_t>(1 + k)] = static_cast<char>(entry.field2 >> (8 * (w2 - 1 - k)));
        for (int k = 0; k < w3; ++k)
            row[static_cast<size_t>(1 + w2 + k)] =
                static_cast<char>(entry.field3 >> (8 * (w3 - 1 - k)));
        rows += '\x02';
        for (size_t k = 0; k < row.size(); ++k)
            rows += static_cast<char>(static_cast<unsigned char>(row[k]) -
                                      static_cast<unsigned char>(previous[k]));
        previous = std::move(row);
    }
    std::string dictionary = "/Type /XRef /Size ";
    append_integer(dictionary, m_next);
    dictionary += " /W [1 ";
    append_integer(dictionary, w2);
    dictionary += ' ';
    append_integer(dictionary, w3);
    dictionary += "] ";
    dictionary += entries;
    dictionary += " /ID [";
    append_hex(dictionary, id);
    append_hex(dictionary, id);
    dictionary += "] /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns ";
    append_integer(dictionary, columns);
    dictionary += " >>";
    std::string compressed;
    m_deflater.compress(rows, compressed);
    size_t start = m_bytes.size();
    stream(xref, dictionary, compressed);
    m_bytes += "startxref\n";
    append_integer(m_bytes, static_cast<int64_t>(start));
    m_bytes += "\n%%EOF\n";
    return std::move(m_bytes);
}

} // namespace mipex::render::pdf
