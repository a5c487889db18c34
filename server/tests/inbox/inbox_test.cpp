// Specification: the in-app inbox. Whoever must act next on an application gets a notification
// and a todo (待办): the target's lead unit to consult, every committee administrator to decide;
// the applicant hears how it ended. Notifications are each user's own: read state is kept per
// user, nobody marks another's, and /inbox/summary counts what is unread and pending.
#include "applications/application_fixture.hpp"

namespace lianjian::testing::alliance_support {
namespace {

struct Inbox {
    long long unread = 0;
    long long total = 0;
    std::vector<boost::json::value> items;
};

class InboxTest : public ApplicationFixture {
  protected:
    Inbox inbox(HttpClient& client, bool unread_only = false) {
        const auto result = client.get(std::string("/api/v1/notifications?page_size=100") +
                                       (unread_only ? "&unread=true" : ""));
        EXPECT_EQ(result.status, 200) << result.body;
        const auto json = result.json();
        Inbox inbox{json.at("unread").as_int64(), json.at("total").as_int64(), {}};
        for (const auto& item : json.at("items").as_array()) inbox.items.push_back(item);
        return inbox;
    }

    // Notifications about one application.
    std::vector<boost::json::value> about(HttpClient& client, long long application_id,
                                          bool unread_only = false) {
        std::vector<boost::json::value> found;
        for (auto& item : inbox(client, unread_only).items) {
            if (item.at("object_type") == "application" &&
                item.at("object_id").as_int64() == application_id) {
                found.push_back(item);
            }
        }
        return found;
    }

    std::vector<std::string> todo_actions(HttpClient& client, long long application_id) {
        const auto result = client.get("/api/v1/todos");
        EXPECT_EQ(result.status, 200) << result.body;
        std::vector<std::string> actions;
        const auto json = result.json();
        for (const auto& item : json.at("items").as_array()) {
            if (item.at("kind") == "application" &&
                item.at("object_id").as_int64() == application_id) {
                actions.push_back(str(item.at("action")));
                EXPECT_EQ(item.at("link").as_string(),
                          "/applications/" + std::to_string(application_id));
            }
        }
        return actions;
    }

