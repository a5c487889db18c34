// Specification: attendance through the API (docs/activities.md "Attendance"). The host unit's
// administrator keeps the roster and records each member once; the rates are per unit and in
// total; the QR code opens an hour before the start and closes two hours after the end; a member
// signs in on the public page with name and the last four phone digits, refused without saying
// which part was wrong, and a client that keeps guessing is stopped before its guesses are
// compared.
#include "attendance/activity_rows.hpp"

#include <thread>

namespace lianjian::testing::attendance_support {
namespace {

using AttendanceApi = AttendanceFixture;

TEST_F(AttendanceApi, TheRosterIsTheParticipatingUnitsMembersWithRatesPerUnit) {
    const auto host_people = people_of(shenji);
    const auto guest_people = people_of(gongwei);
    ASSERT_EQ(host_people.size(), 3u);
    ASSERT_EQ(guest_people.size(), 3u);
    // Given one host member present, one on leave, and one guest absent,
    for (const auto& [member, status] :
         std::vector<std::pair<long long, std::string>>{{host_people[0].id, "present"},
                                                        {host_people[1].id, "leave"},
                                                        {guest_people[0].id, "absent"}}) {
        const auto recorded =
            post_body(member_unit, path(), {{"member_id", member}, {"status", status}});
        ASSERT_EQ(recorded.status, 200) << recorded.body;
        EXPECT_EQ(str(recorded.json().at("status")), status);
        EXPECT_EQ(str(recorded.json().at("method")), "manual");
        EXPECT_FALSE(str(recorded.json().at("recorded_by").at("name")).empty());
    }
    // when the committee reads the attendance,
    const auto sheet = admin.get(path());
    ASSERT_EQ(sheet.status, 200) << sheet.body;
    const auto json = sheet.json();
    // then six members are expected, the host unit first: 1 ÷ (3 − 1) and 0 ÷ 3,
    EXPECT_EQ(json.at("items").as_array().size(), 6u);
    const auto& units = json.at("units").as_array();
    ASSERT_EQ(units.size(), 2u);
    EXPECT_EQ(str(units[0].at("unit").at("name")), "区审计局");
    EXPECT_EQ(units[0].at("expected").as_int64(), 3);
    EXPECT_EQ(units[0].at("leave").as_int64(), 1);
    EXPECT_EQ(units[0].at("unrecorded").as_int64(), 1);
    EXPECT_DOUBLE_EQ(units[0].at("rate").as_double(), 0.5);
    EXPECT_EQ(units[1].at("absent").as_int64(), 1);
    EXPECT_DOUBLE_EQ(units[1].at("rate").as_double(), 0.0);
    // and in total 1 ÷ (6 − 1).
    EXPECT_EQ(json.at("total").at("present").as_int64(), 1);
    EXPECT_DOUBLE_EQ(json.at("total").at("rate").as_double(), 0.2);
    EXPECT_TRUE(row_of(json, host_people[2].id).at("status").is_null());
    // The participating unit's administrator and a member of the alliance read it too; the lead
    // of another alliance does not.
    EXPECT_EQ(lead.get(path()).status, 200);
    EXPECT_EQ(other_lead.get(path()).status, 403);
}

TEST_F(AttendanceApi, RecordingTwiceKeepsOneRowAndChangesOnlyTheStatus) {
    const auto member = people_of(shenji)[0].id;
    // When the host records the same member three times, twice at once,
    ASSERT_EQ(post_body(member_unit, path(), {{"member_id", member}, {"status", "absent"}}).status,
              200);
    HttpClient second(server.port());
    second.set_cookie(member_unit.cookie());
    int first_status = 0;
    int second_status = 0;
    std::thread one([&] {
        first_status =
            post_body(member_unit, path(), {{"member_id", member}, {"status", "present"}}).status;
    });
    std::thread two([&] {
        second_status =
            post_body(second, path(), {{"member_id", member}, {"status", "present"}}).status;
    });
    one.join();
    two.join();
    // then every answer is 200, one row remains, present.
    EXPECT_EQ(first_status, 200);
    EXPECT_EQ(second_status, 200);
    EXPECT_EQ(rows_of(member), 1);
    EXPECT_EQ(str(row_of(admin.get(path()).json(), member).at("status")), "present");
    EXPECT_EQ(audit_events("attendance.record", std::to_string(activity)).size(), 3u);
}

TEST_F(AttendanceApi, AMemberOfAParticipatingUnitOffTheRosterIsAddedOthersAreRefused) {
    const auto member = people_of(gongwei)[1].id;
    // Given the host took a guest off the roster,
    const auto removed =
        put_body(member_unit, path("roster"), {{"remove_member_ids", boost::json::array{member}}});
    ASSERT_EQ(removed.status, 200) << removed.body;
    EXPECT_EQ(removed.json().at("total").at("expected").as_int64(), 5);
    EXPECT_EQ(rows_of(member), 0);
    // when the guest is recorded present after all, the row comes back;
    ASSERT_EQ(post_body(member_unit, path(), {{"member_id", member}, {"status", "present"}}).status,
              200);
    EXPECT_EQ(rows_of(member), 1);
    // a recorded row cannot be taken off the roster,
    const auto refused =
        put_body(member_unit, path("roster"), {{"remove_member_ids", boost::json::array{member}}});
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(field_of(refused), "remove_member_ids");
    // and a member of a unit that does not take part is neither recorded nor added.
    const auto outsider = people_of(zonggonghui)[0].id;
    EXPECT_EQ(
        post_body(member_unit, path(), {{"member_id", outsider}, {"status", "present"}}).status,
        422);
    EXPECT_EQ(
        put_body(member_unit, path("roster"), {{"add_member_ids", boost::json::array{outsider}}})
            .status,
        422);
    EXPECT_EQ(rows_of(outsider), 0);
    // An unknown status lists the allowed ones.
    const auto unknown =
        post_body(member_unit, path(), {{"member_id", member}, {"status", "late"}});
    EXPECT_EQ(unknown.status, 422);
    EXPECT_EQ(field_of(unknown), "status");
}

TEST_F(AttendanceApi, OnlyTheHostUnitsAdministratorRecords) {
    const auto member = people_of(shenji)[0].id;
    const long long member_account = new_account("dangyuan_zhang", accounts::Role::member, shenji);
    (void)member_account;
    auto party_member = signed_in("dangyuan_zhang");
    const boost::json::object body{{"member_id", member}, {"status", "present"}};
    // A participating unit that does not host, the committee, a member and the viewer are
    // refused, for the record, the roster and the QR code alike.
    for (auto* client : {&lead, &admin, &party_member, &viewer, &other_lead}) {
        EXPECT_EQ(post_body(*client, path(), body).status, 403);
        EXPECT_EQ(
            put_body(*client, path("roster"), {{"add_member_ids", boost::json::array{}}}).status,
            403);
        EXPECT_EQ(client->get(path("signin-code")).status, 403);
    }
    EXPECT_EQ(rows_of(member), 1);
    EXPECT_TRUE(row_of(admin.get(path()).json(), member).at("status").is_null());
}

TEST_F(AttendanceApi, NothingIsRecordedOnceTheLedgerIsSubmitted) {
    const auto member = people_of(shenji)[0].id;
    set_state("ledger_submitted");
    const auto refused =
        post_body(member_unit, path(), {{"member_id", member}, {"status", "present"}});
    EXPECT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(str(refused.json().at("error").at("details").at("reason")), "ledger_submitted");
    EXPECT_EQ(
        put_body(member_unit, path("roster"), {{"remove_member_ids", boost::json::array{member}}})
            .status,
        409);
    set_state("archived");
    EXPECT_EQ(post_body(member_unit, path(), {{"member_id", member}, {"status", "present"}}).status,
              409);
    set_state("cancelled");
    EXPECT_EQ(post_body(member_unit, path(), {{"member_id", member}, {"status", "present"}}).status,
              409);
    EXPECT_TRUE(row_of(admin.get(path()).json(), member).at("status").is_null());
}

TEST_F(AttendanceApi, TheHostsCodeIsASignedTokenAndAnSvg) {
    const auto code = member_unit.get(path("signin-code"));
    ASSERT_EQ(code.status, 200) << code.body;
    const auto json = code.json();
    const auto token = str(json.at("token"));
    EXPECT_TRUE(token.starts_with(std::to_string(activity) + "."));
    EXPECT_EQ(str(json.at("url")), "/signin/" + token);
    EXPECT_EQ(str(json.at("valid_from")), "2026-11-29T02:00:00.000Z");
    EXPECT_EQ(str(json.at("valid_until")), "2026-11-29T07:00:00.000Z");
    EXPECT_TRUE(json.at("open").as_bool());
    EXPECT_TRUE(str(json.at("svg")).starts_with("<svg"));
    const auto image = member_unit.get(path("signin-code.svg"));
    ASSERT_EQ(image.status, 200);
    EXPECT_EQ(image.headers.at("content-type"), "image/svg+xml");
    EXPECT_TRUE(image.body.starts_with("<svg"));
}

using SigninApi = AttendanceFixture;

TEST_F(SigninApi, TheWindowOpensAnHourBeforeAndClosesTwoHoursAfter) {
    const auto signin = token();
    const auto person = people_of(shenji)[0];
    HttpClient anonymous(server.port());
    const auto page_open = [&] {
        const auto page = anonymous.get("/api/v1/signin/" + signin);
        EXPECT_EQ(page.status, 200) << page.body;
        return page.status == 200 && page.json().at("open").as_bool();
    };
    // Just before an hour before the 03:00 start, it is closed, and signing in is 410;
    clock_at("2026-11-29T01:59:59Z");
    EXPECT_FALSE(page_open());
    const auto early = sign_in(signin, person.name, last4(person));
    EXPECT_EQ(early.status, 410) << early.body;
    EXPECT_EQ(early.error_code(), "signin_closed");
    // from then until two hours after the 05:00 end, it is open;
    clock_at("2026-11-29T02:00:00Z");
    EXPECT_TRUE(page_open());
    clock_at("2026-11-29T06:59:59Z");
    EXPECT_TRUE(page_open());
    // at 07:00 it is closed again.
    clock_at("2026-11-29T07:00:00Z");
    EXPECT_FALSE(page_open());
    EXPECT_EQ(sign_in(signin, person.name, last4(person)).status, 410);
    // When the activity moves a day later, the same code follows it.
    run("UPDATE activity SET starts_at = '2026-11-30T03:00:00.000Z', ends_at = "
        "'2026-11-30T05:00:00.000Z'");
    EXPECT_FALSE(page_open());
    clock_at("2026-11-30T04:00:00Z");
    EXPECT_TRUE(page_open());
    const auto page = anonymous.get("/api/v1/signin/" + signin).json();
    EXPECT_EQ(str(page.at("activity").at("title")), "共过主题党日");
    EXPECT_EQ(str(page.at("activity").at("host_unit").at("name")), "区审计局");
    EXPECT_EQ(str(page.at("valid_until")), "2026-11-30T07:00:00.000Z");
    EXPECT_EQ(sign_in(signin, person.name, last4(person)).status, 200);
}

TEST_F(SigninApi, AForgedOrGarbledTokenIsNotFound) {
    const auto signin = token();
    HttpClient anonymous(server.port());
    auto forged = signin;
    forged.replace(0, std::to_string(activity).size(), std::to_string(activity + 1));
    for (const auto& bad : {forged, signin.substr(0, signin.size() - 2),
                            std::to_string(activity) + ".1.AAAA", std::string("x")}) {
        EXPECT_EQ(anonymous.get("/api/v1/signin/" + bad).status, 404) << bad;
        EXPECT_EQ(sign_in(bad, "张三", "0101").status, 404) << bad;
    }
}

TEST_F(SigninApi, AMemberSignsInWithNoAccountOnceOnly) {
    const auto signin = token();
    const auto person = people_of(gongwei)[2];
    // When a member of a participating unit signs in with no cookie, name spaced as typed,
    HttpClient anonymous(server.port());
    const auto signed_in_once =
        post_body(anonymous, "/api/v1/signin/" + signin,
                  {{"name", " " + person.name + " "}, {"phone_last4", last4(person)}});
    ASSERT_EQ(signed_in_once.status, 200) << signed_in_once.body;
    EXPECT_TRUE(anonymous.cookie().empty());
    const auto json = signed_in_once.json();
    // then it answers who and which unit, present, not already;
    EXPECT_EQ(json.at("member").at("id").as_int64(), person.id);
    EXPECT_EQ(str(json.at("unit").at("name")), "区委直属机关工委");
    EXPECT_EQ(str(json.at("status")), "present");
    EXPECT_FALSE(json.at("already").as_bool());
    // signing in again answers already and changes nothing.
    const auto again = sign_in(signin, person.name, last4(person));
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_TRUE(again.json().at("already").as_bool());
    EXPECT_EQ(rows_of(person.id), 1);
    const auto row = row_of(admin.get(path()).json(), person.id);
    EXPECT_EQ(str(row.at("status")), "present");
    EXPECT_EQ(str(row.at("method")), "qr");
    EXPECT_EQ(audit_events("attendance.signin", std::to_string(activity)).size(), 1u);
}

TEST_F(SigninApi, AWrongNameOrWrongDigitsAreRefusedAlike) {
    const auto signin = token();
    const auto people = people_of(shenji);
    const auto right_name_wrong_digits = sign_in(signin, people[0].name, last4(people[1]));
    const auto wrong_name_right_digits = sign_in(signin, "不在名单的人", last4(people[0]));
    EXPECT_EQ(right_name_wrong_digits.status, 422);
    EXPECT_EQ(right_name_wrong_digits.error_code(), "signin_mismatch");
    EXPECT_EQ(wrong_name_right_digits.status, 422);
    // The same message either way, which never says which part was wrong.
    EXPECT_EQ(right_name_wrong_digits.json().at("error").at("message"),
              wrong_name_right_digits.json().at("error").at("message"));
    EXPECT_FALSE(right_name_wrong_digits.json().at("error").as_object().contains("details"));
    // Someone outside the participating units is not on the roster either.
    const auto outsider = people_of(zonggonghui)[0];
    EXPECT_EQ(sign_in(signin, outsider.name, last4(outsider)).status, 422);
    // Each refusal is audited as a failure, from the client's address.
    const auto refusals = audit_events("attendance.signin", std::to_string(activity));
    ASSERT_EQ(refusals.size(), 3u);
    EXPECT_EQ(refusals[0].outcome, "failure");
    EXPECT_EQ(refusals[0].source_ip, "127.0.0.1");
    EXPECT_TRUE(row_of(admin.get(path()).json(), people[0].id).at("status").is_null());
}

TEST_F(SigninApi, FiveFailuresFromOneClientStopItBeforeItsGuessesAreCompared) {
    const auto signin = token();
    const auto person = people_of(shenji)[0];
    // Given five refused sign-ins from this client,
    for (int attempt = 0; attempt < 5; ++attempt) {
        EXPECT_EQ(sign_in(signin, person.name, "000" + std::to_string(attempt)).status, 422);
    }
    // the sixth is 429 with Retry-After even with the right name and digits,
    const auto stopped = sign_in(signin, person.name, last4(person));
    EXPECT_EQ(stopped.status, 429) << stopped.body;
    EXPECT_EQ(stopped.headers.at("retry-after"), "600");
    EXPECT_EQ(rows_of(person.id), 1);
    EXPECT_TRUE(row_of(admin.get(path()).json(), person.id).at("status").is_null());
    // and ten minutes later it may try again.
    clock_at("2026-11-29T02:10:01Z");
    EXPECT_EQ(sign_in(signin, person.name, last4(person)).status, 200);
}

TEST_F(SigninApi, ThirtyFailuresFromAllClientsStopTheActivity) {
    const auto signin = token();
    const auto person = people_of(shenji)[1];
    auto& attendance = services().attendance;
    // Given 30 refused sign-ins from 10 clients, three each,
    for (int client = 0; client < 10; ++client) {
        const audit::Actor actor{std::nullopt, "", "10.0.0." + std::to_string(client)};
        for (int attempt = 0; attempt < 3; ++attempt) {
            try {
                attendance.sign_in(actor, signin, "不在名单的人", "1234");
                ADD_FAILURE() << "signed in";
            } catch (const AppError& error) {
                EXPECT_EQ(error.code(), ErrorCode::signin_mismatch);
            }
        }
    }
    // a client that never failed is stopped too, with the right name and digits.
    const auto stopped = sign_in(signin, person.name, last4(person));
    EXPECT_EQ(stopped.status, 429) << stopped.body;
    EXPECT_FALSE(stopped.headers.at("retry-after").empty());
    // Another activity is not affected.
    const auto other = new_activity("另一次活动", "2026-11-29T03:00:00Z", "2026-11-29T05:00:00Z");
    const auto other_code =
        member_unit.get("/api/v1/activities/" + std::to_string(other) + "/signin-code");
    ASSERT_EQ(other_code.status, 200);
    EXPECT_EQ(sign_in(str(other_code.json().at("token")), person.name, last4(person)).status, 200);
}

TEST_F(SigninApi, AMembersOwnAccountSignsInWithOneTap) {
    const auto person = people_of(shenji)[2];
    const long long account = new_account("dangyuan_wang", accounts::Role::member, shenji);
    auto party_member = signed_in("dangyuan_wang");
    // An account that is no party member cannot tap;
    EXPECT_EQ(party_member.post(path("attendance/me")).status, 403);
    // once the system administrator links it to the member,
    auto system_admin = signed_in("sysadmin");
    const auto linked =
        put_body(system_admin, "/api/v1/users/" + std::to_string(account) + "/member",
                 {{"member_id", person.id}});
    ASSERT_EQ(linked.status, 200) << linked.body;
    EXPECT_EQ(linked.json().at("member").at("name").as_string(), person.name);
    // it signs in present by tap, once.
    const auto tapped = party_member.post(path("attendance/me"));
    ASSERT_EQ(tapped.status, 200) << tapped.body;
    EXPECT_EQ(tapped.json().at("member").at("id").as_int64(), person.id);
    EXPECT_FALSE(tapped.json().at("already").as_bool());
    EXPECT_TRUE(party_member.post(path("attendance/me")).json().at("already").as_bool());
    const auto row = row_of(admin.get(path()).json(), person.id);
    EXPECT_EQ(str(row.at("method")), "tap");
    EXPECT_EQ(audit_events("attendance.tap", std::to_string(activity)).size(), 1u);
    // A member who is not on the roster cannot.
    const long long removed = people_of(shenji)[0].id;
    ASSERT_EQ(
        put_body(member_unit, path("roster"), {{"remove_member_ids", boost::json::array{removed}}})
            .status,
        200);
    {
        storage::Transaction transaction(services().database);
        transaction.session() << "UPDATE app_user SET member_id = :m WHERE id = :u",
            soci::use(removed), soci::use(account);
        transaction.commit();
    }
    EXPECT_EQ(party_member.post(path("attendance/me")).status, 403);
}

TEST_F(SigninApi, OnlyTheSystemAdministratorLinksAMemberAccountToItsUnitsPartyMember) {
    // Given a member account of 区审计局 and two of its party members,
    const auto people = people_of(shenji);
    const long long account = new_account("dangyuan_li", accounts::Role::member, shenji);
    const long long other_account = new_account("dangyuan_zhao", accounts::Role::member, shenji);
    const std::string target = "/api/v1/users/" + std::to_string(account) + "/member";
    auto system_admin = signed_in("sysadmin");
    // a unit admin may not link it (users_manage is the system administrator's),
    EXPECT_EQ(put_body(member_unit, target, {{"member_id", people[0].id}}).status, 403);
    // a unit admin's account is no member account,
    const auto admin_account = new_account("shenji_helper", accounts::Role::unit_admin, shenji);
    const auto not_member =
        put_body(system_admin, "/api/v1/users/" + std::to_string(admin_account) + "/member",
                 {{"member_id", people[0].id}});
    EXPECT_EQ(not_member.status, 422) << not_member.body;
    // a party member of another unit is refused,
    const auto foreign = people_of(gongwei)[0];
    EXPECT_EQ(put_body(system_admin, target, {{"member_id", foreign.id}}).status, 422);
    // the system administrator, who may not read the register, sees the unit's members by name,
    const auto options = system_admin.get(target);
    ASSERT_EQ(options.status, 200) << options.body;
    EXPECT_GE(options.json().at("candidates").as_array().size(), people.size());
    EXPECT_TRUE(options.json().at("linked").is_null());
    // the unit's own member is linked and the link is audited,
    ASSERT_EQ(put_body(system_admin, target, {{"member_id", people[0].id}}).status, 200);
    EXPECT_EQ(system_admin.get(target).json().at("linked").at("id").as_int64(), people[0].id);
    EXPECT_EQ(audit_events("user.member_link", std::to_string(account)).size(), 1u);
    // a second account cannot hold the same member,
    const auto taken =
        put_body(system_admin, "/api/v1/users/" + std::to_string(other_account) + "/member",
                 {{"member_id", people[0].id}});
    EXPECT_EQ(taken.status, 409) << taken.body;
    // and null unlinks it.
    const auto unlinked = put_body(system_admin, target, {{"member_id", nullptr}});
    ASSERT_EQ(unlinked.status, 200) << unlinked.body;
    EXPECT_TRUE(unlinked.json().at("member").is_null());
}

}  // namespace
}  // namespace lianjian::testing::attendance_support
