#pragma once

#include "accounts/caller.hpp"
#include "audit/audit_log.hpp"
#include "campaign/records.hpp"
#include "inbox/inbox.hpp"
#include "storage/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lianjian::campaign {

// The year's campaign as it is answered: the stored or default dates, the phase today falls in
// and the deadlines they make.
struct CampaignView {
    Campaign campaign;
    std::optional<Phase> current_phase;
    std::vector<DeadlineDate> deadlines;
};

struct CampaignInput {
    std::vector<PhaseDates> phases;
    std::vector<int> reminder_days;
    std::optional<int> version;  // required once the year is configured
};

struct DeadlineItem {
    Deadline deadline = Deadline::plan_due;
    DeadlineStatus status = DeadlineStatus::pending;
    std::optional<std::string> done_at;  // UTC timestamp
};

struct AllianceDeadlines {
    NamedRef alliance;
    long long lead_unit_id = 0;
    std::vector<DeadlineItem> items;  // in the order of the campaign's deadlines
    int overdue = 0;
};

struct DeadlineOverview {
    std::vector<DeadlineDate> deadlines;
    std::vector<AllianceDeadlines> alliances;
};

// The status of every deadline of every alliance on `today` from when each was done; pure.
std::vector<DeadlineItem> deadline_items(const std::vector<DeadlineDate>& deadlines,
                                         const std::vector<std::pair<Deadline, std::string>>& done,
                                         const std::string& today);

struct NextDeadline {
    Deadline code = Deadline::plan_due;
    std::string due_on;
    int days_left = 0;
    std::optional<NamedRef> alliance;
};

struct HomeCampaign {
    int year = 0;
    bool configured = false;
    std::optional<Phase> current_phase;
    std::optional<std::string> phase_ends_on;
    std::optional<NextDeadline> next_deadline;
};

struct PhaseReportFilter {
    std::optional<int> year;
    std::optional<long long> alliance_id;
    std::optional<Phase> phase;
    int page = 1;
    int page_size = 20;
};

struct PhaseReportPage {
    std::vector<PhaseReport> items;
    long long total = 0;
};

struct PhaseReportInput {
    long long alliance_id = 0;
    int year = 0;
    Phase phase = Phase::planning;
    std::string account;
};

class CampaignService {
  public:
    // `notifier` ends the reminders of a phase report's deadline when the report is in.
    CampaignService(storage::Database& database, audit::AuditLog& audit, inbox::Notifier& notifier)
        : database_(database), audit_(audit), notifier_(notifier) {}

    CampaignView get(int year);
    CampaignView update(const accounts::Caller& caller, int year, const CampaignInput& input);
    DeadlineOverview deadlines(const accounts::Caller& caller, int year);
    HomeCampaign home(const accounts::Caller& caller);

    PhaseReportPage reports(const accounts::Caller& caller, const PhaseReportFilter& filter);
    PhaseReport submit_report(const accounts::Caller& caller, const PhaseReportInput& input);

    // The demo's campaign for `year` (default dates), unless the year is set up already; true
    // when created.
    bool create_default(storage::Transaction& transaction, const audit::Actor& actor, int year);

  private:
    storage::Database& database_;
    audit::AuditLog& audit_;
    inbox::Notifier& notifier_;
};

// The year's campaign, stored or default.
Campaign effective_campaign(storage::Session& session, int year);

}  // namespace lianjian::campaign
