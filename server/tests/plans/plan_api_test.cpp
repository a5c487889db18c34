// Specification: annual plans over HTTP (docs/campaign.md "Annual plans"). The lead unit writes
// and submits, the committee approves or returns with an opinion, an approved plan is revised as
// a new version and every version is kept and comparable; a member unit never writes, a unit of
// another alliance never reads, a viewer reads everything and writes nothing.
#include "plans/plan_fixture.hpp"

namespace lianjian::testing::plan_support {
namespace {

using PlanApi = PlanFixture;

TEST_F(PlanApi, TheLeadWritesSubmitsIsReturnedRevisesAndIsApprovedWithEveryVersionKept) {
    // Given 第一联盟's new plan for next year,
    const long long id = new_plan();
    auto created = plan(lead, id);
    EXPECT_EQ(str(created.at("state")), "draft");
    EXPECT_EQ(created.at("version_number").as_int64(), 1);
    EXPECT_EQ(strings(created.at("actions")), (std::vector<std::string>{"edit", "submit"}));
    // when the lead writes four linkages,
    const auto written = write_four(id);
    ASSERT_EQ(written.status, 200) << written.body;
    // then the grid counts them and warns about the other two,
    const auto coverage = written.json().at("coverage");
    EXPECT_EQ(strings(coverage.at("missing_linkages")),
              (std::vector<std::string>{"team_building", "conduct_discipline"}));
    EXPECT_NE(str(coverage.at("warning")).find("党员队伍联建"), std::string::npos);
    EXPECT_EQ(coverage.at("cells").as_array().size(), 72u);
    EXPECT_EQ(written.json().at("items").as_array().size(), 4u);
    EXPECT_EQ(str(written.json().at("contacts").at(0).at("name")), "李明");
    // and when it submits, the committee may approve or return it and the lead nothing.
    auto submitted = lead.post(path(id, "submit"));
    ASSERT_EQ(submitted.status, 200) << submitted.body;
    EXPECT_EQ(str(submitted.json().at("state")), "submitted");
    EXPECT_TRUE(submitted.json().at("actions").as_array().empty());
    EXPECT_EQ(strings(plan(admin, id).at("actions")),
              (std::vector<std::string>{"approve", "return"}));
    // When the committee returns it with an opinion,
    auto returned = post_body(admin, path(id, "return"), {{"opinion", "请补充党员队伍联建活动"}});
    ASSERT_EQ(returned.status, 200) << returned.body;
    EXPECT_EQ(str(returned.json().at("state")), "returned");
    const auto steps = returned.json().at("steps").as_array();
    EXPECT_EQ(str(steps.back().at("action")), "return");
    EXPECT_EQ(str(steps.back().at("opinion")), "请补充党员队伍联建活动");
    // then the lead edits it (keeping the ids of its items) and resubmits, and it is approved.
    auto items = plan(lead, id).at("items").as_array();
    items[0].as_object()["month"] = 9;
    items.emplace_back(item("党员理论小轮训", "team_building", 10, gongwei));
    boost::json::array sent;
    for (const auto& existing : items) {
        auto object = existing.as_object();
        if (object.contains("host_unit") && object.at("host_unit").is_object()) {
            const boost::json::value host_id = object.at("host_unit").at("id");
            object["host_unit_id"] = host_id;
        }
        boost::json::array units;
        if (object.contains("participating_units")) {
            for (const auto& unit : object.at("participating_units").as_array()) {
                units.push_back(unit.at("id"));
            }
            object["participating_unit_ids"] = std::move(units);
        }
        sent.push_back(std::move(object));
    }
    const auto edited = put_body(lead, path(id), {{"items", sent}});
    ASSERT_EQ(edited.status, 200) << edited.body;
    // The edit opens version 2 as a draft; version 1 stays returned, as the committee saw it.
    EXPECT_EQ(str(edited.json().at("state")), "draft");
    EXPECT_EQ(edited.json().at("version_number").as_int64(), 2);
    EXPECT_EQ(str(lead.get(path(id, "versions/1")).json().at("state")), "returned");
    ASSERT_EQ(lead.post(path(id, "submit")).status, 200);
    auto approved = post_body(admin, path(id, "approve"), {{"opinion", "同意"}});
    ASSERT_EQ(approved.status, 200) << approved.body;
    EXPECT_EQ(str(approved.json().at("state")), "approved");
    EXPECT_EQ(strings(plan(lead, id).at("actions")), std::vector<std::string>{"revise"});
    // When the approved plan is revised, version 3 opens as a draft with the items copied,
    auto revised = lead.post(path(id, "revise"));
    ASSERT_EQ(revised.status, 200) << revised.body;
    EXPECT_EQ(revised.json().at("version_number").as_int64(), 3);
    EXPECT_EQ(str(revised.json().at("state")), "draft");
    EXPECT_EQ(revised.json().at("items").as_array().size(), 5u);
    // and the history keeps version 1 returned and version 2 approved.
    const auto versions = lead.get(path(id, "versions"));
    ASSERT_EQ(versions.status, 200) << versions.body;
    const auto history = versions.json().at("items").as_array();
    ASSERT_EQ(history.size(), 3u);
    EXPECT_EQ(str(history[0].at("state")), "returned");
    EXPECT_EQ(str(history[1].at("state")), "approved");
    EXPECT_EQ(str(history[2].at("state")), "draft");
    EXPECT_EQ(versions.json().at("total").as_int64(), 3);
    const auto first_version = lead.get(path(id, "versions/2"));
    ASSERT_EQ(first_version.status, 200) << first_version.body;
    EXPECT_EQ(str(first_version.json().at("state")), "approved");
    EXPECT_TRUE(first_version.json().at("actions").as_array().empty());
    // When version 2 drops one item and moves another, the comparison shows it by lineage.
    auto second_items = revised.json().at("items").as_array();
    boost::json::array kept;
    for (std::size_t index = 1; index < second_items.size(); ++index) {
        const auto& existing = second_items[index];
        boost::json::object object{{"id", existing.at("id")},
                                   {"theme", existing.at("theme")},
                                   {"linkage", existing.at("linkage")},
                                   {"kind", existing.at("kind")},
                                   {"month", index == 1 ? 12 : existing.at("month").as_int64()},
                                   {"place", existing.at("place")}};
        kept.push_back(std::move(object));
    }
    ASSERT_EQ(put_body(lead, path(id), {{"items", kept}}).status, 200);
    const auto compared = lead.get(path(id, "compare?from=2&to=3"));
    ASSERT_EQ(compared.status, 200) << compared.body;
    const auto comparison = compared.json();
    EXPECT_EQ(comparison.at("removed").as_array().size(), 1u);
    EXPECT_TRUE(comparison.at("added").as_array().empty());
    ASSERT_FALSE(comparison.at("changed").as_array().empty());
    EXPECT_EQ(str(comparison.at("changed").at(0).at("fields").at(0)), "month");
    EXPECT_EQ(comparison.at("changed").at(0).at("after").at("month").as_int64(), 12);
}

TEST_F(PlanApi, ASecondPlanForTheSameYearIsAConflict) {
    const long long id = new_plan();
    const auto again = post_body(lead, "/api/v1/plans", {{"alliance_id", first}, {"year", year}});
    EXPECT_EQ(again.status, 409) << again.body;
    EXPECT_EQ(str(again.json().at("error").at("details").at("reason")), "plan_exists");
    EXPECT_EQ(again.json().at("error").at("details").at("plan_id").as_int64(), id);
}

TEST_F(PlanApi, AMemberUnitThatDoesNotLeadNeitherCreatesNorEditsNorSubmits) {
    // Given 第一联盟's plan, when 区审计局 (a member, not the lead) tries to write it, it is
    // refused;
    EXPECT_EQ(
        post_body(member_unit, "/api/v1/plans", {{"alliance_id", first}, {"year", year}}).status,
        403);
    const long long id = new_plan();
    ASSERT_EQ(write_four(id).status, 200);
    EXPECT_EQ(put_body(member_unit, path(id), {{"items", boost::json::array{}}}).status, 403);
    EXPECT_EQ(member_unit.post(path(id, "submit")).status, 403);
    // but it reads its alliance's plan, with no actions.
    const auto read = plan(member_unit, id);
    EXPECT_TRUE(read.at("actions").as_array().empty());
    // A party member of the lead unit cannot write either.
    new_account("gongwei_member", accounts::Role::member, gongwei);
    auto party_member = signed_in("gongwei_member");
    EXPECT_EQ(party_member.post(path(id, "submit")).status, 403);
    EXPECT_EQ(plan(party_member, id).at("id").as_int64(), id);
    EXPECT_EQ(str(plan(lead, id).at("state")), "draft");
}

TEST_F(PlanApi, AUnitOfAnotherAllianceCannotReadTheDraft) {
    const long long id = new_plan();
    // When 第二联盟's lead asks for 第一联盟's draft, it is refused, and its list leaves it out.
    const auto read = other_lead.get(path(id));
    EXPECT_EQ(read.status, 403) << read.body;
    EXPECT_EQ(other_lead.get(path(id, "versions")).status, 403);
    EXPECT_EQ(other_lead.get(path(id, "compare?from=1&to=1")).status, 403);
    const auto list = other_lead.get("/api/v1/plans?year=" + std::to_string(year));
    ASSERT_EQ(list.status, 200);
    EXPECT_EQ(list.json().at("total").as_int64(), 0);
    const auto asked = other_lead.get("/api/v1/plans?alliance_id=" + std::to_string(first));
    EXPECT_EQ(asked.json().at("total").as_int64(), 0);
    // Nor may it write to it.
    EXPECT_EQ(other_lead.post(path(id, "submit")).status, 403);
}

TEST_F(PlanApi, AViewerReadsEverythingAndWritesNothing) {
    const long long id = new_plan();
    ASSERT_EQ(write_four(id).status, 200);
    const auto read = plan(viewer, id);
    EXPECT_TRUE(read.at("actions").as_array().empty());
    const auto list = viewer.get("/api/v1/plans?year=" + std::to_string(year));
    EXPECT_EQ(list.json().at("total").as_int64(), 1);
    EXPECT_EQ(put_body(viewer, path(id), {{"items", boost::json::array{}}}).status, 403);
    EXPECT_EQ(viewer.post(path(id, "submit")).status, 403);
    ASSERT_EQ(lead.post(path(id, "submit")).status, 200);
    EXPECT_EQ(post_body(viewer, path(id, "approve"), {{"opinion", "同意"}}).status, 403);
    EXPECT_EQ(post_body(viewer, path(id, "return"), {{"opinion", "退回"}}).status, 403);
    EXPECT_EQ(post_body(viewer, "/api/v1/plans", {{"alliance_id", second}, {"year", year}}).status,
              403);
}

TEST_F(PlanApi, EveryItemProblemIsAnsweredAtOnceWithItsIndex) {
    const long long id = new_plan();
    auto bad = item("", "friendship", 13, unit_id("区政务服务中心"));
    bad["planned_on"] = std::to_string(year) + "-02-30";
    auto wrong_month = item("共过主题党日", "theory_study", 7);
    wrong_month["planned_on"] = std::to_string(year) + "-08-01";
    const auto result = put_body(
        lead, path(id),
        {{"items", boost::json::array{item("好的", "theory_study", 5), bad, wrong_month}}});
    ASSERT_EQ(result.status, 422) << result.body;
    std::vector<std::string> fields;
    const boost::json::array problems =
        result.json().at("error").at("details").at("fields").as_array();
    for (const auto& entry : problems) {
        fields.push_back(str(entry.at("field")));
    }
    for (const char* expected :
         {"items[1].theme", "items[1].linkage", "items[1].month", "items[1].planned_on",
          "items[1].host_unit_id", "items[2].planned_on"}) {
        EXPECT_NE(std::find(fields.begin(), fields.end(), expected), fields.end()) << expected;
    }
    EXPECT_NE(result.json().at("error").at("message").as_string().find("第 2 项活动"),
              std::string::npos);
    // and nothing was saved.
    EXPECT_TRUE(plan(lead, id).at("items").as_array().empty());
}

TEST_F(PlanApi, AnItemWithoutAHostTakesTheRotationsHost) {
    const long long id = new_plan();
    const auto result = put_body(
        lead, path(id), {{"items", boost::json::array{item("联盟会议", "theory_study", 5)}}});
    ASSERT_EQ(result.status, 200) << result.body;
    const auto host = result.json().at("items").at(0).at("host_unit");
    ASSERT_TRUE(host.is_object()) << result.body;
    const auto members = member_ids(alliance_json(first));
    EXPECT_TRUE(contains(members, host.at("id").as_int64()));
}

TEST_F(PlanApi, OnlyADraftOrAReturnedPlanChangesAndAReturnNeedsAnOpinion) {
    const long long id = new_plan();
    // An empty plan is not submitted.
    EXPECT_EQ(lead.post(path(id, "submit")).status, 422);
    ASSERT_EQ(write_four(id).status, 200);
    ASSERT_EQ(lead.post(path(id, "submit")).status, 200);
    EXPECT_EQ(write_four(id).status, 409);
    EXPECT_EQ(lead.post(path(id, "revise")).status, 409);
    const auto no_opinion = post_body(admin, path(id, "return"), {{"opinion", "  "}});
    EXPECT_EQ(no_opinion.status, 422) << no_opinion.body;
    EXPECT_EQ(field_of(no_opinion), "opinion");
    // A stale row version is a conflict.
    ASSERT_EQ(post_body(admin, path(id, "return"), {{"opinion", "请补充"}}).status, 200);
    const auto stale =
        put_body(lead, path(id), {{"items", boost::json::array{}}, {"row_version", 1}});
    EXPECT_EQ(stale.status, 409) << stale.body;
}

TEST_F(PlanApi, SubmitNotifiesTheCommitteeAndTheDecisionTheLeadAndEveryStepIsAudited) {
    const long long id = new_plan();
    ASSERT_EQ(write_four(id).status, 200);
    ASSERT_EQ(lead.post(path(id, "submit")).status, 200);
    const auto committee_inbox = admin.get("/api/v1/notifications");
    EXPECT_NE(committee_inbox.body.find("plan.submitted"), std::string::npos);
    EXPECT_NE(committee_inbox.body.find(path(id).substr(7)), std::string::npos);
    ASSERT_EQ(post_body(admin, path(id, "approve"), {{"opinion", "同意"}}).status, 200);
    const auto lead_inbox = lead.get("/api/v1/notifications");
    EXPECT_NE(lead_inbox.body.find("plan.decided"), std::string::npos);
    for (const char* action : {"plan.create", "plan.edit", "plan.submit", "plan.approve"}) {
        EXPECT_EQ(audit_events(action, std::to_string(id)).size(), 1u) << action;
    }
}

TEST_F(PlanApi, TheDemoShowsTheThreeStates) {
    // Given the demo's current year, the committee's list shows each alliance's plan,
    const auto list = admin.get("/api/v1/plans?year=" + std::to_string(current_year()));
    ASSERT_EQ(list.status, 200) << list.body;
    std::map<std::string, boost::json::value> by_alliance;
    const boost::json::array listed = list.json().at("items").as_array();
    for (const auto& entry : listed) {
        by_alliance[str(entry.at("alliance").at("name"))] = entry;
    }
    ASSERT_EQ(by_alliance.size(), 3u) << list.body;
    // 第一联盟 approved at version 2, 第二联盟 returned and missing two linkages, 第三联盟
    // submitted.
    EXPECT_EQ(str(by_alliance["第一联盟"].at("state")), "approved");
    EXPECT_EQ(by_alliance["第一联盟"].at("version_number").as_int64(), 2);
    EXPECT_EQ(str(by_alliance["第二联盟"].at("state")), "returned");
    EXPECT_EQ(strings(by_alliance["第二联盟"].at("missing_linkages")),
              (std::vector<std::string>{"team_building", "conduct_discipline"}));
    EXPECT_EQ(str(by_alliance["第三联盟"].at("state")), "submitted");
    // and 第一联盟's two versions differ by a moved and an added item.
    const long long id = by_alliance["第一联盟"].at("id").as_int64();
    const auto compared = admin.get(path(id, "compare?from=1&to=2"));
    ASSERT_EQ(compared.status, 200) << compared.body;
    EXPECT_EQ(compared.json().at("added").as_array().size(), 1u);
    EXPECT_EQ(compared.json().at("changed").as_array().size(), 1u);
    EXPECT_TRUE(compared.json().at("removed").as_array().empty());
    const long long returned = by_alliance["第二联盟"].at("id").as_int64();
    const auto steps = plan(admin, returned).at("steps").as_array();
    EXPECT_FALSE(str(steps.back().at("opinion")).empty());
}

}  // namespace
}  // namespace lianjian::testing::plan_support

