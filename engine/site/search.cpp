#include "site/search.h"

#include "base/xml.h"
#include "site/paths.h"

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace mipex::site {

namespace {

icu::Locale locale_of(std::string_view language) {
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale = icu::Locale::forLanguageTag(language, status);
    return U_FAILURE(status) ? icu::Locale::getRoot() : locale;
}

std::string to_utf8(const icu::UnicodeString& text) {
    std::string out;
    text.toUTF8String(out);
    return out;
}

/// Each code point of UTF-8 `text`, in order (malformed bytes as U+FFFD, as ICU reads them).
template <class Visit>
void for_each_code_point(std::string_view text, Visit visit) {
    int32_t i = 0;
    const int32_t length = static_cast<int32_t>(text.size());
    while (i < length) {
        UChar32 c;
        U8_NEXT(text.data(), i, length, c);
        visit(c < 0 ? 0xFFFD : c);
    }
}

/// German written without umlauts, "Österreich" → "Oesterreich", by ICU's de-ASCII
/// transliterator (CLDR's de-ASCII transform), so that "oesterreich" finds it too. Empty
/// where ICU lacks it. One per thread: ICU does not promise that a transliterator may be
/// used by several threads at once, and the site's languages are built on several.
std::string german_ascii(std::string_view text) {
    thread_local const std::unique_ptr<icu::Transliterator> transliterator = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> made(
            icu::Transliterator::createInstance("de-ASCII", UTRANS_FORWARD, status));
        return U_FAILURE(status) ? nullptr : std::move(made);
    }();
    if (!transliterator)
        return {};
    icu::UnicodeString converted = icu::UnicodeString::fromUTF8(text);
    transliterator->transliterate(converted);
    return to_utf8(converted);
}

const char* kind_name(SearchEntry::Kind kind) {
    switch (kind) {
    case SearchEntry::Kind::Country:
        return "country";
    case SearchEntry::Kind::Area:
        return "area";
    case SearchEntry::Kind::Dimension:
        return "dimension";
    case SearchEntry::Kind::Indicator:
        return "indicator";
    }
    return "";
}

/// The words of several texts in the order given, each word once.
class WordList {
public:
    explicit WordList(std::string_view language) : m_language(language) {}

    void add(std::string_view text) {
        std::string words = search_words(fold_for_search(text, m_language));
        size_t start = 0;
        while (start < words.size()) {
            size_t end = std::min(words.find(' ', start), words.size());
            std::string word = words.substr(start, end - start);
            if (m_seen.insert(word).second)
                m_text += (m_text.empty() ? "" : " ") + word;
            start = end + 1;
        }
    }
    const std::string& text() const { return m_text; }

private:
    std::string m_language;
    std::set<std::string> m_seen;
    std::string m_text;
};

} // namespace

std::string fold_for_search(std::string_view text, std::string_view language) {
    // The order JavaScript can follow: toLocaleLowerCase (the full, context-sensitive case
    // mapping of the Unicode Standard, section 3.13, with the language's own rules for
    // Turkish, Azeri and Lithuanian, as ICU's UnicodeString::toLower), then normalize('NFD'),
    // then remove \p{M}. Lower-casing first turns "İ" into "i" in Turkish rather than "ı".
    icu::UnicodeString lowered = icu::UnicodeString::fromUTF8(text);
    lowered.toLower(locale_of(language));
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    icu::UnicodeString decomposed = U_SUCCESS(status) ? nfd->normalize(lowered, status) : lowered;
    if (U_FAILURE(status))
        decomposed = lowered;
    icu::UnicodeString folded;
    for (int32_t i = 0; i < decomposed.length();) {
        UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (U_GET_GC_MASK(c) & U_GC_M_MASK)
            continue;
        // Final sigma is medial sigma (as Unicode's case folding has it), so "ελλας" finds
        // "Ελλάς" and a query typed letter by letter matches as it grows.
        folded.append(c == 0x03C2 ? UChar32(0x03C3) : c);
    }
    return to_utf8(folded);
}

std::string search_words(std::string_view folded) {
    std::string out;
    bool in_word = false;
    for_each_code_point(folded, [&](UChar32 c) {
        if (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK)) {
            if (!in_word && !out.empty())
                out += ' ';
            in_word = true;
            char bytes[U8_MAX_LENGTH];
            int32_t length = 0;
            U8_APPEND_UNSAFE(bytes, length, c);
            out.append(bytes, static_cast<size_t>(length));
        } else {
            in_word = false;
        }
    });
    return out;
}

