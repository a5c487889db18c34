#include "storage/alliance_repository.hpp"

#include "storage/binding.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

#include <limits>
#include <map>

namespace lianjian::storage {

namespace {

constexpr const char* alliance_select =
    "SELECT a.id AS id, a.name AS name, a.batch AS batch, a.office_area_id AS office_area_id, "
    "o.name AS office_area_name, a.lead_unit_id AS lead_unit_id, l.name AS lead_unit_name, "
    "a.rotation_mode AS rotation_mode, a.founded_on AS founded_on, "
    "a.dissolved_on AS dissolved_on, a.note AS note FROM alliance a "
    "JOIN office_area o ON o.id = a.office_area_id JOIN unit l ON l.id = a.lead_unit_id";

alliances::Alliance read_alliance(const soci::row& row) {
    const Columns columns(row);
    alliances::Alliance alliance;
    alliance.id = columns.integer("id");
    alliance.name = columns.text("name");
    alliance.batch = static_cast<int>(columns.integer("batch"));
    alliance.office_area = {columns.integer("office_area_id"), columns.text("office_area_name")};
    alliance.lead_unit = {columns.integer("lead_unit_id"), columns.text("lead_unit_name")};
    alliance.rotation_mode =
        parse_enum<alliances::RotationMode>("rotation_mode", columns.text("rotation_mode"));
    alliance.founded_on = columns.text("founded_on");
    alliance.dissolved_on = columns.optional_text("dissolved_on");
    alliance.note = columns.text("note");
    return alliance;
}

constexpr const char* member_select =
    "SELECT m.alliance_id AS alliance_id, m.unit_id AS unit_id, u.name AS unit_name, "
    "m.joined_on AS joined_on, m.left_on AS left_on, u.first_responsible AS first_responsible, "
    "u.direct_responsible AS direct_responsible, u.liaison AS liaison "
    "FROM alliance_membership m JOIN unit u ON u.id = m.unit_id";

alliances::AllianceMember read_member(const soci::row& row, long long lead_unit_id) {
    const Columns columns(row);
    alliances::AllianceMember member;
    member.unit = {columns.integer("unit_id"), columns.text("unit_name")};
    member.role = member.unit.id == lead_unit_id ? alliances::MemberRole::lead
                                                 : alliances::MemberRole::member;
    member.joined_on = columns.text("joined_on");
    member.left_on = columns.optional_text("left_on");
    member.first_responsible = columns.text("first_responsible");
    member.direct_responsible = columns.text("direct_responsible");
    member.liaison = columns.text("liaison");
    return member;
}

void add_member(alliances::Alliance& alliance, alliances::AllianceMember member) {
    if (member.role == alliances::MemberRole::lead) {
        alliance.members.insert(alliance.members.begin(), std::move(member));
    } else {
        alliance.members.push_back(std::move(member));
    }
}

std::vector<long long> ids_of(const std::vector<alliances::Alliance>& list) {
    std::vector<long long> ids;
    ids.reserve(list.size());
    for (const auto& alliance : list) {
        ids.push_back(alliance.id);
    }
    return ids;
}

std::map<long long, std::size_t> index_of(const std::vector<alliances::Alliance>& list) {
    std::map<long long, std::size_t> index;
    for (std::size_t i = 0; i < list.size(); ++i) {
        index[list[i].id] = i;
    }
    return index;
}

// The lead unit of each listed alliance on `on_date`: the founding lead or the last change of
// lead by then, so an alliance shown as it stood on a past date shows the lead of that day. One
// query for the whole list.
void apply_leads_on(Session& session, std::vector<alliances::Alliance>& list,
                    const std::string& on_date) {
    const auto index = index_of(list);
    Query(
        "SELECT x.alliance_id AS alliance_id, x.unit_id AS unit_id, u.name AS unit_name FROM "
        "(SELECT e.alliance_id AS alliance_id, e.unit_id AS unit_id, ROW_NUMBER() OVER "
        "(PARTITION BY e.alliance_id ORDER BY e.occurred_on DESC, e.id DESC) AS position "
        "FROM alliance_event e WHERE " +
        session.in_id_list("e.alliance_id", "alliance_ids") +
        " AND e.kind IN ('founded', 'lead_changed') AND e.occurred_on <= :on_date) x "
        "JOIN unit u ON u.id = x.unit_id WHERE x.position = 1")
        .bind("alliance_ids", session.id_list(ids_of(list)))
        .bind("on_date", on_date)
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            list[index.at(columns.integer("alliance_id"))].lead_unit = {columns.integer("unit_id"),
                                                                        columns.text("unit_name")};
        });
}

