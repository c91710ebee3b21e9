#include "i18n/exchange.h"

#include "base/text.h"
#include "base/xml.h"

#include <charconv>
#include <map>
#include <memory>

namespace mipex::i18n {

// ---------------------------------------------------------------------------------------------
// PO

namespace {

/// A PO string literal.
std::string po_quote(std::string_view text) {
    return double_quoted(text, OtherControls::AsTheyAre);
}

/// `keyword "text"`, or for text with line breaks or longer than a line, `keyword ""` and one
/// literal per line as msgcat writes them (lines break after "\n" and at spaces near 76
/// columns).
void po_field(std::string& out, std::string_view keyword, std::string_view text) {
    std::vector<std::string_view> pieces;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        end = end == std::string_view::npos ? text.size() : end + 1;
        std::string_view line = text.substr(start, end - start);
        while (line.size() > 76) {
            size_t cut = line.rfind(' ', 76);
            if (cut == std::string_view::npos || cut == 0)
                break;
            pieces.push_back(line.substr(0, cut + 1));
            line.remove_prefix(cut + 1);
        }
        pieces.push_back(line);
        start = end;
    }
    out += keyword;
    if (pieces.size() <= 1 && keyword.size() + text.size() < 70 &&
        text.find('\n') == std::string_view::npos) {
        out += " " + po_quote(text) + "\n";
        return;
    }
    out += " \"\"\n";
    for (std::string_view piece : pieces)
        out += po_quote(piece) + "\n";
}

void po_comment(std::string& out, std::string_view prefix, std::string_view text) {
    for (std::string_view line : split_lines(text)) {
        out += prefix;
        if (!line.empty())
            out += " " + std::string(line);
        out += "\n";
    }
}

} // namespace

std::string write_po(const ExchangeFile& file) {
    std::string out;
    out += "# mipex translations, " + file.source_language + " to " + file.language + ".\n";
    out += "# Each text's key is its msgctxt. Leave a msgstr empty to print the English;\n";
    out += "# a fuzzy entry's translation was made from an older English: check it, then\n";
    out += "# remove the fuzzy flag. mipex i18n import FILE writes the translations back.\n";
    out += "msgid \"\"\n";
    out += "msgstr \"\"\n";
    out += "\"Project-Id-Version: mipex\\n\"\n";
    out += "\"Language: " + file.language + "\\n\"\n";
    out += "\"MIME-Version: 1.0\\n\"\n";
    out += "\"Content-Type: text/plain; charset=UTF-8\\n\"\n";
    out += "\"Content-Transfer-Encoding: 8bit\\n\"\n";
    out += "\"X-Source-Language: " + file.source_language + "\\n\"\n";
    if (!file.exported_for.empty())
        out += "\"X-Mipex-Language: " + file.exported_for + "\\n\"\n";
    for (const ExchangeEntry& entry : file.entries) {
        out += "\n";
        if (!entry.translator_note.empty())
            po_comment(out, "#", entry.translator_note);
        if (!entry.developer_note.empty())
            po_comment(out, "#.", entry.developer_note);
        if (!entry.file.empty())
            out += "#: " + entry.file + (entry.line ? ":" + std::to_string(entry.line) : "") + "\n";
        if (entry.fuzzy)
            out += "#, fuzzy\n";
        if (entry.previous_source) {
            // The previous strings as msgmerge writes them: each line of the fields behind
            // "#| " (gettext manual, "The Format of PO Files"), so that Poedit and Lokalize
            // show what changed in the English.
            std::string previous;
            po_field(previous, "msgctxt", entry.key);
            po_field(previous, "msgid", *entry.previous_source);
            for (size_t start = 0, end; start < previous.size(); start = end + 1) {
                end = previous.find('\n', start);
                out += "#| " + previous.substr(start, end - start) + "\n";
            }
        }
        po_field(out, "msgctxt", entry.key);
        po_field(out, "msgid", entry.source);
        po_field(out, "msgstr", entry.translation);
    }
    return out;
}

