#pragma once

// What the plan and responsibility specifications share: the demo server (whose current year
// already has the demo plans and sheets), the lead of 第一联盟 (gongwei_admin), a member unit of it
// that does not lead (shenji_admin), the lead of 第二联盟 (zhengwu_admin), the viewer, and short
// ways to write a plan for next year, which the demo leaves free.
#include "alliances/alliance_fixture.hpp"

namespace lianjian::testing::plan_support {

using namespace alliance_support;

class PlanFixture : public AllianceFixture {
  protected:
    void SetUp() override {
        AllianceFixture::SetUp();
        first = alliance_id("第一联盟");
        second = alliance_id("第二联盟");
        gongwei = unit_id("区委直属机关工委");
        shenji = unit_id("区审计局");
        zonggonghui = unit_id("区总工会");
        ASSERT_EQ(lead.login("gongwei_admin").status, 200);
        ASSERT_EQ(member_unit.login("shenji_admin").status, 200);
        ASSERT_EQ(other_lead.login("zhengwu_admin").status, 200);
        ASSERT_EQ(viewer.login("viewer").status, 200);
    }

    static std::string path(long long id, const std::string& action = "") {
        return "/api/v1/plans/" + std::to_string(id) + (action.empty() ? "" : "/" + action);
    }

    boost::json::object item(const std::string& theme, const std::string& linkage, int month,
                             std::optional<long long> host = std::nullopt) {
        boost::json::object item{{"theme", theme},
                                 {"linkage", linkage},
                                 {"kind", "practice"},
                                 {"month", month},
                                 {"place", "党员活动室"},
                                 {"participating_unit_ids", boost::json::array{gongwei, shenji}}};
        if (host)
            item["host_unit_id"] = *host;
        return item;
    }

    // 第一联盟's plan for next year, created by its lead; its id.
    long long new_plan() {
        const auto created =
            post_body(lead, "/api/v1/plans", {{"alliance_id", first}, {"year", year}});
        EXPECT_EQ(created.status, 201) << created.body;
        return created.status == 201 ? created.json().at("id").as_int64() : 0;
    }

    // Four linkages, so that the plan misses 党员队伍联建 and 作风纪律联抓.
    HttpResult write_four(long long id) {
        boost::json::array items{item("共过主题党日", "theory_study", 7, gongwei),
                                 item("共享党建活动基地", "resource_sharing", 5, shenji),
                                 item("助力“两区创建”志愿服务", "joint_practice", 6, gongwei),
                                 item("招商引资联动", "central_work", 8, shenji)};
        return put_body(
            lead, path(id),
            {{"contacts", boost::json::array{boost::json::object{
                              {"name", "李明"}, {"duty", "联络员"}, {"phone", "13800000001"}}}},
             {"support",
              boost::json::object{
                  {"venues", "活动室"}, {"funds", "各单位列支"}, {"people", "联络员"}}},
             {"items", std::move(items)}});
    }

    boost::json::value plan(HttpClient& client, long long id) {
        const auto result = client.get(path(id));
        EXPECT_EQ(result.status, 200) << result.body;
        return result.json();
    }

    static std::vector<std::string> strings(const boost::json::value& array) {
        std::vector<std::string> values;
        for (const auto& value : array.as_array()) values.push_back(str(value));
        return values;
    }

    const int year = current_year() + 1;
    long long first = 0;
    long long second = 0;
    long long gongwei = 0;
    long long shenji = 0;
    long long zonggonghui = 0;
    HttpClient lead{server.port()};
    HttpClient member_unit{server.port()};
    HttpClient other_lead{server.port()};
    HttpClient viewer{server.port()};
};

}  // namespace lianjian::testing::plan_support
