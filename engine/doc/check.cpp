// The check of every prose text before the book is built (prose.h: check_prose): the same
// parser the build uses, with a resolver that knows every country, area and destination of
// the book beforehand, and positions inside the texts.
#include "doc/prose.h"
#include "model/reader.h"

#include <set>

namespace mipex::doc {

namespace {

/// What prose may refer to: the project's countries and areas, and the destinations the
/// book's parts make (layouts/book.yaml), as doc/build.cpp names them.
class ProjectResolver final : public Resolver {
public:
    /// `complete`: the project was read without errors. Otherwise a country or area may be
    /// missing only because its file has an error, and references are not judged.
    ProjectResolver(const model::Model& model, bool complete)
        : m_model(model), m_complete(complete) {
        for (const model::Part& part : model.structure.parts) {
            switch (part.kind) {
            case model::Part::Kind::TitlePage:
                break;
            case model::Part::Kind::Contents:
                m_anchors.insert("contents");
                break;
            case model::Part::Kind::Text:
                m_anchors.insert("text-" + part.text);
                break;
            case model::Part::Kind::AreaChapters:
                m_anchors.insert("part-areas");
                for (const model::Area& area : model.framework.areas)
                    m_anchors.insert("area-" + area.id);
                break;
            case model::Part::Kind::CountryProfiles:
                m_anchors.insert("part-countries");
                for (size_t c = 0; c < model.countries.size(); ++c)
                    if (in_edition(c))
                        m_anchors.insert("country-" + model.countries[c].code);
                break;
            case model::Part::Kind::IndicatorAnnex:
                m_anchors.insert("annex");
                for (const model::Area& area : model.framework.areas)
                    m_anchors.insert("annex-" + area.id);
                break;
            case model::Part::Kind::Colophon:
                m_anchors.insert("colophon");
                break;
            }
        }
    }

    std::optional<Target> resolve(std::string_view kind, std::string_view id) const override {
        if (!m_complete && (kind == "country" || kind == "area"))
            return Target{std::string(id), std::string(id)};
        if (kind == "country") {
            if (auto country = m_model.find_country(id))
                return Target{std::string(id), m_anchors.count("country-" + std::string(id))
                                                   ? "country-" + std::string(id)
                                                   : std::string()};
            return std::nullopt;
        }
        if (kind == "area" && m_model.framework.find_area(id))
            return Target{std::string(id), "area-" + std::string(id)};
        return std::nullopt;
    }

    bool knows_anchor(std::string_view anchor) const override {
        return !m_complete || m_anchors.count(std::string(anchor)) > 0;
    }

    std::optional<std::string> suggest(std::string_view reference) const override {
        // Compared without the kind, so that "country:" does not make every code look close.
        std::vector<std::string> known;
        std::string_view kind = reference.starts_with("#") ? "#" : "";
        if (!kind.empty()) {
            known.assign(m_anchors.begin(), m_anchors.end());
        } else if (reference.starts_with("country:")) {
            kind = "country:";
            for (const model::Country& country : m_model.countries)
                known.push_back(country.code);
        } else if (reference.starts_with("area:")) {
            kind = "area:";
            for (const model::Area& area : m_model.framework.areas)
                known.push_back(area.id);
        }
        auto hint = model::nearest(reference.substr(kind.size()), known);
        return hint ? std::optional(std::string(kind) + *hint) : std::nullopt;
    }

private:
    /// As BookContext::in_edition: the country has scores in the edition the book presents.
    bool in_edition(size_t country) const {
        return m_model.observations.has_year(country, m_model.year_editions.current);
    }

    const model::Model& m_model;
    bool m_complete;
    std::set<std::string> m_anchors;
};

/// A prose text of the project: its key, and whether it is a block of paragraphs (which may
/// hold footnotes) or one paragraph (an indicator's question, set in a table).
struct ProseText {
    const model::Text* text;
    bool paragraphs;
};

std::vector<ProseText> prose_texts(const model::Model& model) {
    std::vector<ProseText> texts;
    auto add = [&](const std::optional<model::Text>& text, bool paragraphs) {
        if (text)
            texts.push_back({&*text, paragraphs});
    };
    add(model.book.how_to_read, true);
    add(model.book.colophon, true);
    for (const model::AreaText& area : model.area_texts) {
        add(area.summary, true);
        add(area.text, true);
    }
    for (const model::Country& country : model.countries)
        add(country.profile, true);
    for (const model::Indicator& indicator : model.framework.indicators)
        texts.push_back({&indicator.question, false});
    return texts;
}

void check_text(std::string_view text, SourcePos pos, bool paragraphs, const Resolver& resolver,
                const SourceFiles& files, Diagnostics& diagnostics) {
    std::vector<Footnote> footnotes;
    int counter = 0;
    for (const ProseBlock& block : split_prose(text)) {
        for (size_t item = 0; item < block.items.size(); ++item) {
            ProseContext context;
            context.resolver = &resolver;
            context.diagnostics = &diagnostics;
            context.pos = pos;
            if (paragraphs) {
                context.footnotes = &footnotes;
                context.footnote_counter = &counter;
            }
            context.warn_literal_markup = true;
            context.locate = [&](size_t offset) {
                return files.locate(pos, text, block.source_offset(item, offset));
            };
            parse_inline(block.items[item], context);
        }
    }
}

} // namespace

void check_prose(const model::Model& model, const SourceFiles& files, Diagnostics& diagnostics) {
    ProjectResolver resolver(model, !diagnostics.has_errors());
    std::vector<ProseText> texts = prose_texts(model);
    for (const ProseText& prose : texts)
        check_text(prose.text->source, prose.text->pos, prose.paragraphs, resolver, files,
                   diagnostics);
    // A translation is read as its English is: checked where the translator wrote it.
    for (const auto& [language, catalog] : model.catalogs) {
        for (const ProseText& prose : texts) {
            auto entry = catalog.entries.find(prose.text->key);
            if (entry != catalog.entries.end())
                check_text(entry->second.text, entry->second.pos, prose.paragraphs, resolver, files,
                           diagnostics);
        }
    }
}

} // namespace mipex::doc
