#include "storage/user_repository.hpp"

#include "storage/binding.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace lianjian::storage {

namespace {

constexpr const char* user_columns =
    "u.id AS id, u.username AS username, u.display_name AS display_name, "
    "u.password_hash AS password_hash, u.roles AS roles, u.unit_id AS unit_id, "
    "u.must_change_password AS must_change_password, u.failed_attempts AS failed_attempts, "
    "u.locked_until AS locked_until, u.disabled AS disabled, u.created_at AS created_at, "
    "u.updated_at AS updated_at, u.policy_exempt AS policy_exempt, "
    "COALESCE(u.password_changed_at, u.created_at) AS password_changed_at, "
    "(SELECT COUNT(*) FROM user_totp t WHERE t.user_id = u.id AND t.confirmed_at IS NOT NULL) "
    "AS totp_enabled";

accounts::User read_user(const soci::row& row) {
    const Columns columns(row);
    accounts::User user;
    user.id = columns.integer("id");
    user.username = columns.text("username");
    user.display_name = columns.text("display_name");
    user.password_hash = columns.text("password_hash");
    user.roles = accounts::split_roles(columns.text("roles"));
    user.unit_id = columns.optional_integer("unit_id");
    user.must_change_password = columns.flag("must_change_password");
    user.failed_attempts = static_cast<int>(columns.integer("failed_attempts"));
    user.locked_until = columns.optional_text("locked_until");
    user.disabled = columns.flag("disabled");
    user.created_at = columns.text("created_at");
    user.updated_at = columns.text("updated_at");
    user.policy_exempt = columns.flag("policy_exempt");
    user.password_changed_at = columns.text("password_changed_at");
    user.totp_enabled = columns.integer("totp_enabled") > 0;
    return user;
}

std::optional<accounts::User> find_one(Session& session, const Query& query) {
    std::optional<accounts::User> found;
    query.for_each_row(session, [&](const soci::row& row) { found = read_user(row); });
    return found;
}

}  // namespace

std::optional<accounts::User> find_user(Session& session, long long id) {
    return find_one(
        session, Query(std::string("SELECT ") + user_columns + " FROM app_user u WHERE u.id = :id")
                     .bind("id", id));
}

std::optional<accounts::User> find_user_by_username(Session& session, const std::string& username) {
    return find_one(session, Query(std::string("SELECT ") + user_columns +
                                   " FROM app_user u WHERE u.username = :username")
                                 .bind("username", username));
}

UserPage list_users(Session& session, const std::string& search, int page, int page_size) {
    Query where(" WHERE 1 = 1");
    if (!search.empty()) {
        where.append(" AND (u.username LIKE :q ESCAPE '\\' OR u.display_name LIKE :q2 ESCAPE '\\')")
            .bind("q", contains_pattern(search))
            .bind("q2", contains_pattern(search));
    }
    UserPage result;
    result.total = where.with_sql("SELECT COUNT(*) FROM app_user u" + where.sql()).scalar(session);
    where
        .with_sql(std::string("SELECT ") + user_columns + " FROM app_user u" + where.sql() +
                  " ORDER BY u.id LIMIT :limit OFFSET :offset")
        .bind("limit", static_cast<long long>(page_size))
        .bind("offset", static_cast<long long>((page - 1) * page_size))
        .for_each_row(session,
                      [&](const soci::row& row) { result.items.push_back(read_user(row)); });
    return result;
}

long long insert_user(Session& session, const accounts::User& user) {
    long long id = 0;
    const std::string roles = accounts::join_roles(user.roles);
    const auto unit_id = to_boost(user.unit_id);
    const int must_change = user.must_change_password ? 1 : 0;
    const int disabled = user.disabled ? 1 : 0;
    const int exempt = user.policy_exempt ? 1 : 0;
    const std::string changed_at =
        user.password_changed_at.empty() ? user.created_at : user.password_changed_at;
    session << "INSERT INTO app_user (username, display_name, password_hash, roles, unit_id, "
               "must_change_password, failed_attempts, disabled, created_at, updated_at, "
               "policy_exempt, password_changed_at) VALUES "
               "(:username, :display_name, :password_hash, :roles, :unit_id, :must_change, 0, "
               ":disabled, :created_at, :updated_at, :exempt, :changed_at) RETURNING id",
        soci::use(user.username), soci::use(user.display_name), soci::use(user.password_hash),
        soci::use(roles), soci::use(unit_id), soci::use(must_change), soci::use(disabled),
        soci::use(user.created_at), soci::use(user.updated_at), soci::use(exempt),
        soci::use(changed_at), soci::into(id);
    return id;
}

