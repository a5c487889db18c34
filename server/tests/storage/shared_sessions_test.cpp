// Specification: two app servers on one database (PostgreSQL in production, either dialect
// here) see the same sessions; a logout, a password change or a lock on one server ends the
// session on the other at once, since no server keeps checked sessions in memory.
#include "app/application.hpp"
#include "support/test_server.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <thread>

namespace lianjian::testing {
namespace {

// A second server over the first one's database (same data folder, so the same field key).
class SecondServer {
  public:
    explicit SecondServer(const TestServer& first) {
        app::Config config;
        config.database_url = first.database().url();
        config.data_dir = first.database().directory();
        config.limits.threads = 2;
        config.database_pool = 4;
        config.account_policy.hash_cost = accounts::HashCost::minimum;
        application_ = std::make_unique<app::Application>(config);
        port_ = application_->listen("127.0.0.1", 0).port();
        thread_ = std::thread([this] { application_->run(false); });
    }
    ~SecondServer() {
        application_->stop();
        thread_.join();
    }
    unsigned short port() const { return port_; }

  private:
    std::unique_ptr<app::Application> application_;
    std::thread thread_;
    unsigned short port_ = 0;
};

// The same session cookie, presented to the second server.
HttpClient on_second(const SecondServer& second, const HttpClient& signed_in) {
    HttpClient client(second.port());
    client.set_cookie(signed_in.cookie());
    return client;
}

class SharedSessions : public ::testing::Test {
  protected:
    TestServer first_;
    SecondServer second_{first_};
};

TEST_F(SharedSessions, ALogoutOnOneServerEndsTheSessionOnTheOther) {
    HttpClient viewer(first_.port());
    ASSERT_EQ(viewer.login("viewer").status, 200);
    auto elsewhere = on_second(second_, viewer);
    ASSERT_EQ(elsewhere.get("/api/v1/auth/me").status, 200);
    ASSERT_EQ(viewer.post("/api/v1/auth/logout").status, 204);
    EXPECT_EQ(elsewhere.get("/api/v1/auth/me").status, 401);
}

TEST_F(SharedSessions, APasswordChangeOnOneServerEndsTheSessionOnTheOther) {
    HttpClient viewer(first_.port());
    ASSERT_EQ(viewer.login("viewer").status, 200);
    auto elsewhere = on_second(second_, viewer);
    ASSERT_EQ(elsewhere.get("/api/v1/units?page_size=1").status, 200);
    const auto changed =
        viewer.post("/api/v1/auth/password",
                    R"({"current_password":"Demo-Pass-2026","new_password":"Other-Pass-2027"})");
    ASSERT_EQ(changed.status, 204) << changed.body;
    EXPECT_EQ(elsewhere.get("/api/v1/units?page_size=1").status, 401);
}

TEST_F(SharedSessions, ALockOnOneServerEndsTheSessionOnTheOther) {
    HttpClient viewer(first_.port());
    ASSERT_EQ(viewer.login("viewer").status, 200);
    const auto viewer_id = viewer.get("/api/v1/auth/me").json().at("user").at("id").as_int64();
    auto elsewhere = on_second(second_, viewer);
    ASSERT_EQ(elsewhere.get("/api/v1/auth/me").status, 200);
    HttpClient sysadmin(first_.port());
    ASSERT_EQ(sysadmin.login("sysadmin").status, 200);
    ASSERT_EQ(sysadmin.post("/api/v1/users/" + std::to_string(viewer_id) + "/lock").status, 200);
    EXPECT_EQ(elsewhere.get("/api/v1/auth/me").status, 401);
}

}  // namespace
}  // namespace lianjian::testing
