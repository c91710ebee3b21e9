// The document tree of the default book: the parts in the order layouts/book.yaml gives, a
// profile per country, every chart with alt text, numbers formatted for the language.
#include "doc/build.h"
#include "doc/prose.h"
#include "pipeline/pipeline.h"

#include <catch2/catch.hpp>
#include <set>

using namespace mipex;

namespace {

struct Built {
    std::unique_ptr<pipeline::Checked> checked;
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

TEST_CASE("every chart has alt text that names what it shows") {
    size_t charts = 0;
    for (const doc::Section& section : built().document.sections)
        for (const doc::Block& block : section.blocks)
            if (auto* chart = std::get_if<doc::Chart>(&block)) {
                ++charts;
                INFO(section.id);
                CHECK(chart->alt.size() > 40);
                CHECK(chart->alt.find('{') == std::string::npos);
            }
    // One per area chapter, one per profile, one in each part opener.
    const model::Model& model = built().checked->model;
    CHECK(charts == model.framework.areas.size() + model.countries.size() + 2);
}

TEST_CASE("a ranking chart lists every country with a score, best first") {
    const doc::Document& document = built().document;
    const model::Model& model = built().checked->model;
    const doc::RankingChart* ranking = nullptr;
    for (const doc::Section& section : document.sections)
        if (section.id == "area-lmm")
            for (const doc::Block& block : section.blocks)
                if (auto* chart = std::get_if<doc::Chart>(&block))
                    ranking = std::get_if<doc::RankingChart>(&chart->spec);
    REQUIRE(ranking);
    CHECK(ranking->bars.size() == model.countries.size());
    // Ranked on the shown score; countries that share it share the rank and go by name.
    for (size_t i = 1; i < ranking->bars.size(); ++i) {
        int before = score::shown_score(ranking->bars[i - 1].value);
        int after = score::shown_score(ranking->bars[i].value);
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
    CHECK(
        dump.find("chart ranking \"Labour market mobility: all countries ranked, 2019\" bars=56") !=
        std::string::npos);
}
