#pragma once

#include <soci/soci.h>

#include <filesystem>
#include <string>

namespace lianjian::storage {

// Whether the database holds anything sealed or chained with the master key: a member (phone
// sealed), a unit's sealed liaison phone, or an audit record (the chain is keyed with it).
bool holds_keyed_data(soci::session& session);

// An online, consistent copy of a SQLite database into a new file (VACUUM INTO).
void copy_sqlite_database(soci::session& session, const std::filesystem::path& target);

// What a SQLite file is, read without changing it: whether it passes the integrity check and the
// newest schema migration applied to it. Throws when it is not a Lianjian database.
struct SqliteFileReport {
    bool intact = false;
    int schema_version = 0;
};
SqliteFileReport inspect_sqlite_file(const std::filesystem::path& path);

// Moves everything in a SQLite file's write-ahead log into the file itself and empties the log,
// so that the file alone is the whole database. The file must not be in use.
void fold_sqlite_wal(const std::filesystem::path& path);

}  // namespace lianjian::storage
