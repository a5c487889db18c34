#include "http/file_response.hpp"

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace lianjian::http {

namespace {

bool is_attribute_character(unsigned char c) {
    // RFC 5987 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" /
    // "`" / "|" / "~"
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        return true;
    }
    switch (c) {
        case '!':
        case '#':
        case '$':
        case '&':
        case '+':
        case '-':
        case '.':
        case '^':
        case '_':
        case '`':
        case '|':
        case '~':
            return true;
        default:
            return false;
    }
}

}  // namespace

std::string content_disposition(std::string_view filename, bool inline_display) {
    std::string fallback;
    std::string encoded;
    constexpr char hex[] = "0123456789ABCDEF";
    for (std::size_t i = 0; i < filename.size(); ++i) {
        const auto c = static_cast<unsigned char>(filename[i]);
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
            fallback.push_back(static_cast<char>(c));
        } else if (c < 0x80 || (c & 0xC0) != 0x80) {
            // One '_' per character that is not printable ASCII (continuation bytes add none).
            fallback.push_back('_');
        }
        if (is_attribute_character(c)) {
            encoded.push_back(static_cast<char>(c));
        } else {
            encoded.push_back('%');
            encoded.push_back(hex[c >> 4]);
            encoded.push_back(hex[c & 0x0F]);
        }
    }
    if (fallback.empty()) {
        fallback = "download";
    }
    std::string value = inline_display ? "inline" : "attachment";
    value += "; filename=\"";
    value += fallback;
    value += "\"; filename*=UTF-8''";
    value += encoded;
    return value;
}

Response download_response(std::string bytes, std::string_view media_type,
                           std::string_view filename, bool inline_display) {
    Response response{Status::ok, 11};
    response.set(beast_http::field::content_type, media_type);
    response.set(beast_http::field::content_disposition,
                 content_disposition(filename, inline_display));
    response.body() = std::move(bytes);
    response.prepare_payload();
    return response;
}

Response file_response(const std::filesystem::path& path, std::string_view media_type,
                       std::string_view filename, bool inline_display) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        throw std::runtime_error("cannot read " + path.string());
    }
    std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    return download_response(std::move(bytes), media_type, filename, inline_display);
}

}  // namespace lianjian::http
