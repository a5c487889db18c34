#pragma once

#include <string>
#include <utility>
#include <vector>

namespace lianjian::testing::attachment_support {

// A JPEG (type "jpeg") or PNG ("png") of `width` × `height` pixels, made with gdk-pixbuf.
std::string image_bytes(int width, int height, const char* type = "jpeg");
// The same JPEG with an APP1 EXIF segment holding only the orientation tag (6: "rotate 90°
// clockwise to view", as a camera held upright writes it), inserted after the SOI marker.
std::string with_exif_orientation(const std::string& jpeg, unsigned char orientation);
// The pixel size gdk-pixbuf reads from image bytes (no orientation applied).
std::pair<int, int> image_size(const std::string& bytes);
// A ZIP archive (minizip) holding the named entries.
std::string zip_bytes(const std::vector<std::pair<std::string, std::string>>& entries);
std::string docx_bytes();
std::string xlsx_bytes();
std::string pdf_bytes();

}  // namespace lianjian::testing::attachment_support
