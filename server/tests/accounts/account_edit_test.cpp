// Specification: the system administrator edits an account's display name, roles and unit
// (PATCH /api/v1/users/{id}, issue 9 "账号管理"): every problem of a request at once, 三员分立,
// a unit for a 单位管理员, nobody changes their own roles, a unit change ends a link to a party
// member of the old unit, and each edit is audited with what changed.
#include "support/test_server.hpp"

#include <gtest/gtest.h>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <set>

namespace lianjian::testing {
namespace {

class AccountEdit : public ::testing::Test {
  protected:
    void SetUp() override { ASSERT_EQ(sysadmin.login("sysadmin").status, 200); }

    long long id_of(HttpClient& client, const std::string& path, const std::string& key,
                    const std::string& value) {
        const auto page = client.get(path).json();
        for (const auto& item : page.at("items").as_array()) {
            if (item.at(key).as_string() == value) {
                return item.at("id").as_int64();
            }
        }
        ADD_FAILURE() << "nothing with " << key << " = " << value << " in " << path;
        return 0;
    }
    long long user_id(const std::string& username) {
        return id_of(sysadmin, "/api/v1/users?page_size=100", "username", username);
    }
    long long unit_id(const std::string& name) {
        HttpClient reader(server.port());
        reader.login("admin");
        return id_of(reader, "/api/v1/units?page_size=100", "name", name);
    }
    HttpResult patch(HttpClient& client, long long id, const boost::json::object& body) {
        return client.request(
            "PATCH", "/api/v1/users/" + std::to_string(id), boost::json::serialize(body),
            {{"Content-Type", "application/json"}, {"X-Requested-With", "XMLHttpRequest"}});
    }
    std::set<std::string> problem_fields(const HttpResult& result) {
        std::set<std::string> fields;
        const auto details = result.json().at("error").at("details").as_object();
        if (const auto* list = details.if_contains("fields")) {
            for (const auto& item : list->as_array()) {
                fields.emplace(item.at("field").as_string());
            }
        } else if (const auto* field = details.if_contains("field")) {
            fields.emplace(field->as_string());
        }
        return fields;
    }
    // The audit records of `action` on the account, newest first.
    std::vector<boost::json::object> audit_of(const std::string& action, long long id) {
        HttpClient auditor(server.port());
        auditor.login("auditor");
        std::vector<boost::json::object> found;
        const auto page = auditor.get("/api/v1/audit-events?page_size=100&action=" + action).json();
        for (const auto& event : page.at("items").as_array()) {
            const auto& object = event.as_object();
            if (object.at("object_id").as_string() == std::to_string(id)) {
                found.push_back(object);
            }
        }
        return found;
    }

