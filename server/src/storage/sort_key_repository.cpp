#include "storage/sort_key_repository.hpp"

#include "core/collation.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

#include <utility>
#include <vector>

namespace lianjian::storage {

namespace {

const char* table_name(SortedTable table) {
    return table == SortedTable::unit ? "unit" : "member";
}

}  // namespace

void set_name_sort_key(soci::session& session, SortedTable table, long long id,
                       const std::string& name) {
    const auto key = name_sort_key(name);
    session << std::string("UPDATE ") + table_name(table) +
                   " SET name_sort_key = :key WHERE id = :id",
        soci::use(key), soci::use(id);
}

long long fill_missing_name_sort_keys(Database& database) {
    long long filled = 0;
    for (const auto table : {SortedTable::unit, SortedTable::member}) {
        Transaction transaction(database);
        std::vector<std::pair<long long, std::string>> missing;
        Query(std::string("SELECT id, name FROM ") + table_name(table) +
              " WHERE name_sort_key = '' ORDER BY id")
            .for_each_row(transaction.session(), [&](const soci::row& row) {
                missing.emplace_back(integer_at(row, 0), text_at(row, 1));
            });
        for (const auto& [id, name] : missing) {
            set_name_sort_key(transaction.session(), table, id, name);
        }
        transaction.commit();
        filled += static_cast<long long>(missing.size());
    }
    return filled;
}

}  // namespace lianjian::storage
