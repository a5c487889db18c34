// Specification: responsibility sheets (责任书, docs/campaign.md "Responsibility sheets"). A unit's
// own administrator fills in its sheet, its three people chosen from the unit's party members;
// the lead unit sees its alliance's sheets, another unit its own, the committee and viewers all,
// and the committee sees which units have not filled theirs in.
#include "responsibility/responsibility.hpp"
#include "plans/plan_fixture.hpp"
#include "storage/row.hpp"

namespace lianjian::testing::plan_support {
namespace {

using responsibility::check_people;
using responsibility::MemberFact;
using responsibility::SheetInput;

TEST(ResponsibilityPeople, ThePeopleMustBeActiveMembersOfTheUnit) {
    // Given members 1 (of unit 10), 2 (of unit 20) and 3 (of unit 10, no longer active),
    const std::vector<MemberFact> members = {{1, 10, true}, {2, 20, true}, {3, 10, false}};
    SheetInput input;
    input.first_responsible_member_id = 1;
    input.direct_responsible_member_id = 2;
    input.liaison_member_id = 3;
    // when unit 10's sheet names them, the second and third are refused by their field,
    const auto problems = check_people(input, 10, members);
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0].field, "direct_responsible_member_id");
    EXPECT_EQ(problems[1].field, "liaison_member_id");
    // a member that does not exist is refused, and nobody named is no problem.
    input = {};
    input.liaison_member_id = 99;
    EXPECT_EQ(check_people(input, 10, members).size(), 1u);
    EXPECT_TRUE(check_people({}, 10, members).empty());
}

class ResponsibilityApi : public PlanFixture {
  protected:
    std::vector<long long> members_of(long long unit) {
        storage::Connection connection(services().database);
        std::vector<long long> ids;
        soci::rowset<soci::row> rows =
            (connection.session().soci().prepare
                 << "SELECT id FROM member WHERE unit_id = :u AND active = 1 ORDER BY id",
             soci::use(unit));
        for (const auto& row : rows) ids.push_back(storage::integer_at(row, 0));
        return ids;
    }

    std::string sheet_path(long long unit, int sheet_year) {
        return "/api/v1/responsibility-sheets/" + std::to_string(sheet_year) + "/units/" +
               std::to_string(unit);
    }
};

TEST_F(ResponsibilityApi, AUnitFillsInItsOwnSheetAndUpdatesIt) {
    const auto people = members_of(shenji);
    ASSERT_GE(people.size(), 3u);
    // When 区审计局's administrator fills in next year's sheet,
    const auto saved = put_body(member_unit, sheet_path(shenji, year),
                                {{"targets", " 全年参加联盟活动不少于6次 "},
                                 {"measures", "党组专题研究"},
                                 {"duties", "书记为第一责任人"},
                                 {"first_responsible_member_id", people[0]},
                                 {"direct_responsible_member_id", people[1]},
                                 {"liaison_member_id", people[2]}});
    ASSERT_EQ(saved.status, 200) << saved.body;
    const auto sheet = saved.json();
    // then it is 区审计局's, in 第一联盟, its text normalised and its people named.
    EXPECT_EQ(str(sheet.at("unit").at("name")), "区审计局");
    EXPECT_EQ(str(sheet.at("alliance").at("name")), "第一联盟");
    EXPECT_EQ(str(sheet.at("targets")), "全年参加联盟活动不少于6次");
    EXPECT_EQ(sheet.at("first_responsible").at("id").as_int64(), people[0]);
    EXPECT_FALSE(str(sheet.at("liaison").at("name")).empty());
    EXPECT_EQ(sheet.at("version").as_int64(), 1);
    // When it saves again with the version it saw, the sheet is updated, not duplicated;
    const auto updated =
        put_body(member_unit, sheet_path(shenji, year), {{"targets", "新目标"}, {"version", 1}});
    ASSERT_EQ(updated.status, 200) << updated.body;
    EXPECT_EQ(updated.json().at("id").as_int64(), sheet.at("id").as_int64());
    EXPECT_EQ(updated.json().at("version").as_int64(), 2);
    EXPECT_TRUE(updated.json().at("liaison").is_null());
    // and a stale version is a conflict.
    EXPECT_EQ(
        put_body(member_unit, sheet_path(shenji, year), {{"targets", "旧"}, {"version", 1}}).status,
        409);
    EXPECT_EQ(
        audit_events("responsibility_sheet.create", std::to_string(sheet.at("id").as_int64())).size(),
        1u);
}

