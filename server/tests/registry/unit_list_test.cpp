// Specification: GET /api/v1/units filters by search text, office area, strength tag, parent and
// state, sorts by name or party-member count, and pages; the filters combine.
#include "registry/registry_fixture.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <set>

namespace lianjian::testing {
namespace {

class UnitList : public RegistryWrite {
  protected:
    boost::json::object page(const std::string& query) {
        const auto result = admin.get("/api/v1/units" + query);
        EXPECT_EQ(result.status, 200) << query << ": " << result.body;
        return result.json().as_object();
    }

    std::set<std::string> names(const std::string& query) {
        std::set<std::string> found;
        const auto answer = page(query);
        for (const auto& unit : answer.at("items").as_array()) {
            found.insert(std::string(unit.at("name").as_string()));
        }
        return found;
    }

    std::vector<long long> counts(const std::string& query) {
        std::vector<long long> found;
        const auto answer = page(query);
        for (const auto& unit : answer.at("items").as_array()) {
            found.push_back(unit.at("party_member_count").as_int64());
        }
        return found;
    }
};

TEST_F(UnitList, FilterByStrengthTag) {
    // The demo gives 志愿服务 to 区总工会, 区妇联 and 团区委.
    const auto tag = strength_tag_id("志愿服务");
    EXPECT_EQ(names("?tag_id=" + std::to_string(tag)),
              (std::set<std::string>{"区总工会", "区妇联", "团区委"}));
    EXPECT_EQ(page("?tag_id=" + std::to_string(tag)).at("total").as_int64(), 3);
    EXPECT_EQ(page("?tag_id=999999").at("total").as_int64(), 0);
}

TEST_F(UnitList, FilterByState) {
    // Given a 15th unit, in no alliance, deactivated (a unit in an alliance cannot be: see
    // deactivation_test.cpp),
    const auto archive = create_unit({{"name", "区档案馆"}}).at("id").as_int64();
    admin.post("/api/v1/units/" + std::to_string(archive) + "/deactivate");
    // then the state filter finds it alone, and the rest stay active.
    EXPECT_EQ(names("?active=false"), (std::set<std::string>{"区档案馆"}));
    EXPECT_EQ(page("?active=true").at("total").as_int64(), 14);
    EXPECT_EQ(page("").at("total").as_int64(), 15);
    const auto bad = admin.get("/api/v1/units?active=yes");
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(error_field(bad), "active");
}

TEST_F(UnitList, FilterByParent) {
    const auto parent = unit_id("区委直属机关工委");
    create_unit({{"name", "机关工委办公室"}, {"parent_id", parent}});
    create_unit({{"name", "机关工委组织科"}, {"parent_id", parent}});
    EXPECT_EQ(names("?parent_id=" + std::to_string(parent)),
              (std::set<std::string>{"机关工委办公室", "机关工委组织科"}));
}

TEST_F(UnitList, FiltersCombine) {
    // 财务审计 is held by 区审计局 (机关行政中心) and 区金融服务中心 (人防大楼).
    const auto tag = std::to_string(strength_tag_id("财务审计"));
    const auto area = std::to_string(office_area_id("人防大楼办公区"));
    EXPECT_EQ(names("?tag_id=" + tag + "&office_area_id=" + area),
              (std::set<std::string>{"区金融服务中心"}));
    // q=金融 and the same tag.
    EXPECT_EQ(names("?q=%E9%87%91%E8%9E%8D&tag_id=" + tag),
              (std::set<std::string>{"区金融服务中心"}));
    EXPECT_EQ(page("?q=%E9%87%91%E8%9E%8D&tag_id=" + std::to_string(strength_tag_id("科技")))
                  .at("total")
                  .as_int64(),
              0);
}

TEST_F(UnitList, SortByPartyMemberCount) {
    const auto ascending = counts("?sort=party_member_count&page_size=100");
    ASSERT_EQ(ascending.size(), 14u);
    EXPECT_TRUE(std::is_sorted(ascending.begin(), ascending.end()));
    EXPECT_EQ(ascending.front(), 11);  // 区委党史研究室
    const auto descending = counts("?sort=-party_member_count&page_size=100");
    EXPECT_TRUE(std::is_sorted(descending.rbegin(), descending.rend()));
    EXPECT_EQ(descending.front(), 46);  // 区政务服务中心
    // Paging follows the sort.
    EXPECT_EQ(counts("?sort=-party_member_count&page=1&page_size=2"),
              (std::vector<long long>{46, 38}));
}

TEST_F(UnitList, SortByNameBothWays) {
    // The collation is the database's; whatever it is, -name is name reversed.
    std::vector<std::string> ascending;
    const auto by_name = page("?sort=name&page_size=100");
    for (const auto& unit : by_name.at("items").as_array()) {
        ascending.emplace_back(unit.at("name").as_string());
    }
    std::vector<std::string> descending;
    const auto by_name_descending = page("?sort=-name&page_size=100");
    for (const auto& unit : by_name_descending.at("items").as_array()) {
        descending.emplace_back(unit.at("name").as_string());
    }
    ASSERT_EQ(ascending.size(), 14u);
    EXPECT_EQ(std::vector<std::string>(ascending.rbegin(), ascending.rend()), descending);
    const auto bad = admin.get("/api/v1/units?sort=created_at");
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(error_field(bad), "sort");
}

}  // namespace
}  // namespace lianjian::testing

namespace lianjian::testing {
namespace {

// Issue 9: the declared 党员人数 is shown beside the count on the member register, so that a
// difference is seen instead of contradicting the register without a word.
TEST_F(UnitList, TheDeclaredCountComesWithTheCountOnRecord) {
    // Given a new unit that declares 3 party members and has none on the register,
    const auto id =
        create_unit({{"name", "区档案馆"}, {"party_member_count", 3}}).at("id").as_int64();
    const auto on_record = [&]() {
        const auto listed = page("?q=" + std::string("%E5%8C%BA%E6%A1%A3%E6%A1%88%E9%A6%86"));
        EXPECT_EQ(listed.at("total").as_int64(), 1);
        const auto detail = admin.get("/api/v1/units/" + std::to_string(id));
        EXPECT_EQ(detail.status, 200) << detail.body;
        EXPECT_EQ(detail.json().at("members_on_record"),
                  listed.at("items").at(0).at("members_on_record"));
        return listed.at("items").at(0).at("members_on_record").as_int64();
    };
    EXPECT_EQ(on_record(), 0);
    // when one member is entered and another entered and deactivated,
    long long second = 0;
    for (const char* phone : {"13900003001", "13900003002"}) {
        const auto created = post_json(admin, "/api/v1/members",
                                       {{"name", "档案员"},
                                        {"gender", "male"},
                                        {"unit_id", id},
                                        {"phone", phone},
                                        {"joined_on", "2015-07-01"},
                                        {"status", "formal"}});
        ASSERT_EQ(created.status, 201) << created.body;
        second = created.json().at("id").as_int64();
    }
    ASSERT_EQ(admin.post("/api/v1/members/" + std::to_string(second) + "/deactivate").status, 200);
    // then the unit shows 3 declared and 1 on record.
    EXPECT_EQ(on_record(), 1);
    const auto detail = admin.get("/api/v1/units/" + std::to_string(id)).json();
    EXPECT_EQ(detail.at("party_member_count").as_int64(), 3);
}

}  // namespace
}  // namespace lianjian::testing