namespace {

class PoReader {
public:
    PoReader(FileId file, const SourceFiles& files, Diagnostics& diagnostics)
        : m_file(file), m_text(files.text(file)), m_diagnostics(diagnostics) {}

    std::optional<ExchangeFile> read() {
        ExchangeFile result;
        result.source_language = "en";
        Entry entry;
        std::string* target = nullptr; // the field continuation lines add to
        auto finish = [&] {
            if (entry.started && !entry.obsolete) {
                if (!entry.has_msgid)
                    error(entry.entry.pos, "an entry without msgid");
                else if (entry.header)
                    read_header(entry, result);
                else {
                    if (entry.has_previous_source)
                        entry.entry.previous_source = std::move(entry.previous_source);
                    result.entries.push_back(std::move(entry.entry));
                }
            }
            entry = Entry{};
            target = nullptr;
        };
        uint32_t number = 0;
        size_t start = 0;
        while (start < m_text.size()) {
            size_t end = m_text.find('\n', start);
            if (end == std::string_view::npos)
                end = m_text.size();
            std::string_view line = m_text.substr(start, end - start);
            if (!line.empty() && line.back() == '\r')
                line.remove_suffix(1);
            ++number;
            start = end + 1;
            SourcePos pos{m_file, number, 1};
            size_t indent = line.find_first_not_of(" \t");
            if (indent == std::string_view::npos) {
                target = nullptr;
                continue;
            }
            line.remove_prefix(indent);
            pos.column = static_cast<uint32_t>(indent + 1);
            if (line.front() == '#') {
                // A comment after the strings of an entry starts the next one.
                if (entry.has_msgstr)
                    finish();
                target = nullptr;
                if (!entry.started) {
                    entry.started = true;
                    entry.entry.pos = pos;
                }
                comment(line, pos, entry);
                continue;
            }
            if (line.front() == '"') {
                if (!target) {
                    error(pos, "a string continues no msgid, msgstr or msgctxt");
                    continue;
                }
                auto text = unquote(line, pos);
                if (text) {
                    if (target == &entry.entry.translation)
                        entry.translation_pieces.emplace_back(target->size(), pos);
                    *target += *text;
                }
                continue;
            }
            size_t space = line.find_first_of(" \t");
            std::string_view keyword = line.substr(0, space);
            std::string_view rest =
                space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
            size_t rest_at = rest.find_first_not_of(" \t");
            rest = rest_at == std::string_view::npos ? std::string_view() : rest.substr(rest_at);
            SourcePos rest_pos{m_file, number,
                               static_cast<uint32_t>(indent + line.size() - rest.size() + 1)};
            // A msgctxt or msgid after an entry's msgstr starts the next entry, as does any
            // keyword after obsolete ("#~") lines.
            if (((keyword == "msgctxt" || keyword == "msgid") && entry.has_msgstr) ||
                entry.obsolete)
                finish();
            if (!entry.started) {
                entry.started = true;
                entry.entry.pos = pos;
            }
            auto text = unquote(rest, rest_pos);
            if (!text) {
                target = nullptr;
                continue;
            }
            if (keyword == "msgctxt") {
                entry.has_msgctxt = true;
                entry.entry.key = *text;
                entry.entry.key_pos = pos;
                target = &entry.entry.key;
            } else if (keyword == "msgid") {
                entry.has_msgid = true;
                entry.entry.source = *text;
                if (!entry.has_msgctxt)
                    entry.entry.key_pos = pos;
                target = &entry.entry.source;
            } else if (keyword == "msgid_plural") {
                entry.plural = *text;
                target = &entry.plural;
            } else if (keyword == "msgstr" || keyword == "msgstr[0]") {
                entry.has_msgstr = true;
                entry.header = !entry.has_msgctxt && entry.entry.source.empty();
                entry.entry.translation = *text;
                entry.entry.translation_pos = pos;
                entry.translation_pieces = {{0, rest_pos}};
                target = &entry.entry.translation;
            } else if (keyword.starts_with("msgstr[")) {
                entry.has_msgstr = true;
                entry.other_forms = *text;
                target = &entry.other_forms; // plural forms: mipex texts have one form
            } else {
                error(pos, "'" + std::string(keyword) +
                               "' is not a PO keyword (msgctxt, msgid, msgstr, or a comment "
                               "starting with #)");
                target = nullptr;
            }
        }
        finish();
        if (m_failed)
            return std::nullopt;
        return result;
    }

private:
    struct Entry {
        ExchangeEntry entry;
        bool started = false, has_msgctxt = false, has_msgid = false, has_msgstr = false;
        bool header = false, obsolete = false;
        std::string plural, other_forms;
        /// Where each string literal of the msgstr starts: its offset in the translation and
        /// its position (the header's fields are found by them).
        std::vector<std::pair<size_t, SourcePos>> translation_pieces;
        /// The "#|" fields: the previous msgctxt and msgid, and the one continuing.
        std::string previous_context, previous_source;
        bool has_previous_source = false;
        std::string* previous_target = nullptr;
    };

