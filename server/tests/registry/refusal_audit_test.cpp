// Specification (issue 8, points 5 and 6): a refused sensitive act leaves a failure in the audit
// trail saying who, what and why; an update's record lists the changed fields with old and new
// values (never personal data); a locked account is told who locked it, in local time.
#include "registry/registry_fixture.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>

namespace lianjian::testing {
namespace {

class RefusalAudit : public RegistryWrite {
  protected:
    long long alliance_id(const std::string& name) {
        for (const auto& alliance : server.application().services().alliances.list(today_date())) {
            if (alliance.name == name) {
                return alliance.id;
            }
        }
        ADD_FAILURE() << "no alliance " << name;
        return 0;
    }

    HttpClient signed_in(const std::string& username) {
        HttpClient client(server.port());
        EXPECT_EQ(client.login(username).status, 200) << username;
        return client;
    }

    // The `changes` of a structured detail, as field → {old, new} text.
    static std::map<std::string, boost::json::object> changes(const std::string& detail) {
        std::map<std::string, boost::json::object> found;
        const auto json = boost::json::parse(detail);
        for (const auto& change : json.at("changes").as_array()) {
            found[std::string(change.at("field").as_string())] = change.as_object();
        }
        return found;
    }

    long long user_id(const std::string& username) {
        const auto page = server.application().services().accounts.list_users(username, 1, 10);
        for (const auto& user : page.items) {
            if (user.username == username) {
                return user.id;
            }
        }
        ADD_FAILURE() << "no account " << username;
        return 0;
    }
};

TEST_F(RefusalAudit, UnmaskingAnotherUnitsLiaisonPhoneIsAuditedAsAFailure) {
    // Given 区审计局's administrator, when it asks for 区委编办's liaison phone,
    auto shenji = signed_in("shenji_admin");
    const auto target = unit_id("区委编办");
    const auto result =
        shenji.post("/api/v1/units/" + std::to_string(target) + "/liaison-phone/unmask");
    // then 403, and the audit trail has a failure saying who, what and why.
    ASSERT_EQ(result.status, 403);
    const auto events = audit_events("access.refused");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].username, "shenji_admin");
    EXPECT_EQ(events[0].outcome, "failure");
    EXPECT_EQ(events[0].object_type, "unit");
    EXPECT_EQ(events[0].object_id, std::to_string(target));
    const auto detail = boost::json::parse(events[0].detail);
    EXPECT_EQ(detail.at("route").as_string(), "/api/v1/units/{id}/liaison-phone/unmask");
    EXPECT_EQ(detail.at("http_method").as_string(), "POST");
    EXPECT_FALSE(detail.at("reason").as_string().empty());
}

TEST_F(RefusalAudit, UnmaskingAnotherUnitsMembersPhoneIsAuditedAsAFailure) {
    // Given a member of 区委编办, when 区审计局's administrator asks for its phone,
    const auto created = post_json(admin, "/api/v1/members",
                                   {{"name", "编办党员"},
                                    {"gender", "female"},
                                    {"unit_id", unit_id("区委编办")},
                                    {"phone", "13912342222"},
                                    {"joined_on", "2015-07-01"},
                                    {"status", "formal"}});
    ASSERT_EQ(created.status, 201) << created.body;
    const auto member = created.json().at("id").as_int64();
    auto shenji = signed_in("shenji_admin");
    const auto result = shenji.post("/api/v1/members/" + std::to_string(member) + "/unmask");
    ASSERT_EQ(result.status, 403);
    // then the refusal is audited without the number.
    const auto events = audit_events("access.refused");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].username, "shenji_admin");
    EXPECT_EQ(events[0].object_type, "member");
    EXPECT_EQ(events[0].object_id, std::to_string(member));
    EXPECT_EQ(events[0].detail.find("13912342222"), std::string::npos);
}

