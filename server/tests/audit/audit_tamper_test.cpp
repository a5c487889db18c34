// Specification: someone who can write the database file but does not hold the key cannot make
// the audit trail say something else without `verify` noticing: a rewritten record (with every
// later hash recomputed), a forged record appended, a truncated tail and an emptied table are each
// found, with the first bad record named or the number of records missing; REPLACE INTO cannot
// go around the append-only guard; a chain written before it had a key is re-keyed from a verified
// state, and its unkeyed part cannot be rewritten afterwards.
#include "audit/audit_log.hpp"
#include "storage/audit_repository.hpp"
#include "storage/migrations.hpp"
#include "storage/row.hpp"
#include "support/test_database.hpp"

#include <gtest/gtest.h>

namespace lianjian::testing {
namespace {

constexpr const char* genesis = "0000000000000000000000000000000000000000000000000000000000000000";

class AuditTamper : public ::testing::Test {
  protected:
    AuditTamper() {
        storage::migrate(*database);
        audit.ensure_checkpoint();
        for (int i = 1; i <= 5; ++i) {
            record(audit, i);
        }
    }

    static void record(audit::AuditLog& log, int i) {
        log.record_alone({{i, "user" + std::to_string(i), "127.0.0.1"},
                          "test.event",
                          "test",
                          std::to_string(i),
                          audit::Outcome::success,
                          "detail " + std::to_string(i)});
    }

    std::vector<audit::AuditEvent> events() {
        storage::Connection connection(*database);
        std::vector<audit::AuditEvent> all;
        storage::for_each_audit_event(
            connection.session(), [&](const audit::AuditEvent& event) { all.push_back(event); });
        return all;
    }

    void execute(const std::string& sql) {
        storage::Connection connection(*database);
        connection.session() << sql;
    }

    // What someone with the file does first: switch the append-only guard off.
    void drop_guards() {
        if (test_database.dialect() == storage::Dialect::sqlite) {
            execute("DROP TRIGGER audit_event_no_update");
            execute("DROP TRIGGER audit_event_no_delete");
            execute("DROP TRIGGER audit_event_no_replace");
        } else {
            execute("ALTER TABLE audit_event DISABLE TRIGGER USER");
        }
    }

    void rewrite(const audit::AuditEvent& event) {
        storage::Connection connection(*database);
        connection.session() << "UPDATE audit_event SET detail = :detail, prev_hash = :prev, "
                                "hash = :hash WHERE id = :id",
            soci::use(event.detail), soci::use(event.prev_hash), soci::use(event.hash),
            soci::use(event.id);
    }

