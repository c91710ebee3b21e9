// Helpers for validate(): read typed fields out of Value trees and report, with positions,
// whatever does not fit. Each helper reports its own error and returns nothing on failure.
#pragma once

#include "base/diagnostics.h"
#include "base/units.h"
#include "load/value.h"
#include "model/model.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mipex::model {

using load::Value;

/// Reads the keys of one mapping, then reports the keys nobody asked for.
class MapReader {
public:
    /// `what` names the mapping in messages: "an indicator", "the page settings".
    MapReader(const Value& value, std::string what, Diagnostics& diagnostics);

    bool ok() const { return m_ok; }
    const Value& value() const { return m_value; }
    const Value* required(std::string_view key);
    const Value* optional(std::string_view key);
    /// Reports every key that was not read, suggesting the nearest known one.
    void reject_unknown_keys();

private:
    const Value& m_value;
    std::string m_what;
    Diagnostics& m_diagnostics;
    bool m_ok = true;
    /// The keys asked for, in the order asked: a handful, so a vector (a reader is made for
    /// every row of a score table, and a set's nodes were a third of validating them).
    std::vector<std::string> m_known;
};

/// A non-empty text.
std::optional<std::string> read_text(const Value* value, std::string_view what,
                                     Diagnostics& diagnostics);
/// A translatable text under `key`.
std::optional<Text> read_translatable(const Value* value, std::string key, std::string_view what,
                                      Diagnostics& diagnostics);
/// A finite number; NaN, infinities and text are refused.
std::optional<double> read_number(const Value* value, std::string_view what,
                                  Diagnostics& diagnostics);
/// A number within [min, max].
std::optional<double> read_number_in(const Value* value, double min, double max,
                                     std::string_view what, Diagnostics& diagnostics);
std::optional<int> read_integer(const Value* value, std::string_view what,
                                Diagnostics& diagnostics);
std::optional<bool> read_bool(const Value* value, std::string_view what, Diagnostics& diagnostics);
std::optional<Length> read_length(const Value* value, std::string_view what,
                                  Diagnostics& diagnostics);
std::optional<Color> read_color(const Value* value, std::string_view what,
                                Diagnostics& diagnostics);
/// Reports, at `value`, an invisible or bidirectional format character in an id or code
/// (base/text.h: find_format_character): it would make two ids that look the same differ,
/// or one that looks right match nothing. True when there is one.
bool refuse_format_character(const Value& value, std::string_view what, Diagnostics& diagnostics);
/// A stable id: lower-case letters, digits and underscores, starting with a letter.
std::optional<std::string> read_id(const Value* value, std::string_view what,
                                   Diagnostics& diagnostics);
/// A list (a missing value is an empty list); reports anything else.
const std::vector<Value>* read_list(const Value* value, std::string_view what,
                                    Diagnostics& diagnostics);

/// Parses a whole text as a finite number (no NaN, no infinity, no trailing text).
std::optional<double> parse_number(std::string_view text);

/// True for a text that is written as a number but is none the engine can use: NaN, an
/// infinity (nan, .inf, -Infinity, as YAML and spreadsheets write them) or a number beyond
/// the range of a double (1e400).
bool is_unusable_number(std::string_view text);

/// The candidate closest to `word` by edit distance, if close enough to be a likely typo.
std::optional<std::string> nearest(std::string_view word,
                                   const std::vector<std::string>& candidates);

} // namespace mipex::model