    void error(SourcePos pos, std::string message) {
        m_diagnostics.error(pos, std::move(message));
        m_failed = true;
    }

    void comment(std::string_view line, SourcePos pos, Entry& entry) {
        auto body = [](std::string_view text) {
            if (!text.empty() && text.front() == ' ')
                text.remove_prefix(1);
            return std::string(text);
        };
        auto append = [](std::string& to, const std::string& line) {
            to += (to.empty() ? "" : "\n") + line;
        };
        if (line.starts_with("#~")) {
            entry.obsolete = true; // an obsolete entry, kept by tools as history
        } else if (line.starts_with("#.")) {
            append(entry.entry.developer_note, body(line.substr(2)));
        } else if (line.starts_with("#:")) {
            std::string reference = body(line.substr(2));
            size_t colon = reference.rfind(':');
            uint32_t number = 0;
            if (colon != std::string::npos) {
                auto [end, failed] = std::from_chars(reference.data() + colon + 1,
                                                     reference.data() + reference.size(), number);
                if (failed == std::errc() && end == reference.data() + reference.size()) {
                    entry.entry.line = number;
                    reference.resize(colon);
                }
            }
            entry.entry.file = reference;
        } else if (line.starts_with("#,")) {
            std::string flags = body(line.substr(2));
            size_t at = 0;
            while (at < flags.size()) {
                size_t comma = flags.find(',', at);
                if (comma == std::string::npos)
                    comma = flags.size();
                std::string flag = flags.substr(at, comma - at);
                size_t first = flag.find_first_not_of(' '), last = flag.find_last_not_of(' ');
                if (first != std::string::npos && flag.substr(first, last - first + 1) == "fuzzy")
                    entry.entry.fuzzy = true;
                at = comma + 1;
            }
        } else if (line.starts_with("#|")) {
            previous(line, pos, entry);
        } else {
            append(entry.entry.translator_note, body(line.substr(1)));
        }
    }

    std::optional<std::string> unquote(std::string_view text, SourcePos pos) {
        size_t last = text.find_last_not_of(" \t");
        if (text.empty() || text.front() != '"' || last == 0 || text[last] != '"') {
            error(pos, "a PO string is written in double quotes");
            return std::nullopt;
        }
        std::string out;
        for (size_t i = 1; i < last; ++i) {
            char c = text[i];
            if (c == '"') {
                error(SourcePos{pos.file, pos.line, pos.column + static_cast<uint32_t>(i)},
                      "a double quote inside a PO string is written \\\"");
                return std::nullopt;
            }
            if (c != '\\') {
                out += c;
                continue;
            }
            if (++i >= last) {
                error(pos, "a PO string ends in a backslash");
                return std::nullopt;
            }
            switch (text[i]) {
            case 'n':
                out += '\n';
                break;
            case 't':
                out += '\t';
                break;
            case 'r':
                out += '\r';
                break;
            case '\\':
                out += '\\';
                break;
            case '"':
                out += '"';
                break;
            case 'a':
                out += '\a';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'v':
                out += '\v';
                break;
            default:
                error(SourcePos{pos.file, pos.line, pos.column + static_cast<uint32_t>(i)},
                      std::string("unknown escape \\") + text[i] + " in a PO string");
                return std::nullopt;
            }
        }
        return out;
    }

