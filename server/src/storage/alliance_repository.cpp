#include "storage/alliance_repository.hpp"

#include "storage/binding.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

#include <map>

namespace lianjian::storage {

namespace {

constexpr const char* alliance_select =
    "SELECT a.id, a.name, a.batch, a.office_area_id, o.name, a.lead_unit_id, l.name, "
    "a.rotation_mode, "
    "a.founded_on, a.dissolved_on, a.note FROM alliance a JOIN office_area o ON o.id = "
    "a.office_area_id "
    "JOIN unit l ON l.id = a.lead_unit_id";

alliances::Alliance read_alliance(const soci::row& row) {
    alliances::Alliance alliance;
    alliance.id = integer_at(row, 0);
    alliance.name = text_at(row, 1);
    alliance.batch = static_cast<int>(integer_at(row, 2));
    alliance.office_area = {integer_at(row, 3), text_at(row, 4)};
    alliance.lead_unit = {integer_at(row, 5), text_at(row, 6)};
    alliance.rotation_mode = parse_enum<alliances::RotationMode>("rotation_mode", text_at(row, 7));
    alliance.founded_on = text_at(row, 8);
    alliance.dissolved_on = optional_text_at(row, 9);
    alliance.note = text_at(row, 10);
    return alliance;
}

constexpr const char* member_select =
    "SELECT m.alliance_id, m.unit_id, u.name, m.joined_on, m.left_on, u.first_responsible, "
    "u.direct_responsible, u.liaison FROM alliance_membership m JOIN unit u ON u.id = m.unit_id";

alliances::AllianceMember read_member(const soci::row& row, long long lead_unit_id) {
    alliances::AllianceMember member;
    member.unit = {integer_at(row, 1), text_at(row, 2)};
    member.role = member.unit.id == lead_unit_id ? alliances::MemberRole::lead
                                                 : alliances::MemberRole::member;
    member.joined_on = text_at(row, 3);
    member.left_on = optional_text_at(row, 4);
    member.first_responsible = text_at(row, 5);
    member.direct_responsible = text_at(row, 6);
    member.liaison = text_at(row, 7);
    return member;
}

void add_member(alliances::Alliance& alliance, alliances::AllianceMember member) {
    if (member.role == alliances::MemberRole::lead) {
        alliance.members.insert(alliance.members.begin(), std::move(member));
    } else {
        alliance.members.push_back(std::move(member));
    }
}

// Memberships open on `on_date` for the alliances in `index_of`, added to each alliance.
void attach_members(soci::session& session, std::vector<alliances::Alliance>& list,
                    const std::map<long long, std::size_t>& index_of, const std::string& on_date,
                    std::optional<long long> only_alliance) {
    Query query(std::string(member_select) +
                " WHERE m.joined_on <= :on_date AND (m.left_on IS NULL OR m.left_on > :on_date2)");
    query.bind("on_date", on_date).bind("on_date2", on_date);
    if (only_alliance) {
        query.append(" AND m.alliance_id = :alliance_id").bind("alliance_id", *only_alliance);
    }
    query.append(" ORDER BY m.joined_on, m.id");
    query.for_each_row(session, [&](const soci::row& row) {
        const auto found = index_of.find(integer_at(row, 0));
        if (found != index_of.end()) {
            auto& alliance = list[found->second];
            add_member(alliance, read_member(row, alliance.lead_unit.id));
        }
    });
}

// The lead unit on `on_date`: the founding lead or the last change of lead by then. An alliance
// shown as it stood on a past date shows the lead of that day.
void apply_lead_on(soci::session& session, alliances::Alliance& alliance,
                   const std::string& on_date) {
    Query(
        "SELECT e.unit_id, u.name FROM alliance_event e JOIN unit u ON u.id = e.unit_id WHERE "
        "e.alliance_id = :id "
        "AND e.kind IN ('founded', 'lead_changed') AND e.occurred_on <= :on_date "
        "ORDER BY e.occurred_on DESC, e.id DESC LIMIT 1")
        .bind("id", alliance.id)
        .bind("on_date", on_date)
        .for_each_row(session, [&](const soci::row& row) {
            alliance.lead_unit = {integer_at(row, 0), text_at(row, 1)};
        });
}

}  // namespace

std::vector<alliances::Alliance> list_alliances(soci::session& session,
                                                const std::string& on_date) {
    std::vector<alliances::Alliance> result;
    std::map<long long, std::size_t> index_of;
    Query(std::string(alliance_select) +
          " WHERE a.founded_on <= :on_date AND (a.dissolved_on IS NULL OR a.dissolved_on > "
          ":on_date2) "
          "ORDER BY a.batch, a.id")
        .bind("on_date", on_date)
        .bind("on_date2", on_date)
        .for_each_row(session, [&](const soci::row& row) {
            index_of[integer_at(row, 0)] = result.size();
            result.push_back(read_alliance(row));
        });
    for (auto& alliance : result) {
        apply_lead_on(session, alliance, on_date);
    }
    attach_members(session, result, index_of, on_date, std::nullopt);
    return result;
}

std::optional<alliances::Alliance> find_alliance(soci::session& session, long long alliance_id,
                                                 const std::string& on_date) {
    std::vector<alliances::Alliance> result;
    Query(std::string(alliance_select) + " WHERE a.id = :id")
        .bind("id", alliance_id)
        .for_each_row(session, [&](const soci::row& row) { result.push_back(read_alliance(row)); });
    if (result.empty()) {
        return std::nullopt;
    }
    apply_lead_on(session, result.front(), on_date);
    attach_members(session, result, {{alliance_id, 0}}, on_date, alliance_id);
    return result.front();
}

std::vector<alliances::AllianceMember> membership_history(soci::session& session,
                                                          long long alliance_id) {
    long long lead = 0;
    session << "SELECT lead_unit_id FROM alliance WHERE id = :id", soci::use(alliance_id),
        soci::into(lead);
    std::vector<alliances::AllianceMember> history;
    Query(std::string(member_select) + " WHERE m.alliance_id = :id ORDER BY m.joined_on, m.id")
        .bind("id", alliance_id)
        .for_each_row(session,
                      [&](const soci::row& row) { history.push_back(read_member(row, lead)); });
    return history;
}

std::vector<alliances::MembershipSpan> membership_spans(soci::session& session,
                                                        long long alliance_id) {
    std::vector<alliances::MembershipSpan> spans;
    Query(
        "SELECT unit_id, joined_on, left_on FROM alliance_membership WHERE alliance_id = :id ORDER "
        "BY joined_on, id")
        .bind("id", alliance_id)
        .for_each_row(session, [&](const soci::row& row) {
            spans.push_back({integer_at(row, 0), text_at(row, 1), optional_text_at(row, 2)});
        });
    return spans;
}

std::optional<long long> open_alliance_of_unit(soci::session& session, long long unit_id) {
    std::optional<long long> alliance_id;
    Query(
        "SELECT alliance_id FROM alliance_membership WHERE unit_id = :unit_id AND left_on IS NULL")
        .bind("unit_id", unit_id)
        .for_each_row(session, [&](const soci::row& row) { alliance_id = integer_at(row, 0); });
    return alliance_id;
}

bool alliance_name_taken(soci::session& session, const std::string& name, long long except_id) {
    return Query("SELECT COUNT(*) FROM alliance WHERE name = :name AND id <> :id")
               .bind("name", name)
               .bind("id", except_id)
               .scalar(session) > 0;
}

long long insert_alliance(soci::session& session, const alliances::Alliance& alliance,
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

void update_alliance(soci::session& session, const alliances::Alliance& alliance,
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

void insert_membership(soci::session& session, long long alliance_id, long long unit_id,
                       const std::string& joined_on, const std::string& now) {
    session << "INSERT INTO alliance_membership (alliance_id, unit_id, joined_on, created_at) "
               "VALUES (:alliance_id, :unit_id, :joined_on, :created_at)",
        soci::use(alliance_id), soci::use(unit_id), soci::use(joined_on), soci::use(now);
}

void close_membership(soci::session& session, long long alliance_id, long long unit_id,
                      const std::string& left_on) {
    session
        << "UPDATE alliance_membership SET left_on = :left_on WHERE alliance_id = :alliance_id AND "
           "unit_id = :unit_id AND left_on IS NULL",
        soci::use(left_on), soci::use(alliance_id), soci::use(unit_id);
}

void insert_alliance_event(soci::session& session, long long alliance_id,
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

std::vector<alliances::AllianceEvent> alliance_events(soci::session& session, long long alliance_id,
                                                      std::optional<int> year) {
    std::vector<alliances::AllianceEvent> events;
    Query query(
        "SELECT e.id, e.occurred_on, e.kind, e.unit_id, u.name, e.reason, COALESCE(p.display_name, "
        "'') "
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
        event.id = integer_at(row, 0);
        event.occurred_on = text_at(row, 1);
        event.kind = parse_enum<alliances::AllianceEventKind>("kind", text_at(row, 2));
        if (auto unit_id = optional_integer_at(row, 3)) {
            event.unit = registry::NamedRef{*unit_id, text_at(row, 4)};
        }
        event.reason = text_at(row, 5);
        event.actor = text_at(row, 6);
        events.push_back(std::move(event));
    });
    return events;
}

std::vector<long long> rotation_order(soci::session& session, long long alliance_id) {
    std::vector<long long> order;
    Query("SELECT unit_id FROM rotation_position WHERE alliance_id = :id ORDER BY position")
        .bind("id", alliance_id)
        .for_each_row(session, [&](const soci::row& row) { order.push_back(integer_at(row, 0)); });
    return order;
}

void replace_rotation_order(soci::session& session, long long alliance_id,
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

std::vector<alliances::Turn> fixed_turns(soci::session& session, long long alliance_id, int year) {
    std::vector<alliances::Turn> turns;
    Query(
        "SELECT sequence, host_unit_id, starts_on, ends_on FROM rotation_turn WHERE alliance_id = "
        ":id AND "
        "year = :year ORDER BY sequence")
        .bind("id", alliance_id)
        .bind("year", static_cast<long long>(year))
        .for_each_row(session, [&](const soci::row& row) {
            turns.push_back({static_cast<int>(integer_at(row, 0)), integer_at(row, 1),
                             text_at(row, 2), text_at(row, 3), true});
        });
    return turns;
}

void insert_turn(soci::session& session, long long alliance_id, int year,
                 const alliances::Turn& turn, const std::string& now) {
    session << "INSERT INTO rotation_turn (alliance_id, year, sequence, host_unit_id, starts_on, "
               "ends_on, "
               "created_at) VALUES (:alliance_id, :year, :sequence, :host, :starts_on, :ends_on, "
               ":created_at)",
        soci::use(alliance_id), soci::use(year), soci::use(turn.sequence),
        soci::use(turn.host_unit_id), soci::use(turn.starts_on), soci::use(turn.ends_on),
        soci::use(now);
}

std::optional<UnitSummary> find_unit_summary(soci::session& session, long long unit_id) {
    std::optional<UnitSummary> found;
    Query("SELECT id, name, active, office_area_id FROM unit WHERE id = :id")
        .bind("id", unit_id)
        .for_each_row(session, [&](const soci::row& row) {
            found = UnitSummary{{integer_at(row, 0), text_at(row, 1)},
                                flag_at(row, 2),
                                optional_integer_at(row, 3)};
        });
    return found;
}

std::optional<registry::NamedRef> find_office_area_ref(soci::session& session,
                                                       long long office_area_id) {
    std::optional<registry::NamedRef> found;
    Query("SELECT id, name FROM office_area WHERE id = :id")
        .bind("id", office_area_id)
        .for_each_row(session, [&](const soci::row& row) {
            found = registry::NamedRef{integer_at(row, 0), text_at(row, 1)};
        });
    return found;
}

}  // namespace lianjian::storage
