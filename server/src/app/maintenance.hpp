#pragma once

#include "crypto/field_cipher.hpp"
#include "storage/database.hpp"

#include <filesystem>
#include <optional>

namespace lianjian::app {

// An exclusive lock on a SQLite database, held by `serve` for as long as it runs and by
// `restore` while it replaces the file: `<database file>.lock`, locked with flock(2), so the
// kernel releases it when the process ends however it ends (no stale PID file). PostgreSQL
// needs none: several servers may share one PostgreSQL database.
class DatabaseLock {
  public:
    // Throws AppError (conflict) with a Chinese and English message when another process holds
    // the lock; holds nothing for PostgreSQL.
    explicit DatabaseLock(const storage::DatabaseUrl& url);
    ~DatabaseLock();
    DatabaseLock(const DatabaseLock&) = delete;
    DatabaseLock& operator=(const DatabaseLock&) = delete;

  private:
    int descriptor_ = -1;
};

// The lock file of a SQLite database file.
std::filesystem::path lock_path(const std::filesystem::path& database_file);

// The master key for this data directory: loaded, or created for a database that holds nothing
// sealed or chained yet. Throws crypto::MissingKey when the key is missing beside such data.
crypto::Key load_key(const std::filesystem::path& data_dir, storage::Database& database);

// An online, consistent copy of a SQLite database (VACUUM INTO reads one snapshot while the
// server goes on writing). PostgreSQL deployments back up with pg_dump instead.
void backup_database(storage::Database& database, const std::filesystem::path& to);

// Replaces the SQLite database file with a backup after checking the backup is sound (integrity
// check, a schema this binary knows). Refuses while a server holds the database (DatabaseLock).
// The current file, with its write-ahead log folded in, is kept aside as
// `<database>.before-restore-<UTC time>`, whose path is returned; the new file replaces it by
// one rename, so the database is always either the old one or the new one.
std::optional<std::filesystem::path> restore_database(const storage::DatabaseUrl& url,
                                                      const std::filesystem::path& from);

// The attachment files go with a backup: after the database is copied to `to`, the files of
// `<data-dir>/attachments/` are copied into the directory `<to>.attachments/` (each synced).
// Files are never changed once placed and are placed before their row commits, so every file
// the copied database names is there. Returns the number of files copied.
std::size_t backup_attachments(const std::filesystem::path& data_dir,
                               const std::filesystem::path& to);
// The directory of attachment files beside a backup file.
std::filesystem::path attachments_backup_of(const std::filesystem::path& backup_file);
// After a restore from `from`: copies the files of `<from>.attachments/` that
// `<data-dir>/attachments/` lacks. Files the restored database no longer names are left to the
// sweep. Returns the number of files copied; 0 when the backup has no such directory.
std::size_t restore_attachments(const std::filesystem::path& from,
                                const std::filesystem::path& data_dir);

}  // namespace lianjian::app
