#include "doc/build.h"

#include "base/text.h"
#include "doc/charts.h"
#include "doc/prose.h"
#include "doc/site_content.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace mipex::doc {

using score::Measure;

std::string country_anchor(const model::Country& country) {
    return "country-" + country.code;
}

std::string area_anchor(const model::Area& area) {
    return "area-" + area.id;
}

namespace {

/// Builds the document; one instance per build, holding what every part needs.
class DocumentBuilder final : public BookContext, public Resolver {
public:
    DocumentBuilder(const model::Model& model, const score::ScoreTable& scores,
                    const i18n::Localizer& localizer, Diagnostics& diagnostics,
                    const DocumentOptions& options)
        : BookContext(model, scores, localizer, diagnostics), m_options(options), m_charts(*this) {}

    Document build() {
        Document document;
        const model::BookInfo& book = m_model.book;
        document.metadata.title = m_localizer.text(book.title);
        document.metadata.author = m_localizer.text(book.author);
        document.metadata.subject = book.subject ? m_localizer.text(*book.subject) : "";
        for (const std::string& keyword : book.keywords)
            document.metadata.keywords +=
                (document.metadata.keywords.empty() ? "" : ", ") + keyword;
        document.metadata.language = m_localizer.language();
        document.right_to_left = m_localizer.right_to_left();
        document.metadata.creator = "mipex";
        document.page = m_theme.page;
        document.running_head_style = &style("running_head");
        document.folio_style = &style("folio");
        document.rule_color = m_theme.color("rule");

        document.styles = m_styles;
        if (m_localizer.integer(0) != "0")
            for (int digit = 0; digit <= 9; ++digit)
                document.digits.push_back(m_localizer.integer(digit));
        for (const model::Part& part : m_model.structure.parts) {
            switch (part.kind) {
            case model::Part::Kind::TitlePage:
                title_page(part, document);
                break;
            case model::Part::Kind::Contents:
                contents(part, document);
                break;
            case model::Part::Kind::Text:
                text_part(part, document);
                break;
            case model::Part::Kind::AreaChapters:
                area_chapters(part, document);
                break;
            case model::Part::Kind::CountryProfiles:
                country_profiles(part, document);
                break;
            case model::Part::Kind::IndicatorAnnex:
                indicator_annex(part, document);
                break;
            case model::Part::Kind::Colophon:
                colophon(part, document);
                break;
            }
        }
        // Asked for before the lists of texts printed untranslated are made, so that these
        // list theirs too.
        if (m_options.screen_texts)
            document.screen_texts = screen_texts();
        if (m_options.site_content)
            document.site_content = std::make_shared<const SiteContent>(
                make_site_content(*this, [&](const model::Text& text) {
                    Paragraph paragraph{&style("body"), inline_prose(text), text.pos, false};
                    paragraph.language = language_of(text);
                    return paragraph;
                }));
        document.text_positions = m_localizer.positions();
        document.text_keys.insert(m_localizer.printed_keys().begin(),
                                  m_localizer.printed_keys().end());
        document.source_language = m_model.book.language;
        for (const i18n::Fallback& fallback : m_localizer.fallbacks())
            document.untranslated_keys.insert(fallback.key);
        return document;
    }

private:
    // --- helpers ---------------------------------------------------------------------------

    ScreenTexts screen_texts() const {
        ScreenTexts texts;
        texts.contents = m_localizer.ui("ui.contents");
        texts.chart_data = m_localizer.ui("ui.epub_chart_data");
        texts.chart_data_title = m_localizer.ui("ui.epub_chart_data_title");
        texts.back_to_chart = m_localizer.ui("ui.epub_back_to_chart");
        texts.page_list = m_localizer.ui("ui.epub_page_list");
        texts.landmarks = m_localizer.ui("ui.epub_landmarks");
        texts.accessibility_summary = m_localizer.ui("ui.epub_accessibility_summary");
        for (const i18n::Fallback& missing : m_localizer.fallbacks())
            if (missing.key == "ui.epub_accessibility_summary")
                texts.summary_in_source_language = !m_localizer.source_language();
        return texts;
    }

    Section section(std::string id, const model::Part& part, std::string chapter) const {
        Section result;
        result.id = std::move(id);
        result.front_matter = part.front_matter;
        result.part_title = part.title.empty() ? chapter : m_localizer.ui("ui." + part.title);
        result.chapter_title = std::move(chapter);
        return result;
    }

