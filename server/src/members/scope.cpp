#include "members/scope.hpp"

#include "core/error.hpp"
#include "members/member_rules.hpp"

namespace lianjian::members {

void require_reach(const Reach& reach, long long unit_id) {
    if (!reach.covers(unit_id)) {
        throw AppError(ErrorCode::forbidden, "只能操作本单位的党员");
    }
}

storage::MemberQuery storage_query(const Reach& read, const MemberFilter& filter,
                                   const crypto::FieldCipher& cipher) {
    storage::MemberQuery query;
    query.search = filter.search;
    query.unit_id = filter.unit_id;
    if (!read.all_units) {
        if (!read.unit_id) {
            throw AppError(ErrorCode::forbidden, "账号未关联单位，不能查看党员");
        }
        if (query.unit_id && *query.unit_id != *read.unit_id) {
            throw AppError(ErrorCode::forbidden, "只能查看本单位的党员");
        }
        query.unit_id = read.unit_id;
    }
    if (filter.status) {
        query.status = status_code(*filter.status);
        if (!query.status) {
            throw field_error("status", "党员状态应为 formal（正式）或 probationary（预备）");
        }
    }
    if (filter.phone) {
        // Exact search without decrypting: equal numbers have equal keyed hashes.
        query.phone_hash = cipher.search_hash(normalise_phone(*filter.phone));
    }
    query.active = filter.active;
    query.sort = filter.sort;
    query.page = filter.page;
    query.page_size = filter.page_size;
    return query;
}

}  // namespace lianjian::members
