// validate_theme, validate_structure, validate_strings: the layouts/ files.
#include "model/reader.h"
#include "model/validate.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace mipex::model {

namespace {

/// Longest chain of based_on styles (the default theme's longest is 3).
constexpr size_t max_style_chain = 32;

/// Styles and colours the engine's book builder asks for by name; a theme must define them.
const std::vector<std::string> required_styles = {
    "body",      "lead",         "title",       "subtitle",     "notice",       "part_title",
    "h1",        "h2",           "h3",          "h4",           "footnote",     "toc_part",
    "toc_entry", "caption",      "table",       "table_header", "table_number", "running_head",
    "folio",     "chart_title",  "chart_label", "chart_value",  "chart_axis",   "small",
    "score_big", "annex_option",
};
const std::vector<std::string> required_colors = {
    "text",     "muted",  "accent", "highlight", "rule",    "grid",       "average",
    "previous", "stripe", "gain",   "loss",      "no_data", "map_border", "map_sea",
};

std::optional<int> parse_weight(const Value* value, Diagnostics& diagnostics) {
    if (!value)
        return std::nullopt;
    static const std::pair<const char*, int> names[] = {
        {"thin", 100},   {"light", 300},    {"regular", 400}, {"normal", 400},
        {"medium", 500}, {"semibold", 600}, {"bold", 700},    {"black", 900}};
    if (value->is_scalar())
        for (auto [name, weight] : names)
            if (value->text() == name)
                return weight;
    auto number = read_integer(value, "a font weight", diagnostics);
    if (number && (*number < 100 || *number > 900)) {
        diagnostics.error(value->pos(), "a font weight is between 100 and 900 (or regular, "
                                        "medium, semibold, bold)");
        return std::nullopt;
    }
    return number;
}

std::optional<Align> parse_align(const Value* value, Diagnostics& diagnostics) {
    auto text = read_text(value, "an alignment", diagnostics);
    if (!text)
        return std::nullopt;
    if (*text == "start" || *text == "left")
        return Align::Start;
    if (*text == "center" || *text == "centre")
        return Align::Center;
    if (*text == "end" || *text == "right")
        return Align::End;
    if (*text == "justify")
        return Align::Justify;
    diagnostics.error(value->pos(),
                      "an alignment is start, center, end or justify, not '" + *text + "'");
    return std::nullopt;
}

/// The largest page PDF readers open: 14,400 units, 200 inches (PDF 32000-1:2008, C.2).
constexpr double max_page_pt = 14400;

void read_page(const Value& value, PageGeometry& page, Diagnostics& diagnostics) {
    MapReader reader(value, "the page settings", diagnostics);
    bool failed = false;
    auto length = [&](const char* key, Length& target) {
        auto parsed = read_length(reader.required(key), key, diagnostics);
        failed = failed || !parsed;
        if (!parsed)
            return;
        bool margin = std::string_view(key).starts_with("margin");
        // Margins may be zero, never negative: the text block would leave the page.
        if (margin ? *parsed < 0 : *parsed <= 0) {
            diagnostics.error(reader.value().find(key)->pos(),
                              std::string(key) +
                                  (margin ? " must not be negative" : " must be positive"));
            failed = true;
        }
        target = *parsed;
    };
    length("width", page.width);
    length("height", page.height);
    length("margin_top", page.margin_top);
    length("margin_bottom", page.margin_bottom);
    length("margin_inner", page.margin_inner);
    length("margin_outer", page.margin_outer);
    length("header_gap", page.header_gap);
    length("footer_gap", page.footer_gap);
    reader.reject_unknown_keys();
    if (!reader.ok() || failed)
        return;
    for (auto [key, size] : {std::pair{"width", page.width}, std::pair{"height", page.height}})
        if (to_pt(size) > max_page_pt)
            diagnostics.error(value.find(key)->pos(),
                              std::string("the page's ") + key +
                                  " is more than 200 in (14,400 pt), the largest page PDF "
                                  "readers open");
    // The running head and the folio sit in the margins, at these gaps from the text block.
    if (page.header_gap > page.margin_top)
        diagnostics.error(value.find("header_gap")->pos(),
                          "header_gap is larger than margin_top: the running head would be "
                          "above the page");
    if (page.footer_gap > page.margin_bottom)
        diagnostics.error(value.find("footer_gap")->pos(),
                          "footer_gap is larger than margin_bottom: the folio would be below "
                          "the page");
    if (page.width - page.margin_inner - page.margin_outer < from_pt(72) ||
        page.height - page.margin_top - page.margin_bottom < from_pt(72))
        diagnostics.error(value.pos(), "the margins leave less than 1 inch for the text");
}

void read_colors(const Value& colors, Theme& theme, Diagnostics& diagnostics) {
    MapReader color_reader(colors, "the colours", diagnostics);
    if (color_reader.ok())
        for (const Value::Entry& entry : colors.entries())
            if (auto color = read_color(&entry.value, "colour '" + entry.key + "'", diagnostics))
                theme.colors[entry.key] = *color;
    for (const std::string& name : required_colors)
        if (color_reader.ok() && !colors.find(name))
            diagnostics.error(colors.pos(), "the colours need '" + name + "' (the book uses it)");
}

/// Reads the theme's styles. Styles may be based on another: each is resolved after its
/// base, in dependency order, refusing cycles.
class StyleResolver {
public:
    StyleResolver(const Value& styles, Theme& theme, Diagnostics& diagnostics)
        : m_theme(theme), m_diagnostics(diagnostics) {
        for (const Value::Entry& entry : styles.entries())
            m_raw[entry.key] = &entry.value;
    }