    TestDatabase test_database;
    std::unique_ptr<storage::Database> database = test_database.open();
    audit::ChainKey key = audit::random_chain_key();
    std::filesystem::path checkpoint = test_database.directory() / "audit.checkpoint";
    audit::AuditLog audit{*database, key, checkpoint};
};

TEST_F(AuditTamper, IntactChainAndCheckpointVerify) {
    const auto result = audit.verify();
    EXPECT_TRUE(result.ok) << result.problem;
    EXPECT_EQ(result.checked, 5);
    const auto written = audit::read_checkpoint(checkpoint, key);
    ASSERT_TRUE(written.has_value());
    EXPECT_EQ(written->count, 5);
    EXPECT_EQ(written->head, events().back().hash);
}

TEST_F(AuditTamper, RewritingARecordAndRecomputingEveryLaterHashIsFound) {
    drop_guards();
    auto all = events();
    // Given a forger without the key who rewrites record 2 and recomputes the chain after it,
    // once with the unkeyed hash and once with a key of their own,
    for (const bool own_key : {false, true}) {
        const auto forger_key = audit::random_chain_key();
        std::string prev = all[0].hash;
        for (std::size_t i = 1; i < all.size(); ++i) {
            auto event = all[i];
            if (i == 1) {
                event.detail = own_key ? "nothing happened" : "nothing at all";
            }
            event.prev_hash = prev;
            event.hash = own_key ? audit::chain_hash(forger_key, prev, event)
                                 : audit::legacy_chain_hash(prev, event);
            rewrite(event);
            prev = event.hash;
        }
        // then verification fails at record 2.
        const auto result = audit.verify();
        EXPECT_FALSE(result.ok);
        ASSERT_TRUE(result.first_broken_id.has_value());
        EXPECT_EQ(*result.first_broken_id, all[1].id);
        EXPECT_EQ(result.checked, 1);
    }
}

TEST_F(AuditTamper, AppendedForgedRecordIsFound) {
    // Given a forged record appended after the head, chained to it without the key,
    auto all = events();
    audit::AuditEvent forged = all.back();
    forged.detail = "granted everything";
    forged.seq = all.back().seq + 1;
    forged.prev_hash = all.back().hash;
    forged.hash = audit::chain_hash(audit::random_chain_key(), forged.prev_hash, forged);
    {
        storage::Connection connection(*database);
        storage::insert_audit_event(connection.session(), forged);
    }
    // then verification names it.
    const auto result = audit.verify();
    EXPECT_FALSE(result.ok);
    ASSERT_TRUE(result.first_broken_id.has_value());
    EXPECT_GT(*result.first_broken_id, all.back().id);
    EXPECT_EQ(result.checked, 5);
}

TEST_F(AuditTamper, TruncatedTailIsFoundAndCounted) {
    drop_guards();
    const auto all = events();
    execute("DELETE FROM audit_event WHERE id >= " + std::to_string(all[3].id));
    const auto result = audit.verify();
    EXPECT_FALSE(result.ok);
    EXPECT_FALSE(result.first_broken_id.has_value());
    EXPECT_EQ(result.missing, 2);
    EXPECT_EQ(result.checked, 3);
    EXPECT_NE(result.problem.find("缺少 2 条记录"), std::string::npos) << result.problem;
}

TEST_F(AuditTamper, EmptiedTableIsFound) {
    drop_guards();
    execute("DELETE FROM audit_event");
    const auto result = audit.verify();
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.missing, 5);
    EXPECT_EQ(result.checked, 0);
}

TEST_F(AuditTamper, AlteredOrMissingCheckpointIsFound) {
    // A checkpoint rewritten to a shorter chain does not carry the key's tag.
    auto shorter = *audit::read_checkpoint(checkpoint, key);
    shorter.count = 3;
    shorter.head = events()[2].hash;
    audit::write_checkpoint(checkpoint, audit::random_chain_key(), shorter);
    EXPECT_FALSE(audit.verify().ok);
    EXPECT_THROW(audit::read_checkpoint(checkpoint, key), std::runtime_error);
    // A removed checkpoint is not silently re-created over a keyed chain.
    std::filesystem::remove(checkpoint);
    audit.ensure_checkpoint();
    EXPECT_FALSE(std::filesystem::exists(checkpoint));
    EXPECT_FALSE(audit.verify().ok);
    // An operator's explicit re-anchoring (after a restore) verifies the chain first.
    audit.anchor_checkpoint();
    EXPECT_TRUE(audit.verify().ok);
}

TEST_F(AuditTamper, ReplaceIntoCannotGoAroundTheGuard) {
    const auto all = events();
    const auto& first = all.front();
    if (test_database.dialect() == storage::Dialect::sqlite) {
        // REPLACE deletes the conflicting row without firing delete triggers.
        for (const std::string verb : {"REPLACE", "INSERT OR REPLACE"}) {
            EXPECT_ANY_THROW(execute(
                verb +
                " INTO audit_event (id, occurred_at, username, action, outcome, prev_hash, hash, "
                "seq) VALUES (" +
                std::to_string(first.id) + ", '2020-01-01T00:00:00Z', 'x', 'x', 'success', '" +
                genesis + "', 'x', 1)"))
                << verb;
        }
        // An insert meeting another record's number is refused the same way.
        EXPECT_ANY_THROW(
            execute("INSERT OR REPLACE INTO audit_event (occurred_at, username, action, outcome, "
                    "prev_hash, hash, seq) VALUES ('2020', 'x', 'x', 'success', 'x', 'x', 3)"));
    } else {
        EXPECT_ANY_THROW(execute(
            "INSERT INTO audit_event (id, occurred_at, username, action, outcome, prev_hash, "
            "hash, seq) VALUES (" +
            std::to_string(first.id) +
            ", '2020', 'x', 'x', 'success', 'x', 'x', 1) ON CONFLICT (id) DO UPDATE SET "
            "detail = 'rewritten'"));
        EXPECT_ANY_THROW(execute("TRUNCATE audit_event"));
    }
    // An unnumbered record is refused on both.
    EXPECT_ANY_THROW(
        execute("INSERT INTO audit_event (occurred_at, username, action, outcome, "
                "prev_hash, hash) VALUES ('2020', 'x', 'x', 'success', 'x', 'x')"));
    EXPECT_EQ(events().size(), 5u);
    EXPECT_TRUE(audit.verify().ok);
}

TEST(AuditRekey, UnkeyedChainIsAnchoredThenKeyedAndItsPrefixCannotBeRewritten) {
    TestDatabase test_database;
    auto database = test_database.open();
    storage::migrate(*database);
    // Given a chain written before the key existed (unkeyed hashes, as the old schema wrote),
    std::string prev = genesis;
    for (int i = 1; i <= 3; ++i) {
        audit::AuditEvent event;
        event.occurred_at = "2026-01-0" + std::to_string(i) + "T00:00:00Z";
        event.username = "old";
        event.action = "test.old";
        event.outcome = "success";
        event.detail = "legacy " + std::to_string(i);
        event.seq = i;
        event.prev_hash = prev;
        event.hash = audit::legacy_chain_hash(prev, event);
        storage::Connection connection(*database);
        storage::insert_audit_event(connection.session(), event);
        prev = event.hash;
    }
    const auto key = audit::random_chain_key();
    const auto checkpoint = test_database.directory() / "audit.checkpoint";
    // when the server first starts with a key, the verified unkeyed chain is anchored,
    audit::AuditLog audit(*database, key, checkpoint);
    audit.ensure_checkpoint();
    const auto anchored = audit::read_checkpoint(checkpoint, key);
    ASSERT_TRUE(anchored.has_value());
    EXPECT_EQ(anchored->legacy_count, 3);
    EXPECT_EQ(anchored->legacy_head, prev);
    // and the chain goes on keyed and verifies whole.
    audit.record_alone(
        {{1, "new", "127.0.0.1"}, "test.new", "test", "1", audit::Outcome::success, "keyed"});
    auto result = audit.verify();
    EXPECT_TRUE(result.ok) << result.problem;
    EXPECT_EQ(result.checked, 4);
    // Then a forger rewriting an unkeyed record and recomputing the unkeyed chain is found.
    storage::Connection connection(*database);
    if (test_database.dialect() == storage::Dialect::sqlite) {
        connection.session() << "DROP TRIGGER audit_event_no_update";
    } else {
        connection.session() << "ALTER TABLE audit_event DISABLE TRIGGER USER";
    }
    std::vector<audit::AuditEvent> all;
    storage::for_each_audit_event(connection.session(),
                                  [&](const audit::AuditEvent& event) { all.push_back(event); });
    std::string forged_prev = all[0].hash;
    for (std::size_t i = 1; i < 3; ++i) {
        auto event = all[i];
        if (i == 1)
            event.detail = "forged";
        event.prev_hash = forged_prev;
        event.hash = audit::legacy_chain_hash(forged_prev, event);
        connection.session() << "UPDATE audit_event SET detail = :d, prev_hash = :p, hash = :h "
                                "WHERE id = :id",
            soci::use(event.detail), soci::use(event.prev_hash), soci::use(event.hash),
            soci::use(event.id);
        forged_prev = event.hash;
    }
    result = audit.verify();
    EXPECT_FALSE(result.ok);
    ASSERT_TRUE(result.first_broken_id.has_value());
    EXPECT_EQ(*result.first_broken_id, all[2].id);  // the anchored head no longer matches
}

}  // namespace
}  // namespace lianjian::testing
