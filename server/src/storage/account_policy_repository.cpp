#include "storage/account_policy_repository.hpp"

#include "storage/query.hpp"
#include "storage/row.hpp"

namespace lianjian::storage {

std::optional<TotpRecord> find_totp(Session& session, long long user_id) {
    std::optional<TotpRecord> found;
    Query(
        "SELECT user_id, secret_sealed, confirmed_at, last_step FROM user_totp "
        "WHERE user_id = :user_id")
        .bind("user_id", user_id)
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            found = TotpRecord{columns.integer("user_id"), columns.text("secret_sealed"),
                               columns.optional_text("confirmed_at"), columns.integer("last_step")};
        });
    return found;
}

void save_pending_totp(Session& session, long long user_id, const std::string& secret_sealed,
                       const std::string& now) {
    delete_totp(session, user_id);
    session << "INSERT INTO user_totp (user_id, secret_sealed, created_at, last_step) VALUES "
               "(:user_id, :secret_sealed, :created_at, 0)",
        soci::use(user_id), soci::use(secret_sealed), soci::use(now);
}

void confirm_totp(Session& session, long long user_id, long long step, const std::string& now) {
    session << "UPDATE user_totp SET confirmed_at = :now, last_step = :step "
               "WHERE user_id = :user_id",
        soci::use(now), soci::use(step), soci::use(user_id);
}

void set_totp_last_step(Session& session, long long user_id, long long step) {
    session << "UPDATE user_totp SET last_step = :step WHERE user_id = :user_id", soci::use(step),
        soci::use(user_id);
}

bool delete_totp(Session& session, long long user_id) {
    Query("DELETE FROM user_recovery_code WHERE user_id = :user_id")
        .bind("user_id", user_id)
        .execute(session);
    return Query("DELETE FROM user_totp WHERE user_id = :user_id")
               .bind("user_id", user_id)
               .execute(session) > 0;
}

void replace_recovery_codes(Session& session, long long user_id,
                            const std::vector<std::string>& code_hashes, const std::string& now) {
    Query("DELETE FROM user_recovery_code WHERE user_id = :user_id")
        .bind("user_id", user_id)
        .execute(session);
    for (const auto& hash : code_hashes) {
        session << "INSERT INTO user_recovery_code (user_id, code_hash, created_at) VALUES "
                   "(:user_id, :code_hash, :created_at)",
            soci::use(user_id), soci::use(hash), soci::use(now);
    }
}

bool use_recovery_code(Session& session, long long user_id, const std::string& code_hash,
                       const std::string& now) {
    return Query(
               "UPDATE user_recovery_code SET used_at = :now WHERE user_id = :user_id AND "
               "code_hash = :code_hash AND used_at IS NULL")
               .bind("now", now)
               .bind("user_id", user_id)
               .bind("code_hash", code_hash)
               .execute(session) > 0;
}

void add_password_history(Session& session, long long user_id, const std::string& password_hash,
                          const std::string& now) {
    session << "INSERT INTO password_history (user_id, password_hash, created_at) VALUES "
               "(:user_id, :password_hash, :created_at)",
        soci::use(user_id), soci::use(password_hash), soci::use(now);
}

std::vector<std::string> recent_password_hashes(Session& session, long long user_id, int count) {
    std::vector<std::string> hashes;
    if (count <= 0) {
        return hashes;
    }
    Query(
        "SELECT password_hash FROM password_history WHERE user_id = :user_id "
        "ORDER BY id DESC LIMIT :count")
        .bind("user_id", user_id)
        .bind("count", static_cast<long long>(count))
        .for_each_row(session, [&](const soci::row& row) {
            hashes.push_back(Columns(row).text("password_hash"));
        });
    return hashes;
}

std::vector<long long> open_session_ids(Session& session, long long user_id) {
    std::vector<long long> ids;
    Query(
        "SELECT id FROM user_session WHERE user_id = :user_id AND ended_at IS NULL "
        "ORDER BY created_at, id")
        .bind("user_id", user_id)
        .for_each_row(session,
                      [&](const soci::row& row) { ids.push_back(Columns(row).integer("id")); });
    return ids;
}

}  // namespace lianjian::storage
