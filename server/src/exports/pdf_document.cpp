#include "exports/pdf_document.hpp"

#include "core/text.hpp"

#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace lianjian::exports {

namespace {

constexpr const char* sans = "Noto Sans CJK SC";
constexpr const char* serif = "Noto Serif CJK SC";
constexpr double label_width = 78.0;
constexpr double cell_padding = 4.0;

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

struct LayoutRelease {
    void operator()(PangoLayout* layout) const { g_object_unref(layout); }
};
using Layout = std::unique_ptr<PangoLayout, LayoutRelease>;

struct PixbufRelease {
    void operator()(GdkPixbuf* pixbuf) const { g_object_unref(pixbuf); }
};
using Pixbuf = std::unique_ptr<GdkPixbuf, PixbufRelease>;

// Text Pango may take: valid UTF-8 without the control characters XML forbids.
std::string printable(const std::string& text) {
    return text::xml_safe(text);
}

// A Cairo image of the pixbuf (Cairo has no loader of its own for JPEG): RGB(A) rows turned into
// premultiplied native-endian ARGB32.
cairo_surface_t* surface_of(GdkPixbuf* pixbuf) {
    const int width = gdk_pixbuf_get_width(pixbuf);
    const int height = gdk_pixbuf_get_height(pixbuf);
    const int channels = gdk_pixbuf_get_n_channels(pixbuf);
    const int source_stride = gdk_pixbuf_get_rowstride(pixbuf);
    const guchar* source = gdk_pixbuf_read_pixels(pixbuf);
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
    cairo_surface_flush(surface);
    unsigned char* target = cairo_image_surface_get_data(surface);
    const int target_stride = cairo_image_surface_get_stride(surface);
    for (int y = 0; y < height; ++y) {
        const guchar* in = source + static_cast<std::ptrdiff_t>(y) * source_stride;
        auto* out = reinterpret_cast<std::uint32_t*>(target + static_cast<std::ptrdiff_t>(y) *
                                                                  target_stride);
        for (int x = 0; x < width; ++x) {
            const guchar* pixel = in + static_cast<std::ptrdiff_t>(x) * channels;
            const unsigned alpha = channels == 4 ? pixel[3] : 255;
            const auto premultiply = [alpha](unsigned value) { return value * alpha / 255; };
            out[x] = (alpha << 24) | (premultiply(pixel[0]) << 16) | (premultiply(pixel[1]) << 8) |
                     premultiply(pixel[2]);
        }
    }
    cairo_surface_mark_dirty(surface);
    return surface;
}

}  // namespace

struct PdfDocument::State {
    cairo_surface_t* surface = nullptr;
    cairo_t* cairo = nullptr;

    Layout layout(const std::string& text, const char* family, double size, bool bold, double width,
                  PangoAlignment alignment = PANGO_ALIGN_LEFT) const {
        Layout layout(pango_cairo_create_layout(cairo));
        PangoFontDescription* font = pango_font_description_new();
        pango_font_description_set_family(font, family);
        pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
        pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_layout_set_font_description(layout.get(), font);
        pango_font_description_free(font);
        pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(layout.get(), alignment);
        const auto safe = printable(text);
        pango_layout_set_text(layout.get(), safe.c_str(), static_cast<int>(safe.size()));
        return layout;
    }
};

PdfDocument::PdfDocument() : state_(std::make_unique<State>()) {
    state_->surface =
        cairo_pdf_surface_create_for_stream(append_bytes, &bytes_, page_width, page_height);
    state_->cairo = cairo_create(state_->surface);
    if (cairo_status(state_->cairo) != CAIRO_STATUS_SUCCESS) {
        throw std::runtime_error("cannot create a PDF surface");
    }
}

PdfDocument::~PdfDocument() {
    if (state_->cairo != nullptr) {
        cairo_destroy(state_->cairo);
    }
    if (state_->surface != nullptr) {
        cairo_surface_destroy(state_->surface);
    }
}

void PdfDocument::footer() {
    std::string text = "第 ";
    text += std::to_string(page_);
    text += " 页";
    const auto layout = state_->layout(text, sans, 9, false, content_width(), PANGO_ALIGN_CENTER);
    cairo_set_source_rgb(state_->cairo, 0.35, 0.35, 0.35);
    cairo_move_to(state_->cairo, left_margin, page_height - bottom_margin + 24);
    pango_cairo_show_layout(state_->cairo, layout.get());
    cairo_set_source_rgb(state_->cairo, 0, 0, 0);
}

void PdfDocument::new_page() {
    footer();
    cairo_show_page(state_->cairo);
    ++page_;
    y_ = top_margin;
}

void PdfDocument::ensure_room(double height) {
    if (y_ + height > page_height - bottom_margin && y_ > top_margin) {
        new_page();
    }
}

void PdfDocument::space(double points) {
    y_ += points;
}

