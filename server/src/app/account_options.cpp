#include "app/account_options.hpp"

#include <charconv>
#include <stdexcept>

namespace lianjian::app {

namespace {

accounts::Role role_named(const std::string& name) {
    const auto role = accounts::parse_role(name);
    if (!role) {
        throw std::invalid_argument("unknown role '" + name + "'");
    }
    return *role;
}

}  // namespace

void apply_account_policy_options(const AccountPolicyOptions& options,
                                  accounts::AccountPolicy& policy) {
    if (!options.totp_required_roles.empty()) {
        policy.totp_required_roles.clear();
        if (!(options.totp_required_roles.size() == 1 &&
              options.totp_required_roles.front() == "none")) {
            for (const auto& name : options.totp_required_roles) {
                policy.totp_required_roles.push_back(role_named(name));
            }
        }
    }
    for (const auto& entry : options.role_idle_minutes) {
        const auto equals = entry.find('=');
        unsigned minutes = 0;
        const char* first = entry.data() + (equals == std::string::npos ? 0 : equals + 1);
        const char* last = entry.data() + entry.size();
        const auto [end, error] = std::from_chars(first, last, minutes);
        if (equals == std::string::npos || error != std::errc() || end != last || minutes == 0) {
            throw std::invalid_argument("expected ROLE=MINUTES (minutes > 0), got '" + entry + "'");
        }
        policy.role_idle[role_named(entry.substr(0, equals))] = std::chrono::minutes(minutes);
    }
    policy.password_max_age = std::chrono::hours(24) * options.password_max_age_days;
    policy.password_warning = std::chrono::hours(24) * options.password_warning_days;
    policy.password_history = static_cast<int>(options.password_history);
    policy.max_sessions = static_cast<int>(options.max_sessions);
}

}  // namespace lianjian::app
