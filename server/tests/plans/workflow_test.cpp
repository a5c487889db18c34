// Specification: the plan workflow is one pure function, (newest version's state, action, caller
// facts, opinion given) → next state or a refusal. Each row is one case: given the plan's state
// and the caller, when the action is taken, then the outcome is the expected state or refusal.
// No database, no server.
#include "plans/workflow.hpp"

#include <gtest/gtest.h>

namespace lianjian::testing {
namespace {

using namespace plans;
using A = PlanAction;
using R = Refusal;
using S = PlanState;

CallerFacts lead() {
    return {true, false};
}
CallerFacts committee() {
    return {false, true};
}
CallerFacts member_unit() {  // a unit of the alliance that does not lead it, or a viewer
    return {false, false};
}

WorkflowRecord none() {
    return {std::nullopt};
}
WorkflowRecord at(S state) {
    return {state};
}

struct Case {
    const char* name;
    WorkflowRecord record;
    PlanAction action;
    CallerFacts facts;
    bool opinion;
    R refusal;
    S next;
    bool opens_version;
};

const Case cases[] = {
    // Creation.
    {"lead creates the year's plan", none(), A::create, lead(), false, R::none, S::draft, true},
    {"a second plan for the year", at(S::draft), A::create, lead(), false, R::exists, S::draft,
     false},
    {"a member unit creates", none(), A::create, member_unit(), false, R::not_lead_unit, S::draft,
     false},
    {"the committee creates", none(), A::create, committee(), false, R::not_lead_unit, S::draft,
     false},
    // Saving.
    {"lead saves a draft", at(S::draft), A::save, lead(), false, R::none, S::draft, false},
    // A returned version is kept as the committee returned it: editing opens the next version.
    {"lead saves a returned plan", at(S::returned), A::save, lead(), false, R::none, S::draft,
     true},
    {"lead saves a submitted plan", at(S::submitted), A::save, lead(), false, R::not_editable,
     S::draft, false},
    {"lead saves an approved plan", at(S::approved), A::save, lead(), false, R::not_editable,
     S::draft, false},
    {"a member unit saves", at(S::draft), A::save, member_unit(), false, R::not_lead_unit, S::draft,
     false},
    {"the committee saves", at(S::draft), A::save, committee(), false, R::not_lead_unit, S::draft,
     false},
    {"save without a plan", none(), A::save, lead(), false, R::missing, S::draft, false},
    // Submitting.
    {"lead submits a draft", at(S::draft), A::submit, lead(), false, R::none, S::submitted, false},
    {"lead resubmits a returned plan", at(S::returned), A::submit, lead(), false, R::none,
     S::submitted, true},
    {"lead submits twice", at(S::submitted), A::submit, lead(), false, R::not_editable, S::draft,
     false},
    {"lead submits an approved plan", at(S::approved), A::submit, lead(), false, R::not_editable,
     S::draft, false},
    {"a member unit submits", at(S::draft), A::submit, member_unit(), false, R::not_lead_unit,
     S::draft, false},
    {"the committee submits", at(S::draft), A::submit, committee(), false, R::not_lead_unit,
     S::draft, false},
    // Approving.
    {"committee approves", at(S::submitted), A::approve, committee(), false, R::none, S::approved,
     false},
    {"committee approves with an opinion", at(S::submitted), A::approve, committee(), true, R::none,
     S::approved, false},
    {"committee approves a draft", at(S::draft), A::approve, committee(), false, R::not_submitted,
     S::draft, false},
    {"committee approves twice", at(S::approved), A::approve, committee(), false, R::not_submitted,
     S::draft, false},
    {"committee approves a returned plan", at(S::returned), A::approve, committee(), false,
     R::not_submitted, S::draft, false},
    {"lead approves its own plan", at(S::submitted), A::approve, lead(), false, R::not_committee,
     S::draft, false},
    {"a member unit approves", at(S::submitted), A::approve, member_unit(), false, R::not_committee,
     S::draft, false},
    // Returning.
    {"committee returns with an opinion", at(S::submitted), A::send_back, committee(), true,
     R::none, S::returned, false},
    {"committee returns without an opinion", at(S::submitted), A::send_back, committee(), false,
     R::opinion_required, S::draft, false},
    {"committee returns a draft", at(S::draft), A::send_back, committee(), true, R::not_submitted,
     S::draft, false},
    {"committee returns an approved plan", at(S::approved), A::send_back, committee(), true,
     R::not_submitted, S::draft, false},
    {"lead returns its own plan", at(S::submitted), A::send_back, lead(), true, R::not_committee,
     S::draft, false},
    // Revising.
    {"lead revises an approved plan", at(S::approved), A::revise, lead(), false, R::none, S::draft,
     true},
    {"lead revises a draft", at(S::draft), A::revise, lead(), false, R::not_approved, S::draft,
     false},
    {"lead revises a submitted plan", at(S::submitted), A::revise, lead(), false, R::not_approved,
     S::draft, false},
    {"lead revises a returned plan", at(S::returned), A::revise, lead(), false, R::not_approved,
     S::draft, false},
    {"a member unit revises", at(S::approved), A::revise, member_unit(), false, R::not_lead_unit,
     S::draft, false},
    {"the committee revises", at(S::approved), A::revise, committee(), false, R::not_lead_unit,
     S::draft, false},
};

TEST(PlanWorkflow, EveryTransitionAndEveryWrongActor) {
    for (const auto& c : cases) {
        // Given the plan and the caller, when the action is taken,
        const auto outcome = next_state(c.record, c.action, c.facts, c.opinion);
        // then it is refused for the expected reason, or leads to the expected state.
        EXPECT_EQ(outcome.refusal, c.refusal) << c.name;
        if (c.refusal == R::none) {
            EXPECT_EQ(outcome.next, c.next) << c.name;
            EXPECT_EQ(outcome.opens_version, c.opens_version) << c.name;
        }
    }
}

TEST(PlanWorkflow, RefusalsAreForbiddenForTheCallerAndConflictsForTheState) {
    EXPECT_EQ(refusal_error(R::not_lead_unit).code(), ErrorCode::forbidden);
    EXPECT_EQ(refusal_error(R::not_committee).code(), ErrorCode::forbidden);
    EXPECT_EQ(refusal_error(R::not_editable).code(), ErrorCode::conflict);
    EXPECT_EQ(refusal_error(R::not_submitted).code(), ErrorCode::conflict);
    EXPECT_EQ(refusal_error(R::not_approved).code(), ErrorCode::conflict);
    EXPECT_EQ(refusal_error(R::exists).code(), ErrorCode::conflict);
    EXPECT_EQ(refusal_error(R::exists).details().at("reason").as_string(), "plan_exists");
    EXPECT_EQ(refusal_error(R::missing).code(), ErrorCode::not_found);
    const auto opinion = refusal_error(R::opinion_required);
    EXPECT_EQ(opinion.code(), ErrorCode::validation_failed);
    EXPECT_EQ(opinion.details().at("field").as_string(), "opinion");
}

TEST(PlanWorkflow, ActionsAreWhatTheCallerMayDoNow) {
    using V = std::vector<PlanAction>;
    // Given a draft or a returned plan, the lead may edit and submit it; the committee nothing.
    EXPECT_EQ(allowed_actions(at(S::draft), lead()), (V{A::save, A::submit}));
    EXPECT_EQ(allowed_actions(at(S::returned), lead()), (V{A::save, A::submit}));
    EXPECT_EQ(allowed_actions(at(S::draft), committee()), V{});
    // Given a submitted plan, only the committee acts: approve or return.
    EXPECT_EQ(allowed_actions(at(S::submitted), lead()), V{});
    EXPECT_EQ(allowed_actions(at(S::submitted), committee()), (V{A::approve, A::send_back}));
    // Given an approved plan, the lead may revise it.
    EXPECT_EQ(allowed_actions(at(S::approved), lead()), V{A::revise});
    EXPECT_EQ(allowed_actions(at(S::approved), committee()), V{});
    // A member unit or a viewer never acts.
    for (auto state : {S::draft, S::submitted, S::approved, S::returned}) {
        EXPECT_EQ(allowed_actions(at(state), member_unit()), V{}) << enum_code(state);
    }
}

TEST(PlanWorkflow, ActionCodesAreTheOnesTheWebUses) {
    EXPECT_STREQ(enum_code(A::save), "edit");
    EXPECT_STREQ(enum_code(A::send_back), "return");
    EXPECT_EQ(find_enum<PlanAction>("return"), A::send_back);
}

}  // namespace
}  // namespace lianjian::testing
