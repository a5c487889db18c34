// Specification: every step of the application workflow, and the membership change an approval
// makes, leaves an audit record naming who did it to which application; the chain of hashes still
// verifies afterwards. A refused step leaves no success record.
#include "applications/application_fixture.hpp"

namespace lianjian::testing::alliance_support {
namespace {

class ApplicationAudit : public ApplicationFixture {
  protected:
    void expect_one(const std::string& action, long long id, const std::string& username,
                    const std::string& detail_part = "") {
        const auto events = audit_events(action, std::to_string(id));
        ASSERT_EQ(events.size(), 1u) << action << " on " << id;
        EXPECT_EQ(events.front().username, username) << action;
        EXPECT_EQ(events.front().outcome, "success") << action;
        if (!detail_part.empty()) {
            EXPECT_NE(events.front().detail.find(detail_part), std::string::npos)
                << action << ": " << events.front().detail;
        }
    }
};

TEST_F(ApplicationAudit, EveryTransitionIsAuditedAndTheChainVerifies) {
    // join: submit, consult, decide — and the membership change on the alliance.
    const long long joined = join_application();
    ASSERT_EQ(consult(lead, joined, true, "同意").status, 200);
    ASSERT_EQ(decide(admin, joined, true, "批准").status, 200);
    expect_one("application.submit", joined, "dangan_admin", "join");
    expect_one("application.consult", joined, "bianban_admin", "agree");
    expect_one("application.decide", joined, "admin", "approved");
    const auto member_join = audit_events("alliance.member_join", std::to_string(third));
    ASSERT_EQ(member_join.size(), 1u);
    EXPECT_EQ(member_join.front().username, "admin");
    EXPECT_NE(member_join.front().detail.find(std::to_string(dangan)), std::string::npos);

    // withdraw.
    const long long shuijian = unit_id("区水建中心");
    auto shuijian_admin = signed_in("shuijian_admin");
    const auto leave = post_body(
        shuijian_admin, "/api/v1/applications",
        {{"kind", "leave"}, {"unit_id", shuijian}, {"alliance_id", third}, {"reason", "搬迁"}});
    ASSERT_EQ(leave.status, 201) << leave.body;
    const long long withdrawn = leave.json().at("id").as_int64();
    ASSERT_EQ(withdraw(shuijian_admin, withdrawn, "暂不退出").status, 200);
    expect_one("application.withdraw", withdrawn, "shuijian_admin", "withdrawn");

    // leave, approved: alliance.member_leave.
    const auto again = post_body(
        shuijian_admin, "/api/v1/applications",
        {{"kind", "leave"}, {"unit_id", shuijian}, {"alliance_id", third}, {"reason", "搬迁"}});
    ASSERT_EQ(again.status, 201) << again.body;
    const long long left = again.json().at("id").as_int64();
    ASSERT_EQ(consult(lead, left, true, "同意").status, 200);
    ASSERT_EQ(decide(admin, left, true, "").status, 200);
    expect_one("application.decide", left, "admin", "approved");
    EXPECT_EQ(audit_events("alliance.member_leave", std::to_string(third)).size(), 1u);

    // found: confirm, and alliance.create on approval.
    const long long b = new_unit("区地方志办");
    new_account("fangzhi_admin", accounts::Role::unit_admin, b);
    auto b_admin = signed_in("fangzhi_admin");
    auto c_admin = signed_in("shuijian_admin");  // 区水建中心 is free again
    const auto found = post_body(applicant, "/api/v1/applications",
                                 {{"kind", "found"},
                                  {"unit_id", dangan},
                                  {"name", "第四联盟"},
                                  {"office_area_id", office_area_id("人防大楼办公区")},
                                  {"co_applicant_unit_ids", boost::json::array{b, shuijian}},
                                  {"reason", "联合组建"}});
    // 区档案馆 is a member of 第三联盟 now, so it cannot found another; 区地方志办 applies instead.
    EXPECT_EQ(found.status, 409);
    const auto founding = post_body(b_admin, "/api/v1/applications",
                                    {{"kind", "found"},
                                     {"unit_id", b},
                                     {"name", "第四联盟"},
                                     {"office_area_id", office_area_id("人防大楼办公区")},
                                     {"co_applicant_unit_ids", boost::json::array{shuijian}},
                                     {"reason", "联合组建"}});
    ASSERT_EQ(founding.status, 201) << founding.body;
    const long long founded = founding.json().at("id").as_int64();
    ASSERT_EQ(confirm(c_admin, founded, true, "同意").status, 200);
    expect_one("application.confirm", founded, "shuijian_admin", "under_review");
    const auto decided = decide(admin, founded, true, "同意组建");
    ASSERT_EQ(decided.status, 200) << decided.body;
    const auto created = decided.json().at("created_alliance_id");
    ASSERT_TRUE(created.is_int64()) << decided.body;
    EXPECT_EQ(audit_events("alliance.create", std::to_string(created.as_int64())).size(), 1u);

    // A refused step records no success.
    const long long refused = [&] {
        new_account("dangshi2_admin", accounts::Role::unit_admin, new_unit("区档案馆分馆"));
        auto client = signed_in("dangshi2_admin");
        const auto result = post_body(client, "/api/v1/applications",
                                      {{"kind", "join"},
                                       {"unit_id", unit_id("区档案馆分馆")},
                                       {"alliance_id", third},
                                       {"reason", "申请加入"}});
        EXPECT_EQ(result.status, 201) << result.body;
        return result.json().at("id").as_int64();
    }();
    auto other_lead = signed_in("zhengwu_admin");
    ASSERT_EQ(consult(other_lead, refused, true, "同意").status, 403);
    ASSERT_EQ(decide(admin, refused, true, "").status, 409);
    for (const auto& event : audit_events("application.consult", std::to_string(refused))) {
        EXPECT_NE(event.outcome, "success") << "a refused consult was recorded as done";
    }
    for (const auto& event : audit_events("application.decide", std::to_string(refused))) {
        EXPECT_NE(event.outcome, "success");
    }

    const auto verification = services().audit.verify();
    EXPECT_TRUE(verification.ok) << "first broken: " << verification.first_broken_id.value_or(0);
    EXPECT_GT(verification.checked, 10);
}

TEST_F(ApplicationAudit, AFailedApprovalLeavesNeitherAuditNorStateBehind) {
    // The unit joined another alliance meanwhile (the committee added it directly): approving the
    // join fails as a whole — no decision step, no audit record, still under review.
    const long long id = application_under_review();
    ASSERT_EQ(post_body(admin,
                        "/api/v1/alliances/" + std::to_string(alliance_id("第一联盟")) + "/members",
                        {{"unit_id", dangan}, {"reason", "直接编入"}})
                  .status,
              200);
    const auto decided = decide(admin, id, true, "批准");
    EXPECT_EQ(decided.status, 409) << decided.body;
    EXPECT_EQ(state_of(id), "under_review");
    EXPECT_EQ(application(id).at("steps").as_array().size(), 2u);
    EXPECT_TRUE(audit_events("application.decide", std::to_string(id)).empty());
    EXPECT_TRUE(audit_events("alliance.member_join", std::to_string(third)).empty());
    EXPECT_EQ(open_memberships(dangan), 1);
    EXPECT_TRUE(services().audit.verify().ok);
}

}  // namespace
}  // namespace lianjian::testing::alliance_support
