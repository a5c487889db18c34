#pragma once

#include "accounts/role.hpp"
#include "audit/audit_log.hpp"

#include <optional>

namespace lianjian::accounts {

// Who is asking, as services need it: the audit actor, the roles, and the unit the account acts
// for. Services that decide per object (the lead unit consults, a co-applicant confirms) check it.
struct Caller {
    audit::Actor actor;
    Roles roles;
    std::optional<long long> unit_id;

    bool is(Role role) const { return has_role(roles, role); }
    // A unit_admin acting for `unit_id` (its own unit).
    bool acts_for_unit(long long unit_id_to_check) const {
        return is(Role::unit_admin) && unit_id && *unit_id == unit_id_to_check;
    }
    long long user_id() const { return actor.user_id.value_or(0); }
};

}  // namespace lianjian::accounts
