#include "http/router.hpp"

#include "core/error.hpp"

#include <charconv>

namespace lianjian::http {

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> segments;
    std::size_t start = 1;
    while (start <= path.size()) {
        const auto slash = path.find('/', start);
        const auto end = slash == std::string_view::npos ? path.size() : slash;
        segments.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return segments;
}

int hex_digit(char character) {
    if (character >= '0' && character <= '9')
        return character - '0';
    if (character >= 'a' && character <= 'f')
        return character - 'a' + 10;
    if (character >= 'A' && character <= 'F')
        return character - 'A' + 10;
    return -1;
}

}  // namespace

std::optional<std::string> decode_segment(std::string_view segment) {
    std::string decoded;
    decoded.reserve(segment.size());
    for (std::size_t i = 0; i < segment.size(); ++i) {
        if (segment[i] != '%') {
            decoded.push_back(segment[i]);
            continue;
        }
        if (i + 2 >= segment.size()) {
            return std::nullopt;
        }
        const int high = hex_digit(segment[i + 1]);
        const int low = hex_digit(segment[i + 2]);
        if (high < 0 || low < 0) {
            return std::nullopt;
        }
        decoded.push_back(static_cast<char>(high * 16 + low));
        i += 2;
    }
    return decoded;
}

namespace {

// Matches pre-split pattern segments against the raw (still percent-encoded) segments of the
// request. A literal segment must be spelled exactly as in the pattern, so "%61pi" is not "api";
// a `{…}` segment matches any segment that decodes to non-empty text and is collected decoded.
// The path is split before anything is decoded, so an encoded slash is never a separator.
bool match_segments(const std::vector<std::string>& expected,
                    const std::vector<std::string_view>& actual,
                    std::vector<std::string>& parameters) {
    if (expected.size() != actual.size()) {
        return false;
    }
    std::vector<std::string> found;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        if (expected[i].starts_with('{')) {
            auto decoded = decode_segment(actual[i]);
            if (!decoded || decoded->empty()) {
                return false;
            }
            found.push_back(std::move(*decoded));
        } else if (expected[i] != actual[i]) {
            return false;
        }
    }
    parameters = std::move(found);
    return true;
}

}  // namespace

void Router::add(beast_http::verb method, std::string pattern, RouteDeclaration declaration,
                 Handler handler) {
    std::vector<std::string> segments;
    for (auto segment : split_path(pattern)) {
        segments.emplace_back(segment);
    }
    routes_.push_back(
        {method, std::move(pattern), declaration, std::move(handler), std::move(segments)});
}

RouteMatch Router::match(beast_http::verb method, std::string_view path) const {
    RouteMatch result;
    const auto actual = split_path(path);
    for (const auto& route : routes_) {
        std::vector<std::string> parameters;
        if (!match_segments(route.segments, actual, parameters)) {
            continue;
        }
        result.path_known = true;
        if (!result.allowed_methods.empty()) {
            result.allowed_methods += ", ";
        }
        result.allowed_methods += std::string(beast_http::to_string(route.method));
        if (route.method == method && result.route == nullptr) {
            result.route = &route;
            result.parameters = std::move(parameters);
        }
    }
    return result;
}

audit::Actor RequestContext::actor() const {
    if (auth) {
        return {auth->user.id, auth->user.username, client_ip};
    }
    return {std::nullopt, "", client_ip};
}

accounts::Caller RequestContext::caller() const {
    if (!auth) {
        return {actor(), {}, std::nullopt};
    }
    return {actor(), auth->user.roles, auth->user.unit_id};
}

long long RequestContext::id_parameter(std::size_t index) const {
    long long id = 0;
    if (index < path_parameters.size()) {
        const auto& text = path_parameters[index];
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
        if (error == std::errc{} && end == text.data() + text.size() && id > 0) {
            return id;
        }
    }
    throw AppError(ErrorCode::not_found, "请求的对象不存在");
}

void RequestContext::require(const accounts::Target& target) const {
    if (!auth || !permission) {
        return;
    }
    if (!caller().may(*permission, target)) {
        throw AppError(ErrorCode::forbidden, "只能操作本单位的数据");
    }
}

}  // namespace lianjian::http
