#include "model/reader.h"

#include "base/text.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace mipex::model {

MapReader::MapReader(const Value& value, std::string what, Diagnostics& diagnostics)
    : m_value(value), m_what(std::move(what)), m_diagnostics(diagnostics) {
    if (!value.is_map()) {
        m_diagnostics.error(value.pos(), m_what + " must be a mapping of keys to values, not " +
                                             value.kind_name());
        m_ok = false;
    }
}

const Value* MapReader::required(std::string_view key) {
    const Value* value = optional(key);
    if (!value && m_ok)
        m_diagnostics.error(m_value.pos(), m_what + " needs a '" + std::string(key) + "'");
    return value;
}

const Value* MapReader::optional(std::string_view key) {
    if (std::find(m_known.begin(), m_known.end(), key) == m_known.end())
        m_known.emplace_back(key);
    return m_ok ? m_value.find(key) : nullptr;
}

void MapReader::reject_unknown_keys() {
    if (!m_ok)
        return;
    std::vector<std::string> known;
    for (const Value::Entry& entry : m_value.entries()) {
        if (std::find(m_known.begin(), m_known.end(), entry.key) != m_known.end())
            continue;
        if (known.empty()) {
            // Sorted, as the messages list them.
            known = m_known;
            std::sort(known.begin(), known.end());
        }
        std::string message = "unknown key '" + entry.key + "' in " + m_what;
        if (entry.key == "<<")
            message += "; YAML merge keys are not supported, write the keys out";
        else if (auto suggestion = nearest(entry.key, known))
            message += "; did you mean '" + *suggestion + "'?";
        else
            message += " (known keys: " + [&] {
                std::string list;
                for (const std::string& key : known)
                    list += (list.empty() ? "" : ", ") + key;
                return list;
            }() + ")";
        m_diagnostics.error(entry.key_pos, message);
    }
}

std::optional<std::string> read_text(const Value* value, std::string_view what,
                                     Diagnostics& diagnostics) {
    if (!value)
        return std::nullopt;
    if (!value->is_scalar()) {
        diagnostics.error(value->pos(),
                          std::string(what) + " must be a text, not " + value->kind_name());
        return std::nullopt;
    }
    if (trim(value->text()).empty()) {
        diagnostics.error(value->pos(), std::string(what) + " is empty");
        return std::nullopt;
    }
    return value->text();
}

std::optional<Text> read_translatable(const Value* value, std::string key, std::string_view what,
                                      Diagnostics& diagnostics) {
    auto text = read_text(value, what, diagnostics);
    if (!text)
        return std::nullopt;
    return Text{std::move(key), std::string(trim(*text)), value->pos()};
}

std::optional<double> parse_number(std::string_view text) {
    text = trim(text);
    if (text.starts_with('+'))
        text.remove_prefix(1);
    double result = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), result);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
        !std::isfinite(result))
        return std::nullopt;
    return result;
}

bool is_unusable_number(std::string_view text) {
    text = trim(text);
    if (text.starts_with('+') || text.starts_with('-'))
        text.remove_prefix(1);
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower.starts_with('.'))
        lower.erase(0, 1); // YAML writes .nan and .inf
    if (lower == "nan" || lower == "inf" || lower == "infinity")
        return true;
    double result = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), result);
    return error == std::errc::result_out_of_range && end == text.data() + text.size();
}

std::optional<double> read_number(const Value* value, std::string_view what,
                                  Diagnostics& diagnostics) {
    if (!value)
        return std::nullopt;
    if (!value->is_scalar()) {
        diagnostics.error(value->pos(),
                          std::string(what) + " must be a number, not " + value->kind_name());
        return std::nullopt;
    }
    auto number = parse_number(value->text());
    if (!number)
        diagnostics.error(
            value->pos(),
            std::string(what) + " must be a number, not '" + value->text() + "'" +
                (is_unusable_number(value->text()) ? " (only finite numbers are scores)" : ""));
    return number;
}

static std::string format_bound(double value) {
    if (value == std::floor(value) && std::fabs(value) < 1e15)
        return std::to_string(static_cast<long long>(value));
    return std::to_string(value);
}

