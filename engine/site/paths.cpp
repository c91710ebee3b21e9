#include "site/paths.h"

#include <map>

namespace mipex::site {

std::string slug(std::string_view id) {
    std::string out;
    out.reserve(id.size());
    for (char c : id) {
        if (c >= 'A' && c <= 'Z')
            out += static_cast<char>(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
            out += c;
        else
            out += '-';
    }
    return out.empty() ? "-" : out;
}

std::string home_page(std::string_view language) {
    return std::string(language) + "/index.html";
}

std::string area_page(std::string_view language, std::string_view area) {
    return std::string(language) + "/area/" + slug(area) + ".html";
}

std::string country_page(std::string_view language, std::string_view country) {
    return std::string(language) + "/country/" + slug(country) + ".html";
}

std::string country_pdf(std::string_view language, std::string_view country) {
    return std::string(language) + "/country/" + slug(country) + ".pdf";
}

std::string indicator_page(std::string_view language, std::string_view indicator) {
    return std::string(language) + "/indicator/" + slug(indicator) + ".html";
}

std::string dimension_link(std::string_view language, std::string_view area,
                           std::string_view dimension) {
    return area_page(language, area) + "#" + slug(dimension);
}

std::string named_page(std::string_view language, std::string_view name) {
    return std::string(language) + "/" + std::string(name) + ".html";
}

std::string relative_url(std::string_view from, std::string_view to) {
    // The folders the two paths share are left out; each folder of `from` beyond them is
    // a "../".
    size_t common = 0;
    for (size_t i = 0; i < from.size() && i < to.size() && from[i] == to[i]; ++i)
        if (from[i] == '/')
            common = i + 1;
    std::string out;
    for (size_t i = common; i < from.size(); ++i)
        if (from[i] == '/')
            out += "../";
    out += to.substr(common);
    return out;
}

std::vector<std::pair<std::string, std::string>> slug_clashes(const std::vector<std::string>& ids) {
    std::vector<std::pair<std::string, std::string>> clashes;
    std::map<std::string, std::string> first;
    for (const std::string& id : ids) {
        auto [found, added] = first.emplace(slug(id), id);
        if (!added && found->second != id)
            clashes.emplace_back(found->second, id);
    }
    return clashes;
}

} // namespace mipex::site
