#pragma once

#include <filesystem>
#include <string>

namespace lianjian::demo {

// Draws a stand-in "photo" of a demo activity (issue: a living demo, "generated images are
// fine"): a 960×640 PNG with a scene in colours that vary with `variant`, a red banner carrying
// `banner` (the activity's title, Chinese, set by Pango in Noto Sans CJK) and `caption` (place and
// date) below it. Writes the PNG to `path`; throws std::runtime_error when Cairo cannot.
void write_demo_photo(const std::filesystem::path& path, const std::string& banner,
                      const std::string& caption, int variant);

}  // namespace lianjian::demo
