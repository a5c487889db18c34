// Specification: GET /api/v1/alliances/{id}/rotation?year= shows who hosts (轮值) — per_activity
// one upcoming turn per member, per_quarter the year's four quarters — with the year's
// membership changes; quarters that have started never change when members join later; the
// committee or the lead unit's administrator sets the hosting order, nobody else.
#include "alliances/alliance_fixture.hpp"

#include <set>

namespace lianjian::testing::alliance_support {
namespace {

using boost::json::array;
using boost::json::object;

struct Quarter {
    long long host = 0;
    std::string starts_on;
    bool fixed = false;
};

std::vector<Quarter> quarters(const boost::json::value& rotation) {
    std::vector<Quarter> list;
    for (const auto& turn : rotation.at("turns").as_array()) {
        list.push_back({turn.at("host_unit_id").as_int64(), str(turn.at("starts_on")),
                        turn.at("fixed").as_bool()});
    }
    return list;
}

std::vector<long long> hosts(const boost::json::value& rotation) {
    std::vector<long long> list;
    for (const auto& turn : rotation.at("turns").as_array())
        list.push_back(turn.at("host_unit_id").as_int64());
    return list;
}

class RotationApi : public AllianceFixture {
  protected:
    std::string path(long long id, const std::string& rest = "") {
        return "/api/v1/alliances/" + std::to_string(id) + rest;
    }

    // A new alliance of fresh units, the first one leading.
    long long create_alliance(const std::string& name, const std::vector<long long>& units,
                              const std::string& mode, const std::string& founded_on) {
        array ids;
        for (long long unit : units) ids.emplace_back(unit);
        const auto result = post_body(admin, "/api/v1/alliances",
                                      {{"name", name.c_str()},
                                       {"office_area_id", office_area_id("人防大楼办公区")},
                                       {"lead_unit_id", units.front()},
                                       {"member_unit_ids", ids},
                                       {"rotation_mode", mode.c_str()},
                                       {"founded_on", founded_on.c_str()}});
        EXPECT_EQ(result.status, 201) << result.body;
        return result.status == 201 ? result.json().at("id").as_int64() : 0;
    }

