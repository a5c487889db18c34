#include "storage/attendance_repository.hpp"

#include "storage/binding.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace lianjian::storage {

namespace {

attendance::AttendanceRow read_row(const soci::row& row) {
    const Columns columns(row);
    attendance::AttendanceRow result;
    result.member = {columns.integer("member_id"), columns.text("member_name")};
    result.unit = {columns.integer("unit_id"), columns.text("unit_name")};
    if (const auto status = columns.optional_text("status")) {
        result.status = find_enum<attendance::AttendanceStatus>(*status);
    }
    if (const auto method = columns.optional_text("method")) {
        result.method = find_enum<attendance::AttendanceMethod>(*method);
    }
    result.recorded_at = columns.optional_text("recorded_at");
    if (const auto user = columns.optional_integer("recorded_by_id")) {
        result.recorded_by = NamedRef{*user, columns.text("recorded_by_name")};
    }
    return result;
}

constexpr const char* row_select =
    "SELECT t.member_id AS member_id, m.name AS member_name, t.unit_id AS unit_id, u.name AS "
    "unit_name, t.status AS status, t.method AS method, t.recorded_at AS recorded_at, "
    "t.recorded_by_user_id AS recorded_by_id, au.display_name AS recorded_by_name FROM "
    "attendance t JOIN member m ON m.id = t.member_id JOIN unit u ON u.id = t.unit_id JOIN "
    "activity a ON a.id = t.activity_id LEFT JOIN app_user au ON au.id = t.recorded_by_user_id "
    "WHERE t.activity_id = :activity";

}  // namespace

std::optional<attendance::ActivityFacts> find_activity_facts(Session& session,
                                                             long long activity_id) {
    std::optional<attendance::ActivityFacts> facts;
    Query(
        "SELECT a.id AS id, a.alliance_id AS alliance_id, l.name AS alliance_name, "
        "a.host_unit_id AS host_id, u.name AS host_name, a.state AS state, a.title AS title, "
        "a.place AS place, a.starts_at AS starts_at, a.ends_at AS ends_at FROM activity a JOIN "
        "alliance l ON l.id = a.alliance_id JOIN unit u ON u.id = a.host_unit_id WHERE a.id = "
        ":id")
        .bind("id", activity_id)
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            attendance::ActivityFacts read;
            read.id = columns.integer("id");
            read.alliance = {columns.integer("alliance_id"), columns.text("alliance_name")};
            read.host_unit = {columns.integer("host_id"), columns.text("host_name")};
            read.state = find_enum<attendance::ActivityState>(columns.text("state"))
                             .value_or(attendance::ActivityState::cancelled);
            read.title = columns.text("title");
            read.place = columns.text("place");
            read.starts_at = columns.text("starts_at");
            read.ends_at = columns.text("ends_at");
            facts = std::move(read);
        });
    if (facts) {
        Query("SELECT unit_id FROM activity_unit WHERE activity_id = :activity ORDER BY unit_id")
            .bind("activity", activity_id)
            .for_each_row(session, [&](const soci::row& row) {
                facts->participating_unit_ids.push_back(integer_at(row, 0));
            });
    }
    return facts;
}

std::vector<long long> current_alliance_unit_ids(Session& session, long long alliance_id) {
    std::vector<long long> ids;
    Query(
        "SELECT unit_id FROM alliance_membership WHERE alliance_id = :alliance AND left_on IS "
        "NULL ORDER BY unit_id")
        .bind("alliance", alliance_id)
        .for_each_row(session, [&](const soci::row& row) { ids.push_back(integer_at(row, 0)); });
    return ids;
}

std::vector<attendance::AttendanceRow> attendance_rows(Session& session, long long activity_id) {
    std::vector<attendance::AttendanceRow> rows;
    Query(std::string(row_select) +
          " ORDER BY CASE WHEN t.unit_id = a.host_unit_id THEN 0 ELSE 1 END, t.unit_id, "
          "t.member_id")
        .bind("activity", activity_id)
        .for_each_row(session, [&](const soci::row& row) { rows.push_back(read_row(row)); });
    return rows;
}

std::optional<attendance::AttendanceRow> attendance_row(Session& session, long long activity_id,
                                                        long long member_id) {
    std::optional<attendance::AttendanceRow> found;
    Query(std::string(row_select) + " AND t.member_id = :member")
        .bind("activity", activity_id)
        .bind("member", member_id)
        .for_each_row(session, [&](const soci::row& row) { found = read_row(row); });
    return found;
}

std::vector<RosterMember> roster_members(Session& session, const std::vector<long long>& ids) {
    std::vector<RosterMember> members;
    if (ids.empty()) {
        return members;
    }
    Query("SELECT m.id, m.unit_id, m.active FROM member m WHERE " +
          session.in_id_list("m.id", "ids"))
        .bind("ids", session.id_list(ids))
        .for_each_row(session, [&](const soci::row& row) {
            members.push_back({integer_at(row, 0), integer_at(row, 1), flag_at(row, 2)});
        });
    return members;
}

