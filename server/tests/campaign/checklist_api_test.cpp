// Specification (issue 10, point 2; docs/campaign.md "Reference checklist"): the committee
// issues the year's checklist, edits it (versioned, audited), copies last year's (once, without
// the retired items), retires and restores items, and deletes only items no plan uses.
#include "campaign/campaign_fixture.hpp"
#include "demo/campaign_demo.hpp"

#include <set>

namespace lianjian::testing::campaign_support {
namespace {

using boost::json::object;

using ChecklistApi = CampaignFixture;

object item_body(int year, const std::string& title) {
    return {{"year", year},   {"linkage", "team_building"}, {"kind", "knowledge_contest"},
            {"title", title}, {"description", "以赛促学"},  {"suggested_month", 9},
            {"key_date", ""}};
}

TEST_F(ChecklistApi, TheDemoChecklistCoversAllSixLinkages) {
    const auto year = std::to_string(current_year());
    const auto last_year = std::to_string(current_year() - 1);
    const auto json = admin.get("/api/v1/checklist-items?year=" + year).json();
    EXPECT_GE(json.at("total").as_int64(), 18);
    std::set<std::string> linkages;
    for (const auto& item : json.at("items").as_array()) {
        linkages.insert(std::string(item.at("linkage").as_string()));
        EXPECT_FALSE(item.at("in_use").as_bool());
    }
    EXPECT_EQ(linkages.size(), 6u);
    // Last year has a few items to copy from.
    EXPECT_GT(admin.get("/api/v1/checklist-items?year=" + last_year).json().at("total").as_int64(),
              0);
    // Loading the demo again changes nothing.
    EXPECT_FALSE(demo::load_campaign_demo(services()));
    EXPECT_EQ(admin.get("/api/v1/checklist-items?year=" + year).json().at("total"),
              json.at("total"));
    EXPECT_EQ(audit_events("demo.campaign").size(), 1u);
}

TEST_F(ChecklistApi, TheCommitteeIssuesAndEditsAnItem) {
    // When the committee issues an item,
    const auto created =
        post_body(admin, "/api/v1/checklist-items", item_body(2030, " 党建知识小竞赛 "));
    ASSERT_EQ(created.status, 201) << created.body;
    const auto json = created.json();
    const auto id = json.at("id").as_int64();
    EXPECT_EQ(json.at("title").as_string(), "党建知识小竞赛");
    EXPECT_EQ(json.at("version").as_int64(), 1);
    // everyone in the programme reads it, filtered by linkage,
    auto unit = signed_in("dangshi_admin");
    auto list = unit.get("/api/v1/checklist-items?year=2030&linkage=team_building").json();
    ASSERT_EQ(list.at("total").as_int64(), 1);
    EXPECT_EQ(unit.get("/api/v1/checklist-items?year=2030&linkage=theory_study")
                  .json()
                  .at("total")
                  .as_int64(),
              0);
    // the committee edits it with its version, and a stale version is refused,
    auto body = item_body(2030, "党建知识竞赛");
    body["version"] = 1;
    const auto edited = put_body(admin, "/api/v1/checklist-items/" + std::to_string(id), body);
    ASSERT_EQ(edited.status, 200) << edited.body;
    EXPECT_EQ(edited.json().at("version").as_int64(), 2);
    EXPECT_EQ(put_body(admin, "/api/v1/checklist-items/" + std::to_string(id), body).status, 409);
    // the edit is audited field by field,
    const auto events = audit_events("checklist_item.update", std::to_string(id));
    ASSERT_EQ(events.size(), 1u);
    EXPECT_NE(events.front().detail.find("\"field\":\"title\""), std::string::npos);
    // and a unit may not issue items.
    EXPECT_EQ(post_body(unit, "/api/v1/checklist-items", item_body(2030, "x")).status, 403);
}

TEST_F(ChecklistApi, EveryWrongFieldOfAnItemIsNamed) {
    auto body = item_body(2030, "");
    body["suggested_month"] = 13;
    const auto result = post_body(admin, "/api/v1/checklist-items", body);
    ASSERT_EQ(result.status, 422) << result.body;
    const auto fields = fields_of(result);
    EXPECT_NE(std::find(fields.begin(), fields.end(), "title"), fields.end()) << result.body;
    EXPECT_NE(std::find(fields.begin(), fields.end(), "suggested_month"), fields.end())
        << result.body;
    body = item_body(2030, "活动");
    body["linkage"] = "friendship";
    EXPECT_EQ(field_of(post_body(admin, "/api/v1/checklist-items", body)), "linkage");
}

TEST_F(ChecklistApi, RetiredItemsLeaveTheListUntilRestored) {
    const auto id = post_body(admin, "/api/v1/checklist-items", item_body(2030, "共看红色影视"))
                        .json()
                        .at("id")
                        .as_int64();
    const auto path = "/api/v1/checklist-items/" + std::to_string(id);
    const auto retired = admin.post(path + "/retire");
    ASSERT_EQ(retired.status, 200) << retired.body;
    EXPECT_FALSE(retired.json().at("retired_at").is_null());
    EXPECT_EQ(admin.get("/api/v1/checklist-items?year=2030").json().at("total").as_int64(), 0);
    EXPECT_EQ(admin.get("/api/v1/checklist-items?year=2030&include_retired=true")
                  .json()
                  .at("total")
                  .as_int64(),
              1);
    EXPECT_EQ(admin.post(path + "/retire").status, 409);
    const auto restored = admin.post(path + "/restore");
    ASSERT_EQ(restored.status, 200) << restored.body;
    EXPECT_TRUE(restored.json().at("retired_at").is_null());
    EXPECT_EQ(admin.get("/api/v1/checklist-items?year=2030").json().at("total").as_int64(), 1);
}

TEST_F(ChecklistApi, AnItemAPlanUsesIsNeverDeleted) {
    // Given two items, one of which a plan item starts from,
    const auto used = post_body(admin, "/api/v1/checklist-items", item_body(2030, "七一主题党日"))
                          .json()
                          .at("id")
                          .as_int64();
    const auto unused = post_body(admin, "/api/v1/checklist-items", item_body(2030, "国庆主题党日"))
                            .json()
                            .at("id")
                            .as_int64();
    plan_item_using(alliance_id("第一联盟"), 2030, used);
    // then the list marks it in use,
    const auto listed = admin.get("/api/v1/checklist-items?year=2030").json();
    for (const auto& item : listed.at("items").as_array()) {
        EXPECT_EQ(item.at("in_use").as_bool(), item.at("id").as_int64() == used);
    }
    // deleting it is refused (retire it instead),
    const auto refused = admin.request("DELETE", "/api/v1/checklist-items/" + std::to_string(used),
                                       "", {{"X-Requested-With", "XMLHttpRequest"}});
    EXPECT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(reason_of(refused), "checklist_item_in_use");
    // and the unused one is deleted.
    const auto deleted =
        admin.request("DELETE", "/api/v1/checklist-items/" + std::to_string(unused), "",
                      {{"X-Requested-With", "XMLHttpRequest"}});
    EXPECT_EQ(deleted.status, 204) << deleted.body;
    EXPECT_EQ(admin.get("/api/v1/checklist-items?year=2030").json().at("total").as_int64(), 1);
    EXPECT_EQ(audit_events("checklist_item.delete", std::to_string(unused)).size(), 1u);
}

TEST_F(ChecklistApi, CopyingLastYearIsIdempotentAndSkipsRetiredItems) {
    // Given three items of 2030, one retired,
    for (const char* title : {"党员理论小轮训", "党务实务小观摩", "作风纪律互学观摩"}) {
        ASSERT_EQ(post_body(admin, "/api/v1/checklist-items", item_body(2030, title)).status, 201);
    }
    const auto items = admin.get("/api/v1/checklist-items?year=2030").json().at("items");
    ASSERT_EQ(admin
                  .post("/api/v1/checklist-items/" +
                        std::to_string(items.at(2).at("id").as_int64()) + "/retire")
                  .status,
              200);
    // when the committee copies 2030 into 2031 twice,
    const auto first =
        post_body(admin, "/api/v1/checklist-items/copy", {{"from_year", 2030}, {"to_year", 2031}});
    ASSERT_EQ(first.status, 201) << first.body;
    EXPECT_EQ(first.json().at("copied").as_int64(), 2);
    const auto second =
        post_body(admin, "/api/v1/checklist-items/copy", {{"from_year", 2030}, {"to_year", 2031}});
    ASSERT_EQ(second.status, 201) << second.body;
    // then the second copies nothing, and 2031 has the two items that were not retired.
    EXPECT_EQ(second.json().at("copied").as_int64(), 0);
    const auto copied = admin.get("/api/v1/checklist-items?year=2031").json();
    EXPECT_EQ(copied.at("total").as_int64(), 2);
    EXPECT_FALSE(copied.at("items").at(0).at("copied_from_id").is_null());
}

TEST_F(ChecklistApi, AnUnusedItemThatWasCopiedOnIsDeletedAndItsCopyStays) {
    // Given an item of 2032 copied into 2033, used by no plan,
    const auto created =
        post_body(admin, "/api/v1/checklist-items", item_body(2032, "宪法日主题党日"));
    ASSERT_EQ(created.status, 201) << created.body;
    const long long id = created.json().at("id").as_int64();
    ASSERT_EQ(
        post_body(admin, "/api/v1/checklist-items/copy", {{"from_year", 2032}, {"to_year", 2033}})
            .status,
        201);
    // when the committee deletes the 2032 item,
    const auto deleted = admin.request("DELETE", "/api/v1/checklist-items/" + std::to_string(id),
                                       "", {{"X-Requested-With", "XMLHttpRequest"}});
    // then it is gone (not a conflict), and the 2033 copy stays, no longer linked to it.
    EXPECT_EQ(deleted.status, 204) << deleted.body;
    EXPECT_EQ(admin.get("/api/v1/checklist-items?year=2032").json().at("total").as_int64(), 0);
    const auto copies = admin.get("/api/v1/checklist-items?year=2033").json();
    ASSERT_EQ(copies.at("total").as_int64(), 1);
    EXPECT_TRUE(copies.at("items").at(0).at("copied_from_id").is_null());
}

}  // namespace
}  // namespace lianjian::testing::campaign_support
