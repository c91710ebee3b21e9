#include "load/yaml.h"

#include "base/text.h"

#include <map>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>
#include <yaml-cpp/yaml.h>

namespace mipex::load {

namespace {

/// Thrown out of yaml-cpp's parser when the input passes a limit or has an error yaml-cpp
/// lets through; the file is then unusable, as after a syntax error.
struct Refused {
    YAML::Mark mark;
    std::string message;
};

size_t count_nodes(const Value& value) {
    size_t count = 1;
    for (const Value& item : value.items())
        count += count_nodes(item);
    for (const Value::Entry& entry : value.entries())
        count += count_nodes(entry.value);
    return count;
}

/// Builds a Value tree from yaml-cpp's parse events. The event API is used instead of
/// YAML::Node because it keeps every duplicate key (Node silently keeps the first) and gives
/// a mark for every node.
class TreeBuilder final : public YAML::EventHandler {
public:
    TreeBuilder(FileId file, const SourceFiles& files, Diagnostics& diagnostics,
                const Limits& limits, uint64_t& values)
        : m_file(file), m_files(files), m_diagnostics(diagnostics), m_limits(limits),
          m_values(values) {}

    Value take_root() { return std::move(m_root); }

    SourcePos position(const YAML::Mark& mark) {
        if (mark.is_null() || mark.line < 0)
            return SourcePos{m_file, 0, 0};
        // yaml-cpp marks are zero-based and count bytes; editors count code points from 1.
        uint32_t line = static_cast<uint32_t>(mark.line) + 1;
        std::string_view text = m_files.line(m_file, line);
        size_t bytes = std::min<size_t>(static_cast<size_t>(std::max(mark.column, 0)), text.size());
        // Count on from the previous position when it is earlier on the same line: counting
        // from the line's start each time is quadratic on a long line ([1, 2, 3, … of
        // megabytes on one line).
        if (line != m_counted_line || bytes < m_counted_bytes) {
            m_counted_line = line;
            m_counted_bytes = 0;
            m_counted_points = 0;
        }
        m_counted_points +=
            count_code_points(text.substr(m_counted_bytes, bytes - m_counted_bytes));
        m_counted_bytes = bytes;
        return SourcePos{m_file, line, static_cast<uint32_t>(m_counted_points + 1)};
    }

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        count_values(mark, 1);
        complete(Value::null(position(mark)), anchor);
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        auto found = m_anchors.find(anchor);
        if (found == m_anchors.end()) {
            m_diagnostics.error(position(mark), "alias to an unknown anchor");
            count_values(mark, 1);
            complete(Value::null(position(mark)), 0);
            return;
        }
        // Each alias copies its anchor's tree: aliases of aliases grow exponentially (the
        // "billion laughs"), so a file of a few hundred bytes could exhaust memory.
        m_alias_nodes += found->second.nodes;
        if (m_alias_nodes > m_limits.alias_values)
            throw Refused{mark, "aliases expand to more than " +
                                    format_count(m_limits.alias_values) +
                                    " values; write the values out instead of nesting "
                                    "aliases, or " +
                                    raise_hint("aliases")};
        count_values(mark, found->second.nodes);
        complete(found->second.value, 0);
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        if (value.size() > m_limits.text_bytes)
            throw Refused{mark, "a text of " + format_count(value.size()) +
                                    " bytes, longer than the limit of " +
                                    format_count(m_limits.text_bytes) + " bytes; " +
                                    raise_hint("text")};
        count_values(mark, 1);
        // yaml-cpp gives plain scalars the tag "?" and quoted or block scalars "!".
        if (tag == "!")
            check_closed(mark);
        complete(Value::scalar(position(mark), value, tag != "?"), anchor);
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value style) override {
        count_values(mark, 1);
        open(mark, Value::sequence(position(mark)), anchor, style == YAML::EmitterStyle::Flow);
    }

    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value style) override {
        count_values(mark, 1);
        open(mark, Value::map(position(mark)), anchor, style == YAML::EmitterStyle::Flow);
    }

    void OnMapEnd() override { close(); }

    /// Where the innermost list (or map) written in brackets (or braces) that is still open
    /// begins, for "never closed" errors.
    std::optional<SourcePos> open_flow(Value::Kind kind) const {
        for (auto frame = m_stack.rbegin(); frame != m_stack.rend(); ++frame)
            if (frame->flow && frame->value.kind() == kind)
                return frame->value.pos();
        return std::nullopt;
    }

private:
    /// yaml-cpp 0.7 accepts a quoted text that is never closed when a line break follows the
    /// opening quote's line: `name: "Sweden` then more lines silently becomes a text that
    /// swallows the rest of the file. Look for the closing quote in the source.
    void check_closed(const YAML::Mark& mark) {
        const std::string& text = m_files.text(m_file);
        if (mark.pos < 0 || static_cast<size_t>(mark.pos) >= text.size())
            return;
        size_t at = static_cast<size_t>(mark.pos);
        char quote = text[at];
        if (quote != '"' && quote != '\'')
            return; // a block scalar (| or >)
        for (++at; at < text.size(); ++at) {
            if (quote == '"' && text[at] == '\\') {
                ++at; // an escape: the next character is not a closing quote
            } else if (text[at] == quote) {
                if (quote == '\'' && at + 1 < text.size() && text[at + 1] == '\'')
                    ++at; // '' is a quote inside a single-quoted text
                else
                    return;
            }
        }
        throw Refused{mark, std::string("YAML syntax error: this quoted text is never closed (the "
                                        "closing ") +
                                quote + " is missing)"};
    }

