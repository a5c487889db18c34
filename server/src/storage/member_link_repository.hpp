#pragma once

#include "core/named_ref.hpp"
#include "storage/session.hpp"

#include <optional>
#include <vector>

namespace lianjian::storage {

// The account another account's party member is already linked to, if any.
std::optional<long long> account_linked_to_member(Session& session, long long member_id);
// The active party members of a unit, by name only (id order): who a member account may be
// linked to.
std::vector<NamedRef> unit_member_names(Session& session, long long unit_id);
// Links (or, with nothing, unlinks) the account to a party member (app_user.member_id).
void set_account_member(Session& session, long long user_id, std::optional<long long> member_id,
                        const std::string& now);

}  // namespace lianjian::storage