    /// {country:SE} and {area:lmm} in prose: the name in this language and the chapter.
    std::optional<Target> resolve(std::string_view kind, std::string_view id) const override {
        if (kind == "country") {
            // A country outside this edition has no profile to link to: its name alone.
            if (auto country = m_model.find_country(id))
                return Target{name(*country), in_edition(*country)
                                                  ? country_anchor(m_model.countries[*country])
                                                  : std::string()};
        } else if (kind == "area") {
            if (auto area = m_model.framework.find_area(id))
                return Target{m_localizer.text(m_model.framework.areas[*area].name),
                              area_anchor(m_model.framework.areas[*area])};
        }
        return std::nullopt;
    }

    /// The paragraphs and lists of a prose text, with its references and footnotes.
    void paragraphs(Section& section, const model::Text& text,
                    const std::string& style_name) const {
        int& counter = m_footnote_counters[section.id];
        for (const ProseBlock& block : split_prose(m_localizer.markup(text))) {
            auto paragraph = [&](const std::string& source) {
                Paragraph result{&style(style_name), {}, m_localizer.pos(text)};
                result.footnote_style = &style("footnote");
                result.language = language_of(text);
                ProseContext context{
                    this,     &m_diagnostics,  m_localizer.pos(text), &result.footnotes,
                    &counter, section.id + "-"};
                size_t notes_before = result.footnotes.size();
                result.spans = with_keys(parse_inline(source, context), text.key);
                for (size_t n = notes_before; n < result.footnotes.size(); ++n) {
                    Footnote& note = result.footnotes[n];
                    note.spans = with_keys(std::move(note.spans), text.key);
                    note.language = result.language;
                    // The note's number in the edition's digits, at the note and its mark.
                    std::string number = m_localizer.integer(std::stoll(note.number));
                    for (Span& span : result.spans)
                        if (span.link == note.anchor && span.text == note.number)
                            span.text = number;
                    note.number = number;
                }
                set_typography(result.spans, result.language);
                for (Footnote& note : result.footnotes)
                    set_typography(note.spans, note.language);
                return result;
            };
            if (block.kind == ProseBlock::Kind::Paragraph) {
                section.blocks.push_back(paragraph(block.items.front()));
                continue;
            }
            List list;
            list.numbered = block.kind == ProseBlock::Kind::Numbers;
            for (const std::string& item : block.items)
                list.items.push_back(paragraph(item));
            section.blocks.push_back(std::move(list));
        }
    }

    /// Prose in one paragraph (an indicator's question): references, no footnotes.
    std::vector<Span> inline_prose(const model::Text& text) const {
        ProseContext context{this, &m_diagnostics, m_localizer.pos(text)};
        std::vector<Span> spans =
            with_keys(parse_inline(m_localizer.markup(text), context), text.key);
        set_typography(spans, language_of(text));
        return spans;
    }

    /// Prose is parsed as typed and its runs then set in the typography of the language they
    /// print in (an untranslated paragraph keeps its English quotation marks): quotes and
    /// spaces across runs ("*a*" quoted, a name before an apostrophe) are set as one text.
    void set_typography(std::vector<Span>& spans, const std::string& language) const {
        std::vector<std::string*> runs;
        for (Span& span : spans)
            runs.push_back(&span.text);
        m_localizer.typography(language).set(runs);
    }

    /// Spans of a prose text: each names the key of the text it shows (a reference, the
    /// name it inserts; other runs, the prose's own key).
    std::vector<Span> with_keys(std::vector<Span> spans, const std::string& key) const {
        for (Span& span : spans)
            if (span.key.empty()) {
                span.key = key_of(span.text);
                if (span.key.empty())
                    span.key = key;
            }
        return spans;
    }

    /// The language a text prints in when not the edition's: the source language, when the
    /// catalog has no translation of it (asked after the text was).
    std::string language_of(const model::Text& text) const {
        return m_localizer.fell_back(text) ? m_model.book.language : std::string();
    }

    Paragraph plain(std::string text, const std::string& style_name) const {
        Span span{std::move(text), Span::Plain, std::nullopt, {}};
        span.key = key_of(span.text);
        return Paragraph{&style(style_name), {std::move(span)}, {}};
    }