// The memberships open on `on_date` of the listed alliances, added to each: one query.
void attach_members(Session& session, std::vector<alliances::Alliance>& list,
                    const std::string& on_date) {
    const auto index = index_of(list);
    Query(std::string(member_select) + " WHERE " +
          session.in_id_list("m.alliance_id", "alliance_ids") +
          " AND m.joined_on <= :on_date AND (m.left_on IS NULL OR m.left_on > :on_date2)"
          " ORDER BY m.joined_on, m.id")
        .bind("alliance_ids", session.id_list(ids_of(list)))
        .bind("on_date", on_date)
        .bind("on_date2", on_date)
        .for_each_row(session, [&](const soci::row& row) {
            auto& alliance = list[index.at(Columns(row).integer("alliance_id"))];
            add_member(alliance, read_member(row, alliance.lead_unit.id));
        });
}

// Leads and members of a loaded list: a fixed number of queries whatever its length.
void complete(Session& session, std::vector<alliances::Alliance>& list,
              const std::string& on_date) {
    if (list.empty()) {
        return;
    }
    apply_leads_on(session, list, on_date);
    attach_members(session, list, on_date);
}

constexpr const char* active_on =
    " WHERE a.founded_on <= :on_date AND (a.dissolved_on IS NULL OR a.dissolved_on > :on_date2)";

}  // namespace

alliances::AlliancePage list_alliances(Session& session, const std::string& on_date,
                                       long long offset, long long limit) {
    alliances::AlliancePage page;
    page.total = Query(std::string("SELECT COUNT(*) FROM alliance a") + active_on)
                     .bind("on_date", on_date)
                     .bind("on_date2", on_date)
                     .scalar(session);
    Query(std::string(alliance_select) + active_on +
          " ORDER BY a.batch, a.id LIMIT :limit OFFSET :offset")
        .bind("on_date", on_date)
        .bind("on_date2", on_date)
        .bind("limit", limit)
        .bind("offset", offset)
        .for_each_row(session,
                      [&](const soci::row& row) { page.items.push_back(read_alliance(row)); });
    complete(session, page.items, on_date);
    return page;
}

std::vector<alliances::Alliance> list_alliances(Session& session, const std::string& on_date) {
    return list_alliances(session, on_date, 0, std::numeric_limits<int>::max()).items;
}

std::optional<alliances::Alliance> find_alliance(Session& session, long long alliance_id,
                                                 const std::string& on_date) {
    std::vector<alliances::Alliance> result;
    Query(std::string(alliance_select) + " WHERE a.id = :id")
        .bind("id", alliance_id)
        .for_each_row(session, [&](const soci::row& row) { result.push_back(read_alliance(row)); });
    if (result.empty()) {
        return std::nullopt;
    }
    complete(session, result, on_date);
    return result.front();
}

std::vector<alliances::AllianceMember> membership_history(Session& session, long long alliance_id) {
    const long long lead = Query("SELECT lead_unit_id FROM alliance WHERE id = :id")
                               .bind("id", alliance_id)
                               .scalar(session);
    std::vector<alliances::AllianceMember> history;
    Query(std::string(member_select) + " WHERE m.alliance_id = :id ORDER BY m.joined_on, m.id")
        .bind("id", alliance_id)
        .for_each_row(session,
                      [&](const soci::row& row) { history.push_back(read_member(row, lead)); });
    return history;
}

std::vector<alliances::MembershipSpan> membership_spans(Session& session, long long alliance_id) {
    std::vector<alliances::MembershipSpan> spans;
    Query(
        "SELECT unit_id AS unit_id, joined_on AS joined_on, left_on AS left_on FROM "
        "alliance_membership WHERE alliance_id = :id ORDER BY joined_on, id")
        .bind("id", alliance_id)
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            spans.push_back({columns.integer("unit_id"), columns.text("joined_on"),
                             columns.optional_text("left_on")});
        });
    return spans;
}

