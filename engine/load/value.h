// The load stage's output: a tree of plain values (maps, lists, scalars) read from YAML and
// CSV files, each node carrying its source position. Nothing here knows what a country or
// an indicator is; that is the validate stage's job.
#pragma once

#include "base/source.h"

#include <string>
#include <string_view>
#include <vector>

namespace mipex::load {

class Value {
public:
    enum class Kind { Null, Scalar, Sequence, Map };

    struct Entry;

    Value() = default;
    static Value null(SourcePos pos);
    static Value scalar(SourcePos pos, std::string text, bool quoted);
    static Value sequence(SourcePos pos);
    static Value map(SourcePos pos);

    Kind kind() const { return m_kind; }
    SourcePos pos() const { return m_pos; }
    bool is_null() const { return m_kind == Kind::Null; }
    bool is_scalar() const { return m_kind == Kind::Scalar; }
    bool is_sequence() const { return m_kind == Kind::Sequence; }
    bool is_map() const { return m_kind == Kind::Map; }

    /// The text of a scalar (empty for other kinds).
    const std::string& text() const { return m_text; }
    /// True when the scalar was written in quotes (or as a block), so "100" stays text.
    bool quoted() const { return m_quoted; }

    const std::vector<Value>& items() const { return m_items; }
    const std::vector<Entry>& entries() const { return m_entries; }
    /// The value under `key` in a map, or nullptr.
    const Value* find(std::string_view key) const;

    void push_item(Value value);
    void push_entry(std::string key, SourcePos key_pos, Value value);

    /// "a mapping", "a list", "a text" or "nothing", for error messages.
    const char* kind_name() const;

private:
    Kind m_kind = Kind::Null;
    SourcePos m_pos;
    bool m_quoted = false;
    std::string m_text;
    std::vector<Value> m_items;
    std::vector<Entry> m_entries;
};

struct Value::Entry {
    std::string key;
    SourcePos key_pos;
    Value value;
};

// Defined here, where Entry is complete: destroying a Value (the parameter) destroys its
// vector of entries. GCC lets an inline body in the class get away with it; clang does not.
inline void Value::push_item(Value value) {
    m_items.push_back(std::move(value));
}

/// An indented text dump of a value tree with positions, for tests and debugging.
std::string dump(const Value& value, const SourceFiles& files);

} // namespace mipex::load