std::optional<double> read_number_in(const Value* value, double min, double max,
                                     std::string_view what, Diagnostics& diagnostics) {
    auto number = read_number(value, what, diagnostics);
    if (number && (*number < min || *number > max)) {
        diagnostics.error(value->pos(), std::string(what) + " must be between " +
                                            format_bound(min) + " and " + format_bound(max) +
                                            ", not " + value->text());
        return std::nullopt;
    }
    return number;
}

std::optional<int> read_integer(const Value* value, std::string_view what,
                                Diagnostics& diagnostics) {
    auto number = read_number(value, what, diagnostics);
    if (!number)
        return std::nullopt;
    if (*number != std::floor(*number) || std::fabs(*number) > 1e9) {
        diagnostics.error(value->pos(),
                          std::string(what) + " must be a whole number, not " + value->text());
        return std::nullopt;
    }
    return static_cast<int>(*number);
}

std::optional<bool> read_bool(const Value* value, std::string_view what, Diagnostics& diagnostics) {
    if (!value)
        return std::nullopt;
    if (value->is_scalar() && !value->quoted()) {
        const std::string& text = value->text();
        if (text == "true" || text == "yes")
            return true;
        if (text == "false" || text == "no")
            return false;
    }
    diagnostics.error(value->pos(), std::string(what) + " must be true or false");
    return std::nullopt;
}

std::optional<Length> read_length(const Value* value, std::string_view what,
                                  Diagnostics& diagnostics) {
    auto text = read_text(value, what, diagnostics);
    if (!text)
        return std::nullopt;
    auto length = parse_length(*text);
    if (!length)
        diagnostics.error(value->pos(), std::string(what) +
                                            " must be a length such as 12pt, "
                                            "20mm or 1.5cm, not '" +
                                            *text + "'");
    return length;
}

std::optional<Color> read_color(const Value* value, std::string_view what,
                                Diagnostics& diagnostics) {
    auto text = read_text(value, what, diagnostics);
    if (!text)
        return std::nullopt;
    auto color = parse_color(*text);
    if (!color)
        diagnostics.error(value->pos(), std::string(what) +
                                            " must be a colour written #rrggbb, not '" + *text +
                                            "'");
    return color;
}

bool refuse_format_character(const Value& value, std::string_view what, Diagnostics& diagnostics) {
    auto found = find_format_character(value.text());
    if (!found)
        return false;
    diagnostics.error(value.pos(), std::string(what) + " '" + value.text() + "' holds " +
                                       describe_format_character(found->code) +
                                       ", an invisible character; remove it");
    return true;
}

std::optional<std::string> read_id(const Value* value, std::string_view what,
                                   Diagnostics& diagnostics) {
    auto text = read_text(value, what, diagnostics);
    if (!text || refuse_format_character(*value, what, diagnostics))
        return std::nullopt;
    bool valid = !text->empty() && text->front() >= 'a' && text->front() <= 'z';
    for (char c : *text)
        valid = valid && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
    if (!valid) {
        diagnostics.error(value->pos(), std::string(what) + " '" + *text +
                                            "' must use only lower-case letters a-z, digits "
                                            "and '_', starting with a letter");
        return std::nullopt;
    }
    return text;
}

const std::vector<Value>* read_list(const Value* value, std::string_view what,
                                    Diagnostics& diagnostics) {
    static const std::vector<Value> empty;
    if (!value || value->is_null())
        return &empty;
    if (!value->is_sequence()) {
        diagnostics.error(value->pos(),
                          std::string(what) + " must be a list, not " + value->kind_name());
        return nullptr;
    }
    return &value->items();
}

static size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::optional<std::string> nearest(std::string_view word,
                                   const std::vector<std::string>& candidates) {
    // The edit distance takes time in the product of the lengths: no suggestion for a "word"
    // of a hundred kilobytes (no key or id is that long, and it is no typo).
    if (word.size() > 64)
        return std::nullopt;
    std::optional<std::string> best;
    size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
    for (const std::string& candidate : candidates) {
        // The distance is at least the difference in length: skip what cannot be closer.
        size_t gap = candidate.size() > word.size() ? candidate.size() - word.size()
                                                    : word.size() - candidate.size();
        if (gap >= best_distance)
            continue;
        size_t distance = edit_distance(word, candidate);
        // A candidate that changes every character of the word is no likely typo of it
        // ("XX" for "DE").
        if (distance < best_distance && distance < word.size()) {
            best_distance = distance;
            best = candidate;
        }
    }
    return best;
}

} // namespace mipex::model
