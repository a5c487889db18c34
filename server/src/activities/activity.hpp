#pragma once

#include "accounts/caller.hpp"
#include "activities/codes.hpp"
#include "activities/workflow.hpp"
#include "alliances/alliance.hpp"
#include "audit/audit_log.hpp"
#include "campaign/codes.hpp"
#include "core/named_ref.hpp"
#include "ledger/chain.hpp"
#include "ledger/completeness.hpp"
#include "storage/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lianjian::ledger {
class LedgerService;
}

namespace lianjian::activities {

using campaign::ActivityKind;
using campaign::Linkage;

// The roster's counts. `rate` is present ÷ (expected − leave), absent when nothing is expected.
struct AttendanceCounts {
    long long expected = 0;
    long long present = 0;
    long long leave = 0;
    long long absent = 0;
    long long unrecorded = 0;
    std::optional<double> rate;
};

// 有分有合: one participating unit's own part in a joint activity.
struct Part {
    NamedRef unit;
    std::string content;
    std::string outcomes;
    std::string updated_at;
    int version = 1;
};

struct Activity {
    long long id = 0;
    NamedRef alliance;
    long long lead_unit_id = 0;
    int year = 0;
    int month = 1;  // the local month of `starts_at`
    Linkage linkage = Linkage::theory_study;
    ActivityKind kind = ActivityKind::other;
    std::string title;
    std::string theme;
    std::string content;
    std::string outcomes;
    std::string minutes;
    std::string place;
    std::string starts_at;
    std::string ends_at;
    NamedRef host_unit;
    std::optional<NamedRef> rotation_host_unit;
    std::string host_change_reason;
    std::optional<long long> rotation_turn_id;
    std::vector<NamedRef> participating_units;  // in id order
    std::optional<long long> plan_item_id;
    ActivityState state = ActivityState::planned;
    std::string cancel_reason;
    int version = 1;
    std::optional<NamedRef> created_by;
    std::string created_at;
    std::string updated_at;
    std::optional<std::string> held_at;
    std::optional<std::string> ledger_submitted_at;
    std::optional<std::string> archived_at;
    std::vector<ActivityAction> actions;
    ledger::Completeness ledger;
    AttendanceCounts attendance;
    long long recorded_attendance = 0;
    long long attachment_count = 0;
    long long photo_count = 0;
    long long minutes_attachment_count = 0;
    long long amendment_count = 0;
    std::vector<Part> parts;
};

// A new activity as sent: absent fields default from the plan item, the host from the rotation.
struct ActivityDraft {
    std::optional<long long> alliance_id;
    std::optional<long long> plan_item_id;
    std::optional<long long> host_unit_id;
    std::optional<std::vector<long long>> participating_unit_ids;
    std::optional<std::string> linkage;
    std::optional<std::string> kind;
    std::optional<std::string> title;
    std::optional<std::string> theme;
    std::optional<std::string> content;
    std::optional<std::string> outcomes;
    std::optional<std::string> minutes;
    std::optional<std::string> place;
    std::optional<std::string> starts_at;
    std::optional<std::string> ends_at;
    std::optional<std::string> host_change_reason;
};

// An edit: only the fields present change.
struct ActivityChanges {
    std::optional<std::string> title;
    std::optional<std::string> theme;
    std::optional<std::string> content;
    std::optional<std::string> outcomes;
    std::optional<std::string> minutes;
    std::optional<std::string> place;
    std::optional<std::string> starts_at;
    std::optional<std::string> ends_at;
    std::optional<std::vector<long long>> participating_unit_ids;
    std::optional<int> version;
};

struct ActivityFilter {
    std::optional<long long> alliance_id;
    std::optional<int> year;
    std::optional<int> month;
    std::optional<std::string> from;  // local dates, inclusive
    std::optional<std::string> to;
    std::optional<ActivityState> state;
    std::optional<Linkage> linkage;
    std::optional<ActivityKind> kind;
    std::optional<long long> host_unit_id;
    std::optional<long long> plan_item_id;
    std::optional<std::string> q;
    int page = 1;
    int page_size = 20;
};

struct ActivityPage {
    std::vector<Activity> items;
    long long total = 0;
};

// An entry of the activity's ledger chain as the web sees it.
struct LedgerEntry {
    long long sequence = 0;
    std::string kind;
    std::string reason;
    std::vector<ledger::FieldChange> changes;
    std::string entry_hash;
    std::string previous_hash;
    std::optional<NamedRef> created_by;
    std::string created_at;
};

// What an amendment may change: title, theme, content, outcomes, minutes, place.
struct Amendment {
    std::string reason;
    std::vector<std::pair<std::string, std::string>> changes;  // field, new value
};

struct CoverageCell {
    int month = 1;
    long long planned = 0;
    long long held = 0;
    std::vector<long long> activity_ids;
};

struct CoverageRow {
    Linkage linkage = Linkage::theory_study;
    std::vector<CoverageCell> cells;  // months 1 … 12
    long long planned = 0;
    long long held = 0;
};

// Linkage × month: the plan against what was held (DOMAIN.md "The six linkages").
struct CoverageMatrix {
    NamedRef alliance;
    int year = 0;
    std::vector<CoverageRow> rows;  // the six linkages in their order
    long long planned = 0;
    long long held = 0;
};

// The 台账 page of one alliance and year.
struct LedgerPage {
    NamedRef alliance;
    int year = 0;
    std::vector<Activity> activities;
    long long complete = 0;
    long long archived = 0;
    long long incomplete = 0;
    ledger::ChainCheck chain;
};

// Activities under the six linkages: recorded by the host unit, their ledger submitted, archived
// into the alliance's chain by its lead unit or the committee, amended only by new entries.
// Each write is one transaction with its audit record.
class ActivityService {
  public:
    ActivityService(storage::Database& database, audit::AuditLog& audit,
                    alliances::AllianceService& alliances, ledger::LedgerService& ledger)
        : database_(database), audit_(audit), alliances_(alliances), ledger_(ledger) {}

