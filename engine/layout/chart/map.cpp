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

    Length y = canvas.title(spec.title, 0);
    y += from_pt(3);
    y += canvas.legend(spec.legend, y);
    y += from_pt(6);

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
    for (const doc::MapChart::Region& region : spec.regions) {
        display::Shape shape;
        display::Point low{std::numeric_limits<Length>::max(), std::numeric_limits<Length>::max()};
        display::Point high{std::numeric_limits<Length>::min(), std::numeric_limits<Length>::min()};
        for (const auto& ring : region.polygon->rings) {
            bool first = true;
            for (model::GeoPoint point : ring) {
                display::Point p = to_frame(point);
                shape.path.push_back(
                    {first ? display::PathElement::Op::Move : display::PathElement::Op::Line, {p}});
                first = false;
                low = {std::min(low.x, p.x), std::min(low.y, p.y)};
                high = {std::max(high.x, p.x), std::max(high.y, p.y)};
            }
            shape.path.push_back({display::PathElement::Op::Close, {}});
        }
        shape.fill = region.fill;
        shape.stroke =
            region.highlight ? display::Stroke{styles.highlight, from_pt(1), {}, false} : border;
        if (region.no_data)
            shape.hatch = no_data_hatch(region.fill);
        inner.shape(std::move(shape));
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
    canvas.place_group(std::move(group));
    y = top + height + from_pt(3);
    y += canvas.paragraph(spec.source, *styles.axis, 0, y, width);
    return y + from_pt(2);
}

} // namespace mipex::layout::chart
