// Specification: changes of configuration, roles and account state are audited like data changes,
// with {"changes":[{"field","old","new"}]}: the server's effective configuration when it differs
// from the last audited one, an account's roles when it is created, its lock and disable state
// when it changes. (A retention shorter than 180 days stopping the server: cli_test.sh.)
#include "app/configuration_audit.hpp"
#include "core/error.hpp"
#include "support/test_server.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace lianjian::testing {
namespace {

class ConfigurationAudit : public ::testing::Test {
  protected:
    app::Services& services() { return server.application().services(); }

    std::vector<audit::AuditEvent> records(const std::string& action) {
        audit::AuditFilter filter;
        filter.action = action;
        filter.page_size = 200;
        return services().audit.list(filter).items;  // newest first
    }

    static boost::json::array changes_of(const audit::AuditEvent& event) {
        return boost::json::parse(event.detail).as_object().at("changes").as_array();
    }

    static const boost::json::object* change(const boost::json::array& changes,
                                             const std::string& field) {
        for (const auto& entry : changes) {
            if (entry.at("field").as_string() == field) {
                return &entry.as_object();
            }
        }
        return nullptr;
    }

    // What `lianjian serve` does at start.
    bool record(int retention_days) {
        app::Config config;
        config.data_dir = services().attachments.store().directory().parent_path();
        return app::record_configuration(services().database, services().audit,
                                         app::effective_configuration(config, retention_days));
    }

    TestServer server;
};

TEST_F(ConfigurationAudit,
       GivenAStart_WhenTheConfigurationIsNewOrChanged_ThenItIsAuditedWithChanges) {
    // The first start records every setting as a change from nothing,
    ASSERT_TRUE(record(180));
    auto events = records("system.config");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].object_type, "system");
    const auto first = changes_of(events[0]);
    const auto* retention = change(first, "audit_retention_days");
    ASSERT_NE(retention, nullptr);
    EXPECT_TRUE(retention->at("old").is_null());
    EXPECT_EQ(retention->at("new").as_int64(), 180);
    // a start with the same configuration records nothing,
    EXPECT_FALSE(record(180));
    EXPECT_EQ(records("system.config").size(), 1u);
    // and a changed setting is recorded with its old and new value only.
    auto configuration =
        boost::json::parse(events[0].detail).as_object().at("configuration").as_object();
    configuration["audit_retention_days"] = 365;
    configuration["lockout_seconds"] = 1800;
    ASSERT_TRUE(app::record_configuration(services().database, services().audit, configuration));
    events = records("system.config");
    ASSERT_EQ(events.size(), 2u);
    const auto second = changes_of(events[0]);
    EXPECT_EQ(second.size(), 2u) << events[0].detail;
    ASSERT_NE(change(second, "audit_retention_days"), nullptr);
    EXPECT_EQ(change(second, "audit_retention_days")->at("old").as_int64(), 180);
    EXPECT_EQ(change(second, "audit_retention_days")->at("new").as_int64(), 365);
    ASSERT_NE(change(second, "lockout_seconds"), nullptr);
    EXPECT_EQ(change(second, "lockout_seconds")->at("new").as_int64(), 1800);
}

TEST_F(ConfigurationAudit, GivenTheConfiguration_ThenItHoldsNoCredentials) {
    app::Config config;
    config.database_url = "postgresql://lianjian:s3cret@db.example/lianjian";
    const auto configuration = app::effective_configuration(config, 200);
    EXPECT_EQ(configuration.at("audit_retention_days").as_int64(), 200);
    EXPECT_EQ(configuration.at("database").as_string(), "postgresql://db.example/lianjian");
}

TEST_F(ConfigurationAudit, GivenANewAccount_ThenItsRolesAreAuditedAsAChange) {
    const audit::Actor actor{std::nullopt, "cli:root", "local"};
    accounts::NewUser request{"roles_probe",
                              "角色",
                              {accounts::Role::viewer},
                              std::nullopt,
                              std::string("Probe-Pass-2026"),
                              false};
    const auto created = services().accounts.create_user(actor, request);
    const auto events = records("user.create");
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events[0].object_id, std::to_string(created.user.id));
    const auto changes = changes_of(events[0]);
    ASSERT_NE(change(changes, "roles"), nullptr);
    EXPECT_TRUE(change(changes, "roles")->at("old").is_null());
    // The roles as codes, one per role, so the audit page labels each (角色：领导查看).
    const auto& roles = change(changes, "roles")->at("new").as_array();
    ASSERT_EQ(roles.size(), 1u);
    EXPECT_EQ(roles.at(0).as_string(), "viewer");
}

TEST_F(ConfigurationAudit, GivenAnAccount_WhenLockedDisabledAndBack_ThenEachStateChangeIsAudited) {
    const audit::Actor actor{std::nullopt, "cli:root", "local"};
    accounts::NewUser request{"state_probe",
                              "状态",
                              {accounts::Role::viewer},
                              std::nullopt,
                              std::string("Probe-Pass-2026"),
                              false};
    const auto id = services().accounts.create_user(actor, request).user.id;
    const std::vector<std::tuple<accounts::AccountChange, std::string, std::string, bool>> steps = {
        {accounts::AccountChange::lock, "user.lock", "locked", true},
        {accounts::AccountChange::unlock, "user.unlock", "locked", false},
        {accounts::AccountChange::disable, "user.disable", "disabled", true},
        {accounts::AccountChange::enable, "user.enable", "disabled", false}};
    for (const auto& [step, action, field, now] : steps) {
        services().accounts.change_account(actor, id, step);
        const auto events = records(action);
        ASSERT_FALSE(events.empty()) << action;
        const auto changes = changes_of(events[0]);
        ASSERT_EQ(changes.size(), 1u) << events[0].detail;
        EXPECT_EQ(changes[0].at("field").as_string(), field);
        EXPECT_EQ(changes[0].at("old").as_bool(), !now);
        EXPECT_EQ(changes[0].at("new").as_bool(), now);
    }
}

}  // namespace
}  // namespace lianjian::testing
