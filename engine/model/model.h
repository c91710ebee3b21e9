// The typed model of a project: what validate() makes of the loaded Value trees. Every later
// stage reads only these types; they never see YAML or CSV.
#pragma once

#include "base/source.h"
#include "base/units.h"

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mipex::model {

/// A translatable text: its stable key (how translators and catalogs find it), the text in
/// the source language (English), and where that text was written.
struct Text {
    std::string key;
    std::string source;
    SourcePos pos;
};

// ---------------------------------------------------------------------------------------------
// The index framework (MIPEX.md: areas → dimensions → indicators → answer options)

/// What an answer of "not applicable" does to the means. MIPEX requires an explicit rule,
/// never a silent zero.
struct NotApplicableRule {
    enum class Kind {
        Exclude, ///< left out of its dimension's mean
        Score,   ///< counted as `score`
        Refuse,  ///< not allowed for this indicator: an error in the data
    };
    Kind kind = Kind::Exclude;
    double score = 0;
};

struct Option {
    std::string key;  ///< what data files write, e.g. "a"
    double value = 0; ///< 0–100; 100 is the highest standard of equal treatment
    Text label;
    SourcePos pos;
};

struct Indicator {
    std::string id;
    Text name;
    Text question;
    std::optional<Text> note;
    std::vector<Option> options;
    NotApplicableRule not_applicable;
    size_t area = 0;      ///< index into Framework::areas
    size_t dimension = 0; ///< index into Area::dimensions
    SourcePos pos;

    const Option* find_option(std::string_view key) const;
};

struct Dimension {
    std::string id;
    Text name;
    std::vector<size_t> indicators; ///< indices into Framework::indicators
    SourcePos pos;
};

struct Area {
    std::string id;
    Text name;
    std::vector<Dimension> dimensions;
    SourcePos pos;
};

/// An overall score: the mean of a set of areas (MIPEX from 2015 has one with and one
/// without health).
struct OverallVariant {
    std::string id;
    Text name;
    std::optional<Text> note;
    std::vector<size_t> areas; ///< indices into Framework::areas
};

/// Finds an entry of a vector by its code (a country's, an indicator's id) without scanning:
/// validation looks up every score row's country and indicator, n rows × n entries. Built on
/// first use and again when the vector has grown; an entry found under a code it no longer
/// has falls back to the scan. Thread-safe, as editions are built on several threads. Copies
/// start empty.
class CodeIndex {
public:
    CodeIndex() = default;
    CodeIndex(const CodeIndex&) {}
    CodeIndex& operator=(const CodeIndex&) {
        std::lock_guard lock(m_mutex);
        m_positions.clear();
        m_size = 0;
        return *this;
    }

    /// The first entry of `items` whose `code_of` is `code`.
    template <class Items, class CodeOf>
    std::optional<size_t> find(const Items& items, std::string_view code, CodeOf code_of) const {
        std::lock_guard lock(m_mutex);
        if (m_size != items.size()) {
            m_positions.clear();
            for (size_t i = 0; i < items.size(); ++i)
                m_positions.emplace(code_of(items[i]), i); // keeps the first of duplicates
            m_size = items.size();
        }
        if (auto found = m_positions.find(code); found != m_positions.end()) {
            if (code_of(items[found->second]) == code)
                return found->second;
        }
        for (size_t i = 0; i < items.size(); ++i)
            if (code_of(items[i]) == code)
                return i;
        return std::nullopt;
    }

private:
    mutable std::mutex m_mutex;
    mutable std::map<std::string, size_t, std::less<>> m_positions;
    mutable size_t m_size = 0;
};

struct Framework {
    std::vector<Area> areas;
    std::vector<Indicator> indicators;    ///< in framework order
    std::vector<OverallVariant> overalls; ///< the first is the headline score
    NotApplicableRule not_applicable;
    /// More indicators than Limits::indicators were given (reported); the rest are not read.
    bool too_many_indicators = false;
    /// Indicators whose id was refused (reported), as written, and whether one had no id
    /// to speak of: the data's rows naming them are not reported again.
    std::set<std::string, std::less<>> refused_indicator_ids;
    bool unknown_indicator_ids = false;

    /// True when `id` may name an indicator that was refused.
    bool covers_refused_id(std::string_view id) const;

    std::optional<size_t> find_area(std::string_view id) const;
    std::optional<size_t> find_indicator(std::string_view id) const;

private:
    CodeIndex m_indicator_index;
};

// ---------------------------------------------------------------------------------------------
// Countries, editions, groups and the data

struct Country {
    std::string code; ///< ISO 3166-1 alpha-2, upper case
    Text name;
    std::optional<Text> profile; ///< prose of the country profile
    std::optional<int> since;    ///< first edition year with data (absent before, not zero)
    std::optional<int> until;    ///< last edition year with data (absent after, not zero)
    SourcePos pos;
    SourcePos since_pos; ///< where `since` was written, for errors about it
    SourcePos until_pos; ///< where `until` was written
};

struct AreaText {
    std::optional<Text> summary;
    std::optional<Text> text;
};

struct Group {
    std::string id;
    Text name;
    std::vector<size_t> members; ///< indices into Model::countries
    SourcePos pos;
};

/// One cell of the data: the answer of a country to an indicator in one edition year.
struct Answer {
    enum class Kind { Missing, Option, Number, NotApplicable };
    Kind kind = Kind::Missing;
    double value = 0;   ///< the score when Option or Number
    std::string option; ///< the option key when Option
    SourcePos pos;
};

/// The data of all countries, years and indicators, dense.
class Observations {
public:
    Observations() = default;
    Observations(size_t countries, size_t years, size_t indicators);

    Answer& at(size_t country, size_t year, size_t indicator);
    const Answer& at(size_t country, size_t year, size_t indicator) const;
    /// True when the country has any answer in that year.
    bool has_year(size_t country, size_t year) const;

    size_t countries() const { return m_countries; }
    size_t years() const { return m_years; }
    size_t indicators() const { return m_indicators; }

private:
    size_t m_countries = 0, m_years = 0, m_indicators = 0;
    std::vector<Answer> m_answers;
};

/// The years the index was scored (MIPEX's editions: 2014, 2019), as content/book.yaml's
/// `editions` names them: a year of the data, never a language the book is written in
/// (pipeline::LanguageEdition).
struct YearEditions {
    std::vector<int> years; ///< every year with data, ascending
    size_t current = 0;     ///< index into years
    std::optional<size_t> previous;
    SourcePos current_pos, previous_pos; ///< where content/book.yaml names them
    /// A year in content/book.yaml could not be read (reported): years the data has that
    /// are not editions are not reported again.
    bool incomplete = false;
};

struct BookInfo {
    Text title;
    std::optional<Text> subtitle;
    Text author;
    std::optional<Text> subject;
    std::vector<std::string> keywords;
    std::string language = "en";
    bool illustrative = false;
    std::optional<Text> notice;
    std::optional<Text> how_to_read;
    std::optional<Text> colophon;
    size_t average_group = 0; ///< index into Model::groups
    /// Decimals of every score and change the book shows: 0, 1 or 2 (MIPEX's own workbooks
    /// print two: Germany 2020, 58.33).
    int precision = 0;
};

// ---------------------------------------------------------------------------------------------
// The look (layouts/theme.yaml) and the book's structure (layouts/book.yaml)

enum class Align { Start, Center, End, Justify };

/// A paragraph or character style, fully resolved: nothing inherits at layout time.
struct TextStyle {
    std::string name;
    std::string family;
    SourcePos family_pos; ///< where the family was written (perhaps in a based_on style)
    int weight = 400;
    bool italic = false;
    Length size = 0;
    Length leading = 0;
    Color color;
    Align align = Align::Start;
    Length space_before = 0;
    Length space_after = 0;
    Length first_line_indent = 0;
    bool keep_with_next = false;
    bool tabular_numbers = false;
};

struct PageGeometry {
    Length width = 0, height = 0;
    Length margin_top = 0, margin_bottom = 0, margin_inner = 0, margin_outer = 0;
    Length header_gap = 0; ///< from the text block's top up to the running head's baseline
    Length footer_gap = 0; ///< from the text block's foot down to the folio's baseline
};

/// A verbal band of scores (MIPEX.md: 80–100 favourable … 0 critically unfavourable).
struct Band {
    std::string key;
    double min = 0; ///< inclusive, on the rounded score
    double max = 0; ///< inclusive
    Text label;
    Color color;
};

struct Theme {
    PageGeometry page;
    std::map<std::string, TextStyle> styles;
    std::map<std::string, Color> colors;
    std::vector<Band> bands; ///< from highest to lowest
    /// Per language (a tag such as "ar", matching "ar" and "ar-EG"): families set before a
    /// style's own family in that language's editions, for a script the styles' families
    /// lack ("Noto Serif" → "Noto Naskh Arabic").
    std::map<std::string, std::map<std::string, std::string>> language_families;

    const TextStyle& style(const std::string& name) const;
    Color color(const std::string& name) const;
};

/// The parts of the book in order (layouts/book.yaml).
struct Part {
    enum class Kind {
        TitlePage,
        Contents,
        Text,
        AreaChapters,
        CountryProfiles,
        IndicatorAnnex,
        Colophon
    };
    Kind kind = Kind::Text;
    std::string title;               ///< a string key (ui.*), may be empty
    std::string text;                ///< for Kind::Text: which book text ("how_to_read")
    bool front_matter = false;       ///< numbered in roman numerals
    std::vector<std::string> blocks; ///< what each chapter of the part holds, in order
    SourcePos pos;
    SourcePos title_pos, text_pos; ///< where `title` and `text` are written
};

struct Structure {
    std::vector<Part> parts;
};

// ---------------------------------------------------------------------------------------------
// Maps (content/assets/maps/)

struct GeoPoint {
    double lon = 0, lat = 0; ///< degrees
};

/// One polygon of a country: its outer ring, then its holes.
struct MapPolygon {
    std::string country; ///< ISO 3166-1 alpha-2, or empty for land without a code
    std::vector<std::vector<GeoPoint>> rings;
};

struct MapAsset {
    std::string id;
    enum class Projection { LambertAzimuthalEqualArea, EqualEarth };
    Projection projection = Projection::EqualEarth;
    GeoPoint center;
    std::optional<std::pair<GeoPoint, GeoPoint>>
        bounds; ///< south-west and north-east corners shown
    std::vector<MapPolygon> polygons;
    SourcePos pos;
};

struct Maps {
    std::string source; ///< attribution of the outlines
    std::vector<MapAsset> maps;
    const MapAsset* find(std::string_view id) const;
};

// ---------------------------------------------------------------------------------------------
// Translations (content/i18n/<lang>/*.yaml)

/// One translated text, as a catalog file gives it.
struct Translation {
    std::string text;
    /// The fingerprint of the English text this translation was made from (catalog.h); a
    /// translation whose fingerprint is not the current English's is stale.
    std::optional<std::string> from;
    std::optional<std::string> note; ///< the translator's note
    /// The English it was made from, as `mipex i18n import` records it (its fingerprint is
    /// `from` unless the entry was edited by hand since).
    std::optional<std::string> source;
    SourcePos pos;     ///< where the translated text is written
    SourcePos key_pos; ///< where its key is
};

/// The translations of one language: every YAML file under content/i18n/<lang>/.
struct Catalog {
    std::string language;                       ///< the folder's name, a BCP 47 tag
    std::vector<std::string> files;             ///< logical names, in name order
    std::map<std::string, Translation> entries; ///< by the source text's key
};

// ---------------------------------------------------------------------------------------------

struct Model {
    BookInfo book;
    Framework framework;
    std::vector<Country> countries;   ///< in code order
    std::vector<AreaText> area_texts; ///< parallel to framework.areas
    std::vector<Group> groups;
    YearEditions year_editions;
    Observations observations;
    Theme theme;
    Structure structure;
    /// Interface strings ("Contents", "Rank {rank} of {count}"), by key, in the source language.
    std::map<std::string, Text> strings;
    Maps maps;
    /// Translations by language (not the source language).
    std::map<std::string, Catalog> catalogs;

    std::optional<size_t> find_country(std::string_view code) const;
    std::optional<size_t> find_year(int year) const;

private:
    CodeIndex m_country_index;
};

/// A text dump of the model, for tests and `mipex` debugging.
std::string dump(const Model& model);

} // namespace mipex::model