std::optional<long long> open_alliance_of_unit(Session& session, long long unit_id) {
    std::optional<long long> alliance_id;
    Query(
        "SELECT alliance_id FROM alliance_membership WHERE unit_id = :unit_id AND left_on IS NULL")
        .bind("unit_id", unit_id)
        .for_each_row(session, [&](const soci::row& row) { alliance_id = integer_at(row, 0); });
    return alliance_id;
}

bool alliance_name_taken(Session& session, const std::string& name, long long except_id) {
    return Query("SELECT COUNT(*) FROM alliance WHERE name = :name AND id <> :id")
               .bind("name", name)
               .bind("id", except_id)
               .scalar(session) > 0;
}

long long insert_alliance(Session& session, const alliances::Alliance& alliance,
                          const std::string& now) {
    long long id = 0;
    const std::string rotation_mode = enum_code(alliance.rotation_mode);
    session << "INSERT INTO alliance (name, batch, office_area_id, lead_unit_id, rotation_mode, "
               "founded_on, note, created_at, updated_at) VALUES (:name, :batch, :office_area_id, "
               ":lead_unit_id, :rotation_mode, :founded_on, :note, :created_at, :updated_at) "
               "RETURNING id",
        soci::use(alliance.name), soci::use(alliance.batch), soci::use(alliance.office_area.id),
        soci::use(alliance.lead_unit.id), soci::use(rotation_mode), soci::use(alliance.founded_on),
        soci::use(alliance.note), soci::use(now), soci::use(now), soci::into(id);
    return id;
}

void update_alliance(Session& session, const alliances::Alliance& alliance,
                     const std::string& now) {
    const auto dissolved_on = to_boost(alliance.dissolved_on);
    const std::string rotation_mode = enum_code(alliance.rotation_mode);
    session
        << "UPDATE alliance SET name = :name, batch = :batch, office_area_id = :office_area_id, "
           "lead_unit_id = :lead_unit_id, rotation_mode = :rotation_mode, dissolved_on = "
           ":dissolved_on, "
           "note = :note, updated_at = :updated_at WHERE id = :id",
        soci::use(alliance.name), soci::use(alliance.batch), soci::use(alliance.office_area.id),
        soci::use(alliance.lead_unit.id), soci::use(rotation_mode), soci::use(dissolved_on),
        soci::use(alliance.note), soci::use(now), soci::use(alliance.id);
}

void insert_membership(Session& session, long long alliance_id, long long unit_id,
                       const std::string& joined_on, const std::string& now) {
    session << "INSERT INTO alliance_membership (alliance_id, unit_id, joined_on, created_at) "
               "VALUES (:alliance_id, :unit_id, :joined_on, :created_at)",
        soci::use(alliance_id), soci::use(unit_id), soci::use(joined_on), soci::use(now);
}

void close_membership(Session& session, long long alliance_id, long long unit_id,
                      const std::string& left_on) {
    session
        << "UPDATE alliance_membership SET left_on = :left_on WHERE alliance_id = :alliance_id AND "
           "unit_id = :unit_id AND left_on IS NULL",
        soci::use(left_on), soci::use(alliance_id), soci::use(unit_id);
}

void insert_alliance_event(Session& session, long long alliance_id,
                           const std::string& occurred_on, alliances::AllianceEventKind kind,
                           std::optional<long long> unit_id, const std::string& reason,
                           std::optional<long long> actor_user_id, const std::string& now) {
    const std::string kind_code = enum_code(kind);
    const auto unit = to_boost(unit_id);
    const auto actor = to_boost(actor_user_id);
    session << "INSERT INTO alliance_event (alliance_id, occurred_on, kind, unit_id, reason, "
               "actor_user_id, "
               "created_at) VALUES (:alliance_id, :occurred_on, :kind, :unit_id, :reason, :actor, "
               ":created_at)",
        soci::use(alliance_id), soci::use(occurred_on), soci::use(kind_code), soci::use(unit),
        soci::use(reason), soci::use(actor), soci::use(now);
}

