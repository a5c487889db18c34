#pragma once

#include "core/clock.hpp"

#include <optional>
#include <string>

namespace lianjian::accounts {

// TOTP (RFC 6238) through liboath: SHA-1, six digits, 30-second steps from the Unix epoch, the
// parameters every authenticator app assumes.
inline constexpr int totp_step_seconds = 30;
inline constexpr int totp_digits = 6;

// A new random 160-bit secret (RFC 4226's recommended length), in base32 as apps show it.
std::string new_totp_secret();
// The otpauth:// URI of a secret, which an authenticator app reads from a QR code.
std::string totp_uri(const std::string& issuer, const std::string& account,
                     const std::string& secret_base32);
// The time step (Unix seconds / 30) of an instant.
long long totp_step(TimePoint at);
// The step whose code `code` is, if it is the code of the step at `at` or of the step before or
// after it (one step of drift either way); nothing otherwise, or when `code` is not six digits.
std::optional<long long> totp_match(const std::string& secret_base32, const std::string& code,
                                    TimePoint at);
// The six-digit code of the step at `at` (what the app shows; the tests use it).
std::string totp_code(const std::string& secret_base32, TimePoint at);

// The stored hash of a one-time recovery code (case, spaces and hyphens ignored).
std::string recovery_code_hash(const std::string& code);

}  // namespace lianjian::accounts
