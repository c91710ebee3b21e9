// Replays display-list items on a cairo context: the drawing routine behind the PNG renderer
// (and the cairo floor of the benchmark). The PDF has a writer of its own (render/pdf.h).
#pragma once

#include "display/display_list.h"

#include <vector>

typedef struct _cairo cairo_t;

namespace mipex::render {

/// Draws items. Links and anchors, which only a PDF has, are left out.
void draw_items(cairo_t* cr, const std::vector<display::Item>& items,
                const display::FontTable& fonts);

} // namespace mipex::render
