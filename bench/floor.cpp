// bench/floor: the cost of pango and cairo alone, for comparison with `mipex build`.
//
//   floor --project DIR --fonts DIR --pages N --charts KIND=COUNT,… --out FILE.pdf
//
//   floor … [--text-runs T]
//
// Renders the benchmark project's prose (floor/text.txt, written by bench/generate) as
// justified 10 pt Noto Serif on 14 pt, broken into lines by pango itself (PangoLayout, no
// hyphenation, no Knuth–Plass), and the given number of vector charts of each kind (bars,
// grids, polygons and labels, drawn roughly as the engine draws them; maps from the project's
// content/assets/maps outlines) into N A4 pages of one PDF, with a running head and a folio on
// each page. With --text-runs T it also sets table rows (seven 8 pt cells a row: a name, scores)
// until the book holds T pieces of text, the number of glyph runs in the engine's book (its
// tables, headings and annex are not in floor/text.txt). Text, tables and charts are spread
// evenly over the N pages. No YAML, no model, no
// scores, no display list: one pass from text to PDF. The font setup is the engine's: a
// private fontconfig that sees only the given folder, pango at 72 dpi, hint metrics off,
// unrounded glyph positions.
#include <algorithm>
#include <cairo-pdf.h>
#include <cairo.h>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fontconfig/fontconfig.h>
#include <fstream>
#include <map>
#include <optional>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// The engine's default page (layouts/theme.yaml): A4, margins 24/27 mm top/bottom,
// 27/41 mm inner/outer.
constexpr double mm = 72.0 / 25.4;
constexpr double page_width = 210 * mm;
constexpr double page_height = 297 * mm;
constexpr double margin_top = 24 * mm;
constexpr double margin_bottom = 27 * mm;
constexpr double margin_inner = 27 * mm;
constexpr double margin_outer = 41 * mm;
constexpr double measure = page_width - margin_inner - margin_outer; // 402.5 pt
constexpr double body_height = page_height - margin_top - margin_bottom;
constexpr double leading = 14;
constexpr double paragraph_space = 6;
constexpr double chart_space = 12;

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> read_lines(const fs::path& path) {
    std::vector<std::string> lines;
    std::istringstream in(read_text(path));
    for (std::string line; std::getline(in, line);)
        if (!line.empty())
            lines.push_back(line);
    return lines;
}

/// Paragraphs are separated by blank lines; a paragraph's lines are joined with spaces.
std::vector<std::string> read_paragraphs(const fs::path& path) {
    std::vector<std::string> paragraphs;
    std::istringstream in(read_text(path));
    std::string paragraph;
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) {
            if (!paragraph.empty())
                paragraphs.push_back(std::move(paragraph));
            paragraph.clear();
        } else {
            paragraph += (paragraph.empty() ? "" : " ") + line;
        }
    }
    if (!paragraph.empty())
        paragraphs.push_back(std::move(paragraph));
    return paragraphs;
}

/// A deterministic score 0–100 for chart data.
double score(uint64_t a, uint64_t b) {
    uint64_t z = a * 0x9e3779b97f4a7c15ull + b * 0xbf58476d1ce4e5b9ull + 1;
    z = (z ^ (z >> 30)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    return static_cast<double>(z % 101);
}

struct Colour {
    double r, g, b;
};

Colour hex(unsigned value) {
    return {((value >> 16) & 255) / 255.0, ((value >> 8) & 255) / 255.0, (value & 255) / 255.0};
}

/// The band colours of the default theme.
Colour band(double value) {
    if (value >= 80)
        return hex(0x4575b4);
    if (value >= 60)
        return hex(0x91bfdb);
    if (value >= 41)
        return hex(0xe0e0a0);
    if (value >= 21)
        return hex(0xfc8d59);
    if (value >= 1)
        return hex(0xd73027);
    return hex(0x8b1a1a);
}

void set(cairo_t* cr, Colour c) {
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

// ---------------------------------------------------------------------------------------------
// Fonts: the engine's private fontconfig (engine/layout/fonts.cpp).

PangoFontMap* private_font_map(const fs::path& folder) {
    FcConfig* config = FcConfigCreate();
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder)) {
        std::string extension = entry.path().extension().string();
        if (extension == ".ttf" || extension == ".otf" || extension == ".ttc")
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files)
        if (!FcConfigAppFontAddFile(config, reinterpret_cast<const FcChar8*>(file.c_str())))
            throw std::runtime_error("cannot read the font " + file.string());
    if (files.empty())
        throw std::runtime_error("no fonts in " + folder.string());
    PangoFontMap* map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), config);
    FcConfigDestroy(config);
    return map;
}

