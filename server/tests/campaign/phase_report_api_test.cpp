// Specification (DOMAIN.md "Oversight": 阶段汇报; docs/campaign.md "Phase reports"): the lead
// unit reports each phase of the year once for its alliance; its account is required and
// normalised; a unit reads its own alliance's reports, the committee and leaders all of them.
#include "campaign/campaign_fixture.hpp"

namespace lianjian::testing::campaign_support {
namespace {

using boost::json::object;

using PhaseReportApi = CampaignFixture;

TEST_F(PhaseReportApi, TheLeadUnitReportsEachPhaseOnce) {
    // Given the lead unit of 第二联盟,
    const long long second = alliance_id("第二联盟");
    auto lead = signed_in("zhengwu_admin");
    const object body{{"alliance_id", second},
                      {"year", 2026},
                      {"phase", "planning"},
                      {"account", "\u3000联盟召开首次联盟会议，确定年度活动计划。 "}};
    // when it reports on planning,
    const auto created = post_body(lead, "/api/v1/phase-reports", body);
    // then the report is stored with its account trimmed and who sent it,
    ASSERT_EQ(created.status, 201) << created.body;
    const auto json = created.json();
    EXPECT_EQ(json.at("account").as_string(), "联盟召开首次联盟会议，确定年度活动计划。");
    EXPECT_EQ(json.at("alliance").at("name").as_string(), "第二联盟");
    EXPECT_EQ(json.at("phase").as_string(), "planning");
    EXPECT_FALSE(json.at("submitted_by").at("name").as_string().empty());
    // a second report on the same phase is refused,
    const auto again = post_body(lead, "/api/v1/phase-reports", body);
    EXPECT_EQ(again.status, 409) << again.body;
    EXPECT_EQ(reason_of(again), "phase_report_exists");
    // and the submission is audited.
    EXPECT_EQ(audit_events("phase_report.submit", std::to_string(json.at("id").as_int64())).size(),
              1u);
}

TEST_F(PhaseReportApi, OnlyTheLeadUnitOfThatAllianceReports) {
    const long long second = alliance_id("第二联盟");
    const object body{
        {"alliance_id", second}, {"year", 2026}, {"phase", "summary"}, {"account", "总结"}};
    // A member unit of the alliance, and the lead of another alliance, are refused.
    for (const char* user : {"dangshi_admin", "bianban_admin"}) {
        auto unit = signed_in(user);
        const auto refused = post_body(unit, "/api/v1/phase-reports", body);
        EXPECT_EQ(refused.status, 403) << user << " " << refused.body;
    }
}

TEST_F(PhaseReportApi, TheAccountIsRequired) {
    auto lead = signed_in("zhengwu_admin");
    const auto empty = post_body(lead, "/api/v1/phase-reports",
                                 {{"alliance_id", alliance_id("第二联盟")},
                                  {"year", 2026},
                                  {"phase", "planning"},
                                  {"account", "  "}});
    EXPECT_EQ(empty.status, 422) << empty.body;
    EXPECT_EQ(field_of(empty), "account");
    const auto phase = post_body(lead, "/api/v1/phase-reports",
                                 {{"alliance_id", alliance_id("第二联盟")},
                                  {"year", 2026},
                                  {"phase", "autumn"},
                                  {"account", "汇报"}});
    EXPECT_EQ(phase.status, 422) << phase.body;
    EXPECT_EQ(field_of(phase), "phase");
}

TEST_F(PhaseReportApi, AUnitReadsItsOwnAlliancesReports) {
    // Given reports of 第二联盟 and 第三联盟,
    auto second = signed_in("zhengwu_admin");
    auto third = signed_in("bianban_admin");
    ASSERT_EQ(post_body(second, "/api/v1/phase-reports",
                        {{"alliance_id", alliance_id("第二联盟")},
                         {"year", 2026},
                         {"phase", "planning"},
                         {"account", "第二联盟汇报"}})
                  .status,
              201);
    ASSERT_EQ(post_body(third, "/api/v1/phase-reports",
                        {{"alliance_id", alliance_id("第三联盟")},
                         {"year", 2026},
                         {"phase", "planning"},
                         {"account", "第三联盟汇报"}})
                  .status,
              201);
    // then a member unit of 第二联盟 sees only its alliance's,
    auto member = signed_in("dangshi_admin");
    auto json = member.get("/api/v1/phase-reports?year=2026").json();
    ASSERT_EQ(json.at("total").as_int64(), 1);
    EXPECT_EQ(json.at("items").at(0).at("account").as_string(), "第二联盟汇报");
    // and the committee sees both, filtered by alliance and phase when asked.
    json = admin.get("/api/v1/phase-reports?year=2026&phase=planning").json();
    EXPECT_EQ(json.at("total").as_int64(), 2);
    json = admin.get("/api/v1/phase-reports?alliance_id=" + std::to_string(alliance_id("第三联盟")))
               .json();
    EXPECT_EQ(json.at("total").as_int64(), 1);
}

}  // namespace
}  // namespace lianjian::testing::campaign_support

namespace lianjian::testing::campaign_support {
namespace {

// A reminder is a to-do: it ends for the lead unit when the report it asks for is in (issue 9's
// "a to-do ends when anyone does the work", for issue 10's deadlines).
TEST_F(PhaseReportApi, SubmittingTheReportEndsItsReminders) {
    // Given 29 November, one day before the implementation phase's report falls due, when the
    // scheduler has reminded the lead units,
    const long long second = alliance_id("第二联盟");
    SetTime day_before("2026-11-29T01:00:00Z");
    programme_clock::set_time_source(&day_before);
    server.application().services().reminders.run_once();
    programme_clock::set_time_source(nullptr);
    auto lead = signed_in("zhengwu_admin");
    const auto open_reminders = [&]() {
        const auto result = lead.get("/api/v1/notifications?unread=true&page_size=100");
        EXPECT_EQ(result.status, 200) << result.body;
        long long count = 0;
        const auto json = result.json();
        for (const auto& item : json.at("items").as_array()) {
            count += item.at("kind") == "deadline.reminder" &&
                     item.at("object_type") == "report_implementation" &&
                     item.at("object_id").as_int64() == second;
        }
        return count;
    };
    ASSERT_EQ(open_reminders(), 1);
    // when 第二联盟's lead reports on the implementation phase,
    ASSERT_EQ(post_body(lead, "/api/v1/phase-reports",
                        {{"alliance_id", second},
                         {"year", 2026},
                         {"phase", "implementation"},
                         {"account", "五月至十一月开展联合活动十二次。"}})
                  .status,
              201);
    // then the reminder is resolved and no longer counts as unread.
    EXPECT_EQ(open_reminders(), 0);
}

}  // namespace
}  // namespace lianjian::testing::campaign_support
