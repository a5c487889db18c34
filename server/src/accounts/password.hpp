#pragma once

#include <string>

namespace lianjian::accounts {

// At least 8 characters drawn from at least 3 of: upper case, lower case, digits, symbols.
// Throws AppError(weak_password) saying what is missing.
void check_password_policy(const std::string& password);

// Argon2id's work factor. `interactive` is libsodium's recommendation for logins and the only
// one a server uses; `minimum` exists so that test suites creating hundreds of accounts run fast.
enum class HashCost { interactive, minimum };

// Argon2id through libsodium, in its self-describing string form.
std::string hash_password(const std::string& password, HashCost cost = HashCost::interactive);
bool verify_password(const std::string& stored_hash, const std::string& password);
// Spends the same effort as a real verification, so that an unknown user answers as slowly as a
// wrong password.
void burn_verification_time(const std::string& password);

// 16 random characters meeting the policy, without look-alikes (0/O, 1/l/I).
std::string generate_password();

}  // namespace lianjian::accounts