    ActivityPage list(const accounts::Caller& caller, const ActivityFilter& filter);
    Activity create(const accounts::Caller& caller, const ActivityDraft& draft);
    // The unit whose rotation turn (轮值) an activity of the alliance starting at `starts_at` (a
    // stored UTC timestamp) falls to: the quarter's host (per_quarter) or the next turn not yet
    // taken (per_activity); nothing when the rotation has no turn. What `create` takes as the
    // host when none is sent. Reads the rotation only: no permission is needed beyond
    // alliances_read, which every programme role holds.
    std::optional<long long> rotation_host(long long alliance_id, const std::string& starts_at);
    Activity get(const accounts::Caller& caller, long long id);
    Activity update(const accounts::Caller& caller, long long id, const ActivityChanges& changes);
    Activity hold(const accounts::Caller& caller, long long id);
    Activity submit_ledger(const accounts::Caller& caller, long long id);
    Activity archive(const accounts::Caller& caller, long long id);
    Activity return_ledger(const accounts::Caller& caller, long long id, const std::string& reason);
    Activity cancel(const accounts::Caller& caller, long long id, const std::string& reason);
    Part record_part(const accounts::Caller& caller, long long id, long long unit_id,
                     const std::optional<std::string>& content,
                     const std::optional<std::string>& outcomes);
    LedgerEntry amend(const accounts::Caller& caller, long long id, const Amendment& amendment);
    std::vector<LedgerEntry> ledger_entries(const accounts::Caller& caller, long long id);
    CoverageMatrix coverage(const accounts::Caller& caller, long long alliance_id, int year);
    LedgerPage ledger_page(const accounts::Caller& caller, long long alliance_id, int year);

  private:
    Activity transition(const accounts::Caller& caller, long long id, ActivityAction action,
                        const std::string& reason);

    storage::Database& database_;
    audit::AuditLog& audit_;
    alliances::AllianceService& alliances_;
    ledger::LedgerService& ledger_;
};

// The coverage matrix from the plan's (linkage, month) items and the activities held. Pure.
struct HeldActivity {
    long long id = 0;
    Linkage linkage = Linkage::theory_study;
    int month = 1;
};
CoverageMatrix coverage_matrix(const std::vector<std::pair<Linkage, int>>& planned,
                               const std::vector<HeldActivity>& held);

}  // namespace lianjian::activities