namespace {

// Draws `layout` at x from *y line by line, starting a new page (through `next_page`) whenever
// the next line would pass the bottom margin.
template <typename NextPage>
void flow(cairo_t* cairo, PangoLayout* layout, double x, double& y, double bottom,
          NextPage next_page) {
    PangoLayoutIter* iterator = pango_layout_get_iter(layout);
    double shift = 0;  // where the current page's part of the layout starts, in layout units
    bool first_on_page = true;
    do {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(iterator, nullptr, &logical);
        const double top = static_cast<double>(logical.y) / PANGO_SCALE;
        const double height = static_cast<double>(logical.height) / PANGO_SCALE;
        if (y + (top - shift) + height > bottom && !first_on_page) {
            const double used = top - shift;
            (void)used;
            next_page();
            shift = top;
        }
        first_on_page = false;
        const int baseline = pango_layout_iter_get_baseline(iterator);
        PangoLayoutLine* line = pango_layout_iter_get_line_readonly(iterator);
        cairo_move_to(cairo, x + static_cast<double>(logical.x) / PANGO_SCALE,
                      y + static_cast<double>(baseline) / PANGO_SCALE - shift);
        pango_cairo_show_layout_line(cairo, line);
        if (!pango_layout_iter_next_line(iterator)) {
            y += top - shift + height;
            break;
        }
    } while (true);
    pango_layout_iter_free(iterator);
}

}  // namespace

void PdfDocument::title(const std::string& text, double size) {
    const auto layout =
        state_->layout(text, serif, size, true, content_width(), PANGO_ALIGN_CENTER);
    flow(state_->cairo, layout.get(), left_margin, y_, page_height - bottom_margin,
         [this] { new_page(); });
    y_ += size * 0.8;
}

void PdfDocument::centred(const std::string& text, double size, bool bold) {
    const auto layout =
        state_->layout(text, bold ? serif : sans, size, bold, content_width(), PANGO_ALIGN_CENTER);
    flow(state_->cairo, layout.get(), left_margin, y_, page_height - bottom_margin,
         [this] { new_page(); });
}

void PdfDocument::heading(const std::string& text) {
    ensure_room(60);
    y_ += 8;
    const auto layout = state_->layout(text, sans, 13, true, content_width());
    flow(state_->cairo, layout.get(), left_margin, y_, page_height - bottom_margin,
         [this] { new_page(); });
    cairo_set_line_width(state_->cairo, 0.6);
    cairo_move_to(state_->cairo, left_margin, y_ + 2);
    cairo_line_to(state_->cairo, page_width - right_margin, y_ + 2);
    cairo_stroke(state_->cairo);
    y_ += 8;
}

void PdfDocument::paragraph(const std::string& text, double size) {
    const auto layout = state_->layout(text, sans, size, false, content_width());
    pango_layout_set_spacing(layout.get(), static_cast<int>(size * 0.3 * PANGO_SCALE));
    flow(state_->cairo, layout.get(), left_margin, y_, page_height - bottom_margin,
         [this] { new_page(); });
    y_ += 4;
}

void PdfDocument::field(const std::string& label, const std::string& value) {
    ensure_room(18);
    const auto label_layout = state_->layout(label, sans, 10.5, true, label_width - 6);
    cairo_move_to(state_->cairo, left_margin, y_);
    pango_cairo_show_layout(state_->cairo, label_layout.get());
    const auto value_layout = state_->layout(value.empty() ? "（未填写）" : value, sans, 10.5,
                                             false, content_width() - label_width);
    pango_layout_set_spacing(value_layout.get(), static_cast<int>(3 * PANGO_SCALE));
    flow(state_->cairo, value_layout.get(), left_margin + label_width, y_,
         page_height - bottom_margin, [this] { new_page(); });
    y_ += 5;
}

void PdfDocument::table(const std::vector<std::string>& headers, const std::vector<double>& widths,
                        const std::vector<std::vector<std::string>>& rows) {
    auto* cairo = state_->cairo;
    const auto draw_row = [&](const std::vector<std::string>& cells, bool bold) {
        std::vector<Layout> layouts;
        double height = 0;
        for (std::size_t i = 0; i < widths.size(); ++i) {
            const double width = widths[i] * content_width();
            layouts.push_back(state_->layout(i < cells.size() ? cells[i] : "", sans, 10, bold,
                                             width - 2 * cell_padding));
            int pango_width = 0, pango_height = 0;
            pango_layout_get_size(layouts.back().get(), &pango_width, &pango_height);
            height = std::max(height, static_cast<double>(pango_height) / PANGO_SCALE);
        }
        height += 2 * cell_padding;
        return std::make_pair(std::move(layouts), height);
    };
    const auto paint_row = [&](std::vector<Layout>& layouts, double height, bool shaded) {
        double x = left_margin;
        cairo_set_line_width(cairo, 0.5);
        for (std::size_t i = 0; i < widths.size(); ++i) {
            const double width = widths[i] * content_width();
            if (shaded) {
                cairo_set_source_rgb(cairo, 0.92, 0.92, 0.92);
                cairo_rectangle(cairo, x, y_, width, height);
                cairo_fill(cairo);
                cairo_set_source_rgb(cairo, 0, 0, 0);
            }
            cairo_rectangle(cairo, x, y_, width, height);
            cairo_stroke(cairo);
            cairo_move_to(cairo, x + cell_padding, y_ + cell_padding);
            pango_cairo_show_layout(cairo, layouts[i].get());
            x += width;
        }
        y_ += height;
    };
    auto header = draw_row(headers, true);
    ensure_room(header.second * 2);
    paint_row(header.first, header.second, true);
    for (const auto& row : rows) {
        auto cells = draw_row(row, false);
        if (y_ + cells.second > page_height - bottom_margin) {
            new_page();
            auto repeated = draw_row(headers, true);
            paint_row(repeated.first, repeated.second, true);
        }
        paint_row(cells.first, cells.second, false);
    }
    y_ += 8;
}

