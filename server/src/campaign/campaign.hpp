#pragma once

#include "campaign/codes.hpp"
#include "core/enum_text.hpp"
#include "core/error.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lianjian::campaign {

// The rules of a year's campaign (DOMAIN.md "The year's campaign", seed 五(一)): its phases,
// the deadlines they make, the status of each deadline and which reminders are due. Pure: no
// storage, no clock; every date is a local date "YYYY-MM-DD" of the deployment's time zone.

// The deadlines of a campaign: the plan at the end of planning, a phase report at the end of each
// phase.
enum class Deadline { plan_due, report_planning, report_implementation, report_summary };

inline constexpr Deadline all_deadlines[] = {Deadline::plan_due, Deadline::report_planning,
                                             Deadline::report_implementation,
                                             Deadline::report_summary};

// Where an alliance stands with one deadline.
enum class DeadlineStatus { pending, done, done_late, overdue };

struct PhaseDates {
    Phase phase = Phase::planning;
    std::string starts_on;
    std::string ends_on;
};

struct Campaign {
    int year = 0;
    bool configured = false;         // false: the default dates of a year not yet set up
    std::vector<PhaseDates> phases;  // planning, implementation, summary
    std::vector<int> reminder_days;  // days before a deadline, largest first
    int version = 0;                 // 0 until configured
};

inline constexpr int default_reminder_days[] = {7, 1};

// April; May to November; December.
Campaign default_campaign(int year);

// Every problem of `phases` and `reminder_days` for `year`, each naming its field
// (`phases[1].ends_on`, `reminder_days`): all three phases, in order, within the year, none
// overlapping, none ending before it starts; reminder days distinct whole days 1 to 60.
std::vector<FieldMessage> campaign_problems(int year, const std::vector<PhaseDates>& phases,
                                            const std::vector<int>& reminder_days);

// The phase containing `date`, or nothing (between phases or outside the year).
std::optional<Phase> phase_on(const Campaign& campaign, const std::string& date);
const PhaseDates& phase_dates(const Campaign& campaign, Phase phase);

struct DeadlineDate {
    Deadline code = Deadline::plan_due;
    Phase phase = Phase::planning;
    std::string due_on;
};

// The four deadlines of the campaign, in date order.
std::vector<DeadlineDate> deadlines_of(const Campaign& campaign);
// The phase a phase-report deadline is for (plan_due: planning).
Phase phase_of(Deadline deadline);
// The phase-report deadline of `phase`.
Deadline report_deadline(Phase phase);

// The status of a deadline due on `due_on`, done on the local date `done_on` (if done), seen on
// `today`: done by the day it falls due is `done`, after it `done_late`; not done, `pending`
// until the end of `due_on`, `overdue` after.
DeadlineStatus deadline_status(const std::string& due_on, const std::optional<std::string>& done_on,
                               const std::string& today);

// Whole days from `from` to `to` (negative when `to` is earlier).
int days_between(const std::string& from, const std::string& to);
// `date` moved by `days`.
std::string add_days(const std::string& date, int days);

// One reminder of one deadline to one alliance: to be sent, or claimed without sending because a
// nearer reminder is sent the same day (so no one gets two at once).
struct ReminderDecision {
    int days_before = 0;
    bool send = false;
};

// The reminders of a deadline due on `due_on` that are due on `today`, for an alliance that has
// `done` it or not: for each d of `reminder_days`, due when due_on − today ≤ d and today ≤ due_on
// and the deadline is not done. When several are due at once only the smallest d is sent, the
// others are claimed as skipped. The caller claims each (deadline, d, alliance) once in storage.
std::vector<ReminderDecision> due_reminders(const std::string& due_on,
                                            const std::vector<int>& reminder_days,
                                            const std::string& today, bool done);

}  // namespace lianjian::campaign

namespace lianjian {

template <>
struct EnumText<campaign::Deadline> {
    using D = campaign::Deadline;
    static constexpr EnumName<D> names[] = {
        {D::plan_due, "plan_due", "活动计划提交截止"},
        {D::report_planning, "report_planning", "制定计划阶段汇报截止"},
        {D::report_implementation, "report_implementation", "组织实施阶段汇报截止"},
        {D::report_summary, "report_summary", "总结提高阶段汇报截止"}};
};

template <>
struct EnumText<campaign::DeadlineStatus> {
    using S = campaign::DeadlineStatus;
    static constexpr EnumName<S> names[] = {{S::pending, "pending", "未到期"},
                                            {S::done, "done", "已完成"},
                                            {S::done_late, "done_late", "逾期完成"},
                                            {S::overdue, "overdue", "已逾期"}};
};

}  // namespace lianjian
