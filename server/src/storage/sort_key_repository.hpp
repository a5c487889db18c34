#pragma once

#include "storage/database.hpp"

#include <soci/soci.h>

#include <string>

namespace lianjian::storage {

// The tables whose `name` has a pinyin sort key beside it (migration 0006_name_sort_keys).
enum class SortedTable { unit, member };

// Stores the collation key of `name` (core/collation.hpp) for one row.
void set_name_sort_key(soci::session& session, SortedTable table, long long id,
                       const std::string& name);

// Fills in the key of every row that has none yet (rows written before the migration, or by a
// path that writes names without a key). Returns how many rows it filled.
long long fill_missing_name_sort_keys(Database& database);

}  // namespace lianjian::storage
