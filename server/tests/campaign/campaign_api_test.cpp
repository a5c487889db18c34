// Specification (issue 10, points 1 and 6; docs/campaign.md "Campaign and deadlines"): the
// year's campaign over HTTP — default dates, the committee's changes (validated field by field,
// versioned, audited), the current phase at the day boundary in Asia/Shanghai, each alliance's
// deadlines with their status, and the home page's next deadline.
#include "campaign/campaign_fixture.hpp"

namespace lianjian::testing::campaign_support {
namespace {

using boost::json::array;
using boost::json::object;

object phases_body(const std::string& planning_end, const std::string& implementation_start,
                   std::optional<long long> version) {
    object body{
        {"phases",
         array{
             object{{"code", "planning"}, {"starts_on", "2026-04-01"}, {"ends_on", planning_end}},
             object{{"code", "implementation"},
                    {"starts_on", implementation_start},
                    {"ends_on", "2026-11-30"}},
             object{{"code", "summary"}, {"starts_on", "2026-12-01"}, {"ends_on", "2026-12-31"}}}},
        {"reminder_days", array{7, 1}}};
    if (version) {
        body["version"] = *version;
    }
    return body;
}

using CampaignApi = CampaignFixture;

TEST_F(CampaignApi, AYearNotSetUpAnswersTheDefaultDates) {
    // Given a year nobody has set up,
    const auto result = admin.get("/api/v1/campaigns/2031");
    // then it answers April, May–November, December, marked as not configured, with deadlines.
    ASSERT_EQ(result.status, 200) << result.body;
    const auto json = result.json();
    EXPECT_EQ(json.at("year").as_int64(), 2031);
    EXPECT_FALSE(json.at("configured").as_bool());
    EXPECT_EQ(json.at("phases").at(0).at("starts_on").as_string(), "2031-04-01");
    EXPECT_EQ(json.at("phases").at(1).at("ends_on").as_string(), "2031-11-30");
    EXPECT_EQ(json.at("phases").at(2).at("code").as_string(), "summary");
    EXPECT_TRUE(json.at("current_phase").is_null());
    EXPECT_EQ(json.at("reminder_days").as_array().size(), 2u);
    const auto& deadlines = json.at("deadlines").as_array();
    ASSERT_EQ(deadlines.size(), 4u);
    EXPECT_EQ(deadlines.at(0).at("code").as_string(), "plan_due");
    EXPECT_EQ(deadlines.at(0).at("due_on").as_string(), "2031-04-30");
    EXPECT_EQ(deadlines.at(3).at("code").as_string(), "report_summary");
}

TEST_F(CampaignApi, TheCommitteeMovesTheDatesWithVersionAndAudit) {
    // Given the demo's campaign of 2026 (version 1),
    const auto before = admin.get("/api/v1/campaigns/2026").json();
    ASSERT_TRUE(before.at("configured").as_bool());
    const auto version = before.at("version").as_int64();
    // when the committee ends planning on 25 April,
    const auto saved =
        put_body(admin, "/api/v1/campaigns/2026", phases_body("2026-04-25", "2026-04-26", version));
    // then the plan falls due that day, the version moves on,
    ASSERT_EQ(saved.status, 200) << saved.body;
    const auto json = saved.json();
    EXPECT_EQ(json.at("deadlines").at(0).at("due_on").as_string(), "2026-04-25");
    EXPECT_EQ(json.at("version").as_int64(), version + 1);
    // a second save with the old version is refused,
    const auto stale =
        put_body(admin, "/api/v1/campaigns/2026", phases_body("2026-04-24", "2026-04-25", version));
    EXPECT_EQ(stale.status, 409) << stale.body;
    // and the change is in the audit trail, field by field.
    const auto events = audit_events("campaign.update", "2026");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_NE(events.front().detail.find("\"field\":\"phases\""), std::string::npos)
        << events.front().detail;
}

TEST_F(CampaignApi, ANewYearIsCreatedByItsFirstSave) {
    const auto saved = put_body(admin, "/api/v1/campaigns/2027",
                                object{{"phases", array{object{{"code", "planning"},
                                                               {"starts_on", "2027-03-01"},
                                                               {"ends_on", "2027-04-15"}},
                                                        object{{"code", "implementation"},
                                                               {"starts_on", "2027-04-16"},
                                                               {"ends_on", "2027-11-30"}},
                                                        object{{"code", "summary"},
                                                               {"starts_on", "2027-12-01"},
                                                               {"ends_on", "2027-12-31"}}}},
                                       {"reminder_days", array{3}}});
    ASSERT_EQ(saved.status, 200) << saved.body;
    const auto json = admin.get("/api/v1/campaigns/2027").json();
    EXPECT_TRUE(json.at("configured").as_bool());
    EXPECT_EQ(json.at("version").as_int64(), 1);
    EXPECT_EQ(json.at("phases").at(0).at("starts_on").as_string(), "2027-03-01");
    EXPECT_EQ(json.at("reminder_days").at(0).as_int64(), 3);
    EXPECT_EQ(audit_events("campaign.create", "2027").size(), 1u);
}

TEST_F(CampaignApi, EveryWrongFieldIsReportedAtOnce) {
    // Given phases that overlap, a date outside the year, an unknown phase code and a reminder of
    // 90 days,
    const object body{
        {"phases",
         array{
             object{{"code", "planning"}, {"starts_on", "2026-04-01"}, {"ends_on", "2026-05-10"}},
             object{{"code", "doing"}, {"starts_on", "2026-05-01"}, {"ends_on", "2026-11-30"}},
             object{{"code", "summary"}, {"starts_on", "2026-12-01"}, {"ends_on", "2027-01-31"}}}},
        {"reminder_days", array{90, 1}},
        {"version", 1}};
    const auto result = put_body(admin, "/api/v1/campaigns/2026", body);
    // then one 422 names each of them.
    ASSERT_EQ(result.status, 422) << result.body;
    const auto fields = fields_of(result);
    const auto has = [&](const std::string& field) {
        return std::find(fields.begin(), fields.end(), field) != fields.end();
    };
    EXPECT_TRUE(has("phases[1].code")) << result.body;
    EXPECT_TRUE(has("phases[1].starts_on")) << result.body;
    EXPECT_TRUE(has("phases[2].ends_on")) << result.body;
    EXPECT_TRUE(has("reminder_days")) << result.body;
    // and nothing changed.
    EXPECT_EQ(admin.get("/api/v1/campaigns/2026").json().at("version").as_int64(), 1);
}

TEST_F(CampaignApi, OnlyTheCommitteeSetsTheDates) {
    auto lead = signed_in("zhengwu_admin");
    EXPECT_EQ(lead.get("/api/v1/campaigns/2026").status, 200);
    const auto refused =
        put_body(lead, "/api/v1/campaigns/2026", phases_body("2026-04-30", "2026-05-01", 1));
    EXPECT_EQ(refused.status, 403) << refused.body;
}

TEST_F(CampaignApi, At2330OnThe30thOfAprilInShanghaiItIsStillPlanning) {
    // Given 15:30 UTC on 30 April: 23:30 in Beijing,
    clock_at("2026-04-30T15:30:00Z");
    // then the campaign is still in planning,
    auto json = admin.get("/api/v1/campaigns/2026").json();
    EXPECT_EQ(json.at("current_phase").as_string(), "planning");
    EXPECT_EQ(admin.get("/api/v1/home/campaign").json().at("current_phase").as_string(),
              "planning");
    // and at 16:00 UTC (midnight in Beijing) implementation has begun.
    clock_at("2026-04-30T16:00:00Z");
    json = admin.get("/api/v1/campaigns/2026").json();
    EXPECT_EQ(json.at("current_phase").as_string(), "implementation");
}

TEST_F(CampaignApi, DeadlinesShowEachAlliancesStatusAndOverdueCount) {
    // Given 第二联盟 submitted its plan at 23:30 on 30 April (Beijing) and 第三联盟 on 2 May,
    const long long second = alliance_id("第二联盟");
    const long long third = alliance_id("第三联盟");
    submitted_plan(second, 2026, "2026-04-30T15:30:00.000Z");
    submitted_plan(third, 2026, "2026-05-02T01:00:00.000Z");
    // and 第二联盟 reported on planning on 29 April,
    clock_at("2026-04-29T02:00:00Z");
    auto lead = signed_in("zhengwu_admin");
    ASSERT_EQ(post_body(lead, "/api/v1/phase-reports",
                        {{"alliance_id", second},
                         {"year", 2026},
                         {"phase", "planning"},
                         {"account", "联盟已确认成员单位，完成需求摸底。"}})
                  .status,
              201);
    // when the committee looks on 10 May,
    clock_at("2026-05-10T02:00:00Z");
    const auto result = admin.get("/api/v1/campaigns/2026/deadlines");
    ASSERT_EQ(result.status, 200) << result.body;
    const auto json = result.json();
    ASSERT_EQ(json.at("deadlines").as_array().size(), 4u);
    std::map<std::string, boost::json::object> by_name;
    for (const auto& row : json.at("alliances").as_array()) {
        by_name[std::string(row.at("alliance").at("name").as_string())] = row.as_object();
    }
    ASSERT_EQ(by_name.size(), 3u) << result.body;
    const auto status = [&](const std::string& alliance, std::size_t index) {
        return std::string(by_name[alliance].at("items").at(index).at("status").as_string());
    };
    // then 第二联盟 did its plan and its report on time,
    EXPECT_EQ(status("第二联盟", 0), "done");
    EXPECT_EQ(status("第二联盟", 1), "done");
    EXPECT_FALSE(by_name["第二联盟"].at("items").at(1).at("done_at").is_null());
    EXPECT_EQ(by_name["第二联盟"].at("overdue").as_int64(), 0);
    EXPECT_EQ(status("第二联盟", 2), "pending");
    // 第三联盟's plan was late and its report is overdue,
    EXPECT_EQ(status("第三联盟", 0), "done_late");
    EXPECT_EQ(status("第三联盟", 1), "overdue");
    EXPECT_EQ(by_name["第三联盟"].at("overdue").as_int64(), 1);
    // and 第一联盟 is overdue on both.
    EXPECT_EQ(status("第一联盟", 0), "overdue");
    EXPECT_EQ(by_name["第一联盟"].at("overdue").as_int64(), 2);
}

TEST_F(CampaignApi, AUnitSeesOnlyItsOwnAlliancesDeadlines) {
    for (const char* user : {"zhengwu_admin", "dangshi_admin"}) {
        auto unit = signed_in(user);
        const auto json = unit.get("/api/v1/campaigns/2026/deadlines").json();
        ASSERT_EQ(json.at("alliances").as_array().size(), 1u) << user;
        EXPECT_EQ(json.at("alliances").at(0).at("alliance").at("name").as_string(), "第二联盟");
    }
    auto viewer = signed_in("viewer");
    EXPECT_EQ(
        viewer.get("/api/v1/campaigns/2026/deadlines").json().at("alliances").as_array().size(),
        3u);
}

TEST_F(CampaignApi, TheLeadUnitsHomeShowsItsAlliancesNextDeadline) {
    // Given 20 April: planning, ten days before the plan falls due,
    clock_at("2026-04-20T02:00:00Z");
    auto lead = signed_in("zhengwu_admin");
    auto json = lead.get("/api/v1/home/campaign").json();
    EXPECT_EQ(json.at("year").as_int64(), 2026);
    EXPECT_EQ(json.at("current_phase").as_string(), "planning");
    EXPECT_EQ(json.at("phase_ends_on").as_string(), "2026-04-30");
    EXPECT_EQ(json.at("next_deadline").at("code").as_string(), "plan_due");
    EXPECT_EQ(json.at("next_deadline").at("days_left").as_int64(), 10);
    EXPECT_EQ(json.at("next_deadline").at("alliance").at("name").as_string(), "第二联盟");
    // once its plan is submitted, the next one is the planning report;
    submitted_plan(alliance_id("第二联盟"), 2026, "2026-04-19T02:00:00.000Z");
    json = lead.get("/api/v1/home/campaign").json();
    EXPECT_EQ(json.at("next_deadline").at("code").as_string(), "report_planning");
    // the committee sees the campaign's next deadline, for no alliance in particular.
    json = admin.get("/api/v1/home/campaign").json();
    EXPECT_EQ(json.at("next_deadline").at("code").as_string(), "plan_due");
    EXPECT_TRUE(json.at("next_deadline").at("alliance").is_null());
}

}  // namespace
}  // namespace lianjian::testing::campaign_support
