// What the website shows besides the book's sections, in one edition's language: the names,
// scores, ranks, bands, changes and answers, each made by the book's own rules (the shown
// rounding, the language's digits and collation, the theme's bands), so that a number on the
// site is the number in the book. build_document makes it when asked
// (DocumentOptions::site_content); the site stage writes it as pages.
#pragma once

#include "base/units.h"
#include "doc/document.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mipex::doc {

/// The interface texts of the website, in the edition's language (ui.site_* in
/// layouts/strings.yaml).
struct SiteTexts {
    std::string site_title;       ///< "MIPEX", the site's name in the header
    std::string home;             ///< "Home"
    std::string areas;            ///< "Policy areas"
    std::string countries;        ///< "Countries"
    std::string indicators;       ///< "Indicators"
    std::string compare;          ///< "Compare countries"
    std::string how_to_read;      ///< "How to read the index"
    std::string downloads;        ///< "Downloads"
    std::string colophon;         ///< "Colophon and credits"
    std::string search;           ///< "Search"
    std::string search_label;     ///< "Search countries, areas and indicators"
    std::string search_results;   ///< "Results"
    std::string skip_to_content;  ///< "Skip to the content"
    std::string language;         ///< "Language", the switcher's label
    std::string main_navigation;  ///< "Main", the navigation's name
    std::string country;          ///< "Country", a column
    std::string score;            ///< "Score"
    std::string rank;             ///< "Rank"
    std::string band;             ///< "Band"
    std::string change;           ///< "Change"
    std::string average;          ///< "Average ({group})"
    std::string answer;           ///< "Answer"
    std::string option;           ///< "Option"
    std::string points;           ///< "Points"
    std::string question;         ///< "Question"
    std::string all_answers;      ///< "Every indicator's answer"
    std::string changed;          ///< "Indicators that changed"
    std::string key_figures;      ///< "Key figures"
    std::string area_scores;      ///< "Scores in the policy areas"
    std::string dimension_scores; ///< "Scores in the dimensions"
    std::string choose_countries; ///< "Choose two to six countries"
    std::string show_comparison;  ///< "Compare"
    std::string compare_hint;     ///< what the compare page says without JavaScript
    std::string dataset;          ///< "The data"
    std::string book_files;       ///< "The book"
    std::string file_size;        ///< "{size}" as kB/MB in the language
    std::string not_found;        ///< the 404 page's title
    std::string not_found_text;   ///< what it says
    std::string chart_data;       ///< "The numbers of this chart"
    std::string description;      ///< the site's description (meta description, Open Graph)
    /// A page's title is title_before + the page's own + title_after ("Sweden – MIPEX").
    std::string title_before, title_after;
    std::string compare_caption;  ///< "Scores in the policy areas, 2019"
    std::string compared_caption; ///< "… and their dimensions, 2019"
};

/// One score of one country (or the average) in one measure, as shown.
struct SiteScore {
    std::string current;       ///< shown ("58", "٥٨"), or the "no score" mark
    std::string current_plain; ///< ASCII at the book's precision ("58.33"); empty: none
    std::string previous;      ///< shown, or empty without a previous edition
    std::string previous_plain;
    std::string change;         ///< "+3", or the "no score" mark
    std::optional<int> rank;    ///< in the current edition
    std::string rank_text;      ///< in the language's digits
    std::optional<size_t> band; ///< index into SiteContent::bands
};

/// A measure the site shows: an overall score, an area or a dimension.
struct SiteMeasure {
    enum class Kind { Overall, Area, Dimension };
    Kind kind = Kind::Overall;
    std::string id;   ///< "overall", "lmm", "lmm.access" (area id, dimension id)
    std::string name; ///< in the language
    size_t area = 0;  ///< for Area and Dimension
};

struct SiteOption {
    std::string key;
    std::string points; ///< "100 points" as the annex writes it
    std::string label;
};

struct SiteIndicator {
    std::string id;
    std::string name;
    Paragraph question; ///< with its links and emphasis
    std::string note;   ///< empty: none
    size_t area = 0, dimension = 0;
    std::vector<SiteOption> options;
    std::string answers_caption; ///< "Every country's answer: {indicator}"
    std::string context;         ///< "{area} · {dimension}"
};

struct SiteDimension {
    std::string id;
    std::string name;
    std::vector<size_t> indicators; ///< indices into SiteContent::indicators
};

struct SiteArea {
    std::string id;
    std::string name;
    std::vector<SiteDimension> dimensions;
    size_t measure = 0; ///< index into SiteContent::measures
};

/// A country's answer to an indicator in one edition.
struct SiteAnswer {
    std::string points; ///< its score as shown, "not applicable" or the "no score" mark
    std::string option; ///< the option's text; empty for a number or no answer
};

struct SiteCountry {
    std::string code; ///< ISO 3166-1 alpha-2
    std::string name;
    bool in_edition = false;       ///< has a profile and scores in the current edition
    std::vector<SiteScore> scores; ///< by SiteContent::measures
    /// By indicator: the answer in the current and the previous edition.
    std::vector<SiteAnswer> current_answers, previous_answers;
    std::vector<size_t> changed; ///< indicators whose answer changed between the editions
    std::string scores_caption;  ///< "Scores of Sweden"
};

struct SiteBand {
    std::string label; ///< "Favourable"
    std::string range; ///< "80–100" in the language's digits
    Color color;
};

struct SiteContent {
    SiteTexts texts;
    std::string current_year, previous_year; ///< previous empty without a previous edition
    /// The years in ASCII digits ("2019"), for data attributes and files.
    std::string current_year_plain, previous_year_plain;
    std::string group;                 ///< the average's group ("EU27")
    std::vector<SiteBand> bands;       ///< from highest to lowest
    std::vector<SiteMeasure> measures; ///< the overall scores, then each area and its dimensions
    std::vector<SiteArea> areas;
    std::vector<SiteIndicator> indicators;
    std::vector<SiteCountry> countries;    ///< in the model's order
    std::vector<size_t> countries_by_name; ///< in the language's collation
    std::vector<SiteScore> averages;       ///< the group's mean, by measure
    /// By measure: the countries with a current score, best first.
    std::vector<std::vector<size_t>> rankings;
};

} // namespace mipex::doc

namespace mipex::doc {

class BookContext;

/// The site's content of the edition `book` is built for; `prose` makes a paragraph of a
/// prose text (an indicator's question) as the book's builder does.
SiteContent make_site_content(const BookContext& book,
                              const std::function<Paragraph(const model::Text&)>& prose);

} // namespace mipex::doc
