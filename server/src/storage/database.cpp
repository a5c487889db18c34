#include "storage/database.hpp"

#include "core/error.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <libpq-fe.h>
#include <spdlog/spdlog.h>
#include <boost/url/parse.hpp>

#include <filesystem>
#include <mutex>

namespace lianjian::storage {

namespace {

std::string conninfo_value(std::string_view value) {
    std::string quoted = "'";
    for (char c : value) {
        if (c == '\'' || c == '\\') {
            quoted += '\\';
        }
        quoted += c;
    }
    return quoted + "'";
}

// libpq's keyword form of a postgresql:// URL (SOCI hands the string to libpq as keywords).
// Parts left out (host, user …) come from libpq's PG* environment variables.
std::string postgresql_conninfo(const std::string& url) {
    auto parsed = boost::urls::parse_uri(url);
    if (!parsed) {
        throw std::invalid_argument("malformed PostgreSQL URL");
    }
    std::string conninfo;
    auto add = [&](std::string_view key, std::string_view value) {
        if (!value.empty()) {
            conninfo += std::string(key) + "=" + conninfo_value(value) + " ";
        }
    };
    add("host", parsed->host());
    add("port", parsed->port());
    add("user", parsed->user());
    add("password", parsed->password());
    std::string path = parsed->path();
    add("dbname", path.starts_with('/') ? path.substr(1) : path);
    for (const auto& parameter : parsed->params()) {
        add(parameter.key, parameter.value);
    }
    return conninfo;
}

}  // namespace

DatabaseUrl DatabaseUrl::parse(const std::string& url) {
    if (url.starts_with("sqlite:")) {
        std::string path = url.substr(7);
        if (path.starts_with("//")) {
            path = path.substr(2);
        }
        if (path.empty()) {
            throw std::invalid_argument(
                "sqlite: URL needs a file path, e.g. sqlite:data/lianjian.db");
        }
        return {Dialect::sqlite, path};
    }
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
        return {Dialect::postgresql, postgresql_conninfo(url)};
    }
    throw std::invalid_argument("database URL must start with sqlite: or postgresql://");
}

namespace {

std::string sqlite_connect_string(const std::string& path) {
    std::string quoted;
    for (char c : path) {
        if (c == '"' || c == '\\') {
            quoted += '\\';
        }
        quoted += c;
    }
    return "db=\"" + quoted + "\" timeout=10";
}

}  // namespace

namespace {

// Each pooled connection is used by one thread at a time, so SQLite's own per-connection mutexes
// and its global allocation counter (a mutex taken on every malloc) only add contention. This
// must happen before SQLite initialises, that is before the first connection opens.
void configure_sqlite_library() {
    static std::once_flag once;
    std::call_once(once, [] {
        sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
        sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    });
}

}  // namespace

Database::Database(const DatabaseUrl& url, std::size_t pool_size)
    : url_(url), pool_size_(pool_size), pool_(std::make_unique<soci::connection_pool>(pool_size)) {
    if (url_.dialect == Dialect::sqlite) {
        configure_sqlite_library();
        const auto parent = std::filesystem::path(url_.target).parent_path();
        if (!parent.empty()) {
            std::filesystem::create_directories(parent);
        }
    }
    for (std::size_t i = 0; i < pool_size_; ++i) {
        soci::session& session = pool_->at(i);
        if (url_.dialect == Dialect::sqlite) {
            session.open(*soci::factory_sqlite3(), sqlite_connect_string(url_.target));
        } else {
            session.open(*soci::factory_postgresql(), url_.target);
        }
        configure(session);
        sessions_.push_back(std::make_unique<Session>(session, url_.dialect));
    }
}

// The prepared statements go before the connections they were prepared on.
Database::~Database() {
    sessions_.clear();
}

void Database::configure(soci::session& session) {
    if (url_.dialect == Dialect::sqlite) {
        // WAL lets readers run beside the one writer; FULL makes a commit survive power loss.
        execute_script(session,
                       "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                       "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;");
    } else {
        execute_script(session, "SET TIME ZONE 'UTC'; SET client_min_messages = warning;");
    }
}

void Database::execute_script(soci::session& session, const std::string& script) {
    if (url_.dialect == Dialect::sqlite) {
        auto* backend = static_cast<soci::sqlite3_session_backend*>(session.get_backend());
        char* message = nullptr;
        if (sqlite_api::sqlite3_exec(backend->conn_, script.c_str(), nullptr, nullptr, &message) !=
            SQLITE_OK) {
            std::string text = message ? message : "unknown SQLite error";
            sqlite_api::sqlite3_free(message);
            throw std::runtime_error("SQLite script failed: " + text);
        }
        return;
    }
    auto* backend = static_cast<soci::postgresql_session_backend*>(session.get_backend());
    PGresult* result = PQexec(backend->conn_, script.c_str());
    const auto status = PQresultStatus(result);
    std::string text = PQresultErrorMessage(result);
    PQclear(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        throw std::runtime_error("PostgreSQL script failed: " + text);
    }
}

Transaction::Transaction(Database& database)
    : lease_(database), session_(lease_.session()), dialect_(database.dialect()) {
    session_ << (dialect_ == Dialect::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
    if (open_) {
        try {
            session_ << "ROLLBACK";
        } catch (...) {
            // The connection may already be broken; the pool will report it on next use.
        }
    }
}

void Transaction::serialize(WriterTopic topic) {
    if (dialect_ == Dialect::postgresql) {
        session_ << "SELECT pg_advisory_xact_lock(" +
                        std::to_string(static_cast<long long>(topic)) + ")";
    }
}

void Transaction::commit() {
    session_ << "COMMIT";
    open_ = false;
    for (auto& action : after_commit_) {
        try {
            action();
        } catch (const std::exception& error) {
            spdlog::error("after commit: {}", error.what());
        }
    }
    after_commit_.clear();
}

void Transaction::after_commit(std::function<void()> action) {
    after_commit_.push_back(std::move(action));
}

}  // namespace lianjian::storage
