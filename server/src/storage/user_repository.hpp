#pragma once

#include "accounts/user.hpp"

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

namespace lianjian::storage {

std::optional<accounts::User> find_user(soci::session& session, long long id);
std::optional<accounts::User> find_user_by_username(soci::session& session,
                                                    const std::string& username);
struct UserPage {
    std::vector<accounts::User> items;
    long long total = 0;
};
UserPage list_users(soci::session& session, const std::string& search, int page, int page_size);
long long insert_user(soci::session& session, const accounts::User& user);
// Writes every mutable field of `user` (found by id) and its `updated_at`.
void update_user(soci::session& session, const accounts::User& user);

long long insert_session(soci::session& session, const std::string& token_hash, long long user_id,
                         const std::string& source_ip, const std::string& now,
                         const std::string& expires_at);
struct SessionWithUser {
    accounts::Session session;
    accounts::User user;
};
std::optional<SessionWithUser> find_open_session(soci::session& session,
                                                 const std::string& token_hash);
void touch_session(soci::session& session, long long session_id, const std::string& now);
void end_session(soci::session& session, long long session_id, const std::string& now);
void end_user_sessions(soci::session& session, long long user_id, const std::string& now);

}  // namespace lianjian::storage
