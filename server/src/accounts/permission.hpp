#pragma once

#include "accounts/role.hpp"

namespace lianjian::accounts {

// What a route needs. Each route declares one; the table in permission.cpp says which roles hold
// it, and a route test checks every route against every role.
enum class Permission {
    public_access,      // no sign-in (login, health)
    signed_in,          // any signed-in account (me, logout, own password)
    registry_read,      // office areas and units
    alliances_read,     // alliances and their members
    audit_read,         // the audit trail
    users_manage,       // accounts
    registry_manage,    // office areas, units, strength tags (the committee)
    unit_update,        // edit a unit's own record (the committee, or that unit's admin)
    members_read,       // party members, phone numbers masked
    members_manage,     // create, edit, import party members
    members_unmask,     // see one member's full phone number (each time audited)
    alliances_manage,   // create, edit, dissolve alliances; change lead and members (the committee)
    rotation_arrange,   // set the hosting order (the committee, or the lead unit: checked per
                        // alliance)
    applications_read,  // see applications (a unit sees those that involve it)
    applications_act,   // apply, consult, confirm, withdraw for one's own unit (checked per
                        // application)
    applications_decide,  // approve or reject (the committee)
    formation_suggest,    // 联盟组建建议: suggest, score and adopt groupings (the committee)
};

inline constexpr Permission all_permissions[] = {
    Permission::public_access,       Permission::signed_in,         Permission::registry_read,
    Permission::alliances_read,      Permission::audit_read,        Permission::users_manage,
    Permission::registry_manage,     Permission::unit_update,       Permission::members_read,
    Permission::members_manage,      Permission::members_unmask,    Permission::alliances_manage,
    Permission::rotation_arrange,    Permission::applications_read, Permission::applications_act,
    Permission::applications_decide, Permission::formation_suggest};

const char* permission_name(Permission permission);
bool role_grants(Role role, Permission permission);
bool roles_grant(const Roles& roles, Permission permission);

// How far a route's data reaches: `all`, or `own_unit`, where a unit_admin acts only for its own
// unit and the handler checks the unit it is asked about.
enum class Scope { all, own_unit };

}  // namespace lianjian::accounts
