#pragma once

#include "storage/database.hpp"

#include <string>
#include <vector>

namespace lianjian::storage {

// One versioned schema change, written once per dialect under src/storage/migrations/<dialect>/.
struct MigrationScript {
    Dialect dialect;
    int version;
    std::string name;
    std::string sql;
};

// Every script of both dialects, embedded into the binary at build time.
const std::vector<MigrationScript>& migration_scripts();

// Applies, in version order and each in its own transaction, the scripts not yet recorded in
// `schema_migration`. Safe to run from several servers at once. Returns how many it applied.
int migrate(Database& database);

// The highest version applied, or 0 for an empty database.
int schema_version(Database& database);

}  // namespace lianjian::storage
