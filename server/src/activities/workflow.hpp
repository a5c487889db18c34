#pragma once

#include "activities/codes.hpp"
#include "core/enum_text.hpp"
#include "core/error.hpp"

#include <optional>
#include <vector>

namespace lianjian::activities {

// What can happen to an activity (docs/activities.md "Activities"):
//   create (the host unit)                 → planned, or held when it has ended already
//   edit (the host unit)                     planned | held | ledger_submitted, unchanged state
//   hold (the host unit)                     planned → held
//   submit_ledger (the host unit)            held → ledger_submitted
//   archive (lead unit or committee)         ledger_submitted → archived (frozen, chained)
//   return_ledger (lead unit or committee)   ledger_submitted → held, with a reason
//   cancel (host, lead unit or committee)    planned → cancelled, with a reason
//   amend (lead unit or committee)           archived → archived, with a reason
//   record_part (a participating unit)       planned | held | ledger_submitted, unchanged
enum class ActivityAction {
    create,
    edit,
    hold,
    submit_ledger,
    archive,
    return_ledger,
    cancel,
    amend,
    record_part
};

// What the workflow needs to know of the asker, each fact decided by the permission table and
// the activity's units.
struct CallerFacts {
    bool host = false;         // activities_write for the alliance, acting for the host unit
    bool lead = false;         // ledger_archive for the alliance (its lead unit, or the committee)
    bool participant = false;  // activities_write, acting for a participating unit
};

// The activity as the workflow sees it: its state, or nothing before it exists.
struct WorkflowRecord {
    std::optional<ActivityState> state;
};

// What the request brings that the workflow checks.
struct WorkflowInput {
    bool has_reason = false;  // cancel, return_ledger, amend
    bool ended = false;       // create: `ends_at` is past, so it is recorded after the fact
};

enum class Refusal {
    none,
    missing,           // any action but create on no activity
    not_host,          // create, edit, hold, submit_ledger by anyone but the host unit
    not_lead,          // archive, return_ledger, amend by anyone but the lead unit or committee
    not_host_or_lead,  // cancel by anyone else
    not_participant,   // record_part by a unit that does not take part
    archived,          // edit or record a part of an archived activity (amend instead)
    cancelled,         // anything on a cancelled activity
    not_planned,       // hold or cancel an activity that is past planned
    not_held,          // submit the ledger of an activity that is not held
    not_submitted,     // archive or return a ledger that is not submitted
    not_archived,      // amend an activity that is not archived
    reason_required,   // cancel, return_ledger or amend without a reason
};

struct Outcome {
    Refusal refusal = Refusal::none;
    ActivityState next = ActivityState::planned;

    bool allowed() const { return refusal == Refusal::none; }
};

// The one transition function. The caller is checked before the state, so that someone who may
// never take the action learns nothing of the activity's state. Pure: no storage, no clock.
Outcome next_state(const WorkflowRecord& record, ActivityAction action, const CallerFacts& facts,
                   const WorkflowInput& input = {});

// The actions the caller may take now, in the order of the activity's `actions`: edit, hold,
// submit_ledger, archive, return_ledger, cancel, amend, record_part.
std::vector<ActivityAction> allowed_actions(const WorkflowRecord& record, const CallerFacts& facts);

// The typed error of a refusal: 409 for the activity's state (named in `details.reason`), 403
// for the caller, 422 for input.
AppError refusal_error(Refusal refusal);

}  // namespace lianjian::activities

namespace lianjian {

template <>
struct EnumText<activities::ActivityAction> {
    using A = activities::ActivityAction;
    static constexpr EnumName<A> names[] = {{A::create, "create", "登记活动"},
                                            {A::edit, "edit", "编辑"},
                                            {A::hold, "hold", "标记已举办"},
                                            {A::submit_ledger, "submit_ledger", "提交台账"},
                                            {A::archive, "archive", "台账归档"},
                                            {A::return_ledger, "return_ledger", "退回台账"},
                                            {A::cancel, "cancel", "取消活动"},
                                            {A::amend, "amend", "更正台账"},
                                            {A::record_part, "record_part", "登记本单位部分"}};
};

}  // namespace lianjian
