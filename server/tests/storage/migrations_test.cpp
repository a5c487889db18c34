// Specification: migrations apply once; running them again changes nothing.
#include "storage/migrations.hpp"
#include "support/test_database.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace lianjian::testing {
namespace {

TEST(Migrations, EmptyDatabaseHasVersionZeroLedger) {
    TestDatabase test_database;
    auto database = test_database.open();
    EXPECT_GT(storage::migrate(*database), 0);
    EXPECT_GT(storage::schema_version(*database), 0);
}

TEST(Migrations, MigratingTwiceAppliesNothingTheSecondTime) {
    TestDatabase test_database;
    auto database = test_database.open();
    const int first = storage::migrate(*database);
    const int version = storage::schema_version(*database);
    EXPECT_GT(first, 0);
    EXPECT_GT(version, 0);
    EXPECT_EQ(storage::migrate(*database), 0);
    EXPECT_EQ(storage::schema_version(*database), version);
}

TEST(Migrations, ASecondServerOnTheSameDatabaseAppliesNothing) {
    TestDatabase test_database;
    {
        auto first = test_database.open();
        storage::migrate(*first);
    }
    auto second = test_database.open();
    EXPECT_EQ(storage::migrate(*second), 0);
}

TEST(Migrations, VersionIsTheHighestScriptOfTheDialect) {
    TestDatabase test_database;
    auto database = test_database.open();
    storage::migrate(*database);
    int highest = 0;
    int count = 0;
    for (const auto& script : storage::migration_scripts()) {
        if (script.dialect == test_database.dialect()) {
            highest = std::max(highest, script.version);
            ++count;
        }
    }
    EXPECT_EQ(storage::schema_version(*database), highest);
    storage::Connection connection(*database);
    int recorded = 0;
    connection.session() << "SELECT COUNT(*) FROM schema_migration", soci::into(recorded);
    EXPECT_EQ(recorded, count);
}

TEST(Migrations, BothDialectsHaveTheSameVersions) {
    std::vector<int> sqlite, postgresql;
    for (const auto& script : storage::migration_scripts()) {
        (script.dialect == storage::Dialect::sqlite ? sqlite : postgresql)
            .push_back(script.version);
    }
    std::sort(sqlite.begin(), sqlite.end());
    std::sort(postgresql.begin(), postgresql.end());
    EXPECT_FALSE(sqlite.empty());
    EXPECT_EQ(sqlite, postgresql);
}

}  // namespace
}  // namespace lianjian::testing
