// Specification: audit records are kept at least 180 days (configurable, never shorter). A purge
// of older records refuses any date inside the retention window (and the refusal is audited);
// an allowed purge leaves an authenticated anchor from which `verify` starts, is itself audited,
// and keeps verification working; a forged anchor is caught; every other deletion of records or
// anchors is still refused by the storage triggers.
#include "audit/retention.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "storage/audit_repository.hpp"
#include "storage/migrations.hpp"
#include "support/test_database.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace lianjian::testing {
namespace {

class MovableTime : public TimeSource {
  public:
    TimePoint now() const override { return at_; }
    void set(const std::string& instant) { at_ = parse_timestamp(instant, "t"); }

  private:
    TimePoint at_ = parse_timestamp("2026-01-10T02:00:00Z", "t");
};

class AuditRetention : public ::testing::Test {
  protected:
    AuditRetention() {
        programme_clock::set_time_source(&time);
        storage::migrate(*database);
        audit.ensure_checkpoint();
        // Given three records in January and two in February 2026,
        for (const char* instant :
             {"2026-01-10T02:00:00Z", "2026-01-11T02:00:00Z", "2026-01-20T02:00:00Z",
              "2026-02-10T02:00:00Z", "2026-02-11T02:00:00Z"}) {
            time.set(instant);
            audit.record_alone({{1, "admin", "127.0.0.1"},
                                "test.event",
                                "test",
                                instant,
                                audit::Outcome::success,
                                "detail"});
        }
    }
    ~AuditRetention() override { programme_clock::set_time_source(nullptr); }

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

    audit::PurgeResult purge(const std::string& before, int days = 180) {
        return audit::purge_before(*database, audit, key, before, days,
                                   {std::nullopt, "cli:root", "local"});
    }

    MovableTime time;
    TestDatabase test_database;
    std::unique_ptr<storage::Database> database = test_database.open();
    audit::ChainKey key = audit::random_chain_key();
    std::filesystem::path checkpoint = test_database.directory() / "audit.checkpoint";
    audit::AuditLog audit{*database, key, checkpoint};
};

TEST(AuditRetentionDays, GivenFewerThan180Days_WhenChecked_ThenRefusedInChineseAndEnglish) {
    EXPECT_NO_THROW(audit::check_retention_days(180));
    EXPECT_NO_THROW(audit::check_retention_days(365));
    try {
        audit::check_retention_days(179);
        FAIL() << "179 days accepted";
    } catch (const AppError& error) {
        EXPECT_EQ(error.code(), ErrorCode::validation_failed);
        EXPECT_NE(std::string(error.what()).find("不得少于 180 天"), std::string::npos);
        EXPECT_NE(std::string(error.what()).find("at least 180 days"), std::string::npos);
    }
    EXPECT_EQ(audit::retention_start("2026-09-01", 180), "2026-03-05");
}

TEST_F(AuditRetention, GivenADateInsideTheWindow_WhenPurging_ThenRefusedNothingDeletedAndAudited) {
    // when it is 1 August 2026 (the window of 180 days starts on 2 February),
    time.set("2026-08-01T04:00:00Z");
    // then a purge before 1 March is refused, with the window's first date named,
    try {
        purge("2026-03-01");
        FAIL() << "a purge inside the retention window went through";
    } catch (const AppError& error) {
        EXPECT_EQ(error.code(), ErrorCode::validation_failed);
        EXPECT_NE(std::string(error.what()).find("2026-02-02"), std::string::npos) << error.what();
    }
    // and so is one under a retention set shorter than 180 days,
    EXPECT_THROW(purge("2026-01-15", 30), AppError);
    // nothing is deleted, the refusal is in the trail, and the chain verifies.
    const auto all = events();
    ASSERT_EQ(all.size(), 6u);
    EXPECT_EQ(all.back().action, "audit.purge");
    EXPECT_EQ(all.back().outcome, "failure");
    EXPECT_TRUE(audit.verify().ok);
}

TEST_F(AuditRetention, GivenOldRecords_WhenPurged_ThenAnchoredAuditedAndTheChainStillVerifies) {
    // When it is 1 September 2026 and the records before 1 February are purged,
    time.set("2026-09-01T04:00:00Z");
    const auto result = purge("2026-02-01");
    // then the three January records are gone, anchored at the third,
    EXPECT_EQ(result.purged, 3);
    EXPECT_EQ(result.through_seq, 3);
    const auto all = events();
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all.front().seq, 4);
    // the purge is itself a record, next in the chain, with what it did,
    EXPECT_EQ(all.back().action, "audit.purge");
    EXPECT_EQ(all.back().outcome, "success");
    EXPECT_EQ(all.back().seq, 6);
    const auto detail = boost::json::parse(all.back().detail).as_object();
    EXPECT_EQ(detail.at("purged").as_int64(), 3);
    EXPECT_EQ(detail.at("through_seq").as_int64(), 3);
    // and the chain verifies from the anchor, now and after further records.
    auto verification = audit.verify();
    EXPECT_TRUE(verification.ok) << verification.problem;
    EXPECT_EQ(verification.checked, 3);
    audit.record_alone(
        {{1, "admin", "127.0.0.1"}, "test.event", "test", "later", audit::Outcome::success, ""});
    verification = audit.verify();
    EXPECT_TRUE(verification.ok) << verification.problem;
    EXPECT_EQ(verification.checked, 4);
}

