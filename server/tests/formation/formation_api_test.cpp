// Specification: the formation routes — suggestions on the demo's 14 units, scoring a grouping,
// adopting a group as an alliance, calendar-aware rotation, and who may ask.
#include "alliances/alliance_fixture.hpp"

#include <map>
#include <set>

namespace lianjian::testing {
namespace {

using namespace alliance_support;

class FormationApi : public AllianceFixture {
  protected:
    std::vector<long long> demo_unit_ids() {
        std::vector<long long> ids;
        // Hold the page: a range over `->items` of the temporary pointer would outlive it.
        const auto page = services().registry.list_units({.page_size = 100});
        for (const auto& unit : page->items) {
            ids.push_back(unit.id);
        }
        return ids;
    }

    // The demo's alliances as sets of unit ids, with their leads.
    std::map<std::set<long long>, long long> demo_alliances() {
        std::map<std::set<long long>, long long> result;
        for (const auto& alliance : services().alliances.list(today_date())) {
            std::set<long long> members;
            for (const auto& member : alliance.members) members.insert(member.unit.id);
            result[members] = alliance.lead_unit.id;
        }
        return result;
    }

    static boost::json::array ids_json(const std::vector<long long>& ids) {
        boost::json::array array;
        for (long long id : ids) array.emplace_back(id);
        return array;
    }
};

TEST_F(FormationApi, TheDemosFourteenUnitsGroupedAfreshAreTheSeedsThreeAlliances) {
    // Given the demo's 14 units, grouped as if none were in an alliance, default weights,
    const auto result =
        post_body(admin, "/api/v1/formation/suggestions",
                  {{"unit_ids", ids_json(demo_unit_ids())}, {"keep_existing_alliances", false}});
    ASSERT_EQ(result.status, 200) << result.body;
    const auto json = result.json();
    // then the exact solver proves the optimum,
    EXPECT_EQ(str(json.at("solver")), "exact");
    EXPECT_TRUE(json.at("proven_optimal").as_bool());
    EXPECT_NEAR(json.at("bound").as_double(), json.at("objective").as_double(), 1e-6);
    // and the groups and their leads are exactly the seed's three alliances.
    std::map<std::set<long long>, long long> suggested;
    for (const auto& group : json.at("groups").as_array()) {
        const auto ids = int_array(group.at("unit_ids"));
        suggested[std::set<long long>(ids.begin(), ids.end())] =
            group.at("lead_unit_id").as_int64();
        const auto& score = group.at("score").as_object();
        EXPECT_DOUBLE_EQ(score.at("adjacency").as_double(), 100.0);
        EXPECT_NE(str(group.at("lead_reason")), "existing_alliance");
    }
    EXPECT_EQ(suggested, demo_alliances());
    EXPECT_EQ(json.at("units").as_array().size(), 14u);
}

TEST_F(FormationApi, UnitsInAlliancesAreKeptByDefault) {
    // Given the demo's units (all in alliances) and two new free units in one area with two
    // more, sizes 4–6,
    auto ids = demo_unit_ids();
    for (const char* name : {"甲单位", "乙单位", "丙单位", "丁单位"}) {
        ids.push_back(new_unit(name, "行政服务中心办公区"));
    }
    const auto result = post_body(admin, "/api/v1/formation/suggestions",
                                  {{"unit_ids", ids_json(ids)}, {"time_limit_ms", 20000}});
    ASSERT_EQ(result.status, 200) << result.body;
    // then each alliance's members are still together with their lead, never two alliances in
    // one group.
    const auto alliances = demo_alliances();
    int kept = 0;
    const auto json = result.json();
    for (const auto& group : json.at("groups").as_array()) {
        const auto group_ids = int_array(group.at("unit_ids"));
        for (const auto& [members, lead] : alliances) {
            const bool any = std::any_of(members.begin(), members.end(),
                                         [&](long long id) { return contains(group_ids, id); });
            if (!any)
                continue;
            ++kept;
            for (long long member : members) EXPECT_TRUE(contains(group_ids, member));
            EXPECT_EQ(group.at("lead_unit_id").as_int64(), lead);
            EXPECT_EQ(str(group.at("lead_reason")), "existing_alliance");
        }
    }
    EXPECT_EQ(kept, 3);
}

TEST_F(FormationApi, SeventeenUnitsInGroupsOfSixAreRefusedInChinese) {
    // Given 17 units and sizes 6–6,
    auto ids = demo_unit_ids();
    for (const char* name : {"甲单位", "乙单位", "丙单位"}) ids.push_back(new_unit(name));
    const auto result = post_body(admin, "/api/v1/formation/suggestions",
                                  {{"unit_ids", ids_json(ids)},
                                   {"min_size", 6},
                                   {"max_size", 6},
                                   {"keep_existing_alliances", false}});
    // then the answer is 422 and says why in Chinese.
    EXPECT_EQ(result.status, 422) << result.body;
    EXPECT_NE(result.body.find("17 个单位无法分成每组 6–6 个单位的联盟"), std::string::npos)
        << result.body;
}

TEST_F(FormationApi, MovingAUnitOutOfItsAreaLowersTheScore) {
    // Given the seed's grouping scored,
    std::vector<std::vector<long long>> groups;
    for (const auto& [members, lead] : demo_alliances()) {
        groups.emplace_back(members.begin(), members.end());
    }
    const auto body = [](const std::vector<std::vector<long long>>& list) {
        boost::json::array array;
        for (const auto& group : list) {
            array.emplace_back(boost::json::object{{"unit_ids", ids_json(group)}});
        }
        return boost::json::object{{"groups", std::move(array)}};
    };
    const auto before = post_body(admin, "/api/v1/formation/score", body(groups));
    ASSERT_EQ(before.status, 200) << before.body;
    // when one unit moves to another area's group,
    groups[1].push_back(groups[0].back());
    groups[0].pop_back();
    const auto after = post_body(admin, "/api/v1/formation/score", body(groups));
    ASSERT_EQ(after.status, 200) << after.body;
    // then the objective falls, and the receiving group's adjacency is below 100.
    EXPECT_LT(after.json().at("objective").as_double(), before.json().at("objective").as_double());
    EXPECT_LT(after.json().at("groups").as_array()[1].at("score").at("adjacency").as_double(),
              100.0);
}

TEST_F(FormationApi, AdoptingAGroupCreatesTheAllianceThroughTheCreatePathAudited) {
    // Given four free units,
    std::vector<long long> ids;
    for (const char* name : {"甲单位", "乙单位", "丙单位", "丁单位"}) ids.push_back(new_unit(name));
    const auto alliances_before = alliance_count();
    // when the committee adopts them as a group led by the first,
    const auto result = post_body(admin, "/api/v1/formation/adoptions",
                                  {{"unit_ids", ids_json(ids)},
                                   {"lead_unit_id", ids[0]},
                                   {"name", "第四联盟"},
                                   {"batch", 2}});
    ASSERT_EQ(result.status, 201) << result.body;
    // then the alliance exists with them, in their office area, and both the alliance's creation
    // and the adoption are in the audit trail;
    EXPECT_EQ(alliance_count(), alliances_before + 1);
    const auto alliance = alliance_json(result.json().at("id").as_int64());
    EXPECT_EQ(alliance.at("lead_unit").at("id").as_int64(), ids[0]);
    EXPECT_EQ(member_ids(alliance).size(), 4u);
    EXPECT_EQ(str(alliance.at("office_area").at("name")), "人防大楼办公区");
    EXPECT_FALSE(audit_events("formation.adopt").empty());
    EXPECT_FALSE(audit_events("alliance.create").empty());
    // and adopting a unit that is now in an alliance is refused.
    const auto again =
        post_body(admin, "/api/v1/formation/adoptions",
                  {{"unit_ids", ids_json(ids)}, {"lead_unit_id", ids[0]}, {"name", "第五联盟"}});
    EXPECT_EQ(again.status, 409) << again.body;
}

TEST_F(FormationApi, OnlyTheCommitteeAsksForSuggestions) {
    // Given a unit administrator, then suggestions are forbidden to it.
    auto unit_admin = signed_in("shenji_admin");
    const auto result = post_body(unit_admin, "/api/v1/formation/suggestions",
                                  {{"unit_ids", ids_json(demo_unit_ids())}});
    EXPECT_EQ(result.status, 403) << result.body;
}

TEST_F(FormationApi, RotationPreviewAvoidsUnavailableMonthsAndAdoptionSetsTheOrder) {
    // Given 第一联盟 (five members) and its lead unavailable in the first half of the year,
    const auto alliance = alliance_id("第一联盟");
    const auto lead = unit_id("区委直属机关工委");
    boost::json::object body{
        {"alliance_id", alliance},
        {"year", current_year()},
        {"calendars",
         boost::json::array{boost::json::object{
             {"unit_id", lead}, {"unavailable_months", boost::json::array{1, 2, 3, 4, 5, 6}}}}}};
    const auto preview = post_body(admin, "/api/v1/formation/rotation/preview", body);
    ASSERT_EQ(preview.status, 200) << preview.body;
    const auto plan = preview.json();
    // then the plan is fair, the lead hosts only from July on, each unit 2–3 times;
    EXPECT_TRUE(plan.at("fair").as_bool());
    for (const auto& turn : plan.at("turns").as_array()) {
        if (turn.at("month").as_int64() <= 6) {
            EXPECT_NE(turn.at("host_unit_id").as_int64(), lead);
        }
    }
    for (const auto& count : plan.at("turns_per_unit").as_array()) {
        EXPECT_GE(count.at("turns").as_int64(), 2);
        EXPECT_LE(count.at("turns").as_int64(), 3);
    }
    // and adopting it sets the hosting order to the plan's first hosts, audited.
    const auto adopted = post_body(admin, "/api/v1/formation/rotation/adoptions", body);
    ASSERT_EQ(adopted.status, 200) << adopted.body;
    const auto order = int_array(alliance_json(alliance).at("rotation_order"));
    EXPECT_EQ(order.front(), plan.at("turns").as_array()[0].at("host_unit_id").as_int64());
    EXPECT_FALSE(audit_events("formation.rotation_adopt").empty());
}

}  // namespace
}  // namespace lianjian::testing
