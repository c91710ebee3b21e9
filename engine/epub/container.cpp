#include "epub/container.h"

#include "base/parallel.h"

#include <algorithm>
#include <climits>
#include <cstring>
#include <memory>
#include <numeric>
#include <vector>
#include <zip.h>
#include <zlib.h>

namespace mipex::epub {

namespace {

/// A DOS date and time (the ZIP format's, without a time zone) of `date` in UTC; ZIP cannot
/// express times before 1980. zip_file_set_mtime would convert with the local time zone, so
/// the same build would give different bytes in Madrid and in Athens.
std::pair<uint16_t, uint16_t> dos_date_time(std::time_t date) {
    std::tm parts{};
    gmtime_r(&date, &parts);
    if (parts.tm_year < 80)
        return {static_cast<uint16_t>((1 << 5) | 1), 0}; // 1980-01-01 00:00:00
    uint16_t day = static_cast<uint16_t>(((parts.tm_year - 80) << 9) | ((parts.tm_mon + 1) << 5) |
                                         parts.tm_mday);
    uint16_t time =
        static_cast<uint16_t>((parts.tm_hour << 11) | (parts.tm_min << 5) | (parts.tm_sec / 2));
    return {day, time};
}

std::string container_xml() {
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                       "<container version=\"1.0\" "
                       "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
                       "  <rootfiles>\n"
                       "    <rootfile full-path=\"") +
           package_path +
           "\" media-type=\"application/oebps-package+xml\"/>\n"
           "  </rootfiles>\n"
           "</container>\n";
}

/// One file of the container: its bytes and, when it is to be deflated, the raw deflate
/// stream and CRC-32 made ahead of libzip, so that the entries compress on several threads.
struct Entry {
    std::string name;
    const std::string* data = nullptr;
    bool compress = false;
    std::string deflated;
    uint32_t crc = 0;
    bool failed = false;
};

/// Deflates `entry` exactly as libzip 1.7.3 does for ZIP_CM_DEFLATE at level 9
/// (zip_algorithm_deflate.c: a raw stream, the largest window and memory level, the default
/// strategy; the input given with Z_NO_FLUSH, then Z_FINISH), so that the container keeps
/// the bytes libzip's own compression gave it.
void deflate_entry(Entry& entry) {
    z_stream stream{};
    if (deflateInit2(&stream, 9, Z_DEFLATED, -MAX_WBITS, MAX_MEM_LEVEL, Z_DEFAULT_STRATEGY) !=
        Z_OK) {
        entry.failed = true;
        return;
    }
    const std::string& data = *entry.data;
    entry.crc =
        static_cast<uint32_t>(crc32_z(0, reinterpret_cast<const Bytef*>(data.data()), data.size()));
    // The bound holds for the whole stream, so each call below has room for all it writes.
    entry.deflated.resize(deflateBound(&stream, static_cast<uLong>(data.size())));
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(entry.deflated.data());
    stream.avail_out = static_cast<uInt>(entry.deflated.size());
    int status = deflate(&stream, Z_NO_FLUSH);
    if (status == Z_OK || status == Z_BUF_ERROR)
        status = deflate(&stream, Z_FINISH);
    entry.failed = status != Z_STREAM_END || data.size() > UINT_MAX;
    entry.deflated.resize(stream.total_out);
    deflateEnd(&stream);
}

/// What libzip's compressing source (zip_source_compress.c) reports of a deflated entry:
/// version 2.0 needed to extract (APPNOTE 4.4.3.2), and general purpose bits 1–2 set to
/// "maximum compression" (APPNOTE 4.4.4, zip_algorithm_deflate.c for levels above 7) under
/// the mask of the bits a source may set (zipint.h's
/// ZIP_FILE_ATTRIBUTES_GENERAL_PURPOSE_BIT_FLAGS_ALLOWED_MASK).
constexpr zip_uint8_t deflate_version_needed = 20;
constexpr zip_uint16_t maximum_compression_flag = 0x0002;
constexpr zip_uint16_t source_bit_flags_mask = 0x0836;

/// A libzip source handing over an entry deflated already. Its stat names the method,
/// sizes and CRC, so zip_close copies the stream as it is (zip_close.c's add_data
/// recompresses only when the method differs).
class DeflatedSource {
public:
    explicit DeflatedSource(const Entry& entry) : m_entry(entry) { zip_error_init(&m_error); }
    ~DeflatedSource() { zip_error_fini(&m_error); }