std::vector<alliances::AllianceEvent> alliance_events(Session& session, long long alliance_id,
                                                      std::optional<int> year) {
    std::vector<alliances::AllianceEvent> events;
    Query query(
        "SELECT e.id AS id, e.occurred_on AS occurred_on, e.kind AS kind, e.unit_id AS unit_id, "
        "u.name AS unit_name, e.reason AS reason, COALESCE(p.display_name, '') AS actor "
        "FROM alliance_event e LEFT JOIN unit u ON u.id = e.unit_id LEFT JOIN app_user p ON p.id = "
        "e.actor_user_id "
        "WHERE e.alliance_id = :id");
    query.bind("id", alliance_id);
    if (year) {
        query.append(" AND e.occurred_on >= :from AND e.occurred_on <= :to")
            .bind("from", std::to_string(*year) + "-01-01")
            .bind("to", std::to_string(*year) + "-12-31");
    }
    query.append(" ORDER BY e.occurred_on, e.id").for_each_row(session, [&](const soci::row& row) {
        alliances::AllianceEvent event;
        const Columns columns(row);
        event.id = columns.integer("id");
        event.occurred_on = columns.text("occurred_on");
        event.kind = parse_enum<alliances::AllianceEventKind>("kind", columns.text("kind"));
        if (auto unit_id = columns.optional_integer("unit_id")) {
            event.unit = registry::NamedRef{*unit_id, columns.text("unit_name")};
        }
        event.reason = columns.text("reason");
        event.actor = columns.text("actor");
        events.push_back(std::move(event));
    });
    return events;
}

std::vector<long long> rotation_order(Session& session, long long alliance_id) {
    std::vector<long long> order;
    Query("SELECT unit_id FROM rotation_position WHERE alliance_id = :id ORDER BY position")
        .bind("id", alliance_id)
        .for_each_row(session, [&](const soci::row& row) { order.push_back(integer_at(row, 0)); });
    return order;
}

void replace_rotation_order(Session& session, long long alliance_id,
                            const std::vector<long long>& unit_ids) {
    session << "DELETE FROM rotation_position WHERE alliance_id = :id", soci::use(alliance_id);
    int position = 0;
    for (long long unit_id : unit_ids) {
        ++position;
        session
            << "INSERT INTO rotation_position (alliance_id, unit_id, position) VALUES (:a, :u, :p)",
            soci::use(alliance_id), soci::use(unit_id), soci::use(position);
    }
}

std::vector<alliances::Turn> fixed_turns(Session& session, long long alliance_id, int year) {
    std::vector<alliances::Turn> turns;
    Query(
        "SELECT sequence AS sequence, host_unit_id AS host_unit_id, starts_on AS starts_on, "
        "ends_on AS ends_on FROM rotation_turn WHERE alliance_id = :id AND year = :year "
        "ORDER BY sequence")
        .bind("id", alliance_id)
        .bind("year", static_cast<long long>(year))
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            turns.push_back({static_cast<int>(columns.integer("sequence")),
                             columns.integer("host_unit_id"), columns.text("starts_on"),
                             columns.text("ends_on"), true});
        });
    return turns;
}

void insert_turn(Session& session, long long alliance_id, int year, const alliances::Turn& turn,
                 const std::string& now) {
    session << "INSERT INTO rotation_turn (alliance_id, year, sequence, host_unit_id, starts_on, "
               "ends_on, "
               "created_at) VALUES (:alliance_id, :year, :sequence, :host, :starts_on, :ends_on, "
               ":created_at)",
        soci::use(alliance_id), soci::use(year), soci::use(turn.sequence),
        soci::use(turn.host_unit_id), soci::use(turn.starts_on), soci::use(turn.ends_on),
        soci::use(now);
}

std::optional<UnitSummary> find_unit_summary(Session& session, long long unit_id) {
    std::optional<UnitSummary> found;
    Query(
        "SELECT id AS id, name AS name, active AS active, office_area_id AS office_area_id "
        "FROM unit WHERE id = :id")
        .bind("id", unit_id)
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            found = UnitSummary{{columns.integer("id"), columns.text("name")},
                                columns.flag("active"),
                                columns.optional_integer("office_area_id")};
        });
    return found;
}

std::optional<registry::NamedRef> find_office_area_ref(Session& session, long long office_area_id) {
    std::optional<registry::NamedRef> found;
    Query("SELECT id AS id, name AS name FROM office_area WHERE id = :id")
        .bind("id", office_area_id)
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            found = registry::NamedRef{columns.integer("id"), columns.text("name")};
        });
    return found;
}

}  // namespace lianjian::storage
