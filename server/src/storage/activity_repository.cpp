#include "storage/activity_repository.hpp"

#include "core/clock.hpp"
#include "storage/binding.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

#include <map>

namespace lianjian::storage {

namespace {

using activities::Activity;
using activities::ActivityState;

constexpr const char* activity_columns =
    "SELECT a.id AS id, a.alliance_id AS alliance_id, al.name AS alliance_name, "
    "al.lead_unit_id AS lead_unit_id, a.year AS year, a.linkage AS linkage, a.kind AS kind, "
    "a.title AS title, a.theme AS theme, a.content AS content, a.outcomes AS outcomes, "
    "a.minutes AS minutes, a.place AS place, a.starts_at AS starts_at, a.ends_at AS ends_at, "
    "a.host_unit_id AS host_unit_id, h.name AS host_unit_name, t.host_unit_id AS "
    "rotation_host_id, rh.name AS rotation_host_name, a.host_change_reason AS "
    "host_change_reason, a.rotation_turn_id AS rotation_turn_id, a.plan_item_id AS "
    "plan_item_id, a.state AS state, a.cancel_reason AS cancel_reason, a.version AS version, "
    "a.created_by_user_id AS created_by_id, cu.display_name AS created_by_name, a.created_at AS "
    "created_at, a.updated_at AS updated_at, a.held_at AS held_at, a.ledger_submitted_at AS "
    "ledger_submitted_at, a.archived_at AS archived_at, "
    "(SELECT COUNT(*) FROM attendance x WHERE x.activity_id = a.id) AS expected, "
    "(SELECT COUNT(*) FROM attendance x WHERE x.activity_id = a.id AND x.status = 'present') "
    "AS present, "
    "(SELECT COUNT(*) FROM attendance x WHERE x.activity_id = a.id AND x.status = 'leave') AS "
    "on_leave, "
    "(SELECT COUNT(*) FROM attendance x WHERE x.activity_id = a.id AND x.status = 'absent') AS "
    "absent, "
    "(SELECT COUNT(*) FROM attachment f WHERE f.activity_id = a.id AND f.removed_at IS NULL) "
    "AS attachment_count, "
    "(SELECT COUNT(*) FROM attachment f WHERE f.activity_id = a.id AND f.removed_at IS NULL "
    "AND f.kind = 'photo') AS photo_count, "
    "(SELECT COUNT(*) FROM attachment f WHERE f.activity_id = a.id AND f.removed_at IS NULL "
    "AND f.kind = 'minutes') AS minutes_count, "
    "(SELECT COUNT(*) FROM ledger_entry e WHERE e.activity_id = a.id AND e.kind = "
    "'amendment') AS amendment_count";

constexpr const char* activity_joins =
    " FROM activity a JOIN alliance al ON al.id = a.alliance_id JOIN unit h ON h.id = "
    "a.host_unit_id LEFT JOIN rotation_turn t ON t.id = a.rotation_turn_id LEFT JOIN unit rh ON "
    "rh.id = t.host_unit_id LEFT JOIN app_user cu ON cu.id = a.created_by_user_id";

int local_month(const std::string& starts_at) {
    const auto date = programme_clock::local_date(parse_timestamp(starts_at, "starts_at"));
    return std::stoi(date.substr(5, 2));
}

Activity read_activity(const soci::row& row) {
    const Columns columns(row);
    Activity activity;
    activity.id = columns.integer("id");
    activity.alliance = {columns.integer("alliance_id"), columns.text("alliance_name")};
    activity.lead_unit_id = columns.integer("lead_unit_id");
    activity.year = static_cast<int>(columns.integer("year"));
    activity.linkage = parse_enum<campaign::Linkage>("linkage", columns.text("linkage"));
    activity.kind = parse_enum<campaign::ActivityKind>("kind", columns.text("kind"));
    activity.title = columns.text("title");
    activity.theme = columns.text("theme");
    activity.content = columns.text("content");
    activity.outcomes = columns.text("outcomes");
    activity.minutes = columns.text("minutes");
    activity.place = columns.text("place");
    activity.starts_at = columns.text("starts_at");
    activity.ends_at = columns.text("ends_at");
    activity.month = local_month(activity.starts_at);
    activity.host_unit = {columns.integer("host_unit_id"), columns.text("host_unit_name")};
    if (auto host = columns.optional_integer("rotation_host_id")) {
        activity.rotation_host_unit =
            NamedRef{*host, columns.optional_text("rotation_host_name").value_or("")};
    }
    activity.host_change_reason = columns.text("host_change_reason");
    activity.rotation_turn_id = columns.optional_integer("rotation_turn_id");
    activity.plan_item_id = columns.optional_integer("plan_item_id");
    activity.state = parse_enum<ActivityState>("state", columns.text("state"));
    activity.cancel_reason = columns.text("cancel_reason");
    activity.version = static_cast<int>(columns.integer("version"));
    if (auto user = columns.optional_integer("created_by_id")) {
        activity.created_by =
            NamedRef{*user, columns.optional_text("created_by_name").value_or("")};
    }
    activity.created_at = columns.text("created_at");
    activity.updated_at = columns.text("updated_at");
    activity.held_at = columns.optional_text("held_at");
    activity.ledger_submitted_at = columns.optional_text("ledger_submitted_at");
    activity.archived_at = columns.optional_text("archived_at");
    auto& counts = activity.attendance;
    counts.expected = columns.integer("expected");
    counts.present = columns.integer("present");
    counts.leave = columns.integer("on_leave");
    counts.absent = columns.integer("absent");
    activity.recorded_attendance = counts.present + counts.leave + counts.absent;
    counts.unrecorded = counts.expected - activity.recorded_attendance;
    if (counts.expected > 0 && counts.expected > counts.leave) {
        counts.rate = static_cast<double>(counts.present) /
                      static_cast<double>(counts.expected - counts.leave);
    }
    activity.attachment_count = columns.integer("attachment_count");
    activity.photo_count = columns.integer("photo_count");
    activity.minutes_attachment_count = columns.integer("minutes_count");
    activity.amendment_count = columns.integer("amendment_count");
    return activity;
}

// The units and parts of the activities: one query each.
void load_related(Session& session, std::vector<Activity>& activities) {
    if (activities.empty()) {
        return;
    }
    std::map<long long, Activity*> by_id;
    std::vector<long long> ids;
    for (auto& activity : activities) {
        by_id[activity.id] = &activity;
        ids.push_back(activity.id);
    }
    const std::string id_list = session.id_list(ids);
    Query(
        "SELECT x.activity_id AS activity_id, x.unit_id AS unit_id, u.name AS unit_name FROM "
        "activity_unit x JOIN unit u ON u.id = x.unit_id WHERE " +
        session.in_id_list("x.activity_id", "activity_ids") + " ORDER BY x.unit_id")
        .bind("activity_ids", id_list)
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            by_id.at(columns.integer("activity_id"))
                ->participating_units.push_back(
                    {columns.integer("unit_id"), columns.text("unit_name")});
        });
    Query(
        "SELECT p.activity_id AS activity_id, p.unit_id AS unit_id, u.name AS unit_name, "
        "p.content AS content, p.outcomes AS outcomes, p.updated_at AS updated_at, p.version AS "
        "version FROM activity_part p JOIN unit u ON u.id = p.unit_id WHERE " +
        session.in_id_list("p.activity_id", "activity_ids") + " ORDER BY p.unit_id")
        .bind("activity_ids", id_list)
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            by_id.at(columns.integer("activity_id"))
                ->parts.push_back({{columns.integer("unit_id"), columns.text("unit_name")},
                                   columns.text("content"),
                                   columns.text("outcomes"),
                                   columns.text("updated_at"),
                                   static_cast<int>(columns.integer("version"))});
        });
}

}  // namespace

