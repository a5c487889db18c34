// Specification: every list answers one page envelope `{items,total}` with its true total and
// honours `page`/`page_size` on both databases; query parameters are read by one set of rules
// (unknown booleans, enum codes and impossible dates are 422 naming the parameter); references
// are `{"id","name"}`; notifications and to-dos give `object_id` as a number.
#include "alliances/alliance_fixture.hpp"

#include <set>

namespace lianjian::testing {
namespace {

using namespace alliance_support;

class ListPages : public AllianceFixture {
  protected:
    // Three free units, each with its administrator, each asking to join 第三联盟, whose lead
    // unit (区委编办) then has three applications to consult.
    void join_three() {
        const auto third = alliance_id("第三联盟");
        for (int i = 1; i <= 3; ++i) {
            const auto unit = new_unit("区测试单位" + std::to_string(i));
            const auto username = "pages_admin" + std::to_string(i);
            new_account(username, accounts::Role::unit_admin, unit);
            auto client = signed_in(username);
            const auto result = post_body(client, "/api/v1/applications",
                                          {{"kind", "join"},
                                           {"unit_id", unit},
                                           {"alliance_id", third},
                                           {"reason", "办公地点相邻"}});
            ASSERT_EQ(result.status, 201) << result.body;
        }
    }

    // Walks `route` in pages of about a third of its length, one page past the end: each page
    // holds what is left up to the page size, no item comes twice, every page states the same
    // total, and the page after the last is empty.
    static void walk(HttpClient& client, const std::string& route) {
        const auto separator = route.find('?') == std::string::npos ? "?" : "&";
        const auto first = client.get(route + separator + "page_size=1");
        ASSERT_EQ(first.status, 200) << route << " " << first.body;
        const auto total = first.json().at("total").as_int64();
        ASSERT_GE(total, 2) << route << ": a walk needs two items at least";
        const long long size = std::min<long long>(100, std::max<long long>(1, total / 3));
        const long long pages = (total + size - 1) / size;
        std::set<std::string> seen;
        for (long long page = 1; page <= pages + 1; ++page) {
            const auto result = client.get(route + separator + "page_size=" + std::to_string(size) +
                                           "&page=" + std::to_string(page));
            ASSERT_EQ(result.status, 200) << route << " page " << page;
            const auto json = result.json();
            EXPECT_EQ(json.at("total").as_int64(), total) << route << " page " << page;
            const auto& items = json.at("items").as_array();
            const long long expected =
                std::max<long long>(0, std::min(size, total - (page - 1) * size));
            EXPECT_EQ(static_cast<long long>(items.size()), expected) << route << " page " << page;
            for (const auto& item : items) {
                EXPECT_TRUE(seen.insert(boost::json::serialize(item)).second)
                    << route << " repeats an item on page " << page;
            }
        }
        EXPECT_EQ(static_cast<long long>(seen.size()), total) << route;
    }
};

TEST_F(ListPages, EveryListRouteWalksPastItsPageSize) {
    // Given three applications waiting on 区委编办, and the demo data,
    join_three();
    auto lead = signed_in("bianban_admin");
    auto sysadmin = signed_in("sysadmin");
    auto auditor = signed_in("auditor");
    // then every list route pages one item at a time with its true total.
    for (const char* route : {"/api/v1/office-areas", "/api/v1/strength-tags", "/api/v1/units",
                              "/api/v1/alliances", "/api/v1/applications", "/api/v1/members",
                              "/api/v1/applications?kind=join&state=consulting"}) {
        walk(admin, route);
    }
    walk(sysadmin, "/api/v1/users");
    walk(auditor, "/api/v1/audit-events");
    walk(lead, "/api/v1/todos");
    walk(lead, "/api/v1/notifications");
    walk(lead, "/api/v1/applications");
}

TEST_F(ListPages, ApplicationsBeyondOnePageAreAllReachable) {
    // Given 21 applications of one unit (each withdrawn before the next),
    const auto unit = new_unit("区测试单位");
    new_account("pages_admin", accounts::Role::unit_admin, unit);
    auto applicant = signed_in("pages_admin");
    const auto third = alliance_id("第三联盟");
    long long first_id = 0;
    for (int i = 0; i < 21; ++i) {
        const auto result = post_body(applicant, "/api/v1/applications",
                                      {{"kind", "join"},
                                       {"unit_id", unit},
                                       {"alliance_id", third},
                                       {"reason", "办公地点相邻"}});
        ASSERT_EQ(result.status, 201) << result.body;
        const auto id = result.json().at("id").as_int64();
        first_id = first_id == 0 ? id : first_id;
        ASSERT_EQ(applicant.post("/api/v1/applications/" + std::to_string(id) + "/withdraw").status,
                  200);
    }
    // when the committee lists them with the default page size (20),
    const auto page_one = admin.get("/api/v1/applications");
    ASSERT_EQ(page_one.status, 200) << page_one.body;
    // then the total is all 21, the first page holds 20, newest first,
    EXPECT_EQ(page_one.json().at("total").as_int64(), 21);
    EXPECT_EQ(page_one.json().at("items").as_array().size(), 20u);
    // and the second page holds the oldest.
    const auto page_two = admin.get("/api/v1/applications?page=2");
    ASSERT_EQ(page_two.status, 200);
    const auto page_two_json = page_two.json();
    const auto& items = page_two_json.at("items").as_array();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].at("id").as_int64(), first_id);
    EXPECT_EQ(items[0].at("state").as_string(), "withdrawn");
}

