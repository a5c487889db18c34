// The QR code of a sign-in URL as SVG, drawn from libqrencode's module matrix. The markup holds
// numbers only (the text is encoded in the modules, never written into the SVG).
#include "attendance/attendance.hpp"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

namespace lianjian::attendance {

std::string qr_svg(const std::string& text) {
    constexpr int quiet_zone = 4;
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
    if (!code) {
        throw std::runtime_error("QR code could not be encoded");
    }
    const int width = code->width;
    const int size = width + 2 * quiet_zone;
    const auto side = std::to_string(size);
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + " " +
                      side +
                      "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" "
                      "fill=\"#fff\"/><path fill=\"#000\" d=\"";
    for (int y = 0; y < width; ++y) {
        for (int x = 0; x < width; ++x) {
            // Bit 0 of each byte is the module's colour (1: dark); the other bits say what the
            // module is for.
            if (code->data[y * width + x] & 1) {
                // Appended piece by piece: GCC 12 misreads `"M" + std::to_string(…)` at -O2
                // (-Wrestrict).
                svg += 'M';
                svg += std::to_string(x + quiet_zone);
                svg += ' ';
                svg += std::to_string(y + quiet_zone);
                svg += "h1v1h-1z";
            }
        }
    }
    svg += "\"/></svg>";
    return svg;
}

}  // namespace lianjian::attendance