std::optional<Activity> find_activity(Session& session, long long activity_id) {
    std::vector<Activity> found;
    Query(std::string(activity_columns) + activity_joins + " WHERE a.id = :id")
        .bind("id", activity_id)
        .for_each_row(session, [&](const soci::row& row) { found.push_back(read_activity(row)); });
    if (found.empty()) {
        return std::nullopt;
    }
    load_related(session, found);
    return std::move(found.front());
}

ActivityRows list_activities(Session& session, const ActivityQuery& query) {
    Query filter(" WHERE 1 = 1");
    if (query.alliance_id) {
        filter.append(" AND a.alliance_id = :alliance").bind("alliance", *query.alliance_id);
    }
    if (query.year) {
        filter.append(" AND a.year = :year").bind("year", static_cast<long long>(*query.year));
    }
    if (query.state) {
        filter.append(" AND a.state = :state").bind("state", enum_code(*query.state));
    }
    if (query.without_cancelled) {
        filter.append(" AND a.state <> 'cancelled'");
    }
    if (query.linkage) {
        filter.append(" AND a.linkage = :linkage").bind("linkage", enum_code(*query.linkage));
    }
    if (query.kind) {
        filter.append(" AND a.kind = :kind").bind("kind", enum_code(*query.kind));
    }
    if (query.host_unit_id) {
        filter.append(" AND a.host_unit_id = :host").bind("host", *query.host_unit_id);
    }
    if (query.plan_item_id) {
        filter.append(" AND a.plan_item_id = :item").bind("item", *query.plan_item_id);
    }
    if (query.starts_from) {
        filter.append(" AND a.starts_at >= :starts_from").bind("starts_from", *query.starts_from);
    }
    if (query.starts_before) {
        filter.append(" AND a.starts_at < :starts_before")
            .bind("starts_before", *query.starts_before);
    }
    if (query.q) {
        filter.append(" AND a.title LIKE :q ESCAPE '\\'").bind("q", contains_pattern(*query.q));
    }
    ActivityRows rows;
    rows.total = filter.with_sql("SELECT COUNT(*) FROM activity a" + filter.sql()).scalar(session);
    Query select = filter.with_sql(std::string(activity_columns) + activity_joins + filter.sql() +
                                   " ORDER BY a.starts_at, a.id");
    if (query.limit) {
        select.append(" LIMIT :limit OFFSET :offset")
            .bind("limit", *query.limit)
            .bind("offset", query.offset);
    }
    select.for_each_row(session,
                        [&](const soci::row& row) { rows.items.push_back(read_activity(row)); });
    load_related(session, rows.items);
    return rows;
}

