// Specification: party members are created, read, edited and deactivated (never deleted)
// through /api/v1/members; each field is validated with a Chinese message naming it; a phone
// number is unique within a unit and can be searched exactly.
#include "members/member_fixture.hpp"

namespace lianjian::testing {
namespace {

using MemberApi = MemberFixture;

TEST_F(MemberApi, CreateAnswers201WithTheMemberAndAMaskedPhone) {
    const long long unit = unit_id("区审计局");
    const auto result = admin.post("/api/v1/members", member_body("赵敏", unit, "13912345678"));
    ASSERT_EQ(result.status, 201) << result.body;
    const auto member = result.json().as_object();
    EXPECT_GT(member.at("id").as_int64(), 0);
    EXPECT_EQ(member.at("name").as_string(), "赵敏");
    EXPECT_EQ(member.at("gender").as_string(), "female");
    EXPECT_EQ(member.at("unit").at("id").as_int64(), unit);
    EXPECT_EQ(member.at("unit").at("name").as_string(), "区审计局");
    EXPECT_EQ(member.at("post").as_string(), "组织委员");
    EXPECT_EQ(member.at("phone").as_string(), "139****5678");
    EXPECT_EQ(member.at("joined_on").as_string(), "2015-07-01");
    EXPECT_EQ(member.at("status").as_string(), "formal");
    EXPECT_TRUE(member.at("active").as_bool());
    EXPECT_FALSE(member.at("created_at").as_string().empty());
    EXPECT_FALSE(member.at("updated_at").as_string().empty());
    EXPECT_EQ(result.body.find("13912345678"), std::string::npos);
    EXPECT_EQ(audit_events("member.create").size(), 1u);
}

TEST_F(MemberApi, ChineseCodesAreAcceptedOnCreate) {
    auto body =
        boost::json::parse(member_body("钱进", unit_id("区妇联"), "139 1234 0001")).as_object();
    body["gender"] = "男";
    body["status"] = "预备";
    body["joined_on"] = "2024/7/1";
    const auto result = admin.post("/api/v1/members", boost::json::serialize(body));
    ASSERT_EQ(result.status, 201) << result.body;
    EXPECT_EQ(result.json().at("gender").as_string(), "male");
    EXPECT_EQ(result.json().at("status").as_string(), "probationary");
    EXPECT_EQ(result.json().at("joined_on").as_string(), "2024-07-01");
    EXPECT_EQ(result.json().at("phone").as_string(), "139****0001");
}

TEST_F(MemberApi, GetUpdateAndDeactivate) {
    const long long unit = unit_id("区总工会");
    const long long id = create("孙立", unit, "13912340002");
    const std::string target = "/api/v1/members/" + std::to_string(id);
    // Read back,
    const auto read = admin.get(target);
    ASSERT_EQ(read.status, 200);
    EXPECT_EQ(read.json().at("name").as_string(), "孙立");
    // changed (another unit, another number, now probationary),
    const long long other = unit_id("团区委");
    const auto updated =
        put(admin, target, member_body("孙立", other, "13912340003", "probationary"));
    ASSERT_EQ(updated.status, 200) << updated.body;
    EXPECT_EQ(updated.json().at("unit").at("name").as_string(), "团区委");
    EXPECT_EQ(updated.json().at("phone").as_string(), "139****0003");
    EXPECT_EQ(updated.json().at("status").as_string(), "probationary");
    // and deactivated: kept, no longer active, and still listed with active=false.
    const auto deactivated = admin.post(target + "/deactivate");
    ASSERT_EQ(deactivated.status, 200);
    EXPECT_FALSE(deactivated.json().at("active").as_bool());
    EXPECT_EQ(admin.get(target).status, 200);
    EXPECT_EQ(member_total("&active=false&unit_id=" + std::to_string(other)), 1);
    EXPECT_EQ(member_total("&active=true&phone=13912340003"), 0);
    EXPECT_EQ(audit_events("member.update").size(), 1u);
    EXPECT_EQ(audit_events("member.deactivate").size(), 1u);
    // There is no way to delete one.
    EXPECT_EQ(admin.request("DELETE", target, "", {{"X-Requested-With", "XMLHttpRequest"}}).status,
              405);
}

TEST_F(MemberApi, AnUpdateWithoutAPhoneKeepsTheStoredNumberAndDisclosesNothing) {
    // Given a member, when an editor saves other fields and leaves the phone out,
    const long long unit = unit_id("区总工会");
    const long long id = create("周敏", unit, "13912340009");
    const std::string target = "/api/v1/members/" + std::to_string(id);
    auto body = boost::json::parse(member_body("周敏", unit, "")).as_object();
    body.erase("phone");
    body["post"] = "宣传委员";
    const auto updated = put(admin, target, boost::json::serialize(body));
    // then the change is saved, the number is the one stored, and no unmasking was recorded.
    ASSERT_EQ(updated.status, 200) << updated.body;
    EXPECT_EQ(updated.json().at("post").as_string(), "宣传委员");
    EXPECT_EQ(updated.json().at("phone").as_string(), "139****0009");
    EXPECT_TRUE(audit_events("member.unmask").empty());
    EXPECT_EQ(admin.post(target + "/unmask").json().at("phone").as_string(), "13912340009");
}

TEST_F(MemberApi, UnknownMemberIs404) {
    EXPECT_EQ(admin.get("/api/v1/members/999999").status, 404);
    EXPECT_EQ(admin.post("/api/v1/members/999999/unmask").status, 404);
    EXPECT_EQ(admin.post("/api/v1/members/999999/deactivate").status, 404);
}

TEST_F(MemberApi, EachInvalidFieldIs422NamingIt) {
    const long long unit = unit_id("区审计局");
    struct Case {
        const char* field;
        boost::json::value value;
    };
    const Case cases[] = {
        {"name", ""},
        {"name", boost::json::string(std::string(65 * 3, 'a'))},
        {"gender", "unknown"},
        {"unit_id", 999999},
        {"post", boost::json::string(std::string(65, 'x'))},
        {"phone", "12345"},
        {"phone", "23812345678"},
        {"phone", "1381234567a"},
        {"joined_on", "2020-02-30"},
        {"joined_on", "yesterday"},
        {"joined_on", "2999-01-01"},
        {"status", "member"},
    };
    for (const auto& c : cases) {
        auto body = boost::json::parse(member_body("周全", unit, "13912340004")).as_object();
        body[c.field] = c.value;
        const auto result = admin.post("/api/v1/members", boost::json::serialize(body));
        EXPECT_EQ(result.status, 422) << c.field << " " << result.body;
        EXPECT_EQ(result.error_code(), "validation_failed") << c.field;
        if (result.status == 422) {
            EXPECT_EQ(result.json().at("error").at("details").at("field").as_string(), c.field)
                << result.body;
        }
    }
    // A missing field, or one of the wrong type, names the field too.
    const auto missing = admin.post("/api/v1/members", R"({"name":"周全"})");
    EXPECT_EQ(missing.status, 422);
    const auto typed =
        admin.post("/api/v1/members", R"({"name":"周全","gender":"male","unit_id":"x"})");
    EXPECT_EQ(typed.status, 422);
    EXPECT_EQ(typed.json().at("error").at("details").at("field").as_string(), "unit_id");
    EXPECT_EQ(member_total("&phone=13912340004"), 0);
}

TEST_F(MemberApi, SamePhoneInOneUnitIs409) {
    const long long unit = unit_id("区审计局");
    create("吴用", unit, "13912340005");
    const auto again = admin.post("/api/v1/members", member_body("吴用二", unit, "139-1234-0005"));
    EXPECT_EQ(again.status, 409) << again.body;
    EXPECT_EQ(again.json().at("error").at("details").at("field").as_string(), "phone");
    // Another unit may have a member with the same number (one person, two records is the
    // units' business; within one unit it is a mistake).
    EXPECT_EQ(
        admin.post("/api/v1/members", member_body("吴用", unit_id("区妇联"), "13912340005")).status,
        201);
}

TEST_F(MemberApi, PhoneSearchIsExact) {
    create("郑和", unit_id("区科协"), "13912340006");
    const auto found = admin.get("/api/v1/members?phone=13912340006");
    ASSERT_EQ(found.status, 200);
    ASSERT_EQ(found.json().at("total").as_int64(), 1);
    EXPECT_EQ(found.json().at("items").at(0).at("name").as_string(), "郑和");
    EXPECT_EQ(member_total("&phone=139%201234%200006"), 1);  // spaces as people type them
    EXPECT_EQ(member_total("&phone=1391234000"), 0);         // a prefix is not a match
    EXPECT_EQ(member_total("&phone=13912340007"), 0);
}

TEST_F(MemberApi, ListFiltersByNameOrPostStatusAndUnit) {
    const long long unit = unit_id("区科协");
    create("冯唐", unit, "13912340008");
    EXPECT_EQ(member_total("&q=" + std::string("%E5%86%AF%E5%94%90")), 1);  // 冯唐
    EXPECT_GE(member_total("&q=" + std::string("%E7%BB%84%E7%BB%87%E5%A7%94%E5%91%98")),
              1);  // 组织委员
    const auto total = member_total("&unit_id=" + std::to_string(unit));
    EXPECT_EQ(total, member_total("&unit_id=" + std::to_string(unit) + "&status=formal") +
                         member_total("&unit_id=" + std::to_string(unit) + "&status=probationary"));
    EXPECT_EQ(admin.get("/api/v1/members?status=other").status, 422);
    EXPECT_EQ(admin.get("/api/v1/members?active=maybe").status, 422);
    const auto page = admin.get("/api/v1/members?page=1&page_size=5");
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.json().at("items").as_array().size(), 5u);
    EXPECT_GT(page.json().at("total").as_int64(), 5);
}

TEST_F(MemberApi, DemoDataHasMembersInEveryDemoUnitAndLoadsOnce) {
    const long long before = member_total();
    EXPECT_EQ(before, 14 * 3);
    server.application().services().members.load_demo_members();
    EXPECT_EQ(member_total(), before);
    EXPECT_EQ(member_total("&phone=13800000101"), 1);
}

}  // namespace
}  // namespace lianjian::testing
