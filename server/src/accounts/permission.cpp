#include "accounts/permission.hpp"

#include <initializer_list>
#include <stdexcept>
#include <string>

namespace lianjian::accounts {

namespace {

constexpr unsigned bit(Role role) {
    return 1u << static_cast<unsigned>(role);
}

constexpr unsigned roles_mask(std::initializer_list<Role> roles) {
    unsigned mask = 0;
    for (Role role : roles) {
        mask |= bit(role);
    }
    return mask;
}

// One row per permission: the roles that hold it across the programme, and the roles that hold
// it only within `scope`.
struct PermissionRule {
    Permission permission;
    unsigned everywhere;
    unsigned scoped;
    Scope scope;
};

using enum Role;

constexpr unsigned programme_roles = roles_mask({committee_admin, unit_admin, member, viewer});
constexpr unsigned every_role =
    roles_mask({committee_admin, unit_admin, member, viewer, system_admin, auditor});

// The one table of who may do what.
constexpr PermissionRule rules[] = {
    {Permission::public_access, every_role, 0, Scope::all},
    {Permission::signed_in, every_role, 0, Scope::all},
    // The system administrator needs units to attach accounts to them; the auditor reads only
    // the audit trail.
    {Permission::registry_read, every_role & ~bit(auditor), 0, Scope::all},
    {Permission::alliances_read, programme_roles, 0, Scope::all},
    {Permission::audit_read, bit(auditor), 0, Scope::all},
    {Permission::users_manage, bit(system_admin), 0, Scope::all},
    {Permission::registry_manage, bit(committee_admin), 0, Scope::all},
    {Permission::unit_update, bit(committee_admin), bit(unit_admin), Scope::own_unit},
    // A viewer (领导查看) reads every unit's members, always masked.
    {Permission::members_read, roles_mask({committee_admin, viewer}), bit(unit_admin),
     Scope::own_unit},
    {Permission::members_manage, bit(committee_admin), bit(unit_admin), Scope::own_unit},
    {Permission::members_unmask, bit(committee_admin), bit(unit_admin), Scope::own_unit},
    {Permission::alliances_manage, bit(committee_admin), 0, Scope::all},
    {Permission::rotation_arrange, bit(committee_admin), bit(unit_admin),
     Scope::alliance_led_by_own_unit},
    // A unit sees the applications that involve it: as applicant, co-applicant or lead unit of
    // the alliance concerned.
    {Permission::applications_read, roles_mask({committee_admin, viewer}), bit(unit_admin),
     Scope::own_unit},
    {Permission::applications_act, 0, bit(unit_admin), Scope::own_unit},
    {Permission::applications_consult, 0, bit(unit_admin), Scope::alliance_led_by_own_unit},
    {Permission::applications_decide, bit(committee_admin), 0, Scope::all},
    {Permission::formation_suggest, bit(committee_admin), 0, Scope::all},
    // The campaign (seed 五(一)): everyone in the programme sees the phases, deadlines and the
    // checklist; the committee sets them.
    {Permission::campaign_read, programme_roles, 0, Scope::all},
    {Permission::campaign_manage, bit(committee_admin), 0, Scope::all},
    // A plan is read within its alliance (drafts included) and by the committee and leaders; the
    // lead unit writes it and the committee reviews it.
    {Permission::plans_read, roles_mask({committee_admin, viewer}),
     roles_mask({unit_admin, member}), Scope::own_alliance},
    {Permission::plans_write, 0, bit(unit_admin), Scope::alliance_led_by_own_unit},
    {Permission::plans_review, bit(committee_admin), 0, Scope::all},
    // Each unit fills in its own sheet; the lead unit sees every sheet of its alliance.
    {Permission::responsibility_read, roles_mask({committee_admin, viewer}), bit(unit_admin),
     Scope::own_alliance},
    {Permission::responsibility_write, 0, bit(unit_admin), Scope::own_unit},
    {Permission::reports_read, roles_mask({committee_admin, viewer}), bit(unit_admin),
     Scope::own_alliance},
    {Permission::reports_submit, 0, bit(unit_admin), Scope::alliance_led_by_own_unit},
    // Activities (seed 四, 五(二)): read within the alliance; the host unit's admin records one
    // (the service checks it is the host, or the unit's own part); the lead unit or the
    // committee archives and amends the ledger (seed 六(三)).
    {Permission::activities_read, roles_mask({committee_admin, viewer}),
     roles_mask({unit_admin, member}), Scope::own_alliance},
    {Permission::activities_write, 0, bit(unit_admin), Scope::own_alliance},
    {Permission::ledger_archive, bit(committee_admin), bit(unit_admin),
     Scope::alliance_led_by_own_unit},
    {Permission::ledger_verify, roles_mask({committee_admin, auditor}), 0, Scope::all},
};

const PermissionRule& rule_of(Permission permission) {
    for (const auto& rule : rules) {
        if (rule.permission == permission) {
            return rule;
        }
    }
    throw std::logic_error(std::string("permission without a row: ") + enum_code(permission));
}

}  // namespace

const char* permission_name(Permission permission) {
    return enum_code(permission);
}

const char* scope_name(Scope scope) {
    return enum_code(scope);
}

std::optional<Scope> reach_of(const Roles& roles, Permission permission) {
    if (permission == Permission::public_access) {
        return Scope::all;
    }
    const auto& rule = rule_of(permission);
    std::optional<Scope> reach;
    for (Role role : roles) {
        if ((rule.everywhere & bit(role)) != 0) {
            return Scope::all;
        }
        if ((rule.scoped & bit(role)) != 0) {
            reach = rule.scope;
        }
    }
    return reach;
}

bool role_grants(Role role, Permission permission) {
    return reach_of({role}, permission).has_value();
}

bool roles_grant(const Roles& roles, Permission permission) {
    return reach_of(roles, permission).has_value();
}

Scope permission_scope(Permission permission) {
    return rule_of(permission).scope;
}

std::vector<Role> roles_holding(Permission permission) {
    std::vector<Role> holders;
    for (Role role : all_roles) {
        if (role_grants(role, permission)) {
            holders.push_back(role);
        }
    }
    return holders;
}

std::vector<std::string> permission_codes(const Roles& roles) {
    std::vector<std::string> codes;
    for (Permission permission : all_permissions) {
        if (roles_grant(roles, permission)) {
            codes.emplace_back(permission_name(permission));
        }
    }
    return codes;
}

}  // namespace lianjian::accounts
