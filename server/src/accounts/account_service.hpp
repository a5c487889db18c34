#pragma once

#include "accounts/password.hpp"
#include "accounts/user.hpp"
#include "audit/audit_log.hpp"
#include "core/clock.hpp"
#include "crypto/field_cipher.hpp"
#include "storage/database.hpp"
#include "storage/user_repository.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lianjian::accounts {

// The `locked_until` of an account an administrator locked: until someone unlocks it.
inline constexpr const char* administrative_lock_until = "9999-12-31T23:59:59.999Z";

// Who locked an account with this `locked_until`: "administrator" (until someone unlocks it) or
// "failed_logins" (until that time). The same words as the login refusal's `details.locked_by`.
inline const char* locked_by(const std::string& locked_until) {
    return locked_until >= administrative_lock_until ? "administrator" : "failed_logins";
}

struct AccountPolicy {
    int max_failed_attempts = 5;
    std::chrono::seconds lockout{15 * 60};
    std::chrono::seconds session_idle{30 * 60};
    std::chrono::seconds session_absolute{12 * 60 * 60};
    // A session's last-seen time is written at most this often, so reads stay reads.
    std::chrono::seconds session_touch_interval{60};
    HashCost hash_cost = HashCost::interactive;
    // One idle timeout per role: an account's sessions end after the shortest idle timeout among
    // its roles, `session_idle` for a role not listed. Administrators: 15 minutes by default.
    std::map<Role, std::chrono::seconds> role_idle{
        {Role::committee_admin, std::chrono::minutes(15)},
        {Role::unit_admin, std::chrono::minutes(15)},
        {Role::system_admin, std::chrono::minutes(15)},
        {Role::auditor, std::chrono::minutes(15)}};
    // A password expires this long after it was set (0: never); the web is warned
    // `password_warning` before. An expired password must be changed before anything else.
    std::chrono::seconds password_max_age{std::chrono::hours(24 * 90)};
    std::chrono::seconds password_warning{std::chrono::hours(24 * 7)};
    // A new password may not be any of the account's last `password_history` passwords (the
    // current one included).
    int password_history = 5;
    // At most this many open sessions per account (0: no cap); a new sign-in ends the oldest.
    int max_sessions = 5;
    // The roles that must sign in with a TOTP second factor (RFC 6238); optional for the others.
    Roles totp_required_roles{Role::committee_admin, Role::system_admin, Role::auditor};
};

// The second factor given with a password at sign-in: a six-digit TOTP code or one of the
// account's one-time recovery codes (either or none).
struct SecondFactor {
    std::optional<std::string> totp;
    std::optional<std::string> recovery_code;
};

// Where an account's password stands: when it expires (UTC ISO 8601, none when it never does),
// whether that is within the warning period, and whether it is past.
struct PasswordStatus {
    std::optional<std::string> expires_at;
    bool expiring_soon = false;
    bool expired = false;
};

// A TOTP secret being set up: its base32 text and the otpauth:// URI an authenticator app reads
// (from the QR code). Confirmed with a code from the app before it counts.
struct TotpEnrolment {
    std::string secret;
    std::string otpauth_uri;
};

struct LoginResult {
    User user;
    std::string token;  // goes to the client once, in the cookie; only its hash is stored
};

struct Authenticated {
    User user;
    Session session;
};

struct NewUser {
    std::string username;
    std::string display_name;
    Roles roles;
    std::optional<long long> unit_id;
    std::optional<std::string> password;  // generated when absent
    bool must_change_password = true;
    // See User::policy_exempt: only the demo accounts made with LIANJIAN_DEMO_PASSWORD.
    bool policy_exempt = false;
};

struct CreatedUser {
    User user;
    std::optional<std::string> generated_password;
};

enum class AccountChange { lock, unlock, disable, enable };

// Sign-in, sessions, passwords and account administration, each write audited in its own
// transaction.
class AccountService {
  public:
    // `cipher` seals TOTP secrets at rest; without one, enrolment and TOTP sign-in are refused.
    AccountService(storage::Database& database, audit::AuditLog& audit, AccountPolicy policy,
                   const TimeSource& time = default_time_source(),
                   const crypto::FieldCipher* cipher = nullptr)
        : database_(database), audit_(audit), policy_(policy), time_(time), cipher_(cipher) {}

    // Signs in with a password and, for an account with a confirmed TOTP, the second factor:
    // without one it throws second_factor_required (nothing counted); a wrong or reused code
    // throws second_factor_invalid and counts toward the lockout like a wrong password. A new
    // session beyond `max_sessions` ends the account's oldest ones (audited).
    LoginResult login(const std::string& username, const std::string& password,
                      const std::string& source_ip, const SecondFactor& factor = {});
    // The signed-in account behind a session token, or nothing if the token is unknown, ended,
    // idle too long or past its absolute lifetime.
    std::optional<Authenticated> authenticate(const std::string& token);
    void logout(const Authenticated& who, const std::string& source_ip);
    void change_password(const Authenticated& who, const std::string& current_password,
                         const std::string& new_password, const std::string& source_ip);

    CreatedUser create_user(const audit::Actor& actor, const NewUser& request);
    std::string reset_password(const audit::Actor& actor, long long user_id);
    User change_account(const audit::Actor& actor, long long user_id, AccountChange change);
    storage::UserPage list_users(const std::string& search, int page, int page_size);
    User user(long long user_id);

    // Starts (or restarts) TOTP enrolment for the signed-in account: a new secret, sealed at
    // rest, unconfirmed. Conflict when a confirmed second factor exists (an administrator resets
    // it first). Audited.
    TotpEnrolment enrol_totp(const Authenticated& who, const std::string& source_ip);
    // Confirms the pending secret with a current code from the app; returns the ten one-time
    // recovery codes, shown once (only their hashes are kept). A wrong code is a 422 on `code`,
    // audited as a failure.
    std::vector<std::string> confirm_totp(const Authenticated& who, const std::string& code,
                                          const std::string& source_ip);
    // Removes an account's second factor and recovery codes (a system administrator's act, for a
    // lost phone). Audited.
    User reset_totp(const audit::Actor& actor, long long user_id);

    // Whether the account's roles require a second factor (the demo exemption aside).
    bool second_factor_required(const User& user) const;
    // Whether the account must set up its second factor before anything but enrolment.
    bool second_factor_pending(const User& user) const;
    PasswordStatus password_status(const User& user) const;
    // The idle timeout of an account with these roles (AccountPolicy::role_idle).
    std::chrono::seconds idle_timeout(const Roles& roles) const;

    const AccountPolicy& policy() const { return policy_; }
    static const TimeSource& default_time_source();

  private:
    // The cipher sealing TOTP secrets; throws AppError(internal) when none was given.
    const crypto::FieldCipher& need_cipher() const;

    storage::Database& database_;
    audit::AuditLog& audit_;
    AccountPolicy policy_;
    const TimeSource& time_;
    const crypto::FieldCipher* cipher_;
};

// The hash under which a session token is stored.
std::string token_hash(const std::string& token);

}  // namespace lianjian::accounts