namespace lianjian::testing::plan_support {
namespace {

// Issue 10 point 1 with issue 9's "a to-do ends when anyone does the work": the scheduler's
// reminder of the plan deadline ends when the lead submits the plan, and the committee's request
// to review ends when one committee account has reviewed it.
class FixedInstant : public TimeSource {
  public:
    explicit FixedInstant(const std::string& instant) : at_(parse_timestamp(instant, "t")) {}
    TimePoint now() const override { return at_; }

  private:
    TimePoint at_;
};

// The caller's notifications of `kind` about (object_type, object_id).
std::vector<boost::json::value> notifications(HttpClient& client, const std::string& kind,
                                              const std::string& object_type, long long object_id) {
    const auto result = client.get("/api/v1/notifications?page_size=100");
    EXPECT_EQ(result.status, 200) << result.body;
    std::vector<boost::json::value> found;
    const auto json = result.json();
    for (const auto& item : json.at("items").as_array()) {
        if (item.at("kind") == kind.c_str() && item.at("object_type") == object_type.c_str() &&
            item.at("object_id").as_int64() == object_id) {
            found.push_back(item);
        }
    }
    return found;
}

TEST_F(PlanApi, SubmittingThePlanEndsItsRemindersAndReviewingEndsTheRequestToReview) {
    // Given 第一联盟's plan for next year being written, and the scheduler run on 23 April of that
    // year (7 days before the plan falls due),
    const long long id = new_plan();
    ASSERT_EQ(write_four(id).status, 200);
    FixedInstant april(std::to_string(year) + "-04-23T01:00:00Z");
    programme_clock::set_time_source(&april);
    const auto run = server.application().services().reminders.run_once();
    programme_clock::set_time_source(nullptr);
    ASSERT_GT(run.sent, 0);
    auto reminded = notifications(lead, "deadline.reminder", "plan_due", first);
    ASSERT_EQ(reminded.size(), 1u);
    EXPECT_TRUE(reminded[0].at("resolved_at").is_null());
    const auto others = notifications(other_lead, "deadline.reminder", "plan_due", second);
    ASSERT_EQ(others.size(), 1u);
    // when the lead submits the plan,
    ASSERT_EQ(lead.post(path(id, "submit")).status, 200);
    // then its reminder is resolved and no longer unread, while 第二联盟's stays open,
    reminded = notifications(lead, "deadline.reminder", "plan_due", first);
    ASSERT_EQ(reminded.size(), 1u);
    EXPECT_FALSE(reminded[0].at("resolved_at").is_null());
    EXPECT_TRUE(notifications(other_lead, "deadline.reminder", "plan_due", second)[0]
                    .at("resolved_at")
                    .is_null());
    // and the committee's request to review ends once the plan is returned.
    auto asked = notifications(admin, "plan.submitted", "plan", id);
    ASSERT_EQ(asked.size(), 1u);
    EXPECT_TRUE(asked[0].at("resolved_at").is_null());
    ASSERT_EQ(post_body(admin, path(id, "return"), {{"opinion", "请补充时间安排"}}).status, 200);
    asked = notifications(admin, "plan.submitted", "plan", id);
    EXPECT_FALSE(asked[0].at("resolved_at").is_null());
}

}  // namespace
}  // namespace lianjian::testing::plan_support
