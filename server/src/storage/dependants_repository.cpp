#include "storage/dependants_repository.hpp"

#include "storage/query.hpp"
#include "storage/row.hpp"

namespace lianjian::storage {

std::vector<Dependant> unit_dependants(soci::session& session, long long unit_id) {
    std::vector<Dependant> dependants;
    Query("SELECT id, name FROM unit WHERE parent_id = :id AND active = 1 ORDER BY id")
        .bind("id", unit_id)
        .for_each_row(session, [&](const soci::row& row) {
            dependants.push_back({"unit", integer_at(row, 0), text_at(row, 1)});
        });
    Query(
        "SELECT DISTINCT a.id, a.name FROM alliance_membership m JOIN alliance a ON a.id = "
        "m.alliance_id WHERE m.unit_id = :id AND m.left_on IS NULL AND a.dissolved_on IS NULL "
        "ORDER BY a.id")
        .bind("id", unit_id)
        .for_each_row(session, [&](const soci::row& row) {
            dependants.push_back({"alliance", integer_at(row, 0), text_at(row, 1)});
        });
    return dependants;
}

}  // namespace lianjian::storage