    bool defines(const std::string& name) const { return m_raw.count(name) > 0; }

    /// The style `name`, named at `used_at`, read once; null when it cannot be (reported).
    const TextStyle* resolve(const std::string& name, SourcePos used_at) {
        if (auto done = m_theme.styles.find(name); done != m_theme.styles.end())
            return &done->second;
        auto found = m_raw.find(name);
        if (found == m_raw.end()) {
            std::vector<std::string> names;
            for (auto& [key, unused] : m_raw)
                names.push_back(key);
            auto hint = nearest(name, names);
            m_diagnostics.error(used_at, "no style named '" + name + "'" +
                                             (hint ? "; did you mean '" + *hint + "'?" : ""));
            return nullptr;
        }
        if (!m_resolving.insert(name).second) {
            m_diagnostics.error(found->second->pos(), "style '" + name + "' is based on itself");
            return nullptr;
        }
        // Each based_on is one more level of this recursion: a chain of a hundred
        // thousand styles would exhaust the stack.
        if (m_resolving.size() > max_style_chain) {
            m_diagnostics.error(found->second->pos(),
                                "style '" + name + "' ends a chain of more than " +
                                    std::to_string(max_style_chain) +
                                    " styles, each based_on the next; base styles on "
                                    "fewer levels");
            m_resolving.erase(name);
            return nullptr;
        }
        TextStyle style = read_style(name, *found->second);
        m_resolving.erase(name);
        return &(m_theme.styles[name] = style);
    }

private:
    /// A style's fields over those of its base.
    TextStyle read_style(const std::string& name, const Value& value) {
        TextStyle style;
        MapReader fields(value, "style '" + name + "'", m_diagnostics);
        bool base_failed = false; // already reported; what it lacks is not news
        if (const Value* base = fields.optional("based_on")) {
            base_failed = true;
            if (auto base_name = read_text(base, "based_on", m_diagnostics))
                if (const TextStyle* parent = resolve(*base_name, base->pos())) {
                    style = *parent;
                    base_failed = m_incomplete.count(*base_name) > 0;
                }
        }
        style.name = name;
        size_t errors_before_fields = m_diagnostics.error_count();
        read_fields(fields, style);
        // A field given but refused (reported) leaves the style incomplete: neither it
        // nor the styles based on it are reported again for what it lacks.
        if (base_failed || m_diagnostics.error_count() > errors_before_fields)
            m_incomplete.insert(name);
        fields.reject_unknown_keys();
        if (!m_incomplete.count(name)) {
            if (style.family.empty())
                m_diagnostics.error(value.pos(),
                                    "style '" + name + "' needs a family (or based_on)");
            if (style.size <= 0)
                m_diagnostics.error(value.pos(), "style '" + name + "' needs a size (or based_on)");
        }
        if (style.leading <= 0)
            style.leading = style.size * 6 / 5;
        return style;
    }

