#pragma once

#include "alliances/alliance.hpp"

#include <soci/soci.h>

#include <optional>
#include <vector>

namespace lianjian::storage {

// Alliances on a date: founded by then and not dissolved, with the memberships open that day.
std::vector<alliances::Alliance> list_alliances(soci::session& session, const std::string& on_date);
// One alliance whatever its state, with the memberships open on `on_date`.
std::optional<alliances::Alliance> find_alliance(soci::session& session, long long alliance_id,
                                                 const std::string& on_date);
std::vector<alliances::AllianceMember> membership_history(soci::session& session,
                                                          long long alliance_id);
std::vector<alliances::MembershipSpan> membership_spans(soci::session& session,
                                                        long long alliance_id);
// The alliance a unit belongs to now (its open membership), if any.
std::optional<long long> open_alliance_of_unit(soci::session& session, long long unit_id);
bool alliance_name_taken(soci::session& session, const std::string& name, long long except_id);

long long insert_alliance(soci::session& session, const alliances::Alliance& alliance,
                          const std::string& now);
void update_alliance(soci::session& session, const alliances::Alliance& alliance,
                     const std::string& now);
void insert_membership(soci::session& session, long long alliance_id, long long unit_id,
                       const std::string& joined_on, const std::string& now);
void close_membership(soci::session& session, long long alliance_id, long long unit_id,
                      const std::string& left_on);

void insert_alliance_event(soci::session& session, long long alliance_id,
                           const std::string& occurred_on, alliances::AllianceEventKind kind,
                           std::optional<long long> unit_id, const std::string& reason,
                           std::optional<long long> actor_user_id, const std::string& now);
std::vector<alliances::AllianceEvent> alliance_events(soci::session& session, long long alliance_id,
                                                      std::optional<int> year = std::nullopt);

std::vector<long long> rotation_order(soci::session& session, long long alliance_id);
void replace_rotation_order(soci::session& session, long long alliance_id,
                            const std::vector<long long>& unit_ids);
std::vector<alliances::Turn> fixed_turns(soci::session& session, long long alliance_id, int year);
void insert_turn(soci::session& session, long long alliance_id, int year,
                 const alliances::Turn& turn, const std::string& now);

// A unit's id and name, and whether it is active; nothing if it does not exist.
struct UnitSummary {
    registry::NamedRef ref;
    bool active = true;
    std::optional<long long> office_area_id;
};
std::optional<UnitSummary> find_unit_summary(soci::session& session, long long unit_id);
std::optional<registry::NamedRef> find_office_area_ref(soci::session& session,
                                                       long long office_area_id);

}  // namespace lianjian::storage
