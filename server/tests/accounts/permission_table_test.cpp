// Specification: one table says which roles hold each permission and how far (all, own unit, own
// alliance, alliance led by own unit); a caller is asked `may(permission, target)`, and
// `/auth/me` answers the caller's permission codes.
#include "accounts/caller.hpp"
#include "core/enum_text.hpp"
#include "support/test_server.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace lianjian::testing {
namespace {

using accounts::Caller;
using accounts::Permission;
using accounts::Role;
using accounts::Scope;
using accounts::Target;

Caller caller(std::vector<Role> roles, std::optional<long long> unit = std::nullopt) {
    return {{1, "someone", "127.0.0.1"}, std::move(roles), unit};
}

TEST(PermissionTable, EveryPermissionHasOneRowAndACode) {
    // Given every permission, then each has a row (a scope), a distinct code and a label.
    std::vector<std::string> codes;
    for (auto permission : accounts::all_permissions) {
        EXPECT_NO_THROW(accounts::permission_scope(permission));
        codes.emplace_back(accounts::permission_name(permission));
        EXPECT_FALSE(codes.back().empty());
        EXPECT_FALSE(std::string(enum_label(permission)).empty());
    }
    std::sort(codes.begin(), codes.end());
    EXPECT_EQ(std::unique(codes.begin(), codes.end()), codes.end());
}

TEST(PermissionTable, ProgrammeWideRolesReachEverything) {
    // Given the committee, then it may manage members and arrange rotations of any unit.
    const auto committee = caller({Role::committee_admin}, 5);
    EXPECT_TRUE(committee.may(Permission::members_manage, Target::unit(99)));
    EXPECT_TRUE(committee.may(Permission::rotation_arrange, Target::alliance(99, {99})));
    EXPECT_TRUE(committee.may_everywhere(Permission::applications_decide));
    // but it does not apply on a unit's behalf.
    EXPECT_FALSE(committee.may(Permission::applications_act, Target::unit(5)));
}

TEST(PermissionTable, UnitScopedRolesReachTheirOwnUnitOnly) {
    // Given a unit administrator of unit 5,
    const auto unit_admin = caller({Role::unit_admin}, 5);
    // then it reaches unit 5's members, not unit 6's,
    EXPECT_EQ(unit_admin.reach(Permission::members_manage), Scope::own_unit);
    EXPECT_TRUE(unit_admin.may(Permission::members_manage, Target::unit(5)));
    EXPECT_FALSE(unit_admin.may(Permission::members_manage, Target::unit(6)));
    // an object of several units when one is its own,
    EXPECT_TRUE(unit_admin.may(Permission::applications_read, Target::units({6, 5})));
    // the rotation only of an alliance its unit leads,
    EXPECT_TRUE(unit_admin.may(Permission::rotation_arrange, Target::alliance(5, {5, 6})));
    EXPECT_FALSE(unit_admin.may(Permission::rotation_arrange, Target::alliance(6, {5, 6})));
    EXPECT_TRUE(unit_admin.may(Permission::applications_consult, Target::alliance(5, {})));
    // and nothing of the committee's.
    EXPECT_FALSE(unit_admin.may(Permission::alliances_manage, Target::unit(5)));
    // Without a unit, a unit-scoped role reaches nothing.
    EXPECT_FALSE(caller({Role::unit_admin}).may(Permission::members_read, Target::unit(5)));
}

TEST(PermissionTable, RolesWithoutThePermissionAreRefused) {
    EXPECT_FALSE(caller({Role::auditor}).may(Permission::registry_read, {}));
    EXPECT_FALSE(caller({Role::system_admin}).may(Permission::members_read, Target::unit(1)));
    EXPECT_TRUE(caller({Role::viewer}).may(Permission::members_read, Target::unit(1)));
    EXPECT_FALSE(caller({Role::viewer}).may(Permission::members_unmask, Target::unit(1)));
    EXPECT_TRUE(caller({}).may(Permission::public_access, {}));
}

TEST(PermissionTable, HoldersAreThoseToNotify) {
    EXPECT_EQ(accounts::roles_holding(Permission::applications_decide),
              std::vector<Role>{Role::committee_admin});
    EXPECT_EQ(accounts::roles_holding(Permission::applications_consult),
              std::vector<Role>{Role::unit_admin});
}

TEST(EnumText, UnknownTextIsA422NamingTheFieldAndTheAllowedValues) {
    // Given a scope code that does not exist, when parsed,
    try {
        parse_enum<Scope>("scope", "everywhere");
        FAIL() << "parsed an unknown code";
    } catch (const AppError& error) {
        // then the error names the field and lists the allowed codes.
        EXPECT_EQ(error.code(), ErrorCode::validation_failed);
        EXPECT_EQ(error.details().at("field").as_string(), "scope");
        EXPECT_EQ(error.details().at("allowed").as_array().size(), 4u);
        EXPECT_NE(std::string(error.what()).find("own_unit"), std::string::npos);
    }
    // Known codes read and print back.
    EXPECT_EQ(parse_enum<Scope>("scope", "own_alliance"), Scope::own_alliance);
    EXPECT_STREQ(enum_code(Scope::alliance_led_by_own_unit), "alliance_led_by_own_unit");
}

std::vector<std::string> codes_of(const boost::json::value& answer) {
    std::vector<std::string> codes;
    for (const auto& code : answer.at("permissions").as_array()) {
        codes.emplace_back(code.as_string());
    }
    return codes;
}

bool has(const std::vector<std::string>& codes, const char* code) {
    return std::find(codes.begin(), codes.end(), code) != codes.end();
}

TEST(PermissionTable, LoginAndMeAnswerTheCallersPermissionCodes) {
    // Given the demo server, when a unit administrator signs in,
    TestServer server;
    HttpClient client(server.port());
    const auto login = client.login("shenji_admin");
    ASSERT_EQ(login.status, 200) << login.body;
    // then the login answer and /auth/me list the same codes:
    const auto me = client.get("/api/v1/auth/me");
    ASSERT_EQ(me.status, 200) << me.body;
    const auto codes = codes_of(me.json());
    EXPECT_EQ(codes_of(login.json()), codes);
    // what the table gives a unit_admin, and nothing of the committee's.
    EXPECT_TRUE(has(codes, "members_manage"));
    EXPECT_TRUE(has(codes, "applications_act"));
    EXPECT_FALSE(has(codes, "alliances_manage"));
    EXPECT_FALSE(has(codes, "users_manage"));
    // The auditor holds the audit trail only.
    HttpClient auditor(server.port());
    ASSERT_EQ(auditor.login("auditor").status, 200);
    const auto auditor_codes = codes_of(auditor.get("/api/v1/auth/me").json());
    EXPECT_TRUE(has(auditor_codes, "audit_read"));
    EXPECT_FALSE(has(auditor_codes, "registry_read"));
}

}  // namespace
}  // namespace lianjian::testing
