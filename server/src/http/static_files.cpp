#include "http/static_files.hpp"

#include "http/error_response.hpp"

#include <fstream>
#include <sstream>

namespace lianjian::http {

namespace {

std::string_view content_type(const std::filesystem::path& file) {
    const auto extension = file.extension().string();
    if (extension == ".html")
        return "text/html; charset=utf-8";
    if (extension == ".js" || extension == ".mjs")
        return "text/javascript; charset=utf-8";
    if (extension == ".css")
        return "text/css; charset=utf-8";
    if (extension == ".json")
        return "application/json; charset=utf-8";
    if (extension == ".svg")
        return "image/svg+xml";
    if (extension == ".png")
        return "image/png";
    if (extension == ".jpg" || extension == ".jpeg")
        return "image/jpeg";
    if (extension == ".ico")
        return "image/x-icon";
    if (extension == ".woff2")
        return "font/woff2";
    if (extension == ".woff")
        return "font/woff";
    if (extension == ".ttf")
        return "font/ttf";
    if (extension == ".txt")
        return "text/plain; charset=utf-8";
    if (extension == ".xlsx")
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    return "application/octet-stream";
}

bool read_file(const std::filesystem::path& file, std::string& contents) {
    std::ifstream stream(file, std::ios::binary);
    if (!stream) {
        return false;
    }
    std::ostringstream buffer;
    buffer << stream.rdbuf();
    contents = std::move(buffer).str();
    return true;
}

}  // namespace

StaticFiles::StaticFiles(std::filesystem::path root)
    : root_(std::filesystem::weakly_canonical(std::move(root))) {}

Response StaticFiles::serve(std::string_view decoded_path, bool head_only) const {
    // Reject any parent step or NUL outright rather than trusting normalisation alone.
    const std::string path(decoded_path);
    if (path.find('\0') != std::string::npos || path.find("..") != std::string::npos ||
        path.find('\\') != std::string::npos) {
        return error_response(ErrorCode::not_found, "页面不存在");
    }
    std::filesystem::path file = root_ / std::filesystem::path(path).relative_path();
    std::error_code error;
    const auto canonical = std::filesystem::weakly_canonical(file, error);
    const auto [root_end, unused] =
        std::mismatch(root_.begin(), root_.end(), canonical.begin(), canonical.end());
    (void)unused;
    const bool inside = !error && root_end == root_.end();
    bool is_asset = true;
    if (!inside || !std::filesystem::is_regular_file(canonical, error)) {
        if (path.starts_with("/assets/")) {
            return error_response(ErrorCode::not_found, "文件不存在");
        }
        file = root_ / "index.html";
        is_asset = false;
    } else {
        file = canonical;
        is_asset = path.starts_with("/assets/");
    }
    std::string contents;
    if (!read_file(file, contents)) {
        return error_response(ErrorCode::not_found, "页面不存在");
    }
    Response response{Status::ok, 11};
    response.set(beast_http::field::content_type, content_type(file));
    // Vite names built assets by content hash, so they never change under the same name.
    response.set(beast_http::field::cache_control,
                 is_asset ? "public, max-age=31536000, immutable" : "no-cache");
    if (head_only) {
        response.content_length(contents.size());
    } else {
        response.body() = std::move(contents);
        response.prepare_payload();
    }
    return response;
}

}  // namespace lianjian::http
