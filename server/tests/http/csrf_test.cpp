// Specification: a state-changing request must carry X-Requested-With (which a cross-site form
// cannot send) and, when the browser sends an Origin, it must be this host.
#include "support/test_server.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

namespace lianjian::testing {
namespace {

// One server for the suite: each test uses its own client and session.
class Csrf : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { shared = std::make_unique<TestServer>(); }
    static void TearDownTestSuite() { shared.reset(); }

    std::string login_body() const {
        return std::string(R"({"username":"admin","password":")") + demo_password + R"("})";
    }
    std::string host() const { return "127.0.0.1:" + std::to_string(server.port()); }

    static inline std::unique_ptr<TestServer> shared;
    TestServer& server = *shared;
    HttpClient client{server.port()};
};

TEST_F(Csrf, PostWithoutRequestedWithIsRejected) {
    const auto result = client.request("POST", "/api/v1/auth/login", login_body(),
                                       {{"Content-Type", "application/json"}});
    EXPECT_EQ(result.status, 403);
    EXPECT_EQ(result.error_code(), "csrf_rejected");
    EXPECT_EQ(result.headers.count("set-cookie"), 0u);
}

TEST_F(Csrf, WrongRequestedWithValueIsRejected) {
    const auto result =
        client.request("POST", "/api/v1/auth/login", login_body(),
                       {{"Content-Type", "application/json"}, {"X-Requested-With", "fetch"}});
    EXPECT_EQ(result.status, 403);
    EXPECT_EQ(result.error_code(), "csrf_rejected");
}

TEST_F(Csrf, ForeignOriginIsRejected) {
    const auto result = client.request("POST", "/api/v1/auth/login", login_body(),
                                       {{"Content-Type", "application/json"},
                                        {"X-Requested-With", "XMLHttpRequest"},
                                        {"Origin", "http://evil.example"}});
    EXPECT_EQ(result.status, 403);
    EXPECT_EQ(result.error_code(), "csrf_rejected");
}

TEST_F(Csrf, OriginOfAnotherPortOrAPrefixIsRejected) {
    const std::vector<std::string> origins = {"http://127.0.0.1", "http://127.0.0.1:1",
                                              "http://" + host() + ".evil.example", "null"};
    for (const auto& origin : origins) {
        const auto result = client.request("POST", "/api/v1/auth/login", login_body(),
                                           {{"Content-Type", "application/json"},
                                            {"X-Requested-With", "XMLHttpRequest"},
                                            {"Origin", origin}});
        EXPECT_EQ(result.status, 403) << origin;
        EXPECT_EQ(result.error_code(), "csrf_rejected") << origin;
    }
}

TEST_F(Csrf, OriginOfThisHostPasses) {
    const auto result = client.request("POST", "/api/v1/auth/login", login_body(),
                                       {{"Content-Type", "application/json"},
                                        {"X-Requested-With", "XMLHttpRequest"},
                                        {"Origin", "http://" + host()}});
    EXPECT_EQ(result.status, 200) << result.body;
}

TEST_F(Csrf, NoOriginWithRequestedWithPasses) {
    EXPECT_EQ(client.login("admin").status, 200);
}

TEST_F(Csrf, SignedInPostWithoutRequestedWithIsRejectedAndChangesNothing) {
    // Given a signed-in user, a cross-site logout (no X-Requested-With) does not end the session.
    ASSERT_EQ(client.login("admin").status, 200);
    const auto result = client.request("POST", "/api/v1/auth/logout", "", {});
    EXPECT_EQ(result.status, 403);
    EXPECT_EQ(result.error_code(), "csrf_rejected");
    EXPECT_EQ(client.get("/api/v1/auth/me").status, 200);
}

TEST_F(Csrf, GetNeedsNoCsrfHeader) {
    ASSERT_EQ(client.login("admin").status, 200);
    const auto result =
        client.request("GET", "/api/v1/units", "", {{"Origin", "http://evil.example"}});
    EXPECT_EQ(result.status, 200);
}

}  // namespace
}  // namespace lianjian::testing
