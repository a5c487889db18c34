#pragma once

#include "http/message.hpp"

#include <filesystem>
#include <string_view>

namespace lianjian::http {

// Serves the web build: files under the root, index.html for any other path (the single-page
// application's own routes), a year's cache for content-hashed assets, never a path outside
// the root. A file built with precompressed siblings (`name.br`, `name.gz`) is answered with the
// best one the client's `Accept-Encoding` allows, and every such answer carries
// `Vary: Accept-Encoding`.
class StaticFiles {
  public:
    explicit StaticFiles(std::filesystem::path root);

    // `decoded_path` is the URL path after percent-decoding; `accept_encoding` the request's
    // Accept-Encoding header (empty when absent).
    Response serve(std::string_view decoded_path, bool head_only,
                   std::string_view accept_encoding = {}) const;

  private:
    std::filesystem::path root_;
};

}  // namespace lianjian::http
