// Specification: writers of the audit chain are serialised (SQLite's BEGIN IMMEDIATE, a
// PostgreSQL advisory lock), so concurrent writes all succeed and the chain stays whole.
#include "audit/audit_log.hpp"
#include "storage/migrations.hpp"
#include "support/test_database.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace lianjian::testing {
namespace {

TEST(ConcurrentWriters, FourThreadsOfTwentyFiveAuditRecordsAllLandInOneChain) {
    TestDatabase test_database;
    auto database = test_database.open(4);
    storage::migrate(*database);
    audit::AuditLog audit(*database);

    constexpr int threads = 4;
    constexpr int per_thread = 25;
    std::atomic<int> failures{0};
    std::vector<std::string> errors(threads);
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            for (int i = 0; i < per_thread; ++i) {
                try {
                    audit.record_alone({{t + 1, "writer" + std::to_string(t), "127.0.0.1"},
                                        "test.concurrent",
                                        "test",
                                        std::to_string(i),
                                        audit::Outcome::success,
                                        "n=" + std::to_string(i)});
                } catch (const std::exception& error) {
                    ++failures;
                    errors[t] = error.what();
                }
            }
        });
    }
    for (auto& worker : workers) {
        worker.join();
    }
    EXPECT_EQ(failures.load(), 0) << errors[0] << errors[1] << errors[2] << errors[3];

    storage::Connection connection(*database);
    long long count = 0;
    connection.session() << "SELECT COUNT(*) FROM audit_event", soci::into(count);
    EXPECT_EQ(count, threads * per_thread);
    const auto verification = audit.verify();
    EXPECT_TRUE(verification.ok) << "first broken id " << verification.first_broken_id.value_or(0);
    EXPECT_EQ(verification.checked, threads * per_thread);
    // No two records claim the same predecessor: the chain did not fork.
    long long distinct_prev = 0;
    connection.session() << "SELECT COUNT(DISTINCT prev_hash) FROM audit_event",
        soci::into(distinct_prev);
    EXPECT_EQ(distinct_prev, threads * per_thread);
}

}  // namespace
}  // namespace lianjian::testing
