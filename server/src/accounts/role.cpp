#include "accounts/role.hpp"

#include "core/error.hpp"

#include <algorithm>

namespace lianjian::accounts {

const char* role_name(Role role) {
    switch (role) {
        case Role::committee_admin:
            return "committee_admin";
        case Role::unit_admin:
            return "unit_admin";
        case Role::member:
            return "member";
        case Role::viewer:
            return "viewer";
        case Role::system_admin:
            return "system_admin";
        case Role::auditor:
            return "auditor";
    }
    return "";
}

const char* role_label(Role role) {
    switch (role) {
        case Role::committee_admin:
            return "机关工委管理员";
        case Role::unit_admin:
            return "单位管理员";
        case Role::member:
            return "党员";
        case Role::viewer:
            return "领导查看";
        case Role::system_admin:
            return "系统管理员";
        case Role::auditor:
            return "审计管理员";
    }
    return "";
}

std::optional<Role> parse_role(std::string_view name) {
    for (Role role : all_roles) {
        if (name == role_name(role)) {
            return role;
        }
    }
    return std::nullopt;
}

bool has_role(const Roles& roles, Role role) {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

std::string join_roles(const Roles& roles) {
    std::string text;
    for (Role role : roles) {
        if (!text.empty()) {
            text += ',';
        }
        text += role_name(role);
    }
    return text;
}

Roles split_roles(std::string_view text) {
    Roles roles;
    while (!text.empty()) {
        const auto comma = text.find(',');
        const auto part = text.substr(0, comma);
        if (auto role = parse_role(part)) {
            roles.push_back(*role);
        }
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    }
    return roles;
}

namespace {

enum class Duty { system, audit, programme, none };

Duty duty_of(Role role) {
    switch (role) {
        case Role::system_admin:
            return Duty::system;
        case Role::auditor:
            return Duty::audit;
        case Role::committee_admin:
        case Role::unit_admin:
        case Role::member:
            return Duty::programme;
        case Role::viewer:
            return Duty::none;  // reads only, so it separates from nothing
    }
    return Duty::none;
}

}  // namespace

void check_role_separation(const Roles& roles) {
    if (roles.empty()) {
        throw field_error("roles", "至少需要选择一个角色");
    }
    for (std::size_t i = 0; i < roles.size(); ++i) {
        for (std::size_t j = i + 1; j < roles.size(); ++j) {
            if (roles[i] == roles[j]) {
                throw field_error("roles", std::string("角色重复：") + role_label(roles[i]));
            }
            const Duty a = duty_of(roles[i]);
            const Duty b = duty_of(roles[j]);
            if (a != Duty::none && b != Duty::none && a != b) {
                throw AppError(ErrorCode::role_separation,
                               std::string("三员分立：同一账号不能同时担任“") +
                                   role_label(roles[i]) + "”和“" + role_label(roles[j]) + "”",
                               {{"field", "roles"}});
            }
        }
    }
}

}  // namespace lianjian::accounts
