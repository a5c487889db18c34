#include "api/auth/user_json.hpp"
#include "api/json_input.hpp"
#include "api/routes.hpp"
#include "http/dispatcher.hpp"

#include <boost/json/array.hpp>

namespace lianjian::api {

using accounts::Permission;
using http::DuringPasswordChange;
using http::beast_http::verb;

namespace {

// The codes of every permission the account holds (accounts::permission_name), so that the web
// shows only what the account may do.
boost::json::array permissions_json(const accounts::User& user) {
    boost::json::array codes;
    for (const auto& code : accounts::permission_codes(user.roles)) {
        codes.emplace_back(code);
    }
    return codes;
}

}  // namespace

void add_auth_routes(http::Router& router, app::Services& services, bool secure_cookies) {
    auto& accounts = services.accounts;
    router.add(verb::post, "/api/v1/auth/login", {Permission::public_access},
               [&accounts, secure_cookies](http::RequestContext& context) {
                   const auto body = json_body(context);
                   const auto username = required_string(body, "username");
                   const auto password = required_string(body, "password");
                   auto result = accounts.login(username, password, context.client_ip);
                   auto response = http::json_response(
                       http::Status::ok, {{"user", user_json(result.user)},
                                          {"permissions", permissions_json(result.user)}});
                   response.set(http::beast_http::field::set_cookie,
                                http::session_cookie(result.token, secure_cookies));
                   return response;
               });
    router.add(verb::post, "/api/v1/auth/logout",
               {Permission::signed_in, accounts::Scope::all, DuringPasswordChange::allowed},
               [&accounts, secure_cookies](http::RequestContext& context) {
                   accounts.logout(*context.auth, context.client_ip);
                   auto response = http::empty_response(http::Status::no_content);
                   response.set(http::beast_http::field::set_cookie,
                                http::expired_session_cookie(secure_cookies));
                   return response;
               });
    router.add(verb::get, "/api/v1/auth/me",
               {Permission::signed_in, accounts::Scope::all, DuringPasswordChange::allowed},
               [](http::RequestContext& context) {
                   return http::json_response(
                       http::Status::ok, {{"user", user_json(context.auth->user)},
                                          {"permissions", permissions_json(context.auth->user)}});
               });
    router.add(verb::post, "/api/v1/auth/password",
               {Permission::signed_in, accounts::Scope::all, DuringPasswordChange::allowed},
               [&accounts, secure_cookies](http::RequestContext& context) {
                   const auto body = json_body(context);
                   accounts.change_password(
                       *context.auth, required_string(body, "current_password"),
                       required_string(body, "new_password"), context.client_ip);
                   auto response = http::empty_response(http::Status::no_content);
                   response.set(http::beast_http::field::set_cookie,
                                http::expired_session_cookie(secure_cookies));
                   return response;
               });
    router.add(verb::get, "/api/v1/health", {Permission::public_access}, [](http::RequestContext&) {
        return http::json_response(http::Status::ok, {{"status", "ok"}});
    });
}

}  // namespace lianjian::api