long long insert_activity(Session& session, const Activity& activity, long long user_id,
                          const std::string& now) {
    long long id = 0;
    const std::string linkage = enum_code(activity.linkage);
    const std::string kind = enum_code(activity.kind);
    const std::string state = enum_code(activity.state);
    const auto turn = to_boost(activity.rotation_turn_id);
    const auto item = to_boost(activity.plan_item_id);
    const auto held = to_boost(activity.held_at);
    const auto user = to_boost(user_id > 0 ? std::optional<long long>(user_id) : std::nullopt);
    const int year = activity.year;
    session << "INSERT INTO activity (alliance_id, year, linkage, kind, title, theme, content, "
               "outcomes, minutes, place, starts_at, ends_at, host_unit_id, host_change_reason, "
               "rotation_turn_id, plan_item_id, state, version, created_by_user_id, created_at, "
               "updated_at, held_at) VALUES (:alliance, :year, :linkage, :kind, :title, :theme, "
               ":content, :outcomes, :minutes, :place, :starts_at, :ends_at, :host, :reason, "
               ":turn, :item, :state, 1, :user, :created, :updated, :held) RETURNING id",
        soci::use(activity.alliance.id), soci::use(year), soci::use(linkage), soci::use(kind),
        soci::use(activity.title), soci::use(activity.theme), soci::use(activity.content),
        soci::use(activity.outcomes), soci::use(activity.minutes), soci::use(activity.place),
        soci::use(activity.starts_at), soci::use(activity.ends_at),
        soci::use(activity.host_unit.id), soci::use(activity.host_change_reason), soci::use(turn),
        soci::use(item), soci::use(state), soci::use(user), soci::use(now), soci::use(now),
        soci::use(held), soci::into(id);
    return id;
}