    /// A "#|" line: the previous msgctxt or msgid of a fuzzy entry, or a string continuing one.
    void previous(std::string_view line, SourcePos pos, Entry& entry) {
        size_t at = line.find_first_not_of(" \t", 2);
        if (at == std::string_view::npos)
            return;
        std::string_view rest = line.substr(at);
        pos.column += static_cast<uint32_t>(at);
        if (rest.front() != '"') {
            size_t space = rest.find_first_of(" \t");
            std::string_view keyword = rest.substr(0, space);
            if (keyword == "msgctxt")
                entry.previous_target = &entry.previous_context;
            else if (keyword == "msgid") {
                entry.previous_target = &entry.previous_source;
                entry.has_previous_source = true;
            } else {
                entry.previous_target = nullptr; // msgid_plural: mipex texts have one form
                return;
            }
            entry.previous_target->clear();
            size_t value = rest.find_first_not_of(" \t", space);
            if (space == std::string_view::npos || value == std::string_view::npos) {
                error(pos, "a PO string is written in double quotes");
                return;
            }
            pos.column += static_cast<uint32_t>(value);
            rest = rest.substr(value);
        }
        if (!entry.previous_target)
            return;
        if (auto text = unquote(rest, pos))
            *entry.previous_target += *text;
    }

    void read_header(const Entry& entry, ExchangeFile& result) {
        const std::string& header = entry.entry.translation;
        // Where a field of the header is written: the string literal its line starts in.
        auto position = [&](size_t offset) {
            SourcePos pos = entry.entry.translation_pos;
            for (const auto& [start, piece] : entry.translation_pieces)
                if (start <= offset)
                    pos = piece;
            return pos;
        };
        size_t start = 0;
        while (start < header.size()) {
            size_t end = header.find('\n', start);
            if (end == std::string::npos)
                end = header.size();
            std::string_view line = std::string_view(header).substr(start, end - start);
            auto value = [&](std::string_view name) -> std::optional<std::string> {
                if (!line.starts_with(name))
                    return std::nullopt;
                std::string_view rest = line.substr(name.size());
                size_t first = rest.find_first_not_of(' ');
                return first == std::string_view::npos ? std::string()
                                                       : std::string(rest.substr(first));
            };
            if (auto language = value("Language:")) {
                result.language = *language;
                result.language_pos = position(start);
            }
            if (auto source = value("X-Source-Language:"))
                result.source_language = *source;
            if (auto exported = value("X-Mipex-Language:")) {
                result.exported_for = *exported;
                result.exported_for_pos = position(start);
            }
            start = end + 1;
        }
    }

    FileId m_file;
    std::string_view m_text;
    Diagnostics& m_diagnostics;
    bool m_failed = false;
};

} // namespace

std::optional<ExchangeFile> read_po(FileId file, const SourceFiles& files,
                                    Diagnostics& diagnostics) {
    return PoReader(file, files, diagnostics).read();
}

// ---------------------------------------------------------------------------------------------
// XLIFF 1.2

namespace {

/// The start of the original of an XLIFF file mipex exported: "content/i18n/de".
constexpr std::string_view exported_prefix = "content/i18n/";

} // namespace

