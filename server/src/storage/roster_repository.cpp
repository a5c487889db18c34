#include "storage/roster_repository.hpp"

#include "storage/query.hpp"

namespace lianjian::storage {

long long sync_roster(Session& session, long long activity_id) {
    Query(
        "DELETE FROM attendance WHERE activity_id = :activity AND status IS NULL AND unit_id NOT "
        "IN (SELECT unit_id FROM activity_unit WHERE activity_id = :same_activity)")
        .bind("activity", activity_id)
        .bind("same_activity", activity_id)
        .execute(session);
    return Query(
               "INSERT INTO attendance (activity_id, member_id, unit_id) SELECT au.activity_id, "
               "m.id, m.unit_id FROM activity_unit au JOIN member m ON m.unit_id = au.unit_id AND "
               "m.active = 1 WHERE au.activity_id = :activity AND NOT EXISTS (SELECT 1 FROM "
               "attendance t WHERE t.activity_id = au.activity_id AND t.member_id = m.id)")
        .bind("activity", activity_id)
        .execute(session);
}

}  // namespace lianjian::storage
