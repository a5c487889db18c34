// Specification: the sign-in answer and /auth/me carry the caller's permission codes — exactly
// the permissions the one table grants to the account's roles — so the web shows a menu item or
// a button by code, never by re-deriving rights from role names.
#include "accounts/permission.hpp"
#include "support/test_server.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace lianjian::testing {
namespace {

std::set<std::string> codes_of(const HttpResult& result) {
    std::set<std::string> codes;
    const auto json = result.json();
    for (const auto& code : json.at("permissions").as_array()) {
        codes.emplace(code.as_string());
    }
    return codes;
}

// What the permission table grants the role, through the table's own list of codes.
std::set<std::string> granted(accounts::Role role) {
    const auto codes = accounts::permission_codes({role});
    return {codes.begin(), codes.end()};
}

class PermissionCodes : public ::testing::Test {
  protected:
    TestServer server;
};

TEST_F(PermissionCodes, LoginAndMeAnswerTheTablesCodesForEachDemoRole) {
    const std::pair<const char*, accounts::Role> accounts_and_roles[] = {
        {"admin", accounts::Role::committee_admin},    {"sysadmin", accounts::Role::system_admin},
        {"auditor", accounts::Role::auditor},          {"viewer", accounts::Role::viewer},
        {"bianban_admin", accounts::Role::unit_admin},
    };
    for (const auto& [username, role] : accounts_and_roles) {
        // Given a demo account, when it signs in,
        HttpClient client{server.port()};
        const auto login = client.login(username);
        ASSERT_EQ(login.status, 200) << username << login.body;
        // then the answer lists the codes the permission table grants its role,
        EXPECT_EQ(codes_of(login), granted(role)) << username;
        // and /auth/me lists the same.
        const auto me = client.get("/api/v1/auth/me");
        ASSERT_EQ(me.status, 200) << username;
        EXPECT_EQ(codes_of(me), granted(role)) << username;
    }
}

TEST_F(PermissionCodes, CodesFollowTheSeparationOfDuties) {
    HttpClient auditor{server.port()};
    ASSERT_EQ(auditor.login("auditor").status, 200);
    const auto auditor_codes = codes_of(auditor.get("/api/v1/auth/me"));
    EXPECT_TRUE(auditor_codes.contains("audit_read"));
    EXPECT_FALSE(auditor_codes.contains("registry_read"));
    EXPECT_FALSE(auditor_codes.contains("users_manage"));

    HttpClient sysadmin{server.port()};
    ASSERT_EQ(sysadmin.login("sysadmin").status, 200);
    const auto sysadmin_codes = codes_of(sysadmin.get("/api/v1/auth/me"));
    EXPECT_TRUE(sysadmin_codes.contains("users_manage"));
    EXPECT_FALSE(sysadmin_codes.contains("audit_read"));
    EXPECT_FALSE(sysadmin_codes.contains("registry_manage"));

    HttpClient admin{server.port()};
    ASSERT_EQ(admin.login("admin").status, 200);
    const auto admin_codes = codes_of(admin.get("/api/v1/auth/me"));
    for (const char* code : {"registry_manage", "alliances_manage", "applications_decide",
                             "members_manage", "signed_in"}) {
        EXPECT_TRUE(admin_codes.contains(code)) << code;
    }
    EXPECT_FALSE(admin_codes.contains("applications_act"));
}

}  // namespace
}  // namespace lianjian::testing
