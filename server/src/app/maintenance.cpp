#include "app/maintenance.hpp"

#include "core/clock.hpp"
#include "core/error.hpp"
#include "storage/maintenance_repository.hpp"
#include "storage/migrations.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace lianjian::app {

namespace {

// Makes a completed write of `path` durable: the file's data, then the directory entry.
void sync_path(const std::filesystem::path& path, int flags) {
    const int descriptor = ::open(path.c_str(), flags | O_CLOEXEC);
    if (descriptor >= 0) {
        ::fsync(descriptor);
        ::close(descriptor);
    }
}

std::string compact_utc_time() {
    auto text = now_timestamp();  // 2026-11-29T13:05:01Z or with fraction
    std::string compact;
    for (const char character : text) {
        if (std::isdigit(static_cast<unsigned char>(character)) || character == 'T') {
            compact.push_back(character);
        }
        if (character == '.' || character == 'Z') {
            break;
        }
    }
    return compact;
}

}  // namespace

std::filesystem::path lock_path(const std::filesystem::path& database_file) {
    return database_file.string() + ".lock";
}

DatabaseLock::DatabaseLock(const storage::DatabaseUrl& url) {
    if (url.dialect != storage::Dialect::sqlite) {
        return;
    }
    const std::filesystem::path database_file = url.target;
    if (database_file.has_parent_path()) {
        std::filesystem::create_directories(database_file.parent_path());
    }
    const auto path = lock_path(database_file);
    descriptor_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (descriptor_ < 0) {
        throw std::runtime_error("cannot open " + path.string());
    }
    if (::flock(descriptor_, LOCK_EX | LOCK_NB) != 0) {
        ::close(descriptor_);
        descriptor_ = -1;
        throw AppError(ErrorCode::conflict,
                       "数据库 " + database_file.string() +
                           " 正由另一个联建服务器进程使用，请先停止它。\n"
                           "The database is in use by another Lianjian server process; stop it "
                           "first (two servers on one SQLite file are not supported: use "
                           "PostgreSQL for several servers).");
    }
}

DatabaseLock::~DatabaseLock() {
    if (descriptor_ >= 0) {
        ::close(descriptor_);  // releases the lock
    }
}

crypto::Key load_key(const std::filesystem::path& data_dir, storage::Database& database) {
    storage::Connection connection(database);
    const auto creation = storage::holds_keyed_data(connection.session())
                              ? crypto::KeyCreation::refused
                              : crypto::KeyCreation::allowed;
    return crypto::load_or_create_key(data_dir, creation);
}

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
    storage::copy_sqlite_database(connection.session(), to);
}

std::optional<std::filesystem::path> restore_database(const storage::DatabaseUrl& url,
                                                      const std::filesystem::path& from) {
    if (url.dialect != storage::Dialect::sqlite) {
        throw std::runtime_error("restore covers SQLite; restore PostgreSQL with pg_restore");
    }
    const DatabaseLock lock(url);
    const auto report = storage::inspect_sqlite_file(from);
    if (!report.intact) {
        throw std::runtime_error(from.string() + " fails SQLite's integrity check");
    }
    int newest = 0;
    for (const auto& script : storage::migration_scripts()) {
        newest = std::max(newest, script.version);
    }
    if (report.schema_version > newest) {
        throw std::runtime_error("the backup's schema is newer than this program");
    }
    const std::filesystem::path target = url.target;
    if (target.has_parent_path()) {
        std::filesystem::create_directories(target.parent_path());
    }
    const auto directory = target.has_parent_path() ? target.parent_path() : ".";
    // Copy beside the target and make the copy durable before anything else changes.
    const auto staging = std::filesystem::path(target.string() + ".restoring");
    std::filesystem::copy_file(from, staging, std::filesystem::copy_options::overwrite_existing);
    sync_path(staging, O_RDONLY);
    std::optional<std::filesystem::path> aside;
    if (std::filesystem::exists(target)) {
        // The current database, its log folded in so the file alone is complete, kept aside.
        storage::fold_sqlite_wal(target);
        const auto stem = target.string() + ".before-restore-" + compact_utc_time();
        aside = stem;
        for (int attempt = 1; std::filesystem::exists(*aside); ++attempt) {
            aside = stem + "-" + std::to_string(attempt);
        }
        std::filesystem::copy_file(target, *aside);
        sync_path(*aside, O_RDONLY);
    }
    // One rename swaps the files: the database is either the old one or the new one.
    std::filesystem::remove(target.string() + "-wal");
    std::filesystem::remove(target.string() + "-shm");
    std::filesystem::rename(staging, target);
    sync_path(directory, O_RDONLY | O_DIRECTORY);
    return aside;
}

std::filesystem::path attachments_backup_of(const std::filesystem::path& backup_file) {
    return backup_file.string() + ".attachments";
}

namespace {

// Copies the regular files of `from` that `to` lacks, each synced, then the directory.
std::size_t copy_missing_files(const std::filesystem::path& from, const std::filesystem::path& to) {
    std::error_code error;
    if (!std::filesystem::is_directory(from, error)) {
        return 0;
    }
    std::filesystem::create_directories(to);
    std::size_t copied = 0;
    for (const auto& entry : std::filesystem::directory_iterator(from)) {
        if (!entry.is_regular_file()) {
            continue;
        }
        const auto target = to / entry.path().filename();
        if (std::filesystem::exists(target)) {
            continue;
        }
        const auto staging = std::filesystem::path(target.string() + ".copying");
        std::filesystem::copy_file(entry.path(), staging,
                                   std::filesystem::copy_options::overwrite_existing);
        sync_path(staging, O_RDONLY);
        std::filesystem::rename(staging, target);
        ++copied;
    }
    sync_path(to, O_RDONLY | O_DIRECTORY);
    return copied;
}

}  // namespace

std::size_t backup_attachments(const std::filesystem::path& data_dir,
                               const std::filesystem::path& to) {
    const auto target = attachments_backup_of(to);
    if (std::filesystem::exists(target)) {
        throw std::runtime_error(target.string() + " exists already; choose a new file");
    }
    std::filesystem::create_directories(target);
    return copy_missing_files(data_dir / "attachments", target);
}

std::size_t restore_attachments(const std::filesystem::path& from,
                                const std::filesystem::path& data_dir) {
    return copy_missing_files(attachments_backup_of(from), data_dir / "attachments");
}

}  // namespace lianjian::app
