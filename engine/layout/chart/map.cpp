// Choropleth map: country outlines coloured by the band of a score, countries without data
// hatched grey (and said so in the legend), drawn in an equal-area projection so that no
// country looks bigger than it is: Lambert azimuthal equal-area for Europe (as EPSG:3035),
// Equal Earth for the world.
#include "layout/chart/chart.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace mipex::layout::chart {

namespace {

constexpr double pi = 3.14159265358979323846;
constexpr double degrees = pi / 180;

struct Projected {
    double x, y; // y upwards
};

/// Snyder, "Map Projections: A Working Manual" (USGS 1987), eq. 24-2 to 24-4, on the sphere.
Projected lambert_azimuthal(model::GeoPoint point, model::GeoPoint center) {
    double lambda = (point.lon - center.lon) * degrees, phi = point.lat * degrees,
           phi1 = center.lat * degrees;
    double denominator =
        1 + std::sin(phi1) * std::sin(phi) + std::cos(phi1) * std::cos(phi) * std::cos(lambda);
    double k = std::sqrt(2 / std::max(denominator, 1e-12));
    return {
        k * std::cos(phi) * std::sin(lambda),
        k * (std::cos(phi1) * std::sin(phi) - std::sin(phi1) * std::cos(phi) * std::cos(lambda))};
}

/// Šavrič, Patterson and Jenny, "The Equal Earth map projection" (IJGIS 33, 2019), eq. 1–2.
Projected equal_earth(model::GeoPoint point, model::GeoPoint center) {
    constexpr double a1 = 1.340264, a2 = -0.081106, a3 = 0.000893, a4 = 0.003796;
    double lambda = (point.lon - center.lon) * degrees, phi = point.lat * degrees;
    double theta = std::asin(std::sqrt(3.0) / 2 * std::sin(phi));
    double t2 = theta * theta, t6 = t2 * t2 * t2;
    double x = 2 * std::sqrt(3.0) * lambda * std::cos(theta) /
               (3 * (9 * a4 * t6 * t2 + 7 * a3 * t6 + 3 * a2 * t2 + a1));
    double y = theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2));
    return {x, y};
}

/// The part of a ring inside `box`, one pass a side of the box (Sutherland and Hodgman,
/// "Reentrant polygon clipping", CACM 17(1), 1974). Where the ring leaves the box and comes
/// back, the part runs along the box's edge: the box is wider than the map shows, so those
/// edges and their strokes fall outside the map's clip. Clipping to a convex box keeps the
/// area of every ring, holes included, within it.
std::vector<display::Point> clip_ring(std::vector<display::Point> ring, display::Rect box) {
    const Length left = box.x, right = box.x + box.width, top = box.y, bottom = box.y + box.height;
    Length low_x = std::numeric_limits<Length>::max(), high_x = std::numeric_limits<Length>::min();
    Length low_y = low_x, high_y = high_x;
    for (display::Point p : ring) {
        low_x = std::min(low_x, p.x);
        high_x = std::max(high_x, p.x);
        low_y = std::min(low_y, p.y);
        high_y = std::max(high_y, p.y);
    }
    if (ring.empty() || high_x < left || low_x > right || high_y < top || low_y > bottom)
        return {};
    if (low_x >= left && high_x <= right && low_y >= top && high_y <= bottom)
        return ring;
    // Each side: which points are inside, and where an edge crosses it.
    struct Side {
        bool vertical; // a side of constant x
        Length at;
        bool keep_above; // inside is x (or y) >= at
    };
    const Side sides[] = {
        {true, left, true}, {true, right, false}, {false, top, true}, {false, bottom, false}};
    std::vector<display::Point> clipped;
    for (const Side& side : sides) {
        auto inside = [&](display::Point p) {
            Length value = side.vertical ? p.x : p.y;
            return side.keep_above ? value >= side.at : value <= side.at;
        };
        auto crossing = [&](display::Point a, display::Point b) {
            if (side.vertical) {
                double t = static_cast<double>(side.at - a.x) / (b.x - a.x);
                return display::Point{side.at,
                                      a.y + static_cast<Length>(std::lround(t * (b.y - a.y)))};
            }
            double t = static_cast<double>(side.at - a.y) / (b.y - a.y);
            return display::Point{a.x + static_cast<Length>(std::lround(t * (b.x - a.x))), side.at};
        };
        clipped.clear();
        for (size_t i = 0; i < ring.size(); ++i) {
            display::Point from = ring[i == 0 ? ring.size() - 1 : i - 1], to = ring[i];
            if (inside(to)) {
                if (!inside(from))
                    clipped.push_back(crossing(from, to));
                clipped.push_back(to);
            } else if (inside(from)) {
                clipped.push_back(crossing(from, to));
            }
        }
        ring.swap(clipped);
        if (ring.empty())
            break;
    }
    return ring;
}

} // namespace