PangoContext* measuring_context(PangoFontMap* map) {
    PangoContext* context = pango_font_map_create_context(map);
    pango_cairo_context_set_resolution(context, 72);
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context, options);
    cairo_font_options_destroy(options);
    pango_context_set_round_glyph_positions(context, FALSE);
    pango_context_set_language(context, pango_language_from_string("en"));
    return context;
}

// ---------------------------------------------------------------------------------------------
// Labels: one PangoLayout each, as a program without an engine would do it.

class Labels {
public:
    explicit Labels(PangoContext* context) : m_context(context) {
        m_sans = pango_font_description_from_string("Noto Sans 7.5");
        m_bold = pango_font_description_from_string("Noto Sans SemiBold 9");
        m_serif = pango_font_description_from_string("Noto Sans 8");
    }
    ~Labels() {
        pango_font_description_free(m_sans);
        pango_font_description_free(m_bold);
        pango_font_description_free(m_serif);
    }
    enum Style { Small, Title, Folio };
    /// Draws `text` with its top at y; align -1 left of x… 0 centred, 1 right-aligned at x.
    /// Returns the width.
    double draw(cairo_t* cr, const std::string& text, double x, double y, Style style,
                int align = -1, Colour colour = hex(0x1d1d1f)) {
        PangoLayout* layout = pango_layout_new(m_context);
        pango_layout_set_font_description(layout, style == Small   ? m_sans
                                                  : style == Title ? m_bold
                                                                   : m_serif);
        pango_layout_set_text(layout, text.c_str(), static_cast<int>(text.size()));
        PangoRectangle logical;
        pango_layout_get_extents(layout, nullptr, &logical);
        double width = logical.width / double(PANGO_SCALE);
        double left = align < 0 ? x : align == 0 ? x - width / 2 : x - width;
        set(cr, colour);
        cairo_move_to(cr, left, y);
        pango_cairo_show_layout(cr, layout);
        g_object_unref(layout);
        return width;
    }

private:
    PangoContext* m_context;
    PangoFontDescription* m_sans;
    PangoFontDescription* m_bold;
    PangoFontDescription* m_serif;
};

// ---------------------------------------------------------------------------------------------
// Maps: the project's outlines, in a plain equirectangular projection (the engine uses
// equal-area ones; the cost is in the paths, not the formula).

struct Ring {
    std::string country;
    std::vector<std::pair<double, double>> points; // lon, lat
};

struct Outlines {
    std::vector<Ring> rings;
    double west, south, east, north;
};

Outlines read_outlines(const fs::path& path, double west, double south, double east, double north) {
    Outlines outlines{{}, west, south, east, north};
    std::istringstream in(read_text(path));
    std::string line;
    std::getline(in, line); // header
    while (std::getline(in, line)) {
        size_t quote = line.find('"');
        if (quote == std::string::npos || line.size() < 2)
            continue;
        Ring ring;
        ring.country = line.substr(0, 2);
        const char* p = line.c_str() + quote + 1;
        while (*p && *p != '"') {
            char* end = nullptr;
            double lon = std::strtod(p, &end);
            if (end == p || *end != ',')
                break;
            double lat = std::strtod(end + 1, &end);
            ring.points.emplace_back(lon, lat);
            p = end;
            while (*p == ' ')
                ++p;
        }
        if (!ring.points.empty())
            outlines.rings.push_back(std::move(ring));
    }
    return outlines;
}

// ---------------------------------------------------------------------------------------------
// Charts. Heights follow the engine's charts at the default measure (bench/README.md).

enum class Kind { Position, Ranking, Areas, Radar, Change, MapEurope, MapWorld };

struct ChartData {
    const std::vector<std::string>* countries;
    const std::vector<std::string>* areas;
    const Outlines* europe;
    const Outlines* world;
};

double ranking_pitch = 9.5;

