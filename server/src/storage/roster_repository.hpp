#pragma once

#include "storage/session.hpp"

namespace lianjian::storage {

// Brings an activity's attendance roster in line with its participating units (DOMAIN.md
// "Activities and the ledger": the expected members are the party members of the participating
// units): adds a row without a status for each active member of a participating unit who has
// none, and drops the rows that have no status yet of members whose unit no longer takes part.
// Recorded rows (present, leave, absent) are never dropped. Call it inside the transaction that
// creates the activity or changes its participating units. Returns the rows added.
long long sync_roster(Session& session, long long activity_id);

}  // namespace lianjian::storage