    /// The fields a style gives, each replacing its base's.
    void read_fields(MapReader& fields, TextStyle& style) {
        Diagnostics& diagnostics = m_diagnostics;
        if (auto family = read_text(fields.optional("family"), "family", diagnostics)) {
            style.family = *family;
            style.family_pos = fields.value().find("family")->pos();
        }
        if (auto weight = parse_weight(fields.optional("weight"), diagnostics))
            style.weight = *weight;
        if (auto italic = read_bool(fields.optional("italic"), "italic", diagnostics))
            style.italic = *italic;
        if (auto size = read_length(fields.optional("size"), "size", diagnostics))
            style.size = *size;
        if (auto leading = read_length(fields.optional("leading"), "leading", diagnostics))
            style.leading = *leading;
        if (const Value* color = fields.optional("color"))
            if (auto parsed = read_style_color(*color))
                style.color = *parsed;
        if (auto align = parse_align(fields.optional("align"), diagnostics))
            style.align = *align;
        if (auto space = read_length(fields.optional("space_before"), "space_before", diagnostics))
            style.space_before = *space;
        if (auto space = read_length(fields.optional("space_after"), "space_after", diagnostics))
            style.space_after = *space;
        if (auto indent =
                read_length(fields.optional("first_line_indent"), "first_line_indent", diagnostics))
            style.first_line_indent = *indent;
        if (auto keep = read_bool(fields.optional("keep_with_next"), "keep_with_next", diagnostics))
            style.keep_with_next = *keep;
        if (auto tabular =
                read_bool(fields.optional("tabular_numbers"), "tabular_numbers", diagnostics))
            style.tabular_numbers = *tabular;
    }

    /// A style's colour: "#rrggbb", or the name of one of the theme's colours.
    std::optional<Color> read_style_color(const Value& color) {
        auto text = read_text(&color, "color", m_diagnostics);
        if (!text)
            return std::nullopt;
        if (text->starts_with('#'))
            return read_color(&color, "color", m_diagnostics);
        if (auto named = m_theme.colors.find(*text); named != m_theme.colors.end())
            return named->second;
        m_diagnostics.error(color.pos(), "no colour named '" + *text + "' in the theme's colors");
        return std::nullopt;
    }

    Theme& m_theme;
    Diagnostics& m_diagnostics;
    std::map<std::string, const Value*> m_raw;
    std::set<std::string> m_resolving;
    /// Styles with a field that was given but refused (reported): what they and the styles
    /// based on them lack is no news.
    std::set<std::string> m_incomplete;
};

void read_styles(const Value& styles, Theme& theme, Diagnostics& diagnostics) {
    MapReader style_reader(styles, "the styles", diagnostics);
    if (!style_reader.ok())
        return;
    StyleResolver resolver(styles, theme, diagnostics);
    for (const Value::Entry& entry : styles.entries())
        resolver.resolve(entry.key, entry.key_pos);
    for (const std::string& name : required_styles)
        if (!resolver.defines(name))
            diagnostics.error(styles.pos(), "the styles need '" + name + "' (the book uses it)");
}

/// Reads the score bands (`list`, under the key `bands` of the theme's `root`), sorted from the
/// highest down.
void read_bands(const std::vector<Value>& list, const Value& root, Theme& theme,
                Diagnostics& diagnostics) {
    for (const Value& item : list) {
        MapReader fields(item, "a band", diagnostics);
        auto key = read_id(fields.required("key"), "a band's key", diagnostics);
        auto min = read_number_in(fields.required("min"), 0, 100, "min", diagnostics);
        auto max = read_number_in(fields.required("max"), 0, 100, "max", diagnostics);
        auto label = key ? read_translatable(fields.required("label"), "band." + *key + ".label",
                                             "a band's label", diagnostics)
                         : std::nullopt;
        auto color = read_color(fields.required("color"), "a band's color", diagnostics);
        fields.reject_unknown_keys();
        if (!key || !min || !max || !label || !color)
            continue;
        if (*min > *max) {
            diagnostics.error(item.pos(), "band '" + *key + "' has min above max");
            continue;
        }
        theme.bands.push_back(Band{*key, *min, *max, *label, *color});
    }
    std::sort(theme.bands.begin(), theme.bands.end(),
              [](const Band& a, const Band& b) { return a.min > b.min; });
    // Bands apply to shown (rounded) scores, so every whole score 0–100 needs one band.
    if (!list.empty() && theme.bands.size() == list.size()) {
        for (int score = 0; score <= 100; ++score) {
            int count = 0;
            for (const Band& band : theme.bands)
                count += score >= band.min && score <= band.max;
            if (count != 1) {
                diagnostics.error(root.find("bands")->pos(),
                                  "the bands must cover every score from 0 to 100 once; " +
                                      std::to_string(score) + " is in " + std::to_string(count));
                break;
            }
        }
    }
    if (list.empty())
        diagnostics.error(root.pos(), "the theme needs at least one band");
}

/// Faces for the script of a language, set before the styles' families in its editions.
void read_language_families(const Value& languages, Theme& theme, Diagnostics& diagnostics) {
    MapReader language_reader(languages, "the language families", diagnostics);
    if (!language_reader.ok())
        return;
    for (const Value::Entry& language : languages.entries()) {
        MapReader families(language.value, "the families of '" + language.key + "'", diagnostics);
        if (!families.ok())
            continue;
        auto& map = theme.language_families[language.key];
        for (const Value::Entry& family : language.value.entries())
            if (auto face = read_text(&family.value, "a family", diagnostics))
                map[family.key] = *face;
    }
}

} // namespace

