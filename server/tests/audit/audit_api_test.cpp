// Specification: GET /api/v1/audit-events — the auditor's view of the trail, with filters by
// user, action (exact or a prefix ending in '.'), time range, and paging.
#include "core/clock.hpp"
#include "support/test_server.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include <boost/json/array.hpp>

namespace lianjian::testing {
namespace {

class AuditApi : public ::testing::Test {
  protected:
    void SetUp() override {
        // Given some sign-ins and a sign-out besides the demo load's records,
        HttpClient admin{server.port()};
        ASSERT_EQ(admin.login("admin").status, 200);
        ASSERT_EQ(admin.post("/api/v1/auth/logout").status, 204);
        HttpClient viewer{server.port()};
        ASSERT_EQ(viewer.login("viewer", "Wrong-Viewer-1").status, 401);
        ASSERT_EQ(viewer.login("viewer").status, 200);
        ASSERT_EQ(auditor.login("auditor").status, 200);
    }

    boost::json::object list(const std::string& query) {
        const auto result = auditor.get("/api/v1/audit-events" + query);
        EXPECT_EQ(result.status, 200) << query << ": " << result.body;
        return result.json().as_object();
    }

    static long long total(const boost::json::object& page) { return page.at("total").as_int64(); }
    static const boost::json::array& items(const boost::json::object& page) {
        return page.at("items").as_array();
    }

    TestServer server;
    HttpClient auditor{server.port()};
};

TEST_F(AuditApi, OnlyTheAuditorReadsTheTrail) {
    for (const char* username : {"admin", "sysadmin", "viewer", "bianban_admin", "shenji_admin"}) {
        HttpClient other{server.port()};
        ASSERT_EQ(other.login(username).status, 200) << username;
        const auto events = other.get("/api/v1/audit-events");
        EXPECT_EQ(events.status, 403) << username;
        EXPECT_EQ(events.error_code(), "forbidden") << username;
        EXPECT_EQ(other.get("/api/v1/audit-events/verification").status, 403) << username;
    }
    EXPECT_EQ(auditor.get("/api/v1/audit-events").status, 200);
    HttpClient anonymous{server.port()};
    EXPECT_EQ(anonymous.get("/api/v1/audit-events").status, 401);
}

TEST_F(AuditApi, ListsNewestFirstWithEveryField) {
    // The demo writes audit records of its own (plans, responsibility sheets): the first page holds
    // 50 of them, newest first, and the total counts them all.
    const auto page = list("");
    ASSERT_GE(items(page).size(), 2u);
    EXPECT_EQ(static_cast<long long>(items(page).size()), std::min(total(page), 50LL));
    EXPECT_EQ(total(list("?page_size=200")), total(page));
    const auto& newest = items(page)[0].as_object();
    for (const char* field : {"id", "occurred_at", "user_id", "username", "source_ip", "action",
                              "object_type", "object_id", "outcome", "detail", "hash"}) {
        EXPECT_TRUE(newest.contains(field)) << field;
    }
    // The auditor's own sign-in is the newest record.
    EXPECT_EQ(newest.at("action").as_string(), "auth.login");
    EXPECT_EQ(newest.at("username").as_string(), "auditor");
    EXPECT_EQ(newest.at("source_ip").as_string(), "127.0.0.1");
    for (std::size_t i = 1; i < items(page).size(); ++i) {
        EXPECT_LT(items(page)[i].at("id").as_int64(), items(page)[i - 1].at("id").as_int64());
    }
}

TEST_F(AuditApi, FilterByUser) {
    const auto page = list("?user=viewer");
    EXPECT_EQ(total(page), 2);  // one failed and one successful sign-in
    for (const auto& item : items(page)) {
        EXPECT_EQ(item.at("username").as_string(), "viewer");
    }
    EXPECT_EQ(total(list("?user=nobody")), 0);
}

TEST_F(AuditApi, FilterByExactAction) {
    const auto page = list("?action=auth.login");
    EXPECT_EQ(total(page), 4);  // admin, viewer ×2, auditor
    for (const auto& item : items(page)) {
        EXPECT_EQ(item.at("action").as_string(), "auth.login");
    }
    // Without the trailing dot a prefix is not a prefix.
    EXPECT_EQ(total(list("?action=auth")), 0);
    EXPECT_EQ(total(list("?action=auth.log")), 0);
}

TEST_F(AuditApi, FilterByActionPrefix) {
    const auto page = list("?action=auth.");
    EXPECT_EQ(total(page), 5);  // four sign-ins and a sign-out
    bool saw_logout = false;
    for (const auto& item : items(page)) {
        const std::string action(item.at("action").as_string());
        EXPECT_TRUE(action.starts_with("auth.")) << action;
        saw_logout = saw_logout || action == "auth.logout";
    }
    EXPECT_TRUE(saw_logout);
    // The demo load's account records are all user.create.
    const auto users = list("?action=user.");
    EXPECT_GT(total(users), 0);
    for (const auto& item : items(users)) {
        EXPECT_EQ(item.at("action").as_string(), "user.create");
    }
}

TEST_F(AuditApi, FiltersCombine) {
    const auto page = list("?user=viewer&action=auth.login");
    EXPECT_EQ(total(page), 2);
    const auto logouts = list("?user=admin&action=auth.logout");
    EXPECT_EQ(total(logouts), 1);
}

TEST_F(AuditApi, FilterByTimeRange) {
    const auto everything = list("?page_size=200");
    const long long all = total(everything);
    EXPECT_EQ(total(list("?from=2000-01-01&to=2100-01-01")), all);
    EXPECT_EQ(total(list("?from=2100-01-01")), 0);
    EXPECT_EQ(total(list("?to=2000-01-01")), 0);
    // `from` is inclusive and `to` exclusive: split at one record's time, the two halves add up.
    const auto& pivot_item = items(everything)[items(everything).size() / 2];
    const std::string pivot(pivot_item.at("occurred_at").as_string());
    long long at_or_after = 0;
    for (const auto& item : items(everything)) {
        at_or_after += std::string(item.at("occurred_at").as_string()) >= pivot;
    }
    const auto from = list("?from=" + pivot + "&page_size=200");
    const auto to = list("?to=" + pivot + "&page_size=200");
    EXPECT_EQ(total(from), at_or_after);
    EXPECT_EQ(total(from) + total(to), all);
    for (const auto& item : items(from)) {
        EXPECT_GE(std::string(item.at("occurred_at").as_string()), pivot);
    }
    for (const auto& item : items(to)) {
        EXPECT_LT(std::string(item.at("occurred_at").as_string()), pivot);
    }
}

// Issue 8 point 2: a bare date in `from`/`to` is the local midnight of the deployment's zone
// (Asia/Shanghai), not midnight UTC.
class FixedInstant : public TimeSource {
  public:
    explicit FixedInstant(const std::string& instant) : at_(parse_timestamp(instant, "t")) {}
    TimePoint now() const override { return at_; }

