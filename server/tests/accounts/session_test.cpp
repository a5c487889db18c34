// Specification: a session ends after 30 minutes without use and 12 hours after sign-in however
// busy; the database holds only a hash of the token.
#include "accounts/account_service.hpp"
#include "storage/migrations.hpp"
#include "support/fake_clock_accounts.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace lianjian::testing {
namespace {

using namespace std::chrono_literals;

class Sessions : public AccountsOverFakeClock {
  protected:
    Sessions() : AccountsOverFakeClock("lisi", "Li-Si-Pass-2026") {}

    std::string login() { return accounts.login("lisi", password, "127.0.0.1").token; }
};

TEST_F(Sessions, FreshSessionAuthenticates) {
    const auto token = login();
    const auto who = accounts.authenticate(token);
    ASSERT_TRUE(who.has_value());
    EXPECT_EQ(who->user.username, "lisi");
}

TEST_F(Sessions, UnknownOrEmptyTokenDoesNot) {
    login();
    EXPECT_FALSE(accounts.authenticate("").has_value());
    EXPECT_FALSE(accounts.authenticate("not-a-token").has_value());
    EXPECT_FALSE(accounts.authenticate(std::string(4096, 'x')).has_value());
}

TEST_F(Sessions, IdleForThirtyOneMinutesEndsTheSession) {
    const auto token = login();
    time.advance(31min);
    EXPECT_FALSE(accounts.authenticate(token).has_value());
    // Ended for good: coming back does not revive it.
    EXPECT_FALSE(accounts.authenticate(token).has_value());
}

TEST_F(Sessions, UseWithinThirtyMinutesKeepsItAlive) {
    const auto token = login();
    time.advance(29min);
    ASSERT_TRUE(accounts.authenticate(token).has_value());
    // The idle clock restarts at each use.
    time.advance(29min);
    ASSERT_TRUE(accounts.authenticate(token).has_value());
    time.advance(29min);
    EXPECT_TRUE(accounts.authenticate(token).has_value());
    time.advance(31min);
    EXPECT_FALSE(accounts.authenticate(token).has_value());
}

TEST_F(Sessions, TwelveHoursAfterSignInTheSessionEndsHoweverBusy) {
    const auto token = login();
    const auto signed_in = time.now();
    // Used every 10 minutes, the session lives until 12 hours have passed and not a moment more.
    int steps = 0;
    while (time.now() - signed_in < 12h) {
        ASSERT_TRUE(accounts.authenticate(token).has_value())
            << "ended early, " << steps * 10 << " minutes after sign-in";
        time.advance(10min);
        ++steps;
    }
    EXPECT_FALSE(accounts.authenticate(token).has_value());
    EXPECT_EQ(steps, 72);
    time.advance(1min);
    EXPECT_FALSE(accounts.authenticate(token).has_value());
}

TEST_F(Sessions, OnlyTheHashOfTheTokenIsStored) {
    const auto first = login();
    const auto second = login();
    storage::Connection connection(*database);
    soci::rowset<std::string> hashes =
        (connection.session().prepare << "SELECT token_hash FROM user_session");
    std::vector<std::string> stored(hashes.begin(), hashes.end());
    ASSERT_EQ(stored.size(), 2u);
    for (const auto& hash : stored) {
        EXPECT_NE(hash, first);
        EXPECT_NE(hash, second);
        EXPECT_EQ(hash.find(first), std::string::npos);
        EXPECT_EQ(hash.find(second), std::string::npos);
    }
    // What is stored is the token's hash, so a token still finds its session.
    EXPECT_NE(std::find(stored.begin(), stored.end(), accounts::token_hash(first)), stored.end());
    EXPECT_NE(std::find(stored.begin(), stored.end(), accounts::token_hash(second)), stored.end());
    // No column of any session row holds a token.
    soci::rowset<soci::row> rows = (connection.session().prepare << "SELECT * FROM user_session");
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (row.get_indicator(i) == soci::i_ok &&
                row.get_properties(i).get_data_type() == soci::dt_string) {
                const auto text = row.get<std::string>(i);
                EXPECT_EQ(text.find(first), std::string::npos);
                EXPECT_EQ(text.find(second), std::string::npos);
            }
        }
    }
}

TEST_F(Sessions, LogoutEndsTheSession) {
    const auto token = login();
    const auto who = accounts.authenticate(token);
    ASSERT_TRUE(who.has_value());
    accounts.logout(*who, "127.0.0.1");
    EXPECT_FALSE(accounts.authenticate(token).has_value());
}

TEST_F(Sessions, PasswordChangeEndsEverySessionOfTheUser) {
    const auto a = login();
    const auto b = login();
    const auto who = accounts.authenticate(a);
    ASSERT_TRUE(who.has_value());
    accounts.change_password(*who, password, "Another-Pass-77", "127.0.0.1");
    EXPECT_FALSE(accounts.authenticate(a).has_value());
    EXPECT_FALSE(accounts.authenticate(b).has_value());
}

}  // namespace
}  // namespace lianjian::testing