std::string write_xliff(const ExchangeFile& file) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n";
    // The file's original is the catalog the targets come from (XLIFF 1.2, the original
    // attribute), so that the import knows which one it was exported for.
    std::string original = file.exported_for.empty()
                               ? std::string("mipex")
                               : std::string(exported_prefix) + file.exported_for;
    out += "  <file original=\"" + xml_escape(original) +
           "\" datatype=\"plaintext\" source-language=\"" + xml_escape(file.source_language) +
           "\" target-language=\"" + xml_escape(file.language) + "\">\n";
    out += "    <body>\n";
    for (const ExchangeEntry& entry : file.entries) {
        std::string key = xml_escape(entry.key);
        // A current translation is approved: tools that go by approved (translate-toolkit,
        // Virtaal) count the others as fuzzy (XLIFF 1.2, the approved attribute).
        bool approved = !entry.translation.empty() && !entry.fuzzy;
        out += "      <trans-unit id=\"" + key + "\" resname=\"" + key + "\"" +
               (approved ? " approved=\"yes\"" : "") + " xml:space=\"preserve\">\n";
        out += "        <source>" + xml_escape(entry.source) + "</source>\n";
        if (!entry.translation.empty())
            out += std::string("        <target state=\"") +
                   (entry.fuzzy ? "needs-review-translation" : "translated") + "\">" +
                   xml_escape(entry.translation) + "</target>\n";
        if (entry.previous_source && !entry.translation.empty()) {
            // The translation as it was made, from the English of then, as the previous version
            // of the unit: a tool shows how the two sources differ (XLIFF 1.2, <alt-trans>).
            out += "        <alt-trans alttranstype=\"previous-version\">\n";
            out += "          <source>" + xml_escape(*entry.previous_source) + "</source>\n";
            out += "          <target>" + xml_escape(entry.translation) + "</target>\n";
            out += "        </alt-trans>\n";
        }
        if (!entry.developer_note.empty())
            out += "        <note from=\"developer\">" + xml_escape(entry.developer_note) +
                   "</note>\n";
        if (!entry.translator_note.empty())
            out += "        <note from=\"translator\">" + xml_escape(entry.translator_note) +
                   "</note>\n";
        if (!entry.file.empty()) {
            out += "        <context-group purpose=\"location\">\n";
            out += "          <context context-type=\"sourcefile\">" + xml_escape(entry.file) +
                   "</context>\n";
            if (entry.line)
                out += "          <context context-type=\"linenumber\">" +
                       std::to_string(entry.line) + "</context>\n";
            out += "        </context-group>\n";
        }
        out += "      </trans-unit>\n";
    }
    out += "    </body>\n";
    out += "  </file>\n";
    out += "</xliff>\n";
    return out;
}

namespace {

/// An element of a small XML document: enough of XML 1.0 for XLIFF as tools write it
/// (elements, attributes, character and entity references, CDATA, comments; a DOCTYPE and
/// processing instructions are skipped).
struct XmlElement {
    std::string name; ///< without its namespace prefix
    std::map<std::string, std::string> attributes;
    std::vector<std::unique_ptr<XmlElement>> children;
    std::string text; ///< all character data inside, children's included
    SourcePos pos;

    const std::string* attribute(const std::string& key) const {
        auto found = attributes.find(key);
        return found == attributes.end() ? nullptr : &found->second;
    }
};

class XmlReader {
public:
    XmlReader(FileId file, const SourceFiles& files, Diagnostics& diagnostics)
        : m_file(file), m_text(files.text(file)), m_diagnostics(diagnostics) {}

    std::unique_ptr<XmlElement> read() {
        std::unique_ptr<XmlElement> root;
        while (!m_failed) {
            skip_space();
            if (m_at >= m_text.size())
                break;
            if (skip_markup())
                continue;
            if (m_text[m_at] != '<') {
                fail("text outside the root element");
                break;
            }
            if (root) {
                fail("a second root element");
                break;
            }
            root = element();
        }
        if (!root && !m_failed)
            fail("no XML element in this file");
        return m_failed ? nullptr : std::move(root);
    }

private:
    SourcePos pos_at(size_t offset) const {
        uint32_t line = 1, column = 1;
        for (size_t i = 0; i < offset && i < m_text.size(); ++i) {
            if (m_text[i] == '\n') {
                ++line;
                column = 1;
            } else if ((static_cast<unsigned char>(m_text[i]) & 0xC0) != 0x80) {
                ++column;
            }
        }
        return SourcePos{m_file, line, column};
    }