bool PdfDocument::image(const std::filesystem::path& path, double maximum_height) {
    GError* error = nullptr;
    Pixbuf loaded(gdk_pixbuf_new_from_file(path.c_str(), &error));
    if (error != nullptr) {
        g_error_free(error);
    }
    if (!loaded) {
        return false;
    }
    Pixbuf upright(gdk_pixbuf_apply_embedded_orientation(loaded.get()));
    if (!upright) {
        return false;
    }
    const double width = gdk_pixbuf_get_width(upright.get());
    const double height = gdk_pixbuf_get_height(upright.get());
    const double scale = std::min({content_width() / width, maximum_height / height, 1.0});
    const double draw_width = width * scale;
    const double draw_height = height * scale;
    // Twice the drawn size in pixels is plenty for print and keeps the file small.
    const int pixel_width = std::max(1, static_cast<int>(std::min(width, draw_width * 2)));
    const int pixel_height = std::max(1, static_cast<int>(std::min(height, draw_height * 2)));
    Pixbuf scaled(
        gdk_pixbuf_scale_simple(upright.get(), pixel_width, pixel_height, GDK_INTERP_BILINEAR));
    if (!scaled) {
        return false;
    }
    ensure_room(draw_height + 6);
    cairo_surface_t* surface = surface_of(scaled.get());
    auto* cairo = state_->cairo;
    cairo_save(cairo);
    cairo_translate(cairo, left_margin + (content_width() - draw_width) / 2, y_);
    cairo_scale(cairo, draw_width / pixel_width, draw_height / pixel_height);
    cairo_set_source_surface(cairo, surface, 0, 0);
    cairo_paint(cairo);
    cairo_restore(cairo);
    cairo_surface_destroy(surface);
    y_ += draw_height + 6;
    return true;
}

void PdfDocument::contents_line(const std::string& text, int page) {
    const double number_width = 40;
    const auto layout = state_->layout(text, sans, 11, false, content_width() - number_width - 10);
    int pango_width = 0, pango_height = 0;
    pango_layout_get_size(layout.get(), &pango_width, &pango_height);
    const double height = static_cast<double>(pango_height) / PANGO_SCALE;
    ensure_room(height);
    cairo_move_to(state_->cairo, left_margin, y_);
    pango_cairo_show_layout(state_->cairo, layout.get());
    const auto number =
        state_->layout(std::to_string(page), sans, 11, false, number_width, PANGO_ALIGN_RIGHT);
    cairo_move_to(state_->cairo, page_width - right_margin - number_width, y_);
    pango_cairo_show_layout(state_->cairo, number.get());
    // Dot leaders from the end of the text's last line to the number.
    PangoRectangle last{};
    PangoLayoutLine* line =
        pango_layout_get_line_readonly(layout.get(), pango_layout_get_line_count(layout.get()) - 1);
    pango_layout_line_get_pixel_extents(line, nullptr, &last);
    cairo_set_source_rgb(state_->cairo, 0.5, 0.5, 0.5);
    const double dots_y = y_ + height - 5;
    for (double x = left_margin + last.width + 6; x < page_width - right_margin - number_width;
         x += 4) {
        cairo_arc(state_->cairo, x, dots_y, 0.5, 0, 2 * M_PI);
        cairo_fill(state_->cairo);
    }
    cairo_set_source_rgb(state_->cairo, 0, 0, 0);
    y_ += height + 4;
}

std::string PdfDocument::finish() {
    if (!finished_) {
        footer();
        cairo_show_page(state_->cairo);
        cairo_destroy(state_->cairo);
        state_->cairo = nullptr;
        cairo_surface_finish(state_->surface);
        cairo_surface_destroy(state_->surface);
        state_->surface = nullptr;
        finished_ = true;
    }
    return bytes_;
}

}  // namespace lianjian::exports

// LeakSanitizer (the sanitize build) reports blocks that fontconfig and Cairo keep in their
// process-wide font caches until exit; they are the libraries' own and are not ours to free.
// Only those libraries are suppressed: a leak in this code still fails the sanitized tests.
extern "C" const char* __lsan_default_suppressions();
extern "C" const char* __lsan_default_suppressions() {
    return "leak:libfontconfig.so\nleak:libcairo.so\nleak:libpango-1.0.so\n"
           "leak:libpangoft2-1.0.so\nleak:libharfbuzz.so\n";
}
