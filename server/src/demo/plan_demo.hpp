#pragma once

#include "app/services.hpp"

#include <optional>
#include <string>

namespace lianjian::demo {

// The current local year's annual plans and responsibility sheets of the first batch, written
// through the services so that steps, audit records and notifications are real: 第一联盟 approved
// at version 2 (version 1 approved, revised, resubmitted, approved), 第二联盟 returned with an
// opinion, 第三联盟 submitted; sheets for every member unit but 区科协 and 区供销联社. Needs the
// demo accounts. Idempotent: skipped when the year already has plans (and sheets).
void load_plan_demo(app::Services& services);

// The demo account `username` as a caller (its roles and unit), or nothing when it does not
// exist: the demo acts through the services as the people who would.
std::optional<accounts::Caller> caller_of(app::Services& services, const std::string& username);

}  // namespace lianjian::demo
