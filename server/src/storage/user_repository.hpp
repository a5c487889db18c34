#pragma once

#include "accounts/user.hpp"

#include "storage/session.hpp"

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

namespace lianjian::storage {

std::optional<accounts::User> find_user(Session& session, long long id);
std::optional<accounts::User> find_user_by_username(Session& session,
                                                    const std::string& username);
struct UserPage {
    std::vector<accounts::User> items;
    long long total = 0;
};
UserPage list_users(Session& session, const std::string& search, int page, int page_size);
long long insert_user(Session& session, const accounts::User& user);
// Writes every mutable field of `user` (found by id) and its `updated_at`.
void update_user(Session& session, const accounts::User& user);

long long insert_session(Session& session, const std::string& token_hash, long long user_id,
                         const std::string& source_ip, const std::string& now,
                         const std::string& expires_at);
struct SessionWithUser {
    accounts::Session session;
    accounts::User user;
};
std::optional<SessionWithUser> find_open_session(Session& session,
                                                 const std::string& token_hash);
void touch_session(Session& session, long long session_id, const std::string& now);
void end_session(Session& session, long long session_id, const std::string& now);
// Whether a unit with this id exists (an account's unit must).
bool unit_exists(Session& session, long long unit_id);
void end_user_sessions(Session& session, long long user_id, const std::string& now);

}  // namespace lianjian::storage
