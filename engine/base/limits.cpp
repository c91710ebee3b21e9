#include "base/limits.h"

#include <charconv>

namespace mipex {

const std::vector<LimitInfo>& limit_table() {
    static const std::vector<LimitInfo> table = {
        {"file-size", &Limits::file_bytes, "bytes in one YAML or CSV file"},
        {"depth", &Limits::yaml_depth, "nesting of lists and maps in a YAML file"},
        {"aliases", &Limits::alias_values, "values that YAML aliases copy into one file"},
        {"values", &Limits::values, "values in all files together"},
        {"text", &Limits::text_bytes, "bytes in one text"},
        {"name", &Limits::name_chars, "characters in a name, title or label"},
        {"countries", &Limits::countries, "countries"},
        {"indicators", &Limits::indicators, "indicators"},
        {"editions", &Limits::editions, "edition years"},
        {"cells", &Limits::cells, "cells of the data and of the score table"},
        {"errors", &Limits::errors, "errors reported"},
    };
    return table;
}

std::string set_limit(Limits& limits, std::string_view assignment) {
    size_t equals = assignment.find('=');
    std::string_view name = assignment.substr(0, equals);
    const LimitInfo* info = nullptr;
    for (const LimitInfo& candidate : limit_table())
        if (name == candidate.name)
            info = &candidate;
    if (!info) {
        std::string known;
        for (const LimitInfo& candidate : limit_table())
            known += (known.empty() ? "" : ", ") + std::string(candidate.name);
        return "no limit named '" + std::string(name) + "' (limits: " + known + ")";
    }
    if (equals == std::string_view::npos)
        return "--limit " + std::string(name) + " needs a value: --limit " + std::string(name) +
               "=N";
    std::string_view text = assignment.substr(equals + 1);
    uint64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    uint64_t scale = 1;
    std::string_view suffix(end, text.data() + text.size() - end);
    if (suffix == "K" || suffix == "k")
        scale = 1u << 10;
    else if (suffix == "M")
        scale = 1u << 20;
    else if (suffix == "G")
        scale = 1u << 30;
    else if (!suffix.empty())
        error = std::errc::invalid_argument;
    if (error != std::errc() || text.empty() || value == 0 || value > UINT64_MAX / scale)
        return "the limit " + std::string(name) +
               " must be a whole number above 0 (K, M and G multiply by 1024), not '" +
               std::string(text) + "'";
    value *= scale;
    if (info->field == &Limits::yaml_depth && value > max_yaml_depth_ceiling)
        return "the limit depth cannot be above " + std::to_string(max_yaml_depth_ceiling) +
               " (the YAML reader recurses once per level)";
    limits.*(info->field) = value;
    return {};
}

std::string raise_hint(std::string_view name) {
    return "raise it with --limit " + std::string(name) + "=N";
}

std::string format_count(uint64_t count) {
    std::string digits = std::to_string(count);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return out;
}

} // namespace mipex
