// Specification: behind a trusted reverse proxy (`serve --trusted-proxy`), the client address of
// X-Forwarded-For feeds the login throttle and the audit, and X-Forwarded-Proto https marks the
// session cookie Secure; from any other peer those headers are ignored, so a client cannot forge
// its address or dodge the throttle.
#include "support/test_server.hpp"

#include <gtest/gtest.h>

#include <memory>

namespace lianjian::testing {
namespace {

std::string login_body(const std::string& username, const std::string& password) {
    return R"({"username":")" + username + R"(","password":")" + password + R"("})";
}

HttpResult login_via(HttpClient& client, const std::string& username, const std::string& password,
                     const std::map<std::string, std::string>& forwarding) {
    std::map<std::string, std::string> headers = {{"X-Requested-With", "XMLHttpRequest"},
                                                  {"Content-Type", "application/json"}};
    headers.insert(forwarding.begin(), forwarding.end());
    return client.request("POST", "/api/v1/auth/login", login_body(username, password), headers);
}

// The source address of the newest audit record of a failed sign-in by `username`.
std::string last_login_source(TestServer& server, const std::string& username) {
    audit::AuditFilter filter;
    filter.username = username;
    filter.action = "auth.login";
    const auto page = server.application().services().audit.list(filter);
    if (page.items.empty()) {
        return "(none)";
    }
    return page.items.front().source_ip;
}

app::Config proxied(const std::vector<std::string>& proxies) {
    app::Config config;
    config.trusted_proxies = http::TrustedProxies::parse(proxies);
    return config;
}

// The test client connects from 127.0.0.1; here only 10.0.0.0/8 is a trusted proxy.
class UntrustedPeer : public ::testing::Test {
  protected:
    TestServer server{proxied({"10.0.0.0/8"})};
    HttpClient client{server.port()};
};

TEST_F(UntrustedPeer, GivenAForgedForwardedFor_WhenSigningIn_ThenTheAuditRecordsThePeer) {
    const auto result =
        login_via(client, "nobody_forged", "wrong", {{"X-Forwarded-For", "198.51.100.7"}});
    EXPECT_EQ(result.status, 401);
    EXPECT_EQ(last_login_source(server, "nobody_forged"), "127.0.0.1");
}

TEST_F(UntrustedPeer, GivenChangingForgedAddresses_WhenSigningInRepeatedly_ThenThePeerIsThrottled) {
    int throttled_at = 0;
    for (int attempt = 1; attempt <= 31 && throttled_at == 0; ++attempt) {
        const auto result =
            login_via(client, "nobody", "wrong",
                      {{"X-Forwarded-For", "198.51.100." + std::to_string(attempt)}});
        if (result.status == 429) {
            throttled_at = attempt;
        }
    }
    EXPECT_EQ(throttled_at, 31);
}

TEST_F(UntrustedPeer, GivenForwardedProtoHttps_WhenSigningIn_ThenTheCookieIsNotMarkedSecure) {
    const auto result = login_via(client, "admin", demo_password, {{"X-Forwarded-Proto", "https"}});
    ASSERT_EQ(result.status, 200) << result.body;
    EXPECT_EQ(result.headers.at("set-cookie").find("Secure"), std::string::npos);
}

// The test client's address, 127.0.0.1, is a trusted proxy.
class TrustedPeer : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        shared = std::make_unique<TestServer>(proxied({"127.0.0.0/8", "::1"}));
    }
    static void TearDownTestSuite() { shared.reset(); }

    static inline std::unique_ptr<TestServer> shared;
    TestServer& server = *shared;
    HttpClient client{server.port()};
};

TEST_F(TrustedPeer, GivenForwardedFor_WhenSigningIn_ThenTheAuditRecordsTheClient) {
    login_via(client, "nobody_a", "wrong", {{"X-Forwarded-For", "203.0.113.5"}});
    EXPECT_EQ(last_login_source(server, "nobody_a"), "203.0.113.5");
}

TEST_F(TrustedPeer, GivenAForgedFirstHop_WhenSigningIn_ThenTheRightmostUntrustedHopIsTaken) {
    login_via(client, "nobody_b", "wrong",
              {{"X-Forwarded-For", "198.51.100.1, 203.0.113.6, 127.0.0.9"}});
    EXPECT_EQ(last_login_source(server, "nobody_b"), "203.0.113.6");
}

TEST_F(TrustedPeer, GivenOneClientAddress_WhenItIsThrottled_ThenAnotherClientStillSignsIn) {
    int throttled_at = 0;
    for (int attempt = 1; attempt <= 31 && throttled_at == 0; ++attempt) {
        if (login_via(client, "nobody_c", "wrong", {{"X-Forwarded-For", "203.0.113.7"}}).status ==
            429) {
            throttled_at = attempt;
        }
    }
    EXPECT_EQ(throttled_at, 31);
    const auto other = login_via(client, "nobody_c", "wrong", {{"X-Forwarded-For", "203.0.113.8"}});
    EXPECT_EQ(other.status, 401) << other.body;
}

TEST_F(TrustedPeer, GivenForwardedProtoHttps_WhenSigningIn_ThenTheCookieIsMarkedSecure) {
    const auto https =
        login_via(client, "admin", demo_password,
                  {{"X-Forwarded-For", "203.0.113.10"}, {"X-Forwarded-Proto", "https"}});
    ASSERT_EQ(https.status, 200) << https.body;
    EXPECT_NE(https.headers.at("set-cookie").find("; Secure"), std::string::npos);
    // Signing out over HTTPS clears the cookie with Secure too.
    const auto logout = client.request("POST", "/api/v1/auth/logout", "{}",
                                       {{"X-Requested-With", "XMLHttpRequest"},
                                        {"Content-Type", "application/json"},
                                        {"X-Forwarded-For", "203.0.113.10"},
                                        {"X-Forwarded-Proto", "https"}});
    EXPECT_NE(logout.headers.at("set-cookie").find("; Secure"), std::string::npos);

    HttpClient plain{server.port()};
    const auto http =
        login_via(plain, "admin", demo_password,
                  {{"X-Forwarded-For", "203.0.113.11"}, {"X-Forwarded-Proto", "http"}});
    ASSERT_EQ(http.status, 200) << http.body;
    EXPECT_EQ(http.headers.at("set-cookie").find("Secure"), std::string::npos);
}

}  // namespace
}  // namespace lianjian::testing