TEST_F(RefusalAudit, RefusedAccountChangesAndExportsAreAudited) {
    // Another area of the kind: a unit administrator trying to create an account, or the
    // auditor exporting members' personal data, is refused and audited.
    auto shenji = signed_in("shenji_admin");
    EXPECT_EQ(post_json(shenji, "/api/v1/users",
                        {{"username", "intruder"},
                         {"display_name", "冒用"},
                         {"roles", boost::json::array{"system_admin"}}})
                  .status,
              403);
    auto auditor = signed_in("auditor");
    EXPECT_EQ(auditor.get("/api/v1/members/export.xlsx").status, 403);
    const auto events = audit_events("access.refused");
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].username, "auditor");
    EXPECT_NE(events[0].detail.find("export"), std::string::npos) << events[0].detail;
    EXPECT_EQ(events[1].username, "shenji_admin");
    EXPECT_EQ(events[1].object_type, "user");
    // And the system administrator locking their own account (409) is a failure too.
    auto sysadmin = signed_in("sysadmin");
    EXPECT_EQ(
        sysadmin.post("/api/v1/users/" + std::to_string(user_id("sysadmin")) + "/lock").status,
        409);
    const auto lock_events = audit_events("user.lock");
    ASSERT_EQ(lock_events.size(), 1u);
    EXPECT_EQ(lock_events[0].outcome, "failure");
}

TEST_F(RefusalAudit, ANoteOnlyAllianceEditRecordsTheChangedField) {
    // `PUT /alliances/{id} {"note":"只改备注"}` is audited with the note's old and new value.
    const auto id = alliance_id("第二联盟");
    const auto result =
        put_json(admin, "/api/v1/alliances/" + std::to_string(id), {{"note", "只改备注"}});
    ASSERT_EQ(result.status, 200) << result.body;
    const auto events = audit_events("alliance.update");
    ASSERT_EQ(events.size(), 1u);
    const auto changed = changes(events[0].detail);
    ASSERT_EQ(changed.size(), 1u) << events[0].detail;
    ASSERT_TRUE(changed.contains("note")) << events[0].detail;
    EXPECT_EQ(changed.at("note").at("new").as_string(), "只改备注");
    EXPECT_TRUE(changed.at("note").at("old").is_string());
}

TEST_F(RefusalAudit, UnitAndOfficeAreaEditsRecordOldAndNewButNotThePhone) {
    // Another area: a unit's edit lists the fields with values, the phone by name only.
    const auto unit = create_unit({{"name", "变更测试单位"}, {"liaison_phone", "13912345678"}});
    const auto id = unit.at("id").as_int64();
    ASSERT_EQ(
        put_json(
            admin, "/api/v1/units/" + std::to_string(id),
            {{"name", "变更测试单位"}, {"short_name", "变更"}, {"liaison_phone", "13987654321"}})
            .status,
        200);
    const auto events = audit_events("unit.update");
    ASSERT_EQ(events.size(), 1u);
    const auto changed = changes(events[0].detail);
    EXPECT_EQ(changed.at("short_name").at("old").as_string(), "");
    EXPECT_EQ(changed.at("short_name").at("new").as_string(), "变更");
    EXPECT_TRUE(changed.at("liaison_phone").at("personal").as_bool());
    EXPECT_FALSE(changed.at("liaison_phone").contains("new"));
    EXPECT_EQ(events[0].detail.find("13987654321"), std::string::npos);
    EXPECT_EQ(events[0].detail.find("13912345678"), std::string::npos);
    EXPECT_FALSE(changed.contains("name"));

    const auto area = office_area_id("人防大楼办公区");
    ASSERT_EQ(put_json(admin, "/api/v1/office-areas/" + std::to_string(area),
                       {{"name", "人防大楼办公区"}, {"address", "新地址 1 号"}})
                  .status,
              200);
    const auto area_changes = changes(audit_events("office_area.update").at(0).detail);
    EXPECT_EQ(area_changes.at("address").at("new").as_string(), "新地址 1 号");
}

