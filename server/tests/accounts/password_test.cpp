// Specification: the password policy (至少 8 个字符、至少三类字符), generated passwords and the
// Argon2id hash the server stores.
#include "accounts/password.hpp"
#include "core/error.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <set>
#include <string>

namespace lianjian::testing {
namespace {

using accounts::check_password_policy;

ErrorCode policy_error_of(const std::string& password) {
    try {
        check_password_policy(password);
    } catch (const AppError& error) {
        return error.code();
    }
    ADD_FAILURE() << "password \"" << password << "\" was accepted";
    return ErrorCode::internal;
}

class PasswordPolicy : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { ASSERT_GE(sodium_init(), 0); }
};

TEST_F(PasswordPolicy, FewerThanEightCharactersAreRefused) {
    // Given a password of 7 characters from all four classes, when checked, then it is weak.
    EXPECT_EQ(policy_error_of("Ab1!xyz"), ErrorCode::weak_password);
    EXPECT_EQ(policy_error_of(""), ErrorCode::weak_password);
}

TEST_F(PasswordPolicy, TwoCharacterClassesAreRefused) {
    EXPECT_EQ(policy_error_of("abcdefgh12"), ErrorCode::weak_password);  // lower + digits
    EXPECT_EQ(policy_error_of("ABCDEFGHij"), ErrorCode::weak_password);  // upper + lower
    EXPECT_EQ(policy_error_of("abcdefgh!!"), ErrorCode::weak_password);  // lower + symbols
}

TEST_F(PasswordPolicy, ThreeCharacterClassesOfEightAreAccepted) {
    EXPECT_NO_THROW(check_password_policy("Abcdefg1"));   // upper, lower, digit
    EXPECT_NO_THROW(check_password_policy("abcdef1!"));   // lower, digit, symbol
    EXPECT_NO_THROW(check_password_policy("ABCDEF1!"));   // upper, digit, symbol
    EXPECT_NO_THROW(check_password_policy("Abcdefg1!"));  // all four
}

TEST_F(PasswordPolicy, LengthCountsCharactersNotBytes) {
    // Given Chinese characters (three bytes each, counted as symbols): 7 characters are too short
    // however many bytes they take, 8 are enough.
    EXPECT_EQ(policy_error_of("密码A1密码b"), ErrorCode::weak_password);  // 7 characters, 4 classes
    EXPECT_NO_THROW(check_password_policy("密码Ab1密码b"));               // 8 characters, 4 classes
}

TEST_F(PasswordPolicy, WeakPasswordNamesTheField) {
    try {
        check_password_policy("short");
        FAIL() << "accepted";
    } catch (const AppError& error) {
        EXPECT_EQ(error.code(), ErrorCode::weak_password);
        ASSERT_TRUE(error.details().contains("field"));
    }
}

TEST_F(PasswordPolicy, GeneratedPasswordsMeetThePolicyAndDiffer) {
    std::set<std::string> seen;
    for (int i = 0; i < 50; ++i) {
        const auto password = accounts::generate_password();
        EXPECT_EQ(password.size(), 16u);
        EXPECT_NO_THROW(check_password_policy(password)) << password;
        // No look-alikes a user would mistype.
        EXPECT_EQ(password.find_first_of("0O1lI"), std::string::npos) << password;
        seen.insert(password);
    }
    EXPECT_EQ(seen.size(), 50u);
}

TEST_F(PasswordPolicy, Argon2idHashVerifiesOnlyTheRightPassword) {
    // Given a password hashed at the test cost, then the stored form names Argon2id, the right
    // password verifies and a wrong one does not.
    const auto hash = accounts::hash_password("Correct-Horse-9", accounts::HashCost::minimum);
    EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
    EXPECT_TRUE(accounts::verify_password(hash, "Correct-Horse-9"));
    EXPECT_FALSE(accounts::verify_password(hash, "Correct-Horse-8"));
    EXPECT_FALSE(accounts::verify_password(hash, ""));
    // The same password hashes differently each time (a random salt).
    EXPECT_NE(hash, accounts::hash_password("Correct-Horse-9", accounts::HashCost::minimum));
}

TEST_F(PasswordPolicy, InteractiveCostIsAlsoArgon2id) {
    const auto hash = accounts::hash_password("Correct-Horse-9");
    EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
    EXPECT_TRUE(accounts::verify_password(hash, "Correct-Horse-9"));
}

}  // namespace
}  // namespace lianjian::testing
