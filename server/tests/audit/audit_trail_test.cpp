// Specification: every security-relevant action leaves one audit record naming who, from where,
// what and with what outcome; no record holds a password; the chain of hashes verifies.
#include "audit/audit_log.hpp"
#include "support/test_server.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace lianjian::testing {
namespace {

class AuditTrail : public ::testing::Test {
  protected:
    std::vector<audit::AuditEvent> all_events() {
        audit::AuditFilter filter;
        filter.page_size = 100000;
        return server.application().services().audit.list(filter).items;
    }

    long long count_events() {
        storage::Connection connection(server.application().database());
        long long count = 0;
        connection.session() << "SELECT COUNT(*) FROM audit_event", soci::into(count);
        return count;
    }

    // The events with this action, outcome and username.
    std::vector<audit::AuditEvent> find(const std::string& action, const std::string& outcome,
                                        const std::string& username) {
        std::vector<audit::AuditEvent> found;
        for (auto& event : all_events()) {
            if (event.action == action && event.outcome == outcome && event.username == username) {
                found.push_back(event);
            }
        }
        return found;
    }

    long long create_user(const std::string& username, const std::string& password) {
        const auto result = sysadmin.post(
            "/api/v1/users",
            R"({"username":")" + username + R"(","display_name":"测试","roles":["viewer"],)" +
                R"("password":")" + password + R"(","must_change_password":false})");
        EXPECT_EQ(result.status, 201) << result.body;
        return result.json().at("id").as_int64();
    }

    TestServer server;
    HttpClient sysadmin{server.port()};
};

TEST_F(AuditTrail, EachSecurityActionIsRecordedWithoutAnyPassword) {
    std::vector<std::string> passwords_used = {demo_password};
    auto use = [&](const std::string& password) {
        passwords_used.push_back(password);
        return password;
    };
    const auto signed_in = sysadmin.login("sysadmin");  // auth.login success
    ASSERT_EQ(signed_in.status, 200);
    const long long sysadmin_id = signed_in.json().at("user").at("id").as_int64();

    // A failed sign-in and a sign-in to an unknown account.
    HttpClient anonymous{server.port()};
    EXPECT_EQ(anonymous.login("admin", use("Wrong-Admin-Pass-1")).status, 401);
    EXPECT_EQ(anonymous.login("ghost_user", use("Ghost-Pass-1")).status, 401);

    // user.create, then the new user's password change and sign-out.
    const long long zhang = create_user("zhangsan", use("Initial-Pass-77"));
    HttpClient zhangsan{server.port()};
    ASSERT_EQ(zhangsan.login("zhangsan", "Initial-Pass-77").status, 200);
    EXPECT_EQ(zhangsan
                  .post("/api/v1/auth/password", R"({"current_password":")" + use("Not-Current-9") +
                                                     R"(","new_password":")" +
                                                     use("Never-Set-Pass-3") + R"("})")
                  .status,
              422);
    ASSERT_EQ(zhangsan
                  .post("/api/v1/auth/password",
                        R"({"current_password":"Initial-Pass-77","new_password":")" +
                            use("Changed-Pass-88") + R"("})")
                  .status,
              204);
    ASSERT_EQ(zhangsan.login("zhangsan", "Changed-Pass-88").status, 200);
    ASSERT_EQ(zhangsan.post("/api/v1/auth/logout").status, 204);

    // Administration: reset, lock, unlock, disable.
    const auto target = "/api/v1/users/" + std::to_string(zhang);
    const auto reset = sysadmin.post(target + "/password-reset");
    ASSERT_EQ(reset.status, 200);
    use(std::string(reset.json().at("generated_password").as_string()));
    ASSERT_EQ(sysadmin.post(target + "/lock").status, 200);
    ASSERT_EQ(sysadmin.post(target + "/unlock").status, 200);
    ASSERT_EQ(sysadmin.post(target + "/disable").status, 200);

    // A lockout of another account.
    create_user("lisi", use("Li-Si-Pass-2026"));
    HttpClient lisi{server.port()};
    for (int i = 0; i < 5; ++i) {
        lisi.login("lisi", use("Li-Si-Wrong-" + std::to_string(i)));
    }

    struct Expected {
        const char* action;
        const char* outcome;
        const char* username;
    };
    const Expected expected[] = {
        {"auth.login", "success", "sysadmin"},
        {"auth.login", "failure", "admin"},
        {"auth.login", "failure", "ghost_user"},
        {"auth.login", "success", "zhangsan"},
        {"auth.password_change", "failure", "zhangsan"},
        {"auth.password_change", "success", "zhangsan"},
        {"auth.logout", "success", "zhangsan"},
        {"user.create", "success", "sysadmin"},
        {"user.password_reset", "success", "sysadmin"},
        {"user.lock", "success", "sysadmin"},
        {"user.unlock", "success", "sysadmin"},
        {"user.disable", "success", "sysadmin"},
        {"auth.lockout", "success", "lisi"},
        {"auth.login", "failure", "lisi"},
    };
    for (const auto& want : expected) {
        const auto found = find(want.action, want.outcome, want.username);
        ASSERT_FALSE(found.empty()) << want.action << " " << want.outcome << " " << want.username;
        for (const auto& event : found) {
            EXPECT_EQ(event.source_ip, "127.0.0.1") << want.action;
            EXPECT_FALSE(event.occurred_at.empty());
        }
    }
    // Administrative actions name the account they acted on.
    for (const char* action : {"user.password_reset", "user.lock", "user.unlock", "user.disable"}) {
        const auto found = find(action, "success", "sysadmin");
        ASSERT_EQ(found.size(), 1u) << action;
        EXPECT_EQ(found[0].object_type, "user");
        EXPECT_EQ(found[0].object_id, std::to_string(zhang)) << action;
        EXPECT_EQ(found[0].user_id, sysadmin_id);
    }
    // Exactly one lockout and five failures for lisi.
    EXPECT_EQ(find("auth.lockout", "success", "lisi").size(), 1u);
    EXPECT_EQ(find("auth.login", "failure", "lisi").size(), 5u);
    // A failure of an unknown account has no user id.
    EXPECT_FALSE(find("auth.login", "failure", "ghost_user")[0].user_id.has_value());

    // No field of any record holds a password that was used.
    for (const auto& event : all_events()) {
        for (const auto& password : passwords_used) {
            for (const auto* field : {&event.detail, &event.username, &event.object_id,
                                      &event.object_type, &event.action}) {
                EXPECT_EQ(field->find(password), std::string::npos)
                    << "event " << event.id << " (" << event.action << ") holds a password";
            }
        }
    }

    // The chain verifies over every record.
    const auto verification = server.application().services().audit.verify();
    EXPECT_TRUE(verification.ok);
    EXPECT_EQ(verification.checked, count_events());
    EXPECT_FALSE(verification.first_broken_id.has_value());
}

