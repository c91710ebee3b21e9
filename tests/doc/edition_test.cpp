// The document of an edition in another language: every list of countries in the language's
// order (profiles, score tables, ties in rankings), translated texts with their keys and
// positions, the language's digits, and the Arabic faces from the theme.
#include "doc/build.h"
#include "pipeline/pipeline.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <regex>

using namespace mipex;

namespace {

pipeline::CheckedProject& checked() {
    static std::unique_ptr<pipeline::CheckedProject> instance = [] {
        auto result = pipeline::check_project(MIPEX_SOURCE_DIR);
        REQUIRE_FALSE(result->diagnostics.has_errors());
        return result;
    }();
    return *instance;
}

doc::Document edition(const std::string& language) {
    return pipeline::build_document(checked(), language);
}

std::vector<std::string> profile_order(const doc::Document& document) {
    std::vector<std::string> names;
    for (const doc::Section& section : document.sections)
        if (section.id.starts_with("country-"))
            names.push_back(section.chapter_title);
    return names;
}

/// The first column of the first table with a caption in a section.
std::vector<std::string> first_column(const doc::Section& section) {
    for (const doc::Block& block : section.blocks)
        if (auto* table = std::get_if<doc::Table>(&block); table && table->caption) {
            std::vector<std::string> cells;
            for (const doc::Table::Row& row : table->body)
                cells.push_back(row.cells.front().spans.front().text);
            return cells;
        }
    return {};
}

const doc::Section& section(const doc::Document& document, const std::string& id) {
    for (const doc::Section& section : document.sections)
        if (section.id == id)
            return section;
    FAIL("no section " << id);
    throw;
}

} // namespace

TEST_CASE("every list of countries follows the edition's language") {
    for (const char* language : {"de", "fr", "el", "ar"}) {
        INFO(language);
        doc::Document document = edition(language);
        i18n::Localizer localizer(checked().model, language, checked().diagnostics);
        auto sorted = [&](std::vector<std::string> names) {
            std::stable_sort(
                names.begin(), names.end(),
                [&](const std::string& a, const std::string& b) { return localizer.less(a, b); });
            return names;
        };
        std::vector<std::string> profiles = profile_order(document);
        REQUIRE(profiles.size() == checked().model.countries.size());
        CHECK(profiles == sorted(profiles));
        // The score table of a chapter: countries in the language's order, then the average.
        std::vector<std::string> table = first_column(section(document, "area-lmm"));
        table.pop_back();
        CHECK(table == sorted(table));
        CHECK(table == profiles);
    }
    // German sorts Österreich under O, between Norwegen and Polen.
    std::vector<std::string> german = profile_order(edition("de"));
    auto austria = std::find(german.begin(), german.end(), "Österreich");
    REQUIRE(austria != german.end());
    CHECK(*(austria - 1) == "Norwegen");
    CHECK(*(austria + 1) == "Polen");
}

TEST_CASE("ranking ties are listed in the edition's order") {
    for (const char* language : {"en", "de", "fr"}) {
        INFO(language);
        doc::Document document = edition(language);
        i18n::Localizer localizer(checked().model, language, checked().diagnostics);
        size_t ties = 0;
        for (const doc::Section& section : document.sections)
            for (const doc::Block& block : section.blocks) {
                auto* chart = std::get_if<doc::Chart>(&block);
                auto* ranking = chart ? std::get_if<doc::RankingChart>(&chart->spec) : nullptr;
                if (!ranking)
                    continue;
                // A bar without a rank shares the rank of the bar before it.
                for (size_t i = 1; i < ranking->bars.size(); ++i)
                    if (ranking->bars[i].rank.empty()) {
                        ++ties;
                        CHECK(localizer.less(ranking->bars[i - 1].label, ranking->bars[i].label));
                    }
            }
        CHECK(ties > 10);
    }
}

