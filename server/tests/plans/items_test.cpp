// Specification: what the lead unit sends for a plan is read and checked as a whole (every
// field's problem at once, each named with its item's index), the rotation gives the default
// host, and two versions compare item by item along their lineage. Pure functions, no database.
#include "plans/items.hpp"

#include <gtest/gtest.h>

namespace lianjian::testing {
namespace {

using namespace plans;
using L = campaign::Linkage;

constexpr int year = 2026;

ItemDraft good_item() {
    ItemDraft item;
    item.theme = "  共过主题党日 ";
    item.linkage = "theory_study";
    item.kind = "theme_party_day";
    item.month = 7;
    item.planned_on = "2026-07-01";
    item.place = "党员活动室";
    item.host_unit_id = 11;
    item.participating_unit_ids = {12, 11, 12};
    item.checklist_item_id = 501;
    return item;
}

ContentFacts facts() {
    ContentFacts facts;
    facts.year = year;
    facts.member_unit_ids = {11, 12, 13};
    facts.checklist = {{501, year, false}, {502, year - 1, false}, {503, year, true}};
    facts.version_item_ids = {900, 901};
    return facts;
}

std::map<std::string, std::string> problems_of(const PlanContent& content) {
    std::map<std::string, std::string> problems;
    try {
        check_content(content, facts());
        ADD_FAILURE() << "no error";
    } catch (const AppError& error) {
        EXPECT_EQ(error.code(), ErrorCode::validation_failed);
        for (const auto& entry : error.details().at("fields").as_array()) {
            problems[std::string(entry.at("field").as_string())] =
                std::string(entry.at("message").as_string());
        }
    }
    return problems;
}

TEST(PlanItems, AGoodItemIsNormalisedAndKept) {
    // Given an item with text to trim and a repeated participant,
    PlanContent content;
    content.items = {good_item()};
    content.items[0].id = 900;
    content.contacts = {{" 李明 ", "联络员", "13800000001"}};
    // when it is checked,
    const auto valid = check_content(content, facts());
    // then its text is trimmed, its participants are unique and sorted, and it keeps its lineage.
    ASSERT_EQ(valid.items.size(), 1u);
    EXPECT_EQ(valid.items[0].theme, "共过主题党日");
    EXPECT_EQ(valid.items[0].linkage, L::theory_study);
    EXPECT_EQ(valid.items[0].participating_unit_ids, (std::vector<long long>{11, 12}));
    EXPECT_EQ(valid.items[0].same_as, 900);
    EXPECT_EQ(valid.contacts[0].name, "李明");
}

TEST(PlanItems, EveryProblemIsReportedAtOnceWithTheItemsIndex) {
    // Given a good item followed by one with a problem in every field,
    ItemDraft bad;
    bad.theme = " ";
    bad.linkage = "friendship";
    bad.kind = "picnic";
    bad.month = 0;
    bad.host_unit_id = 99;
    bad.participating_unit_ids = {11, 98};
    bad.checklist_item_id = 502;
    ItemDraft wrong_date = good_item();
    wrong_date.planned_on = "2026-08-01";
    ItemDraft other_year = good_item();
    other_year.planned_on = "2025-07-01";
    other_year.checklist_item_id = 503;
    ItemDraft no_date = good_item();
    no_date.planned_on = "2026-02-30";
    no_date.checklist_item_id = 777;
    PlanContent content;
    content.items = {good_item(), bad, wrong_date, other_year, no_date};
    content.contacts = {{"", "", ""}};
    // when it is checked,
    const auto problems = problems_of(content);
    // then each field of each item is named with its index.
    EXPECT_TRUE(problems.contains("items[1].theme"));
    EXPECT_TRUE(problems.contains("items[1].linkage"));
    EXPECT_TRUE(problems.contains("items[1].kind"));
    EXPECT_TRUE(problems.contains("items[1].month"));
    EXPECT_TRUE(problems.contains("items[1].host_unit_id"));
    EXPECT_TRUE(problems.contains("items[1].participating_unit_ids"));
    EXPECT_TRUE(problems.contains("items[1].checklist_item_id"));  // last year's item
    EXPECT_TRUE(problems.contains("items[2].planned_on"));         // not in July
    EXPECT_TRUE(problems.contains("items[3].planned_on"));         // not in the plan's year
    EXPECT_TRUE(problems.contains("items[3].checklist_item_id"));  // retired
    EXPECT_TRUE(problems.contains("items[4].planned_on"));         // no such date
    EXPECT_TRUE(problems.contains("items[4].checklist_item_id"));  // no such item
    EXPECT_TRUE(problems.contains("contacts[0].name"));
    EXPECT_FALSE(problems.contains("items[0].theme"));
    EXPECT_EQ(problems.at("items[1].host_unit_id"), "第 2 项活动：承办单位须是本联盟的成员单位");
    EXPECT_EQ(problems.at("items[3].checklist_item_id"),
              "第 4 项活动：该参考清单项目已停用，请选择其他项目");
}

TEST(PlanItems, AnIdOfAnotherVersionStartsANewLineage) {
    PlanContent content;
    content.items = {good_item(), good_item()};
    content.items[0].id = 12345;  // not an item of the edited version
    content.items[1].id = 901;
    const auto valid = check_content(content, facts());
    EXPECT_FALSE(valid.items[0].same_as);
    EXPECT_EQ(valid.items[1].same_as, 901);
}

TEST(PlanItems, TheRotationGivesTheDefaultHost) {
    using alliances::RotationMode;
    const std::vector<alliances::Turn> quarters = {{1, 11, "2026-01-01", "2026-03-31", true},
                                                   {2, 12, "2026-04-01", "2026-06-30", false},
                                                   {3, 13, "2026-07-01", "2026-09-30", false},
                                                   {4, 11, "2026-10-01", "2026-12-31", false}};
    // Per quarter: the host of the quarter the month falls in.
    EXPECT_EQ(rotation_host(quarters, RotationMode::per_quarter, year, 5, 0), 12);
    EXPECT_EQ(rotation_host(quarters, RotationMode::per_quarter, year, 9, 7), 13);
    // Per activity: the items without a host take the turns in order, round again.
    EXPECT_EQ(rotation_host(quarters, RotationMode::per_activity, year, 5, 0), 11);
    EXPECT_EQ(rotation_host(quarters, RotationMode::per_activity, year, 5, 2), 13);
    EXPECT_EQ(rotation_host(quarters, RotationMode::per_activity, year, 5, 5), 12);
    EXPECT_FALSE(rotation_host({}, RotationMode::per_activity, year, 5, 0));
}

PlanItem item(long long id, long long lineage, const std::string& theme, int month) {
    PlanItem item;
    item.id = id;
    item.lineage_id = lineage;
    item.theme = theme;
    item.month = month;
    return item;
}

TEST(PlanCompare, ItemsAreAddedRemovedOrChangedAlongTheirLineage) {
    // Given version 1 with three items, and version 2 where one moved month, one was dropped and
    // one is new (the unchanged one keeps its lineage under a new id),
    PlanVersion from, to;
    from.number = 1;
    to.number = 2;
    from.items = {item(1, 1, "主题党日", 7), item(2, 2, "小轮训", 9), item(3, 3, "互学观摩", 10)};
    to.items = {item(11, 1, "主题党日", 7), item(12, 2, "小轮训", 10),
                item(13, 13, "知识竞赛", 11)};
    from.support.funds = "各单位列支";
    to.support.funds = "各单位列支，增设奖品";
    to.contacts = {{"李明", "联络员", "13800000001"}};
    // when they are compared,
    const auto comparison = compare_versions(from, to);
    // then the new item is added, the dropped one removed, the moved one changed in its month,
    EXPECT_EQ(comparison.from, 1);
    EXPECT_EQ(comparison.to, 2);
    ASSERT_EQ(comparison.added.size(), 1u);
    EXPECT_EQ(comparison.added[0].theme, "知识竞赛");
    ASSERT_EQ(comparison.removed.size(), 1u);
    EXPECT_EQ(comparison.removed[0].theme, "互学观摩");
    ASSERT_EQ(comparison.changed.size(), 1u);
    EXPECT_EQ(comparison.changed[0].before.month, 9);
    EXPECT_EQ(comparison.changed[0].after.month, 10);
    EXPECT_EQ(comparison.changed[0].fields, std::vector<std::string>{"month"});
    // and the contacts and funds are listed as changed fields.
    ASSERT_EQ(comparison.fields.size(), 2u);
    EXPECT_EQ(comparison.fields[0].field, "contacts");
    EXPECT_EQ(comparison.fields[1].field, "support.funds");
    EXPECT_EQ(comparison.fields[1].new_value, "各单位列支，增设奖品");
}

TEST(PlanCompare, AVersionComparedWithItselfHasNoDifferences) {
    PlanVersion version;
    version.items = {item(1, 1, "主题党日", 7)};
    const auto comparison = compare_versions(version, version);
    EXPECT_TRUE(comparison.added.empty());
    EXPECT_TRUE(comparison.removed.empty());
    EXPECT_TRUE(comparison.changed.empty());
    EXPECT_TRUE(comparison.fields.empty());
}

TEST(PlanItems, ContactsAndSupportRoundTripThroughTheirStoredText) {
    const std::vector<Contact> contacts = {{"李明", "联络员", "13800000001"}, {"王芳", "", ""}};
    EXPECT_EQ(contacts_from_text(contacts_text(contacts)), contacts);
    const Support support{"活动室", "经费", "人员"};
    EXPECT_EQ(support_from_text(support_text(support)), support);
    EXPECT_TRUE(contacts_from_text("not json").empty());
}

}  // namespace
}  // namespace lianjian::testing
