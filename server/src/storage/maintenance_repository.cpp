#include "storage/maintenance_repository.hpp"

#include <sqlite3.h>

#include <memory>
#include <stdexcept>

namespace lianjian::storage {

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
    const int status = sqlite3_step(statement);
    if (status == SQLITE_ROW && sqlite3_column_text(statement, 0)) {
        value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
    if (status != SQLITE_ROW && status != SQLITE_DONE) {
        throw std::runtime_error(std::string("not a Lianjian database: ") + sqlite3_errstr(status));
    }
    return value;
}

}  // namespace

bool holds_keyed_data(soci::session& session) {
    int found = 0;
    session << "SELECT CASE WHEN EXISTS (SELECT 1 FROM audit_event) "
               "OR EXISTS (SELECT 1 FROM member) "
               "OR EXISTS (SELECT 1 FROM unit WHERE liaison_phone_sealed IS NOT NULL) "
               "THEN 1 ELSE 0 END",
        soci::into(found);
    return found == 1;
}

void copy_sqlite_database(soci::session& session, const std::filesystem::path& target) {
    const std::string path = std::filesystem::absolute(target).string();
    session << "VACUUM INTO :target", soci::use(path);
}

SqliteFileReport inspect_sqlite_file(const std::filesystem::path& path) {
    auto handle = open_sqlite(path, SQLITE_OPEN_READONLY);
    SqliteFileReport report;
    report.intact = single_text(handle.get(), "PRAGMA integrity_check") == "ok";
    if (report.intact) {
        const auto version = single_text(handle.get(), "SELECT MAX(version) FROM schema_migration");
        report.schema_version = version.empty() ? 0 : std::stoi(version);
    }
    return report;
}

void fold_sqlite_wal(const std::filesystem::path& path) {
    auto handle = open_sqlite(path, SQLITE_OPEN_READWRITE);
    char* message = nullptr;
    const int status =
        sqlite3_exec(handle.get(), "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, &message);
    const std::string text = message ? message : "";
    sqlite3_free(message);
    if (status != SQLITE_OK) {
        throw std::runtime_error("cannot fold the write-ahead log of " + path.string() + ": " +
                                 text);
    }
}

}  // namespace lianjian::storage
