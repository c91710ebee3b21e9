#include "render/contrast.h"

#include <algorithm>
#include <cmath>

namespace mipex::render {

Color over(Color color, Color background) {
    auto mix = [&](uint8_t top, uint8_t under) {
        return static_cast<uint8_t>(std::lround((top * color.a + under * (255 - color.a)) / 255.0));
    };
    return Color{mix(color.r, background.r), mix(color.g, background.g), mix(color.b, background.b),
                 255};
}

double relative_luminance(Color color) {
    auto linear = [](uint8_t channel) {
        const double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b);
}

double contrast_ratio(Color a, Color b) {
    const double first = relative_luminance(a), second = relative_luminance(b);
    return (std::max(first, second) + 0.05) / (std::min(first, second) + 0.05);
}

Color outline_for(Color fill, Color background, double minimum) {
    // The shade that scaling the channels gives (as the book's outlines are made), in steps of
    // 5% from 70%: the lightest that stands out enough.
    for (int percent = 70; percent >= 0; percent -= 5) {
        auto scale = [&](uint8_t channel) { return static_cast<uint8_t>(channel * percent / 100); };
        const Color shade{scale(fill.r), scale(fill.g), scale(fill.b), 255};
        if (contrast_ratio(shade, background) >= minimum)
            return shade;
    }
    return Color{0, 0, 0, 255};
}

} // namespace mipex::render
