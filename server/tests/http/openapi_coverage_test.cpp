// Specification: docs/openapi.yaml describes every route the server registers, with its method,
// and each route's declared permission and scope are the ones the OpenAPI file states
// (`x-permission`, `x-scope`, absent meaning `all`) and the ones the permission table gives.
#include "accounts/permission.hpp"
#include "app/application.hpp"
#include "support/test_database.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace lianjian::testing {
namespace {

std::string read_openapi() {
    std::ifstream file(std::string(LIANJIAN_SOURCE_DIR) + "/docs/openapi.yaml");
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

// The block of the path item `path` (from its line to the next path item), or "".
std::string path_item(const std::string& document, const std::string& path) {
    const auto start = document.find("\n  " + path + ":\n");
    if (start == std::string::npos) {
        return {};
    }
    const auto next = document.find("\n  /", start + 1);
    return document.substr(start, next == std::string::npos ? std::string::npos : next - start);
}

TEST(OpenApi, DescribesEveryRegisteredRoute) {
    // Given the running application's routes and the OpenAPI document,
    TestDatabase database;
    app::Config config;
    config.database_url = database.url();
    config.account_policy.hash_cost = accounts::HashCost::minimum;
    app::Application application(config);
    const auto document = read_openapi();
    ASSERT_FALSE(document.empty());
    // then each route's path and method appear in it.
    for (const auto& route : application.router().routes()) {
        ASSERT_TRUE(route.pattern.starts_with("/api/v1/")) << route.pattern;
        const auto path = route.pattern.substr(7);
        const auto item = path_item(document, path);
        EXPECT_FALSE(item.empty()) << "OpenAPI lacks path " << path;
        std::string method(http::beast_http::to_string(route.method));
        for (auto& c : method) c = static_cast<char>(std::tolower(c));
        EXPECT_NE(item.find("\n    " + method + ":"), std::string::npos)
            << "OpenAPI lacks " << method << " " << path;
    }
}

// The block of `method` inside a path item (to the next operation or the end of the item).
std::string operation(const std::string& item, const std::string& method) {
    const auto start = item.find("\n    " + method + ":");
    if (start == std::string::npos) {
        return {};
    }
    std::size_t next = start + 1;
    while (true) {
        next = item.find("\n    ", next);
        if (next == std::string::npos || (item.size() > next + 5 && item[next + 5] != ' ')) {
            break;
        }
        ++next;
    }
    return item.substr(start, next == std::string::npos ? std::string::npos : next - start);
}

// The value of `key: value` in an operation block, or "".
std::string extension(const std::string& block, const std::string& key) {
    const auto at = block.find("\n      " + key + ": ");
    if (at == std::string::npos) {
        return {};
    }
    const auto start = at + 9 + key.size();
    return block.substr(start, block.find('\n', start) - start);
}

TEST(OpenApi, StatesEachRoutesPermissionAndScope) {
    // Given the running application's routes and the OpenAPI document,
    TestDatabase database;
    app::Config config;
    config.database_url = database.url();
    config.account_policy.hash_cost = accounts::HashCost::minimum;
    app::Application application(config);
    const auto document = read_openapi();
    for (const auto& route : application.router().routes()) {
        std::string method(http::beast_http::to_string(route.method));
        for (auto& c : method) c = static_cast<char>(std::tolower(c));
        const auto block = operation(path_item(document, route.pattern.substr(7)), method);
        const auto name = method + " " + route.pattern;
        ASSERT_FALSE(block.empty()) << name;
        ASSERT_TRUE(route.declaration.permission) << name;
        const auto permission = *route.declaration.permission;
        // then x-permission names the route's permission,
        EXPECT_EQ(extension(block, "x-permission"), accounts::permission_name(permission)) << name;
        // x-scope its scope (absent for `all`),
        const auto scope = extension(block, "x-scope");
        EXPECT_EQ(scope.empty() ? "all" : scope, accounts::scope_name(route.declaration.scope))
            << name;
        // and the route declares the scope the permission table gives that permission.
        EXPECT_EQ(route.declaration.scope, accounts::permission_scope(permission)) << name;
    }
}

}  // namespace
}  // namespace lianjian::testing
