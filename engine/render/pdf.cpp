#include "render/pdf.h"

#include "base/files.h"
#include "base/parallel.h"
#include "base/text.h"
#include "base/xml.h"
#include "render/pdf_content.h"
#include "render/pdf_fonts.h"
#include "render/pdf_syntax.h"

#include <algorithm>
#include <functional>
#include <malloc.h>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>

namespace mipex::render {

using namespace pdf;

std::string pdf_date(std::time_t time) {
    return format_utc(time, "D:%Y%m%d%H%M%SZ");
}

namespace {

/// Where a named destination is: a page and a point on it, in points from the top-left.
struct Destination {
    size_t page = 0;
    Length x = 0, y = 0;
};

/// What the writer learns by walking every page once before writing any: the glyphs each face
/// shows and the text each glyph stands for (which decides where a page needs /ActualText,
/// so pages can then be written in any order), the alphas used and the named destinations.
struct Survey {
    std::map<std::string, Destination> destinations;
    /// The faces shown, in the order of first use: the font table also holds fonts no page
    /// shows (a table kept between builds), and its order depends on what was laid out before.
    std::vector<uint32_t> faces;
    std::vector<bool> face_seen;
    std::set<uint8_t> fill_alphas, stroke_alphas;
    ReusedPaths reused;
};

class Surveyor {
public:
    Surveyor(const ContentResources& resources, Survey& survey)
        : m_resources(resources), m_survey(survey) {}

    void items(const std::vector<display::Item>& items, size_t page, display::Point offset) {
        for (const display::Item& item : items) {
            if (auto* run = std::get_if<display::GlyphRun>(&item)) {
                glyph_run(*run);
            } else if (auto* shape = std::get_if<display::Shape>(&item)) {
                m_survey.reused.count(*shape);
                if (shape->fill && shape->fill->a != 255)
                    m_survey.fill_alphas.insert(shape->fill->a);
                if (shape->stroke && shape->stroke->color.a != 255)
                    m_survey.stroke_alphas.insert(shape->stroke->color.a);
                if (shape->hatch && shape->hatch->color.a != 255)
                    m_survey.stroke_alphas.insert(shape->hatch->color.a);
            } else if (auto* anchor = std::get_if<display::Anchor>(&item)) {
                // The first of two anchors with one name wins, as links found it in cairo's PDF.
                m_survey.destinations.emplace(anchor->name,
                                              Destination{page, offset.x + anchor->position.x,
                                                          offset.y + anchor->position.y});
            } else if (auto* group = std::get_if<display::Group>(&item)) {
                this->items(group->items(), page,
                            {offset.x + group->offset.x, offset.y + group->offset.y});
            }
        }
    }

private:
    void glyph_run(const display::GlyphRun& run) {
        if (run.glyphs.empty())
            return;
        if (run.color.a != 255)
            m_survey.fill_alphas.insert(run.color.a);
        const uint32_t face_index = m_resources.face_of_font.at(run.font);
        if (m_survey.face_seen.size() <= face_index)
            m_survey.face_seen.resize(face_index + 1, false);
        if (!m_survey.face_seen[face_index]) {
            m_survey.face_seen[face_index] = true;
            m_survey.faces.push_back(face_index);
        }
        FontFace& face = *m_resources.faces.at(face_index);
        for (const display::Glyph& glyph : run.glyphs)
            face.use(glyph.id());
        size_t byte = 0, glyph = run.backward ? run.glyphs.size() : 0;
        display::for_each_cluster(run, [&](const display::Cluster& cluster) {
            size_t first = glyph;
            if (run.backward)
                first = glyph -= cluster.glyphs;
            else
                glyph += cluster.glyphs;
            if (cluster.glyphs == 1 && cluster.bytes > 0)
                face.note_text(run.glyphs[first].id(),
                               std::string_view(run.text).substr(byte, cluster.bytes));
            byte += cluster.bytes;
        });
    }

