#pragma once

#include "http/message.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace lianjian::http {

// The Content-Disposition value for a download named `filename` (UTF-8), RFC 6266 with RFC 5987:
// `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>`. The fallback
// keeps printable ASCII except quotes and backslashes and puts '_' for the rest, so a Chinese
// name still reaches old clients with its extension.
std::string content_disposition(std::string_view filename, bool inline_display = false);

// A 200 answer carrying `bytes` as `media_type`, offered as a download named `filename`; the
// security headers (nosniff …) are added by the Dispatcher as for every answer.
Response download_response(std::string bytes, std::string_view media_type,
                           std::string_view filename, bool inline_display = false);
// The same with the bytes of a file on disk.
Response file_response(const std::filesystem::path& path, std::string_view media_type,
                       std::string_view filename, bool inline_display = false);

}  // namespace lianjian::http
