#pragma once

#include "campaign/records.hpp"
#include "storage/session.hpp"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lianjian::storage {

// The year's campaign: its phases and reminder days; nothing for a year not yet set up.
std::optional<campaign::Campaign> find_campaign(Session& session, int year);
void insert_campaign(Session& session, const campaign::Campaign& campaign, const std::string& now);
// Replaces the campaign's phases and reminder days if it is still at `version`; false when
// someone else changed it first.
bool update_campaign(Session& session, const campaign::Campaign& campaign, int version,
                     const std::string& now);

// When each alliance did each deadline of `year` (UTC timestamps): the plan when its first
// version was first submitted (read only from the plans area's `plan` and `plan_version`), a
// phase report when it was submitted.
using Completions = std::map<std::pair<long long, campaign::Deadline>, std::string>;
Completions deadline_completions(Session& session, int year);

// Claims the reminder (year, deadline, days_before, alliance) for this server: true exactly once
// per key, whatever the number of servers (an insert that does nothing on a conflict).
bool claim_reminder(Session& session, int year, campaign::Deadline deadline, int days_before,
                    long long alliance_id, const std::string& now);

struct PhaseReportQuery {
    std::optional<int> year;
    std::optional<long long> alliance_id;
    std::optional<campaign::Phase> phase;
    std::optional<std::vector<long long>> alliance_ids;  // only these (a unit's reach)
    long long offset = 0;
    long long limit = 20;
};
struct PhaseReportRows {
    std::vector<campaign::PhaseReport> items;
    long long total = 0;
};
PhaseReportRows list_phase_reports(Session& session, const PhaseReportQuery& query);
std::optional<campaign::PhaseReport> find_phase_report(Session& session, long long id);
bool phase_report_exists(Session& session, long long alliance_id, int year, campaign::Phase phase);
long long insert_phase_report(Session& session, long long alliance_id, int year,
                              campaign::Phase phase, const std::string& account, long long user_id,
                              const std::string& now);

struct ChecklistQuery {
    int year = 0;
    std::optional<campaign::Linkage> linkage;
    bool include_retired = false;
    long long offset = 0;
    std::optional<long long> limit;  // the whole list when absent
};
struct ChecklistRows {
    std::vector<campaign::ChecklistItem> items;
    long long total = 0;
};
// In linkage order, then suggested month, then id.
ChecklistRows list_checklist_items(Session& session, const ChecklistQuery& query);
std::optional<campaign::ChecklistItem> find_checklist_item(Session& session, long long id);
long long insert_checklist_item(Session& session, const campaign::ChecklistItem& item,
                                const std::string& now);
// Writes the item's fields if it is still at `version`; false when someone changed it first.
bool update_checklist_item(Session& session, const campaign::ChecklistItem& item, int version,
                           const std::string& now);
bool set_checklist_item_retired(Session& session, long long id,
                                const std::optional<std::string>& retired_at, int version,
                                const std::string& now);
void delete_checklist_item(Session& session, long long id);
// The ids of `from_year`'s items already copied into `to_year`.
std::vector<long long> copied_checklist_sources(Session& session, int to_year);
bool campaign_exists(Session& session, int year);

}  // namespace lianjian::storage
