// Specification (issue 14, 等保 2.0 level 3): administrators sign in with a password and a TOTP
// code (RFC 6238, liboath). Enrolment gives a secret and, once confirmed, ten one-time recovery
// codes; a code is accepted once; wrong codes count toward the lockout; a system administrator
// resets a lost second factor, audited.
#include "accounts/account_service.hpp"
#include "accounts/totp.hpp"
#include "core/error.hpp"
#include "storage/migrations.hpp"
#include "storage/query.hpp"
#include "support/fake_clock_accounts.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <cctype>
#include <functional>

namespace lianjian::testing {
namespace {

using namespace std::chrono_literals;

crypto::Key random_key() {
    crypto::Key key{};
    randombytes_buf(key.data(), key.size());
    return key;
}

ErrorCode error_of(const std::function<void()>& act) {
    try {
        act();
    } catch (const AppError& error) {
        return error.code();
    }
    return ErrorCode::internal;
}

class SecondFactor : public ::testing::Test {
  protected:
    SecondFactor() {
        storage::migrate(*database);
        accounts::NewUser request;
        request.username = "chair";
        request.display_name = "主任";
        request.roles = {accounts::Role::committee_admin};
        request.password = password;
        request.must_change_password = false;
        user_id = accounts.create_user({std::nullopt, "system", ""}, request).user.id;
    }

    static accounts::AccountPolicy policy() {
        accounts::AccountPolicy policy;
        policy.hash_cost = accounts::HashCost::minimum;
        return policy;
    }

    accounts::Authenticated signed_in(const accounts::SecondFactor& factor = {}) {
        const auto token = accounts.login("chair", password, "127.0.0.1", factor).token;
        auto who = accounts.authenticate(token);
        EXPECT_TRUE(who.has_value());
        return *who;
    }

    // Enrols and confirms; returns the recovery codes.
    std::vector<std::string> enrol() {
        const auto who = signed_in();
        const auto enrolment = accounts.enrol_totp(who, "127.0.0.1");
        secret = enrolment.secret;
        auto codes =
            accounts.confirm_totp(who, accounts::totp_code(secret, time.now()), "127.0.0.1");
        time.advance(30s);
        return codes;
    }

    accounts::SecondFactor current_code() const {
        return {accounts::totp_code(secret, time.now()), std::nullopt};
    }

    std::vector<audit::AuditEvent> events(const std::string& action) {
        audit::AuditFilter filter;
        filter.action = action;
        return audit.list(filter).items;
    }

