#pragma once

#include "campaign/campaign.hpp"
#include "inbox/inbox.hpp"
#include "storage/database.hpp"

#include <string>

namespace lianjian::campaign {

// The notification kind of a deadline reminder; its object is the deadline (`object_type`, its
// code such as "plan_due") of one alliance (`object_id`), so the reminder ends when that alliance
// does what the deadline asks (resolve_deadline_reminders).
inline constexpr const char* reminder_kind = "deadline.reminder";

// The text and link of the to-do a reminder raises for `alliance_id`: 「活动计划」将于 2026-04-30
// 截止，还有 7 天 (on the day itself: 「活动计划」今天（2026-04-30）截止).
inbox::NotificationDraft reminder_draft(int year, Deadline deadline, const std::string& due_on,
                                        int days_left, long long alliance_id);

// Ends the reminders of `deadline` for one alliance, for everyone who got them: called in the
// transaction that does the work (a plan submitted, a phase report submitted).
long long resolve_deadline_reminders(storage::Transaction& transaction, inbox::Notifier& notifier,
                                     Deadline deadline, long long alliance_id);

struct ReminderRun {
    int sent = 0;     // reminders whose to-dos this run wrote
    int skipped = 0;  // claimed without sending (a nearer reminder went out the same day)
};

// The deadline reminders of the scheduler inside the server. Each run looks at today's local date
// and, for every active alliance and every deadline of the current year it has not done, claims
// the reminders that are due (`due_reminders`) by inserting their row into `deadline_reminder`;
// only the run whose insert took writes the to-dos, in the same transaction. So each reminder is
// sent once, whatever the number of servers sharing the database and however often they restart.
class ReminderService {
  public:
    ReminderService(storage::Database& database, inbox::Notifier& notifier)
        : database_(database), notifier_(notifier) {}

    ReminderRun run_once();

  private:
    storage::Database& database_;
    inbox::Notifier& notifier_;
};

}  // namespace lianjian::campaign
