#include "doc/site_content.h"

#include "doc/context.h"

namespace mipex::doc {

namespace {

class SiteContentBuilder {
public:
    SiteContentBuilder(const BookContext& book,
                       const std::function<Paragraph(const model::Text&)>& prose)
        : m_book(book), m_model(book.model()), m_scores(book.scores()),
          m_localizer(book.localizer()), m_prose(prose) {}

    SiteContent run() {
        SiteContent site;
        site.texts = texts();
        site.current_year = m_book.year_text(m_book.current());
        site.current_year_plain = std::to_string(m_book.year(m_book.current()));
        if (m_book.previous()) {
            site.previous_year = m_book.year_text(*m_book.previous());
            site.previous_year_plain = std::to_string(m_book.year(*m_book.previous()));
        }
        site.group = m_book.group_name();
        for (const model::Band& band : m_book.theme().bands) {
            auto number = [&](double value) {
                return m_localizer.integer(static_cast<long long>(value));
            };
            // As the book's table of bands writes them.
            std::string range =
                band.min == band.max ? number(band.min) : number(band.min) + "–" + number(band.max);
            site.bands.push_back({m_localizer.text(band.label), range, band.color});
        }
        measures(site);
        indicators(site);
        countries(site);
        site.countries_by_name = m_book.countries_by_name();
        return site;
    }

private:
    SiteTexts texts() const {
        auto ui = [&](const char* key, const std::vector<i18n::Argument>& arguments = {}) {
            return m_localizer.ui(std::string("ui.site_") + key, arguments);
        };
        SiteTexts t;
        t.site_title = ui("title");
        t.home = ui("home");
        t.areas = ui("areas");
        t.countries = ui("countries");
        t.indicators = ui("indicators");
        t.compare = ui("compare");
        t.how_to_read = ui("how_to_read");
        t.downloads = ui("downloads");
        t.colophon = ui("colophon");
        t.search = ui("search");
        t.search_label = ui("search_label");
        t.search_results = ui("search_results");
        t.skip_to_content = ui("skip_to_content");
        t.language = ui("language");
        t.main_navigation = ui("main_navigation");
        t.country = ui("country");
        t.score = ui("score");
        t.rank = ui("rank");
        t.band = ui("band");
        t.change = ui("change");
        t.average = ui("average", {{"group", m_book.group_name()}});
        t.answer = ui("answer");
        t.option = ui("option");
        t.points = ui("points");
        t.question = ui("question");
        t.all_answers = ui("all_answers");
        t.changed = ui("changed");
        t.key_figures = ui("key_figures");
        t.area_scores = ui("area_scores");
        t.dimension_scores = ui("dimension_scores");
        t.choose_countries = ui("choose_countries");
        t.show_comparison = ui("show_comparison");
        t.compare_hint = ui("compare_hint");
        t.dataset = ui("dataset");
        t.book_files = ui("book_files");
        t.not_found = ui("not_found");
        t.not_found_text = ui("not_found_text");
        t.chart_data = ui("chart_data");
        t.description = ui("description");
        // The pattern around the page's own title, which only the pages know: formatted with
        // a mark in its place, then cut there.
        const std::string mark = "\x01";
        std::string title = ui("page_title", {{"page", mark}, {"site", t.site_title}});
        size_t at = title.find(mark);
        if (at == std::string::npos) {
            t.title_before = title + " ";
        } else {
            t.title_before = title.substr(0, at);
            t.title_after = title.substr(at + mark.size());
        }
        const std::string year = m_book.year_text(m_book.current());
        t.compare_caption = ui("compare_caption", {{"year", year}});
        t.compared_caption = ui("compared_caption", {{"year", year}});
        return t;
    }

    void measures(SiteContent& site) const {
        const model::Framework& framework = m_model.framework;
        for (size_t o = 0; o < framework.overalls.size(); ++o)
            add_measure(site,
                        {SiteMeasure::Kind::Overall, framework.overalls[o].id,
                         m_localizer.text(framework.overalls[o].name), 0},
                        Measure::overall(o));
        for (size_t a = 0; a < framework.areas.size(); ++a) {
            const model::Area& area = framework.areas[a];
            SiteArea site_area{area.id, m_localizer.text(area.name), {}, site.measures.size()};
            add_measure(site, {SiteMeasure::Kind::Area, area.id, site_area.name, a},
                        Measure::area(a));
            for (size_t d = 0; d < area.dimensions.size(); ++d) {
                const model::Dimension& dimension = area.dimensions[d];
                std::string name = m_localizer.text(dimension.name);
                add_measure(site,
                            {SiteMeasure::Kind::Dimension, area.id + "." + dimension.id, name, a},
                            Measure::dimension_of(a, d));
                site_area.dimensions.push_back({dimension.id, name, dimension.indicators});
            }
            site.areas.push_back(std::move(site_area));
        }
    }

    void add_measure(SiteContent& site, SiteMeasure measure, Measure which) const {
        site.measures.push_back(std::move(measure));
        m_measures.push_back(which);
        site.rankings.push_back(m_book.ranking(m_book.current(), which));
        site.averages.push_back(score(
            [&](size_t year) {
                return m_scores.group_mean(m_model.book.average_group, year, which);
            },
            std::nullopt));
    }

