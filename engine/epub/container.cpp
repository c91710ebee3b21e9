#include "epub/container.h"

#include <memory>
#include <zip.h>

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

    void add(const std::string& name, const std::string& data, bool compress,
             std::pair<uint16_t, uint16_t> when) {
        if (!ok())
            return;
        zip_source_t* source = zip_source_buffer(m_zip, data.data(), data.size(), 0);
        if (!source)
            return fail(zip_strerror(m_zip));
        zip_int64_t index = zip_file_add(m_zip, name.c_str(), source, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(source);
            return fail(zip_strerror(m_zip));
        }
        auto entry = static_cast<zip_uint64_t>(index);
        if (zip_set_file_compression(m_zip, entry, compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE,
                                     compress ? 9 : 0) < 0 ||
            zip_file_set_dostime(m_zip, entry, when.second, when.first, 0) < 0 ||
            // A regular file readable by all (0644), as unzip on any system expects.
            zip_file_set_external_attributes(m_zip, entry, 0, ZIP_OPSYS_UNIX, 0100644u << 16) < 0)
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
    void fail(const char* message) {
        if (m_error.empty())
            m_error = std::string("cannot write the EPUB: ") + (message ? message : "libzip error");
    }

    std::string& m_error;
    zip_source_t* m_source = nullptr;
    zip_t* m_zip = nullptr;
};

} // namespace

std::string write_container(const Publication& publication, std::time_t date, std::string& error) {
    error.clear();
    auto when = dos_date_time(date);
    // libzip reads the data when the archive is closed: keep every buffer alive until then.
    const std::string mimetype = "application/epub+zip";
    const std::string container = container_xml();
    const std::string package = package_document(publication);
    Archive archive(error);
    // OCF §4.2.3: "mimetype" comes first, uncompressed, with no extra field.
    archive.add("mimetype", mimetype, false, when);
    archive.add("META-INF/container.xml", container, true, when);
    archive.add(package_path, package, true, when);
    std::string folder =
        std::string(package_path).substr(0, std::string(package_path).rfind('/') + 1);
    for (const Item& item : publication.items)
        // Fonts are compressed already; deflating them gains little but costs nothing at read.
        archive.add(folder + item.href, item.data, true, when);
    return archive.finish();
}

} // namespace mipex::epub