    Heading heading(int level, std::string text, std::string anchor, std::optional<int> outline,
                    std::optional<int> toc) const {
        static const char* styles[] = {"part_title", "h1", "h2", "h3"};
        std::string key = key_of(text);
        return Heading{level,           &style(styles[std::clamp(level, 0, 3)]),
                       std::move(text), std::move(anchor),
                       outline,         toc,
                       std::move(key)};
    }

    // --- parts -----------------------------------------------------------------------------

    void title_page(const model::Part& part, Document& document) const {
        Section page = section("title", part, "");
        page.kind = Section::Kind::TitlePage;
        page.plain = true;
        const model::BookInfo& book = m_model.book;
        page.blocks.push_back(Spacer{from_mm(45)});
        page.blocks.push_back(plain(m_localizer.text(book.title), "title"));
        if (book.subtitle)
            page.blocks.push_back(plain(m_localizer.text(*book.subtitle), "subtitle"));
        std::string editions =
            m_previous ? m_localizer.ui("ui.editions_line", {{"previous", year_text(*m_previous)},
                                                             {"current", year_text(m_current)}})
                       : m_localizer.ui("ui.edition_line", {{"current", year_text(m_current)}});
        page.blocks.push_back(plain(editions, "h2"));
        page.blocks.push_back(Spacer{from_mm(20)});
        if (book.illustrative && book.notice) {
            Table notice;
            notice.columns = {Table::Column{1, Align::Start}};
            Table::Row row;
            Table::Cell cell;
            cell.style = &style("notice");
            cell.spans.push_back(
                Span{m_localizer.ui("ui.illustrative") + ". ", Span::Strong, std::nullopt, {}});
            cell.spans.push_back(
                Span{m_localizer.text(*book.notice), Span::Plain, std::nullopt, {}});
            cell.background =
                m_theme.colors.count("notice") ? m_theme.color("notice") : m_theme.color("stripe");
            row.cells.push_back(std::move(cell));
            notice.body.push_back(std::move(row));
            notice.rule_color = m_theme.color("rule");
            page.blocks.push_back(std::move(notice));
        }
        page.blocks.push_back(Spacer{from_mm(30)});
        page.blocks.push_back(plain(m_localizer.text(book.author), "h3"));
        document.sections.push_back(std::move(page));
    }

    void contents(const model::Part& part, Document& document) const {
        std::string title = m_localizer.ui("ui." + part.title);
        Section contents = section("contents", part, title);
        contents.kind = Section::Kind::Contents;
        contents.part_title = title;
        contents.blocks.push_back(heading(1, title, "contents", 0, std::nullopt));
        contents.blocks.push_back(TableOfContents{&style("toc_part"), &style("toc_entry")});
        document.sections.push_back(std::move(contents));
    }

    void text_part(const model::Part& part, Document& document) const {
        std::string title = part.title.empty() ? "" : m_localizer.ui("ui." + part.title);
        Section text = section(part.text, part, title);
        text.kind = Section::Kind::Text;
        text.part_title = title;
        text.blocks.push_back(heading(1, title, "text-" + part.text, 0, 0));
        const std::optional<model::Text>* source = nullptr;
        if (part.text == "how_to_read")
            source = &m_model.book.how_to_read;
        else if (part.text == "colophon")
            source = &m_model.book.colophon;
        if (source && *source)
            paragraphs(text, **source, "body");
        if (part.text == "how_to_read")
            text.blocks.push_back(band_table());
        document.sections.push_back(std::move(text));
    }

    Table band_table() const {
        Table table = table_frame(m_localizer.ui("ui.band_table_caption"));
        table.stripe.reset();
        table.columns = {Table::Column{1, Align::Start}, Table::Column{3, Align::Start}};
        table.header.push_back(
            Table::Row{{cell(m_localizer.ui("ui.column_score_range"), "table_header"),
                        cell(m_localizer.ui("ui.column_band"), "table_header")}});
        for (const model::Band& band : m_theme.bands) {
            std::string range = band.min == band.max
                                    ? m_localizer.integer(static_cast<long long>(band.min))
                                    : m_localizer.integer(static_cast<long long>(band.min)) + "–" +
                                          m_localizer.integer(static_cast<long long>(band.max));
            Table::Cell swatch = cell(range, "table_number", Align::Start);
            swatch.background = band.color;
            swatch.spans[0].color = readable_on(band.color);
            table.body.push_back(Table::Row{{swatch, cell(m_localizer.text(band.label), "table")}});
        }
        return table;
    }

