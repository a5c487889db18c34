#pragma once

#include "app/services.hpp"

namespace lianjian::demo {

// The current local year as a district has it after months of use (issue "Activities under the
// six linkages …", a living demo), written through the services as the host units' and lead
// units' admins, so that rotation turns, rosters, audit records and the ledger chain are real:
// for each alliance of the first batch, two activities a month from May until a few days ago,
// across all six linkages, each held with its attendance recorded and a generated photo; most
// ledgers archived (chained), one in five left incomplete (no outcomes, no photo), the latest
// submitted and waiting for the lead unit; and one activity of 第一联盟 planned for next week.
// Needs the demo accounts. Idempotent: skipped when the year already has activities. Not part of
// `load_demo` (the tests' servers), only of `serve --demo` and `lianjian demo`, because it takes
// seconds.
void load_activity_demo(app::Services& services);

}  // namespace lianjian::demo
