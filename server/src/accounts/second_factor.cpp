// The TOTP second factor of AccountService: enrolment, confirmation, reset, and the rules that
// say who must have one (issue 14; 等保 2.0 level 3 asks two kinds of authentication of
// administrators).
#include "accounts/account_service.hpp"

#include "accounts/totp.hpp"
#include "core/error.hpp"
#include "storage/account_policy_repository.hpp"
#include "storage/user_repository.hpp"

#include <sodium.h>

#include <cctype>

namespace lianjian::accounts {

namespace {

constexpr const char* totp_issuer = "联建";
constexpr int recovery_code_count = 10;

// "abcde-fghjk": ten characters from 32 without look-alikes (0/o, 1/l/i), 50 bits each.
std::string new_recovery_code() {
    static constexpr char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
    std::string code;
    for (int index = 0; index < 10; ++index) {
        if (index == 5) {
            code += '-';
        }
        code += alphabet[randombytes_uniform(sizeof alphabet - 1)];
    }
    return code;
}

audit::Actor actor_of(const User& user, const std::string& source_ip) {
    return {user.id, user.username, source_ip};
}

}  // namespace

std::string recovery_code_hash(const std::string& code) {
    std::string normal;
    for (unsigned char c : code) {
        if (c == '-' || c == ' ') {
            continue;
        }
        normal += static_cast<char>(std::tolower(c));
    }
    return token_hash("recovery:" + normal);
}

bool AccountService::second_factor_required(const User& user) const {
    for (const auto role : user.roles) {
        if (has_role(policy_.totp_required_roles, role)) {
            return true;
        }
    }
    return false;
}

bool AccountService::second_factor_pending(const User& user) const {
    return !user.totp_enabled && !user.policy_exempt && second_factor_required(user);
}

TotpEnrolment AccountService::enrol_totp(const Authenticated& who, const std::string& source_ip) {
    const auto& cipher = need_cipher();
    const audit::Actor actor = actor_of(who.user, source_ip);
    storage::Transaction transaction(database_);
    const auto existing = storage::find_totp(transaction.session(), who.user.id);
    if (existing && existing->confirmed_at) {
        const AppError refusal(ErrorCode::conflict,
                               "已启用双因素认证；如需更换设备，请联系系统管理员重置");
        audit_.record(transaction, {actor, "auth.totp_enrol", "user", std::to_string(who.user.id),
                                    audit::Outcome::failure, refusal.what()});
        transaction.commit();
        throw refusal;
    }
    TotpEnrolment enrolment;
    enrolment.secret = new_totp_secret();
    enrolment.otpauth_uri = totp_uri(totp_issuer, who.user.username, enrolment.secret);
    storage::save_pending_totp(transaction.session(), who.user.id, cipher.seal(enrolment.secret),
                               format_timestamp(time_.now()));
    audit_.record(transaction, {actor, "auth.totp_enrol", "user", std::to_string(who.user.id),
                                audit::Outcome::success, ""});
    transaction.commit();
    return enrolment;
}

std::vector<std::string> AccountService::confirm_totp(const Authenticated& who,
                                                      const std::string& code,
                                                      const std::string& source_ip) {
    const auto& cipher = need_cipher();
    const audit::Actor actor = actor_of(who.user, source_ip);
    const auto now = time_.now();
    const std::string now_text = format_timestamp(now);
    storage::Transaction transaction(database_);
    const auto pending = storage::find_totp(transaction.session(), who.user.id);
    if (!pending || pending->confirmed_at) {
        throw AppError(ErrorCode::conflict, pending ? "双因素认证已启用" : "请先开始绑定验证器");
    }
    const auto step = totp_match(cipher.open(pending->secret_sealed), code, now);
    if (!step) {
        audit_.record(transaction, {actor, "auth.totp_confirm", "user", std::to_string(who.user.id),
                                    audit::Outcome::failure, "验证码错误"});
        transaction.commit();
        throw field_error("code", "验证码不正确，请输入验证器当前显示的六位数字");
    }
    storage::confirm_totp(transaction.session(), who.user.id, *step, now_text);
    std::vector<std::string> codes;
    std::vector<std::string> hashes;
    for (int index = 0; index < recovery_code_count; ++index) {
        codes.push_back(new_recovery_code());
        hashes.push_back(recovery_code_hash(codes.back()));
    }
    storage::replace_recovery_codes(transaction.session(), who.user.id, hashes, now_text);
    audit_.record(transaction, {actor, "auth.totp_confirm", "user", std::to_string(who.user.id),
                                audit::Outcome::success, ""});
    transaction.commit();
    return codes;
}

User AccountService::reset_totp(const audit::Actor& actor, long long user_id) {
    storage::Transaction transaction(database_);
    auto user = storage::find_user(transaction.session(), user_id);
    if (!user) {
        throw AppError(ErrorCode::not_found, "账号不存在");
    }
    const bool had = storage::delete_totp(transaction.session(), user_id);
    audit_.record(transaction, {actor, "user.totp_reset", "user", std::to_string(user_id),
                                audit::Outcome::success,
                                "username=" + user->username + (had ? "" : "（未绑定）")});
    transaction.commit();
    user->totp_enabled = false;
    return *user;
}

}  // namespace lianjian::accounts
