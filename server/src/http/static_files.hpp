#pragma once

#include "http/message.hpp"

#include <filesystem>
#include <string_view>

namespace lianjian::http {

// Serves the web build: files under the root, index.html for any other path (the single-page
// application's own routes), a year's cache for content-hashed assets, never a path outside
// the root.
class StaticFiles {
  public:
    explicit StaticFiles(std::filesystem::path root);

    // `decoded_path` is the URL path after percent-decoding.
    Response serve(std::string_view decoded_path, bool head_only) const;

  private:
    std::filesystem::path root_;
};

}  // namespace lianjian::http
