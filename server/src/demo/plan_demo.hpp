#pragma once

#include "app/services.hpp"

namespace lianjian::demo {

// The current local year's annual plans and responsibility sheets of the first batch, written
// through the services so that steps, audit records and notifications are real: 第一联盟 approved
// at version 2 (version 1 approved, revised, resubmitted, approved), 第二联盟 returned with an
// opinion, 第三联盟 submitted; sheets for every member unit but 区科协 and 区供销联社. Needs the
// demo accounts. Idempotent: skipped when the year already has plans (and sheets).
void load_plan_demo(app::Services& services);

}  // namespace lianjian::demo
