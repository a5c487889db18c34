// Specification: the application workflow of DOMAIN.md on both databases. join: the unit applies,
// the target alliance's lead unit consults (agree/disagree + opinion), the committee approves or
// rejects; found: every co-applicant confirms, the committee approves, a new alliance is created
// with the named lead; leave: the same path as join. Withdrawn by the applicant from any open
// state. Every step records who, when and the opinion; approval changes membership in the same
// transaction.
#include "applications/application_fixture.hpp"

#include <latch>
#include <thread>

namespace lianjian::testing::alliance_support {
namespace {

using boost::json::array;
using boost::json::object;

class ApplicationWorkflow : public ApplicationFixture {
  protected:
    std::vector<std::string> actions_of(const boost::json::value& application) {
        std::vector<std::string> actions;
        for (const auto& action : application.at("available_actions").as_array())
            actions.push_back(str(action));
        return actions;
    }

    long long user_id(const std::string& username) {
        storage::Connection connection(services().database);
        long long id = 0;
        connection.session() << "SELECT id FROM app_user WHERE username = :u", soci::use(username),
            soci::into(id);
        return id;
    }
};

TEST_F(ApplicationWorkflow, ApprovedJoinMakesTheUnitAMemberThatDay) {
    // Given 区档案馆 applies to join 第三联盟,
    const auto submitted = submit_join(applicant, dangan, third);
    ASSERT_EQ(submitted.status, 201) << submitted.body;
    const auto created = submitted.json();
    const long long id = created.at("id").as_int64();
    EXPECT_EQ(created.at("kind").as_string(), "join");
    EXPECT_EQ(created.at("state").as_string(), "consulting");
    EXPECT_EQ(created.at("alliance").at("id").as_int64(), third);
    EXPECT_EQ(created.at("applicant_unit").at("id").as_int64(), dangan);
    EXPECT_EQ(actions_of(created), std::vector<std::string>{"withdraw"});
    EXPECT_EQ(actions_of(lead.get(path(id)).json()), std::vector<std::string>{"consult"});
    EXPECT_FALSE(contains(member_ids(alliance_json(third)), dangan))
        << "nothing changes before approval";

    // when the lead unit agrees and the committee approves,
    const auto consulted = consult(lead, id, true, "同意，欢迎加入");
    ASSERT_EQ(consulted.status, 200) << consulted.body;
    EXPECT_EQ(consulted.json().at("state").as_string(), "under_review");
    EXPECT_FALSE(contains(member_ids(alliance_json(third)), dangan))
        << "the lead's consent is not approval";
    EXPECT_EQ(actions_of(application(id)), std::vector<std::string>{"decide"});
    const auto decided = decide(admin, id, true, "批准加入第三联盟");
    ASSERT_EQ(decided.status, 200) << decided.body;

    // then the application is approved and closed, with its three steps, each with who and opinion,
    const auto approved = decided.json();
    EXPECT_EQ(approved.at("state").as_string(), "approved");
    EXPECT_FALSE(approved.at("closed_at").is_null());
    EXPECT_TRUE(approved.at("available_actions").as_array().empty());
    const auto& steps = approved.at("steps").as_array();
    ASSERT_EQ(steps.size(), 3u) << approved;
    EXPECT_EQ(steps[0].at("action").as_string(), "submit");
    EXPECT_EQ(steps[0].at("user").at("id").as_int64(), user_id("dangan_admin"));
    EXPECT_EQ(steps[0].at("opinion").as_string(), "办公地点相邻，申请加入");
    EXPECT_EQ(steps[0].at("state_after").as_string(), "consulting");
    EXPECT_EQ(steps[1].at("action").as_string(), "consult");
    EXPECT_EQ(steps[1].at("user").at("id").as_int64(), user_id("bianban_admin"));
    EXPECT_EQ(steps[1].at("unit").at("id").as_int64(), bianban);
    EXPECT_EQ(steps[1].at("agree"), true);
    EXPECT_EQ(steps[1].at("opinion").as_string(), "同意，欢迎加入");
    EXPECT_EQ(steps[1].at("state_after").as_string(), "under_review");
    EXPECT_EQ(steps[2].at("action").as_string(), "decide");
    EXPECT_EQ(steps[2].at("user").at("id").as_int64(), user_id("admin"));
    EXPECT_EQ(steps[2].at("agree"), true);
    EXPECT_EQ(steps[2].at("opinion").as_string(), "批准加入第三联盟");
    EXPECT_EQ(steps[2].at("state_after").as_string(), "approved");
    for (const auto& step : steps) EXPECT_FALSE(step.at("created_at").as_string().empty());

    // and the unit is a member from today: in the members, the timeline and the hosting order.
    const auto detail = alliance_json(third);
    bool member = false;
    for (const auto& entry : detail.at("members").as_array()) {
        if (entry.at("unit").at("id").as_int64() == dangan) {
            member = true;
            EXPECT_EQ(entry.at("joined_on").as_string(), today_date());
            EXPECT_EQ(entry.at("role").as_string(), "member");
        }
    }
    EXPECT_TRUE(member);
    bool joined = false;
    for (const auto& event : detail.at("events").as_array()) {
        if (event.at("kind") == "joined" && event.at("unit").at("id").as_int64() == dangan) {
            joined = true;
            EXPECT_NE(event.at("reason").as_string().find(std::to_string(id)), std::string::npos)
                << "the timeline names the application";
        }
    }
    EXPECT_TRUE(joined);
    EXPECT_TRUE(contains(int_array(detail.at("rotation_order")), dangan));
    EXPECT_TRUE(contains(int_array(rotation_json(third, current_year()).at("order")), dangan));
    EXPECT_EQ(open_memberships(dangan), 1);
    // The applicant sees it too.
    EXPECT_EQ(applicant.get(path(id)).json().at("state").as_string(), "approved");
}

TEST_F(ApplicationWorkflow, LeadUnitDisagreeingRejectsIt) {
    const long long id = join_application();
    // Disagreeing needs an opinion.
    const auto bare = consult(lead, id, false, "");
    EXPECT_EQ(bare.status, 422);
    EXPECT_EQ(field_of(bare), "opinion");
    EXPECT_EQ(state_of(id), "consulting");

    const auto refused = consult(lead, id, false, "本联盟成员已满");
    ASSERT_EQ(refused.status, 200) << refused.body;
    const auto rejected = refused.json();
    EXPECT_EQ(rejected.at("state").as_string(), "rejected");
    EXPECT_FALSE(rejected.at("closed_at").is_null());
    ASSERT_EQ(rejected.at("steps").as_array().size(), 2u);
    EXPECT_EQ(rejected.at("steps").at(1).at("agree"), false);
    EXPECT_EQ(rejected.at("steps").at(1).at("opinion").as_string(), "本联盟成员已满");
    EXPECT_EQ(open_memberships(dangan), 0);
    EXPECT_EQ(decide(admin, id, true, "").status, 409) << "a rejected application is closed";
    // The unit may apply again.
    EXPECT_EQ(submit_join(applicant, dangan, third).status, 201);
}

TEST_F(ApplicationWorkflow, CommitteeRejectingAtDecisionLeavesNoMembership) {
    const long long id = application_under_review();
    const auto bare = decide(admin, id, false, "");
    EXPECT_EQ(bare.status, 422);
    EXPECT_EQ(field_of(bare), "opinion");
    const auto decided = decide(admin, id, false, "建议就近加入第二联盟");
    ASSERT_EQ(decided.status, 200) << decided.body;
    EXPECT_EQ(decided.json().at("state").as_string(), "rejected");
    EXPECT_EQ(decided.json().at("steps").at(2).at("agree"), false);
    EXPECT_EQ(open_memberships(dangan), 0);
    EXPECT_FALSE(contains(member_ids(alliance_json(third)), dangan));
    EXPECT_EQ(decide(admin, id, true, "改为批准").status, 409);
    EXPECT_EQ(open_memberships(dangan), 0);
}

TEST_F(ApplicationWorkflow, TheApplicantMayWithdrawAndThenNothingMoreHappens) {
    const long long id = join_application();
    // Only the applicant withdraws.
    EXPECT_EQ(withdraw(lead, id).status, 403);
    EXPECT_EQ(withdraw(admin, id).status, 403);
    const auto withdrawn = withdraw(applicant, id, "暂缓申请");
    ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
    EXPECT_EQ(withdrawn.json().at("state").as_string(), "withdrawn");
    EXPECT_FALSE(withdrawn.json().at("closed_at").is_null());
    const auto withdrawn_json = withdrawn.json();
    const auto& steps = withdrawn_json.at("steps").as_array();
    ASSERT_EQ(steps.size(), 2u);
    EXPECT_EQ(steps[1].at("action").as_string(), "withdraw");
    EXPECT_EQ(steps[1].at("opinion").as_string(), "暂缓申请");

    EXPECT_EQ(consult(lead, id, true, "同意").status, 409);
    EXPECT_EQ(decide(admin, id, true, "").status, 409);
    EXPECT_EQ(withdraw(applicant, id).status, 409);
    EXPECT_EQ(state_of(id), "withdrawn");
    EXPECT_EQ(open_memberships(dangan), 0);

    // Also from under_review.
    const long long second = application_under_review();
    ASSERT_EQ(withdraw(applicant, second).status, 200);
    EXPECT_EQ(decide(admin, second, true, "").status, 409);
    EXPECT_EQ(open_memberships(dangan), 0);
}

TEST_F(ApplicationWorkflow, FoundingWithEveryCoApplicantConfirmingCreatesTheAlliance) {
    const long long b = new_unit("区地方志办");
    const long long c = new_unit("区机关事务中心");
    new_account("fangzhi_admin", accounts::Role::unit_admin, b);
    new_account("jiguan_admin", accounts::Role::unit_admin, c);
    auto b_admin = signed_in("fangzhi_admin");
    auto c_admin = signed_in("jiguan_admin");
    const long long area = office_area_id("人防大楼办公区");

    const auto submitted = post_body(applicant, "/api/v1/applications",
                                     {{"kind", "found"},
                                      {"unit_id", dangan},
                                      {"name", "第四联盟"},
                                      {"office_area_id", area},
                                      {"lead_unit_id", b},
                                      {"co_applicant_unit_ids", array{b, c}},
                                      {"rotation_mode", "per_quarter"},
                                      {"reason", "同在人防大楼，联合组建"}});
    ASSERT_EQ(submitted.status, 201) << submitted.body;
    const long long id = submitted.json().at("id").as_int64();
    EXPECT_EQ(submitted.json().at("state").as_string(), "consulting");
    EXPECT_EQ(submitted.json().at("name").as_string(), "第四联盟");
    std::map<long long, std::string> confirmations;
    const auto submitted_json = submitted.json();
    for (const auto& co : submitted_json.at("co_applicants").as_array()) {
        confirmations[co.at("unit").at("id").as_int64()] = str(co.at("confirmation"));
    }
    EXPECT_EQ(confirmations, (std::map<long long, std::string>{
                                 {dangan, "agreed"}, {b, "pending"}, {c, "pending"}}));
    EXPECT_EQ(actions_of(b_admin.get(path(id)).json()), std::vector<std::string>{"confirm"});

    // The committee cannot decide before everyone has confirmed; the lead of an alliance has no
    // say.
    EXPECT_EQ(decide(admin, id, true, "").status, 409);
    EXPECT_EQ(consult(lead, id, true, "同意").status, 409);
    EXPECT_EQ(confirm(lead, id, true, "").status, 403);

    const auto first = confirm(b_admin, id, true, "同意牵头");
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(first.json().at("state").as_string(), "consulting") << "c has not confirmed yet";
    EXPECT_EQ(confirm(b_admin, id, true, "").status, 409) << "confirming twice";
    const auto second = confirm(c_admin, id, true, "同意");
    ASSERT_EQ(second.status, 200) << second.body;
    EXPECT_EQ(second.json().at("state").as_string(), "under_review");
    EXPECT_EQ(alliance_count(), 3) << "nothing is created before approval";

    const auto decided = decide(admin, id, true, "同意组建第四联盟");
    ASSERT_EQ(decided.status, 200) << decided.body;
    const auto approved = decided.json();
    EXPECT_EQ(approved.at("state").as_string(), "approved");
    ASSERT_TRUE(approved.at("created_alliance_id").is_int64()) << approved;
    const long long created = approved.at("created_alliance_id").as_int64();
    std::vector<std::string> actions;
    for (const auto& step : approved.at("steps").as_array())
        actions.push_back(str(step.at("action")));
    EXPECT_EQ(actions, (std::vector<std::string>{"submit", "confirm", "confirm", "decide"}));

    const auto alliance = alliance_json(created);
    EXPECT_EQ(alliance.at("name").as_string(), "第四联盟");
    EXPECT_EQ(alliance.at("lead_unit").at("id").as_int64(), b);
    EXPECT_EQ(alliance.at("office_area").at("id").as_int64(), area);
    EXPECT_EQ(alliance.at("founded_on").as_string(), today_date());
    auto members = member_ids(alliance);
    EXPECT_EQ(members.front(), b);
    std::sort(members.begin(), members.end());
    std::vector<long long> expected{dangan, b, c};
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(members, expected);
    EXPECT_EQ(int_array(alliance.at("rotation_order")).front(), b);
    // The rotation mode the applicants asked for is the one the alliance gets.
    EXPECT_EQ(str(alliance.at("rotation_mode")), "per_quarter");
    EXPECT_EQ(alliance_count(), 4);
}

TEST_F(ApplicationWorkflow, FoundingIsRejectedWhenACoApplicantDeclines) {
    const long long b = new_unit("区地方志办");
    const long long c = new_unit("区机关事务中心");
    new_account("fangzhi_admin", accounts::Role::unit_admin, b);
    new_account("jiguan_admin", accounts::Role::unit_admin, c);
    auto b_admin = signed_in("fangzhi_admin");
    auto c_admin = signed_in("jiguan_admin");
    const auto submitted = post_body(applicant, "/api/v1/applications",
                                     {{"kind", "found"},
                                      {"unit_id", dangan},
                                      {"name", "第四联盟"},
                                      {"office_area_id", office_area_id("人防大楼办公区")},
                                      {"co_applicant_unit_ids", array{b, c}},
                                      {"reason", "联合组建"}});
    ASSERT_EQ(submitted.status, 201) << submitted.body;
    const long long id = submitted.json().at("id").as_int64();
    ASSERT_EQ(confirm(b_admin, id, true, "").status, 200);
    EXPECT_EQ(confirm(c_admin, id, false, "").status, 422) << "declining needs an opinion";
    const auto declined = confirm(c_admin, id, false, "本单位拟加入第三联盟");
    ASSERT_EQ(declined.status, 200) << declined.body;
    EXPECT_EQ(declined.json().at("state").as_string(), "rejected");
    EXPECT_EQ(decide(admin, id, true, "").status, 409);
    EXPECT_EQ(alliance_count(), 3);
    for (long long unit : {dangan, b, c}) EXPECT_EQ(open_memberships(unit), 0);
}

TEST_F(ApplicationWorkflow, FoundingChecksItsUnitsAtSubmission) {
    const long long b = new_unit("区地方志办");
    const object base{{"kind", "found"},
                      {"unit_id", dangan},
                      {"name", "第四联盟"},
                      {"office_area_id", office_area_id("人防大楼办公区")},
                      {"reason", "联合组建"}};
    auto with = [&](object body, const char* key, boost::json::value value) {
        body[key] = std::move(value);
        return post_body(applicant, "/api/v1/applications", body);
    };
    const auto alone = with(base, "co_applicant_unit_ids", array{});
    EXPECT_EQ(alone.status, 422);
    EXPECT_EQ(field_of(alone), "co_applicant_unit_ids");
    EXPECT_EQ(with(base, "co_applicant_unit_ids", array{b, unit_id("区审计局")}).status, 409);
    auto named = base;
    named["co_applicant_unit_ids"] = array{b};
    const auto outsider_lead = with(named, "lead_unit_id", unit_id("区委编办"));
    EXPECT_EQ(outsider_lead.status, 422);
    EXPECT_EQ(field_of(outsider_lead), "lead_unit_id");
    const auto taken_name = with(named, "name", "第一联盟");
    EXPECT_EQ(taken_name.status, 409);
    const auto no_area = with(named, "office_area_id", 999999);
    EXPECT_EQ(no_area.status, 422);
    EXPECT_EQ(field_of(no_area), "office_area_id");
}

TEST_F(ApplicationWorkflow, LeavingFollowsTheSamePathAndEndsTheMembership) {
    auto shuijian_admin = signed_in("shuijian_admin");
    const long long shuijian = unit_id("区水建中心");
    // The lead unit may not apply to leave.
    EXPECT_EQ(
        post_body(
            lead, "/api/v1/applications",
            {{"kind", "leave"}, {"unit_id", bianban}, {"alliance_id", third}, {"reason", "退出"}})
            .status,
        409);
    // Nor may a unit leave an alliance it is not in.
    EXPECT_EQ(post_body(shuijian_admin, "/api/v1/applications",
                        {{"kind", "leave"},
                         {"unit_id", shuijian},
                         {"alliance_id", alliance_id("第一联盟")},
                         {"reason", "退出"}})
                  .status,
              409);

    const auto submitted = post_body(
        shuijian_admin, "/api/v1/applications",
        {{"kind", "leave"}, {"unit_id", shuijian}, {"alliance_id", third}, {"reason", "单位搬迁"}});
    ASSERT_EQ(submitted.status, 201) << submitted.body;
    const long long id = submitted.json().at("id").as_int64();
    EXPECT_EQ(submitted.json().at("state").as_string(), "consulting");
    EXPECT_EQ(decide(admin, id, true, "").status, 409) << "the lead unit is consulted first";
    ASSERT_EQ(consult(lead, id, true, "同意").status, 200);
    EXPECT_TRUE(contains(member_ids(alliance_json(third)), shuijian))
        << "still a member until approved";
    const auto decided = decide(admin, id, true, "同意退出");
    ASSERT_EQ(decided.status, 200) << decided.body;
    EXPECT_EQ(decided.json().at("state").as_string(), "approved");

    const auto detail = alliance_json(third);
    EXPECT_FALSE(contains(member_ids(detail), shuijian));
    EXPECT_FALSE(contains(int_array(detail.at("rotation_order")), shuijian));
    bool kept = false;
    for (const auto& member : detail.at("history").as_array()) {
        if (member.at("unit").at("id").as_int64() == shuijian) {
            kept = true;
            EXPECT_EQ(member.at("left_on").as_string(), today_date());
        }
    }
    EXPECT_TRUE(kept);
    EXPECT_EQ(open_memberships(shuijian), 0);
    EXPECT_EQ(audit_events("alliance.member_leave", std::to_string(third)).size(), 1u);
}

TEST_F(ApplicationWorkflow, OnlyTheTargetLeadConsultsAndOnlyTheCommitteeDecides) {
    const long long id = join_application();
    // Another alliance's lead, the applicant, a plain member of the target and the committee
    // cannot consult; the viewer has no part in applications.
    auto other_lead = signed_in("zhengwu_admin");
    EXPECT_EQ(consult(other_lead, id, true, "同意").status, 403);
    EXPECT_EQ(consult(applicant, id, true, "同意").status, 403);
    auto member = signed_in("shuijian_admin");
    EXPECT_EQ(consult(member, id, true, "同意").status, 403);
    EXPECT_EQ(consult(admin, id, true, "同意").status, 403);
    auto viewer = signed_in("viewer");
    EXPECT_EQ(consult(viewer, id, true, "同意").status, 403);
    EXPECT_EQ(state_of(id), "consulting");
    // Another alliance's lead cannot see it either.
    EXPECT_EQ(other_lead.get(path(id)).status, 403);

    // The committee cannot decide while the lead is consulting.
    EXPECT_EQ(decide(admin, id, true, "").status, 409);
    ASSERT_EQ(consult(lead, id, true, "同意").status, 200);
    EXPECT_EQ(consult(lead, id, true, "再次同意").status, 409) << "consulting twice";
    // A unit administrator cannot decide: not its lead unit's, not the applicant's.
    EXPECT_EQ(decide(lead, id, true, "").status, 403);
    EXPECT_EQ(decide(applicant, id, true, "").status, 403);
    EXPECT_EQ(decide(viewer, id, true, "").status, 403);
    EXPECT_EQ(state_of(id), "under_review");
    ASSERT_EQ(decide(admin, id, true, "").status, 200);
    // Closed: no more action of any kind.
    EXPECT_EQ(decide(admin, id, false, "改判").status, 409);
    EXPECT_EQ(consult(lead, id, false, "反对").status, 409);
    EXPECT_EQ(withdraw(applicant, id).status, 409);
    EXPECT_EQ(open_memberships(dangan), 1);
}

TEST_F(ApplicationWorkflow, ALeadChangeMovesTheConsultationToTheNewLead) {
    const long long id = join_application();
    ASSERT_EQ(post_body(admin, "/api/v1/alliances/" + std::to_string(third) + "/lead",
                        {{"unit_id", unit_id("区水建中心")}, {"reason", "轮换牵头"}})
                  .status,
              200);
    EXPECT_EQ(consult(lead, id, true, "同意").status, 403) << "bianban no longer leads";
    auto new_lead = signed_in("shuijian_admin");
    EXPECT_EQ(consult(new_lead, id, true, "同意").status, 200);
}

TEST_F(ApplicationWorkflow, SubmissionRules) {
    // A unit in an alliance cannot apply to join one.
    auto shenji = signed_in("shenji_admin");
    EXPECT_EQ(submit_join(shenji, unit_id("区审计局"), third).status, 409);
    // One may only apply for one's own unit; the committee does not apply.
    EXPECT_EQ(submit_join(applicant, unit_id("区水建中心"), alliance_id("第一联盟")).status, 403);
    EXPECT_EQ(submit_join(admin, dangan, third).status, 403);
    // The alliance and a reason are needed.
    const auto no_alliance = post_body(applicant, "/api/v1/applications",
                                       {{"kind", "join"}, {"unit_id", dangan}, {"reason", "x"}});
    EXPECT_EQ(no_alliance.status, 422);
    EXPECT_EQ(field_of(no_alliance), "alliance_id");
    const auto no_reason = submit_join(applicant, dangan, third, "");
    EXPECT_EQ(no_reason.status, 422);
    EXPECT_EQ(field_of(no_reason), "reason");
    const auto bad_kind =
        post_body(applicant, "/api/v1/applications", {{"kind", "merge"}, {"unit_id", dangan}});
    EXPECT_EQ(bad_kind.status, 422);
    EXPECT_EQ(field_of(bad_kind), "kind");
    EXPECT_EQ(submit_join(applicant, dangan, 999999).status, 422);

    // A unit with an open application cannot open another, of any kind.
    const long long id = join_application();
    EXPECT_EQ(submit_join(applicant, dangan, alliance_id("第二联盟")).status, 409);
    const long long b = new_unit("区地方志办");
    EXPECT_EQ(post_body(applicant, "/api/v1/applications",
                        {{"kind", "found"},
                         {"unit_id", dangan},
                         {"name", "第五联盟"},
                         {"office_area_id", office_area_id("人防大楼办公区")},
                         {"co_applicant_unit_ids", array{b}}})
                  .status,
              409);
    // Nor can another unit name it as a co-applicant.
    new_account("fangzhi_admin", accounts::Role::unit_admin, b);
    auto b_admin = signed_in("fangzhi_admin");
    EXPECT_EQ(post_body(b_admin, "/api/v1/applications",
                        {{"kind", "found"},
                         {"unit_id", b},
                         {"name", "第五联盟"},
                         {"office_area_id", office_area_id("人防大楼办公区")},
                         {"co_applicant_unit_ids", array{dangan}}})
                  .status,
              409);
    // Once it is closed, it may.
    ASSERT_EQ(withdraw(applicant, id).status, 200);
    EXPECT_EQ(submit_join(applicant, dangan, alliance_id("第二联盟")).status, 201);
}

TEST_F(ApplicationWorkflow, ListsShowEachUnitWhatInvolvesIt) {
    const long long id = join_application();
    auto ids_in = [](const HttpResult& result) {
        std::vector<long long> ids;
        const auto json = result.json();
        for (const auto& item : json.at("items").as_array())
            ids.push_back(item.at("id").as_int64());
        return ids;
    };
    EXPECT_TRUE(contains(ids_in(admin.get("/api/v1/applications")), id));
    EXPECT_TRUE(contains(ids_in(applicant.get("/api/v1/applications")), id));
    EXPECT_TRUE(contains(ids_in(lead.get("/api/v1/applications?state=consulting")), id));
    EXPECT_FALSE(contains(ids_in(lead.get("/api/v1/applications?state=approved")), id));
    auto other = signed_in("zhengwu_admin");
    EXPECT_FALSE(contains(ids_in(other.get("/api/v1/applications")), id));
    EXPECT_TRUE(contains(ids_in(signed_in("viewer").get("/api/v1/applications")), id));
    EXPECT_EQ(admin.get(path(999999)).status, 404);
}

TEST_F(ApplicationWorkflow, TwoCommitteeAdminsDecidingAtOnceApproveOnce) {
    new_account("admin2", accounts::Role::committee_admin, std::nullopt);
    auto second = signed_in("admin2");
    for (int round = 0; round < 3; ++round) {
        // Each round a fresh unit, so that each has an application under review.
        long long unit = dangan;
        HttpClient unit_admin = applicant;
        if (round > 0) {
            unit = new_unit("区并发申请单位" + std::to_string(round));
            const std::string username = "race_admin_" + std::to_string(round);
            new_account(username, accounts::Role::unit_admin, unit);
            unit_admin = signed_in(username);
        }
        const auto submitted = submit_join(unit_admin, unit, third);
        ASSERT_EQ(submitted.status, 201) << submitted.body;
        const long long id = submitted.json().at("id").as_int64();
        ASSERT_EQ(consult(lead, id, true, "同意").status, 200);

        HttpClient one(server.port());
        one.set_cookie(admin.cookie());
        HttpClient two(server.port());
        two.set_cookie(second.cookie());
        std::latch start(2);
        HttpResult a, b;
        std::thread t1([&] {
            start.arrive_and_wait();
            a = decide(one, id, true, "批准（一）");
        });
        std::thread t2([&] {
            start.arrive_and_wait();
            b = decide(two, id, true, "批准（二）");
        });
        t1.join();
        t2.join();
        std::vector<int> statuses{a.status, b.status};
        std::sort(statuses.begin(), statuses.end());
        EXPECT_EQ(statuses, (std::vector<int>{200, 409}))
            << "round " << round << ": " << a.body << " / " << b.body;
        EXPECT_EQ(memberships_of(unit), 1) << "round " << round;
        EXPECT_EQ(open_memberships(unit), 1);
        long long decisions = 0;
        const auto decided = application(id);
        for (const auto& step : decided.at("steps").as_array())
            decisions += step.at("action") == "decide";
        EXPECT_EQ(decisions, 1) << "round " << round;
        EXPECT_EQ(state_of(id), "approved");
    }
}

TEST_F(ApplicationWorkflow, TwoSimultaneousApplicationsOfOneUnitOpenOnlyOne) {
    // The applicant's administrator submits twice at the same moment (two tabs): one application
    // is opened, the other answered 409, never two open applications of one unit.
    auto second_tab = signed_in("dangan_admin");
    const long long second = alliance_id("第二联盟");
    for (int round = 0; round < 6; ++round) {
        std::latch start(2);
        HttpResult a, b;
        std::thread t1([&] {
            start.arrive_and_wait();
            a = submit_join(applicant, dangan, third);
        });
        std::thread t2([&] {
            start.arrive_and_wait();
            b = submit_join(second_tab, dangan, second);
        });
        t1.join();
        t2.join();
        std::vector<int> statuses{a.status, b.status};
        std::sort(statuses.begin(), statuses.end());
        EXPECT_EQ(statuses, (std::vector<int>{201, 409}))
            << "round " << round << ": " << a.body << " / " << b.body;
        // Withdraw whatever was opened, for the next round.
        const auto open = applicant.get("/api/v1/applications?mine=true&state=consulting").json();
        EXPECT_EQ(open.at("total").as_int64(), 1) << "round " << round;
        for (const auto& item : open.at("items").as_array()) {
            EXPECT_EQ(withdraw(applicant, item.at("id").as_int64()).status, 200);
        }
    }
}

}  // namespace
}  // namespace lianjian::testing::alliance_support
