#include "app/maintenance.hpp"

#include "storage/migrations.hpp"

#include <sqlite3.h>

#include <memory>

namespace lianjian::app {

namespace {

using SqliteHandle = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;

SqliteHandle open_sqlite(const std::filesystem::path& path, int flags) {
    sqlite3* handle = nullptr;
    const int status = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
    SqliteHandle owned(handle, &sqlite3_close);
    if (status != SQLITE_OK) {
        throw std::runtime_error("cannot open " + path.string() + ": " + sqlite3_errstr(status));
    }
    return owned;
}

std::string single_text(sqlite3* handle, const char* sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(handle, sql, -1, &statement, nullptr) != SQLITE_OK) {
        throw std::runtime_error(std::string("not a Lianjian database: ") + sqlite3_errmsg(handle));
    }
    std::string value;
    if (sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_text(statement, 0)) {
        value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
    return value;
}

}  // namespace

void backup_database(storage::Database& database, const std::filesystem::path& to) {
    if (database.dialect() != storage::Dialect::sqlite) {
        throw std::runtime_error("backup covers SQLite; back up PostgreSQL with pg_dump");
    }
    if (std::filesystem::exists(to)) {
        throw std::runtime_error(to.string() + " exists already; choose a new file");
    }
    if (to.has_parent_path()) {
        std::filesystem::create_directories(to.parent_path());
    }
    storage::Connection connection(database);
    const std::string target = std::filesystem::absolute(to).string();
    connection.session() << "VACUUM INTO :target", soci::use(target);
}

void restore_database(const storage::DatabaseUrl& url, const std::filesystem::path& from) {
    if (url.dialect != storage::Dialect::sqlite) {
        throw std::runtime_error("restore covers SQLite; restore PostgreSQL with pg_restore");
    }
    {
        auto backup = open_sqlite(from, SQLITE_OPEN_READONLY);
        if (single_text(backup.get(), "PRAGMA integrity_check") != "ok") {
            throw std::runtime_error(from.string() + " fails SQLite's integrity check");
        }
        const int version =
            std::stoi(single_text(backup.get(), "SELECT MAX(version) FROM schema_migration"));
        int newest = 0;
        for (const auto& script : storage::migration_scripts()) {
            newest = std::max(newest, script.version);
        }
        if (version > newest) {
            throw std::runtime_error("the backup's schema is newer than this program");
        }
    }
    const std::filesystem::path target = url.target;
    if (target.has_parent_path()) {
        std::filesystem::create_directories(target.parent_path());
    }
    // Copy beside the target, then rename: the database is either the old one or the new one.
    const auto staging = std::filesystem::path(target.string() + ".restoring");
    std::filesystem::copy_file(from, staging, std::filesystem::copy_options::overwrite_existing);
    std::filesystem::remove(target.string() + "-wal");
    std::filesystem::remove(target.string() + "-shm");
    std::filesystem::rename(staging, target);
}

}  // namespace lianjian::app