    /// A score as shown, its plain form, the previous edition's and the change between them.
    template <class ScoreOf>
    SiteScore score(ScoreOf score_of, std::optional<int> rank) const {
        SiteScore shown;
        const std::string no_score = m_localizer.ui("ui.no_score");
        std::optional<double> current = score_of(m_book.current());
        shown.current = current ? m_localizer.shown(m_scores.shown(*current)) : no_score;
        if (current) {
            shown.current_plain = m_scores.shown(*current).text();
            shown.band = m_scores.band_of(*current);
        }
        if (m_book.previous()) {
            std::optional<double> previous = score_of(*m_book.previous());
            shown.previous = previous ? m_localizer.shown(m_scores.shown(*previous)) : no_score;
            if (previous)
                shown.previous_plain = m_scores.shown(*previous).text();
            // As ScoreTable::shown_change: the difference of the shown numbers.
            shown.change =
                current && previous
                    ? m_localizer.change(m_scores.shown(*current) - m_scores.shown(*previous))
                    : no_score;
        }
        shown.rank = rank;
        if (rank)
            shown.rank_text = m_localizer.integer(*rank);
        return shown;
    }

    void indicators(SiteContent& site) const {
        for (const model::Indicator& indicator : m_model.framework.indicators) {
            SiteIndicator out;
            out.id = indicator.id;
            out.name = m_localizer.text(indicator.name);
            out.question = m_prose(indicator.question);
            if (indicator.note)
                out.note = m_localizer.text(*indicator.note);
            out.area = indicator.area;
            out.dimension = indicator.dimension;
            const model::Area& area = m_model.framework.areas[indicator.area];
            out.answers_caption =
                m_localizer.ui("ui.site_answers_caption", {{"indicator", out.name}});
            out.context = m_localizer.ui(
                "ui.site_indicator_context",
                {{"area", m_localizer.text(area.name)},
                 {"dimension", m_localizer.text(area.dimensions[indicator.dimension].name)}});
            for (const model::Option& option : indicator.options)
                out.options.push_back(
                    {option.key,
                     m_localizer.ui(
                         "ui.option_points",
                         {{"value", m_localizer.integer(static_cast<long long>(option.value))}}),
                     m_localizer.text(option.label)});
            site.indicators.push_back(std::move(out));
        }
    }

    SiteAnswer answer(const model::Indicator& indicator, const model::Answer& answer) const {
        switch (answer.kind) {
        case model::Answer::Kind::Option:
            if (const model::Option* option = indicator.find_option(answer.option))
                return {m_localizer.score(answer.value), m_localizer.text(option->label)};
            return {m_localizer.score(answer.value), ""};
        case model::Answer::Kind::Number:
            return {m_localizer.score(answer.value), ""};
        case model::Answer::Kind::NotApplicable:
            return {m_localizer.ui("ui.answer_not_applicable"), ""};
        case model::Answer::Kind::Missing:
            break;
        }
        return {m_localizer.ui("ui.no_score"), ""};
    }

    void countries(SiteContent& site) const {
        const model::Framework& framework = m_model.framework;
        const size_t current = m_book.current();
        const std::optional<size_t> previous = m_book.previous();
        for (size_t c = 0; c < m_model.countries.size(); ++c) {
            SiteCountry country;
            country.code = m_model.countries[c].code;
            country.name = m_book.name(c);
            country.in_edition = m_book.in_edition(c);
            country.scores_caption =
                m_localizer.ui("ui.site_scores_caption", {{"country", country.name}});
            for (const Measure& measure : m_measures)
                country.scores.push_back(
                    score([&](size_t year) { return m_scores.score(c, year, measure); },
                          m_scores.rank(c, current, measure)));
            for (size_t i = 0; i < framework.indicators.size(); ++i) {
                const model::Indicator& indicator = framework.indicators[i];
                const model::Answer& now = m_model.observations.at(c, current, i);
                country.current_answers.push_back(answer(indicator, now));
                if (!previous)
                    continue;
                const model::Answer& before = m_model.observations.at(c, *previous, i);
                country.previous_answers.push_back(answer(indicator, before));
                // As the profile's list of changes: only for a country in both editions.
                if (m_scores.score(c, *previous, Measure::overall()) &&
                    (before.kind != now.kind || before.value != now.value))
                    country.changed.push_back(i);
            }
            site.countries.push_back(std::move(country));
        }
    }

    const BookContext& m_book;
    const model::Model& m_model;
    const score::ScoreTable& m_scores;
    const i18n::Localizer& m_localizer;
    const std::function<Paragraph(const model::Text&)>& m_prose;
    mutable std::vector<Measure> m_measures; ///< the score table's measure of each SiteMeasure
};

} // namespace

SiteContent make_site_content(const BookContext& book,
                              const std::function<Paragraph(const model::Text&)>& prose) {
    return SiteContentBuilder(book, prose).run();
}

} // namespace mipex::doc
