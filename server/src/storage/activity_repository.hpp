#pragma once

#include "activities/activity.hpp"
#include "ledger/chain.hpp"
#include "plans/plan.hpp"
#include "storage/session.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lianjian::storage {

// One activity with its units, parts, attendance counts and attachment counts (four queries).
std::optional<activities::Activity> find_activity(Session& session, long long activity_id);

struct ActivityQuery {
    std::optional<long long> alliance_id;
    std::optional<int> year;
    std::optional<activities::ActivityState> state;
    std::optional<campaign::Linkage> linkage;
    std::optional<campaign::ActivityKind> kind;
    std::optional<long long> host_unit_id;
    std::optional<long long> plan_item_id;
    std::optional<std::string> starts_from;    // a stored timestamp, inclusive
    std::optional<std::string> starts_before;  // exclusive
    std::optional<std::string> q;              // in the title
    bool without_cancelled = false;
    long long offset = 0;
    std::optional<long long> limit;
};
struct ActivityRows {
    std::vector<activities::Activity> items;  // by starts_at, then id
    long long total = 0;
};
// One page, with the units and parts of its activities (four queries whatever the page size).
ActivityRows list_activities(Session& session, const ActivityQuery& query);

// Inserts the activity's row (not its units); returns its id.
long long insert_activity(Session& session, const activities::Activity& activity, long long user_id,
                          const std::string& now);
// Writes the editable fields, the state and its times if the row is still at
// `activity.version`; false when someone else changed it first.
bool update_activity(Session& session, const activities::Activity& activity,
                     const std::string& now);
void replace_activity_units(Session& session, long long activity_id,
                            const std::vector<long long>& unit_ids);
// Creates or changes the unit's part; returns it.
activities::Part save_part(Session& session, long long activity_id, long long unit_id,
                           const std::string& content, const std::string& outcomes,
                           long long user_id, const std::string& now);

// A plan item with its plan's alliance and year.
struct PlanItemFacts {
    long long alliance_id = 0;
    int year = 0;
    plans::PlanItem item;
};
std::optional<PlanItemFacts> find_plan_item(Session& session, long long item_id);

// The id of the alliance's turn `sequence` of `year`, when it is fixed.
std::optional<long long> turn_id(Session& session, long long alliance_id, int year, int sequence);

// The (linkage, month) of each item of the alliance's newest approved plan version for the year,
// else of its newest version.
std::vector<std::pair<campaign::Linkage, int>> planned_items(Session& session,
                                                             long long alliance_id, int year);
// The activities of the year held, submitted or archived.
std::vector<activities::HeldActivity> held_activities(Session& session, long long alliance_id,
                                                      int year);

// What an archive entry freezes besides the activity: the roster and the attachments.
std::vector<ledger::FrozenAttendance> frozen_attendance(Session& session, long long activity_id);
std::vector<ledger::FrozenAttachment> frozen_attachments(Session& session, long long activity_id);

}  // namespace lianjian::storage