bool update_activity(Session& session, const Activity& activity, const std::string& now) {
    const std::string state = enum_code(activity.state);
    const auto held = to_boost(activity.held_at);
    const auto submitted = to_boost(activity.ledger_submitted_at);
    const auto archived = to_boost(activity.archived_at);
    const int year = activity.year;
    const int version = activity.version;
    soci::statement statement =
        (session.prepare << "UPDATE activity SET year = :year, title = :title, theme = :theme, "
                            "content = :content, outcomes = :outcomes, minutes = :minutes, "
                            "place = :place, starts_at = :starts_at, ends_at = :ends_at, state = "
                            ":state, cancel_reason = :cancel_reason, held_at = :held, "
                            "ledger_submitted_at = :submitted, archived_at = :archived, version "
                            "= version + 1, updated_at = :now WHERE id = :id AND version = "
                            ":version",
         soci::use(year), soci::use(activity.title), soci::use(activity.theme),
         soci::use(activity.content), soci::use(activity.outcomes), soci::use(activity.minutes),
         soci::use(activity.place), soci::use(activity.starts_at), soci::use(activity.ends_at),
         soci::use(state), soci::use(activity.cancel_reason), soci::use(held), soci::use(submitted),
         soci::use(archived), soci::use(now), soci::use(activity.id), soci::use(version));
    statement.execute(true);
    return statement.get_affected_rows() == 1;
}

void replace_activity_units(Session& session, long long activity_id,
                            const std::vector<long long>& unit_ids) {
    session << "DELETE FROM activity_unit WHERE activity_id = :id", soci::use(activity_id);
    for (long long unit : unit_ids) {
        session << "INSERT INTO activity_unit (activity_id, unit_id) VALUES (:activity, :unit)",
            soci::use(activity_id), soci::use(unit);
    }
}

activities::Part save_part(Session& session, long long activity_id, long long unit_id,
                           const std::string& content, const std::string& outcomes,
                           long long user_id, const std::string& now) {
    const auto user = to_boost(user_id > 0 ? std::optional<long long>(user_id) : std::nullopt);
    const auto existing = Query(
                              "SELECT COUNT(*) FROM activity_part WHERE activity_id = :activity "
                              "AND unit_id = :unit")
                              .bind("activity", activity_id)
                              .bind("unit", unit_id)
                              .scalar(session);
    if (existing > 0) {
        session << "UPDATE activity_part SET content = :content, outcomes = :outcomes, version = "
                   "version + 1, recorded_by_user_id = :user, updated_at = :now WHERE "
                   "activity_id = :activity AND unit_id = :unit",
            soci::use(content), soci::use(outcomes), soci::use(user), soci::use(now),
            soci::use(activity_id), soci::use(unit_id);
    } else {
        session << "INSERT INTO activity_part (activity_id, unit_id, content, outcomes, version, "
                   "recorded_by_user_id, created_at, updated_at) VALUES (:activity, :unit, "
                   ":content, :outcomes, 1, :user, :created, :updated)",
            soci::use(activity_id), soci::use(unit_id), soci::use(content), soci::use(outcomes),
            soci::use(user), soci::use(now), soci::use(now);
    }
    activities::Part part;
    Query(
        "SELECT p.unit_id AS unit_id, u.name AS unit_name, p.content AS content, p.outcomes AS "
        "outcomes, p.updated_at AS updated_at, p.version AS version FROM activity_part p JOIN "
        "unit u ON u.id = p.unit_id WHERE p.activity_id = :activity AND p.unit_id = :unit")
        .bind("activity", activity_id)
        .bind("unit", unit_id)
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            part = {{columns.integer("unit_id"), columns.text("unit_name")},
                    columns.text("content"),
                    columns.text("outcomes"),
                    columns.text("updated_at"),
                    static_cast<int>(columns.integer("version"))};
        });
    return part;
}

std::optional<PlanItemFacts> find_plan_item(Session& session, long long item_id) {
    std::optional<PlanItemFacts> facts;
    Query(
        "SELECT p.alliance_id AS alliance_id, p.year AS year, i.id AS id, i.theme AS theme, "
        "i.linkage AS linkage, i.kind AS kind, i.month AS month, i.place AS place, "
        "i.host_unit_id AS host_unit_id FROM plan_item i JOIN plan_version v ON v.id = "
        "i.plan_version_id JOIN plan p ON p.id = v.plan_id WHERE i.id = :id")
        .bind("id", item_id)
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            PlanItemFacts found;
            found.alliance_id = columns.integer("alliance_id");
            found.year = static_cast<int>(columns.integer("year"));
            found.item.id = columns.integer("id");
            found.item.theme = columns.text("theme");
            found.item.linkage = parse_enum<campaign::Linkage>("linkage", columns.text("linkage"));
            found.item.kind = parse_enum<campaign::ActivityKind>("kind", columns.text("kind"));
            found.item.month = static_cast<int>(columns.integer("month"));
            found.item.place = columns.text("place");
            if (auto host = columns.optional_integer("host_unit_id")) {
                found.item.host_unit = NamedRef{*host, ""};
            }
            facts = std::move(found);
        });
    if (facts) {
        Query("SELECT unit_id FROM plan_item_unit WHERE plan_item_id = :id ORDER BY unit_id")
            .bind("id", item_id)
            .for_each_row(session, [&](const soci::row& row) {
                facts->item.participating_units.push_back({integer_at(row, 0), ""});
            });
    }
    return facts;
}

