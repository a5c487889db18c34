// Specification: the router matches paths segment by segment, collects `{…}` parameters, and
// tells a wrong method (405, with the methods that exist) from an unknown path (404).
#include "http/router.hpp"
#include "http/dispatcher.hpp"

#include <gtest/gtest.h>

namespace lianjian::testing {
namespace {

namespace beast_http = http::beast_http;
using beast_http::verb;

http::Response ok(http::RequestContext&) {
    return http::empty_response(http::Status::no_content);
}

class RouterMatch : public ::testing::Test {
  protected:
    RouterMatch() {
        router.add(verb::get, "/api/v1/users", {accounts::Permission::users_manage}, ok);
        router.add(verb::post, "/api/v1/users", {accounts::Permission::users_manage}, ok);
        router.add(verb::get, "/api/v1/users/{id}", {accounts::Permission::users_manage}, ok);
        router.add(verb::post, "/api/v1/users/{id}/lock", {accounts::Permission::users_manage}, ok);
        router.add(verb::get, "/api/v1/alliances/{id}/members/{unit}",
                   {accounts::Permission::alliances_read}, ok);
    }
    http::Router router;
};

TEST_F(RouterMatch, ExactPathAndMethod) {
    const auto match = router.match(verb::post, "/api/v1/users");
    ASSERT_NE(match.route, nullptr);
    EXPECT_EQ(match.route->method, verb::post);
    EXPECT_EQ(match.route->pattern, "/api/v1/users");
    EXPECT_TRUE(match.parameters.empty());
}

TEST_F(RouterMatch, ParametersInOrder) {
    const auto one = router.match(verb::get, "/api/v1/users/42");
    ASSERT_NE(one.route, nullptr);
    EXPECT_EQ(one.parameters, std::vector<std::string>{"42"});
    const auto two = router.match(verb::get, "/api/v1/alliances/3/members/17");
    ASSERT_NE(two.route, nullptr);
    EXPECT_EQ(two.parameters, (std::vector<std::string>{"3", "17"}));
}

TEST_F(RouterMatch, WrongMethodIsAKnownPathListingAllowedMethods) {
    const auto match = router.match(verb::delete_, "/api/v1/users");
    EXPECT_EQ(match.route, nullptr);
    EXPECT_TRUE(match.path_known);
    EXPECT_NE(match.allowed_methods.find("GET"), std::string::npos);
    EXPECT_NE(match.allowed_methods.find("POST"), std::string::npos);
    EXPECT_EQ(match.allowed_methods.find("DELETE"), std::string::npos);
    const auto lock = router.match(verb::get, "/api/v1/users/5/lock");
    EXPECT_EQ(lock.route, nullptr);
    EXPECT_TRUE(lock.path_known);
    EXPECT_EQ(lock.allowed_methods, "POST");
}

TEST_F(RouterMatch, UnknownPathsDoNotMatch) {
    for (const char* path : {"/api/v1/user", "/api/v1/users/5/unlock", "/api/v1/users/5/lock/x",
                             "/api/v1", "/", "/api/v1/users//lock", "/api/v1/users/"}) {
        const auto match = router.match(verb::get, path);
        EXPECT_EQ(match.route, nullptr) << path;
        const auto post = router.match(verb::post, path);
        EXPECT_EQ(post.route, nullptr) << path;
    }
    EXPECT_FALSE(router.match(verb::get, "/api/v1/nothing").path_known);
}

TEST_F(RouterMatch, PathIsSplitBeforeAnySegmentIsDecoded) {
    // An encoded slash is part of a segment, never a separator.
    for (const char* path : {"/api%2Fv1%2Fusers", "/api/v1%2Fusers", "/api/v1/users%2F5%2Flock"}) {
        const auto match = router.match(verb::get, path);
        EXPECT_EQ(match.route, nullptr) << path;
        EXPECT_FALSE(match.path_known) << path;
    }
    // A literal segment must be spelled as in the pattern, not merely decode to it.
    for (const char* path : {"/%61pi/v1/users", "/api/v1/%75sers", "/api/%76%31/users"}) {
        EXPECT_EQ(router.match(verb::get, path).route, nullptr) << path;
    }
}

TEST_F(RouterMatch, ParameterSegmentsAreDecodedAfterTheSplit) {
    const auto escaped = router.match(verb::get, "/api/v1/users/4%32");
    ASSERT_NE(escaped.route, nullptr);
    EXPECT_EQ(escaped.parameters, std::vector<std::string>{"42"});
    const auto slash = router.match(verb::post, "/api/v1/users/a%2Fb/lock");
    ASSERT_NE(slash.route, nullptr);
    EXPECT_EQ(slash.parameters, std::vector<std::string>{"a/b"});
    EXPECT_EQ(router.match(verb::get, "/api/v1/users/%4").route, nullptr);
    EXPECT_EQ(router.match(verb::get, "/api/v1/users/%zz").route, nullptr);
}

TEST(DecodeSegment, DecodesEscapesAndRejectsMalformedOnes) {
    EXPECT_EQ(http::decode_segment("a%2Fb%41"), "a/bA");
    EXPECT_EQ(http::decode_segment("plain"), "plain");
    EXPECT_EQ(http::decode_segment("%"), std::nullopt);
    EXPECT_EQ(http::decode_segment("%4"), std::nullopt);
    EXPECT_EQ(http::decode_segment("%g1"), std::nullopt);
}

TEST_F(RouterMatch, EveryAddedRouteIsListed) {
    EXPECT_EQ(router.routes().size(), 5u);
}

TEST(RouteDeclaration, DefaultDeclaresNoPermissionAndDeniesDuringPasswordChange) {
    const http::RouteDeclaration declaration;
    EXPECT_FALSE(declaration.permission.has_value());
    EXPECT_EQ(declaration.during_password_change, http::DuringPasswordChange::denied);
}

TEST(SessionCookie, ValueIsFoundAmongOtherCookies) {
    EXPECT_EQ(http::cookie_value("lianjian_session=abc", "lianjian_session"), "abc");
    EXPECT_EQ(http::cookie_value("a=1; lianjian_session=abc; b=2", "lianjian_session"), "abc");
    EXPECT_EQ(http::cookie_value("x_lianjian_session=evil; b=2", "lianjian_session"), "");
    EXPECT_EQ(http::cookie_value("lianjian_session_old=evil", "lianjian_session"), "");
    EXPECT_EQ(http::cookie_value("", "lianjian_session"), "");
}

TEST(SessionCookie, AttributesAreHttpOnlyStrictAndSecureOnRequest) {
    const auto plain = http::session_cookie("tok", false);
    EXPECT_TRUE(plain.starts_with("lianjian_session=tok;"));
    EXPECT_NE(plain.find("HttpOnly"), std::string::npos);
    EXPECT_NE(plain.find("SameSite=Strict"), std::string::npos);
    EXPECT_EQ(plain.find("Secure"), std::string::npos);
    EXPECT_NE(http::session_cookie("tok", true).find("; Secure"), std::string::npos);
    const auto expired = http::expired_session_cookie(false);
    EXPECT_NE(expired.find("Max-Age=0"), std::string::npos);
    EXPECT_NE(expired.find("HttpOnly"), std::string::npos);
}

}  // namespace
}  // namespace lianjian::testing