TEST_F(AuditRetention, GivenEveryRecordOld_WhenPurged_ThenTheChainGoesOnFromTheAnchor) {
    time.set("2027-06-01T04:00:00Z");
    const auto result = purge("2026-03-01");
    EXPECT_EQ(result.purged, 5);
    const auto all = events();
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all.front().seq, 6);
    EXPECT_EQ(all.front().prev_hash, result.hash);
    const auto verification = audit.verify();
    EXPECT_TRUE(verification.ok) << verification.problem;
}

TEST_F(AuditRetention, GivenNothingOldEnough_WhenPurged_ThenNothingChanges) {
    time.set("2026-09-01T04:00:00Z");
    EXPECT_EQ(purge("2026-01-01").purged, 0);
    EXPECT_EQ(events().size(), 5u);
    EXPECT_TRUE(audit.verify().ok);
}

TEST_F(AuditRetention, GivenAPurge_WhenTheAnchorIsForged_ThenVerifyCatchesIt) {
    time.set("2026-09-01T04:00:00Z");
    purge("2026-02-01");
    ASSERT_TRUE(audit.verify().ok);
    // When someone with the file deletes one more record and forges the anchor to match it,
    const auto all = events();
    if (test_database.dialect() == storage::Dialect::sqlite) {
        execute("DROP TRIGGER audit_event_no_delete");
        execute("DROP TRIGGER audit_anchor_no_update");
    } else {
        execute("ALTER TABLE audit_event DISABLE TRIGGER USER");
        execute("ALTER TABLE audit_anchor DISABLE TRIGGER USER");
    }
    execute("DELETE FROM audit_event WHERE seq = 4");
    execute("UPDATE audit_anchor SET through_seq = 4, hash = '" + all.front().hash + "'");
    // then verification fails at the anchor.
    const auto verification = audit.verify();
    EXPECT_FALSE(verification.ok);
    EXPECT_NE(verification.problem.find("锚点"), std::string::npos) << verification.problem;
}

TEST_F(AuditRetention, GivenAPurge_WhenTheAnchorIsRemoved_ThenVerifyCatchesIt) {
    time.set("2026-09-01T04:00:00Z");
    purge("2026-02-01");
    if (test_database.dialect() == storage::Dialect::sqlite) {
        execute("DROP TRIGGER audit_anchor_no_delete");
    } else {
        execute("ALTER TABLE audit_anchor DISABLE TRIGGER USER");
    }
    execute("DELETE FROM audit_anchor");
    const auto verification = audit.verify();
    EXPECT_FALSE(verification.ok);
    EXPECT_TRUE(verification.first_broken_id.has_value());
}

TEST_F(AuditRetention, GivenAPurge_WhenRecordsOrAnchorsAreDeletedOtherwise_ThenTheTriggersRefuse) {
    time.set("2026-09-01T04:00:00Z");
    purge("2026-02-01");
    // The purge put the append-only guard back: every other deletion is refused.
    EXPECT_ANY_THROW(execute("DELETE FROM audit_event WHERE seq = 4"));
    EXPECT_ANY_THROW(execute("DELETE FROM audit_event"));
    EXPECT_ANY_THROW(execute("DELETE FROM audit_anchor"));
    EXPECT_ANY_THROW(execute("UPDATE audit_anchor SET hash = 'x'"));
    if (test_database.dialect() == storage::Dialect::postgresql) {
        EXPECT_ANY_THROW(execute("TRUNCATE audit_event"));
        EXPECT_ANY_THROW(execute("TRUNCATE audit_anchor"));
    }
    EXPECT_EQ(events().size(), 3u);
    EXPECT_TRUE(audit.verify().ok);
}

}  // namespace
}  // namespace lianjian::testing
