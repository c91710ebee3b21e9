#include "i18n/catalog_file.h"

#include "base/text.h"

#include <algorithm>

namespace mipex::i18n {

namespace {

bool plain_safe(const std::string& text) {
    if (text.empty() || text.front() == ' ' || text.back() == ' ')
        return false;
    // Indicators that begin something else in YAML (YAML 1.2, 7.3.3 and 5.3).
    if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(text.front()) != std::string_view::npos)
        return false;
    if (text.find(": ") != std::string::npos || text.find(" #") != std::string::npos ||
        text.back() == ':')
        return false;
    // Braces and brackets are allowed inside plain text by the spec; quoted, they read the
    // same to every tool (ICU messages are quoted in layouts/strings.yaml too).
    if (text.find_first_of("{}[]\t\n\r") != std::string::npos)
        return false;
    for (unsigned char c : text)
        if (c < 0x20 || c == 0x7F)
            return false;
    static const char* const special[] = {"null", "Null", "NULL", "~"};
    for (const char* word : special)
        if (text == word)
            return false;
    return true;
}

/// The lines of `text` as strings of their own, to be edited.
std::vector<std::string> owned_lines(std::string_view text) {
    std::vector<std::string_view> lines = split_lines(text);
    return {lines.begin(), lines.end()};
}

size_t indentation(const std::string& line) {
    size_t spaces = line.find_first_not_of(' ');
    return spaces == std::string::npos ? line.size() : spaces;
}

bool blank(const std::string& line) {
    return line.find_first_not_of(" \t\r") == std::string::npos;
}

} // namespace

std::vector<std::string> yaml_scalar(const std::string& text, size_t indent) {
    if (text.find('\n') != std::string::npos) {
        std::vector<std::string_view> lines = split_lines(text);
        bool block = text.find('\r') == std::string::npos;
        for (std::string_view line : lines)
            block = block && (line.empty() || (line.front() != ' ' && line.front() != '\t' &&
                                               line.back() != ' ' && line.back() != '\t'));
        if (block) {
            std::vector<std::string> out = {"|"};
            for (std::string_view line : lines)
                out.push_back(line.empty() ? "" : std::string(indent + 2, ' ') + std::string(line));
            return out;
        }
        return {double_quoted(text, OtherControls::Hex)};
    }
    return {plain_safe(text) ? text : double_quoted(text, OtherControls::Hex)};
}

std::string format_catalog_entry(const std::string& key, const CatalogEntry& entry) {
    std::string out = (plain_safe(key) ? key : double_quoted(key, OtherControls::Hex)) + ":\n";
    auto field = [&](const char* name, const std::string& value) {
        std::vector<std::string> lines = yaml_scalar(value, 2);
        out += std::string("  ") + name + ": " + lines[0] + "\n";
        for (size_t i = 1; i < lines.size(); ++i)
            out += lines[i] + "\n";
    };
    if (entry.from)
        field("from", *entry.from);
    if (entry.source)
        field("source", *entry.source);
    field("text", entry.text);
    if (entry.note)
        field("note", *entry.note);
    return out;
}

CatalogEditor::CatalogEditor(std::string_view text) {
    m_final_newline = text.empty() || text.back() == '\n';
    if (m_final_newline && !text.empty())
        text.remove_suffix(1);
    if (!text.empty())
        m_lines = owned_lines(text);
}