TEST_F(AuditTrail, AFailedWriteLeavesNoRecord) {
    ASSERT_EQ(sysadmin.login("sysadmin").status, 200);
    const auto before = find("user.create", "success", "sysadmin").size();
    const auto events_before = count_events();
    // Given an existing username, when the system administrator creates it again,
    const auto result = sysadmin.post(
        "/api/v1/users", R"({"username":"admin","display_name":"重复","roles":["viewer"]})");
    // then the answer is 409 and neither an account nor an audit record was written.
    EXPECT_EQ(result.status, 409);
    EXPECT_EQ(result.error_code(), "conflict");
    EXPECT_EQ(find("user.create", "success", "sysadmin").size(), before);
    EXPECT_EQ(count_events(), events_before);
    EXPECT_TRUE(server.application().services().audit.verify().ok);
}

TEST_F(AuditTrail, AnInvalidRequestLeavesNoRecord) {
    ASSERT_EQ(sysadmin.login("sysadmin").status, 200);
    const auto events_before = count_events();
    // A unit that does not exist is found inside the transaction, after the checks.
    const auto result = sysadmin.post(
        "/api/v1/users",
        R"({"username":"orphan","display_name":"无单位","roles":["unit_admin"],"unit_id":999999})");
    EXPECT_EQ(result.status, 422);
    EXPECT_EQ(count_events(), events_before);
}

TEST_F(AuditTrail, DemoLoadIsRecorded) {
    EXPECT_EQ(find("demo.load", "success", "system").size(), 1u);
    const auto verification = server.application().services().audit.verify();
    EXPECT_TRUE(verification.ok);
    EXPECT_EQ(verification.checked, count_events());
}

TEST(AuditChainHash, DependsOnTheKeyEveryFieldAndThePreviousHash) {
    audit::AuditEvent event;
    event.occurred_at = "2026-11-27T08:00:00.000Z";
    event.user_id = 7;
    event.username = "admin";
    event.source_ip = "127.0.0.1";
    event.action = "user.create";
    event.object_type = "user";
    event.object_id = "9";
    event.outcome = "success";
    event.detail = "username=x";
    const std::string prev(64, '0');
    const auto key = audit::random_chain_key();
    event.seq = 4;
    const auto base = audit::chain_hash(key, prev, event);
    // The hash is keyed, and covers the record's place in the chain.
    EXPECT_NE(base, audit::chain_hash(audit::random_chain_key(), prev, event));
    EXPECT_NE(base, audit::legacy_chain_hash(prev, event));
    auto moved = event;
    moved.seq = 5;
    EXPECT_NE(base, audit::chain_hash(key, prev, moved));
    EXPECT_EQ(base.size(), 64u);
    EXPECT_EQ(base, audit::chain_hash(key, prev, event));
    EXPECT_NE(base, audit::chain_hash(key, std::string(64, '1'), event));
    auto changed = event;
    changed.detail = "username=y";
    EXPECT_NE(base, audit::chain_hash(key, prev, changed));
    changed = event;
    changed.user_id.reset();
    EXPECT_NE(base, audit::chain_hash(key, prev, changed));
    changed = event;
    changed.outcome = "failure";
    EXPECT_NE(base, audit::chain_hash(key, prev, changed));
    // Moving text from one field to the next changes the hash.
    changed = event;
    changed.object_type = "use";
    changed.object_id = "r9";
    EXPECT_NE(base, audit::chain_hash(key, prev, changed));
}

}  // namespace
}  // namespace lianjian::testing
