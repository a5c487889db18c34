// Specification: 三员分立 — system administration, audit and programme work are three duties no
// account may combine; the viewer role combines with any.
#include "accounts/role.hpp"
#include "core/error.hpp"
#include "support/test_server.hpp"

#include <gtest/gtest.h>

namespace lianjian::testing {
namespace {

using accounts::Role;
using accounts::Roles;

std::optional<ErrorCode> separation_error(const Roles& roles) {
    try {
        accounts::check_role_separation(roles);
    } catch (const AppError& error) {
        return error.code();
    }
    return std::nullopt;
}

TEST(RoleSeparation, SystemAdminAndAuditorAreRefused) {
    EXPECT_EQ(separation_error({Role::system_admin, Role::auditor}), ErrorCode::role_separation);
    EXPECT_EQ(separation_error({Role::auditor, Role::system_admin}), ErrorCode::role_separation);
}

TEST(RoleSeparation, SystemAdminAndCommitteeAdminAreRefused) {
    EXPECT_EQ(separation_error({Role::system_admin, Role::committee_admin}),
              ErrorCode::role_separation);
}

TEST(RoleSeparation, AuditorAndUnitAdminAreRefused) {
    EXPECT_EQ(separation_error({Role::auditor, Role::unit_admin}), ErrorCode::role_separation);
}

TEST(RoleSeparation, EveryPairAcrossDutiesIsRefused) {
    const Roles programme = {Role::committee_admin, Role::unit_admin, Role::member};
    for (Role work : programme) {
        EXPECT_EQ(separation_error({work, Role::system_admin}), ErrorCode::role_separation)
            << accounts::role_name(work);
        EXPECT_EQ(separation_error({work, Role::auditor}), ErrorCode::role_separation)
            << accounts::role_name(work);
    }
    // A third role does not hide the conflict.
    EXPECT_EQ(separation_error({Role::viewer, Role::system_admin, Role::auditor}),
              ErrorCode::role_separation);
}

TEST(RoleSeparation, ViewerCombinesWithAnyDuty) {
    EXPECT_EQ(separation_error({Role::viewer, Role::system_admin}), std::nullopt);
    EXPECT_EQ(separation_error({Role::viewer, Role::auditor}), std::nullopt);
    EXPECT_EQ(separation_error({Role::viewer, Role::committee_admin}), std::nullopt);
}

TEST(RoleSeparation, RolesOfOneDutyCombine) {
    EXPECT_EQ(separation_error({Role::committee_admin, Role::unit_admin}), std::nullopt);
    EXPECT_EQ(separation_error({Role::unit_admin, Role::member}), std::nullopt);
}

TEST(RoleSeparation, EachSingleRoleIsAllowed) {
    for (Role role : accounts::all_roles) {
        EXPECT_EQ(separation_error({role}), std::nullopt) << accounts::role_name(role);
    }
}

TEST(RoleSeparation, EmptyListIsRefused) {
    EXPECT_TRUE(separation_error({}).has_value());
}

TEST(RoleSeparation, DuplicateRoleIsRefused) {
    EXPECT_TRUE(separation_error({Role::viewer, Role::viewer}).has_value());
    EXPECT_TRUE(separation_error({Role::auditor, Role::auditor}).has_value());
}

TEST(RoleSeparationApi, CreatingSystemAdminAuditorIs422RoleSeparation) {
    // Given the system administrator signed in,
    TestServer server;
    HttpClient sysadmin{server.port()};
    ASSERT_EQ(sysadmin.login("sysadmin").status, 200);
    // when it creates an account that is both system administrator and auditor,
    const auto result = sysadmin.post(
        "/api/v1/users",
        R"({"username":"both","display_name":"两职","roles":["system_admin","auditor"]})");
    // then the answer is 422 role_separation naming the roles field, and no account exists.
    EXPECT_EQ(result.status, 422);
    EXPECT_EQ(result.error_code(), "role_separation");
    EXPECT_EQ(result.json().at("error").at("details").at("field").as_string(), "roles");
    const auto list = sysadmin.get("/api/v1/users?q=both");
    ASSERT_EQ(list.status, 200);
    const auto users = list.json();
    for (const auto& item : users.at("items").as_array()) {
        EXPECT_NE(item.at("username").as_string(), "both");
    }
}

TEST(RoleSeparationApi, ViewerPlusSystemAdminCanBeCreated) {
    TestServer server;
    HttpClient sysadmin{server.port()};
    ASSERT_EQ(sysadmin.login("sysadmin").status, 200);
    const auto result = sysadmin.post(
        "/api/v1/users",
        R"({"username":"ops_viewer","display_name":"运维查看","roles":["viewer","system_admin"]})");
    EXPECT_EQ(result.status, 201) << result.body;
}

}  // namespace
}  // namespace lianjian::testing