    void fail(std::string message) {
        if (!m_failed)
            m_diagnostics.error(pos_at(m_at), std::move(message));
        m_failed = true;
    }

    void skip_space() {
        while (m_at < m_text.size() && (m_text[m_at] == ' ' || m_text[m_at] == '\n' ||
                                        m_text[m_at] == '\t' || m_text[m_at] == '\r'))
            ++m_at;
    }

    /// Skips a comment, processing instruction or DOCTYPE at the cursor.
    bool skip_markup() {
        auto skip_to = [&](std::string_view end) {
            size_t found = m_text.find(end, m_at);
            if (found == std::string_view::npos) {
                fail("'" + std::string(end) + "' is missing");
                m_at = m_text.size();
            } else {
                m_at = found + end.size();
            }
        };
        std::string_view rest = m_text.substr(m_at);
        if (rest.starts_with("<!--"))
            skip_to("-->");
        else if (rest.starts_with("<?"))
            skip_to("?>");
        else if (rest.starts_with("<!DOCTYPE"))
            skip_to(">");
        else
            return false;
        return true;
    }

    static std::string local_name(std::string_view name) {
        size_t colon = name.find(':');
        return std::string(colon == std::string_view::npos ? name : name.substr(colon + 1));
    }

    std::string name() {
        size_t start = m_at;
        while (m_at < m_text.size() &&
               std::string_view(" \t\r\n/>=").find(m_text[m_at]) == std::string_view::npos)
            ++m_at;
        if (m_at == start)
            fail("a name is missing here");
        return std::string(m_text.substr(start, m_at - start));
    }

