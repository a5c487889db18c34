// Specification: malformed or unexpected requests get a JSON error with the right status and
// never a crash or a 500.
#include "support/test_server.hpp"

#include <gtest/gtest.h>

namespace lianjian::testing {
namespace {

class BadInput : public ::testing::Test {
  protected:
    TestServer server;
    HttpClient client{server.port()};
};

TEST_F(BadInput, OversizeBodyIs413) {
    // Given a body over the 1 MiB JSON limit, when it is posted, then the answer is 413.
    const std::string body = "{\"username\":\"" + std::string(1024 * 1024 + 10, 'a') + "\"}";
    const auto result = client.post("/api/v1/auth/login", body);
    EXPECT_EQ(result.status, 413);
    EXPECT_EQ(result.error_code(), "payload_too_large");
}

TEST_F(BadInput, MalformedJsonIs400) {
    const auto result = client.post("/api/v1/auth/login", "{\"username\": ");
    EXPECT_EQ(result.status, 400);
    EXPECT_EQ(result.error_code(), "invalid_json");
}

TEST_F(BadInput, WrongTypesAre422NamingTheField) {
    const auto result = client.post("/api/v1/auth/login", R"({"username": 42, "password": "x"})");
    EXPECT_EQ(result.status, 422);
    EXPECT_EQ(result.error_code(), "validation_failed");
    EXPECT_EQ(result.json().at("error").at("details").at("field").as_string(), "username");
}

TEST_F(BadInput, MissingFieldIs422) {
    const auto result = client.post("/api/v1/auth/login", R"({"username": "admin"})");
    EXPECT_EQ(result.status, 422);
    EXPECT_EQ(result.json().at("error").at("details").at("field").as_string(), "password");
}

TEST_F(BadInput, UnknownRouteIs404Json) {
    const auto result = client.get("/api/v1/no-such-thing");
    EXPECT_EQ(result.status, 404);
    EXPECT_EQ(result.error_code(), "not_found");
    EXPECT_NE(result.headers.at("content-type").find("application/json"), std::string::npos);
}

TEST_F(BadInput, WrongMethodIs405WithAllow) {
    const auto result =
        client.request("DELETE", "/api/v1/units", "", {{"X-Requested-With", "XMLHttpRequest"}});
    EXPECT_EQ(result.status, 405);
    EXPECT_EQ(result.error_code(), "method_not_allowed");
    EXPECT_EQ(result.headers.at("allow"), "GET, POST");
}

TEST_F(BadInput, NonJsonContentTypeIs415) {
    const auto result = client.request("POST", "/api/v1/auth/login", "username=admin",
                                       {{"X-Requested-With", "XMLHttpRequest"},
                                        {"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(result.status, 415);
}

TEST_F(BadInput, BadQueryParameterIs422) {
    client.login("admin");
    const auto result = client.get("/api/v1/units?page=abc");
    EXPECT_EQ(result.status, 422);
    EXPECT_EQ(result.json().at("error").at("details").at("field").as_string(), "page");
}

TEST_F(BadInput, GarbageRequestLineIs400AndServerStaysUp) {
    const auto answer = client.raw("NOT-HTTP\r\n\r\n");
    EXPECT_NE(answer.find("400"), std::string::npos);
    EXPECT_EQ(client.get("/api/v1/health").status, 200);
}

TEST_F(BadInput, OversizeHeaderIsRefused) {
    const auto answer = client.raw("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " +
                                   std::string(64 * 1024, 'b') + "\r\n\r\n");
    EXPECT_NE(answer.find("431"), std::string::npos);
}

TEST_F(BadInput, ErrorsCarrySecurityHeadersAndNoServerBanner) {
    const auto result = client.get("/api/v1/no-such-thing");
    EXPECT_EQ(result.headers.count("server"), 0u);
    EXPECT_EQ(result.headers.at("x-content-type-options"), "nosniff");
    EXPECT_NE(result.headers.at("content-security-policy").find("frame-ancestors 'none'"),
              std::string::npos);
    EXPECT_EQ(result.headers.at("cache-control"), "no-store");
}

}  // namespace
}  // namespace lianjian::testing