    void area_chapters(const model::Part& part, Document& document) const {
        std::string part_title = m_localizer.ui("ui." + part.title);
        Section opener = section("part-areas", part, part_title);
        opener.kind = Section::Kind::PartOpener;
        opener.blocks.push_back(heading(0, part_title, "part-areas", 0, 0));
        opener.blocks.push_back(
            plain(m_localizer.ui("ui.part_areas_intro",
                                 {{"count", static_cast<long long>(m_scores.ranked_count(
                                                m_current, Measure::overall()))},
                                  {"group", group_name()}}),
                  "lead"));
        std::string chart_title =
            m_previous
                ? m_localizer.ui("ui.average_by_area_title", {{"group", group_name()},
                                                              {"previous", year_text(*m_previous)},
                                                              {"current", year_text(m_current)}})
                : m_localizer.ui("ui.average_by_area_title_single",
                                 {{"group", group_name()}, {"current", year_text(m_current)}});
        opener.blocks.push_back(m_charts.comparison(chart_title, std::nullopt));
        document.sections.push_back(std::move(opener));

        for (size_t a = 0; a < m_model.framework.areas.size(); ++a) {
            const model::Area& area = m_model.framework.areas[a];
            const model::AreaText& texts = m_model.area_texts[a];
            std::string area_name = m_localizer.text(area.name);
            Section chapter = section(area_anchor(area), part, area_name);
            chapter.blocks.push_back(heading(1, area_name, area_anchor(area), 1, 1));
            for (const std::string& block : part.blocks) {
                if (block == "summary" && texts.summary)
                    paragraphs(chapter, *texts.summary, "lead");
                else if (block == "text" && texts.text)
                    paragraphs(chapter, *texts.text, "body");
                else if (block == "ranking_chart")
                    chapter.blocks.push_back(m_charts.ranking(
                        Measure::area(a),
                        m_localizer.ui("ui.ranking_title",
                                       {{"area", area_name}, {"year", year_text(m_current)}}),
                        "ranking-" + area.id));
                else if (block == "map") {
                    if (const model::MapAsset* europe = m_model.maps.find("europe"))
                        chapter.blocks.push_back(m_charts.map(
                            *europe, Measure::area(a),
                            m_localizer.ui("ui.map_title_europe", {{"measure", area_name},
                                                                   {"year", year_text(m_current)}}),
                            "map-europe-" + area.id));
                } else if (block == "score_table") {
                    chapter.blocks.push_back(area_score_table(a));
                    if (m_previous && has_newcomers())
                        chapter.blocks.push_back(
                            plain(m_localizer.ui("ui.not_in_index_note"), "small"));
                } else if (block == "indicators")
                    area_indicators(chapter, a, 2);
            }
            document.sections.push_back(std::move(chapter));
        }
    }

    Table area_score_table(size_t a) const {
        const model::Area& area = m_model.framework.areas[a];
        Table table = table_frame(
            m_localizer.ui("ui.score_table_caption", {{"area", m_localizer.text(area.name)}}));
        table.columns.push_back({3.2, Align::Start});
        table.columns.push_back({1.1, Align::End});
        Table::Row header;
        header.cells.push_back(cell(m_localizer.ui("ui.column_country"), "table_header"));
        header.cells.push_back(cell(m_localizer.ui("ui.column_rank"), "table_header", Align::End));
        for (const model::Dimension& dimension : area.dimensions) {
            table.columns.push_back({1.9, Align::End});
            header.cells.push_back(
                cell(m_localizer.text(dimension.name), "table_header", Align::End));
        }
        std::vector<size_t> years;
        if (m_previous)
            years.push_back(*m_previous);
        years.push_back(m_current);
        for (size_t y : years) {
            table.columns.push_back({1.2, Align::End});
            header.cells.push_back(
                cell(m_localizer.ui("ui.column_area_year", {{"year", year_text(y)}}),
                     "table_header", Align::End));
        }
        if (m_previous) {
            table.columns.push_back({1.2, Align::End});
            header.cells.push_back(
                cell(m_localizer.ui("ui.column_change"), "table_header", Align::End));
        }
        table.header.push_back(std::move(header));
        for (size_t c : m_countries_by_name) {
            Table::Row row;
            Table::Cell country = cell(name(c), "table");
            country.spans[0].link = country_anchor(m_model.countries[c]);
            row.cells.push_back(std::move(country));
            auto rank = m_scores.rank(c, m_current, Measure::area(a));
            row.cells.push_back(cell(
                rank ? m_localizer.integer(*rank) : m_localizer.ui("ui.no_score"), "table_number"));
            for (size_t d = 0; d < area.dimensions.size(); ++d)
                row.cells.push_back(
                    number_cell(m_scores.score(c, m_current, Measure::dimension_of(a, d))));
            for (size_t y : years)
                row.cells.push_back(number_cell(m_scores.score(c, y, Measure::area(a))));
            if (m_previous) {
                auto change = m_scores.shown_change(c, *m_previous, m_current, Measure::area(a));
                row.cells.push_back(
                    cell(change ? m_localizer.change(*change) : m_localizer.ui("ui.no_score"),
                         "table_number"));
            }
            if (!m_scores.score(c, m_current, Measure::area(a)))
                continue;
            table.body.push_back(std::move(row));
        }
        // The average row closes the table.
        Table::Row average;
        average.rule_above = true;
        Table::Cell label = cell(group_name(), "table");
        label.spans[0].flags = Span::Strong;
        average.cells.push_back(std::move(label));
        average.cells.push_back(cell("", "table_number"));
        const size_t group = m_model.book.average_group;
        for (size_t d = 0; d < area.dimensions.size(); ++d)
            average.cells.push_back(
                number_cell(m_scores.group_mean(group, m_current, Measure::dimension_of(a, d))));
        for (size_t y : years)
            average.cells.push_back(number_cell(m_scores.group_mean(group, y, Measure::area(a))));
        if (m_previous)
            average.cells.push_back(cell("", "table_number"));
        table.body.push_back(std::move(average));
        return table;
    }

