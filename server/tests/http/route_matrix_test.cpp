// Specification: every route, for every role, answers exactly as its declared permission says —
// allowed roles get past authorisation, the others get 403, anonymous callers get 401 — and a
// route that declares no permission is closed to everyone.
#include "accounts/permission.hpp"
#include "http/dispatcher.hpp"
#include "support/test_server.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <regex>

namespace lianjian::testing {
namespace {

namespace beast_http = http::beast_http;
using accounts::Role;

const char* matrix_password = "Matrix-Pass-2026";

// A request as the browser's scripts send it, without a socket.
http::Request make_request(beast_http::verb method, const std::string& target,
                           const std::string& token) {
    http::Request request{method, target, 11};
    request.set(beast_http::field::host, "127.0.0.1");
    request.set("X-Requested-With", "XMLHttpRequest");
    request.set(beast_http::field::content_type, "application/json");
    if (!token.empty()) {
        request.set(beast_http::field::cookie,
                    std::string(http::session_cookie_name) + "=" + token);
    }
    request.body() = "{}";
    request.prepare_payload();
    return request;
}

// The pattern with each `{…}` segment replaced by an id that does not exist.
std::string concrete_target(const std::string& pattern) {
    return std::regex_replace(pattern, std::regex(R"(\{[^}]*\})"), "999999");
}

std::string error_code_of(const http::Response& response) {
    const auto& body = response.body();
    const auto at = body.find(R"("code":")");
    if (at == std::string::npos) {
        return {};
    }
    const auto start = at + 8;
    return body.substr(start, body.find('"', start) - start);
}

// One server for the suite, with one account per role.
class RouteMatrix : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        shared = std::make_unique<TestServer>();
        auto& accounts = shared->application().services().accounts;
        const auto units = shared->application().services().registry.list_units({});
        ASSERT_FALSE(units->items.empty());
        for (Role role : accounts::all_roles) {
            accounts::NewUser request;
            request.username = std::string("matrix_") + accounts::role_name(role);
            request.display_name = request.username;
            request.roles = {role};
            if (role == Role::unit_admin || role == Role::member) {
                request.unit_id = units->items.back().id;
            }
            request.password = matrix_password;
            request.must_change_password = false;
            // The matrix tests permissions; the second-factor gate has its own tests.
            request.policy_exempt = true;
            accounts.create_user({std::nullopt, "system", ""}, request);
        }
    }

    // A fresh session for each call, so that a logout or a password change in one call cannot
    // change what the next one sees.
    std::string token_for(Role role) {
        return server.application()
            .services()
            .accounts
            .login(std::string("matrix_") + accounts::role_name(role), matrix_password, "127.0.0.1")
            .token;
    }

    http::Response call(const http::Route& route, const std::string& token) {
        return server.application().dispatcher().handle(
            make_request(route.method, concrete_target(route.pattern), token), "127.0.0.1");
    }

    static void TearDownTestSuite() { shared.reset(); }

    static inline std::unique_ptr<TestServer> shared;
    TestServer& server = *shared;
};

TEST_F(RouteMatrix, TheApplicationHasTheExpectedRoutes) {
    const auto& routes = server.application().router().routes();
    EXPECT_GE(routes.size(), 18u);
    for (const auto& route : routes) {
        EXPECT_TRUE(route.declaration.permission.has_value())
            << route.pattern << " declares no permission";
    }
}

TEST_F(RouteMatrix, EveryRouteForEveryRoleFollowsItsPermission) {
    const auto& routes = server.application().router().routes();
    for (const auto& route : routes) {
        for (Role role : accounts::all_roles) {
            const auto response = call(route, token_for(role));
            const int status = response.result_int();
            const std::string where = std::string(beast_http::to_string(route.method)) + " " +
                                      route.pattern + " as " + accounts::role_name(role) + " → " +
                                      std::to_string(status) + " " + response.body();
            const bool granted = route.declaration.permission &&
                                 accounts::roles_grant({role}, *route.declaration.permission);
            if (granted) {
                // Past authorisation: whatever the handler makes of "{}" and id 999999 (200, 204,
                // 404, 422), it is not an authentication or authorisation refusal. No route needs
                // an exception: the login route answers 422 to "{}" before checking any password,
                // and the password route answers 422 for the missing fields.
                EXPECT_NE(status, 401) << where;
                EXPECT_NE(status, 403) << where;
            } else {
                EXPECT_EQ(status, 403) << where;
                EXPECT_EQ(error_code_of(response), "forbidden") << where;
            }
        }
    }
}

