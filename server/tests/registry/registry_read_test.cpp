// Specification: reading the registry (units, office areas) and the alliances of the demo data:
// 14 units in 3 office areas, 3 alliances of 5, 5 and 4 members, each led by its lead unit.
#include "support/test_server.hpp"

#include <gtest/gtest.h>

#include <boost/json/array.hpp>

#include <set>

namespace lianjian::testing {
namespace {

// The tests only read, so they share one server (and its demo data).
class RegistryRead : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { shared = std::make_unique<TestServer>(); }
    static void TearDownTestSuite() { shared.reset(); }
    void SetUp() override { ASSERT_EQ(admin.login("admin").status, 200); }

    boost::json::object get(const std::string& target) {
        const auto result = admin.get(target);
        EXPECT_EQ(result.status, 200) << target << ": " << result.body;
        return result.json().as_object();
    }

    long long office_area_id(const std::string& name) {
        const auto areas = get("/api/v1/office-areas");
        for (const auto& area : areas.at("items").as_array()) {
            if (area.at("name").as_string() == name) {
                return area.at("id").as_int64();
            }
        }
        ADD_FAILURE() << "no office area " << name;
        return 0;
    }

    static inline std::unique_ptr<TestServer> shared;
    TestServer& server = *shared;
    HttpClient admin{server.port()};
};

TEST_F(RegistryRead, ListsTheFourteenDemoUnits) {
    const auto page = get("/api/v1/units");
    EXPECT_EQ(page.at("total").as_int64(), 14);
    const auto& items = page.at("items").as_array();
    ASSERT_EQ(items.size(), 14u);
    std::set<std::string> names;
    for (const auto& unit : items) {
        names.insert(std::string(unit.at("name").as_string()));
        EXPECT_TRUE(unit.at("office_area").is_object());
        EXPECT_EQ(unit.at("is_demo").as_bool(), true);
    }
    EXPECT_EQ(names.size(), 14u);
    EXPECT_TRUE(names.count("区委直属机关工委"));
    EXPECT_TRUE(names.count("区审计局"));
    EXPECT_TRUE(names.count("区供销联社"));
}

TEST_F(RegistryRead, SearchByNameInChinese) {
    // q=审计, percent-encoded as a browser sends it.
    const auto page = get("/api/v1/units?q=%E5%AE%A1%E8%AE%A1");
    EXPECT_EQ(page.at("total").as_int64(), 1);
    ASSERT_EQ(page.at("items").as_array().size(), 1u);
    EXPECT_EQ(page.at("items").as_array()[0].at("name").as_string(), "区审计局");
}

TEST_F(RegistryRead, SearchMatchesTheShortNameAndCanFindNothing) {
    // 中心 appears in 政务服务中心, 投资促进服务中心, 城市建设中心, 水建中心, 金融服务中心.
    const auto page = get("/api/v1/units?q=%E4%B8%AD%E5%BF%83");
    EXPECT_EQ(page.at("total").as_int64(), 5);
    for (const auto& unit : page.at("items").as_array()) {
        EXPECT_NE(std::string(unit.at("name").as_string()).find("中心"), std::string::npos);
    }
    EXPECT_EQ(get("/api/v1/units?q=zzz-no-such-unit").at("total").as_int64(), 0);
}

TEST_F(RegistryRead, SearchTreatsLikeWildcardsAsText) {
    // A search for "%" must not match every unit.
    EXPECT_EQ(get("/api/v1/units?q=%25").at("total").as_int64(), 0);
    EXPECT_EQ(get("/api/v1/units?q=_").at("total").as_int64(), 0);
}

TEST_F(RegistryRead, FilterByOfficeArea) {
    const auto area = office_area_id("人防大楼办公区");
    const auto page = get("/api/v1/units?office_area_id=" + std::to_string(area));
    EXPECT_EQ(page.at("total").as_int64(), 4);
    for (const auto& unit : page.at("items").as_array()) {
        EXPECT_EQ(unit.at("office_area").at("id").as_int64(), area);
        EXPECT_EQ(unit.at("office_area").at("name").as_string(), "人防大楼办公区");
    }
    EXPECT_EQ(
        get("/api/v1/units?office_area_id=" + std::to_string(office_area_id("机关行政中心办公区")))
            .at("total")
            .as_int64(),
        5);
    EXPECT_EQ(get("/api/v1/units?office_area_id=999999").at("total").as_int64(), 0);
}

TEST_F(RegistryRead, SearchAndAreaCombine) {
    const auto area = office_area_id("人防大楼办公区");
    const auto page =
        get("/api/v1/units?q=%E4%B8%AD%E5%BF%83&office_area_id=" + std::to_string(area));
    EXPECT_EQ(page.at("total").as_int64(), 2);  // 水建中心, 金融服务中心
}

TEST_F(RegistryRead, Paging) {
    const auto first = get("/api/v1/units?page=1&page_size=5");
    const auto second = get("/api/v1/units?page=2&page_size=5");
    const auto third = get("/api/v1/units?page=3&page_size=5");
    EXPECT_EQ(first.at("items").as_array().size(), 5u);
    EXPECT_EQ(second.at("items").as_array().size(), 5u);
    EXPECT_EQ(third.at("items").as_array().size(), 4u);
    for (const auto* page : {&first, &second, &third}) {
        EXPECT_EQ(page->at("total").as_int64(), 14);
    }
    std::set<long long> ids;
    for (const auto* page : {&first, &second, &third}) {
        for (const auto& unit : page->at("items").as_array()) {
            ids.insert(unit.at("id").as_int64());
        }
    }
    EXPECT_EQ(ids.size(), 14u);
    EXPECT_TRUE(get("/api/v1/units?page=4&page_size=5").at("items").as_array().empty());
}

TEST_F(RegistryRead, PageSizeOutOfBoundsIs422) {
    EXPECT_EQ(admin.get("/api/v1/units?page_size=0").status, 422);
    EXPECT_EQ(admin.get("/api/v1/units?page_size=101").status, 422);
    EXPECT_EQ(admin.get("/api/v1/units?page=0").status, 422);
    EXPECT_EQ(admin.get("/api/v1/units?office_area_id=-1").status, 422);
}

TEST_F(RegistryRead, ThreeOfficeAreas) {
    const auto page = get("/api/v1/office-areas");
    EXPECT_EQ(page.at("total").as_int64(), 3);
    EXPECT_EQ(page.at("items").as_array().size(), 3u);
}

TEST_F(RegistryRead, ThreeAlliancesWithTheirLeadUnitsFirst) {
    const auto page = get("/api/v1/alliances");
    EXPECT_EQ(page.at("total").as_int64(), 3);
    const auto& items = page.at("items").as_array();
    ASSERT_EQ(items.size(), 3u);
    const std::vector<std::string> names = {"第一联盟", "第二联盟", "第三联盟"};
    const std::vector<std::size_t> sizes = {5, 5, 4};
    const std::vector<std::string> leads = {"区委直属机关工委", "区政务服务中心", "区委编办"};
    std::set<long long> all_members;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& alliance = items[i].as_object();
        EXPECT_EQ(alliance.at("name").as_string(), names[i]);
        EXPECT_EQ(alliance.at("lead_unit").at("name").as_string(), leads[i]);
        const auto& members = alliance.at("members").as_array();
        ASSERT_EQ(members.size(), sizes[i]) << names[i];
        // The lead unit is listed first with the role "lead"; the others are members.
        EXPECT_EQ(members[0].at("role").as_string(), "lead") << names[i];
        EXPECT_EQ(members[0].at("unit").at("id"), alliance.at("lead_unit").at("id")) << names[i];
        EXPECT_EQ(members[0].at("unit").at("name").as_string(), leads[i]);
        for (std::size_t m = 1; m < members.size(); ++m) {
            EXPECT_EQ(members[m].at("role").as_string(), "member") << names[i];
        }
        for (const auto& member : members) {
            all_members.insert(member.at("unit").at("id").as_int64());
        }
    }
    // Every demo unit is in exactly one alliance.
    EXPECT_EQ(all_members.size(), 14u);
}

