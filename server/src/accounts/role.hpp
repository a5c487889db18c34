#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lianjian::accounts {

// The six roles of DOMAIN.md.
enum class Role { committee_admin, unit_admin, member, viewer, system_admin, auditor };

inline constexpr Role all_roles[] = {Role::committee_admin, Role::unit_admin,   Role::member,
                                     Role::viewer,          Role::system_admin, Role::auditor};

const char* role_name(Role role);
const char* role_label(Role role);  // 中文
std::optional<Role> parse_role(std::string_view name);

using Roles = std::vector<Role>;

bool has_role(const Roles& roles, Role role);
// Stored as a comma-separated list ("committee_admin,viewer").
std::string join_roles(const Roles& roles);
Roles split_roles(std::string_view text);

// 三员分立: system administration, audit and data-changing programme work are three duties, and
// no account may hold two of them. Throws AppError(role_separation) naming the conflict; also
// rejects an empty or duplicated role list.
void check_role_separation(const Roles& roles);

}  // namespace lianjian::accounts
