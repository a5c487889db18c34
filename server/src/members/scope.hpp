#pragma once

#include "crypto/field_cipher.hpp"
#include "members/member.hpp"
#include "storage/member_repository.hpp"

namespace lianjian::members {

// 403 unless `reach` covers the unit.
void require_reach(const Reach& reach, long long unit_id);

// The storage query for a list or an export: the filter checked and confined to the caller's
// read reach (a unit_admin's list defaults to its own unit; another unit is 403), the phone
// replaced by its search hash.
storage::MemberQuery storage_query(const Reach& read, const MemberFilter& filter,
                                   const crypto::FieldCipher& cipher);

}  // namespace lianjian::members
