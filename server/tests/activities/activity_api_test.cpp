// Specification: activities over HTTP (docs/activities.md "Activities"). The host unit records an
// activity (the rotation's next host unless a reason is given), holds it, fills in its ledger and
// submits it once complete; the lead unit or the committee archives it into the alliance's chain
// and amends it only by new entries. Bad input is answered with every field at once; units of
// other alliances neither see nor write.
#include "activities/activity_fixture.hpp"

namespace lianjian::testing::activity_support {
namespace {

using ActivityApi = ActivityFixture;

std::vector<std::string> fields_of(const HttpResult& result) {
    std::vector<std::string> fields;
    const auto details = result.json().at("error").at("details").as_object();
    if (const auto* list = details.if_contains("fields")) {
        for (const auto& item : list->as_array()) fields.push_back(str(item.at("field")));
    } else if (details.contains("field")) {
        fields.push_back(str(details.at("field")));
    }
    return fields;
}

bool has(const std::vector<std::string>& values, const std::string& value) {
    return std::find(values.begin(), values.end(), value) != values.end();
}

TEST_F(ActivityApi, TheRotationsHostRecordsHoldsSubmitsAndTheCommitteeArchives) {
    // Given 第一联盟's next host by the rotation for next year,
    const int next_year = current_year() + 1;
    const auto before = services().alliances.rotation(first, next_year);
    const long long rotation_host = rotation_host_on(std::to_string(next_year) + "-04-20");
    ASSERT_NE(rotation_host, 0);
    std::string host_name;
    for (const auto& unit : before.units) {
        if (unit.id == rotation_host)
            host_name = unit.name;
    }
    HttpClient host{server.port()};
    ASSERT_EQ(host.login(admin_of(host_name)).status, 200);
    // when it records an activity next spring without naming a host,
    const auto created = post_body(host, "/api/v1/activities",
                                   {{"alliance_id", first},
                                    {"linkage", "theory_study"},
                                    {"kind", "theme_party_day"},
                                    {"title", "共过主题党日"},
                                    {"starts_at", std::to_string(next_year) + "-04-20T01:30:00Z"},
                                    {"ends_at", std::to_string(next_year) + "-04-20T03:30:00Z"},
                                    {"place", "党员活动室"}});
    ASSERT_EQ(created.status, 201) << created.body;
    const auto activity = created.json();
    const long long id = activity.at("id").as_int64();
    // then it hosts, the turn is the rotation's and taken, every member unit takes part,
    EXPECT_EQ(activity.at("host_unit").at("id").as_int64(), rotation_host);
    EXPECT_EQ(activity.at("rotation_host_unit").at("id").as_int64(), rotation_host);
    EXPECT_EQ(str(activity.at("state")), "planned");
    EXPECT_EQ(activity.at("month").as_int64(), 4);
    EXPECT_EQ(activity.at("year").as_int64(), next_year);
    EXPECT_EQ(activity.at("participating_units").as_array().size(), 5u);
    EXPECT_EQ(strings(activity.at("actions")),
              (std::vector<std::string>{"edit", "hold", "cancel", "record_part"}));
    EXPECT_GT(activity.at("attendance").at("expected").as_int64(), 0);
    EXPECT_TRUE(activity.at("attendance").at("rate").is_number());
    const auto after = services().alliances.rotation(first, next_year);
    const auto fixed = [](const alliances::RotationPlan& plan) {
        return std::count_if(plan.turns.begin(), plan.turns.end(),
                             [](const alliances::Turn& turn) { return turn.fixed; });
    };
    EXPECT_EQ(fixed(after), fixed(before) + 1);
    // and its ledger cannot be submitted before it is held, nor while incomplete.
    auto refused = host.post(path(id, "submit-ledger"));
    EXPECT_EQ(refused.status, 409);
    EXPECT_EQ(reason_of(refused), "not_held");
    ASSERT_EQ(host.post(path(id, "hold")).status, 200);
    refused = host.post(path(id, "submit-ledger"));
    ASSERT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(reason_of(refused), "ledger_incomplete");
    EXPECT_EQ(strings(refused.json().at("error").at("details").at("missing")),
              (std::vector<std::string>{"theme", "content", "outcomes", "attendance",
                                        "photo_or_minutes"}));
    // When the host fills it in (at the version it read), marks attendance and adds a photo,
    const auto edited = patch_body(host, path(id),
                                   {{"theme", "学习贯彻党的二十大精神"},
                                    {"content", "集中学习、交流研讨"},
                                    {"outcomes", "形成学习体会 12 篇"},
                                    {"version", activity.at("version").as_int64() + 1}});
    ASSERT_EQ(edited.status, 200) << edited.body;
    EXPECT_EQ(strings(edited.json().at("ledger").at("missing")),
              (std::vector<std::string>{"attendance", "photo_or_minutes"}));
    // (an edit from a stale read is refused)
    const auto stale = patch_body(host, path(id), {{"theme", "x"}, {"version", 1}});
    EXPECT_EQ(stale.status, 409);
    EXPECT_EQ(reason_of(stale), "stale");
    mark_everyone_present(id);
    attach_photo(id, "lifecycle.jpg");
    const auto complete = activity_json(host, id);
    EXPECT_TRUE(complete.at("ledger").at("complete").as_bool());
    EXPECT_EQ(complete.at("photo_count").as_int64(), 1);
    EXPECT_DOUBLE_EQ(complete.at("attendance").at("rate").as_double(), 1.0);
    // then it submits, the host may not archive, and the committee does.
    const auto submitted = host.post(path(id, "submit-ledger"));
    ASSERT_EQ(submitted.status, 200) << submitted.body;
    EXPECT_EQ(str(submitted.json().at("state")), "ledger_submitted");
    if (host_name != "区委直属机关工委") {
        EXPECT_EQ(host.post(path(id, "archive")).status, 403);
    }
    EXPECT_EQ(strings(activity_json(admin, id).at("actions")),
              (std::vector<std::string>{"archive", "return_ledger"}));
    const auto archived = admin.post(path(id, "archive"));
    ASSERT_EQ(archived.status, 200) << archived.body;
    EXPECT_EQ(str(archived.json().at("state")), "archived");
    EXPECT_FALSE(archived.json().at("archived_at").is_null());
    EXPECT_EQ(strings(archived.json().at("actions")), std::vector<std::string>{"amend"});
    // Once archived it is frozen: an edit is refused by name, and the chain holds its entry.
    const auto frozen = patch_body(host, path(id), {{"title", "改名"}});
    EXPECT_EQ(frozen.status, 409);
    EXPECT_EQ(reason_of(frozen), "activity_archived");
    const auto entries = admin.get(path(id, "ledger-entries"));
    ASSERT_EQ(entries.status, 200) << entries.body;
    ASSERT_EQ(entries.json().at("items").as_array().size(), 1u);
    EXPECT_EQ(str(entries.json().at("items").at(0).at("kind")), "archive");
    EXPECT_EQ(str(entries.json().at("items").at(0).at("entry_hash")).size(), 64u);
    EXPECT_TRUE(first_chain().at("intact").as_bool());
}

TEST_F(ActivityApi, AHostOtherThanTheRotationsNeedsAReasonAndTheTurnIsStillTaken) {
    const int next_year = current_year() + 1;
    const long long rotation_host = rotation_host_on(std::to_string(next_year) + "-06-01");
    const long long other = rotation_host == gongwei ? shenji : gongwei;
    HttpClient host{server.port()};
    ASSERT_EQ(host.login(other == gongwei ? "gongwei_admin" : "shenji_admin").status, 200);
    boost::json::object sent{{"alliance_id", first},
                             {"linkage", "joint_practice"},
                             {"kind", "practice"},
                             {"title", "志愿服务"},
                             {"starts_at", std::to_string(next_year) + "-06-01T01:00:00Z"},
                             {"ends_at", std::to_string(next_year) + "-06-01T03:00:00Z"},
                             {"host_unit_id", other}};
    // Without a reason the host is refused, naming the field;
    const auto refused = post_body(host, "/api/v1/activities", sent);
    ASSERT_EQ(refused.status, 422) << refused.body;
    EXPECT_TRUE(has(fields_of(refused), "host_change_reason"));
    // with one it is recorded beside the rotation's host.
    sent["host_change_reason"] = "轮值单位承接检查任务，调整承办";
    const auto created = post_body(host, "/api/v1/activities", sent);
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.json().at("host_unit").at("id").as_int64(), other);
    EXPECT_EQ(created.json().at("rotation_host_unit").at("id").as_int64(), rotation_host);
    EXPECT_EQ(str(created.json().at("host_change_reason")), "轮值单位承接检查任务，调整承办");
    // The host is always among the participating units.
    bool host_takes_part = false;
    const auto answer = created.json();
    for (const auto& unit : answer.at("participating_units").as_array()) {
        host_takes_part = host_takes_part || unit.at("id").as_int64() == other;
    }
    EXPECT_TRUE(host_takes_part);
}

TEST_F(ActivityApi, BadInputNamesEveryFieldAtOnceInChinese) {
    const auto refused = post_body(lead, "/api/v1/activities",
                                   {{"alliance_id", first},
                                    {"linkage", "dancing"},
                                    {"starts_at", "2026-02-30T00:00:00Z"},
                                    {"host_unit_id", gongwei}});
    ASSERT_EQ(refused.status, 422) << refused.body;
    const auto fields = fields_of(refused);
    for (const char* field : {"linkage", "kind", "title", "starts_at", "ends_at"}) {
        EXPECT_TRUE(has(fields, field)) << field << " in " << refused.body;
    }
    EXPECT_NE(refused.body.find("请填写活动名称"), std::string::npos);
    // A host outside the alliance is refused too.
    auto sent = body();
    sent["host_unit_id"] = unit_id("区政务服务中心");
    const auto outsider = post_body(lead, "/api/v1/activities", sent);
    EXPECT_EQ(outsider.status, 422);
    EXPECT_TRUE(has(fields_of(outsider), "host_unit_id"));
}

TEST_F(ActivityApi, RecordedAfterTheFactItIsHeldAtOnce) {
    const long long id = create(body());
    const auto held = activity_json(lead, id);
    EXPECT_EQ(str(held.at("state")), "held");
    EXPECT_FALSE(held.at("held_at").is_null());
    EXPECT_EQ(strings(held.at("actions")),
              (std::vector<std::string>{"edit", "submit_ledger", "record_part"}));
}

TEST_F(ActivityApi, ACancelNeedsAReasonAndACancelledActivityIsNotEdited) {
    const long long id = create(body(true));
    const auto refused = lead.post(path(id, "cancel"));
    EXPECT_EQ(refused.status, 422);
    EXPECT_EQ(field_of(refused), "reason");
    // A unit of the alliance that neither hosts nor leads may not cancel it.
    EXPECT_EQ(post_body(member_unit, path(id, "cancel"), {{"reason", "不办了"}}).status, 403);
    const auto cancelled = post_body(lead, path(id, "cancel"), {{"reason", "场地不可用"}});
    ASSERT_EQ(cancelled.status, 200) << cancelled.body;
    EXPECT_EQ(str(cancelled.json().at("state")), "cancelled");
    EXPECT_EQ(str(cancelled.json().at("cancel_reason")), "场地不可用");
    const auto edited = patch_body(lead, path(id), {{"title", "改名"}});
    EXPECT_EQ(edited.status, 409);
    EXPECT_EQ(reason_of(edited), "activity_cancelled");
}

TEST_F(ActivityApi, OtherAlliancesNeitherSeeNorWriteAndTheViewerOnlyReads) {
    const long long id = create(body(true));
    EXPECT_EQ(other_lead.get(path(id)).status, 403);
    const auto listed = other_lead.get("/api/v1/activities?alliance_id=" + std::to_string(first));
    ASSERT_EQ(listed.status, 200);
    EXPECT_EQ(listed.json().at("total").as_int64(), 0);
    EXPECT_EQ(patch_body(other_lead, path(id), {{"title", "改名"}}).status, 403);
    // A member unit of the alliance reads it but is not its host.
    EXPECT_EQ(member_unit.get(path(id)).status, 200);
    EXPECT_EQ(patch_body(member_unit, path(id), {{"title", "改名"}}).status, 403);
    EXPECT_EQ(viewer.get(path(id)).status, 200);
    EXPECT_TRUE(activity_json(viewer, id).at("actions").as_array().empty());
    EXPECT_EQ(patch_body(viewer, path(id), {{"title", "改名"}}).status, 403);
    EXPECT_EQ(lead.get(path(999999)).status, 404);
}

TEST_F(ActivityApi, TheListFiltersByCalendarDatesStateAndText) {
    const long long id = create(body());
    const auto date = programme_clock::local_date(programme_clock::now() - std::chrono::hours(50));
    const auto listed = lead.get("/api/v1/activities?from=" + date + "&to=" + date +
                                 "&state=held&q=" + "%E4%B8%BB%E9%A2%98");  // 主题
    ASSERT_EQ(listed.status, 200) << listed.body;
    bool found = false;
    const auto items = listed.json();
    for (const auto& item : items.at("items").as_array()) {
        found = found || item.at("id").as_int64() == id;
        EXPECT_EQ(str(item.at("state")), "held");
    }
    EXPECT_TRUE(found);
    const auto later = lead.get("/api/v1/activities?from=2099-01-01");
    ASSERT_EQ(later.status, 200);
    EXPECT_EQ(later.json().at("total").as_int64(), 0);
    EXPECT_EQ(lead.get("/api/v1/activities?state=nonsense").status, 422);
}

TEST_F(ActivityApi, AParticipatingUnitRecordsOnlyItsOwnPart) {
    const long long id = create(body(true));
    const auto own = put_body(member_unit, path(id, "parts/" + std::to_string(shenji)),
                              {{"content", "审计局组织专题学习"}, {"outcomes", "心得 5 篇"}});
    ASSERT_EQ(own.status, 200) << own.body;
    EXPECT_EQ(own.json().at("unit").at("id").as_int64(), shenji);
    EXPECT_EQ(own.json().at("version").as_int64(), 1);
    const auto again = put_body(member_unit, path(id, "parts/" + std::to_string(shenji)),
                                {{"outcomes", "心得 6 篇"}});
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(str(again.json().at("content")), "审计局组织专题学习");
    EXPECT_EQ(again.json().at("version").as_int64(), 2);
    EXPECT_EQ(
        put_body(member_unit, path(id, "parts/" + std::to_string(gongwei)), {{"content", "代写"}})
            .status,
        403);
    EXPECT_EQ(activity_json(lead, id).at("parts").as_array().size(), 1u);
}

TEST_F(ActivityApi, AnAmendmentKeepsTheOriginalAndShowsTheCorrection) {
    const long long id = archived_activity("amend.jpg");
    // The host may not amend; the committee must give a reason.
    EXPECT_EQ(post_body(member_unit, path(id, "amendments"),
                        {{"reason", "错字"}, {"changes", {{"title", "新名"}}}})
                  .status,
              403);
    const auto no_reason =
        post_body(admin, path(id, "amendments"), {{"changes", {{"title", "新名"}}}});
    EXPECT_EQ(no_reason.status, 422);
    const auto amended =
        post_body(admin, path(id, "amendments"),
                  {{"reason", "活动名称有误"}, {"changes", {{"title", "共过主题党日（更正）"}}}});
    ASSERT_EQ(amended.status, 201) << amended.body;
    const auto entry = amended.json();
    EXPECT_EQ(str(entry.at("changes").at(0).at("field")), "title");
    EXPECT_EQ(str(entry.at("changes").at(0).at("before")), "共过主题党日");
    EXPECT_EQ(str(entry.at("changes").at(0).at("after")), "共过主题党日（更正）");
    EXPECT_EQ(str(entry.at("reason")), "活动名称有误");
    EXPECT_EQ(str(activity_json(lead, id).at("title")), "共过主题党日（更正）");
    const auto entries = lead.get(path(id, "ledger-entries")).json().at("items").as_array();
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(str(entries[0].at("kind")), "archive");
    EXPECT_EQ(str(entries[1].at("kind")), "amendment");
    EXPECT_EQ(entries[1].at("previous_hash"), entries[0].at("entry_hash"));
    EXPECT_TRUE(first_chain().at("intact").as_bool());
    // Only archived activities are amended.
    const long long open = create(body(true));
    const auto early = post_body(admin, path(open, "amendments"),
                                 {{"reason", "错字"}, {"changes", {{"title", "新名"}}}});
    EXPECT_EQ(early.status, 409);
    EXPECT_EQ(reason_of(early), "not_archived");
}

TEST_F(ActivityApi, TheLeadReturnsASubmittedLedgerWithAReason) {
    const long long id = complete_activity("return.jpg");
    ASSERT_EQ(lead.post(path(id, "submit-ledger")).status, 200);
    EXPECT_EQ(admin.post(path(id, "return-ledger")).status, 422);
    const auto returned = post_body(admin, path(id, "return-ledger"), {{"reason", "照片不清晰"}});
    ASSERT_EQ(returned.status, 200) << returned.body;
    EXPECT_EQ(str(returned.json().at("state")), "held");
    EXPECT_TRUE(returned.json().at("ledger_submitted_at").is_null());
}

TEST_F(ActivityApi, TheCoverageMatrixSetsThePlanAgainstWhatWasHeld) {
    const long long id = create(body());
    const auto date = programme_clock::local_date(programme_clock::now() - std::chrono::hours(50));
    const int year = std::stoi(date.substr(0, 4));
    const int month = std::stoi(date.substr(5, 2));
    const auto result = lead.get("/api/v1/alliances/" + std::to_string(first) +
                                 "/coverage?year=" + std::to_string(year));
    ASSERT_EQ(result.status, 200) << result.body;
    const auto matrix = result.json();
    ASSERT_EQ(matrix.at("rows").as_array().size(), 6u);
    const auto& row = matrix.at("rows").at(0);
    EXPECT_EQ(str(row.at("linkage")), "theory_study");
    ASSERT_EQ(row.at("cells").as_array().size(), 12u);
    const auto& cell = row.at("cells").at(month - 1);
    EXPECT_GE(cell.at("held").as_int64(), 1);
    EXPECT_TRUE(contains(int_array(cell.at("activity_ids")), id));
    EXPECT_GE(matrix.at("held").as_int64(), 1);
    EXPECT_EQ(other_lead.get("/api/v1/alliances/" + std::to_string(first) + "/coverage").status,
              403);
}

}  // namespace
}  // namespace lianjian::testing::activity_support