    void country_profiles(const model::Part& part, Document& document) const {
        std::string part_title = m_localizer.ui("ui." + part.title);
        Section opener = section("part-countries", part, part_title);
        opener.kind = Section::Kind::PartOpener;
        opener.blocks.push_back(heading(0, part_title, "part-countries", 0, 0));
        opener.blocks.push_back(
            plain(m_localizer.ui("ui.part_countries_intro",
                                 {{"count", static_cast<long long>(m_scores.ranked_count(
                                                m_current, Measure::overall()))},
                                  {"areas", static_cast<long long>(m_model.framework.areas.size())},
                                  {"group", group_name()}}),
                  "lead"));
        // Every overall score of the framework ranked (MIPEX from 2015: with and without
        // health), each with its note on what it covers.
        const auto& overalls = m_model.framework.overalls;
        for (size_t o = 0; o < overalls.size(); ++o) {
            Chart ranking = m_charts.ranking(
                Measure::overall(o),
                m_localizer.ui("ui.overall_ranking_title",
                               {{"overall", measure_name(Measure::overall(o))},
                                {"year", year_text(m_current)}}),
                o == 0 ? std::string("ranking-overall") : "ranking-" + overalls[o].id);
            if (overalls[o].note) // under the title, so that it moves with the chart
                std::get<RankingChart>(ranking.spec).note = m_localizer.text(*overalls[o].note);
            opener.blocks.push_back(std::move(ranking));
        }
        // The overall score on the maps: Europe, then the world.
        for (const char* id : {"europe", "world"})
            if (const model::MapAsset* map = m_model.maps.find(id))
                opener.blocks.push_back(
                    m_charts.map(*map, Measure::overall(),
                                 m_localizer.ui(std::string("ui.map_title_") + id,
                                                {{"measure", measure_name(Measure::overall())},
                                                 {"year", year_text(m_current)}}),
                                 std::string("map-") + id + "-overall"));
        document.sections.push_back(std::move(opener));

        for (size_t c : m_countries_by_name) {
            if (!in_edition(c))
                continue; // not yet (or no longer) in the index: no profile in this edition
            const model::Country& country = m_model.countries[c];
            Section profile = section(country_anchor(country), part, name(c));
            profile.blocks.push_back(heading(1, name(c), country_anchor(country), 1, 1));
            for (const std::string& block : part.blocks) {
                if (block == "overview") {
                    for (size_t o = 0; o < m_model.framework.overalls.size(); ++o)
                        profile.blocks.push_back(overview(c, o));
                } else if (block == "area_chart") {
                    std::string title =
                        m_previous && m_scores.score(c, *m_previous, Measure::overall())
                            ? m_localizer.ui("ui.area_chart_title",
                                             {{"country", name(c)},
                                              {"previous", year_text(*m_previous)},
                                              {"current", year_text(m_current)}})
                            : m_localizer.ui(
                                  "ui.area_chart_title_single",
                                  {{"country", name(c)}, {"current", year_text(m_current)}});
                    profile.blocks.push_back(m_charts.comparison(title, c));
                } else if (block == "profile_text" && country.profile)
                    paragraphs(profile, *country.profile, "body");
                else if (block == "changes")
                    changes(profile, c);
                else if (block == "position")
                    profile.blocks.push_back(m_charts.position(c, Measure::overall()));
                else if (block == "radar")
                    profile.blocks.push_back(m_charts.radar(c));
                else if (block == "change_chart") {
                    if (has_change(c))
                        profile.blocks.push_back(m_charts.change(c));
                } else if (block == "radar_and_change") {
                    if (has_change(c))
                        profile.blocks.push_back(
                            ChartRow{{m_charts.radar(c), m_charts.change(c)}, {0.57, 0.43}});
                    else // the radar at its size in the row, alone
                        profile.blocks.push_back(ChartRow{{m_charts.radar(c)}, {0.57}});
                } else if (block == "dimension_chart")
                    profile.blocks.push_back(m_charts.dimensions(c));
                else if (block == "dimension_table") {
                    profile.blocks.push_back(dimension_table(c));
                    if (m_previous && !m_scores.score(c, *m_previous, Measure::overall()))
                        profile.blocks.push_back(
                            plain(m_localizer.ui("ui.not_in_index_note"), "small"));
                }
            }
            document.sections.push_back(std::move(profile));
        }
    }

