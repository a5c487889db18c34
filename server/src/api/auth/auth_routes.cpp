#include "api/auth/user_json.hpp"
#include "api/json_input.hpp"
#include "api/routes.hpp"
#include "attendance/attendance.hpp"
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

// What the web needs about the signed-in account beyond its record: its permissions, when its
// password expires (and whether to warn), and its second factor.
boost::json::object signed_in_json(const accounts::AccountService& accounts,
                                   const accounts::User& user) {
    const auto password = accounts.password_status(user);
    boost::json::object password_json{{"expires_at", nullptr},
                                      {"expiring_soon", password.expiring_soon},
                                      {"expired", password.expired}};
    if (password.expires_at) {
        password_json["expires_at"] = *password.expires_at;
    }
    return {{"user", user_json(user)},
            {"permissions", permissions_json(user)},
            {"password", std::move(password_json)},
            {"second_factor",
             {{"enabled", user.totp_enabled},
              {"required", accounts.second_factor_required(user) && !user.policy_exempt},
              {"enrolment_required", accounts.second_factor_pending(user)}}}};
}

}  // namespace

void add_auth_routes(http::Router& router, app::Services& services, bool secure_cookies) {
    auto& accounts = services.accounts;
    router.add(verb::post, "/api/v1/auth/login", {Permission::public_access},
               [&accounts, secure_cookies](http::RequestContext& context) {
                   const auto body = json_body(context);
                   const auto username = required_string(body, "username");
                   const auto password = required_string(body, "password");
                   accounts::SecondFactor factor;
                   factor.totp = optional_string(body, "totp");
                   factor.recovery_code = optional_string(body, "recovery_code");
                   auto result = accounts.login(username, password, context.client_ip, factor);
                   auto response =
                       http::json_response(http::Status::ok, signed_in_json(accounts, result.user));
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
               [&accounts](http::RequestContext& context) {
                   return http::json_response(http::Status::ok,
                                              signed_in_json(accounts, context.auth->user));
               });
    // TOTP enrolment (issue 14): open while enrolment is still due, like the password change.
    router.add(verb::post, "/api/v1/auth/totp/enrol",
               {Permission::signed_in, accounts::Scope::all, DuringPasswordChange::allowed},
               [&accounts](http::RequestContext& context) {
                   const auto enrolment = accounts.enrol_totp(*context.auth, context.client_ip);
                   return http::json_response(
                       http::Status::ok, {{"secret", enrolment.secret},
                                          {"otpauth_uri", enrolment.otpauth_uri},
                                          {"qr_svg", attendance::qr_svg(enrolment.otpauth_uri)}});
               });
    router.add(verb::post, "/api/v1/auth/totp/confirm",
               {Permission::signed_in, accounts::Scope::all, DuringPasswordChange::allowed},
               [&accounts](http::RequestContext& context) {
                   const auto body = json_body(context);
                   const auto codes = accounts.confirm_totp(
                       *context.auth, required_string(body, "code"), context.client_ip);
                   boost::json::array recovery_codes;
                   for (const auto& code : codes) {
                       recovery_codes.emplace_back(code);
                   }
                   return http::json_response(http::Status::ok,
                                              {{"recovery_codes", std::move(recovery_codes)}});
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
