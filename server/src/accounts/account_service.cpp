#include "accounts/account_service.hpp"

#include "accounts/password.hpp"
#include "accounts/totp.hpp"
#include "core/error.hpp"
#include "storage/account_policy_repository.hpp"
#include "storage/user_repository.hpp"

#include <sodium.h>

namespace lianjian::accounts {

namespace {

constexpr const char* credentials_message = "用户名或密码错误";

std::string random_token() {
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char text[sodium_base64_ENCODED_LEN(sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(text, sizeof text, bytes, sizeof bytes,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return text;
}

// Says who locked the account: an administrator's lock lasts until someone unlocks it; a lock
// after failed logins ends at a time shown in the deployment's local time.
AppError locked_error(const std::string& locked_until) {
    const std::string by = locked_by(locked_until);
    if (by == "administrator") {
        return AppError(ErrorCode::account_locked, "账号已被管理员锁定，请联系系统管理员解锁",
                        {{"locked_by", by}});
    }
    return AppError(ErrorCode::account_locked,
                    "连续登录失败次数过多，账号已暂时锁定，请于 " +
                        programme_clock::local_date_time(locked_until) + " 后再试",
                    {{"locked_by", by}, {"locked_until", locked_until}});
}

audit::AuditEntry entry(audit::Actor actor, std::string action, const User& user,
                        audit::Outcome outcome = audit::Outcome::success, std::string detail = {}) {
    return {std::move(actor),        std::move(action), "user",
            std::to_string(user.id), outcome,           std::move(detail)};
}

audit::Actor actor_of(const User& user, const std::string& source_ip) {
    return {user.id, user.username, source_ip};
}

}  // namespace

// By default accounts read the programme's one clock (core/clock.hpp), so a test that moves it
// moves session and lockout times too.
const TimeSource& AccountService::default_time_source() {
    struct ProgrammeTime : TimeSource {
        TimePoint now() const override { return programme_clock::now(); }
    };
    static const ProgrammeTime programme_time;
    return programme_time;
}

std::string token_hash(const std::string& token) {
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                       token.size(), nullptr, 0);
    char hex[sizeof digest * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

LoginResult AccountService::login(const std::string& username, const std::string& password,
                                  const std::string& source_ip, const SecondFactor& factor) {
    const auto now = time_.now();
    const std::string now_text = format_timestamp(now);
    storage::Transaction transaction(database_);
    auto found = storage::find_user_by_username(transaction.session(), username);
    if (!found) {
        burn_verification_time(password);
        audit_.record(transaction, {{std::nullopt, username, source_ip},
                                    "auth.login",
                                    "user",
                                    "",
                                    audit::Outcome::failure,
                                    "用户名不存在"});
        transaction.commit();
        throw AppError(ErrorCode::invalid_credentials, credentials_message);
    }
    User user = std::move(*found);
    const audit::Actor actor = actor_of(user, source_ip);
    if (user.locked_until && *user.locked_until > now_text) {
        audit_.record(transaction,
                      entry(actor, "auth.login", user, audit::Outcome::failure, "账号已锁定"));
        transaction.commit();
        throw locked_error(*user.locked_until);
    }
    // A wrong password and a wrong second factor count alike toward the lockout: counts, audits,
    // commits and returns the error to throw.
    const auto refuse = [&](const std::string& action, const std::string& detail,
                            AppError refusal) -> AppError {
        user.failed_attempts += 1;
        user.updated_at = now_text;
        const bool lock = user.failed_attempts >= policy_.max_failed_attempts;
        if (lock) {
            user.locked_until = format_timestamp(now + policy_.lockout);
            user.failed_attempts = 0;
        }
        storage::update_user(transaction.session(), user);
        audit_.record(transaction, entry(actor, action, user, audit::Outcome::failure, detail));
        if (lock) {
            audit_.record(transaction,
                          entry(actor, "auth.lockout", user, audit::Outcome::success,
                                "连续登录失败，锁定至 " +
                                    programme_clock::local_date_time(*user.locked_until)));
        }
        transaction.commit();
        return lock ? locked_error(*user.locked_until) : refusal;
    };
    if (!verify_password(user.password_hash, password)) {
        throw refuse("auth.login", "密码错误",
                     AppError(ErrorCode::invalid_credentials, credentials_message));
    }
    if (user.disabled) {
        audit_.record(transaction,
                      entry(actor, "auth.login", user, audit::Outcome::failure, "账号已停用"));
        transaction.commit();
        throw AppError(ErrorCode::forbidden, "账号已停用，请联系系统管理员");
    }
    bool recovery_code_used = false;
    if (user.totp_enabled) {
        if (!factor.totp && !factor.recovery_code) {
            throw AppError(ErrorCode::second_factor_required,
                           "请输入身份验证器上的六位验证码或一个恢复码");
        }
        const AppError wrong(ErrorCode::second_factor_invalid,
                             factor.totp ? "验证码不正确或已使用" : "恢复码不正确或已使用");
        if (factor.totp) {
            const auto record = storage::find_totp(transaction.session(), user.id);
            const auto step =
                record ? totp_match(need_cipher().open(record->secret_sealed), *factor.totp, now)
                       : std::nullopt;
            if (!step) {
                throw refuse("auth.second_factor", "验证码错误", wrong);
            }
            // A code is accepted once: a step at or before the last accepted one is a replay.
            if (*step <= record->last_step) {
                throw refuse("auth.second_factor", "验证码已使用过", wrong);
            }
            storage::set_totp_last_step(transaction.session(), user.id, *step);
        } else {
            if (!storage::use_recovery_code(transaction.session(), user.id,
                                            recovery_code_hash(*factor.recovery_code), now_text)) {
                throw refuse("auth.second_factor", "恢复码错误或已使用", wrong);
            }
            recovery_code_used = true;
        }
    }
    user.failed_attempts = 0;
    user.locked_until.reset();
    user.updated_at = now_text;
    const bool expired = password_status(user).expired && !user.must_change_password;
    if (expired) {
        // An expired password is changed before anything else (the forced-change gate).
        user.must_change_password = true;
    }
    storage::update_user(transaction.session(), user);
    if (expired) {
        audit_.record(transaction, entry(actor, "auth.password_expired", user));
    }
    if (recovery_code_used) {
        audit_.record(transaction, entry(actor, "auth.recovery_code", user));
    }
    std::string token = random_token();
    const auto session_id =
        storage::insert_session(transaction.session(), token_hash(token), user.id, source_ip,
                                now_text, format_timestamp(now + policy_.session_absolute));
    audit_.record(transaction, {actor, "auth.login", "session", std::to_string(session_id),
                                audit::Outcome::success, ""});
    if (policy_.max_sessions > 0) {
        // Beyond the cap the oldest sessions end first (the new one is the newest).
        const auto open = storage::open_session_ids(transaction.session(), user.id);
        const auto excess = static_cast<long long>(open.size()) - policy_.max_sessions;
        for (long long index = 0; index < excess; ++index) {
            storage::end_session(transaction.session(), open[index], now_text);
            audit_.record(transaction, {actor, "auth.session_cap", "session",
                                        std::to_string(open[index]), audit::Outcome::success,
                                        "同时在线会话超过 " + std::to_string(policy_.max_sessions) +
                                            " 个，结束最早的会话"});
        }
    }
    transaction.commit();
    return {std::move(user), std::move(token)};
}

PasswordStatus AccountService::password_status(const User& user) const {
    PasswordStatus status;
    if (user.policy_exempt || policy_.password_max_age.count() <= 0 ||
        user.password_changed_at.empty()) {
        return status;
    }
    const auto expires =
        parse_timestamp(user.password_changed_at, "password_changed_at") + policy_.password_max_age;
    const auto now = time_.now();
    status.expires_at = format_timestamp(expires);
    status.expired = now >= expires;
    status.expiring_soon = !status.expired && now >= expires - policy_.password_warning;
    return status;
}

std::chrono::seconds AccountService::idle_timeout(const Roles& roles) const {
    if (roles.empty()) {
        return policy_.session_idle;
    }
    std::optional<std::chrono::seconds> shortest;
    for (const auto role : roles) {
        const auto found = policy_.role_idle.find(role);
        const auto idle = found == policy_.role_idle.end() ? policy_.session_idle : found->second;
        if (!shortest || idle < *shortest) {
            shortest = idle;
        }
    }
    return *shortest;
}

const crypto::FieldCipher& AccountService::need_cipher() const {
    if (!cipher_) {
        throw AppError(ErrorCode::internal, "未配置密钥，无法使用双因素认证");
    }
    return *cipher_;
}

std::optional<Authenticated> AccountService::authenticate(const std::string& token) {
    if (token.empty() || token.size() > 128) {
        return std::nullopt;
    }
    const auto now = time_.now();
    const std::string now_text = format_timestamp(now);
    const std::string hash = token_hash(token);
    // Every request asks the database: a session ended on any app server sharing it (logout,
    // password change, lock) is refused at once everywhere. The query is one indexed lookup
    // through a statement prepared once per connection.
    std::optional<Authenticated> found;
    {
        storage::Connection connection(database_);
        auto stored = storage::find_open_session(connection.session(), hash);
        if (!stored || stored->user.disabled) {
            return std::nullopt;
        }
        found = Authenticated{std::move(stored->user), std::move(stored->session)};
    }
    const auto last_seen = parse_timestamp(found->session.last_seen_at, "last_seen_at");
    const bool idle_expired = now - last_seen > idle_timeout(found->user.roles);
    const bool absolute_expired = now_text >= found->session.expires_at;
    if (idle_expired || absolute_expired) {
        storage::Transaction transaction(database_);
        storage::end_session(transaction.session(), found->session.id, now_text);
        transaction.commit();
        return std::nullopt;
    }
    if (now - last_seen > policy_.session_touch_interval) {
        storage::Transaction transaction(database_);
        storage::touch_session(transaction.session(), found->session.id, now_text);
        transaction.commit();
        found->session.last_seen_at = now_text;
    }
    if (password_status(found->user).expired) {
        // Expired during the session: the change comes first from now on.
        found->user.must_change_password = true;
    }
    return found;
}

void AccountService::logout(const Authenticated& who, const std::string& source_ip) {
    storage::Transaction transaction(database_);
    storage::end_session(transaction.session(), who.session.id, format_timestamp(time_.now()));
    audit_.record(transaction, {actor_of(who.user, source_ip), "auth.logout", "session",
                                std::to_string(who.session.id), audit::Outcome::success, ""});
    transaction.commit();
}

void AccountService::change_password(const Authenticated& who, const std::string& current_password,
                                     const std::string& new_password,
                                     const std::string& source_ip) {
    const audit::Actor actor = actor_of(who.user, source_ip);
    if (!verify_password(who.user.password_hash, current_password)) {
        audit_.record_alone(entry(actor, "auth.password_change", who.user, audit::Outcome::failure,
                                  "当前密码错误"));
        throw AppError(ErrorCode::wrong_password, "当前密码不正确",
                       {{"field", "current_password"}});
    }
    check_password_policy(new_password);
    if (new_password == current_password) {
        throw AppError(ErrorCode::weak_password, "新密码不能与当前密码相同",
                       {{"field", "new_password"}});
    }
    const std::string hash = hash_password(new_password, policy_.hash_cost);
    const std::string now_text = format_timestamp(time_.now());
    storage::Transaction transaction(database_);
    auto user = storage::find_user(transaction.session(), who.user.id);
    if (!user) {
        throw AppError(ErrorCode::not_found, "账号不存在");
    }
    if (policy_.password_history > 1) {
        // The current password and the earlier ones make up the last `password_history`.
        for (const auto& earlier : storage::recent_password_hashes(transaction.session(), user->id,
                                                                   policy_.password_history - 1)) {
            if (verify_password(earlier, new_password)) {
                throw AppError(ErrorCode::weak_password,
                               "新密码不能与最近 " + std::to_string(policy_.password_history) +
                                   " 次使用过的密码相同",
                               {{"field", "new_password"}});
            }
        }
    }
    storage::add_password_history(transaction.session(), user->id, user->password_hash, now_text);
    user->password_hash = hash;
    user->password_changed_at = now_text;
    user->must_change_password = false;
    user->updated_at = now_text;
    storage::update_user(transaction.session(), *user);
    // Every session ends, this one included: the client signs in again with the new password.
    storage::end_user_sessions(transaction.session(), user->id, now_text);
    audit_.record(transaction, entry(actor, "auth.password_change", *user));
    transaction.commit();
}

}  // namespace lianjian::accounts