    /// Whether the country has a change to show: the book compares with a previous edition
    /// and the country was in the index then. Otherwise there is no change chart ("change in
    /// points, –2019", every area "new").
    bool has_change(size_t c) const {
        return m_previous && m_model.observations.has_year(c, *m_previous);
    }

    /// The key figures of one overall score: the headline's (the framework's first) and,
    /// below them, those of each other one (without health), each named.
    KeyFigures overview(size_t c, size_t variant) const {
        KeyFigures figures;
        figures.value_style = &style("score_big");
        figures.label_style = &style("small");
        figures.rule_color = m_theme.color("rule");
        Measure overall = Measure::overall(variant);
        auto score = m_scores.score(c, m_current, overall);
        figures.figures.push_back(
            {score_text(score),
             variant == 0
                 ? m_localizer.ui("ui.overall_score", {{"year", year_text(m_current)}})
                 : m_localizer.ui("ui.overall_score_named", {{"overall", measure_name(overall)},
                                                             {"year", year_text(m_current)}}),
             std::nullopt});
        if (score) {
            figures.figures.push_back(
                {m_localizer.ui(
                     "ui.rank_of",
                     {{"rank", static_cast<long long>(*m_scores.rank(c, m_current, overall))},
                      {"count",
                       static_cast<long long>(m_scores.ranked_count(m_current, overall))}}),
                 m_localizer.ui("ui.rank"), std::nullopt});
            figures.figures.push_back(
                {band_label(*score), m_localizer.ui("ui.band"), band_color(*score)});
        }
        if (m_previous) {
            auto change = m_scores.shown_change(c, *m_previous, m_current, overall);
            if (change)
                figures.figures.push_back(
                    {m_localizer.change(*change),
                     m_localizer.ui("ui.change_since", {{"year", year_text(*m_previous)}}),
                     std::nullopt});
            else
                figures.figures.push_back(
                    {m_localizer.ui("ui.new_in", {{"year", year_text(m_current)}}),
                     m_localizer.ui("ui.change_since", {{"year", year_text(*m_previous)}}),
                     std::nullopt});
        }
        for (KeyFigures::Figure& figure : figures.figures)
            figure.reading =
                m_localizer.ui("ui.key_figure", {{"label", figure.label}, {"value", figure.value}});
        return figures;
    }

