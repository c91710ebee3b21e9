// What every part of the book builder needs: the data, the edition's language, and helpers
// over them (names, years, bands, rankings, table and chart building blocks). The builder of
// the book's parts and the chart builders share it.
#pragma once

#include "base/diagnostics.h"
#include "doc/document.h"
#include "i18n/localizer.h"
#include "model/model.h"
#include "score/score_table.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace mipex::doc {

using score::Measure;

class BookContext {
public:
    BookContext(const model::Model& model, const score::ScoreTable& scores,
                const i18n::Localizer& localizer, Diagnostics& diagnostics);

    /// A style of the edition: the theme's, with the language's families first (the Arabic
    /// faces for an Arabic edition).
    const Style& style(const std::string& name) const;
    /// The theme's styles with the edition language's families first, or nothing when the
    /// language changes none.
    static std::shared_ptr<const std::map<std::string, Style>>
    edition_styles(const model::Theme& theme, const i18n::Localizer& localizer);
    /// The string key of a printed text, when the localizer served it.
    std::string key_of(const std::string& shown) const { return m_localizer.key_of(shown); }
    /// The country's name in the edition. Each profile's position chart names every country,
    /// so the names are looked up (and their keys remembered) once, not n² times.
    const std::string& name(size_t country) const {
        if (m_names.empty())
            m_names.assign(m_model.countries.size(), nullptr);
        if (!m_names[country])
            m_names[country] = &m_localizer.text(m_model.countries[country].name);
        return *m_names[country];
    }
    int year(size_t index) const { return m_model.year_editions.years[index]; }
    std::string year_text(size_t index) const { return m_localizer.year(year(index)); }
    /// "2014–2019", or the current year alone without a previous edition.
    std::string years_text() const;
    const model::Group& average_group() const { return m_model.groups[m_model.book.average_group]; }
    std::string group_name() const { return m_localizer.text(average_group().name); }

    Color band_color(double score) const { return m_theme.bands[m_scores.band_of(score)].color; }
    std::string band_label(double score) const;
    /// The shown score, or the "no score" mark.
    std::string score_text(std::optional<double> value) const;
    std::string measure_name(Measure measure) const;
    /// Countries with a score, best first; ties in the order of the edition's language.
    /// Sorted once per edition and measure (every profile ranks every country).
    const std::vector<size_t>& ranking(size_t year_index, Measure measure) const;
    const std::vector<size_t>& countries_by_name() const { return m_countries_by_name; }
    /// Whether the country is in the index in the edition the book presents (between its
    /// `since` and `until`): only then has it a profile, a row, a rank.
    bool in_edition(size_t country) const {
        return m_model.observations.has_year(country, m_current);
    }
    /// Whether some country has a current score but none in the previous edition.
    bool has_newcomers() const;

    ChartStyles chart_styles() const;
    std::vector<std::string> axis_labels() const; ///< 0, 20, … 100 in the edition's digits
    std::vector<LegendEntry> band_legend() const;
    /// Black or white, whichever reads better on `background` (WCAG 2.1 relative luminance).
    static Color readable_on(Color background);

    Table::Cell cell(std::string text, const std::string& style_name,
                     std::optional<Align> align = std::nullopt) const;
    Table::Cell number_cell(std::optional<double> value) const;
    /// An empty table with the book's caption, rules and stripes.
    Table table_frame(std::string caption) const;

protected:
    const model::Model& m_model;
    const score::ScoreTable& m_scores;
    const i18n::Localizer& m_localizer;
    Diagnostics& m_diagnostics;
    const model::Theme& m_theme;
    size_t m_current;
    std::optional<size_t> m_previous;
    std::shared_ptr<const std::map<std::string, Style>> m_styles;
    std::vector<size_t> m_countries_by_name;
    std::vector<size_t> m_name_order;
    mutable std::vector<const std::string*> m_names; ///< by country, once looked up
    /// Rankings made, by year, kind, index and dimension of the measure.
    mutable std::map<std::tuple<size_t, int, size_t, size_t>, std::vector<size_t>> m_rankings;

public:
    const model::Model& model() const { return m_model; }
    const score::ScoreTable& scores() const { return m_scores; }
    const i18n::Localizer& localizer() const { return m_localizer; }
    const model::Theme& theme() const { return m_theme; }
    std::shared_ptr<const std::map<std::string, Style>> styles() const { return m_styles; }
    size_t current() const { return m_current; }
    std::optional<size_t> previous() const { return m_previous; }
};

} // namespace mipex::doc