Length map(const doc::MapChart& spec, Canvas& canvas) {
    const doc::ChartStyles& styles = canvas.styles();
    TextShaper& shaper = canvas.shaper();
    const Length width = canvas.width();
    auto project = [&](model::GeoPoint point) {
        return spec.projection == model::MapAsset::Projection::LambertAzimuthalEqualArea
                   ? lambert_azimuthal(point, spec.center)
                   : equal_earth(point, spec.center);
    };

    Length y = canvas.heading(spec.title, spec.legend, from_pt(6));

    // The projected box to show: the bounds' outline, or everything drawn.
    double min_x = std::numeric_limits<double>::max(), max_x = -min_x, min_y = min_x,
           max_y = -min_x;
    auto extend = [&](Projected p) {
        min_x = std::min(min_x, p.x);
        max_x = std::max(max_x, p.x);
        min_y = std::min(min_y, p.y);
        max_y = std::max(max_y, p.y);
    };
    if (spec.bounds) {
        auto [south_west, north_east] = *spec.bounds;
        for (int i = 0; i <= 32; ++i) {
            double t = i / 32.0;
            double lon = south_west.lon + (north_east.lon - south_west.lon) * t;
            double lat = south_west.lat + (north_east.lat - south_west.lat) * t;
            extend(project({lon, south_west.lat}));
            extend(project({lon, north_east.lat}));
            extend(project({south_west.lon, lat}));
            extend(project({north_east.lon, lat}));
        }
    } else {
        for (const doc::MapChart::Region& region : spec.regions)
            for (const auto& ring : region.polygon->rings)
                for (model::GeoPoint point : ring)
                    extend(project(point));
    }
    if (!(max_x > min_x) || !(max_y > min_y))
        return y;
    const double scale = static_cast<double>(width) / (max_x - min_x);
    const Length height = static_cast<Length>(std::lround((max_y - min_y) * scale));
    const Length top = y;
    auto to_frame = [&](model::GeoPoint point) {
        Projected p = project(point);
        return display::Point{static_cast<Length>(std::lround((p.x - min_x) * scale)),
                              top + static_cast<Length>(std::lround((max_y - p.y) * scale))};
    };

    // The map is drawn in a group clipped to its box: outlines run past the bounds. Geography
    // is not mirrored in a right-to-left edition: east stays on the right.
    doc::ChartStyles unmirrored = styles;
    unmirrored.right_to_left = false;
    Canvas inner(shaper, width, unmirrored);
    // One link a country (the box around all its polygons), not one a polygon.
    std::map<std::string, display::Rect> link_boxes;
    const display::Stroke border{spec.border, from_pt(0.25), {}, false};
    // Outlines are cut a little outside what the map shows, rather than drawn whole and
    // clipped: Russia alone runs most of the way round the world.
    const Length outside = from_pt(3);
    const display::Rect drawn_box{-outside, top - outside, width + 2 * outside,
                                  height + 2 * outside};
    for (const doc::MapChart::Region& region : spec.regions) {
        display::Shape shape;
        display::Point low{std::numeric_limits<Length>::max(), std::numeric_limits<Length>::max()};
        display::Point high{std::numeric_limits<Length>::min(), std::numeric_limits<Length>::min()};
        for (const auto& source : region.polygon->rings) {
            std::vector<display::Point> ring;
            ring.reserve(source.size());
            for (model::GeoPoint point : source) {
                display::Point p = to_frame(point);
                if (ring.empty() || !(ring.back() == p))
                    ring.push_back(p);
            }
            ring = clip_ring(std::move(ring), drawn_box);
            if (ring.size() < 3)
                continue;
            bool first = true;
            for (display::Point p : ring) {
                shape.path.push_back(
                    {first ? display::PathElement::Op::Move : display::PathElement::Op::Line, {p}});
                first = false;
                low = {std::min(low.x, p.x), std::min(low.y, p.y)};
                high = {std::max(high.x, p.x), std::max(high.y, p.y)};
            }
            shape.path.push_back({display::PathElement::Op::Close, {}});
        }
        if (shape.path.empty())
            continue;
        shape.fill = region.fill;
        shape.stroke =
            region.highlight ? display::Stroke{styles.highlight, from_pt(1), {}, false} : border;
        if (region.no_data)
            shape.hatch = no_data_hatch(region.fill);
        const uint32_t first = inner.drawn();
        inner.shape(std::move(shape));
        inner.mark(first, region.mark);
        if (!region.link.empty() && high.x > low.x) {
            display::Rect box{low.x, low.y, high.x - low.x, high.y - low.y};
            auto [found, inserted] = link_boxes.emplace(region.link, box);
            if (!inserted) {
                display::Rect& merged = found->second;
                Length right = std::max(merged.x + merged.width, box.x + box.width);
                Length bottom = std::max(merged.y + merged.height, box.y + box.height);
                merged.x = std::min(merged.x, box.x);
                merged.y = std::min(merged.y, box.y);
                merged.width = right - merged.x;
                merged.height = bottom - merged.y;
            }
        }
    }
    // Each country links to its profile over the box of its outline, within the map.
    for (const auto& [destination, box] : link_boxes) {
        Length left = std::max<Length>(box.x, 0), right = std::min(box.x + box.width, width);
        Length upper = std::max(box.y, top), lower = std::min(box.y + box.height, top + height);
        if (right > left && lower > upper)
            inner.link({left, upper, right - left, lower - upper}, destination);
    }
    display::Frame drawn = inner.finish(top + height);
    display::Group group{
        {}, display::share(std::move(drawn)), display::Rect{0, top, width, height}, {}};
    // The sea: a pale grey, so that light band colours still read as land.
    canvas.shape(display::Shape::rect({0, top, width, height}, spec.sea,
                                      display::Stroke{styles.grid, from_pt(0.4), {}, false}));
    // (The clipped group is added as is: it is already mirrored by its own canvas.)
    canvas.place_group(std::move(group), inner.marks());
    y = top + height + from_pt(3);
    y += canvas.paragraph(spec.source, *styles.axis, 0, y, width);
    return y + from_pt(2);
}

} // namespace mipex::layout::chart