    std::pair<long long, long long> summary(HttpClient& client) {
        const auto result = client.get("/api/v1/inbox/summary");
        EXPECT_EQ(result.status, 200) << result.body;
        const auto json = result.json();
        return {json.at("unread_notifications").as_int64(), json.at("pending_todos").as_int64()};
    }
};

TEST_F(InboxTest, EachStepTellsWhoeverActsNext) {
    new_account("admin2", accounts::Role::committee_admin, std::nullopt);
    auto admin2 = signed_in("admin2");
    auto member = signed_in("shuijian_admin");  // in 第三联盟, not its lead
    auto other_lead = signed_in("zhengwu_admin");

    // Submitted: the lead unit's administrator is asked to consult.
    const long long id = join_application();
    const auto to_lead = about(lead, id, true);
    ASSERT_EQ(to_lead.size(), 1u);
    EXPECT_EQ(to_lead[0].at("kind").as_string(), "application.action_needed");
    EXPECT_EQ(to_lead[0].at("link").as_string(), "/applications/" + std::to_string(id));
    EXPECT_TRUE(to_lead[0].at("read_at").is_null());
    EXPECT_NE(to_lead[0].at("title").as_string().find("区档案馆"), std::string::npos);
    EXPECT_EQ(todo_actions(lead, id), std::vector<std::string>{"consult"});
    EXPECT_EQ(summary(lead), std::make_pair(1LL, 1LL));
    // Nobody else is asked yet.
    for (HttpClient* client : {&member, &other_lead, &admin, &admin2, &applicant}) {
        EXPECT_TRUE(about(*client, id).empty());
        EXPECT_TRUE(todo_actions(*client, id).empty());
    }

    // Consulted: every committee administrator is asked to decide; the lead's todo is done.
    ASSERT_EQ(consult(lead, id, true, "同意").status, 200);
    EXPECT_TRUE(todo_actions(lead, id).empty());
    EXPECT_EQ(summary(lead).second, 0);
    // The request to consult is resolved, though the lead never opened it: the bell is quiet.
    const auto consulted = about(lead, id);
    ASSERT_EQ(consulted.size(), 1u);
    EXPECT_FALSE(consulted[0].at("resolved_at").is_null());
    EXPECT_TRUE(consulted[0].at("read_at").is_null());
    EXPECT_EQ(summary(lead).first, 0);
    for (HttpClient* committee_admin : {&admin, &admin2}) {
        EXPECT_EQ(todo_actions(*committee_admin, id), std::vector<std::string>{"decide"});
        const auto asked = about(*committee_admin, id, true);
        ASSERT_EQ(asked.size(), 1u);
        EXPECT_EQ(asked[0].at("kind").as_string(), "application.action_needed");
    }
    EXPECT_EQ(summary(admin2), std::make_pair(1LL, 1LL));

    // Approved: the applicant hears of it, and nothing is pending any more.
    ASSERT_EQ(decide(admin, id, true, "批准").status, 200);
    const auto told = about(applicant, id, true);
    ASSERT_EQ(told.size(), 1u);
    EXPECT_EQ(told[0].at("kind").as_string(), "application.closed");
    EXPECT_NE(told[0].at("title").as_string().find("已批准"), std::string::npos);
    for (HttpClient* client : {&admin, &admin2, &lead})
        EXPECT_TRUE(todo_actions(*client, id).empty());
    EXPECT_EQ(summary(applicant), std::make_pair(1LL, 0LL));
    // One administrator approved it: the request to decide ends for both, and neither counts it
    // as unread any more (issue 9: "the bell still shows 2").
    for (HttpClient* committee_admin : {&admin, &admin2}) {
        EXPECT_TRUE(about(*committee_admin, id, true).empty());
        const auto asked = about(*committee_admin, id);
        ASSERT_EQ(asked.size(), 1u);
        EXPECT_FALSE(asked[0].at("resolved_at").is_null());
    }
    // admin2, who has nothing else (the demo's plan notifications came before it), is all clear.
    EXPECT_EQ(summary(admin2), std::make_pair(0LL, 0LL));
}

TEST_F(InboxTest, ARejectionIsToldToTheApplicant) {
    const long long id = join_application();
    ASSERT_EQ(consult(lead, id, false, "成员已满").status, 200);
    const auto told = about(applicant, id);
    ASSERT_EQ(told.size(), 1u);
    EXPECT_EQ(told[0].at("kind").as_string(), "application.closed");
    EXPECT_NE(told[0].at("title").as_string().find("未通过"), std::string::npos);
    EXPECT_TRUE(todo_actions(admin, id).empty()) << "nothing reaches the committee";
    EXPECT_TRUE(about(admin, id).empty());
}

TEST_F(InboxTest, ReadStateIsEachUsersOwn) {
    const long long first = join_application();
    ASSERT_EQ(consult(lead, first, false, "成员已满").status, 200);  // the applicant is told
    const long long second = join_application();
    ASSERT_EQ(consult(lead, second, false, "仍然已满").status, 200);  // and told again

    auto before = inbox(applicant);
    ASSERT_EQ(before.unread, 2);
    EXPECT_EQ(summary(applicant).first, 2);
    const long long notification = before.items.front().at("id").as_int64();

    // Another user cannot mark it read: it is not theirs.
    EXPECT_EQ(lead.post("/api/v1/notifications/" + std::to_string(notification) + "/read").status,
              404);
    EXPECT_EQ(admin.post("/api/v1/notifications/" + std::to_string(notification) + "/read").status,
              404);
    EXPECT_EQ(inbox(applicant).unread, 2);
    EXPECT_EQ(applicant.post("/api/v1/notifications/999999/read").status, 404);

    // Its owner can, once or twice.
    EXPECT_EQ(
        applicant.post("/api/v1/notifications/" + std::to_string(notification) + "/read").status,
        204);
    EXPECT_EQ(
        applicant.post("/api/v1/notifications/" + std::to_string(notification) + "/read").status,
        204);
    const auto after = inbox(applicant);
    EXPECT_EQ(after.unread, 1);
    EXPECT_EQ(after.total, 2);
    EXPECT_EQ(summary(applicant).first, 1);
    EXPECT_EQ(inbox(applicant, true).items.size(), 1u);
    for (const auto& item : after.items) {
        EXPECT_EQ(item.at("read_at").is_null(), item.at("id").as_int64() != notification);
    }
    // The lead's own notifications are untouched by any of it (its two requests to consult are
    // resolved by its own consulting, never read by anyone).
    const auto lead_reads_marked = [&]() {
        long long read = 0;
        for (const auto& item : inbox(lead).items) read += !item.at("read_at").is_null();
        return read;
    };
    EXPECT_EQ(lead_reads_marked(), 0);

    EXPECT_EQ(applicant.post("/api/v1/notifications/read-all").status, 204);
    EXPECT_EQ(inbox(applicant).unread, 0);
    EXPECT_EQ(summary(applicant).first, 0);
    EXPECT_EQ(lead_reads_marked(), 0);
}

TEST_F(InboxTest, FoundingAsksEachCoApplicantToConfirm) {
    const long long b = new_unit("区地方志办");
    const long long c = new_unit("区机关事务中心");
    new_account("fangzhi_admin", accounts::Role::unit_admin, b);
    new_account("jiguan_admin", accounts::Role::unit_admin, c);
    auto b_admin = signed_in("fangzhi_admin");
    auto c_admin = signed_in("jiguan_admin");
    const auto submitted = post_body(applicant, "/api/v1/applications",
                                     {{"kind", "found"},
                                      {"unit_id", dangan},
                                      {"name", "第四联盟"},
                                      {"office_area_id", office_area_id("人防大楼办公区")},
                                      {"co_applicant_unit_ids", boost::json::array{b, c}},
                                      {"reason", "联合组建"}});
    ASSERT_EQ(submitted.status, 201) << submitted.body;
    const long long id = submitted.json().at("id").as_int64();
    EXPECT_EQ(todo_actions(b_admin, id), std::vector<std::string>{"confirm"});
    EXPECT_EQ(todo_actions(c_admin, id), std::vector<std::string>{"confirm"});
    EXPECT_EQ(about(b_admin, id).size(), 1u);
    EXPECT_TRUE(todo_actions(applicant, id).empty()) << "the applicant agreed by applying";
    ASSERT_EQ(confirm(b_admin, id, true, "").status, 200);
    EXPECT_TRUE(todo_actions(b_admin, id).empty());
    EXPECT_EQ(todo_actions(c_admin, id), std::vector<std::string>{"confirm"});
    // b's request to confirm is resolved; c's is still open.
    EXPECT_TRUE(about(b_admin, id, true).empty());
    EXPECT_EQ(about(c_admin, id, true).size(), 1u);
    ASSERT_EQ(confirm(c_admin, id, true, "").status, 200);
    EXPECT_EQ(todo_actions(admin, id), std::vector<std::string>{"decide"});
}

}  // namespace
}  // namespace lianjian::testing::alliance_support
