// Specification: signing in — the user JSON and session cookie, one answer for every bad
// credential, lockout after five failures and its expiry, one token per sign-in, sign-out and
// the end of every session on a password change.
#include "accounts/account_service.hpp"
#include "core/error.hpp"
#include "storage/migrations.hpp"
#include "support/test_database.hpp"
#include "support/test_server.hpp"

#include "support/fake_clock_accounts.hpp"

#include <gtest/gtest.h>

namespace lianjian::testing {
namespace {

using namespace std::chrono_literals;

std::string set_cookie_token(const HttpResult& result) {
    const auto& header = result.headers.at("set-cookie");
    const std::string prefix = "lianjian_session=";
    EXPECT_TRUE(header.starts_with(prefix)) << header;
    return header.substr(prefix.size(), header.find(';') - prefix.size());
}

class Login : public ::testing::Test {
  protected:
    TestServer server;
    HttpClient client{server.port()};
};

TEST_F(Login, SuccessReturnsTheUserAndAnHttpOnlyStrictCookie) {
    // Given the demo committee administrator, when it signs in with the right password,
    const auto result = client.login("admin");
    // then the answer is 200 with the account,
    ASSERT_EQ(result.status, 200) << result.body;
    const auto json = result.json();
    const auto& user = json.at("user").as_object();
    for (const char* field :
         {"id", "username", "display_name", "roles", "unit_id", "must_change_password"}) {
        EXPECT_TRUE(user.contains(field)) << field;
    }
    EXPECT_EQ(user.at("username").as_string(), "admin");
    EXPECT_TRUE(user.at("id").is_int64());
    ASSERT_EQ(user.at("roles").as_array().size(), 1u);
    EXPECT_EQ(user.at("roles").as_array()[0].as_string(), "committee_admin");
    EXPECT_TRUE(user.at("unit_id").is_int64());  // admin belongs to 区委直属机关工委
    EXPECT_EQ(user.at("must_change_password").as_bool(), false);
    EXPECT_FALSE(user.contains("password_hash"));
    // and a session cookie the page's scripts cannot read and other sites cannot send,
    const auto& cookie = result.headers.at("set-cookie");
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("Path=/"), std::string::npos) << cookie;
    // not marked Secure when the server is not configured for HTTPS.
    EXPECT_EQ(cookie.find("Secure"), std::string::npos) << cookie;
    EXPECT_FALSE(set_cookie_token(result).empty());
    // The cookie signs the client in.
    const auto me = client.get("/api/v1/auth/me");
    ASSERT_EQ(me.status, 200);
    EXPECT_EQ(me.json().at("user").at("username").as_string(), "admin");
}

TEST(LoginSecureCookies, CookieIsSecureWhenConfigured) {
    app::Config config;
    config.secure_cookies = true;
    TestServer server(config);
    HttpClient client{server.port()};
    const auto result = client.login("admin");
    ASSERT_EQ(result.status, 200);
    const auto& cookie = result.headers.at("set-cookie");
    EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
}

TEST_F(Login, WrongPasswordAndUnknownUserGetTheSameAnswer) {
    const auto wrong_password = client.login("admin", "Not-The-Password-1");
    const auto unknown_user = client.login("nobody_here", "Not-The-Password-1");
    EXPECT_EQ(wrong_password.status, 401);
    EXPECT_EQ(unknown_user.status, 401);
    EXPECT_EQ(wrong_password.error_code(), "invalid_credentials");
    EXPECT_EQ(unknown_user.error_code(), wrong_password.error_code());
    EXPECT_EQ(unknown_user.json().at("error").at("message"),
              wrong_password.json().at("error").at("message"));
    EXPECT_EQ(unknown_user.body, wrong_password.body);
    EXPECT_EQ(wrong_password.headers.count("set-cookie"), 0u);
    EXPECT_EQ(unknown_user.headers.count("set-cookie"), 0u);
}

TEST_F(Login, FiveWrongPasswordsLockTheAccount) {
    // Given four wrong passwords answered 401,
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(client.login("viewer", "Wrong-Pass-" + std::to_string(i)).status, 401);
    }
    // when the fifth is wrong too, then the account is locked: 423 with the unlock time,
    const auto fifth = client.login("viewer", "Wrong-Pass-5");
    EXPECT_EQ(fifth.status, 423);
    EXPECT_EQ(fifth.error_code(), "account_locked");
    const auto fifth_json = fifth.json();
    const auto& locked_until = fifth_json.at("error").at("details").at("locked_until");
    ASSERT_TRUE(locked_until.is_string());
    EXPECT_GT(std::string(locked_until.as_string()), format_timestamp(Clock::now()));
    // and even the right password is refused with 423 and no cookie.
    const auto right = client.login("viewer");
    EXPECT_EQ(right.status, 423);
    EXPECT_EQ(right.error_code(), "account_locked");
    EXPECT_EQ(right.headers.count("set-cookie"), 0u);
    // Other accounts are not affected.
    HttpClient other{server.port()};
    EXPECT_EQ(other.login("admin").status, 200);
}

