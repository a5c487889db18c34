#include "storage/member_link_repository.hpp"

#include "storage/query.hpp"
#include "storage/row.hpp"

namespace lianjian::storage {

std::optional<long long> account_linked_to_member(Session& session, long long member_id) {
    std::optional<long long> account;
    Query("SELECT id FROM app_user WHERE member_id = :member")
        .bind("member", member_id)
        .for_each_row(session,
                      [&](const soci::row& row) { account = optional_integer_at(row, 0); });
    return account;
}

std::vector<NamedRef> unit_member_names(Session& session, long long unit_id) {
    std::vector<NamedRef> names;
    Query("SELECT id, name FROM member WHERE unit_id = :unit AND active = 1 ORDER BY id")
        .bind("unit", unit_id)
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            names.push_back({columns.integer("id"), columns.text("name")});
        });
    return names;
}

void set_account_member(Session& session, long long user_id, std::optional<long long> member_id,
                        const std::string& now) {
    if (member_id) {
        Query("UPDATE app_user SET member_id = :member, updated_at = :now WHERE id = :id")
            .bind("member", *member_id)
            .bind("now", now)
            .bind("id", user_id)
            .execute(session);
    } else {
        Query("UPDATE app_user SET member_id = NULL, updated_at = :now WHERE id = :id")
            .bind("now", now)
            .bind("id", user_id)
            .execute(session);
    }
}

}  // namespace lianjian::storage
