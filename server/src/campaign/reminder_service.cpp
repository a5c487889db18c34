#include "campaign/reminder_service.hpp"

#include "campaign/campaign_service.hpp"
#include "core/clock.hpp"
#include "storage/alliance_repository.hpp"
#include "storage/campaign_repository.hpp"

namespace lianjian::campaign {

namespace {

// What the people who must act are reminded of.
const char* subject_of(Deadline deadline) {
    switch (deadline) {
        case Deadline::plan_due:
            return "活动计划";
        case Deadline::report_planning:
            return "制定计划阶段汇报";
        case Deadline::report_implementation:
            return "组织实施阶段汇报";
        case Deadline::report_summary:
            return "总结提高阶段汇报";
    }
    return "";
}

}  // namespace

inbox::NotificationDraft reminder_draft(int year, Deadline deadline, const std::string& due_on,
                                        int days_left, long long alliance_id) {
    inbox::NotificationDraft draft;
    draft.kind = reminder_kind;
    draft.title = days_left > 0
                      ? std::string("「") + subject_of(deadline) + "」将于 " + due_on +
                            " 截止，还有 " + std::to_string(days_left) + " 天"
                      : std::string("「") + subject_of(deadline) + "」今天（" + due_on + "）截止";
    draft.link = deadline == Deadline::plan_due ? "/plans?year=" + std::to_string(year)
                                                : "/campaign?year=" + std::to_string(year);
    draft.object_type = enum_code(deadline);
    draft.object_id = alliance_id;
    return draft;
}

long long resolve_deadline_reminders(storage::Transaction& transaction, inbox::Notifier& notifier,
                                     Deadline deadline, long long alliance_id) {
    return notifier.resolve(transaction, enum_code(deadline), alliance_id, reminder_kind);
}

ReminderRun ReminderService::run_once() {
    ReminderRun run;
    const auto today = programme_clock::today();
    const int year = programme_clock::current_year();
    const auto now = now_timestamp();
    storage::Transaction transaction(database_);
    auto& session = transaction.session();
    const auto campaign = effective_campaign(session, year);
    const auto deadlines = deadlines_of(campaign);
    const auto completions = storage::deadline_completions(session, year);
    for (const auto& alliance : storage::list_alliances(session, today)) {
        for (const auto& deadline : deadlines) {
            const bool done = completions.contains({alliance.id, deadline.code});
            for (const auto& decision :
                 due_reminders(deadline.due_on, campaign.reminder_days, today, done)) {
                if (!storage::claim_reminder(session, year, deadline.code, decision.days_before,
                                             alliance.id, now)) {
                    continue;  // claimed before, by this server or another
                }
                if (!decision.send) {
                    ++run.skipped;
                    continue;
                }
                notifier_.notify(
                    transaction,
                    {inbox::Audience{accounts::Permission::reports_submit, alliance.lead_unit.id}},
                    reminder_draft(year, deadline.code, deadline.due_on,
                                   days_between(today, deadline.due_on), alliance.id));
                ++run.sent;
            }
        }
    }
    transaction.commit();
    return run;
}

}  // namespace lianjian::campaign