    Table dimension_table(size_t c) const {
        Table table =
            table_frame(m_localizer.ui("ui.dimension_table_caption", {{"country", name(c)}}));
        table.stripe.reset();
        table.row_padding = from_pt(1.5);
        std::vector<size_t> years;
        if (m_previous)
            years.push_back(*m_previous);
        years.push_back(m_current);
        table.columns.push_back({6, Align::Start});
        Table::Row header;
        header.cells.push_back(cell(m_localizer.ui("ui.column_dimension"), "table_header"));
        for (size_t y : years) {
            table.columns.push_back({1, Align::End});
            header.cells.push_back(cell(year_text(y), "table_header", Align::End));
        }
        table.columns.push_back({1.6, Align::End});
        header.cells.push_back(
            cell(m_localizer.ui("ui.column_average", {{"year", year_text(m_current)}}),
                 "table_header", Align::End));
        table.header.push_back(std::move(header));
        const size_t group = m_model.book.average_group;
        // Every overall score first (with health and without), then each area and its
        // dimensions.
        for (size_t o = 0; o < m_model.framework.overalls.size(); ++o) {
            Measure overall = Measure::overall(o);
            Table::Row row;
            Table::Cell label = cell(measure_name(overall), "table");
            label.spans[0].flags = Span::Strong;
            row.cells.push_back(std::move(label));
            for (size_t y : years) {
                Table::Cell value = number_cell(m_scores.score(c, y, overall));
                value.spans[0].flags = Span::Strong;
                row.cells.push_back(std::move(value));
            }
            row.cells.push_back(number_cell(m_scores.group_mean(group, m_current, overall)));
            table.body.push_back(std::move(row));
        }
        for (size_t a = 0; a < m_model.framework.areas.size(); ++a) {
            const model::Area& area = m_model.framework.areas[a];
            Table::Row area_row;
            area_row.rule_above = true;
            Table::Cell label = cell(m_localizer.text(area.name), "table");
            label.spans[0].flags = Span::Strong;
            label.spans[0].link = area_anchor(area);
            area_row.cells.push_back(std::move(label));
            for (size_t y : years) {
                Table::Cell value = number_cell(m_scores.score(c, y, Measure::area(a)));
                value.spans[0].flags = Span::Strong;
                area_row.cells.push_back(std::move(value));
            }
            area_row.cells.push_back(
                number_cell(m_scores.group_mean(group, m_current, Measure::area(a))));
            area_row.background = m_theme.color("stripe");
            area_row.keep_with_next = true;
            table.body.push_back(std::move(area_row));
            for (size_t d = 0; d < area.dimensions.size(); ++d) {
                Table::Row row;
                Table::Cell label_cell = cell(m_localizer.text(area.dimensions[d].name), "table");
                row.cells.push_back(std::move(label_cell));
                for (size_t y : years)
                    row.cells.push_back(
                        number_cell(m_scores.score(c, y, Measure::dimension_of(a, d))));
                row.cells.push_back(number_cell(
                    m_scores.group_mean(group, m_current, Measure::dimension_of(a, d))));
                table.body.push_back(std::move(row));
            }
        }
        return table;
    }

    std::string answer_text(const model::Answer& answer) const {
        switch (answer.kind) {
        case model::Answer::Kind::Option:
        case model::Answer::Kind::Number:
            return m_localizer.score(answer.value);
        case model::Answer::Kind::NotApplicable:
            return m_localizer.ui("ui.answer_not_applicable");
        case model::Answer::Kind::Missing:
            break;
        }
        return m_localizer.ui("ui.no_score");
    }

    /// The indicators whose answer differs between the previous and the current edition.
    void changes(Section& section, size_t c) const {
        if (!m_previous || !m_scores.score(c, *m_previous, Measure::overall()))
            return; // new in this edition: nothing to compare
        std::vector<i18n::Argument> years = {{"previous", year_text(*m_previous)},
                                             {"current", year_text(m_current)},
                                             {"country", name(c)}};
        Table table = table_frame(m_localizer.ui("ui.changes_caption", years));
        table.stripe.reset();
        table.row_padding = from_pt(1.5);
        table.columns = {
            {4, Align::Start}, {2, Align::Start}, {0.6, Align::End}, {0.6, Align::End}};
        table.header.push_back(
            Table::Row{{cell(m_localizer.ui("ui.column_indicator"), "table_header"),
                        cell(m_localizer.ui("ui.column_area"), "table_header"),
                        cell(year_text(*m_previous), "table_header", Align::End),
                        cell(year_text(m_current), "table_header", Align::End)}});
        const model::Framework& framework = m_model.framework;
        for (size_t i = 0; i < framework.indicators.size(); ++i) {
            const model::Answer& before = m_model.observations.at(c, *m_previous, i);
            const model::Answer& after = m_model.observations.at(c, m_current, i);
            if (before.kind == after.kind && before.value == after.value)
                continue;
            const model::Indicator& indicator = framework.indicators[i];
            Table::Cell area =
                cell(m_localizer.text(framework.areas[indicator.area].name), "table");
            area.spans[0].link = area_anchor(framework.areas[indicator.area]);
            table.body.push_back(
                Table::Row{{cell(m_localizer.text(indicator.name), "table"), std::move(area),
                            cell(answer_text(before), "table_number"),
                            cell(answer_text(after), "table_number")}});
        }
        if (table.body.empty())
            section.blocks.push_back(plain(m_localizer.ui("ui.no_changes", years), "body"));
        else
            section.blocks.push_back(std::move(table));
    }

