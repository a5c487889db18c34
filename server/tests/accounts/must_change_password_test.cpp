// Specification: an account created with a generated password must change it before it can do
// anything but read itself, change the password or sign out.
#include "support/test_server.hpp"

#include <gtest/gtest.h>

namespace lianjian::testing {
namespace {

class MustChangePassword : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(sysadmin.login("sysadmin").status, 200);
        // Given an account the system administrator created without a password,
        const auto created =
            sysadmin.post("/api/v1/users",
                          R"({"username":"newcomer","display_name":"新同事","roles":["viewer"]})");
        ASSERT_EQ(created.status, 201) << created.body;
        const auto value = created.json();
        const auto& json = value.as_object();
        ASSERT_TRUE(json.contains("generated_password"));
        generated = std::string(json.at("generated_password").as_string());
        EXPECT_EQ(json.at("must_change_password").as_bool(), true);
        EXPECT_EQ(json.at("username").as_string(), "newcomer");
    }

    HttpResult change(const std::string& current, const std::string& next) {
        return user.post("/api/v1/auth/password", R"({"current_password":")" + current +
                                                      R"(","new_password":")" + next + R"("})");
    }

    TestServer server;
    HttpClient sysadmin{server.port()};
    HttpClient user{server.port()};
    std::string generated;
};

TEST_F(MustChangePassword, GeneratedPasswordMeetsThePolicyAndSignsIn) {
    EXPECT_EQ(generated.size(), 16u);
    const auto login = user.login("newcomer", generated);
    ASSERT_EQ(login.status, 200) << login.body;
    EXPECT_EQ(login.json().at("user").at("must_change_password").as_bool(), true);
}

TEST_F(MustChangePassword, OnlyMeLogoutAndPasswordAreOpenBeforeTheChange) {
    ASSERT_EQ(user.login("newcomer", generated).status, 200);
    // Reading the registry is refused until the password is changed,
    const auto units = user.get("/api/v1/units");
    EXPECT_EQ(units.status, 403);
    EXPECT_EQ(units.error_code(), "password_change_required");
    EXPECT_EQ(user.get("/api/v1/alliances").error_code(), "password_change_required");
    // while the account can still read itself.
    const auto me = user.get("/api/v1/auth/me");
    EXPECT_EQ(me.status, 200);
    EXPECT_EQ(me.json().at("user").at("must_change_password").as_bool(), true);
}

TEST_F(MustChangePassword, WeakNewPasswordIs422WeakPassword) {
    ASSERT_EQ(user.login("newcomer", generated).status, 200);
    const auto result = change(generated, "weakpass");
    EXPECT_EQ(result.status, 422);
    EXPECT_EQ(result.error_code(), "weak_password");
    // The session still holds: the user may try again.
    EXPECT_EQ(user.get("/api/v1/auth/me").status, 200);
}

TEST_F(MustChangePassword, WrongCurrentPasswordIs422WrongPassword) {
    ASSERT_EQ(user.login("newcomer", generated).status, 200);
    const auto result = change("Not-The-Current-1", "Brand-New-Pass-1");
    EXPECT_EQ(result.status, 422);
    EXPECT_EQ(result.error_code(), "wrong_password");
    EXPECT_EQ(result.json().at("error").at("details").at("field").as_string(), "current_password");
}

TEST_F(MustChangePassword, SameAsCurrentIsRefused) {
    ASSERT_EQ(user.login("newcomer", generated).status, 200);
    const auto result = change(generated, generated);
    EXPECT_EQ(result.status, 422);
    EXPECT_EQ(result.error_code(), "weak_password");
}

TEST_F(MustChangePassword, AGoodPasswordOpensTheApplication) {
    ASSERT_EQ(user.login("newcomer", generated).status, 200);
    // When the user sets a good password, the answer is 204 and the session ends,
    const auto result = change(generated, "Brand-New-Pass-1");
    ASSERT_EQ(result.status, 204) << result.body;
    EXPECT_EQ(user.get("/api/v1/auth/me").status, 401);
    // the generated password no longer works,
    HttpClient old_password{server.port()};
    EXPECT_EQ(old_password.login("newcomer", generated).status, 401);
    // and the new one signs in without the forced change, with the registry open.
    const auto login = user.login("newcomer", "Brand-New-Pass-1");
    ASSERT_EQ(login.status, 200);
    EXPECT_EQ(login.json().at("user").at("must_change_password").as_bool(), false);
    const auto units = user.get("/api/v1/units");
    EXPECT_EQ(units.status, 200) << units.body;
}

TEST_F(MustChangePassword, PasswordResetForcesTheChangeAgain) {
    ASSERT_EQ(user.login("newcomer", generated).status, 200);
    ASSERT_EQ(change(generated, "Brand-New-Pass-1").status, 204);
    const auto id =
        user.login("newcomer", "Brand-New-Pass-1").json().at("user").at("id").as_int64();
    const auto reset = sysadmin.post("/api/v1/users/" + std::to_string(id) + "/password-reset");
    ASSERT_EQ(reset.status, 200) << reset.body;
    const std::string temporary(reset.json().at("generated_password").as_string());
    // The reset ends the user's session,
    EXPECT_EQ(user.get("/api/v1/auth/me").status, 401);
    // and the new temporary password signs in under the forced change.
    const auto login = user.login("newcomer", temporary);
    ASSERT_EQ(login.status, 200);
    EXPECT_EQ(login.json().at("user").at("must_change_password").as_bool(), true);
    EXPECT_EQ(user.get("/api/v1/units").error_code(), "password_change_required");
}

}  // namespace
}  // namespace lianjian::testing