TEST_F(Login, SuccessResetsTheFailureCounter) {
    for (int i = 0; i < 4; ++i) {
        ASSERT_EQ(client.login("viewer", "Wrong-Pass-" + std::to_string(i)).status, 401);
    }
    ASSERT_EQ(client.login("viewer").status, 200);
    // Four more failures after a success are still below the limit.
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(client.login("viewer", "Wrong-Again-" + std::to_string(i)).status, 401);
    }
    EXPECT_EQ(client.login("viewer").status, 200);
}

TEST_F(Login, EachSignInGetsItsOwnToken) {
    HttpClient first{server.port()};
    HttpClient second{server.port()};
    const auto a = first.login("admin");
    const auto b = second.login("admin");
    ASSERT_EQ(a.status, 200);
    ASSERT_EQ(b.status, 200);
    EXPECT_NE(set_cookie_token(a), set_cookie_token(b));
    EXPECT_NE(first.cookie(), second.cookie());
    // Both sessions are valid at once.
    EXPECT_EQ(first.get("/api/v1/auth/me").status, 200);
    EXPECT_EQ(second.get("/api/v1/auth/me").status, 200);
}

TEST_F(Login, LogoutEndsTheSession) {
    ASSERT_EQ(client.login("admin").status, 200);
    const std::string old_cookie = client.cookie();
    const auto logout = client.post("/api/v1/auth/logout");
    EXPECT_EQ(logout.status, 204);
    // The answer tells the browser to drop the cookie,
    EXPECT_NE(logout.headers.at("set-cookie").find("Max-Age=0"), std::string::npos);
    // and the old cookie, replayed, no longer signs anyone in.
    client.set_cookie(old_cookie);
    const auto me = client.get("/api/v1/auth/me");
    EXPECT_EQ(me.status, 401);
    EXPECT_EQ(me.error_code(), "unauthenticated");
}

TEST_F(Login, LogoutEndsOnlyThatSession) {
    HttpClient other{server.port()};
    ASSERT_EQ(client.login("admin").status, 200);
    ASSERT_EQ(other.login("admin").status, 200);
    ASSERT_EQ(client.post("/api/v1/auth/logout").status, 204);
    EXPECT_EQ(other.get("/api/v1/auth/me").status, 200);
}

TEST_F(Login, PasswordChangeEndsEverySessionOfTheUser) {
    // Given the viewer signed in twice and the admin signed in once,
    HttpClient second{server.port()};
    HttpClient admin{server.port()};
    ASSERT_EQ(client.login("viewer").status, 200);
    ASSERT_EQ(second.login("viewer").status, 200);
    ASSERT_EQ(admin.login("admin").status, 200);
    const std::string first_cookie = client.cookie();
    // when the viewer changes its password in one of them,
    const auto change = client.post("/api/v1/auth/password",
                                    std::string(R"({"current_password":")") + demo_password +
                                        R"(","new_password":"Fresh-Pass-2027"})");
    ASSERT_EQ(change.status, 204) << change.body;
    // then neither of its sessions works any more,
    client.set_cookie(first_cookie);
    EXPECT_EQ(client.get("/api/v1/auth/me").status, 401);
    EXPECT_EQ(second.get("/api/v1/auth/me").status, 401);
    // another user's session is untouched,
    EXPECT_EQ(admin.get("/api/v1/auth/me").status, 200);
    // and the new password signs in while the old one does not.
    HttpClient again{server.port()};
    EXPECT_EQ(again.login("viewer").status, 401);
    EXPECT_EQ(again.login("viewer", "Fresh-Pass-2027").status, 200);
}

