// The document tree of the default book: the parts in the order layouts/book.yaml gives, a
// profile per country, every chart with alt text, numbers formatted for the language.
#include "doc/build.h"
#include "doc/prose.h"
#include "pipeline/pipeline.h"

#include <catch2/catch.hpp>
#include <map>
#include <set>

using namespace mipex;

namespace {

struct Built {
    std::unique_ptr<pipeline::CheckedProject> checked;
    doc::Document document;
};

const Built& built() {
    static Built instance = [] {
        Built result;
        result.checked = pipeline::check_project(MIPEX_SOURCE_DIR);
        REQUIRE_FALSE(result.checked->diagnostics.has_errors());
        result.document = pipeline::build_document(*result.checked, "en");
        return result;
    }();
    return instance;
}

} // namespace

TEST_CASE("the sections follow the book structure") {
    const doc::Document& document = built().document;
    const model::Model& model = built().checked->model;
    REQUIRE(!document.sections.empty());
    CHECK(document.sections.front().id == "title");
    CHECK(document.sections.front().plain);
    CHECK(document.sections[1].id == "contents");
    CHECK(document.sections[1].front_matter);
    CHECK(document.sections.back().id == "colophon");
    // One chapter per area and one profile per country, each opening with its heading.
    std::set<std::string> ids;
    for (const doc::Section& section : document.sections)
        ids.insert(section.id);
    for (const model::Area& area : model.framework.areas)
        CHECK(ids.count(doc::area_anchor(area)));
    for (const model::Country& country : model.countries) {
        INFO(country.code);
        CHECK(ids.count(doc::country_anchor(country)));
    }
    for (const doc::Section& section : document.sections) {
        if (section.id.rfind("country-", 0) != 0)
            continue;
        auto* heading = std::get_if<doc::Heading>(&section.blocks.front());
        REQUIRE(heading);
        CHECK(heading->anchor == section.id);
        CHECK(heading->text == section.chapter_title);
        CHECK(heading->toc_level == 1);
        CHECK(heading->outline_level == 1);
    }
}

/// Every chart of the document, those in rows of charts too.
std::vector<const doc::Chart*> all_charts(const doc::Document& document) {
    std::vector<const doc::Chart*> charts;
    for (const doc::Section& section : document.sections)
        for (const doc::Block& block : section.blocks) {
            if (auto* chart = std::get_if<doc::Chart>(&block))
                charts.push_back(chart);
            else if (auto* row = std::get_if<doc::ChartRow>(&block))
                for (const doc::Chart& inner : row->charts)
                    charts.push_back(&inner);
        }
    return charts;
}

TEST_CASE("every chart has a name, alt text, a description and its data as a table") {
    std::set<std::string> names;
    std::map<size_t, size_t> kinds; // by variant index
    for (const doc::Chart* chart : all_charts(built().document)) {
        INFO(chart->name);
        CHECK(names.insert(chart->name).second); // export file names are unique
        CHECK(chart->alt.size() > 40);
        CHECK(chart->alt.find('{') == std::string::npos);
        CHECK(chart->description.size() >= chart->alt.size());
        REQUIRE(chart->data);
        CHECK_FALSE(chart->data->body.empty());
        ++kinds[chart->spec.index()];
    }
    // Rankings: one per area and per overall score, and each profile's position among the
    // others; comparisons: one per profile and the averages; radars: one per profile;
    // changes: one per profile of a country in the previous edition too; maps: one per area,
    // and Europe and the world.
    const model::Model& model = built().checked->model;
    size_t compared = 0;
    for (size_t c = 0; c < model.countries.size(); ++c)
        if (model.observations.has_year(c, *model.year_editions.previous))
            ++compared;
    CHECK(compared < model.countries.size()); // six countries are new in 2019
    CHECK(kinds[0] ==
          model.framework.areas.size() + model.framework.overalls.size() + model.countries.size());
    CHECK(kinds[1] == model.countries.size() + 1);
    CHECK(kinds[2] == model.countries.size());
    CHECK(kinds[4] == compared);
    CHECK(kinds[5] == model.framework.areas.size() + 2);
}

TEST_CASE("a ranking chart lists every country with a score, best first") {
    const doc::Document& document = built().document;
    const model::Model& model = built().checked->model;
    const doc::RankingChart* ranking = nullptr;
    for (const doc::Section& section : document.sections)
        if (section.id == "area-lmm")
            for (const doc::Block& block : section.blocks)
                if (auto* chart = std::get_if<doc::Chart>(&block); chart && !ranking)
                    ranking = std::get_if<doc::RankingChart>(&chart->spec);
    REQUIRE(ranking);
    CHECK(ranking->bars.size() == model.countries.size());
    // Ranked on the shown score; countries that share it share the rank and go by name.
    for (size_t i = 1; i < ranking->bars.size(); ++i) {
        score::Shown before = score::shown_score(ranking->bars[i - 1].value, 0);
        score::Shown after = score::shown_score(ranking->bars[i].value, 0);
        CHECK(before >= after);
        CHECK(ranking->bars[i].rank.empty() == (before == after));
    }
    REQUIRE(ranking->average);
    CHECK(ranking->axis_labels == std::vector<std::string>{"0", "20", "40", "60", "80", "100"});
}

TEST_CASE("the document dump lists sections and blocks") {
    std::string dump = doc::dump(built().document);
    CHECK(dump.find("section country-SE part=\"Country profiles\" chapter=\"Sweden\"") !=
          std::string::npos);
    CHECK(dump.find("heading 1 #country-SE \"Sweden\" outline=1 toc=1") != std::string::npos);
    CHECK(dump.find("chart ranking-lmm ranking \"Labour market mobility: all countries ranked, "
                    "2019\" bars=56") != std::string::npos);
    CHECK(dump.find("chart map-europe-lmm map \"Labour market mobility in Europe, 2019\"") !=
          std::string::npos);
    CHECK(dump.find("row of 2 charts") != std::string::npos);
}