    struct Frame {
        Value value;
        YAML::anchor_t anchor = 0;
        bool flow = false; ///< written [ … ] or { … }
        bool have_key = false;
        bool key_usable = false;
        std::string key;
        SourcePos key_pos;
        /// The keys so far, with the line of each: a duplicate is found in constant time,
        /// not by a scan of the map (quadratic in a map of a million keys).
        std::unordered_map<std::string, uint32_t> keys;
    };

    void open(const YAML::Mark& mark, Value value, YAML::anchor_t anchor, bool flow) {
        if (m_stack.size() >= m_limits.yaml_depth)
            throw Refused{mark, "nesting deeper than " + format_count(m_limits.yaml_depth) +
                                    " levels; " + raise_hint("depth")};
        m_stack.push_back(Frame{std::move(value), anchor, flow});
    }

    void close() {
        Frame frame = std::move(m_stack.back());
        m_stack.pop_back();
        complete(std::move(frame.value), frame.anchor);
    }

    void count_values(const YAML::Mark& mark, uint64_t count) {
        m_values += count;
        if (m_values > m_limits.values)
            throw Refused{mark, "the project holds more than " + format_count(m_limits.values) +
                                    " values (lists, maps and texts in all its files) by "
                                    "here; " +
                                    raise_hint("values")};
    }

    void complete(Value value, YAML::anchor_t anchor) {
        if (anchor != 0)
            m_anchors[anchor] = Anchored{value, count_nodes(value)};
        if (m_stack.empty()) {
            m_root = std::move(value);
            return;
        }
        Frame& top = m_stack.back();
        if (top.value.is_sequence()) {
            top.value.push_item(std::move(value));
            return;
        }
        if (!top.have_key) {
            top.have_key = true;
            top.key_pos = value.pos();
            top.key_usable = value.is_scalar();
            top.key = value.text();
            if (!value.is_scalar())
                m_diagnostics.error(value.pos(), std::string("a key must be a plain text, not ") +
                                                     value.kind_name());
            return;
        }
        top.have_key = false;
        if (!top.key_usable)
            return;
        // yaml-cpp marks an empty value ("name:" and nothing) where the next token starts,
        // often the next line's key; the key is where the user must add the value.
        if (value.is_null() &&
            (value.pos().line != top.key_pos.line || value.pos().column <= top.key_pos.column))
            value = Value::null(top.key_pos);
        auto [first, inserted] = top.keys.emplace(top.key, top.key_pos.line);
        if (!inserted) {
            m_diagnostics.error(top.key_pos, "duplicate key '" + top.key +
                                                 "' (first given on line " +
                                                 std::to_string(first->second) + ")");
            return;
        }
        top.value.push_entry(std::move(top.key), top.key_pos, std::move(value));
    }

    FileId m_file;
    const SourceFiles& m_files;
    Diagnostics& m_diagnostics;
    const Limits& m_limits;
    uint64_t& m_values;
    uint32_t m_counted_line = 0;
    size_t m_counted_bytes = 0, m_counted_points = 0;
    std::vector<Frame> m_stack;
    struct Anchored {
        Value value;
        size_t nodes = 0; ///< values in the tree, counted once for the alias limit
    };
    std::map<YAML::anchor_t, Anchored> m_anchors;
    size_t m_alias_nodes = 0;
    Value m_root;
};

/// yaml-cpp's message, with what it usually means where the bare message is puzzling.
std::string describe_yaml_error(const std::string& message) {
    std::string text = "YAML syntax error: " + message;
    if (message == YAML::ErrorMsg::MAP_VALUE)
        text += " (a ':' where no key can start: check the indentation, and quote a text "
                "that holds ': ')";
    else if (message == YAML::ErrorMsg::END_OF_MAP || message == YAML::ErrorMsg::END_OF_SEQ)
        text += " (something after a value on this line, or the next line indented wrongly; "
                "quote a text that holds quotes or ': ')";
    return text;
}

} // namespace

Value parse_yaml(FileId file, const SourceFiles& files, Diagnostics& diagnostics,
                 const Limits& limits, uint64_t* values) {
    uint64_t local_values = 0;
    uint64_t& counted = values ? *values : local_values;
    std::istringstream stream(files.text(file));
    TreeBuilder builder(file, files, diagnostics, limits, counted);
    try {
        YAML::Parser parser(stream);
        if (!parser.HandleNextDocument(builder))
            return Value::null(SourcePos{file, 1, 1});
        Value root = builder.take_root();
        TreeBuilder rest(file, files, diagnostics, limits, counted);
        if (parser.HandleNextDocument(rest)) {
            Value second = rest.take_root();
            diagnostics.error(second.pos(), "a file holds one YAML document; remove this one "
                                            "or the '---' before it");
        }
        return root;
    } catch (const Refused& exceeded) {
        diagnostics.error(builder.position(exceeded.mark), exceeded.message);
    } catch (const YAML::Exception& error) {
        // yaml-cpp reports a bracket never closed where the file ends; the user needs to
        // see where it was opened.
        bool list = error.msg == YAML::ErrorMsg::END_OF_SEQ_FLOW;
        if (list || error.msg == YAML::ErrorMsg::END_OF_MAP_FLOW) {
            if (auto opened = builder.open_flow(list ? Value::Kind::Sequence : Value::Kind::Map)) {
                diagnostics.error(*opened, list ? "YAML syntax error: this list is never closed "
                                                  "(its ']' is missing)"
                                                : "YAML syntax error: this mapping is never "
                                                  "closed (its '}' is missing)");
                return Value::null(SourcePos{file, 1, 1});
            }
        }
        diagnostics.error(builder.position(error.mark), describe_yaml_error(error.msg));
    }
    return Value::null(SourcePos{file, 1, 1});
}

} // namespace mipex::load