  private:
    TimePoint at_;
};

TEST_F(AuditApi, BareDatesAreLocalMidnights) {
    // Given the viewer signs in at 23:59 on 30 June 2030 Beijing time (15:59 UTC) and again at
    // 00:30 on 1 July (16:30 UTC on 30 June),
    FixedInstant before_midnight("2030-06-30T15:59:00Z");
    FixedInstant after_midnight("2030-06-30T16:30:00Z");
    programme_clock::set_time_source(&before_midnight);
    HttpClient viewer{server.port()};
    ASSERT_EQ(viewer.login("viewer").status, 200);
    programme_clock::set_time_source(&after_midnight);
    HttpClient again{server.port()};
    ASSERT_EQ(again.login("viewer").status, 200);
    programme_clock::set_time_source(nullptr);
    // when the auditor asks for 1 July onwards, then only the second sign-in is listed,
    const auto july = list("?user=viewer&action=auth.login&from=2030-07-01");
    ASSERT_EQ(total(july), 1);
    EXPECT_EQ(items(july)[0].at("occurred_at").as_string(), "2030-06-30T16:30:00.000Z");
    // and 30 June alone holds the first.
    const auto june = list("?user=viewer&action=auth.login&from=2030-06-30&to=2030-07-01");
    ASSERT_EQ(total(june), 1);
    EXPECT_EQ(items(june)[0].at("occurred_at").as_string(), "2030-06-30T15:59:00.000Z");
}

TEST_F(AuditApi, BadTimeIs422NamingTheParameter) {
    const auto result = auditor.get("/api/v1/audit-events?from=yesterday");
    EXPECT_EQ(result.status, 422);
    EXPECT_EQ(result.json().at("error").at("details").at("field").as_string(), "from");
}

TEST_F(AuditApi, Paging) {
    const auto everything = list("?page_size=200");
    const long long all = total(everything);
    ASSERT_GE(all, 5);
    const auto first = list("?page_size=2");
    const auto second = list("?page_size=2&page=2");
    ASSERT_EQ(items(first).size(), 2u);
    ASSERT_EQ(items(second).size(), 2u);
    EXPECT_EQ(total(first), all);
    EXPECT_EQ(total(second), all);
    EXPECT_EQ(items(first)[0].at("id"), items(everything)[0].at("id"));
    EXPECT_EQ(items(first)[1].at("id"), items(everything)[1].at("id"));
    EXPECT_EQ(items(second)[0].at("id"), items(everything)[2].at("id"));
    EXPECT_EQ(items(second)[1].at("id"), items(everything)[3].at("id"));
    // Past the end: no items, the same total.
    const auto beyond = list("?page_size=2&page=100000");
    EXPECT_TRUE(items(beyond).empty());
    EXPECT_EQ(total(beyond), all);
}

TEST_F(AuditApi, VerificationReportsAnIntactChain) {
    const auto result = auditor.get("/api/v1/audit-events/verification");
    ASSERT_EQ(result.status, 200);
    const auto json = result.json().as_object();
    EXPECT_EQ(json.at("ok").as_bool(), true);
    EXPECT_EQ(json.at("checked").as_int64(), total(list("")));
    EXPECT_TRUE(json.at("first_broken_id").is_null());
}

}  // namespace
}  // namespace lianjian::testing