TEST_F(RouteMatrix, EveryNonPublicRouteIs401WithoutASession) {
    for (const auto& route : server.application().router().routes()) {
        if (route.declaration.permission == accounts::Permission::public_access) {
            continue;
        }
        const auto response = call(route, "");
        EXPECT_EQ(response.result_int(), 401) << route.pattern;
        EXPECT_EQ(error_code_of(response), "unauthenticated") << route.pattern;
    }
}

TEST_F(RouteMatrix, EveryNonPublicRouteIs401WithAnUnknownToken) {
    for (const auto& route : server.application().router().routes()) {
        if (route.declaration.permission == accounts::Permission::public_access) {
            continue;
        }
        const auto response = call(route, "forged-token-that-was-never-issued");
        EXPECT_EQ(response.result_int(), 401) << route.pattern;
    }
}

TEST_F(RouteMatrix, PublicRoutesNeedNoSession) {
    for (const auto& route : server.application().router().routes()) {
        if (route.declaration.permission != accounts::Permission::public_access) {
            continue;
        }
        const auto response = call(route, "");
        EXPECT_NE(response.result_int(), 401) << route.pattern;
        EXPECT_NE(response.result_int(), 403) << route.pattern;
    }
}

TEST_F(RouteMatrix, RouteWithoutDeclaredPermissionIsDeniedToEveryone) {
    // Given a route added with an empty declaration whose handler would answer 200,
    http::Router router;
    bool handler_ran = false;
    router.add(beast_http::verb::get, "/api/v1/undeclared", http::RouteDeclaration{},
               [&handler_ran](http::RequestContext&) {
                   handler_ran = true;
                   return http::json_response(http::Status::ok, {{"leaked", true}});
               });
    router.add(beast_http::verb::post, "/api/v1/undeclared/{id}", http::RouteDeclaration{},
               [&handler_ran](http::RequestContext&) {
                   handler_ran = true;
                   return http::json_response(http::Status::ok, {{"leaked", true}});
               });
    http::Dispatcher dispatcher(router, server.application().services().accounts, std::nullopt, {});
    // then every role — the committee administrator included — and an anonymous caller get 403.
    for (const auto& route : router.routes()) {
        for (Role role : accounts::all_roles) {
            const auto response = dispatcher.handle(
                make_request(route.method, concrete_target(route.pattern), token_for(role)),
                "127.0.0.1");
            EXPECT_EQ(response.result_int(), 403)
                << route.pattern << " as " << accounts::role_name(role);
        }
        const auto anonymous = dispatcher.handle(
            make_request(route.method, concrete_target(route.pattern), ""), "127.0.0.1");
        EXPECT_EQ(anonymous.result_int(), 403) << route.pattern;
    }
    EXPECT_FALSE(handler_ran);
}

TEST_F(RouteMatrix, RolesGrantTableMatchesTheThreeDuties) {
    using accounts::Permission;
    // Only the auditor reads the audit trail; only the system administrator manages accounts;
    // the auditor sees no programme data.
    for (Role role : accounts::all_roles) {
        EXPECT_EQ(accounts::roles_grant({role}, Permission::audit_read), role == Role::auditor)
            << accounts::role_name(role);
        EXPECT_EQ(accounts::roles_grant({role}, Permission::users_manage),
                  role == Role::system_admin)
            << accounts::role_name(role);
        EXPECT_TRUE(accounts::roles_grant({role}, Permission::signed_in));
    }
    EXPECT_FALSE(accounts::roles_grant({Role::auditor}, Permission::registry_read));
    EXPECT_FALSE(accounts::roles_grant({Role::auditor}, Permission::alliances_read));
    EXPECT_FALSE(accounts::roles_grant({Role::system_admin}, Permission::alliances_read));
    EXPECT_FALSE(accounts::roles_grant({}, Permission::signed_in));
    EXPECT_TRUE(accounts::roles_grant({}, Permission::public_access));
}

}  // namespace
}  // namespace lianjian::testing