void CatalogEditor::replace_field(const load::Value::Entry& field, const std::string& value) {
    const uint32_t line_number = field.key_pos.line;
    const size_t indent = field.key_pos.column - 1;
    const std::string& line = m_lines[line_number - 1];
    size_t colon = line.find(':', indent + field.key.size());
    size_t start = colon == std::string::npos ? line.size() : colon + 1;
    while (start < line.size() && line[start] == ' ')
        ++start;
    // The value runs on over the lines indented deeper than its key (a block, or a long
    // plain or quoted text), not counting the blank lines after it.
    uint32_t last = line_number;
    for (uint32_t next = line_number + 1; next <= m_lines.size(); ++next) {
        const std::string& text = m_lines[next - 1];
        if (blank(text))
            continue;
        if (indentation(text) <= indent)
            break;
        last = next;
    }
    // A comment after the value on its line stays.
    std::string suffix;
    std::string_view value_text = std::string_view(line).substr(start);
    if (!value_text.empty() && (value_text.front() == '|' || value_text.front() == '>')) {
        size_t end = value_text.find_first_of(" \t");
        if (end != std::string_view::npos)
            suffix = std::string(value_text.substr(end));
    } else if (last == line_number && !value_text.empty()) {
        size_t end = std::string_view::npos;
        if (value_text.front() == '"') {
            for (size_t i = 1; i < value_text.size(); ++i) {
                if (value_text[i] == '\\')
                    ++i;
                else if (value_text[i] == '"') {
                    end = i + 1;
                    break;
                }
            }
        } else if (value_text.front() == '\'') {
            for (size_t i = 1; i < value_text.size(); ++i) {
                if (value_text[i] == '\'' && i + 1 < value_text.size() && value_text[i + 1] == '\'')
                    ++i;
                else if (value_text[i] == '\'') {
                    end = i + 1;
                    break;
                }
            }
        } else {
            end = value_text.find(" #");
            while (end != std::string_view::npos && end > 0 && value_text[end - 1] == ' ')
                --end; // the spaces before the comment stay with it
        }
        if (end != std::string_view::npos)
            suffix = std::string(value_text.substr(end));
    }
    std::vector<std::string> scalar = yaml_scalar(value, indent);
    Edit edit;
    edit.first_line = line_number;
    edit.line_count = last - line_number + 1;
    edit.lines.push_back(line.substr(0, start) + scalar[0] + suffix);
    for (size_t i = 1; i < scalar.size(); ++i)
        edit.lines.push_back(scalar[i]);
    m_edits.push_back(std::move(edit));
}

