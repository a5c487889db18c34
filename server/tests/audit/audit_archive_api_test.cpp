// Specification: GET /api/v1/audit/archive?from=YYYY-MM-DD&to=YYYY-MM-DD — the auditor (only)
// downloads the signed archive of a range of local dates; the download and every refused attempt
// are in the trail; bad or missing dates are a 422 naming every one.
#include "audit/archive.hpp"
#include "core/clock.hpp"
#include "support/test_server.hpp"

#include <gtest/gtest.h>

namespace lianjian::testing {
namespace {

class AuditArchiveApi : public ::testing::Test {
  protected:
    void SetUp() override { ASSERT_EQ(auditor.login("auditor").status, 200); }

    long long count(const std::string& query) {
        const auto result = auditor.get("/api/v1/audit-events?page_size=200&" + query);
        EXPECT_EQ(result.status, 200) << result.body;
        return result.json().at("total").as_int64();
    }

    TestServer server;
    HttpClient auditor{server.port()};
};

TEST_F(AuditArchiveApi, GivenTheAuditor_WhenTodayIsArchived_ThenAZipThatVerifiesOffline) {
    const auto today = programme_clock::today();
    const auto result = auditor.get("/api/v1/audit/archive?from=" + today + "&to=" + today);
    ASSERT_EQ(result.status, 200) << result.body;
    EXPECT_EQ(result.headers.at("content-type"), "application/zip");
    EXPECT_NE(result.headers.at("content-disposition").find(".zip"), std::string::npos);
    const auto check = audit::verify_archive(result.body);
    ASSERT_TRUE(check.ok) << check.problem;
    // The demo's records and the auditor's sign-in are today's.
    EXPECT_GT(check.count, 0);
    EXPECT_TRUE(check.chain_verified);
    EXPECT_EQ(count("action=audit.archive"), 1);
}

TEST_F(AuditArchiveApi, GivenAnyoneElse_WhenAskingForTheArchive_ThenRefusedAndTheRefusalAudited) {
    const auto before = count("action=access.refused");
    int refused = 0;
    for (const char* username : {"admin", "sysadmin", "viewer", "bianban_admin"}) {
        HttpClient other{server.port()};
        ASSERT_EQ(other.login(username).status, 200) << username;
        const auto result = other.get("/api/v1/audit/archive?from=2026-01-01&to=2026-01-31");
        EXPECT_EQ(result.status, 403) << username;
        ++refused;
    }
    HttpClient anonymous{server.port()};
    EXPECT_EQ(anonymous.get("/api/v1/audit/archive?from=2026-01-01&to=2026-01-31").status, 401);
    EXPECT_EQ(count("action=access.refused"), before + refused);
    EXPECT_EQ(count("action=audit.archive"), 0);
}

TEST_F(AuditArchiveApi, GivenBadOrMissingDates_WhenAsked_Then422NamingEach) {
    const auto both = auditor.get("/api/v1/audit/archive?from=yesterday");
    EXPECT_EQ(both.status, 422) << both.body;
    const auto fields = both.json().at("error").at("details").at("fields").as_array();
    ASSERT_EQ(fields.size(), 2u);
    EXPECT_EQ(fields[0].at("field").as_string(), "from");
    EXPECT_EQ(fields[1].at("field").as_string(), "to");
    const auto reversed = auditor.get("/api/v1/audit/archive?from=2026-03-02&to=2026-03-01");
    EXPECT_EQ(reversed.status, 422);
    EXPECT_EQ(reversed.json().at("error").at("details").at("field").as_string(), "to");
    const auto impossible = auditor.get("/api/v1/audit/archive?from=2026-02-30&to=2026-03-01");
    EXPECT_EQ(impossible.status, 422);
}

}  // namespace
}  // namespace lianjian::testing
