#pragma once

#include "storage/database.hpp"

#include <filesystem>

namespace lianjian::app {

// An online, consistent copy of a SQLite database (VACUUM INTO reads one snapshot while the
// server goes on writing). PostgreSQL deployments back up with pg_dump instead.
void backup_database(storage::Database& database, const std::filesystem::path& to);

// Replaces the SQLite database file with a backup after checking the backup is sound (integrity
// check, a schema this binary knows). The server must be stopped.
void restore_database(const storage::DatabaseUrl& url, const std::filesystem::path& from);

}  // namespace lianjian::app