std::optional<long long> turn_id(Session& session, long long alliance_id, int year, int sequence) {
    std::optional<long long> id;
    Query(
        "SELECT id FROM rotation_turn WHERE alliance_id = :alliance AND year = :year AND "
        "sequence = :sequence")
        .bind("alliance", alliance_id)
        .bind("year", static_cast<long long>(year))
        .bind("sequence", static_cast<long long>(sequence))
        .for_each_row(session, [&](const soci::row& row) { id = integer_at(row, 0); });
    return id;
}

std::vector<std::pair<campaign::Linkage, int>> planned_items(Session& session,
                                                             long long alliance_id, int year) {
    std::optional<long long> version_id;
    Query(
        "SELECT v.id FROM plan_version v JOIN plan p ON p.id = v.plan_id WHERE p.alliance_id = "
        ":alliance AND p.year = :year ORDER BY CASE WHEN v.state = 'approved' THEN 0 ELSE 1 "
        "END, v.number DESC")
        .bind("alliance", alliance_id)
        .bind("year", static_cast<long long>(year))
        .for_each_row(session, [&](const soci::row& row) {
            if (!version_id)
                version_id = integer_at(row, 0);
        });
    std::vector<std::pair<campaign::Linkage, int>> items;
    if (!version_id) {
        return items;
    }
    Query("SELECT linkage, month FROM plan_item WHERE plan_version_id = :version ORDER BY id")
        .bind("version", *version_id)
        .for_each_row(session, [&](const soci::row& row) {
            items.emplace_back(parse_enum<campaign::Linkage>("linkage", text_at(row, 0)),
                               static_cast<int>(integer_at(row, 1)));
        });
    return items;
}

std::vector<activities::HeldActivity> held_activities(Session& session, long long alliance_id,
                                                      int year) {
    std::vector<activities::HeldActivity> held;
    Query(
        "SELECT id, linkage, starts_at FROM activity WHERE alliance_id = :alliance AND year = "
        ":year AND state IN ('held', 'ledger_submitted', 'archived') ORDER BY starts_at, id")
        .bind("alliance", alliance_id)
        .bind("year", static_cast<long long>(year))
        .for_each_row(session, [&](const soci::row& row) {
            held.push_back({integer_at(row, 0),
                            parse_enum<campaign::Linkage>("linkage", text_at(row, 1)),
                            local_month(text_at(row, 2))});
        });
    return held;
}

std::vector<ledger::FrozenAttendance> frozen_attendance(Session& session, long long activity_id) {
    std::vector<ledger::FrozenAttendance> rows;
    Query(
        "SELECT x.member_id AS member_id, m.name AS name, x.unit_id AS unit_id, u.name AS "
        "unit_name, x.status AS status FROM attendance x JOIN member m ON m.id = x.member_id "
        "JOIN unit u ON u.id = x.unit_id WHERE x.activity_id = :activity ORDER BY x.member_id")
        .bind("activity", activity_id)
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            rows.push_back({columns.integer("member_id"),
                            columns.text("name"),
                            {columns.integer("unit_id"), columns.text("unit_name")},
                            columns.optional_text("status").value_or("")});
        });
    return rows;
}

std::vector<ledger::FrozenAttachment> frozen_attachments(Session& session, long long activity_id) {
    std::vector<ledger::FrozenAttachment> files;
    Query(
        "SELECT id, kind, original_name, stored_name, sha256 FROM attachment WHERE activity_id "
        "= :activity AND removed_at IS NULL ORDER BY id")
        .bind("activity", activity_id)
        .for_each_row(session, [&](const soci::row& row) {
            files.push_back({integer_at(row, 0), text_at(row, 1), text_at(row, 2), text_at(row, 3),
                             text_at(row, 4)});
        });
    return files;
}

}  // namespace lianjian::storage
