#include "demo/demo_photo.hpp"

#include "core/text.hpp"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <stdexcept>

namespace lianjian::demo {

namespace {

struct SurfaceRelease {
    void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct ContextRelease {
    void operator()(cairo_t* cairo) const { cairo_destroy(cairo); }
};
struct LayoutRelease {
    void operator()(PangoLayout* layout) const { g_object_unref(layout); }
};

struct Colour {
    double red, green, blue;
};

// Wall and floor colours of a meeting room, a hall, a square: one per variant.
constexpr Colour walls[] = {{0.93, 0.90, 0.84},
                            {0.80, 0.88, 0.95},
                            {0.88, 0.93, 0.86},
                            {0.95, 0.88, 0.86},
                            {0.90, 0.90, 0.93}};
constexpr Colour floors[] = {{0.55, 0.42, 0.32},
                             {0.45, 0.50, 0.58},
                             {0.50, 0.58, 0.45},
                             {0.60, 0.48, 0.40},
                             {0.52, 0.52, 0.56}};

void draw_text(cairo_t* cairo, const std::string& text, double size, bool bold, double x, double y,
               double width) {
    std::unique_ptr<PangoLayout, LayoutRelease> layout(pango_cairo_create_layout(cairo));
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, "Noto Sans CJK SC");
    pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
    pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout.get(), font);
    pango_font_description_free(font);
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
    pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
    const std::string safe = text::xml_safe(text);
    pango_layout_set_text(layout.get(), safe.c_str(), static_cast<int>(safe.size()));
    cairo_move_to(cairo, x, y);
    pango_cairo_show_layout(cairo, layout.get());
}

}  // namespace

void write_demo_photo(const std::filesystem::path& path, const std::string& banner,
                      const std::string& caption, int variant) {
    constexpr int width = 960;
    constexpr int height = 640;
    const auto index =
        static_cast<std::size_t>(variant < 0 ? -variant : variant) % std::size(walls);
    std::unique_ptr<cairo_surface_t, SurfaceRelease> surface(
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height));
    std::unique_ptr<cairo_t, ContextRelease> cairo(cairo_create(surface.get()));
    auto* c = cairo.get();
    const auto& wall = walls[index];
    const auto& floor = floors[index];
    cairo_set_source_rgb(c, wall.red, wall.green, wall.blue);
    cairo_paint(c);
    cairo_set_source_rgb(c, floor.red, floor.green, floor.blue);
    cairo_rectangle(c, 0, height * 0.62, width, height * 0.38);
    cairo_fill(c);
    // The banner (横幅) on the wall.
    cairo_set_source_rgb(c, 0.76, 0.07, 0.09);
    cairo_rectangle(c, 60, 70, width - 120, 110);
    cairo_fill(c);
    cairo_set_source_rgb(c, 1.0, 0.86, 0.35);
    draw_text(c, banner, 36, true, 80, 98, width - 160);
    // Rows of people: heads and shoulders in silhouette.
    for (int row = 0; row < 2; ++row) {
        for (int seat = 0; seat < 9; ++seat) {
            const double x = 95 + seat * 96 + row * 48 + (variant % 3) * 6;
            const double y = 360 + row * 110;
            cairo_set_source_rgb(c, 0.18 + row * 0.06, 0.20, 0.26);
            cairo_arc(c, x, y, 24, 0, 6.2832);
            cairo_fill(c);
            cairo_rectangle(c, x - 36, y + 26, 72, 70);
            cairo_fill(c);
        }
    }
    cairo_set_source_rgba(c, 0, 0, 0, 0.55);
    cairo_rectangle(c, 0, height - 56, width, 56);
    cairo_fill(c);
    cairo_set_source_rgb(c, 1, 1, 1);
    draw_text(c, caption, 22, false, 20, height - 46, width - 40);
    cairo_surface_flush(surface.get());
    if (cairo_surface_write_to_png(surface.get(), path.c_str()) != CAIRO_STATUS_SUCCESS) {
        throw std::runtime_error("cannot write the demo photo " + path.string());
    }
}

}  // namespace lianjian::demo