void validate_theme(const Value& root, Theme& theme, Diagnostics& diagnostics) {
    MapReader reader(root, "the theme", diagnostics);
    if (const Value* page = reader.required("page"))
        read_page(*page, theme.page, diagnostics);
    if (const Value* colors = reader.required("colors"))
        read_colors(*colors, theme, diagnostics);
    if (const Value* styles = reader.required("styles"))
        read_styles(*styles, theme, diagnostics);
    if (const auto* bands = read_list(reader.required("bands"), "bands", diagnostics))
        read_bands(*bands, root, theme, diagnostics);
    if (const Value* languages = reader.optional("language_families"))
        read_language_families(*languages, theme, diagnostics);
    reader.reject_unknown_keys();
}

void validate_structure(const Value& root, Structure& structure, Diagnostics& diagnostics) {
    MapReader reader(root, "the book structure", diagnostics);
    const auto* parts = read_list(reader.required("parts"), "parts", diagnostics);
    reader.reject_unknown_keys();
    if (!parts)
        return;
    struct KindInfo {
        const char* name;
        Part::Kind kind;
        std::vector<std::string> blocks;
    };
    static const std::vector<KindInfo> kinds = {
        {"title_page", Part::Kind::TitlePage, {}},
        {"contents", Part::Kind::Contents, {}},
        {"text", Part::Kind::Text, {}},
        {"area_chapters",
         Part::Kind::AreaChapters,
         {"summary", "text", "ranking_chart", "map", "score_table", "indicators"}},
        {"country_profiles",
         Part::Kind::CountryProfiles,
         {"overview", "area_chart", "profile_text", "dimension_table", "changes", "position",
          "radar", "change_chart", "radar_and_change", "dimension_chart"}},
        {"indicator_annex", Part::Kind::IndicatorAnnex, {}},
        {"colophon", Part::Kind::Colophon, {}},
    };
    for (const Value& item : *parts) {
        MapReader fields(item, "a part", diagnostics);
        Part part;
        part.pos = item.pos();
        auto kind_name = read_text(fields.required("kind"), "a part's kind", diagnostics);
        const KindInfo* info = nullptr;
        if (kind_name) {
            for (const KindInfo& candidate : kinds)
                if (*kind_name == candidate.name)
                    info = &candidate;
            if (!info) {
                std::vector<std::string> names;
                for (const KindInfo& candidate : kinds)
                    names.push_back(candidate.name);
                auto hint = nearest(*kind_name, names);
                diagnostics.error(fields.value().find("kind")->pos(),
                                  "unknown part kind '" + *kind_name + "'" +
                                      (hint ? "; did you mean '" + *hint + "'?" : ""));
            }
        }
        if (const Value* title = fields.optional("title")) {
            part.title_pos = title->pos();
            if (auto text = read_text(title, "a part's title", diagnostics))
                part.title = *text;
        }
        if (const Value* text = fields.optional("text")) {
            part.text_pos = text->pos();
            if (auto name = read_text(text, "a part's text", diagnostics)) {
                // The book texts a part of kind text can print (content/book.yaml).
                static const std::vector<std::string> book_texts = {"how_to_read", "colophon"};
                if (std::find(book_texts.begin(), book_texts.end(), *name) == book_texts.end()) {
                    auto hint = nearest(*name, book_texts);
                    diagnostics.error(text->pos(), "no book text '" + *name + "' (" +
                                                       (hint ? "did you mean '" + *hint + "'?"
                                                             : "how_to_read or colophon") +
                                                       ")");
                } else {
                    part.text = *name;
                }
            }
        }
        if (auto matter = read_text(fields.optional("matter"), "matter", diagnostics)) {
            if (*matter != "front" && *matter != "main")
                diagnostics.error(fields.value().find("matter")->pos(),
                                  "matter is front or main, not '" + *matter + "'");
            part.front_matter = *matter == "front";
        }
        if (const auto* blocks = read_list(fields.optional("blocks"), "blocks", diagnostics)) {
            for (const Value& block : *blocks) {
                auto name = read_text(&block, "a block", diagnostics);
                if (!name || !info)
                    continue;
                if (std::find(info->blocks.begin(), info->blocks.end(), *name) ==
                    info->blocks.end()) {
                    std::string known;
                    for (const std::string& candidate : info->blocks)
                        known += (known.empty() ? "" : ", ") + candidate;
                    diagnostics.error(block.pos(),
                                      "a part of kind " + std::string(info->name) +
                                          " has no block '" + *name + "'" +
                                          (known.empty() ? "" : " (it has: " + known + ")"));
                    continue;
                }
                part.blocks.push_back(*name);
            }
        }
        fields.reject_unknown_keys();
        if (!info)
            continue;
        part.kind = info->kind;
        if (part.kind == Part::Kind::Text && !part.text_pos.known())
            diagnostics.error(item.pos(), "a part of kind text needs 'text' (which book text "
                                          "it prints, e.g. how_to_read)");
        structure.parts.push_back(std::move(part));
    }
    if (structure.parts.empty())
        diagnostics.error(root.pos(), "the book structure has no parts");
}

