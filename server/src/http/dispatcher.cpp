#include "http/dispatcher.hpp"

#include "http/error_response.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>
#include <boost/url/parse.hpp>

#include <cctype>
#include <fstream>
#include <vector>

namespace lianjian::http {

namespace {

constexpr const char* content_security_policy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

}  // namespace

void add_security_headers(Response& response, bool is_api) {
    response.set("Content-Security-Policy", content_security_policy);
    response.set("X-Content-Type-Options", "nosniff");
    response.set("X-Frame-Options", "DENY");
    response.set("Referrer-Policy", "same-origin");
    response.set("Cross-Origin-Opener-Policy", "same-origin");
    if (is_api) {
        response.set(beast_http::field::cache_control, "no-store");
    }
    response.erase(beast_http::field::server);
}

namespace {

bool changes_state(beast_http::verb method) {
    return method != beast_http::verb::get && method != beast_http::verb::head &&
           method != beast_http::verb::options;
}

// Same-origin: the Origin header, when sent, must name the host the request was sent to.
bool origin_matches_host(std::string_view origin, std::string_view host) {
    for (std::string_view scheme : {"http://", "https://"}) {
        if (origin.starts_with(scheme) && origin.substr(scheme.size()) == host) {
            return true;
        }
    }
    return false;
}

void check_csrf(const Request& request) {
    if (!changes_state(request.method())) {
        return;
    }
    if (request["X-Requested-With"] != "XMLHttpRequest") {
        throw AppError(ErrorCode::csrf_rejected,
                       "请求缺少 X-Requested-With 头，已拒绝（跨站请求防护）");
    }
    const auto origin = request[beast_http::field::origin];
    if (!origin.empty() && !origin_matches_host(origin, request[beast_http::field::host])) {
        throw AppError(ErrorCode::csrf_rejected, "请求来源与本站不一致，已拒绝（跨站请求防护）");
    }
}

void check_body(const Request& request, std::size_t limit) {
    if (request.body().empty()) {
        return;
    }
    if (request.body().size() > limit) {
        throw AppError(ErrorCode::payload_too_large, "请求内容过大");
    }
    // Media types are case-insensitive (RFC 9110 8.3.1): "Application/JSON" is JSON too.
    std::string type(request[beast_http::field::content_type]);
    for (auto& c : type) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    const auto media_type = std::string_view(type).substr(0, type.find(';'));
    if (media_type.find_first_not_of(' ') == std::string_view::npos ||
        media_type.substr(0, media_type.find_last_not_of(' ') + 1) != "application/json") {
        throw AppError(ErrorCode::unsupported_media_type,
                       "请求内容须为 JSON（Content-Type: application/json）");
    }
}

}  // namespace

std::string cookie_value(std::string_view header, std::string_view name) {
    while (!header.empty()) {
        const auto semicolon = header.find(';');
        auto part = header.substr(0, semicolon);
        while (part.starts_with(' ')) {
            part.remove_prefix(1);
        }
        if (part.size() > name.size() && part.starts_with(name) && part[name.size()] == '=') {
            return std::string(part.substr(name.size() + 1));
        }
        header =
            semicolon == std::string_view::npos ? std::string_view{} : header.substr(semicolon + 1);
    }
    return {};
}

std::string session_cookie(const std::string& token, bool secure) {
    return std::string(session_cookie_name) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
           (secure ? "; Secure" : "");
}

std::string expired_session_cookie(bool secure) {
    return std::string(session_cookie_name) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" +
           (secure ? "; Secure" : "");
}

Dispatcher::Dispatcher(const Router& router, accounts::AccountService& accounts,
                       std::optional<StaticFiles> static_files, DispatcherSettings settings)
    : router_(router),
      accounts_(accounts),
      static_files_(std::move(static_files)),
      settings_(settings) {}

Response Dispatcher::handle(const Request& request, const std::string& client_ip,
                            std::optional<Upload> upload) {
    Response response;
    bool is_api = true;
    const auto origin = client_origin(request, client_ip, settings_.trusted_proxies);
    try {
        const auto target = request.target();
        is_api = target.starts_with("/api/");
        response = dispatch(request, origin.address, upload);
    } catch (const AppError& error) {
        response = error_response(error);
    } catch (const std::exception& error) {
        spdlog::error("{} {} failed: {}", std::string(request.method_string()),
                      std::string(request.target().substr(0, request.target().find('?'))),
                      error.what());
        response = error_response(ErrorCode::internal, "服务器内部错误，请稍后重试");
    }
    if (upload) {
        // Whatever the handler did not move away is not kept.
        std::error_code ignored;
        std::filesystem::remove(upload->path, ignored);
    }
    if (origin.https) {
        std::vector<std::string> cookies;
        const auto range = response.equal_range(beast_http::field::set_cookie);
        for (auto field = range.first; field != range.second; ++field) {
            cookies.push_back(with_secure_attribute(std::string(field->value())));
        }
        response.erase(beast_http::field::set_cookie);
        for (const auto& cookie : cookies) {
            response.insert(beast_http::field::set_cookie, cookie);
        }
    }
    response.version(request.version());
    response.keep_alive(request.keep_alive());
    add_security_headers(response, is_api);
    return response;
}

std::optional<std::size_t> Dispatcher::upload_limit(
    const beast_http::request_header<>& header) const {
    auto parsed = boost::urls::parse_origin_form(header.target());
    if (!parsed) {
        return std::nullopt;
    }
    const std::string raw_path(parsed->encoded_path());
    if (!raw_path.starts_with("/api/")) {
        return std::nullopt;
    }
    const auto match = router_.match(header.method(), raw_path);
    if (!match.route || match.route->declaration.body != BodyKind::upload) {
        return std::nullopt;
    }
    return settings_.upload_body_limit;
}

std::filesystem::path Dispatcher::new_upload_path() const {
    auto directory = settings_.upload_directory;
    if (directory.empty()) {
        directory = std::filesystem::temp_directory_path() / "lianjian-uploads";
    }
    std::filesystem::create_directories(directory);
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium could not be initialised");
    }
    unsigned char random[16];
    randombytes_buf(random, sizeof random);
    char hex[sizeof random * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, random, sizeof random);
    std::string name = "upload-";
    name += hex;
    name += ".part";
    return directory / name;
}