TEST_F(RefusalAudit, AnAdministratorsLockSaysSoAtLogin) {
    // Given the system administrator locked the viewer's account,
    auto sysadmin = signed_in("sysadmin");
    ASSERT_EQ(sysadmin.post("/api/v1/users/" + std::to_string(user_id("viewer")) + "/lock").status,
              200);
    // when the viewer signs in, the message says an administrator locked it, with no date.
    HttpClient viewer(server.port());
    const auto result = viewer.login("viewer");
    ASSERT_EQ(result.status, 423) << result.body;
    const auto message = std::string(result.json().at("error").at("message").as_string());
    EXPECT_NE(message.find("管理员锁定"), std::string::npos) << message;
    EXPECT_EQ(message.find("9999"), std::string::npos) << message;
    EXPECT_EQ(message.find("UTC"), std::string::npos) << message;
    EXPECT_EQ(result.json().at("error").at("details").at("locked_by").as_string(), "administrator");
    // The account list says who locked it too, so no page has to show the year 9999.
    const auto user = sysadmin.get("/api/v1/users/" + std::to_string(user_id("viewer")));
    ASSERT_EQ(user.status, 200) << user.body;
    EXPECT_EQ(user.json().at("locked_by").as_string(), "administrator") << user.body;
}

TEST_F(RefusalAudit, ALockoutAfterFailuresShowsLocalTime) {
    // Another message of the kind: five wrong passwords lock the account until a time shown
    // in local time ("2026-11-30 01:30"), never as UTC ISO.
    HttpClient client(server.port());
    HttpResult result;
    for (int i = 0; i < 5; ++i) {
        result = client.login("viewer", "wrong-password");
    }
    ASSERT_EQ(result.error_code(), "account_locked") << result.body;
    const auto message = std::string(result.json().at("error").at("message").as_string());
    EXPECT_EQ(message.find("UTC"), std::string::npos) << message;
    EXPECT_EQ(message.find('Z'), std::string::npos) << message;
    const auto until =
        std::string(result.json().at("error").at("details").at("locked_until").as_string());
    EXPECT_NE(message.find(programme_clock::local_date_time(until)), std::string::npos) << message;
    // The account list says the lock came from failed logins.
    auto sysadmin = signed_in("sysadmin");
    const auto user = sysadmin.get("/api/v1/users/" + std::to_string(user_id("viewer")));
    ASSERT_EQ(user.status, 200) << user.body;
    EXPECT_EQ(user.json().at("locked_by").as_string(), "failed_logins") << user.body;
}

}  // namespace
}  // namespace lianjian::testing

namespace lianjian::testing {
namespace {

// The auditor reads the trail in Chinese: sign-in failures and lockouts say why in words, with
// times in local time, never "wrong password" or a UTC ISO time.
TEST_F(RefusalAudit, SignInFailuresAreDescribedInChinese) {
    // Given an unknown user, five wrong passwords (a lockout), a try while locked and a wrong
    // current password,
    HttpClient client(server.port());
    client.login("nobody", "whatever-password");
    for (int i = 0; i < 6; ++i) {
        client.login("viewer", "wrong-password");
    }
    auto admin_client = signed_in("admin");
    post_json(
        admin_client, "/api/v1/auth/password",
        {{"current_password", "not-the-password"}, {"new_password", "Another-Password-2026"}});
    // then every failure and the lockout carry a Chinese reason without Latin words.
    std::vector<audit::AuditEvent> events = audit_events("auth.login");
    const auto lockouts = audit_events("auth.lockout");
    const auto password_changes = audit_events("auth.password_change");
    events.insert(events.end(), lockouts.begin(), lockouts.end());
    events.insert(events.end(), password_changes.begin(), password_changes.end());
    ASSERT_GE(events.size(), 8u);
    for (const auto& event : events) {
        if (event.outcome != "failure" && event.action != "auth.lockout") {
            continue;
        }
        EXPECT_FALSE(event.detail.empty()) << event.action;
        EXPECT_EQ(std::count_if(event.detail.begin(), event.detail.end(),
                                [](unsigned char c) { return std::isalpha(c) != 0; }),
                  0)
            << event.action << ": " << event.detail;
    }
}

}  // namespace
}  // namespace lianjian::testing