double chart_height(Kind kind, size_t countries) {
    switch (kind) {
    case Kind::Position:
        return 115;
    case Kind::Ranking:
        return 40 + ranking_pitch * static_cast<double>(countries);
    case Kind::Areas:
        return 251;
    case Kind::Radar:
        return 268;
    case Kind::Change:
        return 183;
    case Kind::MapEurope:
        return 365;
    case Kind::MapWorld:
        return 251;
    }
    return 200;
}

/// How many labels draw_chart draws for a chart of this kind.
size_t chart_labels(Kind kind, size_t countries, size_t areas) {
    switch (kind) {
    case Kind::Position:
        return 1 + 3;
    case Kind::Ranking:
        return 1 + 2 * countries + 5;
    case Kind::Areas:
        return 1 + 3 * areas + 5;
    case Kind::Radar:
        return 1 + areas;
    case Kind::Change:
        return 1 + 2 * areas;
    case Kind::MapEurope:
    case Kind::MapWorld:
        return 1 + 6;
    }
    return 0;
}

void draw_axis(cairo_t* cr, Labels& labels, double x0, double x1, double y) {
    set(cr, hex(0xe4e6e8));
    for (int tick = 0; tick <= 100; tick += 25) {
        double x = x0 + (x1 - x0) * tick / 100;
        cairo_rectangle(cr, x - 0.25, y, 0.5, 4);
        cairo_fill(cr);
        labels.draw(cr, std::to_string(tick), x, y + 4, Labels::Small, 0, hex(0x5f6368));
    }
}

