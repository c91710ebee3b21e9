#include "doc/context.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace mipex::doc {

BookContext::BookContext(const model::Model& model, const score::ScoreTable& scores,
                         const i18n::Localizer& localizer, Diagnostics& diagnostics)
    : m_model(model), m_scores(scores), m_localizer(localizer), m_diagnostics(diagnostics),
      m_theme(model.theme), m_current(model.year_editions.current),
      m_previous(model.year_editions.previous), m_styles(edition_styles(model.theme, localizer)) {
    m_countries_by_name.resize(model.countries.size());
    std::iota(m_countries_by_name.begin(), m_countries_by_name.end(), 0);
    std::stable_sort(m_countries_by_name.begin(), m_countries_by_name.end(),
                     [&](size_t a, size_t b) { return m_localizer.less(name(a), name(b)); });
    m_name_order.resize(model.countries.size());
    for (size_t i = 0; i < m_countries_by_name.size(); ++i)
        m_name_order[m_countries_by_name[i]] = i;
}

const Style& BookContext::style(const std::string& name) const {
    if (m_styles) {
        auto found = m_styles->find(name);
        if (found != m_styles->end())
            return found->second;
    }
    return m_theme.style(name);
}

std::shared_ptr<const std::map<std::string, Style>>
BookContext::edition_styles(const model::Theme& theme, const i18n::Localizer& localizer) {
    if (localizer.pseudo())
        return nullptr;
    const std::string& language = localizer.language();
    auto families = theme.language_families.find(language);
    if (families == theme.language_families.end())
        families = theme.language_families.find(language.substr(0, language.find('-')));
    if (families == theme.language_families.end())
        return nullptr;
    auto styles = std::make_shared<std::map<std::string, Style>>(theme.styles);
    for (auto& [name, style] : *styles)
        if (auto face = families->second.find(style.family); face != families->second.end())
            // pango tries the families of a list in order, character by character.
            style.family = face->second + ", " + style.family;
    return styles;
}

std::string BookContext::years_text() const {
    return m_previous ? year_text(*m_previous) + "–" + year_text(m_current) : year_text(m_current);
}

std::string BookContext::band_label(double score) const {
    return m_localizer.text(m_theme.bands[m_scores.band_of(score)].label);
}

std::string BookContext::score_text(std::optional<double> value) const {
    return value ? m_localizer.score(*value) : m_localizer.ui("ui.no_score");
}

std::string BookContext::measure_name(Measure measure) const {
    switch (measure.kind) {
    case Measure::Kind::Overall:
        return m_localizer.text(m_model.framework.overalls[measure.index].name);
    case Measure::Kind::Area:
        return m_localizer.text(m_model.framework.areas[measure.index].name);
    case Measure::Kind::Dimension:
        return m_localizer.text(
            m_model.framework.areas[measure.index].dimensions[measure.dimension].name);
    }
    return {};
}

const std::vector<size_t>& BookContext::ranking(size_t year_index, Measure measure) const {
    auto key = std::make_tuple(year_index, static_cast<int>(measure.kind), measure.index,
                               measure.dimension);
    if (auto found = m_rankings.find(key); found != m_rankings.end())
        return found->second;
    std::vector<size_t>& ranked = m_rankings[key];
    for (size_t c = 0; c < m_model.countries.size(); ++c)
        if (m_scores.score(c, year_index, measure))
            ranked.push_back(c);
    std::sort(ranked.begin(), ranked.end(), [&](size_t a, size_t b) {
        int rank_a = *m_scores.rank(a, year_index, measure);
        int rank_b = *m_scores.rank(b, year_index, measure);
        if (rank_a != rank_b)
            return rank_a < rank_b;
        return m_name_order[a] < m_name_order[b];
    });
    return ranked;
}

bool BookContext::has_newcomers() const {
    if (!m_previous)
        return false;
    for (size_t c = 0; c < m_model.countries.size(); ++c)
        if (m_scores.score(c, m_current, Measure::overall()) &&
            !m_scores.score(c, *m_previous, Measure::overall()))
            return true;
    return false;
}

ChartStyles BookContext::chart_styles() const {
    ChartStyles styles{&style("chart_title"), &style("chart_label"),    &style("chart_value"),
                       &style("chart_axis"),  m_theme.color("text"),    m_theme.color("muted"),
                       m_theme.color("grid"), m_theme.color("average"), m_theme.color("highlight")};
    // Labels may shrink to 80% of their size before they must wrap or be cut.
    styles.min_label_size = style("chart_label").size * 4 / 5;
    styles.right_to_left = m_localizer.right_to_left();
    return styles;
}

std::vector<std::string> BookContext::axis_labels() const {
    std::vector<std::string> labels;
    for (int tick = 0; tick <= 100; tick += 20)
        labels.push_back(m_localizer.integer(tick));
    return labels;
}

std::vector<LegendEntry> BookContext::band_legend() const {
    std::vector<LegendEntry> legend;
    for (const model::Band& band : m_theme.bands)
        legend.push_back(
            LegendEntry{m_localizer.text(band.label), band.color, LegendEntry::Mark::Swatch});
    return legend;
}

Color BookContext::readable_on(Color background) {
    auto linear = [](uint8_t channel) {
        double c = channel / 255.0;
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    double luminance = 0.2126 * linear(background.r) + 0.7152 * linear(background.g) +
                       0.0722 * linear(background.b);
    // Contrast with white is (1.05)/(L+0.05), with black (L+0.05)/0.05; equal at L≈0.179.
    return luminance < 0.179 ? Color{255, 255, 255, 255} : Color{0, 0, 0, 255};
}

Table::Cell BookContext::cell(std::string text, const std::string& style_name,
                              std::optional<Align> align) const {
    Table::Cell result;
    Span span;
    span.text = std::move(text);
    span.key = key_of(span.text);
    result.spans.push_back(std::move(span));
    result.style = &style(style_name);
    result.align = align;
    return result;
}

Table::Cell BookContext::number_cell(std::optional<double> value) const {
    return cell(score_text(value), "table_number");
}

Table BookContext::table_frame(std::string caption) const {
    Table table;
    table.continued = m_localizer.ui("ui.table_continued", {{"caption", caption}});
    table.caption = std::move(caption);
    table.caption_style = &style("caption");
    table.rule_color = m_theme.color("rule");
    table.stripe = m_theme.color("stripe");
    return table;
}

} // namespace mipex::doc
