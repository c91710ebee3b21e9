#include "load/csv.h"

#include "base/text.h"

#include <unordered_set>

namespace mipex::load {

namespace {

struct Field {
    std::string text;
    bool quoted = false;
    SourcePos pos;
};

class CsvReader {
public:
    CsvReader(FileId file, std::string_view text, Diagnostics& diagnostics)
        : m_file(file), m_text(text), m_diagnostics(diagnostics) {
        if (m_text.starts_with("\xEF\xBB\xBF")) // a byte order mark is not data
            m_text.remove_prefix(3);
    }

    bool at_end() const { return m_offset >= m_text.size(); }
    SourcePos here() const { return SourcePos{m_file, m_line, m_column}; }

    /// Reads one record; returns false (and skips the rest of it) after a syntax error.
    bool read_record(std::vector<Field>& fields, SourcePos& start) {
        fields.clear();
        start = here();
        bool ok = true;
        while (true) {
            Field field;
            field.pos = here();
            ok = read_field(field) && ok;
            fields.push_back(std::move(field));
            if (at_end())
                return ok;
            char c = m_text[m_offset];
            if (c == ',') {
                advance();
                continue;
            }
            if (c == '\r' && m_offset + 1 < m_text.size() && m_text[m_offset + 1] == '\n')
                advance();
            advance(); // '\n'
            return ok;
        }
    }

private:
    void advance() {
        unsigned char c = static_cast<unsigned char>(m_text[m_offset++]);
        if (c == '\n') {
            ++m_line;
            m_column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++m_column;
        }
    }

    bool at_record_end() const {
        return at_end() || m_text[m_offset] == '\n' ||
               (m_text[m_offset] == '\r' && m_offset + 1 < m_text.size() &&
                m_text[m_offset + 1] == '\n');
    }

    bool read_field(Field& field) {
        while (!at_end() && m_text[m_offset] == ' ')
            advance();
        if (at_end() || m_text[m_offset] != '"') {
            size_t begin = m_offset;
            field.pos = here();
            while (!at_record_end() && m_text[m_offset] != ',') {
                if (m_text[m_offset] == '"') {
                    m_diagnostics.error(here(), "a quote inside an unquoted field; quote the "
                                                "whole field and double the quote");
                    skip_record();
                    return false;
                }
                advance();
            }
            field.text = std::string(trim(m_text.substr(begin, m_offset - begin)));
            return true;
        }
        field.quoted = true;
        SourcePos opening = here();
        advance();
        while (true) {
            if (at_end()) {
                m_diagnostics.error(opening, "this quote is never closed");
                return false;
            }
            char c = m_text[m_offset];
            if (c == '"') {
                if (m_offset + 1 < m_text.size() && m_text[m_offset + 1] == '"') {
                    field.text += '"';
                    advance();
                    advance();
                    continue;
                }
                advance();
                break;
            }
            field.text += c;
            advance();
        }
        while (!at_end() && m_text[m_offset] == ' ')
            advance();
        if (!at_record_end() && m_text[m_offset] != ',') {
            m_diagnostics.error(here(), "text after a closing quote");
            skip_record();
            return false;
        }
        return true;
    }

    void skip_record() {
        while (!at_record_end())
            advance();
    }

    FileId m_file;
    std::string_view m_text;
    Diagnostics& m_diagnostics;
    size_t m_offset = 0;
    uint32_t m_line = 1;
    uint32_t m_column = 1;
};

bool blank(const std::vector<Field>& fields) {
    return fields.size() == 1 && !fields[0].quoted && fields[0].text.empty();
}

} // namespace

Value parse_csv(FileId file, const SourceFiles& files, Diagnostics& diagnostics,
                const Limits& limits, uint64_t* values) {
    uint64_t local_values = 0;
    uint64_t& counted = values ? *values : local_values;
    CsvReader reader(file, files.text(file), diagnostics);
    Value table = Value::sequence(SourcePos{file, 1, 1});
    std::vector<Field> header;
    std::vector<Field> fields;
    SourcePos start;
    bool have_header = false;
    while (!reader.at_end()) {
        bool ok = reader.read_record(fields, start);
        if (blank(fields))
            continue;
        counted += fields.size() + 1;
        if (counted > limits.values) {
            diagnostics.error(start, "the project holds more than " + format_count(limits.values) +
                                         " values (lists, maps and texts in all its files) by "
                                         "here; " +
                                         raise_hint("values"));
            return Value::null(SourcePos{file, 1, 1});
        }
        for (const Field& field : fields) {
            if (field.text.size() > limits.text_bytes) {
                diagnostics.error(field.pos, "a text of " + format_count(field.text.size()) +
                                                 " bytes, longer than the limit of " +
                                                 format_count(limits.text_bytes) + " bytes; " +
                                                 raise_hint("text"));
                return Value::null(SourcePos{file, 1, 1});
            }
        }
        if (!have_header) {
            header = fields;
            have_header = true;
            table = Value::sequence(start);
            // A set, not a scan of the columns before: a header of a million names must
            // not take a million squared steps.
            std::unordered_set<std::string_view> names;
            for (size_t i = 0; i < header.size(); ++i) {
                if (header[i].text.empty())
                    diagnostics.error(header[i].pos, "column " + std::to_string(i + 1) +
                                                         " of the header has no name");
                else if (!names.insert(header[i].text).second)
                    diagnostics.error(header[i].pos,
                                      "column '" + header[i].text + "' is named twice");
            }
            continue;
        }
        if (!ok)
            continue;
        if (fields.size() != header.size()) {
            diagnostics.error(start, "this row has " + std::to_string(fields.size()) +
                                         (fields.size() == 1 ? " field" : " fields") +
                                         ", the header has " + std::to_string(header.size()));
            continue;
        }
        Value row = Value::map(start);
        for (size_t i = 0; i < fields.size(); ++i)
            row.push_entry(
                header[i].text, header[i].pos,
                Value::scalar(fields[i].pos, std::move(fields[i].text), fields[i].quoted));
        table.push_item(std::move(row));
    }
    return table;
}

} // namespace mipex::load
