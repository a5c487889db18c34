#pragma once

// What the alliance, application and inbox specifications share: a demo server with the
// committee administrator signed in, free units (every demo unit is in an alliance) with their
// own unit administrators, and short ways to send JSON, to read the audit trail and to look at
// memberships as the database holds them.
#include "accounts/account_service.hpp"
#include "core/clock.hpp"
#include "storage/database.hpp"
#include "support/test_server.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace lianjian::testing::alliance_support {

inline HttpResult put_body(HttpClient& client, const std::string& target,
                           const boost::json::object& body) {
    return client.request(
        "PUT", target, boost::json::serialize(body),
        {{"X-Requested-With", "XMLHttpRequest"}, {"Content-Type", "application/json"}});
}

inline HttpResult post_body(HttpClient& client, const std::string& target,
                            const boost::json::object& body) {
    return client.post(target, boost::json::serialize(body));
}

// error.details.field of an error answer, or "".
inline std::string field_of(const HttpResult& result) {
    boost::system::error_code error;
    auto value = boost::json::parse(result.body, error);
    if (error || !value.is_object() || !value.as_object().contains("error")) {
        return {};
    }
    const auto* details = value.at("error").as_object().if_contains("details");
    if (!details || !details->is_object() || !details->as_object().contains("field")) {
        return {};
    }
    return std::string(details->at("field").as_string());
}

inline int current_year() {
    return std::stoi(today_date().substr(0, 4));
}

inline std::string str(const boost::json::value& value) {
    return std::string(value.as_string());
}

// The unit ids of an alliance JSON's `members`, in the order given.
inline std::vector<long long> member_ids(const boost::json::value& alliance) {
    std::vector<long long> ids;
    for (const auto& member : alliance.at("members").as_array()) {
        ids.push_back(member.at("unit").at("id").as_int64());
    }
    return ids;
}

inline std::vector<long long> int_array(const boost::json::value& array) {
    std::vector<long long> ids;
    for (const auto& item : array.as_array()) {
        ids.push_back(item.as_int64());
    }
    return ids;
}

inline bool contains(const std::vector<long long>& ids, long long id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

class AllianceFixture : public ::testing::Test {
  protected:
    void SetUp() override { ASSERT_EQ(admin.login("admin").status, 200); }

    app::Services& services() { return server.application().services(); }

    long long unit_id(const std::string& name) {
        const auto units = services().registry.list_units({.page_size = 100});
        for (const auto& unit : units->items) {
            if (unit.name == name) {
                return unit.id;
            }
        }
        ADD_FAILURE() << "no unit " << name;
        return 0;
    }

    long long office_area_id(const std::string& name) {
        for (const auto& area : services().registry.list_office_areas().items) {
            if (area.name == name) {
                return area.id;
            }
        }
        ADD_FAILURE() << "no office area " << name;
        return 0;
    }

    long long alliance_id(const std::string& name) {
        for (const auto& alliance : services().alliances.list(today_date())) {
            if (alliance.name == name) {
                return alliance.id;
            }
        }
        ADD_FAILURE() << "no alliance " << name;
        return 0;
    }

    // A unit in no alliance, created by the committee.
    long long new_unit(const std::string& name, const std::string& area = "人防大楼办公区") {
        registry::UnitInput input;
        input.name = name;
        input.office_area_id = office_area_id(area);
        return services().registry.create_unit({std::nullopt, "system", ""}, input).id;
    }

    long long new_account(const std::string& username, accounts::Role role,
                          std::optional<long long> unit) {
        accounts::NewUser request;
        request.username = username;
        request.display_name = username + "（测试）";
        request.roles = {role};
        request.unit_id = unit;
        request.password = demo_password;
        request.must_change_password = false;
        // Like the demo accounts it stands beside: no forced second factor
        // (accounts/second_factor_*).
        request.policy_exempt = true;
        return services().accounts.create_user({std::nullopt, "system", ""}, request).user.id;
    }

    HttpClient signed_in(const std::string& username) {
        HttpClient client(server.port());
        EXPECT_EQ(client.login(username).status, 200) << username;
        return client;
    }

    // The committee acting through the services directly.
    accounts::Caller committee() {
        return {{admin_user_id(), "admin", "127.0.0.1"},
                {accounts::Role::committee_admin},
                std::nullopt};
    }

    long long admin_user_id() {
        storage::Connection connection(services().database);
        long long id = 0;
        connection.session() << "SELECT id FROM app_user WHERE username = 'admin'", soci::into(id);
        return id;
    }

    boost::json::value alliance_json(long long id, const std::string& on = "") {
        const auto result =
            admin.get("/api/v1/alliances/" + std::to_string(id) + (on.empty() ? "" : "?on=" + on));
        EXPECT_EQ(result.status, 200) << result.body;
        return result.json();
    }

    boost::json::value rotation_json(long long id, int year) {
        const auto result = admin.get("/api/v1/alliances/" + std::to_string(id) +
                                      "/rotation?year=" + std::to_string(year));
        EXPECT_EQ(result.status, 200) << result.body;
        return result.json();
    }

    // Memberships of a unit with no left_on, as stored.
    long long open_memberships(long long unit) {
        storage::Connection connection(services().database);
        long long count = 0;
        connection.session()
            << "SELECT COUNT(*) FROM alliance_membership WHERE unit_id = :u AND left_on IS NULL",
            soci::use(unit), soci::into(count);
        return count;
    }

    long long memberships_of(long long unit) {
        storage::Connection connection(services().database);
        long long count = 0;
        connection.session() << "SELECT COUNT(*) FROM alliance_membership WHERE unit_id = :u",
            soci::use(unit), soci::into(count);
        return count;
    }

    long long alliance_count() {
        storage::Connection connection(services().database);
        long long count = 0;
        connection.session() << "SELECT COUNT(*) FROM alliance", soci::into(count);
        return count;
    }

    // The audit events with this action, newest first.
    std::vector<audit::AuditEvent> audit_events(const std::string& action) {
        audit::AuditFilter filter;
        filter.action = action;
        filter.page_size = 500;
        return services().audit.list(filter).items;
    }

    std::vector<audit::AuditEvent> audit_events(const std::string& action,
                                                const std::string& object_id) {
        std::vector<audit::AuditEvent> found;
        for (auto& event : audit_events(action)) {
            if (event.object_id == object_id) {
                found.push_back(std::move(event));
            }
        }
        return found;
    }

    TestServer server;
    HttpClient admin{server.port()};
};

}  // namespace lianjian::testing::alliance_support
