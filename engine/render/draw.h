// Replays display-list items on a cairo context: the one drawing routine behind the PDF and
// PNG renderers.
#pragma once

#include "display/display_list.h"

#include <set>
#include <string>
#include <vector>

typedef struct _cairo cairo_t;

namespace mipex::render {

/// A link's clickable area on its page, in points from the top-left corner.
struct LinkArea {
    double x = 0, y = 0, width = 0, height = 0;
    std::string destination;
    std::string uri;
};

/// Draws items. Anchors become PDF named destinations when `tags` is set. Links are collected
/// into `links` (when given) rather than tagged: cairo 1.16 gives each link tag a structure
/// element it never writes, which damages the file, so the PDF finishing step adds the link
/// annotations itself.
void draw_items(cairo_t* cr, const std::vector<display::Item>& items,
                const display::FontTable& fonts, bool tags, std::vector<LinkArea>* links = nullptr,
                std::set<std::string>* destinations = nullptr);

} // namespace mipex::render
