// mipex site: the website from the same project as the book. Each language edition is
// composed once and written three ways, as its PDF, its EPUB and its pages (the writers of
// write.cpp); then what the languages share: the data, the assets, the sitemap.
#include "base/files.h"
#include "pipeline/edition.h"
#include "site/downloads.h"
#include "site/paths.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <set>

namespace mipex::pipeline {

namespace fs = std::filesystem;

namespace {

/// The address the site will be served at, with its final '/'; nothing when it is not an
/// absolute http(s) URL with a host (RFC 3986 §4.3).
std::optional<std::string> normalized_base_url(const std::string& url) {
    for (std::string scheme : {"https://", "http://"}) {
        if (!url.starts_with(scheme))
            continue;
        std::string rest = url.substr(scheme.size());
        size_t host_end = rest.find_first_of("/?#");
        std::string host = rest.substr(0, host_end);
        if (host.empty() || host.find_first_of(" \t\"<>\\^`{|}") != std::string::npos)
            return std::nullopt;
        if (rest.find_first_of("?#") != std::string::npos ||
            url.find_first_of(" \t\"<>\\^`{|}") != std::string::npos)
            return std::nullopt;
        return url.ends_with("/") ? url : url + "/";
    }
    return std::nullopt;
}

site::SiteLanguage site_language(const std::string& tag) {
    icu::Locale locale(tag.c_str());
    icu::UnicodeString name;
    locale.getDisplayName(locale, name);
    // A language's name in itself starts lower-case in many languages ("français"); the
    // switcher lists it as a name.
    name.replace(0, 1, icu::UnicodeString(name, 0, 1).toTitle(nullptr, locale));
    std::string utf8;
    name.toUTF8String(utf8);
    return {tag, utf8, locale.isRightToLeft() != 0};
}

/// The site's own style sheet and scripts, from the engine's layouts/site/.
std::vector<fs::path> asset_files(Diagnostics& diagnostics) {
    std::vector<fs::path> files;
    fs::path folder = engine_root() / "layouts" / "site";
    std::error_code error;
    for (const fs::directory_entry& entry : fs::directory_iterator(folder, error))
        if (entry.is_regular_file())
            files.push_back(entry.path());
    if (error)
        diagnostics.error(SourcePos{}, "cannot read the site's assets in " + folder.string() +
                                           ": " + error.message());
    std::sort(files.begin(), files.end());
    return files;
}

/// Every page of the site below `root`, sorted, for the sitemap: not the 404 pages.
std::vector<std::string> pages_below(const fs::path& root) {
    std::vector<std::string> pages;
    std::error_code error;
    for (auto it = fs::recursive_directory_iterator(root, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (!it->is_regular_file() || it->path().extension() != ".html" ||
            it->path().filename() == "404.html")
            continue;
        pages.push_back(fs::relative(it->path(), root).generic_string());
    }
    std::sort(pages.begin(), pages.end());
    return pages;
}

} // namespace

std::vector<BuildResult> build_site(CheckedProject& checked, const SiteBuildOptions& options) {
    return build_site(checked, options, build_books);
}

std::vector<BuildResult> build_site(CheckedProject& checked, const SiteBuildOptions& options,
                                    const BuildEditions& build_editions) {
    Diagnostics& diagnostics = checked.diagnostics;
    BuildOptions build = options.build;
    build.formats = {OutputFormat::Pdf, OutputFormat::Epub, OutputFormat::Site};
    fs::path out = build.out.empty() ? build.project / "out" : build.out;
    fs::path root = out / "site";
    build.out = root;

    std::string base_url;
    if (!options.base_url.empty()) {
        if (auto url = normalized_base_url(options.base_url))
            base_url = *url;
        else
            diagnostics.error(SourcePos{}, "--base-url " + options.base_url +
                                               ": not an absolute http or https address "
                                               "(https://www.example.org/mipex/)");
    }
    // Page names come from ids that validation keeps to lower-case letters, digits and '_'
    // (ISO codes in capitals for countries, which site::slug lower-cases): no two pages can
    // be one file, on any host.
    std::vector<site::File> assets;
    for (const fs::path& path : asset_files(diagnostics)) {
        std::optional<std::string> bytes = read_file(path);
        if (!bytes)
            diagnostics.error(SourcePos{}, "cannot read " + path.string());
        else
            assets.push_back({"assets/" + path.filename().string(), std::move(*bytes)});
    }
    if (diagnostics.has_errors())
        return {};

    site::LanguageSiteOptions& site = build.site;
    site.base_url = base_url;
    for (const std::string& tag : build.languages)
        site.languages.push_back(site_language(tag));
    // What the style sheets and scripts show themselves goes into the fonts.
    for (const site::File& file : assets)
        if (file.path.ends_with(".css") || file.path.ends_with(".js"))
            site.asset_text += file.data;
    // The data's bytes are known before the pages that list them; written once the pages
    // are, so that an edition refused leaves nothing behind.
    std::vector<site::File> data = site::data_downloads(checked.model, checked.scores);
    for (const site::File& file : data)
        site.data_files.push_back(
            {file.path, fs::path(file.path).filename().string(), file.data.size()});

    std::vector<BuildResult> results = build_editions(checked, build);
    if (results.empty() || diagnostics.has_errors())
        return results;
    for (const BuildResult& result : results)
        if (!result.written)
            return results;

    std::vector<std::pair<fs::path, std::string_view>> files;
    for (const site::File& file : data)
        files.emplace_back(root / file.path, file.data);
    for (const site::File& file : assets)
        files.emplace_back(root / file.path, file.data);
    // A sitemap lists absolute addresses (sitemaps.org): only when the address is known.
    const std::string sitemap = base_url.empty() ? "" : site::sitemap(pages_below(root), base_url);
    if (!sitemap.empty())
        files.emplace_back(root / "sitemap.xml", sitemap);
    const std::string robots = site::robots(base_url);
    files.emplace_back(root / "robots.txt", robots);
    if (std::string message = write_files_atomic(files); !message.empty())
        diagnostics.error(SourcePos{}, message);
    return results;
}

} // namespace mipex::pipeline
