#pragma once

#include "accounts/account_service.hpp"

#include <string>
#include <vector>

namespace lianjian::app {

// The password, session and second-factor settings of `lianjian serve` (issue 14) as given on
// the command line, before they are checked and applied to an AccountPolicy.
struct AccountPolicyOptions {
    // Role names ("committee_admin"), or the single word "none"; empty keeps the default.
    std::vector<std::string> totp_required_roles;
    // "ROLE=MINUTES" entries, each replacing that role's idle timeout.
    std::vector<std::string> role_idle_minutes;
    unsigned password_max_age_days = 90;  // 0: passwords never expire
    unsigned password_warning_days = 7;
    unsigned password_history = 5;  // 0 or 1: only "not the current one"
    unsigned max_sessions = 5;      // 0: no cap
};

// Applies `options` to `policy`. Throws std::invalid_argument (English, for the command line)
// naming an unknown role or a malformed "ROLE=MINUTES".
void apply_account_policy_options(const AccountPolicyOptions& options,
                                  accounts::AccountPolicy& policy);

}  // namespace lianjian::app