TEST_F(RegistryRead, AlliancesBeforeTheyWereFoundedAreNotListed) {
    const auto page = get("/api/v1/alliances?on=2026-03-31");
    EXPECT_EQ(page.at("total").as_int64(), 0);
    EXPECT_EQ(get("/api/v1/alliances?on=2026-04-01").at("total").as_int64(), 3);
}

TEST_F(RegistryRead, AuditorCannotReadTheRegistry) {
    HttpClient auditor{server.port()};
    ASSERT_EQ(auditor.login("auditor").status, 200);
    const auto units = auditor.get("/api/v1/units");
    EXPECT_EQ(units.status, 403);
    EXPECT_EQ(units.error_code(), "forbidden");
    EXPECT_EQ(auditor.get("/api/v1/office-areas").status, 403);
    EXPECT_EQ(auditor.get("/api/v1/alliances").status, 403);
}

TEST_F(RegistryRead, UnitAdminAndViewerReadTheRegistry) {
    for (const char* username : {"bianban_admin", "viewer", "sysadmin"}) {
        HttpClient other{server.port()};
        ASSERT_EQ(other.login(username).status, 200);
        EXPECT_EQ(other.get("/api/v1/units").status, 200) << username;
    }
}

}  // namespace
}  // namespace lianjian::testing