void CatalogEditor::set(const load::Value::Entry& entry, const CatalogEntry& wanted) {
    const load::Value& map = entry.value;
    const load::Value::Entry* text = nullptr;
    const load::Value::Entry* from = nullptr;
    const load::Value::Entry* note = nullptr;
    const load::Value::Entry* source = nullptr;
    for (const load::Value::Entry& field : map.entries()) {
        if (field.key == "text")
            text = &field;
        else if (field.key == "from")
            from = &field;
        else if (field.key == "note")
            note = &field;
        else if (field.key == "source")
            source = &field;
    }
    bool flow = false; // "{text: …, from: …}" on the key's line
    for (const load::Value::Entry& field : map.entries())
        flow = flow || field.key_pos.line == entry.key_pos.line;
    // Values as the catalog reader takes them: trimmed (a block ends in a line break).
    auto value = [](const load::Value::Entry* field) {
        return field ? std::string(trim(field->value.text())) : std::string();
    };
    bool same = text && value(text) == wanted.text &&
                (!wanted.from || (from && value(from) == *wanted.from)) &&
                (!wanted.source || (source && value(source) == *wanted.source)) &&
                (note ? wanted.note && value(note) == *wanted.note : !wanted.note);
    if (same)
        return;
    if (!map.is_map() || !text || flow) {
        // Not in the block form tools write: the whole entry is written anew.
        uint32_t first = entry.key_pos.line, last = first;
        const size_t indent = entry.key_pos.column - 1;
        for (uint32_t next = first + 1; next <= m_lines.size(); ++next) {
            if (blank(m_lines[next - 1]))
                continue;
            if (indentation(m_lines[next - 1]) <= indent)
                break;
            last = next;
        }
        CatalogEntry merged = wanted;
        if (!merged.from && from)
            merged.from = value(from);
        if (!merged.source && source)
            merged.source = value(source);
        std::string formatted = format_catalog_entry(entry.key, merged);
        formatted.pop_back();
        Edit edit{first, last - first + 1, owned_lines(formatted)};
        m_edits.push_back(std::move(edit));
        return;
    }
    const std::string indent(text->key_pos.column - 1, ' ');
    if (value(text) != wanted.text)
        replace_field(*text, wanted.text);
    // Fields the entry lacks go above its text, in the order tools write them.
    Edit above_text{text->key_pos.line, 0, {}};
    if (wanted.from) {
        if (!from)
            above_text.lines.push_back(indent + "from: " + *wanted.from);
        else if (value(from) != *wanted.from)
            replace_field(*from, *wanted.from);
    }
    if (wanted.source) {
        if (!source) {
            std::vector<std::string> scalar = yaml_scalar(*wanted.source, indent.size());
            above_text.lines.push_back(indent + "source: " + scalar[0]);
            above_text.lines.insert(above_text.lines.end(), scalar.begin() + 1, scalar.end());
        } else if (value(source) != *wanted.source) {
            replace_field(*source, *wanted.source);
        }
    }
    if (!above_text.lines.empty())
        m_edits.push_back(std::move(above_text));
    if (wanted.note && note && value(note) != *wanted.note) {
        replace_field(*note, *wanted.note);
    } else if (wanted.note && !note) {
        // After the entry's last line.
        uint32_t last = entry.key_pos.line;
        const size_t key_indent = entry.key_pos.column - 1;
        for (uint32_t next = last + 1; next <= m_lines.size(); ++next) {
            if (blank(m_lines[next - 1]))
                continue;
            if (indentation(m_lines[next - 1]) <= key_indent)
                break;
            last = next;
        }
        std::vector<std::string> scalar = yaml_scalar(*wanted.note, indent.size());
        Edit edit{last + 1, 0, {indent + "note: " + scalar[0]}};
        for (size_t i = 1; i < scalar.size(); ++i)
            edit.lines.push_back(scalar[i]);
        m_edits.push_back(std::move(edit));
    } else if (!wanted.note && note) {
        uint32_t first = note->key_pos.line, last = first;
        for (uint32_t next = first + 1; next <= m_lines.size(); ++next) {
            if (blank(m_lines[next - 1]))
                continue;
            if (indentation(m_lines[next - 1]) <= note->key_pos.column - 1)
                break;
            last = next;
        }
        m_edits.push_back(Edit{first, last - first + 1, {}});
    }
}

void CatalogEditor::append(const std::string& key, const CatalogEntry& wanted) {
    m_appended += "\n" + format_catalog_entry(key, wanted);
}

std::string CatalogEditor::text() const {
    std::vector<std::string> lines = m_lines;
    std::vector<Edit> edits = m_edits;
    // From the bottom up, so that line numbers above stay true; at one line, the replacement
    // before the insertion (which then lands above it).
    std::stable_sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
        if (a.first_line != b.first_line)
            return a.first_line > b.first_line;
        return a.line_count > b.line_count;
    });
    for (const Edit& edit : edits) {
        auto at = lines.begin() + std::min<size_t>(edit.first_line - 1, lines.size());
        at = lines.erase(at, at + std::min<size_t>(edit.line_count, lines.end() - at));
        lines.insert(at, edit.lines.begin(), edit.lines.end());
    }
    std::string out;
    for (size_t i = 0; i < lines.size(); ++i) {
        out += lines[i];
        if (i + 1 < lines.size() || m_final_newline)
            out += '\n';
    }
    if (!m_appended.empty()) {
        if (!out.empty() && out.back() != '\n')
            out += '\n';
        // One blank line between entries: the appended text starts with one.
        std::string appended = m_appended;
        if (out.empty() || (out.size() >= 2 && out.ends_with("\n\n")))
            appended.erase(0, 1);
        out += appended;
    }
    return out;
}

} // namespace mipex::i18n