    static zip_int64_t callback(void* state, void* data, zip_uint64_t length,
                                zip_source_cmd_t command) {
        return static_cast<DeflatedSource*>(state)->answer(data, length, command);
    }

private:
    zip_int64_t answer(void* data, zip_uint64_t length, zip_source_cmd_t command) {
        switch (command) {
        case ZIP_SOURCE_OPEN:
            m_offset = 0;
            return 0;
        case ZIP_SOURCE_READ: {
            zip_uint64_t count = std::min<zip_uint64_t>(length, m_entry.deflated.size() - m_offset);
            std::memcpy(data, m_entry.deflated.data() + m_offset, count);
            m_offset += count;
            return static_cast<zip_int64_t>(count);
        }
        case ZIP_SOURCE_CLOSE:
            return 0;
        case ZIP_SOURCE_STAT: {
            auto* stat = static_cast<zip_stat_t*>(data);
            stat->size = m_entry.data->size();
            stat->comp_size = m_entry.deflated.size();
            stat->comp_method = ZIP_CM_DEFLATE;
            stat->crc = m_entry.crc;
            stat->valid |= ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC;
            return 0;
        }
        case ZIP_SOURCE_GET_FILE_ATTRIBUTES: {
            if (length < sizeof(zip_file_attributes_t))
                break;
            auto* attributes = static_cast<zip_file_attributes_t*>(data);
            attributes->valid |=
                ZIP_FILE_ATTRIBUTES_VERSION_NEEDED | ZIP_FILE_ATTRIBUTES_GENERAL_PURPOSE_BIT_FLAGS;
            attributes->version_needed = deflate_version_needed;
            attributes->general_purpose_bit_mask = source_bit_flags_mask;
            attributes->general_purpose_bit_flags = maximum_compression_flag;
            return sizeof(zip_file_attributes_t);
        }
        case ZIP_SOURCE_ERROR:
            return zip_error_to_data(&m_error, data, length);
        case ZIP_SOURCE_FREE:
            delete this;
            return 0;
        case ZIP_SOURCE_SUPPORTS:
            return ZIP_SOURCE_SUPPORTS_READABLE |
                   zip_source_make_command_bitmap(ZIP_SOURCE_GET_FILE_ATTRIBUTES, -1);
        default:
            break;
        }
        zip_error_set(&m_error, ZIP_ER_INVAL, 0);
        return -1;
    }

    const Entry& m_entry;
    zip_uint64_t m_offset = 0;
    zip_error_t m_error;
};

class Archive {
public:
    explicit Archive(std::string& error) : m_error(error) {
        zip_error_t status;
        zip_error_init(&status);
        m_source = zip_source_buffer_create(nullptr, 0, 0, &status);
        if (m_source)
            m_zip = zip_open_from_source(m_source, ZIP_TRUNCATE, &status);
        if (!m_zip) {
            fail(zip_error_strerror(&status));
            if (m_source)
                zip_source_free(m_source);
            m_source = nullptr;
        } else {
            zip_source_keep(m_source); // read back after zip_close
        }
        zip_error_fini(&status);
    }

    ~Archive() {
        if (m_zip)
            zip_discard(m_zip);
        if (m_source)
            zip_source_free(m_source);
    }

    bool ok() const { return m_error.empty(); }

