#include "storage/migrations.hpp"

#include "core/clock.hpp"

#include <spdlog/spdlog.h>

namespace lianjian::storage {

namespace {

constexpr const char* create_ledger =
    "CREATE TABLE IF NOT EXISTS schema_migration ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

bool is_applied(Session& session, int version) {
    int count = 0;
    session << "SELECT COUNT(*) FROM schema_migration WHERE version = :version", soci::use(version),
        soci::into(count);
    return count > 0;
}

// Whether the ledger table exists. Asked before creating it: a server running as a role that is
// not the schema's owner (docs/architecture.md, "Audit trail") may not run CREATE TABLE, not even
// with IF NOT EXISTS, and must start once the owner has migrated.
bool ledger_exists(Database& database, Session& session) {
    int count = 0;
    if (database.dialect() == Dialect::postgresql) {
        session << "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()"
                   " AND tablename = 'schema_migration'",
            soci::into(count);
    } else {
        session << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
                   " AND name = 'schema_migration'",
            soci::into(count);
    }
    return count > 0;
}

}  // namespace

int migrate(Database& database) {
    {
        Transaction transaction(database);
        transaction.serialize(WriterTopic::migrations);
        if (!ledger_exists(database, transaction.session())) {
            transaction.session() << create_ledger;
        }
        transaction.commit();
    }
    int applied = 0;
    for (const auto& script : migration_scripts()) {
        if (script.dialect != database.dialect()) {
            continue;
        }
        Transaction transaction(database);
        transaction.serialize(WriterTopic::migrations);
        if (is_applied(transaction.session(), script.version)) {
            continue;
        }
        database.execute_script(transaction.session(), script.sql);
        const std::string now = now_timestamp();
        transaction.session()
            << "INSERT INTO schema_migration (version, name, applied_at) VALUES (:v, :n, :a)",
            soci::use(script.version), soci::use(script.name), soci::use(now);
        transaction.commit();
        spdlog::info("applied migration {}", script.name);
        ++applied;
    }
    return applied;
}

int schema_version(Database& database) {
    Connection connection(database);
    int version = 0;
    soci::indicator indicator = soci::i_ok;
    connection.session() << "SELECT MAX(version) FROM schema_migration",
        soci::into(version, indicator);
    return indicator == soci::i_ok ? version : 0;
}

}  // namespace lianjian::storage
