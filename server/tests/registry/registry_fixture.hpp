#pragma once

// What the registry's write tests share: a demo server, the committee administrator signed in,
// and short ways to send JSON and to look at the audit trail.
#include "support/test_server.hpp"

#include <gtest/gtest.h>
#include <boost/json/serialize.hpp>

#include <string>

namespace lianjian::testing {

inline HttpResult put_json(HttpClient& client, const std::string& target,
                           const boost::json::object& body) {
    return client.request(
        "PUT", target, boost::json::serialize(body),
        {{"X-Requested-With", "XMLHttpRequest"}, {"Content-Type", "application/json"}});
}

inline HttpResult post_json(HttpClient& client, const std::string& target,
                            const boost::json::object& body) {
    return client.post(target, boost::json::serialize(body));
}

inline std::string error_field(const HttpResult& result) {
    const auto json = result.json();
    const auto* details = json.at("error").as_object().if_contains("details");
    if (!details || !details->as_object().contains("field")) {
        return {};
    }
    return std::string(details->at("field").as_string());
}

class RegistryWrite : public ::testing::Test {
  protected:
    void SetUp() override { ASSERT_EQ(admin.login("admin").status, 200); }

    // The audit events with this action, newest first.
    std::vector<audit::AuditEvent> audit_events(const std::string& action) {
        audit::AuditFilter filter;
        filter.action = action;
        filter.page_size = 200;
        return server.application().services().audit.list(filter).items;
    }

    long long unit_id(const std::string& name) {
        // The page is held here: a range-for over a temporary's member would outlive it.
        const auto units = server.application().services().registry.list_units({.page_size = 100});
        for (const auto& unit : units->items) {
            if (unit.name == name) {
                return unit.id;
            }
        }
        ADD_FAILURE() << "no unit " << name;
        return 0;
    }

    long long office_area_id(const std::string& name) {
        for (const auto& area :
             server.application().services().registry.list_office_areas().items) {
            if (area.name == name) {
                return area.id;
            }
        }
        ADD_FAILURE() << "no office area " << name;
        return 0;
    }

    long long strength_tag_id(const std::string& name) {
        for (const auto& tag :
             server.application().services().registry.list_strength_tags().items) {
            if (tag.name == name) {
                return tag.id;
            }
        }
        ADD_FAILURE() << "no strength tag " << name;
        return 0;
    }

    // Creates a unit as the committee and returns its JSON.
    boost::json::object create_unit(boost::json::object body) {
        const auto result = post_json(admin, "/api/v1/units", body);
        EXPECT_EQ(result.status, 201) << result.body;
        return result.status == 201 ? result.json().as_object() : boost::json::object{};
    }

    TestServer server;
    HttpClient admin{server.port()};
};

}  // namespace lianjian::testing
