// Test support: an EPUB read back as a reading system reads it — the zip's entries in order
// (libzip) and each XML document parsed (libxml2, which also proves it well-formed) with
// XPath queries over the XHTML, SVG, EPUB and package namespaces. Header-only; needs libzip
// and libxml2.
#pragma once

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>
#include <zip.h>

namespace mipex::testing {

/// The entries of a zip, in the order they are stored, with their compression method.
struct ZipEntry {
    std::string name;
    std::string data;
    int method = 0; ///< ZIP_CM_STORE, ZIP_CM_DEFLATE
};

inline std::vector<ZipEntry> read_zip(const std::string& bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    zip_t* archive =
        source ? zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error) : nullptr;
    if (!archive) {
        if (source)
            zip_source_free(source);
        std::string message = zip_error_strerror(&error);
        zip_error_fini(&error);
        throw std::runtime_error("not a zip: " + message);
    }
    zip_error_fini(&error);
    std::vector<ZipEntry> entries;
    zip_int64_t count = zip_get_num_entries(archive, 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t stat;
        zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat);
        ZipEntry entry{stat.name, std::string(static_cast<size_t>(stat.size), '\0'),
                       stat.comp_method};
        zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
        if (!file ||
            zip_fread(file, entry.data.data(), stat.size) != static_cast<zip_int64_t>(stat.size))
            throw std::runtime_error("cannot read " + entry.name);
        zip_fclose(file);
        entries.push_back(std::move(entry));
    }
    zip_discard(archive);
    return entries;
}

/// An XML document with XPath queries. Prefixes: h (XHTML), epub, svg, opf, dc, c (OCF
/// container).
class Xml {
public:
    explicit Xml(const std::string& text, const std::string& name = "document") {
        m_document =
            xmlReadMemory(text.data(), static_cast<int>(text.size()), name.c_str(), nullptr,
                          XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
        if (!m_document) {
            const xmlError* error = xmlGetLastError();
            m_error =
                name + ": not well-formed XML" +
                (error ? ": line " + std::to_string(error->line) + ": " + error->message : "");
            return;
        }
        m_context = xmlXPathNewContext(m_document);
        static const std::pair<const char*, const char*> namespaces[] = {
            {"h", "http://www.w3.org/1999/xhtml"},
            {"epub", "http://www.idpf.org/2007/ops"},
            {"svg", "http://www.w3.org/2000/svg"},
            {"opf", "http://www.idpf.org/2007/opf"},
            {"dc", "http://purl.org/dc/elements/1.1/"},
            {"c", "urn:oasis:names:tc:opendocument:xmlns:container"}};
        for (auto [prefix, uri] : namespaces)
            xmlXPathRegisterNs(m_context, reinterpret_cast<const xmlChar*>(prefix),
                               reinterpret_cast<const xmlChar*>(uri));
    }
    ~Xml() {
        if (m_context)
            xmlXPathFreeContext(m_context);
        if (m_document)
            xmlFreeDoc(m_document);
    }
    Xml(const Xml&) = delete;
    Xml& operator=(const Xml&) = delete;

    bool ok() const { return m_document != nullptr; }
    xmlNodePtr root() const { return m_document ? xmlDocGetRootElement(m_document) : nullptr; }
    const std::string& error() const { return m_error; }

    /// The nodes an XPath expression selects, in document order.
    std::vector<xmlNodePtr> select(const std::string& xpath, xmlNodePtr from = nullptr) const {
        std::vector<xmlNodePtr> out;
        if (!m_context)
            return out;
        m_context->node = from ? from : xmlDocGetRootElement(m_document);
        xmlXPathObjectPtr result =
            xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(xpath.c_str()), m_context);
        if (!result)
            throw std::runtime_error("bad XPath: " + xpath);
        if (result->nodesetval)
            for (int i = 0; i < result->nodesetval->nodeNr; ++i)
                out.push_back(result->nodesetval->nodeTab[i]);
        xmlXPathFreeObject(result);
        return out;
    }

    /// The string value of an XPath expression ("string(//h:title)", "count(//h:p)").
    std::string value(const std::string& xpath) const {
        m_context->node = xmlDocGetRootElement(m_document);
        xmlXPathObjectPtr result =
            xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(xpath.c_str()), m_context);
        if (!result)
            throw std::runtime_error("bad XPath: " + xpath);
        xmlChar* text = xmlXPathCastToString(result);
        std::string out = text ? reinterpret_cast<const char*>(text) : "";
        xmlFree(text);
        xmlXPathFreeObject(result);
        return out;
    }

    /// An attribute of an element ("" when it has none); `ns` for a namespaced one.
    static std::string attribute(xmlNodePtr node, const char* name, const char* ns = nullptr) {
        xmlChar* value = ns ? xmlGetNsProp(node, reinterpret_cast<const xmlChar*>(name),
                                           reinterpret_cast<const xmlChar*>(ns))
                            : xmlGetNoNsProp(node, reinterpret_cast<const xmlChar*>(name));
        std::string out = value ? reinterpret_cast<const char*>(value) : "";
        xmlFree(value);
        return out;
    }

    /// The text inside an element.
    static std::string text(xmlNodePtr node) {
        xmlChar* value = xmlNodeGetContent(node);
        std::string out = value ? reinterpret_cast<const char*>(value) : "";
        xmlFree(value);
        return out;
    }

    static std::string name(xmlNodePtr node) { return reinterpret_cast<const char*>(node->name); }

private:
    xmlDocPtr m_document = nullptr;
    xmlXPathContextPtr m_context = nullptr;
    std::string m_error;
};

inline constexpr const char* xml_namespace = "http://www.w3.org/XML/1998/namespace";
inline constexpr const char* epub_namespace = "http://www.idpf.org/2007/ops";

} // namespace mipex::testing
