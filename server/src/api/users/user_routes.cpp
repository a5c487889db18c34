#include "accounts/account_edit.hpp"
#include "accounts/member_link.hpp"
#include "api/auth/user_json.hpp"
#include "api/json_input.hpp"
#include "api/page.hpp"
#include "api/query_input.hpp"
#include "api/reference.hpp"
#include "api/routes.hpp"
#include "core/error.hpp"

#include <boost/json/array.hpp>

namespace lianjian::api {

using accounts::Permission;
using http::beast_http::verb;

namespace {

accounts::Roles parse_roles(const std::vector<std::string>& names) {
    accounts::Roles roles;
    for (const auto& name : names) {
        auto role = accounts::parse_role(name);
        if (!role) {
            throw field_error("roles", "未知角色“" + name + "”");
        }
        roles.push_back(*role);
    }
    return roles;
}

}  // namespace

void add_user_routes(http::Router& router, app::Services& services) {
    auto& accounts = services.accounts;
    const http::RouteDeclaration manage{Permission::users_manage};
    router.add(verb::get, "/api/v1/users", manage, [&accounts](http::RequestContext& context) {
        const auto request = query_page(context);
        const auto page = accounts.list_users(query_text(context, "q").value_or(""), request.page,
                                              request.page_size);
        return page_response(page.items, page.total, user_json);
    });
    router.add(verb::post, "/api/v1/users", manage, [&accounts](http::RequestContext& context) {
        const auto body = json_body(context);
        accounts::NewUser request;
        request.username = required_string(body, "username");
        request.display_name = required_string(body, "display_name");
        request.roles = parse_roles(required_string_array(body, "roles"));
        request.unit_id = optional_integer(body, "unit_id");
        request.password = optional_string(body, "password");
        request.must_change_password = optional_bool(body, "must_change_password").value_or(true);
        auto created = accounts.create_user(context.actor(), request);
        auto json = user_json(created.user);
        if (created.generated_password) {
            json["generated_password"] = *created.generated_password;
        }
        return http::json_response(http::Status::created, json);
    });
    router.add(verb::get, "/api/v1/users/{id}", manage, [&accounts](http::RequestContext& context) {
        return http::json_response(http::Status::ok,
                                   user_json(accounts.user(context.id_parameter())));
    });
    // Edits the display name, roles and unit; a field left out stays, `"unit_id": null` removes
    // the unit.
    router.add(
        verb::patch, "/api/v1/users/{id}", manage, [&services](http::RequestContext& context) {
            const auto body = json_body(context);
            accounts::AccountEdit edit;
            edit.display_name = optional_string(body, "display_name");
            if (body.contains("roles")) {
                edit.roles = parse_roles(required_string_array(body, "roles"));
            }
            if (const auto* unit = body.if_contains("unit_id")) {
                edit.unit_id = unit->is_null() ? std::optional<long long>()
                                               : optional_integer(body, "unit_id");
            }
            return http::json_response(
                http::Status::ok,
                user_json(accounts::edit_account(services.database, services.audit,
                                                 context.caller(), context.id_parameter(), edit)));
        });
    router.add(verb::post, "/api/v1/users/{id}/password-reset", manage,
               [&accounts](http::RequestContext& context) {
                   const auto password =
                       accounts.reset_password(context.actor(), context.id_parameter());
                   return http::json_response(http::Status::ok, {{"generated_password", password}});
               });
    // A lost authenticator: the system administrator removes the account's second factor, which
    // the account sets up again (audited as user.totp_reset).
    router.add(verb::delete_, "/api/v1/users/{id}/totp", manage,
               [&accounts](http::RequestContext& context) {
                   return http::json_response(
                       http::Status::ok,
                       user_json(accounts.reset_totp(context.actor(), context.id_parameter())));
               });
    // A member account's party member, for the one-tap sign-in (docs/activities.md).
    router.add(verb::put, "/api/v1/users/{id}/member", manage,
               [&services](http::RequestContext& context) {
                   const auto body = json_body(context);
                   const auto user_id = context.id_parameter();
                   const auto member =
                       accounts::link_member(services.database, services.audit, context.caller(),
                                             user_id, optional_integer(body, "member_id"));
                   return http::json_response(http::Status::ok,
                                              {{"user_id", user_id}, {"member", ref_json(member)}});
               });
    router.add(
        verb::get, "/api/v1/users/{id}/member", manage, [&services](http::RequestContext& context) {
            const auto options = accounts::member_link_options(
                services.database, context.id_parameter(), query_text(context, "q").value_or(""));
            return http::json_response(http::Status::ok,
                                       {{"candidates", refs_json(options.candidates)},
                                        {"linked", ref_json(options.linked)}});
        });
    const std::pair<const char*, accounts::AccountChange> changes[] = {
        {"/api/v1/users/{id}/lock", accounts::AccountChange::lock},
        {"/api/v1/users/{id}/unlock", accounts::AccountChange::unlock},
        {"/api/v1/users/{id}/disable", accounts::AccountChange::disable},
        {"/api/v1/users/{id}/enable", accounts::AccountChange::enable},
    };
    for (const auto& route : changes) {
        const accounts::AccountChange change = route.second;  // clang 14 cannot capture a binding
        router.add(verb::post, route.first, manage,
                   [&accounts, change](http::RequestContext& context) {
                       const auto user =
                           accounts.change_account(context.actor(), context.id_parameter(), change);
                       return http::json_response(http::Status::ok, user_json(user));
                   });
    }
}

}  // namespace lianjian::api
