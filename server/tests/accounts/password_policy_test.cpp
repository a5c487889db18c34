// Specification (issue 14, 等保 2.0 level 3): passwords expire after 90 days with a warning 7
// days before, and an expired one must be changed first; none of the last 5 passwords may be
// reused; each role has its idle timeout (administrators 15 minutes); an account has at most
// `max_sessions` open sessions and a new sign-in ends the oldest. All on the fake clock.
#include "accounts/account_service.hpp"
#include "core/error.hpp"
#include "storage/migrations.hpp"
#include "support/fake_clock_accounts.hpp"

#include <gtest/gtest.h>

#include <functional>

namespace lianjian::testing {
namespace {

using namespace std::chrono_literals;
constexpr std::chrono::hours days(int count) {
    return std::chrono::hours(24 * count);
}

ErrorCode error_of(const std::function<void()>& act) {
    try {
        act();
    } catch (const AppError& error) {
        return error.code();
    }
    return ErrorCode::internal;
}

class PasswordAndSessionPolicy : public ::testing::Test {
  protected:
    PasswordAndSessionPolicy() { storage::migrate(*database); }

    static accounts::AccountPolicy policy() {
        accounts::AccountPolicy policy;
        policy.hash_cost = accounts::HashCost::minimum;
        policy.max_sessions = 3;
        return policy;
    }

    long long create(const std::string& username, accounts::Role role, bool exempt = false) {
        accounts::NewUser request;
        request.username = username;
        request.display_name = username;
        request.roles = {role};
        request.password = "First-Pass-0";
        request.must_change_password = false;
        request.policy_exempt = exempt;
        return accounts.create_user({std::nullopt, "system", ""}, request).user.id;
    }

    accounts::Authenticated signed_in(const std::string& username, const std::string& password) {
        const auto token = accounts.login(username, password, "127.0.0.1").token;
        auto who = accounts.authenticate(token);
        EXPECT_TRUE(who.has_value());
        return *who;
    }

    // Changes the viewer's password from `from` to `to` (signing in with `from`).
    void change(const std::string& from, const std::string& to) {
        accounts.change_password(signed_in("lisi", from), from, to, "127.0.0.1");
    }

    std::size_t count(const std::string& action) {
        audit::AuditFilter filter;
        filter.action = action;
        return audit.list(filter).items.size();
    }