    /// Adds `entry`, deflated already or stored.
    void add(const Entry& entry, std::pair<uint16_t, uint16_t> when) {
        if (!ok())
            return;
        zip_source_t* source =
            entry.compress ? deflated_source(entry)
                           : zip_source_buffer(m_zip, entry.data->data(), entry.data->size(), 0);
        if (!source)
            return fail(zip_strerror(m_zip));
        zip_int64_t index = zip_file_add(m_zip, entry.name.c_str(), source, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(source);
            return fail(zip_strerror(m_zip));
        }
        auto file = static_cast<zip_uint64_t>(index);
        if (zip_set_file_compression(m_zip, file, entry.compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE,
                                     entry.compress ? 9 : 0) < 0 ||
            zip_file_set_dostime(m_zip, file, when.second, when.first, 0) < 0 ||
            // A regular file readable by all (0644), as unzip on any system expects.
            zip_file_set_external_attributes(m_zip, file, 0, ZIP_OPSYS_UNIX, 0100644u << 16) < 0)
            fail(zip_strerror(m_zip));
    }

    /// Closes the archive and returns its bytes.
    std::string finish() {
        if (!ok())
            return "";
        if (zip_close(m_zip) < 0) {
            fail(zip_strerror(m_zip));
            return "";
        }
        m_zip = nullptr;
        std::string bytes;
        zip_stat_t stat;
        if (zip_source_stat(m_source, &stat) < 0 || zip_source_open(m_source) < 0) {
            fail("cannot read the EPUB back from memory");
            return "";
        }
        bytes.resize(static_cast<size_t>(stat.size));
        zip_int64_t read = zip_source_read(m_source, bytes.data(), stat.size);
        zip_source_close(m_source);
        if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) {
            fail("cannot read the EPUB back from memory");
            return "";
        }
        return bytes;
    }

private:
    zip_source_t* deflated_source(const Entry& entry) {
        auto* state = new DeflatedSource(entry);
        zip_source_t* source = zip_source_function(m_zip, DeflatedSource::callback, state);
        if (!source)
            delete state;
        return source;
    }

    void fail(const char* message) {
        if (m_error.empty())
            m_error = std::string("cannot write the EPUB: ") + (message ? message : "libzip error");
    }

    std::string& m_error;
    zip_source_t* m_source = nullptr;
    zip_t* m_zip = nullptr;
};

} // namespace

std::string write_container(const Publication& publication, std::time_t date, unsigned threads,
                            std::string& error) {
    error.clear();
    auto when = dos_date_time(date);
    const std::string mimetype = "application/epub+zip";
    const std::string container = container_xml();
    const std::string package = package_document(publication);
    std::string folder =
        std::string(package_path).substr(0, std::string(package_path).rfind('/') + 1);
    // OCF §4.2.3: "mimetype" comes first, uncompressed, with no extra field.
    std::vector<Entry> entries;
    entries.reserve(publication.items.size() + 3);
    entries.push_back({"mimetype", &mimetype, false});
    entries.push_back({"META-INF/container.xml", &container, true});
    entries.push_back({package_path, &package, true});
    for (const Item& item : publication.items)
        // Fonts are compressed already; deflating them gains little but costs nothing at read.
        entries.push_back({folder + item.href, &item.data, true});

    // The largest first, so that no thread is left with a font when the others are done.
    std::vector<size_t> order(entries.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return entries[a].data->size() > entries[b].data->size();
    });
    parallel_for(order.size(), threads, [&](size_t i, unsigned) {
        if (Entry& entry = entries[order[i]]; entry.compress)
            deflate_entry(entry);
    });
    for (const Entry& entry : entries)
        if (entry.failed) {
            error = "cannot write the EPUB: cannot deflate " + entry.name;
            return "";
        }

    // libzip reads the data when the archive is closed: every entry lives until then.
    Archive archive(error);
    for (const Entry& entry : entries)
        archive.add(entry, when);
    return archive.finish();
}

} // namespace mipex::epub
