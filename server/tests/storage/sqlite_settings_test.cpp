// Specification: every pooled connection is configured before use — on SQLite WAL, full
// synchronous commits and enforced foreign keys; on PostgreSQL UTC.
#include "storage/migrations.hpp"
#include "support/test_database.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

namespace lianjian::testing {
namespace {

constexpr std::size_t pool_size = 3;

class ConnectionSettings : public ::testing::Test {
  protected:
    ConnectionSettings() { storage::migrate(*database); }

    // Every connection of the pool at once, so that none is left unchecked.
    std::vector<std::unique_ptr<storage::Connection>> lease_all() {
        std::vector<std::unique_ptr<storage::Connection>> all;
        for (std::size_t i = 0; i < pool_size; ++i) {
            all.push_back(std::make_unique<storage::Connection>(*database));
        }
        return all;
    }

    TestDatabase test_database;
    std::unique_ptr<storage::Database> database = test_database.open(pool_size);
};

TEST_F(ConnectionSettings, EveryPooledConnectionIsConfiguredForItsDialect) {
    for (auto& connection : lease_all()) {
        if (test_database.dialect() == storage::Dialect::sqlite) {
            // SQLite: WAL, FULL synchronous commits, enforced foreign keys, a busy timeout.
            std::string journal_mode;
            int foreign_keys = -1;
            int synchronous = -1;
            int busy_timeout = -1;
            connection->session() << "PRAGMA journal_mode", soci::into(journal_mode);
            connection->session() << "PRAGMA foreign_keys", soci::into(foreign_keys);
            connection->session() << "PRAGMA synchronous", soci::into(synchronous);
            connection->session() << "PRAGMA busy_timeout", soci::into(busy_timeout);
            EXPECT_EQ(journal_mode, "wal");
            EXPECT_EQ(foreign_keys, 1);
            EXPECT_EQ(synchronous, 2);  // FULL
            EXPECT_GT(busy_timeout, 0);
        } else {
            // PostgreSQL: timestamps are read and written in UTC.
            std::string zone;
            connection->session() << "SHOW TimeZone", soci::into(zone);
            EXPECT_EQ(zone, "UTC");
        }
    }
}

TEST_F(ConnectionSettings, ForeignKeysAreEnforced) {
    // A session that names a user that does not exist is refused on both databases.
    storage::Connection connection(*database);
    EXPECT_ANY_THROW(connection.session()
                     << "INSERT INTO user_session (token_hash, user_id, source_ip, created_at, "
                        "last_seen_at, expires_at) VALUES ('h', 999999, '', 'a', 'b', 'c')");
}

TEST_F(ConnectionSettings, AbandonedTransactionRollsBack) {
    {
        storage::Transaction transaction(*database);
        transaction.session()
            << "INSERT INTO office_area (name, created_at, updated_at) VALUES ('临时', 'a', 'a')";
    }
    storage::Connection connection(*database);
    int count = -1;
    connection.session() << "SELECT COUNT(*) FROM office_area", soci::into(count);
    EXPECT_EQ(count, 0);
}

}  // namespace
}  // namespace lianjian::testing
