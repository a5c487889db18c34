#pragma once

#include "accounts/role.hpp"

#include <optional>
#include <string>

namespace lianjian::accounts {

// An account (not a party member: members are people in the registry; accounts sign in).
struct User {
    long long id = 0;
    std::string username;
    std::string display_name;
    std::string password_hash;
    Roles roles;
    std::optional<long long> unit_id;
    bool must_change_password = true;
    int failed_attempts = 0;
    std::optional<std::string> locked_until;
    bool disabled = false;
    // A demo account made with a known password (LIANJIAN_DEMO_PASSWORD): exempt from the forced
    // second-factor enrolment and from password expiry, as it is from the forced password change.
    bool policy_exempt = false;
    // When the password was last set (UTC ISO 8601); it expires AccountPolicy::password_max_age
    // later.
    std::string password_changed_at;
    // A confirmed TOTP second factor is set up (read from user_totp, never written through User).
    bool totp_enabled = false;
    std::string created_at;
    std::string updated_at;
};

// A server-side session: the client holds a random token, the database only its hash.
struct Session {
    long long id = 0;
    long long user_id = 0;
    std::string created_at;
    std::string last_seen_at;
    std::string expires_at;
};

}  // namespace lianjian::accounts
