#pragma once

#include "accounts/account_service.hpp"
#include "http/login_throttle.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

#include <functional>
#include <memory>
#include <optional>

namespace lianjian::http {

struct DispatcherSettings {
    bool secure_cookies = false;  // behind HTTPS: mark the session cookie Secure
    std::size_t json_body_limit = 1024 * 1024;
};

inline constexpr const char* session_cookie_name = "lianjian_session";

// Turns a request into a response: parse the target, route, check CSRF, authenticate,
// authorise, call the handler, map errors, add security headers. Knows nothing of sockets.
class Dispatcher {
  public:
    Dispatcher(const Router& router, accounts::AccountService& accounts,
               std::optional<StaticFiles> static_files, DispatcherSettings settings);

    Response handle(const Request& request, const std::string& client_ip);

    // Called when a signed-in caller is refused (403) by a route's permission or by the service
    // behind it, with the refusal's message: the application audits it as a failure.
    using RefusalRecorder =
        std::function<void(const RequestContext&, const Route&, const std::string& reason)>;
    void set_refusal_recorder(RefusalRecorder recorder) { refusal_recorder_ = std::move(recorder); }

  private:
    Response dispatch(const Request& request, const std::string& client_ip);
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
