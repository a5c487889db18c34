#pragma once

#include "campaign/codes.hpp"
#include "core/enum_text.hpp"
#include "core/error.hpp"

#include <optional>
#include <vector>

namespace lianjian::plans {

using campaign::PlanState;

// What can happen to an annual plan (活动计划, DOMAIN.md "The year's campaign"):
//   create (the lead unit)              → draft, version 1
//   save (the lead unit)                  draft | returned, unchanged state
//   submit (the lead unit)                draft | returned → submitted
//   approve (the committee)               submitted → approved
//   send_back (the committee, opinion)    submitted → returned
//   revise (the lead unit)                approved → the next version, as a draft; the approved
//                                         version stays approved and is kept
enum class PlanAction { create, save, submit, approve, send_back, revise };

// What the workflow needs to know of the asker, each fact decided by the permission table.
struct CallerFacts {
    bool writes = false;   // plans_write for the plan's alliance (its lead unit)
    bool reviews = false;  // plans_review (the committee)
};

// What the workflow needs to know of the plan: the state of its newest version, or nothing when
// the alliance has no plan for the year yet.
struct WorkflowRecord {
    std::optional<PlanState> state;
};

enum class Refusal {
    none,
    exists,            // create when the alliance already has a plan for the year
    missing,           // any other action without a plan
    not_editable,      // save or submit a version that is submitted or approved
    not_submitted,     // approve or return a version that is not waiting for review
    not_approved,      // revise a version that is not approved
    not_lead_unit,     // create, save, submit or revise by anyone but the lead unit
    not_committee,     // approve or return by anyone but the committee
    opinion_required,  // return without an opinion
};

struct Outcome {
    Refusal refusal = Refusal::none;
    PlanState next = PlanState::draft;
    // Create, revise, and the lead's edit or resubmission of a returned version start a new
    // version; the version acted on is kept as it was.
    bool opens_version = false;

    bool allowed() const { return refusal == Refusal::none; }
};

// The one transition function. The caller is checked before the state, so that someone who may
// never take the action learns nothing of the plan's state. Pure: no storage, no clock.
Outcome next_state(const WorkflowRecord& record, PlanAction action, const CallerFacts& facts,
                   bool has_opinion = false);

// The actions the caller may take on the plan now (save, submit, approve, send_back, revise, in
// that order), answered as the plan's `actions` ("edit", "submit", "approve", "return",
// "revise").
std::vector<PlanAction> allowed_actions(const WorkflowRecord& record, const CallerFacts& facts);

// The typed error of a refusal: 409 for the plan's state, 403 for the caller, 422 for input.
AppError refusal_error(Refusal refusal);

}  // namespace lianjian::plans

namespace lianjian {

template <>
struct EnumText<plans::PlanAction> {
    using A = plans::PlanAction;
    static constexpr EnumName<A> names[] = {
        {A::create, "create", "新建计划"},    {A::save, "edit", "编辑"},
        {A::submit, "submit", "提交审核"},    {A::approve, "approve", "审核通过"},
        {A::send_back, "return", "退回修改"}, {A::revise, "revise", "修订"}};
};

}  // namespace lianjian