TEST_F(Login, DisabledAccountCannotSignIn) {
    HttpClient sysadmin{server.port()};
    ASSERT_EQ(sysadmin.login("sysadmin").status, 200);
    ASSERT_EQ(client.login("viewer").status, 200);
    const auto me = sysadmin.get("/api/v1/users?q=viewer");
    long long viewer_id = 0;
    const auto users = me.json();
    for (const auto& item : users.at("items").as_array()) {
        if (item.at("username").as_string() == "viewer") {
            viewer_id = item.at("id").as_int64();
        }
    }
    ASSERT_GT(viewer_id, 0);
    ASSERT_EQ(sysadmin.post("/api/v1/users/" + std::to_string(viewer_id) + "/disable").status, 200);
    // The running session ends and a new sign-in is refused.
    EXPECT_EQ(client.get("/api/v1/auth/me").status, 401);
    HttpClient again{server.port()};
    const auto result = again.login("viewer");
    EXPECT_EQ(result.status, 403);
    EXPECT_EQ(result.headers.count("set-cookie"), 0u);
}

// The lockout's expiry needs time to pass: AccountService over a fake clock.
class LockoutExpiry : public AccountsOverFakeClock {
  protected:
    LockoutExpiry() : AccountsOverFakeClock("zhangsan", "Zhang-San-2026") {}

    std::optional<ErrorCode> login_error(const std::string& attempt) {
        try {
            accounts.login("zhangsan", attempt, "127.0.0.1");
        } catch (const AppError& error) {
            return error.code();
        }
        return std::nullopt;
    }
};

TEST_F(LockoutExpiry, LockedAccountOpensAgainAfterTheLockoutPeriod) {
    // Given five wrong passwords,
    for (int i = 0; i < 4; ++i) {
        ASSERT_EQ(login_error("Wrong-" + std::to_string(i)), ErrorCode::invalid_credentials);
    }
    ASSERT_EQ(login_error("Wrong-5"), ErrorCode::account_locked);
    // the right password is refused during the 15 minutes,
    EXPECT_EQ(login_error(password), ErrorCode::account_locked);
    time.advance(14min);
    EXPECT_EQ(login_error(password), ErrorCode::account_locked);
    // and accepted once they have passed.
    time.advance(1min + 1s);
    EXPECT_EQ(login_error(password), std::nullopt);
}

TEST_F(LockoutExpiry, LockedUntilIsFifteenMinutesAfterTheFifthFailure) {
    for (int i = 0; i < 4; ++i) {
        login_error("Wrong-" + std::to_string(i));
    }
    const auto expected = format_timestamp(time.now() + accounts.policy().lockout);
    try {
        accounts.login("zhangsan", "Wrong-5", "127.0.0.1");
        FAIL() << "not locked";
    } catch (const AppError& error) {
        EXPECT_EQ(error.code(), ErrorCode::account_locked);
        EXPECT_EQ(error.details().at("locked_until").as_string(), expected);
    }
}

TEST_F(LockoutExpiry, AfterExpiryTheCounterStartsAgain) {
    for (int i = 0; i < 5; ++i) {
        login_error("Wrong-" + std::to_string(i));
    }
    time.advance(16min);
    // One wrong password after the lockout does not lock again at once.
    EXPECT_EQ(login_error("Wrong-again"), ErrorCode::invalid_credentials);
    EXPECT_EQ(login_error(password), std::nullopt);
}

TEST_F(LockoutExpiry, EachLoginReturnsANewToken) {
    const auto a = accounts.login("zhangsan", password, "127.0.0.1");
    const auto b = accounts.login("zhangsan", password, "127.0.0.1");
    EXPECT_NE(a.token, b.token);
    EXPECT_GE(a.token.size(), 32u);
    EXPECT_TRUE(accounts.authenticate(a.token).has_value());
    EXPECT_TRUE(accounts.authenticate(b.token).has_value());
}

}  // namespace
}  // namespace lianjian::testing
