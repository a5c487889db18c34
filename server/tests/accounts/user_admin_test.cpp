// Specification: the system administrator's account administration through the API — search,
// lock, unlock, disable, enable, password reset — and its limits.
#include "support/test_server.hpp"

#include <gtest/gtest.h>

#include <boost/json/array.hpp>

#include <memory>

namespace lianjian::testing {
namespace {

class UserAdmin : public ::testing::Test {
  protected:
    void SetUp() override { ASSERT_EQ(sysadmin.login("sysadmin").status, 200); }

    long long id_of(const std::string& username) {
        const auto page = sysadmin.get("/api/v1/users?page_size=100").json();
        for (const auto& user : page.at("items").as_array()) {
            if (user.at("username").as_string() == username) {
                return user.at("id").as_int64();
            }
        }
        ADD_FAILURE() << "no account " << username;
        return 0;
    }

    long long total_for(const std::string& query) {
        const auto result = sysadmin.get("/api/v1/users?" + query);
        EXPECT_EQ(result.status, 200) << result.body;
        return result.json().at("total").as_int64();
    }

    TestServer server;
    HttpClient sysadmin{server.port()};
};

TEST_F(UserAdmin, ListsTheDemoAccountsWithoutPasswordHashes) {
    const auto result = sysadmin.get("/api/v1/users?page_size=100");
    ASSERT_EQ(result.status, 200);
    EXPECT_EQ(result.json().at("total").as_int64(), 18);  // 4 programme-wide + 14 unit admins
    EXPECT_EQ(result.body.find("$argon2id$"), std::string::npos);
    EXPECT_EQ(result.body.find("password_hash"), std::string::npos);
}

TEST_F(UserAdmin, SearchMatchesPartOfTheUsername) {
    EXPECT_EQ(total_for("q=bianban"), 1);
    EXPECT_EQ(total_for("q=shenji_"), 1);
    EXPECT_EQ(total_for("q=no-such-account"), 0);
}

TEST_F(UserAdmin, SearchTreatsLikeWildcardsAsText) {
    // No username or name contains "%": a search for it finds nothing (the unit search already
    // escapes LIKE's wildcards; the account search must too).
    EXPECT_EQ(total_for("q=%25"), 0);
    // "a_m" is not "any character between a and m": "admin" does not contain it.
    EXPECT_EQ(total_for("q=a_m"), 0);
    // "_admin" is the 14 unit administrators, not also "sysadmin" ("sadmin").
    EXPECT_EQ(total_for("q=_admin"), 14);
}

TEST_F(UserAdmin, LockedAccountCannotSignInUntilUnlocked) {
    const auto id = std::to_string(id_of("viewer"));
    HttpClient viewer{server.port()};
    ASSERT_EQ(viewer.login("viewer").status, 200);
    const auto lock = sysadmin.post("/api/v1/users/" + id + "/lock");
    ASSERT_EQ(lock.status, 200) << lock.body;
    EXPECT_TRUE(lock.json().at("locked_until").is_string());
    // The lock ends the running session and refuses a new one,
    EXPECT_EQ(viewer.get("/api/v1/auth/me").status, 401);
    EXPECT_EQ(viewer.login("viewer").status, 423);
    // until the system administrator unlocks the account.
    const auto unlock = sysadmin.post("/api/v1/users/" + id + "/unlock");
    ASSERT_EQ(unlock.status, 200);
    EXPECT_TRUE(unlock.json().at("locked_until").is_null());
    EXPECT_EQ(viewer.login("viewer").status, 200);
}

TEST_F(UserAdmin, DisabledAccountSignsInAgainOnceEnabled) {
    const auto id = std::to_string(id_of("viewer"));
    ASSERT_EQ(sysadmin.post("/api/v1/users/" + id + "/disable").status, 200);
    HttpClient viewer{server.port()};
    EXPECT_EQ(viewer.login("viewer").status, 403);
    const auto enable = sysadmin.post("/api/v1/users/" + id + "/enable");
    ASSERT_EQ(enable.status, 200);
    EXPECT_EQ(enable.json().at("disabled").as_bool(), false);
    EXPECT_EQ(viewer.login("viewer").status, 200);
}

TEST_F(UserAdmin, CannotLockOrDisableOneself) {
    const auto id = std::to_string(id_of("sysadmin"));
    EXPECT_EQ(sysadmin.post("/api/v1/users/" + id + "/lock").status, 409);
    EXPECT_EQ(sysadmin.post("/api/v1/users/" + id + "/disable").status, 409);
    EXPECT_EQ(sysadmin.get("/api/v1/auth/me").status, 200);
}

TEST_F(UserAdmin, UnknownAccountIs404) {
    EXPECT_EQ(sysadmin.get("/api/v1/users/999999").status, 404);
    EXPECT_EQ(sysadmin.post("/api/v1/users/999999/lock").status, 404);
    EXPECT_EQ(sysadmin.post("/api/v1/users/999999/password-reset").status, 404);
    EXPECT_EQ(sysadmin.get("/api/v1/users/abc").status, 404);
}

TEST_F(UserAdmin, UnitAdminNeedsAUnit) {
    const auto result =
        sysadmin.post("/api/v1/users",
                      R"({"username":"no_unit","display_name":"无单位","roles":["unit_admin"]})");
    EXPECT_EQ(result.status, 422);
    EXPECT_EQ(result.json().at("error").at("details").at("field").as_string(), "unit_id");
}

TEST_F(UserAdmin, UnknownRoleAndBadUsernameAre422) {
    EXPECT_EQ(
        sysadmin
            .post("/api/v1/users", R"({"username":"x1","display_name":"x","roles":["superuser"]})")
            .status,
        422);
    const auto bad_name = sysadmin.post(
        "/api/v1/users", R"({"username":"has space","display_name":"x","roles":["viewer"]})");
    EXPECT_EQ(bad_name.status, 422);
    EXPECT_EQ(bad_name.json().at("error").at("details").at("field").as_string(), "username");
}

TEST_F(UserAdmin, ChosenWeakPasswordIsRefused) {
    const auto result = sysadmin.post(
        "/api/v1/users",
        R"({"username":"weakling","display_name":"弱密码","roles":["viewer"],"password":"password"})");
    EXPECT_EQ(result.status, 422);
    EXPECT_EQ(result.error_code(), "weak_password");
}

}  // namespace
}  // namespace lianjian::testing