    void area_indicators(Section& section, size_t a, int level) const {
        const model::Area& area = m_model.framework.areas[a];
        for (const model::Dimension& dimension : area.dimensions) {
            section.blocks.push_back(
                heading(level, m_localizer.text(dimension.name), "", std::nullopt, std::nullopt));
            for (size_t i : dimension.indicators) {
                const model::Indicator& indicator = m_model.framework.indicators[i];
                Paragraph title =
                    plain(m_localizer.ui(
                              "ui.indicator_heading",
                              {{"id", indicator.id}, {"name", m_localizer.text(indicator.name)}}),
                          "h4");
                section.blocks.push_back(std::move(title));
                // The question, its note and its options stay on one page.
                Paragraph question{&style("body"), inline_prose(indicator.question),
                                   indicator.question.pos, true};
                question.language = language_of(indicator.question);
                section.blocks.push_back(std::move(question));
                if (indicator.note) {
                    Paragraph note = plain(m_localizer.text(*indicator.note), "small");
                    note.language = language_of(*indicator.note);
                    note.keep_with_next = true;
                    section.blocks.push_back(std::move(note));
                }
                Table options;
                // A fixed column for the points, so they line up from indicator to indicator.
                options.columns = {Table::Column{0, Align::End, from_pt(24)},
                                   Table::Column{1, Align::Start}};
                options.rule_color = m_theme.color("rule");
                for (const model::Option& option : indicator.options) {
                    Table::Row row;
                    row.cells.push_back(cell(
                        m_localizer.ui(
                            "ui.option_points",
                            {{"value", m_localizer.integer(static_cast<long long>(option.value))}}),
                        "table_number"));
                    row.cells.push_back(cell(m_localizer.text(option.label), "annex_option"));
                    options.body.push_back(std::move(row));
                }
                section.blocks.push_back(std::move(options));
            }
        }
    }

    void indicator_annex(const model::Part& part, Document& document) const {
        std::string title = m_localizer.ui("ui." + part.title);
        Section annex = section("annex", part, title);
        annex.kind = Section::Kind::Annex;
        annex.part_title = title;
        annex.blocks.push_back(heading(1, title, "annex", 0, 0));
        for (size_t a = 0; a < m_model.framework.areas.size(); ++a) {
            const model::Area& area = m_model.framework.areas[a];
            annex.blocks.push_back(
                heading(2, m_localizer.text(area.name), "annex-" + area.id, 1, std::nullopt));
            area_indicators(annex, a, 3);
        }
        document.sections.push_back(std::move(annex));
    }

    void colophon(const model::Part& part, Document& document) const {
        std::string title = m_localizer.ui("ui." + part.title);
        Section colophon = section("colophon", part, title);
        colophon.kind = Section::Kind::Colophon;
        colophon.part_title = title;
        colophon.blocks.push_back(heading(1, title, "colophon", 0, 0));
        if (m_model.book.illustrative && m_model.book.notice) {
            Paragraph notice = plain(m_localizer.ui("ui.illustrative") + ". ", "body");
            notice.spans[0].flags = Span::Strong;
            notice.spans.push_back(
                Span{m_localizer.text(*m_model.book.notice), Span::Plain, std::nullopt, {}});
            colophon.blocks.push_back(std::move(notice));
        }
        if (m_model.book.colophon)
            paragraphs(colophon, *m_model.book.colophon, "body");
        document.sections.push_back(std::move(colophon));
    }

    mutable std::map<std::string, int> m_footnote_counters; ///< notes are numbered per chapter
    const DocumentOptions& m_options;
    ChartBuilder m_charts;
};

} // namespace

Document build_document(const model::Model& model, const score::ScoreTable& scores,
                        const i18n::Localizer& localizer, Diagnostics& diagnostics,
                        const DocumentOptions& options) {
    return DocumentBuilder(model, scores, localizer, diagnostics, options).build();
}

} // namespace mipex::doc
