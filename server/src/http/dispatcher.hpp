#pragma once

#include "accounts/account_service.hpp"
#include "http/forwarded.hpp"
#include "http/login_throttle.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

namespace lianjian::http {

struct DispatcherSettings {
    bool secure_cookies = false;  // behind HTTPS: mark the session cookie Secure
    std::size_t json_body_limit = 1024 * 1024;
    std::size_t upload_body_limit = 20 * 1024 * 1024;  // an upload route's body
    // Where upload bodies are streamed to (`<data-dir>/tmp`); the system's when empty.
    std::filesystem::path upload_directory;
    // Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (see
    // client_origin): the client address then feeds the login throttle and the audit, and a
    // request that reached the proxy over HTTPS gets its cookies marked Secure.
    TrustedProxies trusted_proxies;
};

inline constexpr const char* session_cookie_name = "lianjian_session";

// Turns a request into a response: parse the target, route, check CSRF, authenticate,
// authorise, call the handler, map errors, add security headers. Knows nothing of sockets.
class Dispatcher {
  public:
    Dispatcher(const Router& router, accounts::AccountService& accounts,
               std::optional<StaticFiles> static_files, DispatcherSettings settings);

    // `upload`: the body of an upload route, already streamed to a file by the transport. An
    // upload route's body handed over in memory (a test without a socket) is written to a
    // temporary file here; either file is removed when the response is made unless moved.
    // `client_ip` is the TCP peer's address; behind a trusted proxy the client's is taken from
    // the forwarding headers. Set-Cookie gets Secure when the client came over HTTPS.
    Response handle(const Request& request, const std::string& client_ip,
                    std::optional<Upload> upload = std::nullopt);

    // The body limit of the upload route a request head targets, or nothing when it targets no
    // upload route (its body is then JSON under the JSON limit).
    std::optional<std::size_t> upload_limit(const beast_http::request_header<>& header) const;
    // A fresh, unused path for an upload body in the upload directory (created if missing).
    std::filesystem::path new_upload_path() const;

    // Called when a signed-in caller is refused (403) by a route's permission or by the service
    // behind it, with the refusal's message: the application audits it as a failure.
    using RefusalRecorder =
        std::function<void(const RequestContext&, const Route&, const std::string& reason)>;
    void set_refusal_recorder(RefusalRecorder recorder) { refusal_recorder_ = std::move(recorder); }

  private:
    Response dispatch(const Request& request, const std::string& client_ip,
                      std::optional<Upload>& upload);
    Response call_route(const Request& request, RequestContext& context, const Route& route);

    const Router& router_;
    accounts::AccountService& accounts_;
    std::optional<StaticFiles> static_files_;
    DispatcherSettings settings_;
    LoginThrottle login_throttle_;
    RefusalRecorder refusal_recorder_;
};

// Security headers every response carries; API responses are also never cached.
void add_security_headers(Response& response, bool is_api);

// The value of a cookie in a Cookie header, or empty.
std::string cookie_value(std::string_view header, std::string_view name);
std::string session_cookie(const std::string& token, bool secure);
std::string expired_session_cookie(bool secure);

}  // namespace lianjian::http
