// Specification (issue 8, point 7): names sort by pinyin, as Chinese office software does, by an
// ICU collation key stored beside the name; `sort=name` uses it on both databases.
#include "core/collation.hpp"
#include "registry/registry_fixture.hpp"
#include "storage/sort_key_repository.hpp"

#include <algorithm>

namespace lianjian::testing {
namespace {

// The demo units in pinyin order: 区 cheng, fu, gong, jin, ke, shen, shui, tou, wei (bian,
// dang, zhi), zheng, zong; then 团 tuan. Code-point order would put 区供销联社 first and
// 区委编办 between 区妇联 and 区审计局.
const std::vector<std::string> pinyin_order = {
    "区城市建设中心",   "区妇联",         "区供销联社",         "区金融服务中心", "区科协",
    "区审计局",         "区水建中心",     "区投资促进服务中心", "区委编办",       "区委党史研究室",
    "区委直属机关工委", "区政务服务中心", "区总工会",           "团区委"};

TEST(Collation, KeysOrderChineseNamesByPinyin) {
    std::vector<std::string> names = pinyin_order;
    std::reverse(names.begin(), names.end());
    std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
        return name_sort_key(a) < name_sort_key(b);
    });
    EXPECT_EQ(names, pinyin_order);
    // Latin letters keep their usual order (Chinese collation puts 汉字 first); keys are
    // plain hexadecimal text.
    EXPECT_LT(name_sort_key("A 组"), name_sort_key("B 组"));
    EXPECT_LT(name_sort_key("阿"), name_sort_key("Z"));
    const auto key = name_sort_key("区委编办");
    EXPECT_TRUE(std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    })) << key;
}

class PinyinSort : public RegistryWrite {
  protected:
    std::vector<std::string> names(const std::string& query) {
        const auto result = admin.get("/api/v1/units?page_size=100&" + query);
        EXPECT_EQ(result.status, 200) << result.body;
        std::vector<std::string> list;
        const auto json = result.json();
        for (const auto& item : json.at("items").as_array()) {
            list.emplace_back(item.at("name").as_string());
        }
        return list;
    }
};

TEST_F(PinyinSort, UnitsSortByPinyin) {
    // Given the demo units, `sort=name` lists them in pinyin order, `-name` in reverse.
    EXPECT_EQ(names("sort=name"), pinyin_order);
    auto reversed = pinyin_order;
    std::reverse(reversed.begin(), reversed.end());
    EXPECT_EQ(names("sort=-name"), reversed);
}

TEST_F(PinyinSort, ARenamedOrNewUnitTakesItsPinyinPlace) {
    // A new unit 区档案馆 (dang) sorts between 区城市建设中心 (cheng) and 区妇联 (fu); renamed to
    // 阿坝办事处 (a) it comes first.
    const auto id = create_unit({{"name", "区档案馆"}}).at("id").as_int64();
    auto listed = names("sort=name");
    ASSERT_GE(listed.size(), 3u);
    EXPECT_EQ(listed[1], "区档案馆");
    ASSERT_EQ(
        put_json(admin, "/api/v1/units/" + std::to_string(id), {{"name", "阿坝办事处"}}).status,
        200);
    EXPECT_EQ(names("sort=name").front(), "阿坝办事处");
}

TEST_F(PinyinSort, MembersSortByPinyinWithinAndAcrossUnits) {
    // Given a new unit with three members entered in the order 张伟, 阿丽, 王芳,
    const auto unit = create_unit({{"name", "区档案馆"}}).at("id").as_int64();
    int phone = 0;
    for (const char* name : {"张伟", "阿丽", "王芳"}) {
        const auto created = post_json(admin, "/api/v1/members",
                                       {{"name", name},
                                        {"gender", "female"},
                                        {"unit_id", unit},
                                        {"phone", "1390000200" + std::to_string(phone++)},
                                        {"joined_on", "2015-07-01"},
                                        {"status", "formal"}});
        ASSERT_EQ(created.status, 201) << created.body;
    }
    const auto member_names = [&](const std::string& query) {
        const auto result = admin.get("/api/v1/members?page_size=100&" + query);
        EXPECT_EQ(result.status, 200) << result.body;
        std::vector<std::string> list;
        const auto json = result.json();
        for (const auto& item : json.at("items").as_array()) {
            list.emplace_back(item.at("name").as_string());
        }
        return list;
    };
    const auto in_unit = "unit_id=" + std::to_string(unit);
    // when the list is sorted by name, then it is in pinyin order (a, wang, zhang),
    EXPECT_EQ(member_names(in_unit + "&sort=name"),
              (std::vector<std::string>{"阿丽", "王芳", "张伟"}));
    EXPECT_EQ(member_names(in_unit + "&sort=-name"),
              (std::vector<std::string>{"张伟", "王芳", "阿丽"}));
    // by default it keeps the order of entry within the unit,
    EXPECT_EQ(member_names(in_unit), (std::vector<std::string>{"张伟", "阿丽", "王芳"}));
    // across all units every page is in collation-key order,
    const auto all = member_names("sort=name");
    for (std::size_t i = 1; i < all.size(); ++i) {
        EXPECT_LE(name_sort_key(all[i - 1]), name_sort_key(all[i])) << all[i - 1] << all[i];
    }
    // and an unknown order is a 422 naming the parameter.
    const auto bad = admin.get("/api/v1/members?sort=age");
    EXPECT_EQ(bad.status, 422) << bad.body;
    EXPECT_NE(bad.body.find("sort"), std::string::npos) << bad.body;
}

TEST_F(PinyinSort, RowsWithoutAKeyAreFilledAtStart) {
    // Rows written before the keys existed (an empty key) are filled in by the start-up pass.
    auto& database = server.application().database();
    {
        storage::Connection connection(database);
        connection.session() << "UPDATE unit SET name_sort_key = ''";
        connection.session() << "UPDATE member SET name_sort_key = ''";
    }
    EXPECT_GE(storage::fill_missing_name_sort_keys(database), 14);
    EXPECT_EQ(names("sort=name"), pinyin_order);
    EXPECT_EQ(storage::fill_missing_name_sort_keys(database), 0);
}

}  // namespace
}  // namespace lianjian::testing
