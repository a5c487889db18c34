// Account administration (the system administrator's side of AccountService).
#include "accounts/account_service.hpp"

#include "accounts/password.hpp"
#include "audit/detail.hpp"
#include "core/changes.hpp"
#include "core/error.hpp"
#include "storage/account_policy_repository.hpp"
#include "storage/user_repository.hpp"

#include <algorithm>

namespace lianjian::accounts {

namespace {

// The roles' codes as a JSON array, for an audit detail (the web labels each).
boost::json::array role_codes(const Roles& roles) {
    boost::json::array codes;
    for (const auto role : roles) {
        codes.emplace_back(role_name(role));
    }
    return codes;
}

void check_username(const std::string& username) {
    if (username.empty()) {
        throw field_error("username", "请填写用户名");
    }
    if (username.size() > 64) {
        throw field_error("username", "用户名不能超过 64 个字符");
    }
    const bool allowed = std::all_of(username.begin(), username.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '_' || c == '-' || c == '.';
    });
    if (!allowed) {
        throw field_error("username", "用户名只能包含字母、数字、下划线、连字符和点");
    }
}

}  // namespace

CreatedUser AccountService::create_user(const audit::Actor& actor, const NewUser& request) {
    check_username(request.username);
    if (request.display_name.empty()) {
        throw field_error("display_name", "请填写姓名");
    }
    try {
        check_role_separation(request.roles);
    } catch (const AppError& refusal) {
        audit_.record_alone({actor, "user.create", "user", "", audit::Outcome::failure,
                             audit::detail({{"username", request.username},
                                            {"roles", role_codes(request.roles)},
                                            {"refusal", refusal.what()}})});
        throw;
    }
    if (has_role(request.roles, Role::unit_admin) && !request.unit_id) {
        throw field_error("unit_id", "单位管理员必须指定所属单位");
    }
    std::optional<std::string> generated;
    std::string password;
    if (request.password) {
        password = *request.password;
        check_password_policy(password);
    } else {
        generated = generate_password();
        password = *generated;
    }
    const std::string hash = hash_password(password, policy_.hash_cost);
    const std::string now = format_timestamp(time_.now());

    storage::Transaction transaction(database_);
    if (storage::find_user_by_username(transaction.session(), request.username)) {
        throw AppError(ErrorCode::conflict, "用户名“" + request.username + "”已存在",
                       {{"field", "username"}});
    }
    if (request.unit_id && !storage::unit_exists(transaction.session(), *request.unit_id)) {
        throw field_error("unit_id", "所选单位不存在");
    }
    User user;
    user.username = request.username;
    user.display_name = request.display_name;
    user.password_hash = hash;
    user.roles = request.roles;
    user.unit_id = request.unit_id;
    // A password someone else chose or the system generated is known to more than its owner.
    user.must_change_password = generated ? true : request.must_change_password;
    user.policy_exempt = request.policy_exempt;
    user.password_changed_at = now;
    user.created_at = now;
    user.updated_at = now;
    user.id = storage::insert_user(transaction.session(), user);
    // The new account's roles are audited as a change from none, as every data change is.
    ChangeSet created;
    created.compare("username", std::optional<std::string>(), std::optional(user.username));
    created.compare("roles", boost::json::value(nullptr),
                    boost::json::value(role_codes(user.roles)));
    created.compare("unit_id", std::optional<long long>(), user.unit_id);
    audit_.record(transaction, {actor, "user.create", "user", std::to_string(user.id),
                                audit::Outcome::success, created.json()});
    transaction.commit();
    return {std::move(user), std::move(generated)};
}

std::string AccountService::reset_password(const audit::Actor& actor, long long user_id) {
    std::string password = generate_password();
    const std::string hash = hash_password(password, policy_.hash_cost);
    const std::string now = format_timestamp(time_.now());
    storage::Transaction transaction(database_);
    auto user = storage::find_user(transaction.session(), user_id);
    if (!user) {
        throw AppError(ErrorCode::not_found, "账号不存在");
    }
    storage::add_password_history(transaction.session(), user->id, user->password_hash, now);
    user->password_hash = hash;
    user->password_changed_at = now;
    user->must_change_password = true;
    user->failed_attempts = 0;
    user->locked_until.reset();
    user->updated_at = now;
    storage::update_user(transaction.session(), *user);
    storage::end_user_sessions(transaction.session(), user->id, now);
    audit_.record(transaction,
                  {actor, "user.password_reset", "user", std::to_string(user->id),
                   audit::Outcome::success, audit::detail({{"username", user->username}})});
    transaction.commit();
    return password;
}

User AccountService::change_account(const audit::Actor& actor, long long user_id,
                                    AccountChange change) {
    const auto now = time_.now();
    const std::string now_text = format_timestamp(now);
    storage::Transaction transaction(database_);
    auto user = storage::find_user(transaction.session(), user_id);
    if (!user) {
        throw AppError(ErrorCode::not_found, "账号不存在");
    }
    if (actor.user_id && *actor.user_id == user->id &&
        (change == AccountChange::lock || change == AccountChange::disable)) {
        const AppError refusal(ErrorCode::conflict, "不能锁定或停用自己的账号");
        audit_.record(transaction,
                      {actor, change == AccountChange::lock ? "user.lock" : "user.disable", "user",
                       std::to_string(user->id), audit::Outcome::failure, refusal.what()});
        transaction.commit();
        throw refusal;
    }
    const bool was_locked = user->locked_until.has_value();
    const bool was_disabled = user->disabled;
    std::string action;
    switch (change) {
        case AccountChange::lock:
            // An administrative lock lasts until someone unlocks it.
            user->locked_until = administrative_lock_until;
            action = "user.lock";
            break;
        case AccountChange::unlock:
            user->locked_until.reset();
            user->failed_attempts = 0;
            action = "user.unlock";
            break;
        case AccountChange::disable:
            user->disabled = true;
            action = "user.disable";
            break;
        case AccountChange::enable:
            user->disabled = false;
            action = "user.enable";
            break;
    }
    user->updated_at = now_text;
    storage::update_user(transaction.session(), *user);
    if (change == AccountChange::lock || change == AccountChange::disable) {
        storage::end_user_sessions(transaction.session(), user->id, now_text);
    }
    // The account's state before and after, in the structured form of every data change.
    ChangeSet changed;
    changed.compare("locked", was_locked, user->locked_until.has_value());
    changed.compare("disabled", was_disabled, user->disabled);
    audit_.record(transaction, {actor, action, "user", std::to_string(user->id),
                                audit::Outcome::success, changed.json()});
    transaction.commit();
    return *user;
}

storage::UserPage AccountService::list_users(const std::string& search, int page, int page_size) {
    storage::Connection connection(database_);
    return storage::list_users(connection.session(), search, page, page_size);
}

User AccountService::user(long long user_id) {
    storage::Connection connection(database_);
    auto found = storage::find_user(connection.session(), user_id);
    if (!found) {
        throw AppError(ErrorCode::not_found, "账号不存在");
    }
    return *found;
}

}  // namespace lianjian::accounts