    TestServer server;
    HttpClient sysadmin{server.port()};
};

TEST_F(AccountEdit, TheNameRolesAndUnitChangeAndTheChangesAreAudited) {
    // Given the viewer account,
    const auto viewer = user_id("viewer");
    const auto shenji = unit_id("区审计局");
    // when the system administrator renames it, makes it a unit admin and gives it a unit,
    const auto edited = patch(sysadmin, viewer,
                              {{"display_name", "  审计局联络员 "},
                               {"roles", boost::json::array{"unit_admin"}},
                               {"unit_id", shenji}});
    // then the account says so (the name normalised),
    ASSERT_EQ(edited.status, 200) << edited.body;
    const auto user = edited.json().as_object();
    EXPECT_EQ(user.at("display_name").as_string(), "审计局联络员");
    EXPECT_EQ(user.at("roles").as_array().size(), 1u);
    EXPECT_EQ(user.at("roles").at(0).as_string(), "unit_admin");
    EXPECT_EQ(user.at("unit_id").as_int64(), shenji);
    // and the audit trail holds one user.update with every changed field and its values.
    const auto records = audit_of("user.update", viewer);
    ASSERT_EQ(records.size(), 1u);
    const auto detail = boost::json::parse(records[0].at("detail").as_string()).as_object();
    std::set<std::string> fields;
    for (const auto& change : detail.at("changes").as_array()) {
        fields.emplace(change.at("field").as_string());
    }
    EXPECT_EQ(fields, (std::set<std::string>{"display_name", "roles", "unit_id"}));
}

TEST_F(AccountEdit, AFieldLeftOutStaysAndNullRemovesTheUnit) {
    const auto viewer = user_id("viewer");
    const auto shenji = unit_id("区审计局");
    ASSERT_EQ(patch(sysadmin, viewer, {{"unit_id", shenji}}).status, 200);
    const auto cleared = patch(sysadmin, viewer, {{"unit_id", nullptr}});
    ASSERT_EQ(cleared.status, 200) << cleared.body;
    EXPECT_TRUE(cleared.json().at("unit_id").is_null());
    EXPECT_EQ(cleared.json().at("display_name").as_string(),
              sysadmin.get("/api/v1/users/" + std::to_string(viewer)).json().at("display_name"));
    // An edit that changes nothing writes no audit record.
    const auto before = audit_of("user.update", viewer).size();
    ASSERT_EQ(patch(sysadmin, viewer, {}).status, 200);
    EXPECT_EQ(audit_of("user.update", viewer).size(), before);
}

TEST_F(AccountEdit, EveryProblemIsReportedAtOnce) {
    // Given a blank name, two duties in one account (三员分立) and a unit that does not exist,
    const auto viewer = user_id("viewer");
    const auto refused = patch(sysadmin, viewer,
                               {{"display_name", "\u3000"},
                                {"roles", boost::json::array{"system_admin", "auditor"}},
                                {"unit_id", 999999}});
    // then one 422 names all three fields,
    ASSERT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(problem_fields(refused), (std::set<std::string>{"display_name", "roles", "unit_id"}));
    // and nothing changed.
    const auto after = sysadmin.get("/api/v1/users/" + std::to_string(viewer)).json();
    EXPECT_EQ(after.at("roles").at(0).as_string(), "viewer");
    // No role at all and a unit admin without a unit are refused the same way.
    EXPECT_EQ(problem_fields(patch(sysadmin, viewer, {{"roles", boost::json::array{}}})),
              (std::set<std::string>{"roles"}));
    const auto no_unit = patch(sysadmin, viewer,
                               {{"roles", boost::json::array{"unit_admin"}}, {"unit_id", nullptr}});
    EXPECT_EQ(no_unit.status, 422);
    EXPECT_EQ(problem_fields(no_unit), (std::set<std::string>{"unit_id"}));
    // An unknown role is named.
    EXPECT_EQ(problem_fields(patch(sysadmin, viewer, {{"roles", boost::json::array{"king"}}})),
              (std::set<std::string>{"roles"}));
}

TEST_F(AccountEdit, NobodyChangesTheirOwnRolesAndTheRefusalIsAudited) {
    const auto self = user_id("sysadmin");
    const auto refused =
        patch(sysadmin, self, {{"roles", boost::json::array{"system_admin", "viewer"}}});
    ASSERT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(refused.json().at("error").at("details").at("reason").as_string(), "own_roles");
    const auto records = audit_of("user.update", self);
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].at("outcome").as_string(), "failure");
    // Their own display name they may change.
    EXPECT_EQ(patch(sysadmin, self, {{"display_name", "系统管理员（张）"}}).status, 200);
}

TEST_F(AccountEdit, OnlyTheSystemAdministratorEditsAccounts) {
    HttpClient committee(server.port());
    ASSERT_EQ(committee.login("admin").status, 200);
    EXPECT_EQ(patch(committee, user_id("viewer"), {{"display_name", "x"}}).status, 403);
    EXPECT_EQ(patch(sysadmin, 999999, {{"display_name", "x"}}).status, 404);
}

}  // namespace
}  // namespace lianjian::testing
