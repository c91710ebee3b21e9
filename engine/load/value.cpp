#include "load/value.h"

namespace mipex::load {

Value Value::null(SourcePos pos) {
    Value value;
    value.m_kind = Kind::Null;
    value.m_pos = pos;
    return value;
}

Value Value::scalar(SourcePos pos, std::string text, bool quoted) {
    Value value;
    value.m_kind = Kind::Scalar;
    value.m_pos = pos;
    value.m_text = std::move(text);
    value.m_quoted = quoted;
    return value;
}

Value Value::sequence(SourcePos pos) {
    Value value;
    value.m_kind = Kind::Sequence;
    value.m_pos = pos;
    return value;
}

Value Value::map(SourcePos pos) {
    Value value;
    value.m_kind = Kind::Map;
    value.m_pos = pos;
    return value;
}

const Value* Value::find(std::string_view key) const {
    for (const Entry& entry : m_entries)
        if (entry.key == key)
            return &entry.value;
    return nullptr;
}

void Value::push_entry(std::string key, SourcePos key_pos, Value value) {
    m_entries.push_back(Entry{std::move(key), key_pos, std::move(value)});
}

const char* Value::kind_name() const {
    switch (m_kind) {
    case Kind::Null:
        return "nothing";
    case Kind::Scalar:
        return "a text";
    case Kind::Sequence:
        return "a list";
    case Kind::Map:
        return "a mapping";
    }
    return "nothing";
}

static void dump_into(std::string& out, const Value& value, const SourceFiles& files, int indent) {
    std::string pad(indent * 2, ' ');
    std::string where =
        "  @" + std::to_string(value.pos().line) + ":" + std::to_string(value.pos().column);
    switch (value.kind()) {
    case Value::Kind::Null:
        out += "null" + where + "\n";
        break;
    case Value::Kind::Scalar:
        out += (value.quoted() ? "\"" : "") + value.text() + (value.quoted() ? "\"" : "") + where +
               "\n";
        break;
    case Value::Kind::Sequence:
        out += "list" + where + "\n";
        for (const Value& item : value.items()) {
            out += pad + "- ";
            dump_into(out, item, files, indent + 1);
        }
        break;
    case Value::Kind::Map:
        out += "map" + where + "\n";
        for (const Value::Entry& entry : value.entries()) {
            out += pad + entry.key + ": ";
            dump_into(out, entry.value, files, indent + 1);
        }
        break;
    }
}

std::string dump(const Value& value, const SourceFiles& files) {
    std::string out;
    dump_into(out, value, files, 1);
    return out;
}

} // namespace mipex::load