void check_part_titles(const Structure& structure, const std::map<std::string, Text>& strings,
                       Diagnostics& diagnostics) {
    std::vector<std::string> known;
    for (const auto& [key, unused] : strings)
        known.push_back(key.substr(3));
    for (const Part& part : structure.parts) {
        if (part.title.empty() || strings.count("ui." + part.title))
            continue;
        auto hint = nearest(part.title, known);
        diagnostics.error(part.title_pos, "a part's title is an interface string of "
                                          "layouts/strings.yaml, and there is no '" +
                                              part.title + "'" +
                                              (hint ? "; did you mean '" + *hint + "'?" : ""));
    }
}

void validate_strings(const Value& root, bool overrides, std::map<std::string, Text>& strings,
                      Diagnostics& diagnostics) {
    MapReader reader(root, "the strings", diagnostics);
    if (!reader.ok())
        return;
    std::vector<std::string> known;
    for (auto& [key, unused] : strings)
        known.push_back(key.substr(3));
    for (const Value::Entry& entry : root.entries()) {
        std::string key = "ui." + entry.key;
        if (overrides && !strings.count(key)) {
            auto hint = nearest(entry.key, known);
            diagnostics.error(entry.key_pos, "no interface string '" + entry.key + "' to override" +
                                                 (hint ? "; did you mean '" + *hint + "'?" : ""));
            continue;
        }
        if (auto text =
                read_translatable(&entry.value, key, "string '" + entry.key + "'", diagnostics))
            strings[key] = *text;
    }
}

} // namespace mipex::model