SearchIndex make_search_index(const model::Model& model, const i18n::Localizer& localizer) {
    SearchIndex index;
    index.language = localizer.language();
    const std::string& language = index.language;
    const bool german = language == "de" || language.starts_with("de-");
    // A name's words, and for German its spelling without umlauts.
    auto add_name = [&](WordList& words, const std::string& name) {
        words.add(name);
        if (german)
            words.add(german_ascii(name));
    };
    const std::string separator = " · ";

    auto add_kind = [&](std::vector<SearchEntry> entries) {
        std::stable_sort(entries.begin(), entries.end(),
                         [&](const SearchEntry& a, const SearchEntry& b) {
                             return localizer.less(a.title, b.title);
                         });
        for (SearchEntry& entry : entries)
            index.entries.push_back(std::move(entry));
    };

    std::vector<SearchEntry> countries;
    for (const model::Country& country : model.countries) {
        SearchEntry entry{SearchEntry::Kind::Country,
                          localizer.text(country.name),
                          localizer.ui("ui.column_country") + separator + country.code,
                          country_page(language, country.code),
                          {}};
        WordList words(language);
        add_name(words, entry.title);
        words.add(country.code);
        // The name in the source language too: a reader may know it only by that.
        words.add(country.name.source);
        entry.words = words.text();
        countries.push_back(std::move(entry));
    }
    add_kind(std::move(countries));

    std::vector<SearchEntry> areas, dimensions;
    for (const model::Area& area : model.framework.areas) {
        const std::string& area_name = localizer.text(area.name);
        SearchEntry entry{SearchEntry::Kind::Area,
                          area_name,
                          localizer.ui("ui.column_area"),
                          area_page(language, area.id),
                          {}};
        WordList words(language);
        add_name(words, area_name);
        entry.words = words.text();
        areas.push_back(std::move(entry));
        for (const model::Dimension& dimension : area.dimensions) {
            SearchEntry item{SearchEntry::Kind::Dimension,
                             localizer.text(dimension.name),
                             localizer.ui("ui.column_dimension") + separator + area_name,
                             dimension_link(language, area.id, dimension.id),
                             {}};
            WordList dimension_words(language);
            add_name(dimension_words, item.title);
            item.words = dimension_words.text();
            dimensions.push_back(std::move(item));
        }
    }
    add_kind(std::move(areas));
    add_kind(std::move(dimensions));

    std::vector<SearchEntry> indicators;
    for (const model::Indicator& indicator : model.framework.indicators) {
        const model::Area& area = model.framework.areas[indicator.area];
        SearchEntry entry{SearchEntry::Kind::Indicator,
                          localizer.text(indicator.name),
                          localizer.ui("ui.column_indicator") + separator +
                              localizer.text(area.name) + separator +
                              localizer.text(area.dimensions[indicator.dimension].name),
                          indicator_page(language, indicator.id),
                          {}};
        WordList words(language);
        add_name(words, entry.title);
        add_name(words, localizer.text(indicator.question));
        entry.words = words.text();
        indicators.push_back(std::move(entry));
    }
    add_kind(std::move(indicators));

    for (size_t count = 0; count <= index.entries.size(); ++count)
        index.result_counts.push_back(
            localizer.ui("ui.search_results", {{"count", static_cast<long long>(count)}}));
    return index;
}

std::string search_index_path(std::string_view language) {
    return "assets/search-" + slug(language) + ".js";
}

std::string search_index_script(const SearchIndex& index) {
    using json = nlohmann::ordered_json;
    // One entry a line, so that a change of the index reads as a change of its entries.
    auto dumped = [](const json& value) {
        return value.dump(-1, ' ', false, json::error_handler_t::replace);
    };
    const std::string path = search_index_path(index.language);
    std::string out = "// The search index of the " + index.language +
                      " pages (layouts/site/search.js reads it). Written by mipex.\n";
    out += "window.MIPEX_SEARCH = {\n";
    out += "\"language\": " + dumped(index.language) + ",\n";
    out += "\"root\": " + dumped(relative_url(path, "")) + ",\n";
    out += "\"counts\": " + dumped(index.result_counts) + ",\n";
    out += "\"entries\": [\n";
    for (size_t i = 0; i < index.entries.size(); ++i) {
        const SearchEntry& entry = index.entries[i];
        json item{{"kind", kind_name(entry.kind)},
                  {"title", entry.title},
                  {"detail", entry.detail},
                  {"url", entry.url},
                  {"words", entry.words}};
        out += dumped(item) + (i + 1 < index.entries.size() ? ",\n" : "\n");
    }
    out += "]};\n";
    return out;
}

std::string search_form_html(std::string_view page, std::string_view language,
                             std::string_view label) {
    const std::string search_page = named_page(language, "search");
    return "<form role=\"search\" class=\"search\" action=\"" +
           xml_escape(relative_url(page, search_page)) + "\" data-index=\"" +
           xml_escape(relative_url(page, search_index_path(language))) +
           "\">\n<label for=\"search-input\">" + xml_escape(label) +
           "</label>\n<input type=\"search\" id=\"search-input\" name=\"q\" autocomplete=\"off\" "
           "spellcheck=\"false\" aria-controls=\"search-results\">\n"
           "<ul id=\"search-results\" class=\"search-results\" hidden></ul>\n"
           "<p class=\"search-status\" aria-live=\"polite\"></p>\n</form>\n";
}

std::string search_list_html(const SearchIndex& index, std::string_view page) {
    std::string out = "<ul class=\"search-list\">\n";
    for (const SearchEntry& entry : index.entries)
        out += "<li><a href=\"" + xml_escape(relative_url(page, entry.url)) + "\">" +
               xml_escape(entry.title) + "</a> <span class=\"search-detail\">" +
               xml_escape(entry.detail) + "</span></li>\n";
    return out + "</ul>\n";
}

} // namespace mipex::site
