#pragma once

#include "accounts/caller.hpp"
#include "accounts/user.hpp"
#include "audit/audit_log.hpp"
#include "storage/database.hpp"

#include <optional>

namespace lianjian::accounts {

// What an edit of an account changes; a field left empty stays as it is. `unit_id` set to an
// empty optional removes the account's unit.
struct AccountEdit {
    std::optional<std::string> display_name;
    std::optional<Roles> roles;
    std::optional<std::optional<long long>> unit_id;
};

// The system administrator edits an account's display name, roles and unit (issue 9, 账号管理;
// `PATCH /api/v1/users/{id}`, users_manage checked by the route). The display name goes through
// the text normaliser (rule `display_name`); roles obey 三员分立 (`check_role_separation`); a
// 单位管理员 needs a unit, which must exist. Every problem of the request is reported at once
// (422 `validation_failed`). Nobody changes their own roles (409, `details.reason: own_roles`,
// refused act audited). When the unit changes, a link to a party member of the old unit ends.
// Audited as `user.update` with the `changes` (display_name, roles, unit_id, member_id).
// Errors: 404 unknown account.
User edit_account(storage::Database& database, audit::AuditLog& audit, const Caller& caller,
                  long long user_id, const AccountEdit& edit);

}  // namespace lianjian::accounts
