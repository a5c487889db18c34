#include "storage/alliance_repository.hpp"

#include "storage/query.hpp"
#include "storage/row.hpp"

#include <map>

namespace lianjian::storage {

std::vector<alliances::Alliance> list_alliances(soci::session& session, const std::string& on_date) {
    std::vector<alliances::Alliance> result;
    std::map<long long, std::size_t> index_of;
    Query("SELECT a.id, a.name, a.batch, a.office_area_id, o.name, a.lead_unit_id, l.name, "
          "a.rotation_mode, a.founded_on, a.dissolved_on, a.note FROM alliance a "
          "JOIN office_area o ON o.id = a.office_area_id JOIN unit l ON l.id = a.lead_unit_id "
          "WHERE a.founded_on <= :on_date AND (a.dissolved_on IS NULL OR a.dissolved_on > :on_date2) "
          "ORDER BY a.batch, a.id")
        .bind("on_date", on_date)
        .bind("on_date2", on_date)
        .for_each_row(session, [&](const soci::row& row) {
            alliances::Alliance alliance;
            alliance.id = integer_at(row, 0);
            alliance.name = text_at(row, 1);
            alliance.batch = static_cast<int>(integer_at(row, 2));
            alliance.office_area = {integer_at(row, 3), text_at(row, 4)};
            alliance.lead_unit = {integer_at(row, 5), text_at(row, 6)};
            alliance.rotation_mode = text_at(row, 7);
            alliance.founded_on = text_at(row, 8);
            alliance.dissolved_on = optional_text_at(row, 9);
            alliance.note = text_at(row, 10);
            index_of[alliance.id] = result.size();
            result.push_back(std::move(alliance));
        });
    // One query for all memberships rather than one per alliance.
    Query("SELECT m.alliance_id, m.unit_id, u.name, m.joined_on, m.left_on FROM alliance_membership m "
          "JOIN unit u ON u.id = m.unit_id WHERE m.joined_on <= :on_date AND "
          "(m.left_on IS NULL OR m.left_on > :on_date2) ORDER BY m.joined_on, m.id")
        .bind("on_date", on_date)
        .bind("on_date2", on_date)
        .for_each_row(session, [&](const soci::row& row) {
            const auto found = index_of.find(integer_at(row, 0));
            if (found == index_of.end()) {
                return;
            }
            auto& alliance = result[found->second];
            alliances::AllianceMember member;
            member.unit = {integer_at(row, 1), text_at(row, 2)};
            member.role = member.unit.id == alliance.lead_unit.id ? alliances::MemberRole::lead
                                                                  : alliances::MemberRole::member;
            member.joined_on = text_at(row, 3);
            member.left_on = optional_text_at(row, 4);
            if (member.role == alliances::MemberRole::lead) {
                alliance.members.insert(alliance.members.begin(), std::move(member));
            } else {
                alliance.members.push_back(std::move(member));
            }
        });
    return result;
}

long long insert_alliance(soci::session& session, const alliances::Alliance& alliance,
                          const std::string& now) {
    long long id = 0;
    session << "INSERT INTO alliance (name, batch, office_area_id, lead_unit_id, rotation_mode, "
               "founded_on, note, created_at, updated_at) VALUES (:name, :batch, :office_area_id, "
               ":lead_unit_id, :rotation_mode, :founded_on, :note, :created_at, :updated_at) "
               "RETURNING id",
        soci::use(alliance.name), soci::use(alliance.batch), soci::use(alliance.office_area.id),
        soci::use(alliance.lead_unit.id), soci::use(alliance.rotation_mode),
        soci::use(alliance.founded_on), soci::use(alliance.note), soci::use(now), soci::use(now),
        soci::into(id);
    return id;
}

void insert_membership(soci::session& session, long long alliance_id, long long unit_id,
                       const std::string& joined_on, const std::string& now) {
    session << "INSERT INTO alliance_membership (alliance_id, unit_id, joined_on, created_at) "
               "VALUES (:alliance_id, :unit_id, :joined_on, :created_at)",
        soci::use(alliance_id), soci::use(unit_id), soci::use(joined_on), soci::use(now);
}

}  // namespace lianjian::storage