    /// Character data up to `end`, with entity and character references replaced.
    std::string decode(std::string_view raw, size_t offset) {
        std::string out;
        for (size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] != '&') {
                out += raw[i];
                continue;
            }
            size_t semicolon = raw.find(';', i);
            if (semicolon == std::string_view::npos) {
                m_at = offset + i;
                fail("'&' starts no entity (write &amp;)");
                return out;
            }
            std::string_view entity = raw.substr(i + 1, semicolon - i - 1);
            static const std::map<std::string_view, const char*> named = {
                {"lt", "<"}, {"gt", ">"}, {"amp", "&"}, {"quot", "\""}, {"apos", "'"}};
            if (auto found = named.find(entity); found != named.end()) {
                out += found->second;
            } else if (entity.starts_with('#')) {
                uint32_t code = 0;
                bool hex = entity.size() > 1 && (entity[1] == 'x' || entity[1] == 'X');
                std::string_view digits = entity.substr(hex ? 2 : 1);
                auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(),
                                                    code, hex ? 16 : 10);
                if (error != std::errc() || end != digits.data() + digits.size() ||
                    code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF) || code == 0) {
                    m_at = offset + i;
                    fail("'&" + std::string(entity) + ";' is not a character");
                    return out;
                }
                append_utf8(out, code);
            } else {
                m_at = offset + i;
                fail("unknown entity '&" + std::string(entity) + ";'");
                return out;
            }
            i = semicolon;
        }
        return out;
    }

    std::unique_ptr<XmlElement> element() {
        auto result = std::make_unique<XmlElement>();
        result->pos = pos_at(m_at);
        ++m_at; // '<'
        std::string qualified = name();
        result->name = local_name(qualified);
        // Attributes.
        while (!m_failed) {
            skip_space();
            if (m_at >= m_text.size()) {
                fail("the tag <" + qualified + "> is not closed");
                return result;
            }
            if (m_text.substr(m_at).starts_with("/>")) {
                m_at += 2;
                return result;
            }
            if (m_text[m_at] == '>') {
                ++m_at;
                break;
            }
            std::string attribute = name();
            skip_space();
            if (m_at >= m_text.size() || m_text[m_at] != '=') {
                fail("the attribute '" + attribute + "' needs a value (name=\"value\")");
                return result;
            }
            ++m_at;
            skip_space();
            if (m_at >= m_text.size() || (m_text[m_at] != '"' && m_text[m_at] != '\'')) {
                fail("an attribute's value is written in quotes");
                return result;
            }
            char quote = m_text[m_at++];
            size_t end = m_text.find(quote, m_at);
            if (end == std::string_view::npos) {
                fail("the attribute's value is not closed");
                return result;
            }
            std::string value = decode(m_text.substr(m_at, end - m_at), m_at);
            // xml:space and xml:lang keep their prefix; others are matched without it.
            result->attributes[attribute.starts_with("xml:") ? attribute : local_name(attribute)] =
                value;
            m_at = end + 1;
        }
        // Content.
        while (!m_failed) {
            if (m_at >= m_text.size()) {
                fail("<" + qualified + "> is never closed (</" + qualified + "> is missing)");
                return result;
            }
            size_t less = m_text.find('<', m_at);
            if (less == std::string_view::npos)
                less = m_text.size();
            result->text += decode(m_text.substr(m_at, less - m_at), m_at);
            m_at = less;
            if (m_at >= m_text.size())
                continue;
            std::string_view rest = m_text.substr(m_at);
            if (rest.starts_with("</")) {
                size_t tag = m_at;
                m_at += 2;
                std::string closing = name();
                skip_space();
                if (closing != qualified) {
                    m_at = tag;
                    fail("</" + closing + "> closes <" + qualified + ">");
                    return result;
                }
                if (m_at >= m_text.size() || m_text[m_at] != '>') {
                    fail("'>' is missing");
                    return result;
                }
                ++m_at;
                return result;
            }
            if (rest.starts_with("<![CDATA[")) {
                size_t end = m_text.find("]]>", m_at);
                if (end == std::string_view::npos) {
                    fail("the CDATA section is not closed");
                    return result;
                }
                result->text += m_text.substr(m_at + 9, end - m_at - 9);
                m_at = end + 3;
                continue;
            }
            if (skip_markup())
                continue;
            std::unique_ptr<XmlElement> child = element();
            result->text += child->text; // inline markup (<g>, <mrk>) keeps its text
            result->children.push_back(std::move(child));
        }
        return result;
    }

    FileId m_file;
    std::string_view m_text;
    Diagnostics& m_diagnostics;
    size_t m_at = 0;
    bool m_failed = false;
};

/// Reports the elements inside a <source> or <target>. mipex texts have no inline codes (their
/// markup is text: *emphasis*, {country:SE}), so a <g>, <x/>, <bx/>, <ex/>, <ph>, <bpt>,
/// <ept> or <it> a tool put there stands for nothing mipex wrote and cannot be mapped back;
/// a <mrk> only marks its text (a segment, a term) and is read as that text (XLIFF 1.2,
/// "Inline Elements").
bool check_inline(const XmlElement& element, const std::string& key, Diagnostics& diagnostics) {
    bool ok = true;
    for (const auto& child : element.children) {
        if (child->name == "mrk") {
            ok = check_inline(*child, key, diagnostics) && ok;
            continue;
        }
        diagnostics.error(child->pos, "<" + child->name + "> in the <" + element.name + "> of '" +
                                          key +
                                          "': mipex texts have no inline codes (their markup is "
                                          "text, as in the English: *emphasis*, {country:SE}); "
                                          "remove it, or write what it stands for as text");
        ok = false;
    }
    return ok;
}

void collect_units(const XmlElement& element, std::vector<const XmlElement*>& units) {
    for (const auto& child : element.children) {
        if (child->name == "trans-unit")
            units.push_back(child.get());
        else
            collect_units(*child, units);
    }
}

} // namespace