TEST_F(ResponsibilityApi, AnotherUnitsSheetIsNotYours) {
    // Neither a member unit nor the lead nor the committee writes 区总工会's sheet.
    EXPECT_EQ(put_body(member_unit, sheet_path(zonggonghui, year), {{"targets", "x"}}).status, 403);
    EXPECT_EQ(put_body(lead, sheet_path(zonggonghui, year), {{"targets", "x"}}).status, 403);
    EXPECT_EQ(put_body(admin, sheet_path(zonggonghui, year), {{"targets", "x"}}).status, 403);
    EXPECT_EQ(put_body(viewer, sheet_path(zonggonghui, year), {{"targets", "x"}}).status, 403);
}

TEST_F(ResponsibilityApi, ThePeopleMustBePartyMembersOfThatUnit) {
    const auto others = members_of(zonggonghui);
    ASSERT_FALSE(others.empty());
    const auto result = put_body(member_unit, sheet_path(shenji, year),
                                 {{"targets", "目标"}, {"liaison_member_id", others[0]}});
    EXPECT_EQ(result.status, 422) << result.body;
    EXPECT_EQ(field_of(result), "liaison_member_id");
}

TEST_F(ResponsibilityApi, AUnitInNoAllianceIsToldInChinese) {
    const long long dangan = new_unit("区档案馆");
    new_account("dangan_admin", accounts::Role::unit_admin, dangan);
    auto client = signed_in("dangan_admin");
    const auto result = put_body(client, sheet_path(dangan, year), {{"targets", "目标"}});
    EXPECT_EQ(result.status, 422) << result.body;
    EXPECT_NE(result.body.find("联盟"), std::string::npos);
}

TEST_F(ResponsibilityApi, TheLeadSeesItsAllianceAnotherUnitItsOwnAndTheCommitteeAll) {
    // Given the demo's sheets for the current year (all units but two),
    const std::string query =
        "/api/v1/responsibility-sheets?page_size=100&year=" + std::to_string(current_year());
    const auto all = admin.get(query);
    ASSERT_EQ(all.status, 200) << all.body;
    EXPECT_EQ(all.json().at("total").as_int64(), 12);
    EXPECT_EQ(viewer.get(query).json().at("total").as_int64(), 12);
    // the lead of 第一联盟 sees its five units' sheets,
    const auto led = lead.get(query);
    ASSERT_EQ(led.status, 200) << led.body;
    EXPECT_EQ(led.json().at("total").as_int64(), 5);
    const boost::json::array sheets = led.json().at("items").as_array();
    for (const auto& sheet : sheets) {
        EXPECT_EQ(str(sheet.at("alliance").at("name")), "第一联盟");
        EXPECT_TRUE(sheet.at("first_responsible").is_object());
    }
    // and 区审计局 its own only.
    const auto own = member_unit.get(query);
    ASSERT_EQ(own.json().at("total").as_int64(), 1);
    EXPECT_EQ(str(own.json().at("items").at(0).at("unit").at("name")), "区审计局");
}

TEST_F(ResponsibilityApi, TheCommitteeSeesWhichUnitsHaveNotFilledTheirsIn) {
    const std::string query =
        "/api/v1/responsibility-sheets/missing?year=" + std::to_string(current_year());
    const auto missing = admin.get(query);
    ASSERT_EQ(missing.status, 200) << missing.body;
    std::vector<std::string> units;
    const boost::json::array missing_units = missing.json().at("items").as_array();
    for (const auto& entry : missing_units) {
        units.push_back(str(entry.at("unit").at("name")));
    }
    EXPECT_EQ(units, (std::vector<std::string>{"区科协", "区供销联社"}));
    // The lead of 第二联盟 sees its own alliance's only; 第一联盟's lead sees none missing.
    const auto second_lead = other_lead.get(query);
    ASSERT_EQ(second_lead.json().at("total").as_int64(), 1);
    EXPECT_EQ(str(second_lead.json().at("items").at(0).at("unit").at("name")), "区科协");
    EXPECT_EQ(lead.get(query).json().at("total").as_int64(), 0);
    // For next year, every member unit is missing.
    const auto next = admin.get("/api/v1/responsibility-sheets/missing?page_size=100&year=" +
                                std::to_string(year));
    EXPECT_EQ(next.json().at("total").as_int64(), 14);
}

}  // namespace
}  // namespace lianjian::testing::plan_support