void update_user(Session& session, const accounts::User& user) {
    const std::string roles = accounts::join_roles(user.roles);
    const auto unit_id = to_boost(user.unit_id);
    const auto locked_until = to_boost(user.locked_until);
    const int must_change = user.must_change_password ? 1 : 0;
    const int disabled = user.disabled ? 1 : 0;
    session << "UPDATE app_user SET display_name = :display_name, password_hash = :password_hash, "
               "roles = :roles, unit_id = :unit_id, must_change_password = :must_change, "
               "failed_attempts = :failed_attempts, locked_until = :locked_until, "
               "disabled = :disabled, updated_at = :updated_at, "
               "password_changed_at = :changed_at WHERE id = :id",
        soci::use(user.display_name), soci::use(user.password_hash), soci::use(roles),
        soci::use(unit_id), soci::use(must_change), soci::use(user.failed_attempts),
        soci::use(locked_until), soci::use(disabled), soci::use(user.updated_at),
        soci::use(user.password_changed_at), soci::use(user.id);
}

long long insert_session(Session& session, const std::string& token_hash, long long user_id,
                         const std::string& source_ip, const std::string& now,
                         const std::string& expires_at) {
    long long id = 0;
    session << "INSERT INTO user_session (token_hash, user_id, source_ip, created_at, "
               "last_seen_at, expires_at) VALUES (:token_hash, :user_id, :source_ip, :created_at, "
               ":last_seen_at, :expires_at) RETURNING id",
        soci::use(token_hash), soci::use(user_id), soci::use(source_ip), soci::use(now),
        soci::use(now), soci::use(expires_at), soci::into(id);
    return id;
}

std::optional<SessionWithUser> find_open_session(Session& session, const std::string& token_hash) {
    std::optional<SessionWithUser> found;
    Query(std::string("SELECT ") + user_columns +
          ", s.id AS session_id, s.created_at AS session_created_at, "
          "s.last_seen_at AS last_seen_at, s.expires_at AS expires_at FROM user_session s "
          "JOIN app_user u ON u.id = s.user_id WHERE s.token_hash = :token_hash AND "
          "s.ended_at IS NULL")
        .bind("token_hash", token_hash)
        .for_each_row(session, [&](const soci::row& row) {
            SessionWithUser result;
            result.user = read_user(row);
            const Columns columns(row);
            result.session.id = columns.integer("session_id");
            result.session.user_id = result.user.id;
            result.session.created_at = columns.text("session_created_at");
            result.session.last_seen_at = columns.text("last_seen_at");
            result.session.expires_at = columns.text("expires_at");
            found = std::move(result);
        });
    return found;
}

void touch_session(Session& session, long long session_id, const std::string& now) {
    session << "UPDATE user_session SET last_seen_at = :now WHERE id = :id", soci::use(now),
        soci::use(session_id);
}

void end_session(Session& session, long long session_id, const std::string& now) {
    session << "UPDATE user_session SET ended_at = :now WHERE id = :id AND ended_at IS NULL",
        soci::use(now), soci::use(session_id);
}

bool unit_exists(Session& session, long long unit_id) {
    return Query("SELECT COUNT(*) FROM unit WHERE id = :id").bind("id", unit_id).scalar(session) >
           0;
}

void end_user_sessions(Session& session, long long user_id, const std::string& now) {
    session << "UPDATE user_session SET ended_at = :now WHERE user_id = :id AND ended_at IS NULL",
        soci::use(now), soci::use(user_id);
}

}  // namespace lianjian::storage
