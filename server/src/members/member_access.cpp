#include "members/member.hpp"

#include "accounts/permission.hpp"

namespace lianjian::members {

namespace {

// A programme-wide reach covers every unit; a unit-scoped one its own unit (or nothing, should an
// account lack a unit); without the permission there is no reach at all.
Reach reach_of(const accounts::User& user, accounts::Permission permission) {
    const auto scope = accounts::reach_of(user.roles, permission);
    if (!scope) {
        return {};
    }
    if (*scope == accounts::Scope::all) {
        return {true, std::nullopt};
    }
    return {false, user.unit_id};
}

}  // namespace

MemberAccess member_access(const accounts::User& user) {
    return {reach_of(user, accounts::Permission::members_read),
            reach_of(user, accounts::Permission::members_manage),
            reach_of(user, accounts::Permission::members_unmask)};
}

}  // namespace lianjian::members
