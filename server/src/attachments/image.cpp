#include "attachments/image.hpp"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace lianjian::attachments {

namespace {

struct ObjectRelease {
    void operator()(GdkPixbuf* pixbuf) const { g_object_unref(pixbuf); }
};
using Pixbuf = std::unique_ptr<GdkPixbuf, ObjectRelease>;

Pixbuf load_upright(const std::filesystem::path& path) {
    GError* error = nullptr;
    Pixbuf loaded(gdk_pixbuf_new_from_file(path.c_str(), &error));
    if (error != nullptr) {
        g_error_free(error);
    }
    if (!loaded) {
        return nullptr;
    }
    // Returns a new reference (the same pixbuf when no turn is needed).
    return Pixbuf(gdk_pixbuf_apply_embedded_orientation(loaded.get()));
}

}  // namespace

std::optional<Dimensions> upright_dimensions(const std::filesystem::path& path) {
    const auto pixbuf = load_upright(path);
    if (!pixbuf) {
        return std::nullopt;
    }
    return Dimensions{gdk_pixbuf_get_width(pixbuf.get()), gdk_pixbuf_get_height(pixbuf.get())};
}

std::optional<Dimensions> write_thumbnail(const std::filesystem::path& source,
                                          const std::filesystem::path& target, int longest_side) {
    const auto pixbuf = load_upright(source);
    if (!pixbuf) {
        return std::nullopt;
    }
    const int width = gdk_pixbuf_get_width(pixbuf.get());
    const int height = gdk_pixbuf_get_height(pixbuf.get());
    const double scale = std::min(1.0, static_cast<double>(longest_side) / std::max(width, height));
    const int scaled_width = std::max(1, static_cast<int>(std::lround(width * scale)));
    const int scaled_height = std::max(1, static_cast<int>(std::lround(height * scale)));
    Pixbuf scaled(
        gdk_pixbuf_scale_simple(pixbuf.get(), scaled_width, scaled_height, GDK_INTERP_BILINEAR));
    if (!scaled) {
        return std::nullopt;
    }
    // JPEG has no alpha: flatten onto white first.
    if (gdk_pixbuf_get_has_alpha(scaled.get())) {
        Pixbuf flat(gdk_pixbuf_composite_color_simple(scaled.get(), scaled_width, scaled_height,
                                                      GDK_INTERP_NEAREST, 255, 8, 0xFFFFFF,
                                                      0xFFFFFF));
        Pixbuf opaque(gdk_pixbuf_new(GDK_COLORSPACE_RGB, FALSE, 8, scaled_width, scaled_height));
        if (!flat || !opaque) {
            return std::nullopt;
        }
        gdk_pixbuf_copy_area(flat.get(), 0, 0, scaled_width, scaled_height, opaque.get(), 0, 0);
        scaled = std::move(opaque);
    }
    GError* error = nullptr;
    const gboolean saved =
        gdk_pixbuf_save(scaled.get(), target.c_str(), "jpeg", &error, "quality", "85", nullptr);
    if (error != nullptr) {
        g_error_free(error);
    }
    if (!saved) {
        return std::nullopt;
    }
    return Dimensions{scaled_width, scaled_height};
}

}  // namespace lianjian::attachments