    const ContentResources& m_resources;
    Survey& m_survey;
};

/// A page's content stream, compressed, its links and the elements of its marked content.
struct WrittenPage {
    std::string content;
    std::vector<PageLink> links;
    std::vector<display::ElementId> marked; ///< by MCID
};

/// A Link structure element the writer adds for an annotation (§14.8.4.4.2): the element
/// holds the annotation through an object reference (OBJR).
struct LinkElement {
    uint32_t number = 0;     ///< the element's object
    uint32_t annotation = 0; ///< the annotation's object
    size_t page = 0;
    display::ElementId parent = 0;
    uint64_t order = 0; ///< where it is read among its parent's content
};

/// The objects every page refers to, numbered before any is written.
struct PageObjects {
    uint32_t tree = 0;      ///< the page tree's root
    uint32_t resources = 0; ///< the resource dictionary pages and forms share
    std::vector<uint32_t> pages;
};

/// A kid of a structure element (/K, §14.7.2): its marked content (an MCID, or a marked-content
/// reference on another page), an annotation's Link element or a child element, with where it
/// is read.
struct StructureKid {
    uint64_t order = UINT64_MAX;
    std::string text;
};

/// Where content is read: its page, then its place on the page (MCIDs and links interleaved).
uint64_t reading_order(size_t page, uint64_t place) {
    return (static_cast<uint64_t>(page) << 32) | place;
}

// Page labels (§12.4.2): ranges of pages numbered in one style from a start.

std::string roman(int number, bool upper) {
    static const std::pair<int, const char*> numerals[] = {
        {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
        {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
    std::string out;
    for (const auto& [value, letters] : numerals)
        for (; number >= value; number -= value)
            out += letters;
    if (upper)
        for (char& c : out)
            c = static_cast<char>(c - 'a' + 'A');
    return out;
}

struct LabelStyle {
    char style = 0; ///< 'D' decimal, 'r' / 'R' roman; 0 for a label that is neither
    int number = 0;
};

LabelStyle label_style(const std::string& label) {
    if (label.empty() || label.size() > 9)
        return {};
    if (label.find_first_not_of("0123456789") == std::string::npos && label[0] != '0')
        return {'D', std::stoi(label)};
    for (bool upper : {false, true}) {
        if (label.find_first_not_of(upper ? "MDCLXVI" : "mdclxvi") != std::string::npos)
            continue;
        // The number whose numeral this is, if any: numerals are short, so try them all.
        for (int n = 1; n < 4000; ++n)
            if (roman(n, upper) == label)
                return {upper ? 'R' : 'r', n};
    }
    return {};
}

std::string page_labels(const std::vector<display::Page>& pages) {
    std::string nums;
    LabelStyle current;
    std::string current_prefix;
    bool open = false;
    for (size_t p = 0; p < pages.size(); ++p) {
        const std::string& label = pages[p].label;
        LabelStyle style = label_style(label);
        if (open &&
            ((style.style && style.style == current.style && style.number == current.number + 1) ||
             (!style.style && !current.style && label == current_prefix))) {
            current.number = style.number;
            continue;
        }
        open = true;
        current = style;
        current_prefix = style.style ? "" : label;
        append_integer(nums, static_cast<int64_t>(p));
        nums += " <<";
        if (style.style) {
            nums += " /S /";
            nums += style.style;
            if (style.number != 1) {
                nums += " /St ";
                append_integer(nums, style.number);
            }
        } else if (!label.empty()) {
            // A label no numbering style writes (Arabic-Indic digits): the label itself.
            nums += " /P ";
            append_text(nums, label);
        }
        nums += " >> ";
    }
    if (!nums.empty())
        nums.pop_back();
    return "<< /Nums [" + nums + "] >>";
}

/// The XMP packet (ISO 16684-1) saying what the Info dictionary says, as PDF/A and PDF/UA ask.
std::string xmp_metadata(const display::Metadata& metadata, std::time_t date,
                         const std::string& producer) {
    std::string when = iso8601_utc(date);
    std::string out = "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                      " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                      "  <rdf:Description rdf:about=\"\"\n"
                      "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                      "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                      "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
                      "   <dc:format>application/pdf</dc:format>\n";
    if (!metadata.title.empty())
        out += "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" +
               xml_escape(metadata.title) + "</rdf:li></rdf:Alt></dc:title>\n";
    if (!metadata.author.empty())
        out += "   <dc:creator><rdf:Seq><rdf:li>" + xml_escape(metadata.author) +
               "</rdf:li></rdf:Seq></dc:creator>\n";
    if (!metadata.subject.empty())
        out += "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" +
               xml_escape(metadata.subject) + "</rdf:li></rdf:Alt></dc:description>\n";
    if (!metadata.language.empty())
        out += "   <dc:language><rdf:Bag><rdf:li>" + xml_escape(metadata.language) +
               "</rdf:li></rdf:Bag></dc:language>\n";
    if (!metadata.keywords.empty())
        out += "   <pdf:Keywords>" + xml_escape(metadata.keywords) + "</pdf:Keywords>\n";
    out += "   <pdf:Producer>" + xml_escape(producer) + "</pdf:Producer>\n";
    if (!metadata.creator.empty())
        out += "   <xmp:CreatorTool>" + xml_escape(metadata.creator) + "</xmp:CreatorTool>\n";
    out += "   <xmp:CreateDate>" + when + "</xmp:CreateDate>\n";
    out += "   <xmp:ModifyDate>" + when + "</xmp:ModifyDate>\n";
    out += "   <xmp:MetadataDate>" + when + "</xmp:MetadataDate>\n";
    out += "  </rdf:Description>\n"
           " </rdf:RDF>\n"
           "</x:xmpmeta>\n"
           "<?xpacket end=\"r\"?>";
    return out;
}

constexpr const char* producer = "mipex";

/// The outline (§12.3.3) as a tree: each entry's parent is the last entry one level up.
struct OutlineNode {
    const display::OutlineEntry* entry = nullptr;
    std::vector<OutlineNode> children;
    uint32_t number = 0;
};

/// Items shown when the outline opens: the top level is open, deeper levels closed.
int64_t visible_descendants(const OutlineNode& node, bool open) {
    if (!open)
        return 0;
    int64_t count = 0;
    for (const OutlineNode& child : node.children)
        count += 1 + visible_descendants(child, false);
    return count;
}

class DocumentWriter {
public:
    DocumentWriter(const display::Book& document, std::vector<display::Page>* release,
                   const PdfOptions& options)
        : m_document(document), m_release(release), m_options(options) {}

    PdfResult write() {
        PdfResult result;
        load_faces();
        Surveyor surveyor(m_resources, m_survey);
        for (size_t p = 0; p < m_document.pages.size(); ++p)
            surveyor.items(m_document.pages[p].items, p, {});
        // Faces in the order pages first show them, those no page shows left out, so the same
        // pages give the same bytes whatever else the font table holds.
        std::vector<std::unique_ptr<FontFace>> shown;
        std::vector<uint32_t> renumbered(m_faces.size(), UINT32_MAX);
        for (uint32_t face : m_survey.faces) {
            renumbered[face] = static_cast<uint32_t>(shown.size());
            shown.push_back(std::move(m_faces[face]));
        }
        m_faces = std::move(shown);
        for (uint32_t& face : m_resources.face_of_font)
            face = renumbered[face];
        m_resources.faces.clear();
        for (auto& face : m_faces) {
            face->settle_texts();
            m_resources.faces.push_back(face.get());
        }
        // Pages go back to opaque with a state of their own.
        if (!m_survey.fill_alphas.empty() || !m_survey.stroke_alphas.empty()) {
            m_survey.fill_alphas.insert(255);
            m_survey.stroke_alphas.insert(255);
            m_resources.transparent = true;
        }
        m_survey.reused.settle(m_resources);
        m_resources.reused = &m_survey.reused;

        // Pages first, each display list freed once its content is written, so that subsetting
        // the fonts reuses their memory (the bench book's peak RSS on one thread: 76 to 73 MB).
        const size_t fonts = m_faces.size(), pages = m_document.pages.size(),
                     forms = m_survey.reused.forms().size();
        std::vector<EmbeddedFont> embedded(fonts);
        std::vector<WrittenPage> written(pages);
        std::vector<std::string> compressed_forms(forms);
        const unsigned threads = thread_count(m_options.threads);
        std::vector<std::unique_ptr<Deflater>> deflaters;
        for (unsigned t = 0; t < threads; ++t)
            deflaters.push_back(
                std::make_unique<Deflater>(Deflater::default_level, m_options.compressed));
        parallel_for(pages + fonts + forms, threads, [&](size_t task, unsigned worker) {
            Deflater& deflater = *deflaters[worker];
            if (task >= pages + fonts) {
                deflater.compress(m_survey.reused.forms()[task - pages - fonts].content,
                                  compressed_forms[task - pages - fonts]);
                return;
            }
            if (task >= pages) {
                embedded[task - pages] = m_faces[task - pages]->embed(deflater);
                return;
            }
            size_t p = task;
            const display::Page& page = m_document.pages[p];
            ContentWriter writer(m_resources, page.height);
            writer.items(page.items);
            deflater.compress(writer.finish(), written[p].content);
            written[p].links = std::move(writer.links);
            written[p].marked = std::move(writer.marked);
            if (m_release)
                std::vector<display::Item>().swap((*m_release)[p].items);
        });

        // The display lists just freed were most of the heap, and glibc keeps their pages: the
        // workers' arenas cannot reuse the main arena's chunks, nor the assembly all of their
        // small holes. Returned, they are not part of the peak (the benchmark book: the
        // resident set falls from 59 to 44 MB here, and the peak from 62–63 to 58 MB with the
        // pipeline's trim before rendering).
        if (m_release && m_options.trim_heap)
            malloc_trim(0);
        // The object streams too: an edit that moves no page leaves most of them as they were.
        result.bytes =
            assemble(embedded, written, compressed_forms, *deflaters.front(), result.dropped_links);
        if (m_options.compressed)
            m_options.compressed->next_build();
        return result;
    }

private:
    void load_faces() {
        const display::FontTable& fonts = *m_document.fonts;
        m_resources.fonts = &fonts;
        m_resources.structure = &m_document.structure;
        std::map<std::pair<std::string, unsigned>, uint32_t> ids;
        for (display::FontId id = 0; id < fonts.size(); ++id) {
            const display::Font& font = fonts.at(id);
            if (font.path.empty())
                throw std::runtime_error("the font " + font.family + " " + font.style +
                                         " has no file to embed");
            auto [found, added] = ids.emplace(std::make_pair(font.path, font.index),
                                              static_cast<uint32_t>(m_faces.size()));
            if (added)
                m_faces.push_back(std::make_unique<FontFace>(font.face, font.path, font.index));
            m_resources.face_of_font.push_back(found->second);
        }
        for (auto& face : m_faces)
            m_resources.faces.push_back(face.get());
    }

    /// Writes the file around the streams written before: pages, fonts, forms, their
    /// resources, the document's navigation and metadata, then the catalog. Object numbers
    /// are reserved in this order, so each step keeps its place in the file.
    std::string assemble(std::vector<EmbeddedFont>& embedded, std::vector<WrittenPage>& written,
                         std::vector<std::string>& compressed_forms, Deflater& deflater,
                         size_t& dropped_links) {
        File file("1.7", deflater);
        const uint32_t catalog = file.reserve();
        PageObjects objects;
        objects.tree = file.reserve();
        objects.resources = file.reserve();
        const uint32_t info = file.reserve();
        for (size_t p = 0; p < m_document.pages.size(); ++p)
            objects.pages.push_back(file.reserve());

        std::vector<LinkElement> link_elements;
        write_pages(file, written, objects, link_elements, dropped_links);
        std::string font_resources = write_fonts(file, embedded);
        std::string form_resources = write_forms(file, compressed_forms, objects.resources);
        file.object(objects.resources, resource_dictionary(font_resources, form_resources));

        std::string catalog_entries = destinations(file, objects.pages);
        catalog_entries += outline(file);
        if (!m_document.structure.empty())
            catalog_entries += structure(file, written, link_elements, objects.pages);

        const std::time_t date = m_options.date.value_or(std::time(nullptr));
        file.object(info, info_dictionary(date));
        // XMP is left uncompressed, so that tools which do not read PDF can still find it.
        const uint32_t xmp = file.reserve();
        file.stream(xmp, "/Type /Metadata /Subtype /XML",
                    xmp_metadata(m_document.metadata, date, producer));
        file.object(catalog, catalog_dictionary(objects.tree, catalog_entries, xmp));

        std::string trailer = "/Root ";
        append_reference(trailer, catalog);
        trailer += " /Info ";
        append_reference(trailer, info);
        return file.finish(trailer);
    }

    /// Pages carry transparency when some fill or stroke is not opaque.
    bool transparent() const {
        return !m_survey.fill_alphas.empty() || !m_survey.stroke_alphas.empty();
    }

    /// Writes each page: its content stream, its link annotations and its page object; then
    /// the page tree (§7.7.3). A link to a destination no page holds is dropped and counted.
    void write_pages(File& file, std::vector<WrittenPage>& written, const PageObjects& objects,
                     std::vector<LinkElement>& link_elements, size_t& dropped_links) {
        const std::vector<display::Page>& pages = m_document.pages;
        std::string kids;
        for (size_t p = 0; p < pages.size(); ++p) {
            const uint32_t content = file.reserve();
            file.stream(content, "/Filter /FlateDecode", written[p].content);
            std::string().swap(written[p].content);
            std::string annotations =
                write_links(file, p, written[p].links, link_elements, dropped_links);
            file.object(objects.pages[p], page_dictionary(p, objects, content, annotations));
            if (!kids.empty())
                kids += ' ';
            append_reference(kids, objects.pages[p]);
        }
        std::string tree = "<< /Type /Pages /Kids [" + kids + "] /Count ";
        append_integer(tree, static_cast<int64_t>(pages.size()));
        tree += " >>";
        file.object(objects.tree, std::move(tree));
    }

    /// Writes the link annotations of page `p` (§12.5.6.5), each with its Link element in a
    /// tagged file; returns the references to them for the page's /Annots.
    std::string write_links(File& file, size_t p, const std::vector<PageLink>& links,
                            std::vector<LinkElement>& link_elements, size_t& dropped_links) {
        const bool tagged = !m_document.structure.empty();
        std::string annotations;
        for (const PageLink& link : links) {
            if (!link.destination.empty() && !m_survey.destinations.count(link.destination)) {
                ++dropped_links;
                continue;
            }
            uint32_t number = file.reserve();
            std::optional<size_t> struct_parent;
            if (tagged && link.element) {
                // Its key in the parent tree follows the pages' keys (§14.7.4.4).
                struct_parent = m_document.pages.size() + link_elements.size();
                link_elements.push_back(
                    LinkElement{file.reserve(), number, p, *link.element,
                                reading_order(p, 2 * static_cast<uint64_t>(link.after))});
            }
            file.object(number, link_annotation(link, m_document.pages[p], struct_parent));
            if (!annotations.empty())
                annotations += ' ';
            append_reference(annotations, number);
        }
        return annotations;
    }

    /// A link's annotation on `page`; `struct_parent`, its key in the parent tree.
    static std::string link_annotation(const PageLink& link, const display::Page& page,
                                       std::optional<size_t> struct_parent) {
        const int64_t height = thousandths_of_pt(page.height);
        std::string annotation = "<< /Type /Annot /Subtype /Link";
        if (struct_parent) {
            annotation += " /StructParent ";
            append_integer(annotation, static_cast<int64_t>(*struct_parent));
        }
        annotation += " /Rect [";
        // PDF user space has its origin at the bottom-left, y upwards (§8.3.2.3).
        append_thousandths(annotation, link.x);
        annotation += ' ';
        append_thousandths(annotation, height - link.y - link.height);
        annotation += ' ';
        append_thousandths(annotation, link.x + link.width);
        annotation += ' ';
        append_thousandths(annotation, height - link.y);
        // No visible border around links (the default is a 1-point one).
        annotation += "] /Border [0 0 0]";
        if (!link.text.empty()) {
            annotation += " /Contents ";
            append_text(annotation, link.text);
        }
        if (!link.destination.empty()) {
            annotation += " /Dest ";
            append_literal(annotation, link.destination);
        } else {
            annotation += " /A << /S /URI /URI ";
            append_literal(annotation, link.uri);
            annotation += " >>";
        }
        annotation += " >>";
        return annotation;
    }

    /// The page object of page `p` (§7.7.3.3), whose content stream is `content`.
    std::string page_dictionary(size_t p, const PageObjects& objects, uint32_t content,
                                const std::string& annotations) const {
        const display::Page& page = m_document.pages[p];
        std::string dictionary = "<< /Type /Page /Parent ";
        append_reference(dictionary, objects.tree);
        dictionary += " /MediaBox [0 0 ";
        append_length(dictionary, page.width);
        dictionary += ' ';
        append_length(dictionary, page.height);
        dictionary += "] /Resources ";
        append_reference(dictionary, objects.resources);
        dictionary += " /Contents ";
        append_reference(dictionary, content);
        if (!annotations.empty())
            dictionary += " /Annots [" + annotations + "]";
        // The page's marked content in the parent tree under the page's index; Tab moves
        // through its links in structure order (PDF/UA-1 7.18.3).
        if (!m_document.structure.empty()) {
            dictionary += " /StructParents ";
            append_integer(dictionary, static_cast<int64_t>(p));
            if (!annotations.empty())
                dictionary += " /Tabs /S";
        }
        // Transparency is blended in RGB on every page, whatever the viewer's device (§11.4.7).
        if (transparent())
            dictionary += " /Group << /Type /Group /S /Transparency /CS /DeviceRGB >>";
        dictionary += " >>";
        return dictionary;
    }

    /// Writes the fonts: a Type0 font over a CIDFont, shown through Identity-H (§9.7.6), one
    /// per face, each freed once written. Returns their entries in the resources' /Font.
    std::string write_fonts(File& file, std::vector<EmbeddedFont>& embedded) {
        std::string font_resources;
        for (size_t f = 0; f < embedded.size(); ++f) {
            font_resources += " /F" + std::to_string(f) + ' ';
            append_reference(font_resources, write_font(file, embedded[f]));
            embedded[f] = EmbeddedFont();
        }
        return font_resources;
    }

    /// Writes one font's objects; returns the number of its Type0 font.
    static uint32_t write_font(File& file, const EmbeddedFont& font) {
        const uint32_t type0 = file.reserve(), cid_font = file.reserve(),
                       descriptor = file.reserve(), program = file.reserve(),
                       to_unicode = file.reserve();
        std::string entries = "/Filter /FlateDecode";
        if (font.cff) {
            // CFF outlines in an OpenType wrapper (§9.9, table 126; PDF 1.6).
            entries += " /Subtype /OpenType";
        } else {
            entries += " /Length1 ";
            append_integer(entries, static_cast<int64_t>(font.program_size));
        }
        file.stream(program, entries, font.program);
        file.stream(to_unicode, "/Filter /FlateDecode", font.to_unicode);
        std::string text = "<< " + font.descriptor + (font.cff ? " /FontFile3 " : " /FontFile2 ");
        append_reference(text, program);
        text += " >>";
        file.object(descriptor, std::move(text));
        text = "<< /Type /Font /Subtype ";
        text += font.cff ? "/CIDFontType0" : "/CIDFontType2";
        text += " /BaseFont ";
        append_name(text, font.base_font);
        text += " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                "/FontDescriptor ";
        append_reference(text, descriptor);
        text += " /W " + font.widths;
        // Character codes are glyph ids (§9.7.4.2); a CFF font's CIDs are its glyph ids too.
        if (!font.cff)
            text += " /CIDToGIDMap /Identity";
        text += " >>";
        file.object(cid_font, std::move(text));
        text = "<< /Type /Font /Subtype /Type0 /BaseFont ";
        append_name(text, font.base_font);
        text += " /Encoding /Identity-H /DescendantFonts [";
        append_reference(text, cid_font);
        text += "] /ToUnicode ";
        append_reference(text, to_unicode);
        text += " >>";
        file.object(type0, std::move(text));
        return type0;
    }

    /// Writes the reused paths, each a form drawn in the pages' resources (§8.10.1), each
    /// freed once written. Returns their entries in the resources' /XObject.
    std::string write_forms(File& file, std::vector<std::string>& compressed_forms,
                            uint32_t resources) {
        std::string form_resources;
        const std::vector<ReusedPaths::Form>& forms = m_survey.reused.forms();
        for (size_t f = 0; f < forms.size(); ++f) {
            const display::Rect& box = forms[f].box;
            std::string entries = "/Type /XObject /Subtype /Form /BBox [";
            append_length(entries, box.x);
            entries += ' ';
            append_length(entries, box.y);
            entries += ' ';
            append_length(entries, box.x + box.width);
            entries += ' ';
            append_length(entries, box.y + box.height);
            entries += "] /Resources ";
            append_reference(entries, resources);
            entries += " /Filter /FlateDecode";
            const uint32_t number = file.reserve();
            file.stream(number, entries, compressed_forms[f]);
            std::string().swap(compressed_forms[f]);
            form_resources += " /P" + std::to_string(f) + ' ';
            append_reference(form_resources, number);
        }
        return form_resources;
    }

    /// The resource dictionary every page and form shares (§7.8.3): fonts, forms and a
    /// graphics state for each alpha used (§8.4.5).
    std::string resource_dictionary(const std::string& font_resources,
                                    const std::string& form_resources) const {
        std::string resource_text = "<< /Font <<" + font_resources + " >>";
        if (!form_resources.empty())
            resource_text += " /XObject <<" + form_resources + " >>";
        if (transparent()) {
            resource_text += " /ExtGState <<";
            for (bool stroke : {false, true}) {
                for (uint8_t alpha : stroke ? m_survey.stroke_alphas : m_survey.fill_alphas) {
                    resource_text += " /" + alpha_state_name(stroke, alpha) +
                                     " << /Type /ExtGState " + (stroke ? "/CA " : "/ca ");
                    append_thousandths(resource_text,
                                       (static_cast<int64_t>(alpha) * 1000 + 127) / 255);
                    resource_text += " >>";
                }
            }
            resource_text += " >>";
        }
        resource_text += " >>";
        return resource_text;
    }

    /// Writes the named destinations (§12.3.2.3): a name tree sorted by name, in leaves of 64.
    /// Returns the catalog's /Names entry (empty without destinations).
    std::string destinations(File& file, const std::vector<uint32_t>& page_numbers) {
        if (m_survey.destinations.empty())
            return {};
        const std::vector<display::Page>& pages = m_document.pages;
        auto destination = [&](const Destination& where) {
            std::string out = "[";
            append_reference(out, page_numbers[where.page]);
            out += " /XYZ ";
            append_length(out, where.x);
            out += ' ';
            append_thousandths(out, thousandths_of_pt(pages[where.page].height) -
                                        thousandths_of_pt(where.y));
            out += " null]";
            return out;
        };
        std::vector<std::pair<const std::string*, std::string>> names;
        for (const auto& [name, where] : m_survey.destinations)
            names.emplace_back(&name, destination(where));
        constexpr size_t leaf_size = 64;
        auto leaf = [&](size_t start, size_t end, bool limits) {
            std::string out = "<<";
            if (limits) {
                out += " /Limits [";
                append_literal(out, *names[start].first);
                out += ' ';
                append_literal(out, *names[end - 1].first);
                out += ']';
            }
            out += " /Names [";
            for (size_t i = start; i < end; ++i) {
                if (i > start)
                    out += ' ';
                append_literal(out, *names[i].first);
                out += ' ' + names[i].second;
            }
            return out + "] >>";
        };
        uint32_t root = file.reserve();
        if (names.size() <= leaf_size) {
            file.object(root, leaf(0, names.size(), false));
        } else {
            std::string root_text = "<< /Kids [";
            for (size_t start = 0; start < names.size(); start += leaf_size) {
                uint32_t number = file.reserve();
                file.object(number, leaf(start, std::min(names.size(), start + leaf_size), true));
                if (start)
                    root_text += ' ';
                append_reference(root_text, number);
            }
            file.object(root, root_text + "] >>");
        }
        std::string entry = " /Names << /Dests ";
        append_reference(entry, root);
        entry += " >>";
        return entry;
    }

    /// The document information dictionary (§14.3.3), dated `date`.
    std::string info_dictionary(std::time_t date) const {
        const display::Metadata& metadata = m_document.metadata;
        std::string info_text = "<<";
        auto add_info = [&](const char* key, const std::string& value) {
            if (value.empty())
                return;
            info_text += ' ';
            info_text += key;
            info_text += ' ';
            append_text(info_text, value);
        };
        add_info("/Title", metadata.title);
        add_info("/Author", metadata.author);
        add_info("/Subject", metadata.subject);
        add_info("/Keywords", metadata.keywords);
        add_info("/Creator", metadata.creator);
        add_info("/Producer", producer);
        add_info("/CreationDate", pdf_date(date));
        add_info("/ModDate", pdf_date(date));
        return info_text + " >>";
    }

    /// The document catalog (§7.7.2): the page tree, the page labels, `entries` (destinations,
    /// outline and structure tree), the language, the viewer preferences and the XMP metadata.
    std::string catalog_dictionary(uint32_t page_tree, const std::string& entries,
                                   uint32_t xmp) const {
        const display::Metadata& metadata = m_document.metadata;
        std::string root = "<< /Type /Catalog /Pages ";
        append_reference(root, page_tree);
        if (!m_document.pages.empty())
            root += " /PageLabels " + page_labels(m_document.pages);
        root += entries;
        if (!metadata.language.empty()) {
            root += " /Lang ";
            append_text(root, metadata.language);
        }
        // Show the title, not the file name, in the viewer's window (PDF/UA-1 7.1). A
        // right-to-left book: viewers show its spreads with page 1 on the right and move leftwards
        // (§12.2, table 150: /Direction).
        root += " /ViewerPreferences << /DisplayDocTitle true";
        if (metadata.right_to_left)
            root += " /Direction /R2L";
        root += " >> /Metadata ";
        append_reference(root, xmp);
        root += " >>";
        return root;
    }

    /// Writes the structure tree (§14.7): its elements, the Link elements of annotations and the
    /// parent tree from marked content back to elements. Returns the catalog's entries.
    std::string structure(File& file, const std::vector<WrittenPage>& written,
                          const std::vector<LinkElement>& link_elements,
                          const std::vector<uint32_t>& page_numbers) {
        const std::vector<display::Element>& elements = m_document.structure;
        const size_t count = elements.size();
        const uint32_t root = file.reserve(), parent_tree = file.reserve();
        std::vector<uint32_t> numbers(count);
        for (uint32_t& number : numbers)
            number = file.reserve();

        std::vector<std::optional<size_t>> first_page(count);
        std::vector<std::vector<StructureKid>> kids =
            structure_kids(written, link_elements, page_numbers, numbers, first_page);
        for (size_t e = 0; e < count; ++e) {
            std::stable_sort(
                kids[e].begin(), kids[e].end(),
                [](const StructureKid& a, const StructureKid& b) { return a.order < b.order; });
            std::optional<uint32_t> page;
            if (first_page[e])
                page = page_numbers[*first_page[e]];
            file.object(numbers[e],
                        element_dictionary(elements[e], e == 0 ? root : numbers[elements[e].parent],
                                           page, kids[e]));
            std::vector<StructureKid>().swap(kids[e]);
        }
        for (const LinkElement& link : link_elements) {
            std::string text = "<< /Type /StructElem /S /Link /P ";
            append_reference(text, numbers[link.parent]);
            text += " /Pg ";
            append_reference(text, page_numbers[link.page]);
            text += " /K [<< /Type /OBJR /Obj ";
            append_reference(text, link.annotation);
            text += " >>] >>";
            file.object(link.number, std::move(text));
        }

        file.object(parent_tree, parent_tree_dictionary(written, link_elements, numbers));
        std::string text = "<< /Type /StructTreeRoot /K [";
        append_reference(text, numbers[0]);
        text += "] /ParentTree ";
        append_reference(text, parent_tree);
        text += " /ParentTreeNextKey ";
        append_integer(text, static_cast<int64_t>(written.size() + link_elements.size()));
        file.object(root, text + " >>");
        std::string entry = " /MarkInfo << /Marked true >> /StructTreeRoot ";
        append_reference(entry, root);
        return entry;
    }

    /// The kids of each structure element (`numbers`: the elements' objects), unsorted. Each
    /// element's own content (marked content, links) in reading order, then its child
    /// elements: in the order they were made (the logical order), or, among content of its
    /// own, where the first of their content is read. `first_page` is set to the page where
    /// each element's own marked content begins.
    std::vector<std::vector<StructureKid>>
    structure_kids(const std::vector<WrittenPage>& written,
                   const std::vector<LinkElement>& link_elements,
                   const std::vector<uint32_t>& page_numbers, const std::vector<uint32_t>& numbers,
                   std::vector<std::optional<size_t>>& first_page) const {
        const std::vector<display::Element>& elements = m_document.structure;
        const size_t count = elements.size();
        std::vector<std::vector<StructureKid>> kids(count);
        std::vector<uint64_t> first(count, UINT64_MAX);
        std::vector<bool> own_content(count, false);
        for (size_t p = 0; p < written.size(); ++p)
            for (size_t mcid = 0; mcid < written[p].marked.size(); ++mcid) {
                display::ElementId e = written[p].marked[mcid];
                if (!first_page[e])
                    first_page[e] = p;
                StructureKid kid{reading_order(p, 2 * mcid + 1), {}};
                if (*first_page[e] == p) {
                    append_integer(kid.text, static_cast<int64_t>(mcid));
                } else {
                    kid.text = "<< /Type /MCR /Pg ";
                    append_reference(kid.text, page_numbers[p]);
                    kid.text += " /MCID ";
                    append_integer(kid.text, static_cast<int64_t>(mcid));
                    kid.text += " >>";
                }
                first[e] = std::min(first[e], kid.order);
                own_content[e] = true;
                kids[e].push_back(std::move(kid));
            }
        for (const LinkElement& link : link_elements) {
            StructureKid kid{link.order, {}};
            append_reference(kid.text, link.number);
            first[link.parent] = std::min(first[link.parent], link.order);
            own_content[link.parent] = true;
            kids[link.parent].push_back(std::move(kid));
        }
        // Parents come before their children, so one pass from the end gives every element the
        // first content of its subtree.
        for (size_t e = count; e-- > 1;)
            first[elements[e].parent] = std::min(first[elements[e].parent], first[e]);
        for (size_t e = 1; e < count; ++e) {
            StructureKid kid{own_content[elements[e].parent] ? first[e] : 0, {}};
            append_reference(kid.text, numbers[e]);
            kids[elements[e].parent].push_back(std::move(kid));
        }
        return kids;
    }

    /// A structure element (§14.7.2, table 323) under the object `parent`, its content
    /// beginning on the page object `page`, its kids in order.
    static std::string element_dictionary(const display::Element& element, uint32_t parent,
                                          std::optional<uint32_t> page,
                                          const std::vector<StructureKid>& kids) {
        std::string text = "<< /Type /StructElem /S /";
        text += display::role_name(element.role);
        text += " /P ";
        append_reference(text, parent);
        if (page) {
            text += " /Pg ";
            append_reference(text, *page);
        }
        if (!element.alt.empty()) {
            text += " /Alt ";
            append_text(text, element.alt);
        }
        if (!element.actual_text.empty()) {
            text += " /ActualText ";
            append_text(text, element.actual_text);
        }
        if (!element.language.empty()) {
            text += " /Lang ";
            append_text(text, element.language);
        }
        if (element.scope != display::Element::Scope::None)
            text += element.scope == display::Element::Scope::Row
                        ? " /A << /O /Table /Scope /Row >>"
                        : " /A << /O /Table /Scope /Column >>";
        if (!kids.empty()) {
            text += " /K [";
            for (size_t k = 0; k < kids.size(); ++k) {
                if (k)
                    text += ' ';
                text += kids[k].text;
            }
            text += ']';
        }
        text += " >>";
        return text;
    }

    /// The parent tree (§14.7.4.4): for each page, its MCIDs' elements; for each link
    /// annotation, its Link element.
    static std::string parent_tree_dictionary(const std::vector<WrittenPage>& written,
                                              const std::vector<LinkElement>& link_elements,
                                              const std::vector<uint32_t>& numbers) {
        std::string nums;
        for (size_t p = 0; p < written.size(); ++p) {
            append_integer(nums, static_cast<int64_t>(p));
            nums += " [";
            for (size_t mcid = 0; mcid < written[p].marked.size(); ++mcid) {
                if (mcid)
                    nums += ' ';
                append_reference(nums, numbers[written[p].marked[mcid]]);
            }
            nums += "] ";
        }
        for (size_t k = 0; k < link_elements.size(); ++k) {
            append_integer(nums, static_cast<int64_t>(written.size() + k));
            nums += ' ';
            append_reference(nums, link_elements[k].number);
            nums += ' ';
        }
        if (!nums.empty())
            nums.pop_back();
        return "<< /Nums [" + nums + "] >>";
    }

    /// Writes the outline's items; returns the catalog's /Outlines entry (empty without one).
    std::string outline(File& file) {
        const std::vector<display::OutlineEntry>& entries = m_document.outline;
        if (entries.empty())
            return {};
        OutlineNode root;
        std::vector<OutlineNode*> parents = {&root};
        for (const display::OutlineEntry& entry : entries) {
            size_t level = static_cast<size_t>(std::max(entry.level, 0));
            if (level + 1 > parents.size())
                level = parents.size() - 1;
            parents.resize(level + 1);
            parents.back()->children.push_back(OutlineNode{&entry, {}, 0});
            parents.push_back(&parents.back()->children.back());
        }
        root.number = file.reserve();
        std::function<void(OutlineNode&)> number = [&](OutlineNode& node) {
            for (OutlineNode& child : node.children) {
                child.number = file.reserve();
                number(child);
            }
        };
        number(root);
        auto first_last = [](std::string& out, const OutlineNode& node) {
            if (node.children.empty())
                return;
            out += " /First ";
            append_reference(out, node.children.front().number);
            out += " /Last ";
            append_reference(out, node.children.back().number);
        };
        std::function<void(const OutlineNode&, bool)> write = [&](const OutlineNode& parent,
                                                                  bool open) {
            for (size_t i = 0; i < parent.children.size(); ++i) {
                const OutlineNode& node = parent.children[i];
                std::string text = "<< /Title ";
                append_text(text, node.entry->title);
                text += " /Parent ";
                append_reference(text, parent.number);
                if (i > 0) {
                    text += " /Prev ";
                    append_reference(text, parent.children[i - 1].number);
                }
                if (i + 1 < parent.children.size()) {
                    text += " /Next ";
                    append_reference(text, parent.children[i + 1].number);
                }
                first_last(text, node);
                // Top-level items open, showing their children; deeper ones closed (a negative
                // count, §12.3.3 table 153).
                if (!node.children.empty()) {
                    text += " /Count ";
                    append_integer(text, open ? visible_descendants(node, true)
                                              : -static_cast<int64_t>(node.children.size()));
                }
                if (m_survey.destinations.count(node.entry->destination)) {
                    text += " /Dest ";
                    append_literal(text, node.entry->destination);
                }
                text += " >>";
                file.object(node.number, std::move(text));
                write(node, false);
            }
        };
        write(root, true);
        std::string text = "<< /Type /Outlines";
        first_last(text, root);
        text += " /Count ";
        int64_t visible = 0;
        for (const OutlineNode& child : root.children)
            visible += 1 + visible_descendants(child, true);
        append_integer(text, visible);
        file.object(root.number, text + " >>");
        std::string entry = " /Outlines ";
        append_reference(entry, root.number);
        return entry;
    }

    const display::Book& m_document;
    std::vector<display::Page>* m_release;
    const PdfOptions& m_options;
    std::vector<std::unique_ptr<FontFace>> m_faces;
    ContentResources m_resources;
    Survey m_survey;
};

PdfResult render(const display::Book& document, std::vector<display::Page>* release,
                 const PdfOptions& options) {
    try {
        return DocumentWriter(document, release, options).write();
    } catch (const std::exception& exception) {
        PdfResult result;
        result.error = std::string("could not write the PDF: ") + exception.what();
        return result;
    }
}

} // namespace

PdfResult render_pdf(const display::Book& document, const PdfOptions& options) {
    return render(document, nullptr, options);
}

PdfResult render_pdf(display::Book&& document, const PdfOptions& options) {
    return render(document, &document.pages, options);
}

std::string write_pdf(const display::Book& document, const std::filesystem::path& path,
                      const PdfOptions& options) {
    PdfResult result = render_pdf(document, options);
    if (!result.error.empty())
        return result.error;
    return write_file_atomic(path, result.bytes);
}

} // namespace mipex::render