/// Draws chart `index` of its kind with its top at y, `w` wide; `first` and `last` select the
/// rows of a ranking split over pages.
void draw_chart(cairo_t* cr, Labels& labels, Kind kind, size_t index, double x, double y, double w,
                const ChartData& data, size_t first = 0, size_t last = SIZE_MAX) {
    const auto& countries = *data.countries;
    const auto& areas = *data.areas;
    switch (kind) {
    case Kind::Position: {
        labels.draw(cr, countries[index % countries.size()] + " among all countries", x, y,
                    Labels::Title);
        double top = y + 20, height = 80;
        double pitch = w / static_cast<double>(countries.size());
        for (size_t c = 0; c < countries.size(); ++c) {
            double value = score(c, 0);
            set(cr, c == index % countries.size() ? hex(0x111111) : band(value));
            cairo_rectangle(cr, x + c * pitch, top + height * (1 - value / 100), pitch * 0.7,
                            height * value / 100);
            cairo_fill(cr);
        }
        for (int tick : {0, 50, 100})
            labels.draw(cr, std::to_string(tick), x - 4, top + height * (1 - tick / 100.0) - 5,
                        Labels::Small, 1, hex(0x5f6368));
        break;
    }
    case Kind::Ranking: {
        double label_width = 120;
        double x0 = x + label_width + 6, x1 = x + w - 24;
        double top = y;
        if (first == 0) {
            labels.draw(cr,
                        (index < areas.size() ? areas[index] : "Overall score") +
                            ": all countries ranked",
                        x, y, Labels::Title);
            top += 20;
        }
        size_t end = std::min(last, countries.size());
        for (size_t c = first; c < end; ++c) {
            double value = score(c, index + 1);
            double row = top + (c - first) * ranking_pitch;
            labels.draw(cr, countries[c], x + label_width, row, Labels::Small, 1);
            set(cr, band(value));
            cairo_rectangle(cr, x0, row + 1.5, (x1 - x0) * value / 100, ranking_pitch - 3);
            cairo_fill(cr);
            labels.draw(cr, std::to_string(static_cast<int>(value)),
                        x0 + (x1 - x0) * value / 100 + 3, row, Labels::Small);
        }
        double bottom = top + (end - first) * ranking_pitch;
        set(cr, hex(0x2b2b2b));
        cairo_rectangle(cr, x0 + (x1 - x0) * 0.52, top, 0.75, bottom - top);
        cairo_fill(cr);
        if (end == countries.size())
            draw_axis(cr, labels, x0, x1, bottom + 2);
        break;
    }
    case Kind::Areas: {
        labels.draw(cr, countries[index % countries.size()] + ": area scores, 2014 and 2019", x, y,
                    Labels::Title);
        double x0 = x + 130, x1 = x + w - 24;
        for (size_t a = 0; a < areas.size(); ++a) {
            double row = y + 22 + a * 25;
            double before = score(index, a), now = score(index, a + 100);
            labels.draw(cr, areas[a], x + 124, row + 4, Labels::Small, 1);
            set(cr, hex(0xc4c7ca));
            cairo_rectangle(cr, x0, row, (x1 - x0) * before / 100, 9);
            cairo_fill(cr);
            set(cr, band(now));
            cairo_rectangle(cr, x0, row + 10, (x1 - x0) * now / 100, 9);
            cairo_fill(cr);
            set(cr, hex(0x2b2b2b));
            cairo_rectangle(cr, x0 + (x1 - x0) * score(a, 7) / 100, row - 1, 1, 21);
            cairo_fill(cr);
            labels.draw(cr, std::to_string(static_cast<int>(before)),
                        x0 + (x1 - x0) * before / 100 + 3, row - 1, Labels::Small);
            labels.draw(cr, std::to_string(static_cast<int>(now)), x0 + (x1 - x0) * now / 100 + 3,
                        row + 9, Labels::Small);
        }
        draw_axis(cr, labels, x0, x1, y + 22 + areas.size() * 25);
        break;
    }
    case Kind::Radar: {
        labels.draw(cr, countries[index % countries.size()] + " and the average", x, y,
                    Labels::Title);
        double cx = x + w / 2, cy = y + 140, radius = std::min(100.0, w / 2 - 60);
        size_t n = areas.size();
        auto point = [&](size_t a, double value) {
            double angle = -M_PI / 2 + 2 * M_PI * a / n;
            return std::make_pair(cx + radius * value / 100 * std::cos(angle),
                                  cy + radius * value / 100 * std::sin(angle));
        };
        set(cr, hex(0xe4e6e8));
        cairo_set_line_width(cr, 0.5);
        for (int ring = 20; ring <= 100; ring += 20) {
            for (size_t a = 0; a <= n; ++a) {
                auto [px, py] = point(a % n, ring);
                a == 0 ? cairo_move_to(cr, px, py) : cairo_line_to(cr, px, py);
            }
            cairo_stroke(cr);
        }
        for (size_t a = 0; a < n; ++a) {
            auto [px, py] = point(a, 100);
            cairo_move_to(cr, cx, cy);
            cairo_line_to(cr, px, py);
            cairo_stroke(cr);
            auto [lx, ly] = point(a, 118);
            labels.draw(cr, areas[a], lx, ly - 5, Labels::Small,
                        lx < cx - 1   ? 1
                        : lx > cx + 1 ? -1
                                      : 0);
        }
        for (int series = 0; series < 2; ++series) {
            for (size_t a = 0; a <= n; ++a) {
                auto [px, py] = point(a % n, series ? score(index, a % n) : score(a % n, 7));
                a == 0 ? cairo_move_to(cr, px, py) : cairo_line_to(cr, px, py);
            }
            cairo_close_path(cr);
            set(cr, series ? hex(0x1f4e79) : hex(0x2b2b2b));
            cairo_set_line_width(cr, series ? 1.5 : 0.75);
            cairo_stroke(cr);
        }
        break;
    }
    case Kind::Change: {
        labels.draw(cr, countries[index % countries.size()] + ": change since 2014", x, y,
                    Labels::Title);
        double label_width = std::min(124.0, w * 0.4);
        double half = (w - label_width - 30) / 2, zero = x + label_width + 6 + half;
        for (size_t a = 0; a < areas.size(); ++a) {
            double row = y + 24 + a * 18;
            double change = score(index, a + 200) / 2.5 - 20;
            labels.draw(cr, areas[a], x + label_width, row, Labels::Small, 1);
            set(cr, change >= 0 ? hex(0x4575b4) : hex(0xd73027));
            double length = half * change / 20;
            cairo_rectangle(cr, change >= 0 ? zero : zero + length, row + 1, std::fabs(length), 10);
            cairo_fill(cr);
            std::string value = std::to_string(static_cast<int>(change));
            if (change > 0)
                value.insert(value.begin(), '+');
            labels.draw(cr, value, change >= 0 ? zero + length + 3 : zero + length - 3, row,
                        Labels::Small, change >= 0 ? -1 : 1);
        }
        set(cr, hex(0x2b2b2b));
        cairo_rectangle(cr, zero - 0.4, y + 22, 0.8, areas.size() * 18 + 4);
        cairo_fill(cr);
        break;
    }
    case Kind::MapEurope:
    case Kind::MapWorld: {
        const Outlines& map = kind == Kind::MapEurope ? *data.europe : *data.world;
        labels.draw(cr, kind == Kind::MapEurope ? "Europe" : "The world", x, y, Labels::Title);
        double top = y + 20, height = chart_height(kind, 0) - 50;
        double sx = w / (map.east - map.west), sy = height / (map.north - map.south);
        cairo_save(cr);
        cairo_rectangle(cr, x, top, w, height);
        set(cr, hex(0xf1f3f5));
        cairo_fill_preserve(cr);
        cairo_clip(cr);
        cairo_set_line_width(cr, 0.3);
        for (size_t r = 0; r < map.rings.size(); ++r) {
            const Ring& ring = map.rings[r];
            for (size_t p = 0; p < ring.points.size(); ++p) {
                double px = x + (ring.points[p].first - map.west) * sx;
                double py = top + (map.north - ring.points[p].second) * sy;
                p == 0 ? cairo_move_to(cr, px, py) : cairo_line_to(cr, px, py);
            }
            cairo_close_path(cr);
            set(cr, band(score(static_cast<unsigned char>(ring.country[0]) * 26 +
                                   static_cast<unsigned char>(ring.country[1]),
                               index)));
            cairo_fill_preserve(cr);
            set(cr, hex(0x7d858c));
            cairo_stroke(cr);
        }
        cairo_restore(cr);
        double legend = x;
        for (int b : {0, 10, 30, 50, 70, 90}) {
            set(cr, band(b));
            cairo_rectangle(cr, legend, top + height + 8, 8, 8);
            cairo_fill(cr);
            legend +=
                12 +
                labels.draw(cr, std::to_string(b), legend + 10, top + height + 6, Labels::Small) +
                8;
        }
        break;
    }
    }
}