std::optional<ExchangeFile> read_xliff(FileId file, const SourceFiles& files,
                                       Diagnostics& diagnostics) {
    std::unique_ptr<XmlElement> root = XmlReader(file, files, diagnostics).read();
    if (!root)
        return std::nullopt;
    if (root->name != "xliff") {
        diagnostics.error(root->pos, "not an XLIFF file: its root is <" + root->name + ">");
        return std::nullopt;
    }
    ExchangeFile result;
    result.source_language = "en";
    bool ok = true;
    for (const auto& child : root->children) {
        if (child->name != "file")
            continue;
        if (const std::string* target = child->attribute("target-language")) {
            result.language = *target;
            result.language_pos = child->pos;
        }
        if (const std::string* original = child->attribute("original");
            original && original->starts_with(exported_prefix)) {
            result.exported_for = original->substr(exported_prefix.size());
            result.exported_for_pos = child->pos;
        }
        if (const std::string* source = child->attribute("source-language"))
            result.source_language = *source;
        std::vector<const XmlElement*> units;
        collect_units(*child, units);
        for (const XmlElement* unit : units) {
            ExchangeEntry entry;
            entry.pos = entry.key_pos = entry.translation_pos = unit->pos;
            const std::string* id = unit->attribute("resname");
            if (!id)
                id = unit->attribute("id");
            if (!id) {
                diagnostics.error(unit->pos, "a <trans-unit> without an id");
                ok = false;
                continue;
            }
            entry.key = *id;
            bool has_source = false;
            // A translation is confirmed unless the unit says otherwise: approved="no" (as
            // translate-toolkit marks a fuzzy unit), or a state before review (XLIFF 1.2, the
            // state attribute). approved="yes" alone confirms it, as does state="translated".
            const std::string* approved = unit->attribute("approved");
            for (const auto& part : unit->children) {
                if (part->name == "source") {
                    entry.source = part->text;
                    has_source = true;
                    ok = check_inline(*part, entry.key, diagnostics) && ok;
                } else if (part->name == "target") {
                    entry.translation = part->text;
                    entry.translation_pos = part->pos;
                    ok = check_inline(*part, entry.key, diagnostics) && ok;
                    const std::string* state = part->attribute("state");
                    entry.fuzzy =
                        (approved && *approved == "no") ||
                        (state && (*state == "needs-review-translation" ||
                                   *state == "needs-translation" || *state == "needs-adaptation" ||
                                   *state == "needs-l10n" || *state == "needs-review-adaptation" ||
                                   *state == "needs-review-l10n" || *state == "new"));
                } else if (part->name == "alt-trans") {
                    const std::string* type = part->attribute("alttranstype");
                    if (type && *type == "previous-version")
                        for (const auto& alternative : part->children)
                            if (alternative->name == "source")
                                entry.previous_source = alternative->text;
                } else if (part->name == "note") {
                    const std::string* from = part->attribute("from");
                    std::string& note = from && *from == "translator" ? entry.translator_note
                                                                      : entry.developer_note;
                    note += (note.empty() ? "" : "\n") + part->text;
                } else if (part->name == "context-group") {
                    for (const auto& context : part->children) {
                        const std::string* type = context->attribute("context-type");
                        if (type && *type == "sourcefile")
                            entry.file = context->text;
                        else if (type && *type == "linenumber")
                            std::from_chars(context->text.data(),
                                            context->text.data() + context->text.size(),
                                            entry.line);
                    }
                }
            }
            if (!has_source) {
                diagnostics.error(unit->pos,
                                  "<trans-unit id=\"" + entry.key + "\"> has no <source>");
                ok = false;
                continue;
            }
            result.entries.push_back(std::move(entry));
        }
    }
    if (!ok)
        return std::nullopt;
    return result;
}

} // namespace mipex::i18n
