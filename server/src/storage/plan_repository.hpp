#pragma once

#include "plans/items.hpp"
#include "plans/plan.hpp"

#include "storage/session.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lianjian::storage {

// A plan without its versions: the alliance, its current lead unit and the year.
struct PlanHead {
    long long id = 0;
    registry::NamedRef alliance;
    registry::NamedRef lead_unit;
    int year = 0;
    std::string updated_at;
};

std::optional<PlanHead> find_plan(Session& session, long long plan_id);
std::optional<long long> find_plan_id(Session& session, long long alliance_id, int year);
long long insert_plan(Session& session, long long alliance_id, int year, const std::string& now);
void touch_plan(Session& session, long long plan_id, const std::string& now);

// One version with its items (two queries); the newest when `number` is absent.
std::optional<plans::PlanVersion> find_plan_version(Session& session, long long plan_id,
                                                    std::optional<int> number);
// Every version, oldest first, with its item count (one query).
std::vector<plans::VersionSummary> plan_versions(Session& session, long long plan_id);
// Inserts a version with `state`, `rotation_mode`, `contacts` and `support`; returns its id.
long long insert_plan_version(Session& session, long long plan_id,
                              const plans::PlanVersion& version, long long user_id,
                              const std::string& now);
// Writes state, contacts, support and the review times of the version `version.id` if it is
// still at `version.row_version`; false when someone else changed it first.
bool update_plan_version(Session& session, const plans::PlanVersion& version,
                         const std::string& now);

// An item to store: its lineage (absent: a new lineage, the item's own id) and content.
struct ItemRow {
    std::optional<long long> lineage_id;
    plans::ValidItem item;
};
// Replaces every item of the version by `rows`, in order.
void replace_plan_items(Session& session, long long version_id, const std::vector<ItemRow>& rows);
// The lineage of each item of the version, by item id.
std::map<long long, long long> item_lineages(Session& session, long long version_id);

void insert_plan_step(Session& session, long long plan_id, const plans::PlanStep& step,
                      std::optional<long long> unit_id, const std::string& now);
std::vector<plans::PlanStep> plan_steps(Session& session, long long plan_id);

struct PlanQuery {
    std::optional<int> year;
    std::optional<long long> alliance_id;
    std::optional<plans::PlanState> state;  // of the newest version
    long long offset = 0;
    std::optional<long long> limit;
};
struct PlanRows {
    std::vector<plans::PlanSummary> items;  // by year (newest first), then alliance
    long long total = 0;
};
// One page of plans as their newest versions, with the linkages their items miss (two queries).
PlanRows list_plans(Session& session, const PlanQuery& query);

// The checklist items of these ids (year and whether retired), one query.
std::vector<plans::ChecklistFact> checklist_facts(Session& session,
                                                  const std::vector<long long>& ids);

// The year's checklist items that are not retired, for the demo: id, linkage, kind, title.
struct ChecklistEntry {
    long long id = 0;
    campaign::Linkage linkage = campaign::Linkage::theory_study;
    campaign::ActivityKind kind = campaign::ActivityKind::other;
    std::string title;
    std::optional<int> suggested_month;
};
std::vector<ChecklistEntry> active_checklist(Session& session, int year);

}  // namespace lianjian::storage