// ---------------------------------------------------------------------------------------------
// The flow: text lines and charts, spread over the pages.

struct Paragraph {
    PangoLayout* layout = nullptr;
    std::vector<PangoLayoutLine*> lines;
};

struct Item {
    enum { Line, Chart, Row } type;
    size_t paragraph = 0, line = 0; // Line; Row: its number, its cells
    Kind kind{};                    // Chart
    size_t index = 0, first = 0, last = SIZE_MAX;
    double height = 0;
    std::optional<size_t> change; // a radar: the change chart set beside it, as the engine does
};

constexpr size_t cells_per_row = 7;
constexpr double row_height = 13.5;
constexpr size_t rows_per_table = 32; // a profile's dimension table

/// One table row: a name and six scores, 8 pt, with a rule under it.
void draw_row(cairo_t* cr, Labels& labels, size_t row, size_t cells, double x, double y,
              const std::vector<std::string>& names) {
    double column = (measure - 150) / (cells_per_row - 1);
    for (size_t c = 0; c < cells; ++c) {
        if (c == 0)
            labels.draw(cr, names[row % names.size()], x + 3, y + 1.5, Labels::Folio);
        else
            labels.draw(cr, std::to_string(static_cast<int>(score(row, c))),
                        x + 150 + c * column - 6, y + 1.5, Labels::Folio, 1);
    }
    set(cr, hex(0xe4e6e8));
    cairo_rectangle(cr, x, y + row_height - 0.5, measure, 0.5);
    cairo_fill(cr);
}