    TestDatabase test_database;
    std::unique_ptr<storage::Database> database = test_database.open();
    audit::AuditLog audit{*database};
    FakeTime time;
    accounts::AccountService accounts{*database, audit, policy(), time};
};

TEST_F(PasswordAndSessionPolicy,
       GivenANewPasswordThenItExpiresInNinetyDaysWithAWarningSevenDaysBefore) {
    const auto id = create("lisi", accounts::Role::viewer);
    auto status = accounts.password_status(accounts.user(id));
    ASSERT_TRUE(status.expires_at.has_value());
    EXPECT_EQ(*status.expires_at, format_timestamp(time.now() + days(90)));
    EXPECT_FALSE(status.expiring_soon);
    time.advance(days(82));
    EXPECT_FALSE(accounts.password_status(accounts.user(id)).expiring_soon);
    time.advance(days(2));  // day 84: within the last 7 days
    status = accounts.password_status(accounts.user(id));
    EXPECT_TRUE(status.expiring_soon);
    EXPECT_FALSE(status.expired);
}

TEST_F(PasswordAndSessionPolicy, GivenAnExpiredPasswordThenSigningInForcesTheChange) {
    const auto id = create("lisi", accounts::Role::viewer);
    time.advance(days(89));
    EXPECT_FALSE(accounts.login("lisi", "First-Pass-0", "127.0.0.1").user.must_change_password);
    time.advance(days(1));
    const auto result = accounts.login("lisi", "First-Pass-0", "127.0.0.1");
    EXPECT_TRUE(result.user.must_change_password);
    EXPECT_TRUE(accounts.user(id).must_change_password);
    EXPECT_EQ(count("auth.password_expired"), 1u);
    // After the change the new password has its own 90 days.
    change("First-Pass-0", "Second-Pass-1");
    const auto after = accounts.user(id);
    EXPECT_FALSE(after.must_change_password);
    EXPECT_FALSE(accounts.password_status(after).expired);
}

TEST_F(PasswordAndSessionPolicy, GivenASessionWhenThePasswordExpiresThenTheSessionMustChangeIt) {
    auto configured = policy();
    configured.password_max_age = 20min;
    configured.password_warning = 5min;
    accounts::AccountService short_lived{*database, audit, configured, time};
    create("lisi", accounts::Role::viewer);
    const auto token = short_lived.login("lisi", "First-Pass-0", "127.0.0.1").token;
    time.advance(10min);
    EXPECT_FALSE(short_lived.authenticate(token)->user.must_change_password);
    time.advance(11min);
    const auto who = short_lived.authenticate(token);
    ASSERT_TRUE(who.has_value());
    EXPECT_TRUE(who->user.must_change_password);
}

TEST_F(PasswordAndSessionPolicy, GivenTheDemoExemptionThenThePasswordNeverExpires) {
    const auto id = create("demo", accounts::Role::committee_admin, true);
    time.advance(days(400));
    EXPECT_FALSE(accounts.password_status(accounts.user(id)).expired);
    EXPECT_FALSE(accounts.login("demo", "First-Pass-0", "127.0.0.1").user.must_change_password);
}

TEST_F(PasswordAndSessionPolicy, GivenTheLastFivePasswordsThenNoneMayBeReused) {
    create("lisi", accounts::Role::viewer);
    const std::vector<std::string> passwords{"First-Pass-0", "Second-Pass-1", "Third-Pass-2",
                                             "Fourth-Pass-3", "Fifth-Pass-4"};
    for (std::size_t index = 1; index < passwords.size(); ++index) {
        change(passwords[index - 1], passwords[index]);
    }
    // The current one is the fifth; each of the four before it is refused,
    for (std::size_t index = 0; index + 1 < passwords.size(); ++index) {
        EXPECT_EQ(error_of([&] { change("Fifth-Pass-4", passwords[index]); }),
                  ErrorCode::weak_password)
            << passwords[index];
    }
    // and after one more change the first falls out of the last five.
    change("Fifth-Pass-4", "Sixth-Pass-5");
    EXPECT_NO_THROW(change("Sixth-Pass-5", "First-Pass-0"));
}

TEST_F(PasswordAndSessionPolicy, GivenAnAdministratorThenIdleForSixteenMinutesEndsTheSession) {
    create("chair", accounts::Role::committee_admin);
    create("lisi", accounts::Role::viewer);
    const auto admin = accounts.login("chair", "First-Pass-0", "127.0.0.1").token;
    const auto viewer = accounts.login("lisi", "First-Pass-0", "127.0.0.1").token;
    time.advance(14min);
    EXPECT_TRUE(accounts.authenticate(admin).has_value());
    EXPECT_TRUE(accounts.authenticate(viewer).has_value());
    time.advance(16min);
    EXPECT_FALSE(accounts.authenticate(admin).has_value());
    // The viewer's timeout is the general one (30 minutes): 16 minutes idle is fine.
    EXPECT_TRUE(accounts.authenticate(viewer).has_value());
}

TEST_F(PasswordAndSessionPolicy, GivenAConfiguredRoleIdleThenItApplies) {
    auto configured = policy();
    configured.role_idle[accounts::Role::viewer] = 5min;
    accounts::AccountService strict{*database, audit, configured, time};
    EXPECT_EQ(strict.idle_timeout({accounts::Role::viewer}), 5min);
    EXPECT_EQ(strict.idle_timeout({accounts::Role::member}), configured.session_idle);
    EXPECT_EQ(strict.idle_timeout({accounts::Role::member, accounts::Role::committee_admin}),
              15min);
}

TEST_F(PasswordAndSessionPolicy, GivenTheSessionCapThenTheOldestSessionEndsFirst) {
    create("lisi", accounts::Role::viewer);
    std::vector<std::string> tokens;
    for (int index = 0; index < 3; ++index) {
        tokens.push_back(accounts.login("lisi", "First-Pass-0", "127.0.0.1").token);
        time.advance(1s);
    }
    for (const auto& token : tokens) {
        EXPECT_TRUE(accounts.authenticate(token).has_value());
    }
    tokens.push_back(accounts.login("lisi", "First-Pass-0", "127.0.0.1").token);
    EXPECT_FALSE(accounts.authenticate(tokens[0]).has_value());
    for (std::size_t index = 1; index < tokens.size(); ++index) {
        EXPECT_TRUE(accounts.authenticate(tokens[index]).has_value()) << index;
    }
    EXPECT_EQ(count("auth.session_cap"), 1u);
}

}  // namespace
}  // namespace lianjian::testing
