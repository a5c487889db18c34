#include "members/member.hpp"

#include "accounts/permission.hpp"

namespace lianjian::members {

namespace {

// The committee's reach is programme-wide; a unit_admin's is its own unit (or nothing, should
// an account lack a unit); without the permission there is no reach at all.
Reach reach_of(const accounts::User& user, accounts::Permission permission, bool programme_wide) {
    if (!accounts::roles_grant(user.roles, permission)) {
        return {};
    }
    if (programme_wide) {
        return {true, std::nullopt};
    }
    return {false, user.unit_id};
}

}  // namespace

MemberAccess member_access(const accounts::User& user) {
    using accounts::Role;
    const bool committee = accounts::has_role(user.roles, Role::committee_admin);
    // A viewer (领导查看) reads every unit's members, always masked.
    const bool reads_everything = committee || accounts::has_role(user.roles, Role::viewer);
    return {reach_of(user, accounts::Permission::members_read, reads_everything),
            reach_of(user, accounts::Permission::members_manage, committee),
            reach_of(user, accounts::Permission::members_unmask, committee)};
}

}  // namespace lianjian::members