TEST_F(ListPages, QueryParametersFollowOneSetOfRules) {
    // Booleans: true/false/1/0 everywhere; anything else is a 422 naming the parameter.
    for (const char* route : {"/api/v1/applications?mine=yes", "/api/v1/members?active=maybe",
                              "/api/v1/units?active=on", "/api/v1/notifications?unread=yes"}) {
        const auto result = admin.get(route);
        EXPECT_EQ(result.status, 422) << route << " " << result.body;
        EXPECT_EQ(result.error_code(), "validation_failed") << route;
    }
    EXPECT_EQ(field_of(admin.get("/api/v1/applications?mine=yes")), "mine");
    for (const char* route :
         {"/api/v1/applications?mine=1", "/api/v1/units?active=0", "/api/v1/members?active=true",
          "/api/v1/notifications?unread=false"}) {
        EXPECT_EQ(admin.get(route).status, 200) << route;
    }
    // Enums: an unknown code (the removed `submitted` state among them) names the parameter and
    // lists the allowed codes.
    const auto state = admin.get("/api/v1/applications?state=submitted");
    EXPECT_EQ(state.status, 422) << state.body;
    EXPECT_EQ(field_of(state), "state");
    const auto allowed = state.json().at("error").at("details").at("allowed").as_array();
    EXPECT_EQ(allowed.size(), 5u);
    EXPECT_EQ(allowed[0].as_string(), "consulting");
    EXPECT_EQ(field_of(admin.get("/api/v1/applications?kind=merge")), "kind");
    // Dates: real calendar dates only.
    EXPECT_EQ(field_of(admin.get("/api/v1/alliances?on=2024-02-30")), "on");
    EXPECT_EQ(admin.get("/api/v1/alliances?on=2024-02-29").status, 200);
    EXPECT_EQ(field_of(admin.get("/api/v1/alliances?on=2023-02-29")), "on");
    // Integers: out of bounds or not a number.
    EXPECT_EQ(field_of(admin.get("/api/v1/alliances?page_size=0")), "page_size");
    EXPECT_EQ(field_of(admin.get("/api/v1/todos?page=abc")), "page");
}

TEST_F(ListPages, EnumFieldsOfABodyAreCheckedAtTheEdge) {
    const auto unit = new_unit("区测试单位");
    new_account("pages_admin", accounts::Role::unit_admin, unit);
    auto applicant = signed_in("pages_admin");
    // Given an unknown application kind, then 422 naming `kind` and listing the kinds.
    const auto kind = post_body(applicant, "/api/v1/applications",
                                {{"kind", "merge"}, {"unit_id", unit}, {"reason", "测试"}});
    EXPECT_EQ(kind.status, 422) << kind.body;
    EXPECT_EQ(field_of(kind), "kind");
    EXPECT_NE(kind.body.find("found"), std::string::npos);
    // An unknown rotation mode on an alliance edit names `rotation_mode`.
    const auto mode =
        put_body(admin, "/api/v1/alliances/" + std::to_string(alliance_id("第一联盟")),
                 {{"rotation_mode", "per_month"}});
    EXPECT_EQ(mode.status, 422) << mode.body;
    EXPECT_EQ(field_of(mode), "rotation_mode");
}

TEST_F(ListPages, RotationNamesEveryUnitItMentions) {
    // Given 第一联盟, when its rotation and detail are read,
    const auto id = std::to_string(alliance_id("第一联盟"));
    const auto rotation = admin.get("/api/v1/alliances/" + id + "/rotation");
    ASSERT_EQ(rotation.status, 200) << rotation.body;
    const auto json = rotation.json();
    // then each turn names its host beside the id,
    ASSERT_FALSE(json.at("turns").as_array().empty());
    for (const auto& turn : json.at("turns").as_array()) {
        EXPECT_EQ(turn.at("host_unit").at("id").as_int64(), turn.at("host_unit_id").as_int64());
        EXPECT_FALSE(turn.at("host_unit").at("name").as_string().empty());
    }
    // and the order is given as references in the same order as the ids.
    const auto& order = json.at("order").as_array();
    const auto& named = json.at("order_units").as_array();
    ASSERT_EQ(order.size(), named.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        EXPECT_EQ(named[i].at("id").as_int64(), order[i].as_int64());
        EXPECT_FALSE(named[i].at("name").as_string().empty());
    }
    const auto detail = admin.get("/api/v1/alliances/" + id).json();
    EXPECT_EQ(detail.at("rotation_order_units").as_array().size(),
              detail.at("rotation_order").as_array().size());
    for (const auto& unit : detail.at("rotation_order_units").as_array()) {
        EXPECT_FALSE(unit.at("name").as_string().empty());
    }
}

TEST_F(ListPages, NotificationsAndTodosGiveObjectIdsAsNumbers) {
    // Given an application waiting on 区委编办,
    join_three();
    auto lead = signed_in("bianban_admin");
    const auto application = admin.get("/api/v1/applications?page_size=1").json();
    const auto newest = application.at("items").at(0).at("id").as_int64();
    // then its notification and its to-do both name the application by a numeric id.
    const auto notifications = lead.get("/api/v1/notifications?page_size=1").json();
    EXPECT_EQ(notifications.at("items").at(0).at("object_id").as_int64(), newest);
    const auto todos = lead.get("/api/v1/todos").json();
    ASSERT_FALSE(todos.at("items").as_array().empty());
    for (const auto& todo : todos.at("items").as_array()) {
        EXPECT_TRUE(todo.at("object_id").is_int64());
        EXPECT_EQ(todo.at("action").as_string(), "consult");
    }
}

}  // namespace
}  // namespace lianjian::testing
