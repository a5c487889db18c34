#include "accounts/account_edit.hpp"

#include "core/changes.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "storage/attendance_repository.hpp"
#include "storage/member_link_repository.hpp"
#include "storage/user_repository.hpp"

#include <algorithm>

namespace lianjian::accounts {

namespace {

std::vector<std::string> role_codes(const Roles& roles) {
    std::vector<std::string> codes;
    for (const auto role : roles) {
        codes.emplace_back(role_name(role));
    }
    return codes;
}

}  // namespace

User edit_account(storage::Database& database, audit::AuditLog& audit, const Caller& caller,
                  long long user_id, const AccountEdit& edit) {
    storage::Transaction transaction(database);
    auto& session = transaction.session();
    auto user = storage::find_user(session, user_id);
    if (!user) {
        throw AppError(ErrorCode::not_found, "账号不存在");
    }
    const User before = *user;
    std::vector<FieldMessage> problems;
    if (edit.display_name) {
        const auto name = text::normalise(*edit.display_name, text::rule_of("display_name"));
        if (name.problem) {
            problems.push_back({"display_name", *name.problem});
        } else if (name.text.empty()) {
            problems.push_back({"display_name", "请填写显示名称"});
        } else {
            user->display_name = name.text;
        }
    }
    if (edit.roles) {
        if (caller.actor.user_id && *caller.actor.user_id == user_id &&
            *edit.roles != user->roles) {
            const AppError refusal(ErrorCode::conflict, "不能修改自己的角色",
                                   {{"reason", "own_roles"}});
            audit.record(transaction, {caller.actor, "user.update", "user", std::to_string(user_id),
                                       audit::Outcome::failure, refusal.what()});
            transaction.commit();
            throw refusal;
        }
        if (edit.roles->empty()) {
            problems.push_back({"roles", "请至少选择一个角色"});
        } else {
            try {
                check_role_separation(*edit.roles);
                user->roles = *edit.roles;
            } catch (const AppError& refusal) {
                problems.push_back({"roles", refusal.what()});
            }
        }
    }
    if (edit.unit_id) {
        if (*edit.unit_id && !storage::unit_exists(session, **edit.unit_id)) {
            problems.push_back({"unit_id", "所选单位不存在"});
        } else {
            user->unit_id = *edit.unit_id;
        }
    }
    const bool unit_problem =
        std::any_of(problems.begin(), problems.end(),
                    [](const FieldMessage& p) { return p.field == "unit_id"; });
    if (!unit_problem && has_role(user->roles, Role::unit_admin) && !user->unit_id) {
        problems.push_back({"unit_id", "单位管理员必须指定所属单位"});
    }
    if (!problems.empty()) {
        throw fields_error(problems);
    }
    ChangeSet changes;
    changes.compare("display_name", before.display_name, user->display_name);
    changes.compare("roles", role_codes(before.roles), role_codes(user->roles));
    changes.compare("unit_id", before.unit_id, user->unit_id);
    if (changes.empty()) {
        transaction.commit();
        return *user;
    }
    const auto now = now_timestamp();
    user->updated_at = now;
    storage::update_user(session, *user);
    if (before.unit_id != user->unit_id) {
        // A party member belongs to one unit: the account's link to one of the old unit ends.
        if (const auto linked = storage::member_of_user(session, user_id)) {
            storage::set_account_member(session, user_id, std::nullopt, now);
            changes.compare("member_id", std::optional<long long>(*linked),
                            std::optional<long long>());
        }
    }
    audit.record(transaction, {caller.actor, "user.update", "user", std::to_string(user_id),
                               audit::Outcome::success, changes.json()});
    transaction.commit();
    return *user;
}

}  // namespace lianjian::accounts
