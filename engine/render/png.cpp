#include "render/png.h"

#include "base/files.h"
#include "render/draw.h"

#include <cairo.h>
#include <cmath>

namespace mipex::render {

static cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

std::string write_png(const display::Book& document, size_t index,
                      const std::filesystem::path& path, double dpi) {
    if (index >= document.pages.size())
        return "there is no page " + std::to_string(index + 1);
    const display::Page& page = document.pages[index];
    double scale = dpi / 72.0;
    int width = static_cast<int>(std::ceil(to_pt(page.width) * scale));
    int height = static_cast<int>(std::ceil(to_pt(page.height) * scale));
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
    cairo_t* cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    draw_items(cr, page.items, *document.fonts);
    cairo_destroy(cr);
    std::string bytes;
    cairo_status_t status = cairo_surface_write_to_png_stream(surface, append, &bytes);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS)
        return std::string("cannot encode PNG: ") + cairo_status_to_string(status);
    return write_file_atomic(path, bytes);
}

} // namespace mipex::render
