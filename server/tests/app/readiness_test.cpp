// Specification: readiness (`GET /api/v1/health/ready`) is 200 only when the database answers,
// its schema is the binary's newest and the master key is present; otherwise 503 naming the
// failed check. Liveness (`/api/v1/health`) stays 200 meanwhile.
#include "support/test_server.hpp"

#include "storage/database.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <filesystem>

namespace lianjian::testing {
namespace {

std::vector<std::string> names_in(const boost::json::value& array) {
    std::vector<std::string> names;
    for (const auto& item : array.as_array()) {
        names.emplace_back(item.is_string() ? item.as_string()
                                            : item.as_object().at("name").as_string());
    }
    return names;
}

class Readiness : public ::testing::Test {
  protected:
    TestServer server{app::Config{}, false};
    HttpClient client{server.port()};
};

TEST_F(Readiness, GivenAMigratedDatabaseAndAKey_WhenAsked_ThenItIsReadyWithEveryCheck) {
    const auto result = client.get("/api/v1/health/ready");
    ASSERT_EQ(result.status, 200) << result.body;
    const auto body = result.json().as_object();
    EXPECT_EQ(body.at("status").as_string(), "ready");
    EXPECT_EQ(names_in(body.at("checks")),
              (std::vector<std::string>{"database", "migrations", "key"}));
    EXPECT_TRUE(body.at("failed").as_array().empty());
    EXPECT_EQ(result.headers.at("cache-control"), "no-store");
}

TEST_F(Readiness, GivenTheKeyFileRemoved_WhenAsked_ThenItIsNotReadyNamingTheKey) {
    // The key must come from the data directory's file, which this test removes.
    ASSERT_EQ(std::getenv("LIANJIAN_SECRET_KEY"), nullptr) << "run without LIANJIAN_SECRET_KEY";
    std::filesystem::remove(server.database().directory() / "secret.key");
    const auto result = client.get("/api/v1/health/ready");
    EXPECT_EQ(result.status, 503) << result.body;
    const auto body = result.json().as_object();
    EXPECT_EQ(body.at("status").as_string(), "not_ready");
    EXPECT_EQ(names_in(body.at("failed")), (std::vector<std::string>{"key"}));
    EXPECT_EQ(client.get("/api/v1/health").status, 200);
}

TEST_F(Readiness, GivenASchemaNewerThanTheBinary_WhenAsked_ThenItIsNotReadyNamingTheMigrations) {
    {
        storage::Connection connection(server.application().database());
        connection.session() << "INSERT INTO schema_migration (version, name, applied_at) "
                                "VALUES (99999, 'from_the_future', '2026-01-01T00:00:00Z')";
    }
    const auto result = client.get("/api/v1/health/ready");
    EXPECT_EQ(result.status, 503) << result.body;
    EXPECT_EQ(names_in(result.json().at("failed")), (std::vector<std::string>{"migrations"}));
}

}  // namespace
}  // namespace lianjian::testing