Response Dispatcher::dispatch(const Request& request, const std::string& client_ip,
                              std::optional<Upload>& upload) {
    auto parsed = boost::urls::parse_origin_form(request.target());
    if (!parsed) {
        throw AppError(ErrorCode::bad_request, "请求地址格式错误");
    }
    // Routing works on the raw path (see Router::match); the decoded path is for static files
    // and handlers. A path whose raw form does not start with "/api/" is never an API call.
    const std::string raw_path(parsed->encoded_path());
    const std::string path = parsed->path();
    if (!raw_path.starts_with("/api/")) {
        const auto method = request.method();
        if (!static_files_ ||
            (method != beast_http::verb::get && method != beast_http::verb::head)) {
            throw AppError(ErrorCode::not_found, "页面不存在");
        }
        return static_files_->serve(path, method == beast_http::verb::head,
                                    request[beast_http::field::accept_encoding]);
    }
    const auto match = router_.match(request.method(), raw_path);
    if (!match.route) {
        if (match.path_known) {
            auto response = error_response(ErrorCode::method_not_allowed, "该地址不支持此请求方法");
            response.set(beast_http::field::allow, match.allowed_methods);
            return response;
        }
        throw AppError(ErrorCode::not_found, "接口不存在");
    }
    RequestContext context{request, path, {}, match.parameters, client_ip, std::nullopt};
    for (const auto& parameter : parsed->params()) {
        context.query[parameter.key] = parameter.value;
    }
    if (match.route->declaration.body == BodyKind::upload) {
        if (!upload && !request.body().empty()) {
            // Handed over in memory (no socket): the handler still reads a file.
            if (request.body().size() > settings_.upload_body_limit) {
                throw AppError(ErrorCode::payload_too_large, "上传的文件过大");
            }
            const auto path = new_upload_path();
            upload = Upload{path, request.body().size()};
            std::ofstream file(path, std::ios::binary | std::ios::trunc);
            file.write(request.body().data(), static_cast<std::streamsize>(request.body().size()));
            if (!file.flush()) {
                throw std::runtime_error("cannot write the upload to " + path.string());
            }
        }
        context.upload = upload;
    }
    return call_route(request, context, *match.route);
}

Response Dispatcher::call_route(const Request& request, RequestContext& context,
                                const Route& route) {
    check_csrf(request);
    if (route.declaration.body == BodyKind::json) {
        check_body(request, settings_.json_body_limit);
    }
    const auto& declaration = route.declaration;
    if (!declaration.permission) {
        throw AppError(ErrorCode::forbidden, "该接口未声明访问权限，已拒绝");
    }
    context.scope = declaration.scope;
    context.permission = declaration.permission;
    if (*declaration.permission == accounts::Permission::public_access) {
        if (route.pattern == "/api/v1/auth/login" && !login_throttle_.allow(context.client_ip)) {
            throw AppError(ErrorCode::too_many_requests, "登录尝试过于频繁，请稍后再试");
        }
        return route.handler(context);
    }
    const auto token = cookie_value(request[beast_http::field::cookie], session_cookie_name);
    context.auth = accounts_.authenticate(token);
    if (!context.auth) {
        throw AppError(ErrorCode::unauthenticated, "未登录或登录已过期，请重新登录");
    }
    const auto& user = context.auth->user;
    if (user.must_change_password &&
        declaration.during_password_change == DuringPasswordChange::denied) {
        throw AppError(ErrorCode::password_change_required, "请先修改初始密码");
    }
    // An account whose role requires a second factor it has not set up reaches only what a
    // forced password change leaves open (signing out, itself) and the enrolment routes.
    if (declaration.during_password_change == DuringPasswordChange::denied &&
        accounts_.second_factor_pending(user)) {
        throw AppError(ErrorCode::second_factor_enrolment_required,
                       "请先绑定身份验证器（双因素认证）");
    }
    try {
        if (!accounts::roles_grant(user.roles, *declaration.permission)) {
            throw AppError(ErrorCode::forbidden, "没有执行此操作的权限");
        }
        return route.handler(context);
    } catch (const AppError& error) {
        if (error.code() == ErrorCode::forbidden && refusal_recorder_) {
            refusal_recorder_(context, route, error.what());
        }
        throw;
    }
}

}  // namespace lianjian::http