    const std::string password = "Chair-Pass-2026";
    TestDatabase test_database;
    std::unique_ptr<storage::Database> database = test_database.open();
    audit::AuditLog audit{*database};
    FakeTime time;
    crypto::FieldCipher cipher{random_key()};
    accounts::AccountService accounts{*database, audit, policy(), time, &cipher};
    long long user_id = 0;
    std::string secret;
};

TEST_F(SecondFactor, GivenAnEnrolmentThenTheUriCarriesTheSecretAndItIsSealedAtRest) {
    const auto who = signed_in();
    const auto enrolment = accounts.enrol_totp(who, "127.0.0.1");
    EXPECT_EQ(enrolment.secret.size(), 32u);  // 160 bits in base32
    EXPECT_NE(enrolment.otpauth_uri.find("otpauth://totp/"), std::string::npos);
    EXPECT_NE(enrolment.otpauth_uri.find("secret=" + enrolment.secret), std::string::npos);
    storage::Connection connection(*database);
    const auto stored = storage::Query("SELECT COUNT(*) FROM user_totp WHERE secret_sealed = :s")
                            .bind("s", enrolment.secret)
                            .scalar(connection.session());
    EXPECT_EQ(stored, 0);
    EXPECT_EQ(events("auth.totp_enrol").size(), 1u);
}

TEST_F(SecondFactor, GivenAWrongCodeWhenConfirmingThenRefusedAndNotEnabled) {
    const auto who = signed_in();
    const auto enrolment = accounts.enrol_totp(who, "127.0.0.1");
    const auto right = accounts::totp_code(enrolment.secret, time.now());
    const std::string wrong = right == "000000" ? "111111" : "000000";
    EXPECT_EQ(error_of([&] { accounts.confirm_totp(who, wrong, "127.0.0.1"); }),
              ErrorCode::validation_failed);
    EXPECT_FALSE(accounts.user(user_id).totp_enabled);
    ASSERT_EQ(events("auth.totp_confirm").size(), 1u);
    EXPECT_EQ(events("auth.totp_confirm").front().outcome, "failure");
}

TEST_F(SecondFactor, GivenAConfirmedFactorThenTenRecoveryCodesAndTheFactorIsOn) {
    const auto codes = enrol();
    EXPECT_EQ(codes.size(), 10u);
    EXPECT_TRUE(accounts.user(user_id).totp_enabled);
    storage::Connection connection(*database);
    const auto plain =
        storage::Query("SELECT COUNT(*) FROM user_recovery_code WHERE code_hash = :c")
            .bind("c", codes.front())
            .scalar(connection.session());
    EXPECT_EQ(plain, 0);  // only hashes are stored
}

TEST_F(SecondFactor, GivenAnEnrolledAccountWhenSigningInWithoutACodeThenSecondFactorRequired) {
    enrol();
    EXPECT_EQ(error_of([&] { accounts.login("chair", password, "127.0.0.1"); }),
              ErrorCode::second_factor_required);
    // The password alone was right: nothing counts toward the lockout.
    EXPECT_EQ(accounts.user(user_id).failed_attempts, 0);
}

TEST_F(SecondFactor, GivenTheCurrentCodeThenSignsIn) {
    enrol();
    const auto result = accounts.login("chair", password, "127.0.0.1", current_code());
    EXPECT_TRUE(accounts.authenticate(result.token).has_value());
}

TEST_F(SecondFactor, GivenACodeAlreadyAcceptedThenItIsRefusedWithinItsWindow) {
    enrol();
    const auto code = current_code();
    accounts.login("chair", password, "127.0.0.1", code);
    // The same code, still inside its 30-second step (and the step of drift after it),
    EXPECT_EQ(error_of([&] { accounts.login("chair", password, "127.0.0.1", code); }),
              ErrorCode::second_factor_invalid);
    time.advance(30s);
    EXPECT_EQ(error_of([&] { accounts.login("chair", password, "127.0.0.1", code); }),
              ErrorCode::second_factor_invalid);
    // while the next step's code is accepted.
    EXPECT_NO_THROW(accounts.login("chair", password, "127.0.0.1", current_code()));
    const auto failures = events("auth.second_factor");
    ASSERT_EQ(failures.size(), 2u);
    EXPECT_EQ(failures.front().outcome, "failure");
}

TEST_F(SecondFactor, GivenARecoveryCodeThenItWorksOnceOnly) {
    const auto codes = enrol();
    const accounts::SecondFactor recovery{std::nullopt, codes.at(3)};
    EXPECT_NO_THROW(accounts.login("chair", password, "127.0.0.1", recovery));
    EXPECT_EQ(events("auth.recovery_code").size(), 1u);
    EXPECT_EQ(error_of([&] { accounts.login("chair", password, "127.0.0.1", recovery); }),
              ErrorCode::second_factor_invalid);
    // Another one still works, typed in capitals without the hyphen.
    std::string other = codes.at(4);
    other.erase(other.find('-'), 1);
    for (auto& c : other) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    EXPECT_NO_THROW(accounts.login("chair", password, "127.0.0.1", {std::nullopt, other}));
}

TEST_F(SecondFactor, GivenFiveWrongCodesThenTheAccountIsLocked) {
    enrol();
    const auto right = current_code().totp.value();
    const std::string wrong = right == "123456" ? "654321" : "123456";
    for (int attempt = 1; attempt < 5; ++attempt) {
        EXPECT_EQ(error_of([&] {
                      accounts.login("chair", password, "127.0.0.1", {wrong, std::nullopt});
                  }),
                  ErrorCode::second_factor_invalid)
            << attempt;
    }
    EXPECT_EQ(error_of([&] {
                  accounts.login("chair", password, "127.0.0.1", {wrong, std::nullopt});
              }),
              ErrorCode::account_locked);
    // Locked: even the right code is refused until the lockout ends.
    EXPECT_EQ(error_of([&] { accounts.login("chair", password, "127.0.0.1", current_code()); }),
              ErrorCode::account_locked);
    EXPECT_EQ(events("auth.lockout").size(), 1u);
}

TEST_F(SecondFactor, GivenAConfirmedFactorWhenEnrollingAgainThenConflict) {
    enrol();
    const auto who = signed_in(current_code());
    EXPECT_EQ(error_of([&] { accounts.enrol_totp(who, "127.0.0.1"); }), ErrorCode::conflict);
}

TEST_F(SecondFactor, GivenAResetBySystemAdministratorThenPasswordAloneAndAudited) {
    enrol();
    const auto user = accounts.reset_totp({1, "sysadmin", "10.0.0.1"}, user_id);
    EXPECT_FALSE(user.totp_enabled);
    EXPECT_NO_THROW(accounts.login("chair", password, "127.0.0.1"));
    const auto resets = events("user.totp_reset");
    ASSERT_EQ(resets.size(), 1u);
    EXPECT_EQ(resets.front().username, "sysadmin");
    EXPECT_EQ(resets.front().object_id, std::to_string(user_id));
}

TEST_F(SecondFactor, GivenTheRolesThenWhoMustEnrol) {
    auto user = accounts.user(user_id);
    EXPECT_TRUE(accounts.second_factor_pending(user));  // committee_admin, not enrolled
    enrol();
    EXPECT_FALSE(accounts.second_factor_pending(accounts.user(user_id)));
    user.roles = {accounts::Role::viewer};
    user.totp_enabled = false;
    EXPECT_FALSE(accounts.second_factor_pending(user));  // optional for a viewer
    for (const auto role : {accounts::Role::system_admin, accounts::Role::auditor}) {
        user.roles = {role};
        EXPECT_TRUE(accounts.second_factor_pending(user));
        user.policy_exempt = true;  // a demo account made with LIANJIAN_DEMO_PASSWORD
        EXPECT_FALSE(accounts.second_factor_pending(user));
        user.policy_exempt = false;
    }
}

TEST(TotpCodes, GivenRfc6238VectorThenLiboathAgrees) {
    // RFC 6238 appendix B, SHA-1, secret "12345678901234567890" (base32 below), T = 59 s:
    // 94287082, of which the six-digit code is the last six digits.
    const std::string secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    const TimePoint at{std::chrono::seconds(59)};
    EXPECT_EQ(accounts::totp_code(secret, at), "287082");
    EXPECT_EQ(accounts::totp_match(secret, "287082", at), 1);
    EXPECT_FALSE(accounts::totp_match(secret, "28708", at).has_value());
    EXPECT_FALSE(accounts::totp_match(secret, "abcdef", at).has_value());
}

}  // namespace
}  // namespace lianjian::testing
