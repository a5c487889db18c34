#pragma once

#include <filesystem>
#include <optional>

namespace lianjian::attachments {

struct Dimensions {
    int width = 0;
    int height = 0;
};

// A photo's size as it is seen upright (after its EXIF orientation), or nothing when gdk-pixbuf
// cannot decode it.
std::optional<Dimensions> upright_dimensions(const std::filesystem::path& path);

// Writes a JPEG of the photo at `source`, turned upright by its EXIF orientation and scaled so
// that neither side exceeds `longest_side`, to `target`; its size, or nothing when the photo
// cannot be decoded.
std::optional<Dimensions> write_thumbnail(const std::filesystem::path& source,
                                          const std::filesystem::path& target,
                                          int longest_side = 480);

}  // namespace lianjian::attachments
