#include "http/static_files.hpp"

#include "http/error_response.hpp"

#include <algorithm>
#include <cctype>
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

// The q-value the client gives a content coding: 0 when it is absent or refused (`;q=0`), the
// `*` entry's value when only that names it. Tokens are compared case-insensitively.
double accepted_quality(std::string_view header, std::string_view coding) {
    double wildcard = -1;
    while (!header.empty()) {
        const auto comma = header.find(',');
        auto entry = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
        const auto semicolon = entry.find(';');
        auto token = entry.substr(0, semicolon);
        while (!token.empty() && (token.front() == ' ' || token.front() == '\t'))
            token.remove_prefix(1);
        while (!token.empty() && (token.back() == ' ' || token.back() == '\t'))
            token.remove_suffix(1);
        double quality = 1;
        if (semicolon != std::string_view::npos) {
            auto parameters = entry.substr(semicolon + 1);
            const auto q = parameters.find("q=");
            if (q != std::string_view::npos) {
                try {
                    quality = std::stod(std::string(parameters.substr(q + 2)));
                } catch (const std::exception&) {
                    quality = 0;
                }
            }
        }
        const bool same =
            token.size() == coding.size() &&
            std::equal(token.begin(), token.end(), coding.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) ==
                       std::tolower(static_cast<unsigned char>(b));
            });
        if (same)
            return quality;
        if (token == "*")
            wildcard = quality;
    }
    return wildcard > 0 ? wildcard : 0;
}

struct Encoding {
    std::string_view name;       // the Content-Encoding value
    std::string_view extension;  // the precompressed sibling's suffix
};

// Brotli first: it is smaller than gzip for the same file.
constexpr Encoding encodings[] = {{"br", ".br"}, {"gzip", ".gz"}};

}  // namespace

StaticFiles::StaticFiles(std::filesystem::path root)
    : root_(std::filesystem::weakly_canonical(std::move(root))) {}

Response StaticFiles::serve(std::string_view decoded_path, bool head_only,
                            std::string_view accept_encoding) const {
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
    // The precompressed siblings the build wrote beside the file: the best one accepted wins.
    bool has_variants = false;
    const Encoding* chosen = nullptr;
    double best_quality = 0;
    for (const auto& encoding : encodings) {
        auto variant = file;
        variant += encoding.extension;
        // Not followed when it is a link: a sibling must be a plain file inside the root.
        if (std::filesystem::symlink_status(variant, error).type() !=
            std::filesystem::file_type::regular) {
            continue;
        }
        has_variants = true;
        const double quality = accepted_quality(accept_encoding, encoding.name);
        if (quality > best_quality) {
            best_quality = quality;
            chosen = &encoding;
        }
    }
    auto source = file;
    if (chosen != nullptr) {
        source += chosen->extension;
    }
    std::string contents;
    if (!read_file(source, contents)) {
        return error_response(ErrorCode::not_found, "页面不存在");
    }
    Response response{Status::ok, 11};
    response.set(beast_http::field::content_type, content_type(file));
    if (has_variants) {
        response.set(beast_http::field::vary, "Accept-Encoding");
    }
    if (chosen != nullptr) {
        response.set(beast_http::field::content_encoding, chosen->name);
    }
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
