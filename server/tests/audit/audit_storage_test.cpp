// Specification: the audit trail is append-only in the database itself, and a record changed
// behind the application's back breaks the chain at that record.
#include "audit/audit_log.hpp"
#include "storage/migrations.hpp"
#include "storage/row.hpp"
#include "support/test_database.hpp"

#include <gtest/gtest.h>

namespace lianjian::testing {
namespace {

class AuditStorage : public ::testing::Test {
  protected:
    AuditStorage() {
        storage::migrate(*database);
        for (int i = 1; i <= 3; ++i) {
            audit.record_alone({{i, "user" + std::to_string(i), "127.0.0.1"},
                                "test.event",
                                "test",
                                std::to_string(i),
                                audit::Outcome::success,
                                "detail " + std::to_string(i)});
        }
    }

    std::vector<long long> ids() {
        storage::Connection connection(*database);
        soci::rowset<soci::row> rows =
            (connection.session().prepare << "SELECT id FROM audit_event ORDER BY id");
        std::vector<long long> result;
        for (const auto& row : rows) {
            result.push_back(storage::integer_at(row, 0));
        }
        return result;
    }

    void execute(const std::string& sql) {
        storage::Connection connection(*database);
        connection.session() << sql;
    }

    TestDatabase test_database;
    std::unique_ptr<storage::Database> database = test_database.open();
    audit::ChainKey key = audit::random_chain_key();
    audit::AuditLog audit{*database, key};
};

TEST_F(AuditStorage, IntactChainVerifies) {
    const auto result = audit.verify();
    EXPECT_TRUE(result.ok);
    EXPECT_EQ(result.checked, 3);
    EXPECT_FALSE(result.first_broken_id.has_value());
}

TEST_F(AuditStorage, EachRecordChainsToThePrevious) {
    audit::AuditFilter filter;
    const auto page = audit.list(filter);
    ASSERT_EQ(page.items.size(), 3u);
    // Newest first: each record's prev_hash is the hash of the one before it.
    EXPECT_EQ(page.items[0].prev_hash, page.items[1].hash);
    EXPECT_EQ(page.items[1].prev_hash, page.items[2].hash);
    EXPECT_EQ(page.items[2].prev_hash, std::string(64, '0'));
    for (const auto& event : page.items) {
        EXPECT_EQ(event.hash, audit::chain_hash(key, event.prev_hash, event));
    }
}

TEST_F(AuditStorage, UpdateIsRefusedByTheDatabase) {
    EXPECT_ANY_THROW(execute("UPDATE audit_event SET detail = 'rewritten'"));
    EXPECT_ANY_THROW(execute("UPDATE audit_event SET outcome = 'failure' WHERE id = " +
                             std::to_string(ids().back())));
    EXPECT_TRUE(audit.verify().ok);
}

TEST_F(AuditStorage, DeleteIsRefusedByTheDatabase) {
    EXPECT_ANY_THROW(execute("DELETE FROM audit_event"));
    EXPECT_ANY_THROW(execute("DELETE FROM audit_event WHERE id = " + std::to_string(ids().back())));
    EXPECT_EQ(ids().size(), 3u);
    EXPECT_TRUE(audit.verify().ok);
}

TEST_F(AuditStorage, RefusedUpdateInsideATransactionLeavesTheRecord) {
    {
        storage::Transaction transaction(*database);
        EXPECT_ANY_THROW(transaction.session() << "UPDATE audit_event SET detail = 'x'");
    }
    audit::AuditFilter filter;
    for (const auto& event : audit.list(filter).items) {
        EXPECT_NE(event.detail, "x");
    }
}

TEST_F(AuditStorage, TamperingIsFoundAtTheChangedRecord) {
    // Given someone with database access who switches the guard off,
    if (test_database.dialect() == storage::Dialect::sqlite) {
        execute("DROP TRIGGER audit_event_no_update");
    } else {
        execute("ALTER TABLE audit_event DISABLE TRIGGER USER");
    }
    // when they rewrite the middle record's detail,
    const auto middle = ids().at(1);
    execute("UPDATE audit_event SET detail = 'nothing happened' WHERE id = " +
            std::to_string(middle));
    // then verification fails and names that record.
    const auto result = audit.verify();
    EXPECT_FALSE(result.ok);
    ASSERT_TRUE(result.first_broken_id.has_value());
    EXPECT_EQ(*result.first_broken_id, middle);
}

TEST_F(AuditStorage, RewritingAHashToMatchStillBreaksTheNextLink) {
    if (test_database.dialect() == storage::Dialect::sqlite) {
        execute("DROP TRIGGER audit_event_no_update");
    } else {
        execute("ALTER TABLE audit_event DISABLE TRIGGER USER");
    }
    // Given a forger who rewrites the first record and recomputes its hash,
    audit::AuditFilter filter;
    auto events = audit.list(filter).items;
    auto first = events.back();
    first.detail = "forged";
    const auto forged_hash = audit::chain_hash(key, first.prev_hash, first);
    execute("UPDATE audit_event SET detail = 'forged', hash = '" + forged_hash +
            "' WHERE id = " + std::to_string(first.id));
    // then the next record no longer points at it.
    const auto result = audit.verify();
    EXPECT_FALSE(result.ok);
    ASSERT_TRUE(result.first_broken_id.has_value());
    EXPECT_EQ(*result.first_broken_id, events[1].id);
}

TEST_F(AuditStorage, DeletingARecordIsFound) {
    if (test_database.dialect() == storage::Dialect::sqlite) {
        execute("DROP TRIGGER audit_event_no_delete");
    } else {
        execute("ALTER TABLE audit_event DISABLE TRIGGER USER");
    }
    const auto all = ids();
    execute("DELETE FROM audit_event WHERE id = " + std::to_string(all.at(1)));
    const auto result = audit.verify();
    EXPECT_FALSE(result.ok);
    ASSERT_TRUE(result.first_broken_id.has_value());
    EXPECT_EQ(*result.first_broken_id, all.at(2));
}

}  // namespace
}  // namespace lianjian::testing
