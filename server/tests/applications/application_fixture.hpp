#pragma once

// The application workflow's specifications share: a free unit 区档案馆 (in 人防大楼办公区, next to
// 第三联盟) with its administrator dangan_admin, the lead of 第三联盟 (bianban_admin), and short
// ways to take each step over HTTP.
#include "alliances/alliance_fixture.hpp"

namespace lianjian::testing::alliance_support {

class ApplicationFixture : public AllianceFixture {
  protected:
    void SetUp() override {
        AllianceFixture::SetUp();
        dangan = new_unit("区档案馆");
        new_account("dangan_admin", accounts::Role::unit_admin, dangan);
        third = alliance_id("第三联盟");
        bianban = unit_id("区委编办");
        applicant = signed_in("dangan_admin");
        lead = signed_in("bianban_admin");
    }

    static std::string path(long long id, const std::string& action = "") {
        return "/api/v1/applications/" + std::to_string(id) + (action.empty() ? "" : "/" + action);
    }

    HttpResult submit_join(HttpClient& client, long long unit, long long alliance,
                           const std::string& reason = "办公地点相邻，申请加入") {
        return post_body(client, "/api/v1/applications",
                         {{"kind", "join"},
                          {"unit_id", unit},
                          {"alliance_id", alliance},
                          {"reason", reason.c_str()}});
    }

    // Submits 区档案馆's application to join 第三联盟 and returns its id.
    long long join_application() {
        const auto result = submit_join(applicant, dangan, third);
        EXPECT_EQ(result.status, 201) << result.body;
        return result.status == 201 ? result.json().at("id").as_int64() : 0;
    }

    static HttpResult consult(HttpClient& client, long long id, bool agree,
                              const std::string& opinion) {
        return post_body(client, path(id, "consult"),
                         {{"agree", agree}, {"opinion", opinion.c_str()}});
    }

    static HttpResult confirm(HttpClient& client, long long id, bool agree,
                              const std::string& opinion) {
        return post_body(client, path(id, "confirm"),
                         {{"agree", agree}, {"opinion", opinion.c_str()}});
    }

    static HttpResult decide(HttpClient& client, long long id, bool approve,
                             const std::string& opinion) {
        return post_body(client, path(id, "decide"),
                         {{"approve", approve}, {"opinion", opinion.c_str()}});
    }

    static HttpResult withdraw(HttpClient& client, long long id, const std::string& opinion = "") {
        return post_body(client, path(id, "withdraw"), {{"opinion", opinion.c_str()}});
    }

    // 区档案馆's join application, agreed by the lead unit: waiting on the committee.
    long long application_under_review() {
        const long long id = join_application();
        const auto agreed = consult(lead, id, true, "同意加入");
        EXPECT_EQ(agreed.status, 200) << agreed.body;
        return id;
    }

    boost::json::value application(long long id) {
        const auto result = admin.get(path(id));
        EXPECT_EQ(result.status, 200) << result.body;
        return result.json();
    }

    std::string state_of(long long id) { return str(application(id).at("state")); }

    long long dangan = 0;
    long long third = 0;
    long long bianban = 0;
    HttpClient applicant{server.port()};
    HttpClient lead{server.port()};
};

}  // namespace lianjian::testing::alliance_support
