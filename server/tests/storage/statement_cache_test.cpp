// Specification: a pooled connection prepares each SQL text once and re-executes it with new
// values; id lists are one parameter, so the text does not change with their length; rows are
// read by column name; a statement left half-read does not pin an old snapshot.
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"
#include "support/test_database.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

namespace lianjian::testing {
namespace {

class StatementCache : public ::testing::Test {
  protected:
    void SetUp() override {
        database_ = test_database_.open(1);
        storage::migrate(*database_);
        storage::Transaction transaction(*database_);
        for (int i = 1; i <= 60; ++i) {
            const std::string name = "区单位" + std::to_string(i);
            transaction.session() << "INSERT INTO unit (name, kind, party_member_count, "
                                     "created_at, updated_at) VALUES (:name, 'unit', :count, "
                                     "'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
                soci::use(name), soci::use(i);
        }
        transaction.commit();
    }

    TestDatabase test_database_;
    std::unique_ptr<storage::Database> database_;
};

std::vector<long long> ids_of_units_in(storage::Session& session,
                                       const std::vector<long long>& ids) {
    std::vector<long long> found;
    storage::Query("SELECT id AS id FROM unit WHERE " + session.in_id_list("id", "ids") +
                   " ORDER BY id")
        .bind("ids", session.id_list(ids))
        .for_each_row(session, [&](const soci::row& row) {
            found.push_back(storage::Columns(row).integer("id"));
        });
    return found;
}

TEST_F(StatementCache, OneTextIsPreparedOnceAndRunsAgainWithNewValues) {
    // Given one pooled connection
    storage::Connection connection(*database_);
    auto& session = connection.session();
    const auto before = session.prepared_count();
    const storage::Query count_from("SELECT COUNT(*) FROM unit WHERE party_member_count >= :least");
    // When the same query text runs with three different values
    const auto all = storage::Query(count_from).bind("least", 1LL).scalar(session);
    const auto most = storage::Query(count_from).bind("least", 11LL).scalar(session);
    const auto few = storage::Query(count_from).bind("least", 51LL).scalar(session);
    // Then each run sees its own value, through one statement prepared once
    EXPECT_EQ(all, 60);
    EXPECT_EQ(most, 50);
    EXPECT_EQ(few, 10);
    EXPECT_EQ(session.prepared_count(), before + 1);
    EXPECT_EQ(session.executions_of(count_from.sql()), 3u);
}

TEST_F(StatementCache, TheConnectionKeepsItsStatementsBetweenLeases) {
    const storage::Query query =
        storage::Query("SELECT COUNT(*) FROM unit WHERE id = :id").bind("id", 3LL);
    {
        storage::Connection first(*database_);
        EXPECT_EQ(query.scalar(first.session()), 1);
    }
    // The pool has one connection: the second lease is the same connection, statement and all.
    storage::Connection second(*database_);
    EXPECT_EQ(query.scalar(second.session()), 1);
    EXPECT_EQ(second.session().executions_of(query.sql()), 2u);
}

TEST_F(StatementCache, AnIdListOfAnyLengthIsOneStatement) {
    storage::Connection connection(*database_);
    auto& session = connection.session();
    const auto before = session.prepared_count();
    // When lists of 1, 3 and 50 ids are looked up
    EXPECT_EQ(ids_of_units_in(session, {7}), std::vector<long long>{7});
    EXPECT_EQ(ids_of_units_in(session, {2, 4, 999}), (std::vector<long long>{2, 4}));
    std::vector<long long> fifty;
    for (long long id = 1; id <= 50; ++id) {
        fifty.push_back(id);
    }
    EXPECT_EQ(ids_of_units_in(session, fifty), fifty);
    EXPECT_TRUE(ids_of_units_in(session, {}).empty());
    // Then one statement served them all
    EXPECT_EQ(session.prepared_count(), before + 1);
}

TEST_F(StatementCache, ColumnsAreReadByNameWhateverTheirOrder) {
    storage::Connection connection(*database_);
    auto& session = connection.session();
    long long id = 0;
    std::string name;
    storage::Query(
        "SELECT name AS name, party_member_count AS members, id AS id FROM unit WHERE id = :id")
        .bind("id", 5LL)
        .for_each_row(session, [&](const soci::row& row) {
            const storage::Columns columns(row);
            id = columns.integer("id");
            name = columns.text("name");
            EXPECT_EQ(columns.integer("members"), 5);
            EXPECT_THROW(columns.text("short_name"), std::logic_error);
        });
    EXPECT_EQ(id, 5);
    EXPECT_EQ(name, "区单位5");
}

TEST_F(StatementCache, AVisitThatThrowsLeavesTheStatementUsable) {
    storage::Connection connection(*database_);
    auto& session = connection.session();
    const storage::Query all("SELECT id AS id FROM unit ORDER BY id");
    EXPECT_THROW(
        all.for_each_row(session, [](const soci::row&) { throw std::runtime_error("stop"); }),
        std::runtime_error);
    int rows = 0;
    all.for_each_row(session, [&](const soci::row&) { ++rows; });
    EXPECT_EQ(rows, 60);
}

TEST_F(StatementCache, AHalfReadStatementDoesNotHideLaterWrites) {
    auto database = test_database_.open(2);
    // Given a reader that stopped after the first row of a many-row statement
    storage::Connection reader(*database);
    const storage::Query all_ids("SELECT id AS id FROM unit ORDER BY id");
    int rows = 0;
    EXPECT_THROW(all_ids.for_each_row(reader.session(),
                                      [&](const soci::row&) {
                                          ++rows;
                                          throw std::runtime_error("enough");
                                      }),
                 std::runtime_error);
    EXPECT_EQ(rows, 1);
    // When another connection writes
    {
        storage::Transaction writer(*database);
        writer.session() << "UPDATE unit SET party_member_count = 1000 WHERE id = 1";
        writer.commit();
    }
    // Then the reader's next statement sees the write (no snapshot kept by the first)
    const auto count = storage::Query("SELECT COUNT(*) FROM unit WHERE party_member_count = :count")
                           .bind("count", 1000LL)
                           .scalar(reader.session());
    EXPECT_EQ(count, 1);
}

}  // namespace
}  // namespace lianjian::testing
