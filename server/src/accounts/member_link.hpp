#pragma once

#include "accounts/caller.hpp"
#include "audit/audit_log.hpp"
#include "core/named_ref.hpp"
#include "storage/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lianjian::accounts {

// Links a party-member account (role `member`) to the party member of the register it belongs
// to, so that the member signs in to activities with one tap (docs/activities.md "Attendance").
// The system administrator does it (users_manage, checked by the route). `member_id` empty
// unlinks. Errors: 404 for an unknown account or member; 422 when the account is not a member
// account, the member is off the register or of another unit than the account; 409
// (`details.reason: member_linked`) when another account already holds the member. Audited as
// `user.member_link`. Returns the linked member, or nothing after unlinking.
std::optional<NamedRef> link_member(storage::Database& database, audit::AuditLog& audit,
                                    const Caller& caller, long long user_id,
                                    std::optional<long long> member_id);

// Who the member account `user_id` may be linked to, and who it is linked to now: the active
// party members of its unit whose name contains `search` (after the text normaliser), names only
// (the system administrator may not read the member register: 三员分立), at most 50. 404 for an
// unknown account; an account without a unit has none.
struct MemberLinkOptions {
    std::vector<NamedRef> candidates;
    std::optional<NamedRef> linked;
};
MemberLinkOptions member_link_options(storage::Database& database, long long user_id,
                                      const std::string& search);

}  // namespace lianjian::accounts