    bool lists_join(const boost::json::value& rotation, long long unit, const std::string& on) {
        for (const auto& change : rotation.at("membership_changes").as_array()) {
            if (change.at("kind") == "joined" && !change.at("unit").is_null() &&
                change.at("unit").at("id").as_int64() == unit &&
                change.at("occurred_on").as_string() == on) {
                return true;
            }
        }
        return false;
    }
};

TEST_F(RotationApi, PerActivityDealsOneUpcomingTurnPerMemberLeadFirst) {
    const long long id = alliance_id("第三联盟");
    const std::vector<long long> order{unit_id("区委编办"), unit_id("区水建中心"),
                                       unit_id("区金融服务中心"), unit_id("区供销联社")};
    const auto rotation = rotation_json(id, current_year());
    EXPECT_EQ(rotation.at("rotation_mode").as_string(), "per_activity");
    EXPECT_EQ(rotation.at("year").as_int64(), current_year());
    EXPECT_EQ(int_array(rotation.at("order")), order);
    EXPECT_EQ(hosts(rotation), order);
    int sequence = 0;
    for (const auto& turn : rotation.at("turns").as_array()) {
        EXPECT_EQ(turn.at("sequence").as_int64(), ++sequence);
        EXPECT_FALSE(turn.at("fixed").as_bool());
        EXPECT_FALSE(turn.as_object().contains("quarter"));
    }
    EXPECT_EQ(admin.get(path(id, "/rotation?year=1999")).status, 422);
    EXPECT_EQ(admin.get(path(999999, "/rotation")).status, 404);
}

TEST_F(RotationApi, PerQuarterAfterSwitchingModeDealsTheFourQuarters) {
    const long long id = alliance_id("第三联盟");
    const auto members = member_ids(alliance_json(id));
    const auto switched = put_body(admin, path(id), {{"rotation_mode", "per_quarter"}});
    ASSERT_EQ(switched.status, 200) << switched.body;
    EXPECT_EQ(switched.json().at("rotation_mode").as_string(), "per_quarter");

    const int next_year = current_year() + 1;
    const auto rotation = rotation_json(id, next_year);
    EXPECT_EQ(rotation.at("rotation_mode").as_string(), "per_quarter");
    const auto& turns = rotation.at("turns").as_array();
    ASSERT_EQ(turns.size(), 4u) << rotation;
    const std::string y = std::to_string(next_year);
    const std::vector<std::pair<std::string, std::string>> bounds{{y + "-01-01", y + "-03-31"},
                                                                  {y + "-04-01", y + "-06-30"},
                                                                  {y + "-07-01", y + "-09-30"},
                                                                  {y + "-10-01", y + "-12-31"}};
    std::set<long long> distinct;
    for (int quarter = 1; quarter <= 4; ++quarter) {
        const auto& turn = turns[quarter - 1];
        EXPECT_EQ(turn.at("quarter").as_int64(), quarter);
        EXPECT_EQ(str(turn.at("starts_on")), bounds[quarter - 1].first);
        EXPECT_EQ(str(turn.at("ends_on")), bounds[quarter - 1].second);
        EXPECT_FALSE(turn.at("fixed").as_bool()) << "next year has not started";
        EXPECT_TRUE(contains(members, turn.at("host_unit_id").as_int64()));
        distinct.insert(turn.at("host_unit_id").as_int64());
    }
    EXPECT_EQ(distinct.size(), 4u) << "four members, four quarters: each hosts once";

    // This year's quarters that have started are shown as fixed.
    for (const auto& quarter : quarters(rotation_json(id, current_year()))) {
        EXPECT_EQ(quarter.fixed, quarter.starts_on <= today_date()) << quarter.starts_on;
    }
}

TEST_F(RotationApi, ANewPerQuarterAllianceIsLedFirstByItsLeadUnit) {
    const long long lead = new_unit("区档案馆");
    const long long other = new_unit("区地方志办");
    const long long third = new_unit("区机关事务中心");
    const int year = current_year();
    // The lead unit is named last among the members but hosts first.
    array ids{other, third, lead};
    const auto result = post_body(admin, "/api/v1/alliances",
                                  {{"name", "第四联盟"},
                                   {"office_area_id", office_area_id("人防大楼办公区")},
                                   {"lead_unit_id", lead},
                                   {"member_unit_ids", ids},
                                   {"rotation_mode", "per_quarter"},
                                   {"founded_on", (std::to_string(year) + "-01-01").c_str()}});
    ASSERT_EQ(result.status, 201) << result.body;
    const long long id = result.json().at("id").as_int64();
    EXPECT_EQ(hosts(rotation_json(id, year)), (std::vector<long long>{lead, other, third, lead}));
    EXPECT_EQ(int_array(rotation_json(id, year).at("order")),
              (std::vector<long long>{lead, other, third}));
}

TEST_F(RotationApi, AJoinKeepsStartedQuartersAndDealsTheNewcomerIntoLaterOnes) {
    const long long id = alliance_id("第三联盟");
    ASSERT_EQ(put_body(admin, path(id), {{"rotation_mode", "per_quarter"}}).status, 200);
    const int year = current_year();
    const auto before = quarters(rotation_json(id, year));

    const long long newcomer = new_unit("区档案馆");
    ASSERT_EQ(
        post_body(admin, path(id, "/members"), {{"unit_id", newcomer}, {"reason", "就近加入"}})
            .status,
        200);

    const auto after_json = rotation_json(id, year);
    const auto after = quarters(after_json);
    ASSERT_EQ(after.size(), before.size());
    const auto members = member_ids(alliance_json(id));
    for (std::size_t i = 0; i < after.size(); ++i) {
        if (before[i].starts_on <= today_date()) {
            // Started: unchanged and fixed.
            EXPECT_EQ(after[i].host, before[i].host) << before[i].starts_on;
            EXPECT_TRUE(after[i].fixed) << before[i].starts_on;
        } else {
            // Not started: dealt again among the members of that day, the newcomer included.
            EXPECT_FALSE(after[i].fixed);
            EXPECT_TRUE(contains(members, after[i].host));
        }
    }
    EXPECT_TRUE(lists_join(after_json, newcomer, today_date())) << after_json;
    EXPECT_TRUE(contains(int_array(after_json.at("order")), newcomer));
    // Next year the newcomer takes its turn.
    EXPECT_TRUE(contains(hosts(rotation_json(id, year + 1)), newcomer))
        << rotation_json(id, year + 1);
}

TEST_F(RotationApi, ARecordedMidYearJoinNeverChangesQuartersThatHaveStarted) {
    // An alliance of two founded on 1 January of a year that is over: Q1 a, Q2 b, Q3 a, Q4 b.
    const int year = current_year() - 1;
    const long long a = new_unit("区档案馆");
    const long long b = new_unit("区地方志办");
    const long long c = new_unit("区机关事务中心");
    const long long id =
        create_alliance("第四联盟", {a, b}, "per_quarter", std::to_string(year) + "-01-01");
    const auto before = quarters(rotation_json(id, year));
    ASSERT_EQ(before.size(), 4u);
    EXPECT_EQ(hosts(rotation_json(id, year)), (std::vector<long long>{a, b, a, b}));
    for (const auto& quarter : before)
        EXPECT_TRUE(quarter.fixed) << "every quarter of last year has started";

    // When c's joining on 15 May of that year is recorded,
    const std::string joined_on = std::to_string(year) + "-05-15";
    ASSERT_EQ(
        post_body(admin, path(id, "/members"), {{"unit_id", c}, {"joined_on", joined_on.c_str()}})
            .status,
        200);

    // then the year's membership changes show it, and no quarter that had started — all four,
    // shown as fixed before — has changed hands.
    const auto after_json = rotation_json(id, year);
    EXPECT_TRUE(lists_join(after_json, c, joined_on)) << after_json;
    const auto after = quarters(after_json);
    ASSERT_EQ(after.size(), 4u);
    for (std::size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(after[i].host, before[i].host)
            << "quarter " << i + 1 << " was fixed: " << after_json;
        EXPECT_TRUE(after[i].fixed);
    }
    // Next year c is dealt in.
    EXPECT_TRUE(contains(hosts(rotation_json(id, year + 2)), c));
}

TEST_F(RotationApi, TheLeadUnitsAdministratorSetsTheHostingOrder) {
    const long long id = alliance_id("第三联盟");
    const long long bianban = unit_id("区委编办"), shuijian = unit_id("区水建中心"),
                    jinrong = unit_id("区金融服务中心"), gongxiao = unit_id("区供销联社");
    const std::vector<long long> wanted{jinrong, bianban, shuijian, gongxiao};
    array body{jinrong, bianban, shuijian, gongxiao};

    auto lead = signed_in("bianban_admin");
    const auto result = put_body(lead, path(id, "/rotation-order"), {{"unit_ids", body}});
    ASSERT_EQ(result.status, 200) << result.body;
    EXPECT_EQ(int_array(result.json().at("unit_ids")), wanted);
    const auto rotation = rotation_json(id, current_year());
    EXPECT_EQ(int_array(rotation.at("order")), wanted);
    EXPECT_EQ(hosts(rotation), wanted) << "per_activity turns follow the new order";
    const auto detail = alliance_json(id);
    EXPECT_EQ(int_array(detail.at("rotation_order")), wanted);
    bool recorded = false;
    for (const auto& event : detail.at("events").as_array())
        recorded |= event.at("kind") == "rotation_reordered";
    EXPECT_TRUE(recorded);
    const auto audited = audit_events("alliance.rotation_reorder", std::to_string(id));
    ASSERT_EQ(audited.size(), 1u);
    EXPECT_EQ(audited.front().username, "bianban_admin");

    // Another alliance's lead, a plain member's administrator and the viewer may not.
    const array reversed{gongxiao, shuijian, bianban, jinrong};
    auto other_lead = signed_in("zhengwu_admin");
    EXPECT_EQ(put_body(other_lead, path(id, "/rotation-order"), {{"unit_ids", reversed}}).status,
              403);
    auto member = signed_in("shuijian_admin");
    EXPECT_EQ(put_body(member, path(id, "/rotation-order"), {{"unit_ids", reversed}}).status, 403);
    auto viewer = signed_in("viewer");
    EXPECT_EQ(put_body(viewer, path(id, "/rotation-order"), {{"unit_ids", reversed}}).status, 403);
    EXPECT_EQ(int_array(rotation_json(id, current_year()).at("order")), wanted);

    // The order must name every current member once.
    for (const array& wrong :
         {array{jinrong, bianban, shuijian}, array{jinrong, bianban, shuijian, gongxiao, jinrong},
          array{jinrong, bianban, shuijian, unit_id("区审计局")},
          array{jinrong, jinrong, shuijian, gongxiao}, array{}}) {
        const auto refused = put_body(lead, path(id, "/rotation-order"), {{"unit_ids", wrong}});
        EXPECT_EQ(refused.status, 422) << boost::json::serialize(wrong) << ": " << refused.body;
        EXPECT_EQ(field_of(refused), "unit_ids");
    }
    // The committee may too.
    EXPECT_EQ(put_body(admin, path(id, "/rotation-order"), {{"unit_ids", reversed}}).status, 200);
    EXPECT_EQ(int_array(rotation_json(id, current_year()).at("order")), int_array(reversed));
}

}  // namespace
}  // namespace lianjian::testing::alliance_support
