#pragma once

#include "accounts/permission.hpp"
#include "accounts/role.hpp"
#include "audit/audit_log.hpp"

#include <optional>
#include <vector>

namespace lianjian::accounts {

// What a permission is asked about: the units an object belongs to (for `own_unit`), the current
// member units of its alliance (`own_alliance`) and that alliance's lead unit
// (`alliance_led_by_own_unit`). An empty target matches only a programme-wide reach.
struct Target {
    std::vector<long long> unit_ids;
    std::vector<long long> alliance_unit_ids;
    std::optional<long long> alliance_lead_unit_id;

    static Target unit(long long unit_id) { return {{unit_id}, {}, std::nullopt}; }
    static Target units(std::vector<long long> unit_ids) {
        return {std::move(unit_ids), {}, std::nullopt};
    }
    static Target alliance(long long lead_unit_id, std::vector<long long> member_unit_ids) {
        return {{}, std::move(member_unit_ids), lead_unit_id};
    }
};

// Who is asking, as services need it: the audit actor, the roles, and the unit the account acts
// for. Services ask `may(permission, target)`, never for a role by name.
struct Caller {
    audit::Actor actor;
    Roles roles;
    std::optional<long long> unit_id;

    // How far the caller holds `permission`, or nothing.
    std::optional<Scope> reach(Permission permission) const { return reach_of(roles, permission); }
    // Holds `permission` across the programme.
    bool may_everywhere(Permission permission) const { return reach(permission) == Scope::all; }
    // Holds `permission` for `target`.
    bool may(Permission permission, const Target& target) const;
    long long user_id() const { return actor.user_id.value_or(0); }
};

}  // namespace lianjian::accounts