void upsert_attendance(Session& session, long long activity_id, long long member_id,
                       long long unit_id, attendance::AttendanceStatus status,
                       attendance::AttendanceMethod method, const std::string& now,
                       std::optional<long long> recorded_by_user_id) {
    const std::string status_code = enum_code(status);
    const std::string method_code = enum_code(method);
    const auto recorded_by = to_boost(recorded_by_user_id);
    session << "INSERT INTO attendance (activity_id, member_id, unit_id, status, method, "
               "recorded_at, recorded_by_user_id) VALUES (:activity, :member, :unit, :status, "
               ":method, :recorded_at, :recorded_by) ON CONFLICT (activity_id, member_id) DO "
               "UPDATE SET status = excluded.status, method = excluded.method, recorded_at = "
               "excluded.recorded_at, recorded_by_user_id = excluded.recorded_by_user_id",
        soci::use(activity_id), soci::use(member_id), soci::use(unit_id), soci::use(status_code),
        soci::use(method_code), soci::use(now), soci::use(recorded_by);
}

bool mark_present(Session& session, long long activity_id, long long member_id,
                  attendance::AttendanceMethod method, const std::string& now,
                  std::optional<long long> recorded_by_user_id) {
    const std::string method_code = enum_code(method);
    const auto recorded_by = to_boost(recorded_by_user_id);
    soci::statement statement =
        (session.prepare << "UPDATE attendance SET status = 'present', method = :method, "
                            "recorded_at = :now, recorded_by_user_id = :recorded_by WHERE "
                            "activity_id = :activity AND member_id = :member AND (status IS NULL "
                            "OR status <> 'present')",
         soci::use(method_code), soci::use(now), soci::use(recorded_by), soci::use(activity_id),
         soci::use(member_id));
    statement.execute(true);
    return statement.get_affected_rows() == 1;
}

bool add_to_roster(Session& session, long long activity_id, long long member_id,
                   long long unit_id) {
    return Query(
               "INSERT INTO attendance (activity_id, member_id, unit_id) VALUES (:activity, "
               ":member, :unit) ON CONFLICT (activity_id, member_id) DO NOTHING")
               .bind("activity", activity_id)
               .bind("member", member_id)
               .bind("unit", unit_id)
               .execute(session) == 1;
}

bool remove_from_roster(Session& session, long long activity_id, long long member_id) {
    return Query(
               "DELETE FROM attendance WHERE activity_id = :activity AND member_id = :member "
               "AND status IS NULL")
               .bind("activity", activity_id)
               .bind("member", member_id)
               .execute(session) == 1;
}

std::vector<RosterPhone> roster_phones(Session& session, long long activity_id) {
    std::vector<RosterPhone> people;
    Query(
        "SELECT t.member_id, m.name, m.phone_sealed FROM attendance t JOIN member m ON m.id = "
        "t.member_id WHERE t.activity_id = :activity ORDER BY t.member_id")
        .bind("activity", activity_id)
        .for_each_row(session, [&](const soci::row& row) {
            people.push_back({integer_at(row, 0), text_at(row, 1), text_at(row, 2)});
        });
    return people;
}

std::vector<SigninFailure> signin_failures(Session& session, long long activity_id,
                                           const std::string& since) {
    std::vector<SigninFailure> failures;
    Query(
        "SELECT client, failed_at FROM signin_failure WHERE activity_id = :activity AND "
        "failed_at > :since ORDER BY failed_at")
        .bind("activity", activity_id)
        .bind("since", since)
        .for_each_row(session, [&](const soci::row& row) {
            failures.push_back({text_at(row, 0), text_at(row, 1)});
        });
    return failures;
}

void insert_signin_failure(Session& session, long long activity_id, const std::string& client,
                           const std::string& now) {
    Query(
        "INSERT INTO signin_failure (activity_id, client, failed_at) VALUES (:activity, "
        ":client, :now)")
        .bind("activity", activity_id)
        .bind("client", client)
        .bind("now", now)
        .execute(session);
}

std::optional<long long> member_of_user(Session& session, long long user_id) {
    std::optional<long long> member;
    Query("SELECT member_id FROM app_user WHERE id = :id")
        .bind("id", user_id)
        .for_each_row(session, [&](const soci::row& row) { member = optional_integer_at(row, 0); });
    return member;
}

long long record_demo_attendance(Session& session, long long activity_id, long long user_id,
                                 const std::string& now) {
    return Query(
               "UPDATE attendance SET status = CASE WHEN member_id % 12 = 5 THEN 'leave' WHEN "
               "member_id % 20 = 7 THEN 'absent' ELSE 'present' END, method = 'manual', "
               "recorded_at = :now, recorded_by_user_id = :user WHERE activity_id = :activity AND "
               "status IS NULL")
        .bind("now", now)
        .bind("user", user_id)
        .bind("activity", activity_id)
        .execute(session);
}

}  // namespace lianjian::storage
