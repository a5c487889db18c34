// Specification: docs/openapi.yaml describes every route the server registers, with its method.
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

}  // namespace
}  // namespace lianjian::testing
