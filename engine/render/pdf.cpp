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

    std::string assemble(std::vector<EmbeddedFont>& embedded, std::vector<WrittenPage>& written,
                         std::vector<std::string>& compressed_forms, Deflater& deflater,
                         size_t& dropped_links) {
        const display::Metadata& metadata = m_document.metadata;
        const std::vector<display::Page>& pages = m_document.pages;
        File file("1.7", deflater);
        const uint32_t catalog = file.reserve(), page_tree = file.reserve(),
                       resources = file.reserve(), info = file.reserve();

        std::vector<uint32_t> page_numbers;
        for (size_t p = 0; p < pages.size(); ++p)
            page_numbers.push_back(file.reserve());
        const bool tagged = !m_document.structure.empty();
        std::vector<LinkElement> link_elements;

        // Pages, their content and their links.
        const std::set<uint8_t>& fill_alphas = m_survey.fill_alphas;
        const bool transparent = !fill_alphas.empty() || !m_survey.stroke_alphas.empty();
        std::string kids;
        for (size_t p = 0; p < pages.size(); ++p) {
            const display::Page& page = pages[p];
            const uint32_t content = file.reserve();
            file.stream(content, "/Filter /FlateDecode", written[p].content);
            std::string().swap(written[p].content);
            const int64_t height = thousandths_of_pt(page.height);
            std::string annotations;
            for (const PageLink& link : written[p].links) {
                if (!link.destination.empty() && !m_survey.destinations.count(link.destination)) {
                    ++dropped_links;
                    continue;
                }
                uint32_t number = file.reserve();
                std::string annotation = "<< /Type /Annot /Subtype /Link";
                if (tagged && link.element) {
                    // Its key in the parent tree follows the pages' keys (§14.7.4.4).
                    annotation += " /StructParent ";
                    append_integer(annotation,
                                   static_cast<int64_t>(pages.size() + link_elements.size()));
                    link_elements.push_back(
                        LinkElement{file.reserve(), number, p, *link.element,
                                    reading_order(p, 2 * static_cast<uint64_t>(link.after))});
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
                file.object(number, std::move(annotation));
                if (!annotations.empty())
                    annotations += ' ';
                append_reference(annotations, number);
            }
            std::string dictionary = "<< /Type /Page /Parent ";
            append_reference(dictionary, page_tree);
            dictionary += " /MediaBox [0 0 ";
            append_length(dictionary, page.width);
            dictionary += ' ';
            append_length(dictionary, page.height);
            dictionary += "] /Resources ";
            append_reference(dictionary, resources);
            dictionary += " /Contents ";
            append_reference(dictionary, content);
            if (!annotations.empty())
                dictionary += " /Annots [" + annotations + "]";
            // The page's marked content in the parent tree under the page's index; Tab moves
            // through its links in structure order (PDF/UA-1 7.18.3).
            if (tagged) {
                dictionary += " /StructParents ";
                append_integer(dictionary, static_cast<int64_t>(p));
                if (!annotations.empty())
                    dictionary += " /Tabs /S";
            }
            // Transparency is blended in RGB on every page, whatever the viewer's device (§11.4.7).
            if (transparent)
                dictionary += " /Group << /Type /Group /S /Transparency /CS /DeviceRGB >>";
            dictionary += " >>";
            file.object(page_numbers[p], std::move(dictionary));
            if (!kids.empty())
                kids += ' ';
            append_reference(kids, page_numbers[p]);
        }
        std::string tree = "<< /Type /Pages /Kids [" + kids + "] /Count ";
        append_integer(tree, static_cast<int64_t>(pages.size()));
        tree += " >>";
        file.object(page_tree, std::move(tree));

        // Fonts: a Type0 font over a CIDFont, shown through Identity-H (§9.7.6), one per face.
        std::string font_resources;
        for (size_t f = 0; f < embedded.size(); ++f) {
            EmbeddedFont& font = embedded[f];
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
            std::string text =
                "<< " + font.descriptor + (font.cff ? " /FontFile3 " : " /FontFile2 ");
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
            font_resources += " /F" + std::to_string(f) + ' ';
            append_reference(font_resources, type0);
            font = EmbeddedFont();
        }
        // Reused paths, each a form drawn in the pages' resources (§8.10.1).
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
        std::string resource_text = "<< /Font <<" + font_resources + " >>";
        if (!form_resources.empty())
            resource_text += " /XObject <<" + form_resources + " >>";
        if (transparent) {
            resource_text += " /ExtGState <<";
            for (bool stroke : {false, true}) {
                for (uint8_t alpha : stroke ? m_survey.stroke_alphas : fill_alphas) {
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
        file.object(resources, std::move(resource_text));

        // Named destinations (§12.3.2.3): a name tree sorted by name, in leaves of 64.
        std::string destinations_entry;
        if (!m_survey.destinations.empty()) {
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
                    file.object(number,
                                leaf(start, std::min(names.size(), start + leaf_size), true));
                    if (start)
                        root_text += ' ';
                    append_reference(root_text, number);
                }
                file.object(root, root_text + "] >>");
            }
            destinations_entry = " /Names << /Dests ";
            append_reference(destinations_entry, root);
            destinations_entry += " >>";
        }

        std::string outline_entry = outline(file);
        std::string structure_entry =
            tagged ? structure(file, written, link_elements, page_numbers) : "";

        const std::time_t date = m_options.date.value_or(std::time(nullptr));
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
        file.object(info, info_text + " >>");

        // XMP is left uncompressed, so that tools which do not read PDF can still find it.
        const uint32_t xmp = file.reserve();
        file.stream(xmp, "/Type /Metadata /Subtype /XML", xmp_metadata(metadata, date, producer));

        std::string root = "<< /Type /Catalog /Pages ";
        append_reference(root, page_tree);
        if (!pages.empty())
            root += " /PageLabels " + page_labels(pages);
        root += destinations_entry + outline_entry + structure_entry;
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
        file.object(catalog, std::move(root));

        std::string trailer = "/Root ";
        append_reference(trailer, catalog);
        trailer += " /Info ";
        append_reference(trailer, info);
        return file.finish(trailer);
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

        // Each element's own content (marked content, links) in reading order, then its
        // child elements: in the order they were made (the logical order), or, among content of
        // its own, where the first of their content is read.
        struct Kid {
            uint64_t order = UINT64_MAX;
            std::string text;
        };
        std::vector<std::vector<Kid>> kids(count);
        std::vector<uint64_t> first(count, UINT64_MAX);
        std::vector<std::optional<size_t>> first_page(count);
        std::vector<bool> own_content(count, false);
        for (size_t p = 0; p < written.size(); ++p)
            for (size_t mcid = 0; mcid < written[p].marked.size(); ++mcid) {
                display::ElementId e = written[p].marked[mcid];
                if (!first_page[e])
                    first_page[e] = p;
                Kid kid{reading_order(p, 2 * mcid + 1), {}};
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
            Kid kid{link.order, {}};
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
            Kid kid{own_content[elements[e].parent] ? first[e] : 0, {}};
            append_reference(kid.text, numbers[e]);
            kids[elements[e].parent].push_back(std::move(kid));
        }

        for (size_t e = 0; e < count; ++e) {
            const display::Element& element = elements[e];
            std::stable_sort(kids[e].begin(), kids[e].end(),
                             [](const Kid& a, const Kid& b) { return a.order < b.order; });
            std::string text = "<< /Type /StructElem /S /";
            text += display::role_name(element.role);
            text += " /P ";
            append_reference(text, e == 0 ? root : numbers[element.parent]);
            if (first_page[e]) {
                text += " /Pg ";
                append_reference(text, page_numbers[*first_page[e]]);
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
            if (!kids[e].empty()) {
                text += " /K [";
                for (size_t k = 0; k < kids[e].size(); ++k) {
                    if (k)
                        text += ' ';
                    text += kids[e][k].text;
                }
                text += ']';
            }
            text += " >>";
            file.object(numbers[e], std::move(text));
            std::vector<Kid>().swap(kids[e]);
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

        // The parent tree (§14.7.4.4): for each page, its MCIDs' elements; for each link
        // annotation, its Link element.
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
        file.object(parent_tree, "<< /Nums [" + nums + "] >>");
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
