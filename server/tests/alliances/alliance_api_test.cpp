// Specification: the committee manages alliances through /api/v1/alliances — create, edit, change
// the lead unit, add and remove members, dissolve — under the membership rules of DOMAIN.md
// (at least two units, one alliance per unit, the lead unit cannot leave, history kept); every
// change is audited and entered in the alliance's timeline; nobody else may change them.
#include "alliances/alliance_fixture.hpp"

#include "alliances/alliance.hpp"
#include "core/error.hpp"
#include "storage/alliance_repository.hpp"

#include <latch>
#include <thread>

namespace lianjian::testing::alliance_support {
namespace {

using boost::json::array;
using boost::json::object;

class AllianceApi : public AllianceFixture {
  protected:
    std::string path(long long id, const std::string& rest = "") {
        return "/api/v1/alliances/" + std::to_string(id) + rest;
    }

    bool has_event(const boost::json::value& detail, const std::string& kind,
                   std::optional<long long> unit) {
        for (const auto& event : detail.at("events").as_array()) {
            if (event.at("kind").as_string() != kind)
                continue;
            if (!unit)
                return true;
            if (!event.at("unit").is_null() && event.at("unit").at("id").as_int64() == *unit)
                return true;
        }
        return false;
    }

    const boost::json::value* history_entry(const boost::json::value& detail, long long unit) {
        for (const auto& member : detail.at("history").as_array()) {
            if (member.at("unit").at("id").as_int64() == unit)
                return &member;
        }
        return nullptr;
    }
};

TEST_F(AllianceApi, CreateAnswers201WithTheLeadFirstAndAnAuditedTimeline) {
    const long long a = new_unit("区档案馆");
    const long long b = new_unit("区地方志办");
    const long long c = new_unit("区机关事务中心");
    // Given three free units, when the committee creates an alliance led by the last one listed,
    const auto result = post_body(admin, "/api/v1/alliances",
                                  {{"name", "第四联盟"},
                                   {"batch", 2},
                                   {"office_area_id", office_area_id("人防大楼办公区")},
                                   {"lead_unit_id", c},
                                   {"member_unit_ids", array{a, b, c}},
                                   {"founded_on", "2026-05-01"},
                                   {"note", "第二批"}});
    // then it is created with every unit a member from the founding day and the lead unit first,
    ASSERT_EQ(result.status, 201) << result.body;
    const auto created = result.json();
    const long long id = created.at("id").as_int64();
    EXPECT_EQ(created.at("name").as_string(), "第四联盟");
    EXPECT_EQ(created.at("batch").as_int64(), 2);
    EXPECT_EQ(created.at("lead_unit").at("id").as_int64(), c);
    EXPECT_EQ(created.at("founded_on").as_string(), "2026-05-01");
    EXPECT_EQ(created.at("rotation_mode").as_string(), "per_activity");
    const auto members = member_ids(created);
    ASSERT_EQ(members.size(), 3u);
    EXPECT_EQ(members.front(), c);
    EXPECT_EQ(created.at("members").at(0).at("role").as_string(), "lead");
    for (const auto& member : created.at("members").as_array()) {
        EXPECT_EQ(member.at("joined_on").as_string(), "2026-05-01");
        EXPECT_TRUE(member.at("left_on").is_null());
    }
    // the default hosting order starts with the lead unit, then the others as listed,
    const auto detail = alliance_json(id);
    EXPECT_EQ(int_array(detail.at("rotation_order")), (std::vector<long long>{c, a, b}));
    // the timeline says it was founded and who joined, and the audit trail has it.
    EXPECT_TRUE(has_event(detail, "founded", c));
    for (long long unit : {a, b, c}) EXPECT_TRUE(has_event(detail, "joined", unit)) << unit;
    const auto audited = audit_events("alliance.create", std::to_string(id));
    ASSERT_EQ(audited.size(), 1u);
    EXPECT_EQ(audited.front().username, "admin");
    EXPECT_EQ(admin.get("/api/v1/alliances").json().at("total").as_int64(), 4);
}

TEST_F(AllianceApi, CreateNeedsAtLeastTwoUnits) {
    const long long a = new_unit("区档案馆");
    const auto result = post_body(admin, "/api/v1/alliances",
                                  {{"name", "第四联盟"},
                                   {"office_area_id", office_area_id("人防大楼办公区")},
                                   {"lead_unit_id", a},
                                   {"member_unit_ids", array{a}}});
    EXPECT_EQ(result.status, 422) << result.body;
    EXPECT_EQ(field_of(result), "member_unit_ids");
    EXPECT_EQ(open_memberships(a), 0);
}

TEST_F(AllianceApi, CreateWithAUnitAlreadyInAnAllianceIs409AndChangesNothing) {
    const long long a = new_unit("区档案馆");
    const long long before = alliance_count();
    const auto result = post_body(admin, "/api/v1/alliances",
                                  {{"name", "第四联盟"},
                                   {"office_area_id", office_area_id("机关行政中心办公区")},
                                   {"lead_unit_id", a},
                                   {"member_unit_ids", array{a, unit_id("区审计局")}}});
    EXPECT_EQ(result.status, 409) << result.body;
    EXPECT_EQ(result.error_code(), "conflict");
    EXPECT_EQ(alliance_count(), before);
    EXPECT_EQ(open_memberships(a), 0) << "the free unit's membership was rolled back";
}

TEST_F(AllianceApi, CreateWithAnUnknownOfficeAreaIs422) {
    const long long a = new_unit("区档案馆");
    const long long b = new_unit("区地方志办");
    const auto result = post_body(admin, "/api/v1/alliances",
                                  {{"name", "第四联盟"},
                                   {"office_area_id", 999999},
                                   {"lead_unit_id", a},
                                   {"member_unit_ids", array{a, b}}});
    EXPECT_EQ(result.status, 422) << result.body;
    EXPECT_EQ(field_of(result), "office_area_id");
}

TEST_F(AllianceApi, CreateWithATakenNameIs409) {
    const long long a = new_unit("区档案馆");
    const long long b = new_unit("区地方志办");
    const auto result = post_body(admin, "/api/v1/alliances",
                                  {{"name", "第一联盟"},
                                   {"office_area_id", office_area_id("人防大楼办公区")},
                                   {"lead_unit_id", a},
                                   {"member_unit_ids", array{a, b}}});
    EXPECT_EQ(result.status, 409) << result.body;
    EXPECT_EQ(open_memberships(a), 0);
}

TEST_F(AllianceApi, EditChangesTheAllianceAndIsAudited) {
    const long long id = alliance_id("第三联盟");
    const auto result = put_body(
        admin, path(id), {{"name", "第三联盟（人防）"}, {"batch", 2}, {"note", "调整说明"}});
    ASSERT_EQ(result.status, 200) << result.body;
    EXPECT_EQ(result.json().at("name").as_string(), "第三联盟（人防）");
    const auto detail = alliance_json(id);
    EXPECT_EQ(detail.at("name").as_string(), "第三联盟（人防）");
    EXPECT_EQ(detail.at("batch").as_int64(), 2);
    EXPECT_EQ(detail.at("note").as_string(), "调整说明");
    EXPECT_EQ(member_ids(detail).size(), 4u) << "editing does not touch the members";
    EXPECT_TRUE(has_event(detail, "updated", std::nullopt));
    EXPECT_EQ(audit_events("alliance.update", std::to_string(id)).size(), 1u);

    EXPECT_EQ(put_body(admin, path(id), {{"name", "第一联盟"}}).status, 409);
    const auto bad_mode = put_body(admin, path(id), {{"rotation_mode", "weekly"}});
    EXPECT_EQ(bad_mode.status, 422);
    EXPECT_EQ(field_of(bad_mode), "rotation_mode");
    const auto bad_area = put_body(admin, path(id), {{"office_area_id", 999999}});
    EXPECT_EQ(bad_area.status, 422);
    EXPECT_EQ(field_of(bad_area), "office_area_id");
    EXPECT_EQ(admin.get(path(999999)).status, 404);
}

TEST_F(AllianceApi, ChangingTheLeadNeedsAReasonAndAMemberAndIsAudited) {
    const long long id = alliance_id("第三联盟");
    const long long shuijian = unit_id("区水建中心");
    const long long bianban = unit_id("区委编办");

    const auto no_reason = post_body(admin, path(id, "/lead"), {{"unit_id", shuijian}});
    EXPECT_EQ(no_reason.status, 422);
    EXPECT_EQ(field_of(no_reason), "reason");

    const auto outsider =
        post_body(admin, path(id, "/lead"), {{"unit_id", unit_id("区审计局")}, {"reason", "调整"}});
    EXPECT_EQ(outsider.status, 422) << outsider.body;
    EXPECT_EQ(field_of(outsider), "unit_id");
    EXPECT_EQ(audit_events("alliance.lead_change").size(), 0u);

    const auto changed =
        post_body(admin, path(id, "/lead"), {{"unit_id", shuijian}, {"reason", "工作调整"}});
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(changed.json().at("lead_unit").at("id").as_int64(), shuijian);
    const auto detail = alliance_json(id);
    EXPECT_EQ(detail.at("lead_unit").at("id").as_int64(), shuijian);
    EXPECT_EQ(member_ids(detail).front(), shuijian);
    EXPECT_EQ(detail.at("members").at(0).at("role").as_string(), "lead");
    EXPECT_TRUE(contains(member_ids(detail), bianban)) << "the former lead stays a member";
    bool recorded = false;
    for (const auto& event : detail.at("events").as_array()) {
        if (event.at("kind") == "lead_changed") {
            recorded = true;
            EXPECT_EQ(event.at("unit").at("id").as_int64(), shuijian);
            EXPECT_EQ(event.at("reason").as_string(), "工作调整");
        }
    }
    EXPECT_TRUE(recorded);
    const auto audited = audit_events("alliance.lead_change", std::to_string(id));
    ASSERT_EQ(audited.size(), 1u);
    EXPECT_NE(audited.front().detail.find("工作调整"), std::string::npos);

    // The history keeps who led when: 区委编办 from the founding until today, 区水建中心 since
    // today — never today's lead projected back to the founding (issue 9).
    const auto& periods = detail.at("lead_periods").as_array();
    ASSERT_EQ(periods.size(), 2u) << detail.at("lead_periods");
    EXPECT_EQ(periods[0].at("unit").at("id").as_int64(), bianban);
    EXPECT_EQ(periods[0].at("from").as_string(), detail.at("founded_on").as_string());
    EXPECT_EQ(periods[0].at("until").as_string(), today_date());
    EXPECT_EQ(periods[1].at("unit").at("id").as_int64(), shuijian);
    EXPECT_EQ(periods[1].at("from").as_string(), today_date());
    EXPECT_TRUE(periods[1].at("until").is_null());

    // The unit that leads already cannot become the lead again.
    EXPECT_EQ(
        post_body(admin, path(id, "/lead"), {{"unit_id", shuijian}, {"reason", "再次"}}).status,
        409);
}

TEST_F(AllianceApi, AddingAndRemovingMembersKeepsTheHistory) {
    const long long id = alliance_id("第三联盟");
    const long long lead = unit_id("区委编办");
    const long long newcomer = new_unit("区档案馆");

    const auto added =
        post_body(admin, path(id, "/members"), {{"unit_id", newcomer}, {"reason", "协商一致"}});
    ASSERT_EQ(added.status, 200) << added.body;
    EXPECT_TRUE(contains(member_ids(added.json()), newcomer));
    EXPECT_EQ(audit_events("alliance.member_join", std::to_string(id)).size(), 1u);
    auto detail = alliance_json(id);
    EXPECT_EQ(int_array(detail.at("rotation_order")).back(), newcomer) << "a newcomer hosts last";
    EXPECT_TRUE(has_event(detail, "joined", newcomer));

    // Adding it again, or to another alliance, is refused.
    EXPECT_EQ(post_body(admin, path(id, "/members"), {{"unit_id", newcomer}}).status, 409);
    EXPECT_EQ(
        post_body(admin, path(alliance_id("第一联盟"), "/members"), {{"unit_id", newcomer}}).status,
        409);

    // Leaving needs a reason; the lead unit cannot leave.
    const auto no_reason =
        post_body(admin, path(id, "/members/" + std::to_string(newcomer) + "/leave"), object{});
    EXPECT_EQ(no_reason.status, 422);
    EXPECT_EQ(field_of(no_reason), "reason");
    const auto lead_leaves = post_body(
        admin, path(id, "/members/" + std::to_string(lead) + "/leave"), {{"reason", "退出"}});
    EXPECT_EQ(lead_leaves.status, 409) << lead_leaves.body;
    const auto not_member =
        post_body(admin, path(id, "/members/" + std::to_string(unit_id("区审计局")) + "/leave"),
                  {{"reason", "退出"}});
    EXPECT_EQ(not_member.status, 409);

    const auto removed =
        post_body(admin, path(id, "/members/" + std::to_string(newcomer) + "/leave"),
                  {{"reason", "工作需要"}});
    ASSERT_EQ(removed.status, 200) << removed.body;
    EXPECT_FALSE(contains(member_ids(removed.json()), newcomer));
    detail = alliance_json(id);
    EXPECT_FALSE(contains(member_ids(detail), newcomer));
    EXPECT_FALSE(contains(int_array(detail.at("rotation_order")), newcomer));
    const auto* kept = history_entry(detail, newcomer);
    ASSERT_NE(kept, nullptr) << "history keeps the left membership";
    EXPECT_EQ(kept->at("left_on").as_string(), today_date());
    EXPECT_TRUE(has_event(detail, "left", newcomer));
    EXPECT_EQ(audit_events("alliance.member_leave", std::to_string(id)).size(), 1u);
    EXPECT_EQ(open_memberships(newcomer), 0);
    EXPECT_EQ(memberships_of(newcomer), 1);

    // Free again: it may join another alliance, and the old membership is still there.
    ASSERT_EQ(
        post_body(admin, path(alliance_id("第一联盟"), "/members"), {{"unit_id", newcomer}}).status,
        200);
    EXPECT_EQ(memberships_of(newcomer), 2);
    EXPECT_EQ(open_memberships(newcomer), 1);
}

TEST_F(AllianceApi, OnADateShowsTheAllianceAsItStoodThen) {
    const long long id = alliance_id("第三联盟");
    const long long unit = new_unit("区档案馆");
    ASSERT_EQ(
        post_body(admin, path(id, "/members"), {{"unit_id", unit}, {"joined_on", "2026-06-15"}})
            .status,
        200);
    ASSERT_EQ(post_body(admin, path(id, "/members/" + std::to_string(unit) + "/leave"),
                        {{"left_on", "2026-09-01"}, {"reason", "阶段性参与结束"}})
                  .status,
              200);
    EXPECT_FALSE(contains(member_ids(alliance_json(id, "2026-05-01")), unit));
    EXPECT_TRUE(contains(member_ids(alliance_json(id, "2026-06-15")), unit));
    EXPECT_TRUE(contains(member_ids(alliance_json(id, "2026-08-31")), unit));
    EXPECT_FALSE(contains(member_ids(alliance_json(id, "2026-09-01")), unit));
    EXPECT_FALSE(contains(member_ids(alliance_json(id)), unit));
    EXPECT_EQ(member_ids(alliance_json(id, "2026-07-01")).size(), 5u);
    // The list answers the same question.
    const auto list = admin.get("/api/v1/alliances?on=2026-07-01").json();
    bool found = false;
    for (const auto& alliance : list.at("items").as_array()) {
        if (alliance.at("id").as_int64() == id) {
            found = true;
            EXPECT_TRUE(contains(member_ids(alliance), unit));
        }
    }
    EXPECT_TRUE(found);
    const auto detail = alliance_json(id);
    const auto* kept = history_entry(detail, unit);
    ASSERT_NE(kept, nullptr);
    EXPECT_EQ(kept->at("joined_on").as_string(), "2026-06-15");
    EXPECT_EQ(kept->at("left_on").as_string(), "2026-09-01");
    EXPECT_EQ(admin.get(path(id) + "?on=yesterday").status, 422);
}

TEST_F(AllianceApi, OnADateBeforeALeadChangeShowsTheLeadOfThatDay) {
    // 区委编办 has led 第三联盟 since its founding on 2026-04-01; today the lead passes to
    // 区水建中心.
    const long long id = alliance_id("第三联盟");
    const long long bianban = unit_id("区委编办");
    const long long shuijian = unit_id("区水建中心");
    ASSERT_EQ(
        post_body(admin, path(id, "/lead"), {{"unit_id", shuijian}, {"reason", "轮换牵头"}}).status,
        200);
    ASSERT_LT(std::string("2026-05-01"), today_date());
    // As it stood on 1 May, 区委编办 led it.
    const auto then = alliance_json(id, "2026-05-01");
    EXPECT_EQ(then.at("lead_unit").at("id").as_int64(), bianban) << then.at("lead_unit");
    ASSERT_FALSE(then.at("members").as_array().empty());
    EXPECT_EQ(then.at("members").at(0).at("unit").at("id").as_int64(), bianban);
    for (const auto& member : then.at("members").as_array()) {
        EXPECT_EQ(str(member.at("role")),
                  member.at("unit").at("id").as_int64() == bianban ? "lead" : "member");
    }
    EXPECT_EQ(alliance_json(id).at("lead_unit").at("id").as_int64(), shuijian);
}

TEST_F(AllianceApi, AMembershipCannotEndBeforeItBegan) {
    // A unit that joined on 15 June cannot have left on 1 May: the span would be negative.
    const long long id = alliance_id("第三联盟");
    const long long unit = new_unit("区档案馆");
    ASSERT_EQ(
        post_body(admin, path(id, "/members"), {{"unit_id", unit}, {"joined_on", "2026-06-15"}})
            .status,
        200);
    const auto result = post_body(admin, path(id, "/members/" + std::to_string(unit) + "/leave"),
                                  {{"left_on", "2026-05-01"}, {"reason", "录入错误"}});
    EXPECT_EQ(result.status, 422) << result.body;
    EXPECT_EQ(field_of(result), "left_on");
    EXPECT_EQ(open_memberships(unit), 1);
}

TEST_F(AllianceApi, DissolveClosesEveryMembershipAndIsFinal) {
    const long long id = alliance_id("第三联盟");
    const auto units = member_ids(alliance_json(id));
    ASSERT_EQ(units.size(), 4u);

    const auto no_reason = post_body(admin, path(id, "/dissolve"), object{});
    EXPECT_EQ(no_reason.status, 422);
    EXPECT_EQ(field_of(no_reason), "reason");

    ASSERT_EQ(post_body(admin, path(id, "/dissolve"), {{"reason", "重新编组"}}).status, 204);
    const auto detail = alliance_json(id);
    EXPECT_EQ(detail.at("dissolved_on").as_string(), today_date());
    EXPECT_TRUE(has_event(detail, "dissolved", std::nullopt));
    for (long long unit : units) {
        EXPECT_EQ(open_memberships(unit), 0) << unit;
        const auto* kept = history_entry(detail, unit);
        ASSERT_NE(kept, nullptr);
        EXPECT_EQ(kept->at("left_on").as_string(), today_date());
    }
    const auto list = admin.get("/api/v1/alliances").json();
    EXPECT_EQ(list.at("total").as_int64(), 2);
    EXPECT_EQ(audit_events("alliance.dissolve", std::to_string(id)).size(), 1u);

    EXPECT_EQ(post_body(admin, path(id, "/dissolve"), {{"reason", "再次"}}).status, 409);
    EXPECT_EQ(put_body(admin, path(id), {{"note", "x"}}).status, 409);
    EXPECT_EQ(post_body(admin, path(id, "/members"), {{"unit_id", new_unit("区档案馆")}}).status,
              409);
    // Its former members are free to form or join another.
    EXPECT_EQ(
        post_body(admin, path(alliance_id("第一联盟"), "/members"), {{"unit_id", units[1]}}).status,
        200);
}

TEST_F(AllianceApi, OnlyTheCommitteeMayChangeAlliances) {
    const long long id = alliance_id("第一联盟");
    const long long free_unit = new_unit("区档案馆");
    const std::string member = std::to_string(unit_id("区审计局"));
    for (const std::string username :
         {"viewer", "gongwei_admin", "shenji_admin", "auditor", "sysadmin"}) {
        auto client = signed_in(username);
        const object create{{"name", "第九联盟"},
                            {"office_area_id", office_area_id("人防大楼办公区")},
                            {"lead_unit_id", free_unit},
                            {"member_unit_ids", array{free_unit, unit_id("区审计局")}}};
        EXPECT_EQ(post_body(client, "/api/v1/alliances", create).status, 403) << username;
        EXPECT_EQ(put_body(client, path(id), {{"note", "x"}}).status, 403) << username;
        EXPECT_EQ(post_body(client, path(id, "/lead"),
                            {{"unit_id", unit_id("区审计局")}, {"reason", "x"}})
                      .status,
                  403)
            << username;
        EXPECT_EQ(post_body(client, path(id, "/members"), {{"unit_id", free_unit}}).status, 403)
            << username;
        EXPECT_EQ(
            post_body(client, path(id, "/members/" + member + "/leave"), {{"reason", "x"}}).status,
            403)
            << username;
        EXPECT_EQ(post_body(client, path(id, "/dissolve"), {{"reason", "x"}}).status, 403)
            << username;
    }
    // Nothing changed.
    const auto detail = alliance_json(id);
    EXPECT_EQ(member_ids(detail).size(), 5u);
    EXPECT_EQ(detail.at("lead_unit").at("id").as_int64(), unit_id("区委直属机关工委"));
    EXPECT_TRUE(detail.at("dissolved_on").is_null());
    EXPECT_EQ(open_memberships(free_unit), 0);
    // Reading is open to the viewer and to unit administrators.
    EXPECT_EQ(signed_in("viewer").get(path(id)).status, 200);
    EXPECT_EQ(signed_in("shenji_admin").get(path(id, "/rotation")).status, 200);
}

TEST_F(AllianceApi, TheServiceRefusesASecondOpenMembership) {
    const long long unit = unit_id("区审计局");  // in 第一联盟
    auto& alliances = services().alliances;
    try {
        alliances.add_member(committee(), alliance_id("第二联盟"), unit, "", "试图重复加入");
        ADD_FAILURE() << "a unit in an alliance was added to another";
    } catch (const AppError& error) {
        EXPECT_EQ(error.code(), ErrorCode::conflict);
    }
    EXPECT_EQ(open_memberships(unit), 1);
}

TEST_F(AllianceApi, TheDatabaseRefusesASecondOpenMembership) {
    // Below the service, the partial unique index holds: one open membership per unit.
    const long long unit = unit_id("区审计局");
    {
        storage::Transaction transaction(services().database);
        EXPECT_ANY_THROW(storage::insert_membership(transaction.session(), alliance_id("第二联盟"),
                                                    unit, "2026-06-01",
                                                    format_timestamp(Clock::now())));
    }
    EXPECT_EQ(open_memberships(unit), 1);
    // A closed membership does not count: history may hold many.
    {
        storage::Transaction transaction(services().database);
        storage::close_membership(transaction.session(), alliance_id("第一联盟"), unit,
                                  "2026-06-01");
        storage::insert_membership(transaction.session(), alliance_id("第二联盟"), unit,
                                   "2026-06-01", format_timestamp(Clock::now()));
        transaction.commit();
    }
    EXPECT_EQ(open_memberships(unit), 1);
    EXPECT_EQ(memberships_of(unit), 2);
}

TEST_F(AllianceApi, TwoConcurrentJoinsOfOneUnitLeaveOneMembershipAndAnswer409) {
    // Two committee sessions add the same free unit to two alliances at the same moment: one
    // wins, the other is told 409 (not a server error), and the unit holds one open membership.
    const long long first = alliance_id("第一联盟");
    const long long second = alliance_id("第二联盟");
    for (int round = 0; round < 10; ++round) {
        const long long unit = new_unit("区并发测试单位" + std::to_string(round));
        HttpClient one(server.port()), two(server.port());
        one.set_cookie(admin.cookie());
        two.set_cookie(admin.cookie());
        std::latch start(2);
        HttpResult a, b;
        std::thread t1([&] {
            start.arrive_and_wait();
            a = post_body(one, path(first, "/members"), {{"unit_id", unit}});
        });
        std::thread t2([&] {
            start.arrive_and_wait();
            b = post_body(two, path(second, "/members"), {{"unit_id", unit}});
        });
        t1.join();
        t2.join();
        std::vector<int> statuses{a.status, b.status};
        std::sort(statuses.begin(), statuses.end());
        EXPECT_EQ(statuses, (std::vector<int>{200, 409}))
            << "round " << round << ": " << a.body << " / " << b.body;
        EXPECT_EQ(open_memberships(unit), 1) << "round " << round;
    }
}

}  // namespace
}  // namespace lianjian::testing::alliance_support
