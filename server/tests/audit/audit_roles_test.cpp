// Specification (PostgreSQL only): the server runs as a role that is not the tables' owner, with
// the grants docs/architecture.md ("Audit trail") gives it. Under that role the whole server
// works (migrations already applied by the owner, demo data, sign-in), and nothing it can do
// changes or removes an audit record: UPDATE, DELETE, TRUNCATE, disabling or dropping the
// triggers are each refused by PostgreSQL itself, and the chain still verifies afterwards.
#include "demo/demo_data.hpp"
#include "support/test_database.hpp"
#include "support/test_server.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <thread>

namespace lianjian::testing {
namespace {

class AuditAsApplicationRole : public ::testing::Test {
  protected:
    AuditAsApplicationRole() {
        // Given the owner's migrated database and a login role with exactly the documented grants,
        auto owner = test_database.open(1);
        storage::Connection connection(*owner);
        auto& session = connection.session();
        session << "DROP ROLE IF EXISTS " + role;
        session << "CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'";
        session << "GRANT CONNECT ON DATABASE " + database_name() + " TO " + role;
        session << "GRANT USAGE ON SCHEMA public TO " + role;
        session << "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + role;
        session << "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO " + role;
        session << "REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM " + role;
    }

    ~AuditAsApplicationRole() override {
        try {
            auto owner = test_database.open(1);
            storage::Connection connection(*owner);
            connection.session() << "DROP OWNED BY " + role;
            connection.session() << "DROP ROLE IF EXISTS " + role;
        } catch (...) {
            // The throwaway cluster goes with the run.
        }
    }

    std::string database_name() const {
        return test_database.url().substr(test_database.url().rfind('/') + 1);
    }

    // The URL the application role connects with (host and port from libpq's environment).
    std::string role_url() const {
        return "postgresql://" + role + ":" + password + "@/" + database_name();
    }

    // Runs one statement as the application role; returns PostgreSQL's refusal, or "" if it ran.
    std::string refusal_of(storage::Database& database, const std::string& sql) {
        try {
            storage::Connection connection(database);
            connection.session() << sql;
            return {};
        } catch (const std::exception& error) {
            return error.what();
        }
    }

    TestDatabase test_database{TestDatabase::Contents::migrated};
    std::string role = "lianjian_app_" + std::to_string(randombytes_uniform(1000000));
    std::string password = "App-Role-2026";
};

class ServerAsApplicationRole : public AuditAsApplicationRole {
  public:
    void TestBody() override;
};

void ServerAsApplicationRole::TestBody() {
    // When the server starts as that role, the demo data is loaded and an administrator signs in,
    app::Config config;
    config.database_url = role_url();
    config.data_dir = test_database.directory();
    config.limits.threads = 2;
    config.database_pool = 2;
    config.account_policy.hash_cost = accounts::HashCost::minimum;
    app::Application application(config);
    demo::load_demo(application.services(), demo_password);
    const auto port = application.listen("127.0.0.1", 0).port();
    std::thread serving([&] { application.run(false); });
    HttpClient client(port);
    const auto login = client.login("admin");
    const auto units = client.get("/api/v1/units?page_size=5");
    application.stop();
    serving.join();
    EXPECT_EQ(login.status, 200) << login.body;
    EXPECT_EQ(units.status, 200) << units.body;

    // then every way of changing or removing audit records is refused by PostgreSQL,
    auto& database = application.database();
    for (const std::string sql : {
             "UPDATE audit_event SET detail = 'forged' WHERE id = 1",
             "DELETE FROM audit_event WHERE id = 1",
             "TRUNCATE audit_event",
             "ALTER TABLE audit_event DISABLE TRIGGER USER",
             "ALTER TABLE audit_event DISABLE TRIGGER ALL",
             "DROP TRIGGER audit_event_no_update ON audit_event",
             "DROP TABLE audit_event",
             "INSERT INTO audit_event (id, seq, occurred_at, action, outcome, detail, prev_hash,"
             " hash) SELECT id, seq, occurred_at, action, outcome, 'forged', prev_hash, hash FROM"
             " audit_event WHERE id = 1 ON CONFLICT (id) DO UPDATE SET detail = 'forged'",
         }) {
        const auto refusal = refusal_of(database, sql);
        // by the role's privileges (checked before any trigger runs), not only by the triggers.
        EXPECT_TRUE(refusal.find("permission denied") != std::string::npos ||
                    refusal.find("must be owner") != std::string::npos)
            << sql << " → " << (refusal.empty() ? "ran as the application role" : refusal);
    }
    // and the chain the server wrote still verifies, every record there.
    const auto verified = application.services().audit.verify();
    EXPECT_TRUE(verified.ok) << verified.problem;
    EXPECT_GT(verified.checked, 1);
}

// Registered only where it means something: PostgreSQL roles and grants.
const bool registered = [] {
    if (dialect_under_test() == storage::Dialect::postgresql) {
        ::testing::RegisterTest(
            "AuditAsApplicationRole", "TheServerWorksAndCannotChangeTheTrail", nullptr, nullptr,
            __FILE__, __LINE__,
            []() -> AuditAsApplicationRole* { return new ServerAsApplicationRole(); });
    }
    return true;
}();

}  // namespace
}  // namespace lianjian::testing