TEST_CASE("an edition carries its translations' keys and positions, digits and faces") {
    doc::Document arabic = edition("ar");
    CHECK(arabic.right_to_left);
    CHECK(arabic.metadata.language == "ar");
    CHECK(arabic.digits ==
          std::vector<std::string>{"٠", "١", "٢", "٣", "٤", "٥", "٦", "٧", "٨", "٩"});
    REQUIRE(arabic.styles);
    CHECK(arabic.styles->at("body").family == "Noto Naskh Arabic, Noto Serif");
    CHECK(arabic.styles->at("h1").family == "Noto Sans Arabic, Noto Sans");
    CHECK(arabic.running_head_style == &arabic.styles->at("running_head"));
    // The contents heading: its key, and where its translation is written.
    const doc::Heading* contents =
        std::get_if<doc::Heading>(&section(arabic, "contents").blocks.front());
    REQUIRE(contents);
    CHECK(contents->text == "المحتويات");
    CHECK(contents->key == "ui.contents");
    SourcePos pos = arabic.text_positions.at("ui.contents");
    CHECK(checked().files.path(pos.file).ends_with("content/i18n/ar/strings.yaml"));
    CHECK(arabic.text_keys.at("المحتويات") == "ui.contents");

    doc::Document german = edition("de");
    CHECK_FALSE(german.right_to_left);
    CHECK(german.digits.empty());
    CHECK_FALSE(german.styles); // German needs no other faces
    doc::Document english = edition("en");
    CHECK(english.metadata.title == "Migrant Integration Policy Index");
}

TEST_CASE("a paragraph printed in the source language for want of a translation says so") {
    // Layout hyphenates it by that language's patterns, the PDF and EPUB tag it: the German
    // catalog translates no indicator question, so the annex prints them in English.
    auto languages = [](const doc::Document& document) {
        std::map<std::string, size_t> count; // language -> paragraphs and list items
        for (const doc::Section& section : document.sections)
            for (const doc::Block& block : section.blocks) {
                if (auto* paragraph = std::get_if<doc::Paragraph>(&block))
                    ++count[paragraph->language];
                else if (auto* list = std::get_if<doc::List>(&block))
                    for (const doc::Paragraph& item : list->items)
                        ++count[item.language];
            }
        return count;
    };
    const auto english = languages(edition("en"));
    CHECK(english.size() == 1); // none marked: every text is in the edition's language
    CHECK(english.count(""));
    const auto german = languages(edition("de"));
    CHECK(german.at("en") > 200); // profiles, area texts and indicator questions
    CHECK(german.at("") > 0);     // the translated ones (headings' lead-ins, notices)
    CHECK(german.size() == 2);

    // Each question in the annex: English, and marked so.
    doc::Document document = edition("de");
    size_t questions = 0;
    for (const doc::Section& section : document.sections)
        for (const doc::Block& block : section.blocks)
            if (auto* paragraph = std::get_if<doc::Paragraph>(&block);
                paragraph && !paragraph->spans.empty() &&
                paragraph->spans.front().key.ends_with(".question")) {
                ++questions;
                CHECK(paragraph->language == "en");
            }
    CHECK(questions > 100);

    // A footnote is in its paragraph's language: the Greek catalog leaves the areas' texts,
    // and so their notes, in English.
    size_t notes = 0;
    for (const doc::Section& section : edition("el").sections)
        for (const doc::Block& block : section.blocks)
            if (auto* paragraph = std::get_if<doc::Paragraph>(&block))
                for (const doc::Footnote& note : paragraph->footnotes) {
                    ++notes;
                    CHECK(note.language == paragraph->language);
                    CHECK(note.language == "en");
                }
    CHECK(notes > 0);
}

TEST_CASE("every count the English puts through plural rules, each shipped catalog does too") {
    const model::Model& model = checked().model;
    size_t counted = 0;
    for (const auto& [key, english] : model.strings) {
        std::smatch match;
        std::string rest = english.source;
        std::vector<std::string> plurals;
        while (std::regex_search(rest, match, std::regex("\\{\\s*(\\w+)\\s*,\\s*plural\\s*,"))) {
            plurals.push_back(match[1]);
            rest = match.suffix();
        }
        counted += !plurals.empty();
        for (const char* language : {"de", "fr", "el", "ar"}) {
            auto found = model.catalogs.at(language).entries.find(key);
            REQUIRE(found != model.catalogs.at(language).entries.end());
            for (const std::string& name : plurals) {
                INFO(language << " " << key << " {" << name << "}");
                CHECK(std::regex_search(found->second.text,
                                        std::regex("\\{\\s*" + name + "\\s*,\\s*plural\\s*,")));
            }
        }
    }
    // The intros, the position chart's title and the charts' alt texts.
    CHECK(counted >= 11);
}
