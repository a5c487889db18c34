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
