#include "accounts/permission.hpp"

namespace lianjian::accounts {

const char* permission_name(Permission permission) {
    switch (permission) {
        case Permission::public_access:
            return "public_access";
        case Permission::signed_in:
            return "signed_in";
        case Permission::registry_read:
            return "registry_read";
        case Permission::alliances_read:
            return "alliances_read";
        case Permission::audit_read:
            return "audit_read";
        case Permission::users_manage:
            return "users_manage";
        case Permission::registry_manage:
            return "registry_manage";
        case Permission::unit_update:
            return "unit_update";
        case Permission::members_read:
            return "members_read";
        case Permission::members_manage:
            return "members_manage";
        case Permission::members_unmask:
            return "members_unmask";
        case Permission::alliances_manage:
            return "alliances_manage";
        case Permission::rotation_arrange:
            return "rotation_arrange";
        case Permission::applications_read:
            return "applications_read";
        case Permission::applications_act:
            return "applications_act";
        case Permission::applications_decide:
            return "applications_decide";
        case Permission::formation_suggest:
            return "formation_suggest";
    }
    return "";
}

// The one table of who may do what. Per-object rules (a unit_admin's own unit, the lead unit of
// one alliance) are checked again by the route's scope or by the service.
bool role_grants(Role role, Permission permission) {
    switch (permission) {
        case Permission::public_access:
        case Permission::signed_in:
            return true;
        case Permission::registry_read:
            // The system administrator needs units to attach accounts to them.
            return role != Role::auditor;
        case Permission::alliances_read:
            return role == Role::committee_admin || role == Role::unit_admin ||
                   role == Role::member || role == Role::viewer;
        case Permission::audit_read:
            return role == Role::auditor;
        case Permission::users_manage:
            return role == Role::system_admin;
        case Permission::registry_manage:
        case Permission::alliances_manage:
        case Permission::applications_decide:
        case Permission::formation_suggest:
            return role == Role::committee_admin;
        // A unit_admin holds these only for its own unit: the routes declare Scope::own_unit.
        case Permission::unit_update:
        case Permission::members_manage:
        case Permission::members_unmask:
        case Permission::rotation_arrange:
            return role == Role::committee_admin || role == Role::unit_admin;
        case Permission::members_read:
        case Permission::applications_read:
            return role == Role::committee_admin || role == Role::unit_admin ||
                   role == Role::viewer;
        case Permission::applications_act:
            return role == Role::unit_admin;
    }
    return false;
}

bool roles_grant(const Roles& roles, Permission permission) {
    for (Role role : roles) {
        if (role_grants(role, permission)) {
            return true;
        }
    }
    return permission == Permission::public_access;
}

}  // namespace lianjian::accounts