int usage(const char* message) {
    std::fprintf(stderr,
                 "%s\nusage: floor --project DIR --fonts DIR --pages N --charts KIND=COUNT,… "
                 "--out FILE.pdf [--text-runs T]\n  kinds: position ranking areas radar change "
                 "map-europe map-world\n",
                 message);
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    fs::path project, fonts, out;
    long pages_wanted = 0;
    size_t text_runs = 0;
    std::string chart_spec;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string arg = argv[i];
        if (arg == "--project")
            project = argv[i + 1];
        else if (arg == "--fonts")
            fonts = argv[i + 1];
        else if (arg == "--out")
            out = argv[i + 1];
        else if (arg == "--pages")
            pages_wanted = std::atol(argv[i + 1]);
        else if (arg == "--charts")
            chart_spec = argv[i + 1];
        else if (arg == "--text-runs")
            text_runs = std::strtoul(argv[i + 1], nullptr, 10);
        else
            return usage(("unknown argument: " + arg).c_str());
    }
    if (argc % 2 == 0 || project.empty() || fonts.empty() || out.empty() || pages_wanted < 1)
        return usage("--project, --fonts, --pages and --out are required");

    const std::map<std::string, Kind> kinds = {
        {"position", Kind::Position},  {"ranking", Kind::Ranking}, {"areas", Kind::Areas},
        {"radar", Kind::Radar},        {"change", Kind::Change},   {"map-europe", Kind::MapEurope},
        {"map-world", Kind::MapWorld}, {"dimensions", Kind::Areas}};
    std::vector<std::pair<Kind, size_t>> chart_counts;
    size_t chart_total = 0;
    {
        std::istringstream in(chart_spec);
        for (std::string entry; std::getline(in, entry, ',');) {
            size_t equals = entry.find('=');
            if (equals == std::string::npos)
                return usage(("not KIND=COUNT: " + entry).c_str());
            auto kind = kinds.find(entry.substr(0, equals));
            if (kind == kinds.end())
                return usage(("unknown chart kind: " + entry).c_str());
            size_t count = std::strtoul(entry.c_str() + equals + 1, nullptr, 10);
            chart_counts.emplace_back(kind->second, count);
            chart_total += count;
        }
    }

    try {
        std::vector<std::string> texts = read_paragraphs(project / "floor/text.txt");
        std::vector<std::string> countries = read_lines(project / "floor/countries.txt");
        std::vector<std::string> areas = read_lines(project / "floor/areas.txt");
        fs::path maps = project / "content/assets/maps";
        Outlines europe = fs::exists(maps / "europe.csv")
                              ? read_outlines(maps / "europe.csv", -24, 34, 44, 71)
                              : Outlines{{}, -24, 34, 44, 71};
        Outlines world = fs::exists(maps / "world.csv")
                             ? read_outlines(maps / "world.csv", -180, -57, 180, 84)
                             : Outlines{{}, -180, -57, 180, 84};
        if (countries.empty() || areas.empty())
            throw std::runtime_error("no country or area names in " + (project / "floor").string());
        ChartData data{&countries, &areas, &europe, &world};

        PangoFontMap* font_map = private_font_map(fonts);
        PangoContext* context = measuring_context(font_map);

        // Every paragraph laid out by pango: justified, 10 pt, at the engine's measure.
        PangoFontDescription* body = pango_font_description_from_string("Noto Serif 10");
        std::vector<Paragraph> paragraphs(texts.size());
        size_t line_total = 0;
        for (size_t p = 0; p < texts.size(); ++p) {
            PangoLayout* layout = pango_layout_new(context);
            pango_layout_set_font_description(layout, body);
            pango_layout_set_width(layout, static_cast<int>(measure * PANGO_SCALE));
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
            pango_layout_set_justify(layout, TRUE);
            pango_layout_set_text(layout, texts[p].c_str(), static_cast<int>(texts[p].size()));
            for (GSList* l = pango_layout_get_lines_readonly(layout); l; l = l->next)
                paragraphs[p].lines.push_back(static_cast<PangoLayoutLine*>(l->data));
            paragraphs[p].layout = layout;
            line_total += paragraphs[p].lines.size();
        }

        // The charts' order: each kind spread evenly through the book.
        std::vector<std::pair<Kind, size_t>> charts; // kind, index within the kind
        {
            std::vector<size_t> placed(chart_counts.size(), 0);
            for (size_t j = 0; j < chart_total; ++j) {
                size_t best = 0;
                double best_lag = -1e9;
                for (size_t k = 0; k < chart_counts.size(); ++k) {
                    double lag =
                        double(chart_counts[k].second) * double(j + 1) / double(chart_total) -
                        double(placed[k]);
                    if (placed[k] < chart_counts[k].second && lag > best_lag) {
                        best_lag = lag;
                        best = k;
                    }
                }
                charts.emplace_back(chart_counts[best].first, placed[best]++);
            }
        }

        // A radar and a change chart share a row, as in the engine's profiles (radar_and_change).
        std::vector<std::optional<size_t>> beside(charts.size());
        {
            size_t next_change = 0;
            std::vector<std::pair<Kind, size_t>> kept;
            std::vector<std::optional<size_t>> kept_beside;
            std::vector<size_t> changes;
            for (const auto& chart : charts)
                if (chart.first == Kind::Change)
                    changes.push_back(chart.second);
            size_t radars = 0;
            for (const auto& chart : charts)
                radars += chart.first == Kind::Radar;
            size_t paired = std::min(radars, changes.size());
            for (const auto& chart : charts) {
                if (chart.first == Kind::Change && chart.second < paired)
                    continue; // drawn beside its radar
                kept.push_back(chart);
                kept_beside.push_back(chart.first == Kind::Radar && next_change < paired
                                          ? std::optional<size_t>(changes[next_change++])
                                          : std::nullopt);
            }
            charts = std::move(kept);
            beside = std::move(kept_beside);
        }

        // The flow: chart j goes before paragraph j·P/C; a ranking taller than a page is cut
        // into page-high pieces, as a long table would be.
        std::vector<Item> items;
        size_t next_chart = 0;
        auto add_charts_until = [&](size_t paragraph) {
            while (next_chart < charts.size() &&
                   (texts.empty() ||
                    next_chart * texts.size() / std::max<size_t>(charts.size(), 1) <= paragraph)) {
                auto [kind, index] = charts[next_chart];
                std::optional<size_t> change = beside[next_chart++];
                if (kind == Kind::Ranking) {
                    size_t per_page = static_cast<size_t>((body_height - 60) / ranking_pitch);
                    for (size_t first = 0; first < countries.size(); first += per_page) {
                        size_t last = std::min(countries.size(), first + per_page);
                        double height = (first == 0 ? 20 : 0) + (last - first) * ranking_pitch +
                                        (last == countries.size() ? 20 : 0);
                        items.push_back(
                            {Item::Chart, 0, 0, kind, index, first, last, height + chart_space});
                    }
                } else {
                    double height = chart_height(kind, countries.size());
                    if (change)
                        height = std::max(height, chart_height(Kind::Change, countries.size()));
                    items.push_back({Item::Chart, 0, 0, kind, index, 0, SIZE_MAX,
                                     height + chart_space, change});
                }
            }
        };
        // Table cells: as many as the engine's book has pieces of text beyond these.
        size_t own_runs = line_total + 2 * static_cast<size_t>(pages_wanted);
        for (size_t j = 0; j < charts.size(); ++j)
            own_runs +=
                chart_labels(charts[j].first, countries.size(), areas.size()) +
                (beside[j] ? chart_labels(Kind::Change, countries.size(), areas.size()) : 0);
        size_t cells = text_runs > own_runs ? text_runs - own_runs : 0;
        size_t rows = (cells + cells_per_row - 1) / cells_per_row;
        size_t tables = (rows + rows_per_table - 1) / rows_per_table;
        size_t next_table = 0, next_row = 0;
        auto add_tables_until = [&](size_t paragraph) {
            while (next_table < tables &&
                   (texts.empty() || next_table * texts.size() / tables <= paragraph)) {
                ++next_table;
                for (size_t r = 0; r < rows_per_table && next_row < rows; ++r, ++next_row) {
                    size_t in_row = std::min(cells_per_row, cells - next_row * cells_per_row);
                    items.push_back({Item::Row, next_row, in_row, Kind::Areas, 0, 0, 0,
                                     row_height + (r + 1 == rows_per_table ? chart_space : 0)});
                }
            }
        };
        for (size_t p = 0; p < paragraphs.size(); ++p) {
            add_charts_until(p);
            add_tables_until(p);
            for (size_t l = 0; l < paragraphs[p].lines.size(); ++l)
                items.push_back(
                    {Item::Line, p, l, Kind::Areas, 0, 0, 0,
                     leading + (l + 1 == paragraphs[p].lines.size() ? paragraph_space : 0)});
        }
        add_charts_until(SIZE_MAX);
        add_tables_until(SIZE_MAX);

        // Each page takes an equal share of what is left (so a page that had to end early, full,
        // is made up for on the next ones), or ends where it is full; the last wanted page
        // takes the rest.
        double total = 0;
        for (const Item& item : items)
            total += item.height;
        std::vector<size_t> page_starts = {0};
        double used = 0, so_far = 0;
        double page_end = total / double(pages_wanted);
        for (size_t i = 0; i < items.size(); ++i) {
            bool full = used + items[i].height > body_height;
            bool share = so_far >= page_end && long(page_starts.size()) < pages_wanted;
            if (used > 0 && (full || share)) {
                page_starts.push_back(i);
                used = 0;
                long left = pages_wanted - long(page_starts.size()) + 1;
                page_end = so_far + (total - so_far) / double(std::max(left, 1L));
            }
            used += items[i].height;
            so_far += items[i].height;
        }
        // Fewer pages than wanted only when there is less content than pages: pad with
        // pages holding a running head and folio only.
        size_t page_count = std::max(page_starts.size(), static_cast<size_t>(pages_wanted));
        page_starts.push_back(items.size());

        cairo_surface_t* surface = cairo_pdf_surface_create(out.c_str(), page_width, page_height);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "floor");
        cairo_t* cr = cairo_create(surface);
        Labels labels(context);
        for (size_t page = 0; page < page_count; ++page) {
            bool left = page % 2 == 1;
            double x = left ? margin_outer : margin_inner;
            // Running head and folio.
            labels.draw(cr, left ? "Country profiles" : "Benchmark", left ? x : x + measure,
                        margin_top - 9 * mm - 10, Labels::Folio, left ? -1 : 1, hex(0x5f6368));
            labels.draw(cr, std::to_string(page + 1), left ? x : x + measure,
                        page_height - margin_bottom + 13 * mm - 10, Labels::Folio, left ? -1 : 1,
                        hex(0x5f6368));
            if (page + 1 < page_starts.size()) {
                double y = margin_top;
                for (size_t i = page_starts[page]; i < page_starts[page + 1]; ++i) {
                    const Item& item = items[i];
                    if (item.type == Item::Line) {
                        Paragraph& paragraph = paragraphs[item.paragraph];
                        PangoLayoutLine* line = paragraph.lines[item.line];
                        PangoRectangle logical;
                        pango_layout_line_get_extents(line, nullptr, &logical);
                        double baseline = y + (leading - logical.height / double(PANGO_SCALE)) / 2 -
                                          logical.y / double(PANGO_SCALE);
                        set(cr, hex(0x1d1d1f));
                        cairo_move_to(cr, x, baseline);
                        pango_cairo_show_layout_line(cr, line);
                        if (item.line + 1 == paragraph.lines.size()) { // done with it
                            g_object_unref(paragraph.layout);
                            paragraph.layout = nullptr;
                            paragraph.lines.clear();
                        }
                    } else if (item.type == Item::Row) {
                        draw_row(cr, labels, item.paragraph, item.line, x, y, countries);
                    } else if (item.change) {
                        double half = measure / 2 - 6;
                        draw_chart(cr, labels, item.kind, item.index, x, y, half, data);
                        draw_chart(cr, labels, Kind::Change, *item.change, x + measure - half, y,
                                   half, data);
                    } else {
                        draw_chart(cr, labels, item.kind, item.index, x, y, measure, data,
                                   item.first, item.last);
                    }
                    y += item.height;
                }
            }
            cairo_show_page(cr);
        }
        cairo_destroy(cr);
        cairo_surface_finish(surface);
        cairo_status_t status = cairo_surface_status(surface);
        cairo_surface_destroy(surface);
        if (status != CAIRO_STATUS_SUCCESS)
            throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(status));

        for (Paragraph& paragraph : paragraphs)
            if (paragraph.layout)
                g_object_unref(paragraph.layout);
        pango_font_description_free(body);
        g_object_unref(context);
        g_object_unref(font_map);
        std::printf("floor: %zu pages, %zu paragraphs, %zu lines, %zu charts, %zu table cells, "
                    "content fills %.0f%% of the pages, %s\n",
                    page_count, paragraphs.size(), line_total, chart_total, cells,
                    100 * total / (body_height * double(page_count)), out.c_str());
    } catch (const std::exception& error) {
        std::fprintf(stderr, "floor: %s\n", error.what());
        return 1;
    }
    return 0;
}
