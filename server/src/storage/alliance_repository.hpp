#pragma once

#include "alliances/alliance.hpp"

#include "storage/session.hpp"

#include <soci/soci.h>

#include <optional>
#include <vector>

namespace lianjian::storage {

// Alliances on a date: founded by then and not dissolved, with the memberships open that day;
// `limit` of them from `offset` in (batch, id) order, and how many there are in all.
alliances::AlliancePage list_alliances(Session& session, const std::string& on_date, long long offset,
                            long long limit);
// Every alliance on a date.
std::vector<alliances::Alliance> list_alliances(Session& session, const std::string& on_date);
// One alliance whatever its state, with the memberships open on `on_date`.
std::optional<alliances::Alliance> find_alliance(Session& session, long long alliance_id,
                                                 const std::string& on_date);
std::vector<alliances::AllianceMember> membership_history(Session& session,
                                                          long long alliance_id);
std::vector<alliances::MembershipSpan> membership_spans(Session& session,
                                                        long long alliance_id);
// The alliance a unit belongs to now (its open membership), if any.
std::optional<long long> open_alliance_of_unit(Session& session, long long unit_id);
bool alliance_name_taken(Session& session, const std::string& name, long long except_id);

long long insert_alliance(Session& session, const alliances::Alliance& alliance,
                          const std::string& now);
void update_alliance(Session& session, const alliances::Alliance& alliance,
                     const std::string& now);
void insert_membership(Session& session, long long alliance_id, long long unit_id,
                       const std::string& joined_on, const std::string& now);
void close_membership(Session& session, long long alliance_id, long long unit_id,
                      const std::string& left_on);

void insert_alliance_event(Session& session, long long alliance_id,
                           const std::string& occurred_on, alliances::AllianceEventKind kind,
                           std::optional<long long> unit_id, const std::string& reason,
                           std::optional<long long> actor_user_id, const std::string& now);
std::vector<alliances::AllianceEvent> alliance_events(Session& session, long long alliance_id,
                                                      std::optional<int> year = std::nullopt);

std::vector<long long> rotation_order(Session& session, long long alliance_id);
void replace_rotation_order(Session& session, long long alliance_id,
                            const std::vector<long long>& unit_ids);
std::vector<alliances::Turn> fixed_turns(Session& session, long long alliance_id, int year);
void insert_turn(Session& session, long long alliance_id, int year,
                 const alliances::Turn& turn, const std::string& now);

// A unit's id and name, and whether it is active; nothing if it does not exist.
struct UnitSummary {
    registry::NamedRef ref;
    bool active = true;
    std::optional<long long> office_area_id;
};
std::optional<UnitSummary> find_unit_summary(Session& session, long long unit_id);
std::optional<registry::NamedRef> find_office_area_ref(Session& session,
                                                       long long office_area_id);

}  // namespace lianjian::storage
