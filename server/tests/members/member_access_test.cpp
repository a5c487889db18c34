// Specification: phone numbers are masked for every role in every list and default view; only
// an account that may unmask sees one full number at a time, and each unmasking is audited
// without the number; a unit_admin reaches its own unit's members only.
#include "members/member_fixture.hpp"

#include <regex>

namespace lianjian::testing {
namespace {

class MemberAccess : public MemberFixture {
  protected:
    void SetUp() override {
        MemberFixture::SetUp();
        shenji = unit_id("区审计局");
        bianban = unit_id("区委编办");
        audit_member = create("审计局党员", shenji, "13912341111");
        bianban_member = create("编办党员", bianban, "13912342222");
    }

    static bool all_masked(const HttpResult& list) {
        static const std::regex masked(R"(^1\d\d\*\*\*\*\d{4}$)");
        const auto json = list.json();  // kept alive for the loop
        for (const auto& item : json.at("items").as_array()) {
            if (!std::regex_match(std::string(item.at("phone").as_string()), masked)) {
                return false;
            }
        }
        return true;
    }

    static std::string member_target(long long id, const std::string& suffix = "") {
        return "/api/v1/members/" + std::to_string(id) + suffix;
    }

    long long shenji = 0;
    long long bianban = 0;
    long long audit_member = 0;
    long long bianban_member = 0;
};

TEST_F(MemberAccess, EveryReadingRoleSeesMaskedPhones) {
    for (const char* username : {"admin", "viewer", "bianban_admin"}) {
        auto client = signed_in(username);
        const auto list = client.get("/api/v1/members?page_size=100");
        ASSERT_EQ(list.status, 200) << username;
        EXPECT_GT(list.json().at("total").as_int64(), 0) << username;
        EXPECT_TRUE(all_masked(list)) << username << " " << list.body;
        const auto one = client.get(member_target(bianban_member));
        ASSERT_EQ(one.status, 200) << username;
        EXPECT_EQ(one.json().at("phone").as_string(), "139****2222") << username;
    }
}

TEST_F(MemberAccess, RolesWithoutMemberAccessAreRefused) {
    for (const char* username : {"auditor", "sysadmin"}) {
        auto client = signed_in(username);
        EXPECT_EQ(client.get("/api/v1/members").status, 403) << username;
        EXPECT_EQ(client.get(member_target(audit_member)).status, 403) << username;
        EXPECT_EQ(client.post(member_target(audit_member, "/unmask")).status, 403) << username;
    }
}

TEST_F(MemberAccess, ViewerCannotUnmaskOrChange) {
    auto viewer = signed_in("viewer");
    EXPECT_EQ(viewer.post(member_target(audit_member, "/unmask")).status, 403);
    EXPECT_EQ(viewer.post("/api/v1/members", member_body("访客", shenji, "13912343333")).status,
              403);
    EXPECT_EQ(
        put(viewer, member_target(audit_member), member_body("改名", shenji, "13912341111")).status,
        403);
    EXPECT_EQ(viewer.post(member_target(audit_member, "/deactivate")).status, 403);
    EXPECT_TRUE(audit_events("member.unmask").empty());
}

TEST_F(MemberAccess, AdminUnmasksOneNumberAndItIsAuditedWithoutTheNumber) {
    const auto result = admin.post(member_target(audit_member, "/unmask"));
    ASSERT_EQ(result.status, 200) << result.body;
    EXPECT_EQ(result.json().at("phone").as_string(), "13912341111");
    const auto events = audit_events("member.unmask");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].username, "admin");
    EXPECT_EQ(events[0].object_type, "member");
    EXPECT_EQ(events[0].object_id, std::to_string(audit_member));
    EXPECT_EQ(events[0].detail.find("13912341111"), std::string::npos);
    EXPECT_EQ(events[0].detail.find("1111"), std::string::npos);
    // Each unmasking is a record of its own.
    admin.post(member_target(audit_member, "/unmask"));
    EXPECT_EQ(audit_events("member.unmask").size(), 2u);
    // And the default view stays masked afterwards.
    EXPECT_EQ(admin.get(member_target(audit_member)).json().at("phone").as_string(), "139****1111");
}

TEST_F(MemberAccess, UnitAdminSeesAndManagesOnlyItsOwnUnit) {
    auto bianban_admin = signed_in("bianban_admin");
    // Its list is its own unit's, by default and when asked for by id,
    const auto list = bianban_admin.get("/api/v1/members?page_size=100");
    ASSERT_EQ(list.status, 200);
    EXPECT_GT(list.json().at("total").as_int64(), 0);
    const auto json = list.json();
    for (const auto& item : json.at("items").as_array()) {
        EXPECT_EQ(item.at("unit").at("id").as_int64(), bianban) << list.body;
    }
    EXPECT_EQ(bianban_admin.get("/api/v1/members?unit_id=" + std::to_string(bianban)).status, 200);
    // and another unit is refused everywhere.
    EXPECT_EQ(bianban_admin.get("/api/v1/members?unit_id=" + std::to_string(shenji)).status, 403);
    EXPECT_EQ(bianban_admin.get(member_target(audit_member)).status, 403);
    EXPECT_EQ(bianban_admin.post(member_target(audit_member, "/unmask")).status, 403);
    EXPECT_EQ(
        put(bianban_admin, member_target(audit_member), member_body("改名", shenji, "13912341111"))
            .status,
        403);
    EXPECT_EQ(bianban_admin.post(member_target(audit_member, "/deactivate")).status, 403);
    EXPECT_EQ(
        bianban_admin.post("/api/v1/members", member_body("越权", shenji, "13912344444")).status,
        403);
    // Moving its own member into another unit is refused too.
    EXPECT_EQ(put(bianban_admin, member_target(bianban_member),
                  member_body("编办党员", shenji, "13912342222"))
                  .status,
              403);
    EXPECT_TRUE(audit_events("member.unmask").empty());
    EXPECT_EQ(admin.get(member_target(audit_member)).json().at("name").as_string(), "审计局党员");
}

TEST_F(MemberAccess, UnitAdminManagesAndUnmasksItsOwnMembers) {
    auto bianban_admin = signed_in("bianban_admin");
    const auto created =
        bianban_admin.post("/api/v1/members", member_body("新党员", bianban, "13912345555"));
    ASSERT_EQ(created.status, 201) << created.body;
    const auto id = created.json().at("id").as_int64();
    EXPECT_EQ(
        put(bianban_admin, member_target(id), member_body("新党员", bianban, "13912345556")).status,
        200);
    const auto unmasked = bianban_admin.post(member_target(id, "/unmask"));
    ASSERT_EQ(unmasked.status, 200);
    EXPECT_EQ(unmasked.json().at("phone").as_string(), "13912345556");
    EXPECT_EQ(audit_events("member.unmask").size(), 1u);
    EXPECT_EQ(bianban_admin.post(member_target(id, "/deactivate")).status, 200);
}

}  // namespace
}  // namespace lianjian::testing
