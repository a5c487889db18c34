#pragma once

#include "accounts/password.hpp"
#include "accounts/user.hpp"
#include "audit/audit_log.hpp"
#include "core/clock.hpp"
#include "storage/database.hpp"
#include "storage/user_repository.hpp"

#include <chrono>
#include <optional>
#include <string>

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
    AccountService(storage::Database& database, audit::AuditLog& audit, AccountPolicy policy,
                   const TimeSource& time = default_time_source())
        : database_(database), audit_(audit), policy_(policy), time_(time) {}

    LoginResult login(const std::string& username, const std::string& password,
                      const std::string& source_ip);
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

    const AccountPolicy& policy() const { return policy_; }
    static const TimeSource& default_time_source();

  private:
    storage::Database& database_;
    audit::AuditLog& audit_;
    AccountPolicy policy_;
    const TimeSource& time_;
};

// The hash under which a session token is stored.
std::string token_hash(const std::string& token);

}  // namespace lianjian::accounts
