// Specification: the application workflow is one pure function, (record, action, caller facts) →
// next state or a refusal. Each row below is one case: given the record and the caller, when the
// action is taken (agreeing or not), then the outcome is the expected state or refusal. No
// database, no server.
#include "applications/workflow.hpp"

#include <gtest/gtest.h>

namespace lianjian::testing {
namespace {

using namespace applications;
using A = ApplicationAction;
using K = ApplicationKind;
using R = Refusal;
using S = ApplicationState;

constexpr long long applicant_unit = 1;
constexpr long long co_unit = 2;
constexpr long long third_unit = 3;

// Facts about a caller.
CallerFacts applicant() {
    return {true, false, applicant_unit, false};
}
CallerFacts lead_unit() {
    return {false, true, std::nullopt, false};
}
CallerFacts co_applicant(long long unit) {
    return {false, false, unit, false};
}
CallerFacts committee() {
    return {false, false, std::nullopt, true};
}
CallerFacts stranger() {
    return {};
}

WorkflowRecord record(K kind, S state,
                      std::vector<WorkflowRecord::CoApplicant> co_applicants = {}) {
    return {kind, state, std::move(co_applicants)};
}

// A found application where the applicant agreed and `co_unit` (and perhaps `third_unit`) has
// still to confirm.
WorkflowRecord found(S state, Confirmation second, std::optional<Confirmation> third = {}) {
    std::vector<WorkflowRecord::CoApplicant> co{{applicant_unit, Confirmation::agreed},
                                                {co_unit, second}};
    if (third) {
        co.push_back({third_unit, *third});
    }
    return record(K::found, state, co);
}

struct Case {
    const char* name;
    WorkflowRecord record;
    ApplicationAction action;
    bool agree;
    CallerFacts facts;
    Refusal refusal;
    ApplicationState next;  // when allowed
};

class Transitions : public ::testing::TestWithParam<Case> {};

TEST_P(Transitions, LeadWhereTheWorkflowSays) {
    const auto& row = GetParam();
    // Given the record and the caller's facts, when the action is taken,
    const auto outcome = next_state(row.record, row.action, row.agree, row.facts);
    // then it is refused for the expected reason, or moves to the expected state.
    EXPECT_EQ(outcome.refusal, row.refusal) << row.name;
    if (row.refusal == R::none) {
        EXPECT_EQ(outcome.next, row.next) << row.name;
    }
}

const Case cases[] = {
    // join and leave: the lead unit consults, the committee decides.
    {"join_lead_agrees", record(K::join, S::consulting), A::consult, true, lead_unit(), R::none,
     S::under_review},
    {"join_lead_declines", record(K::join, S::consulting), A::consult, false, lead_unit(), R::none,
     S::rejected},
    {"leave_lead_agrees", record(K::leave, S::consulting), A::consult, true, lead_unit(), R::none,
     S::under_review},
    {"consult_by_other_unit", record(K::join, S::consulting), A::consult, true, applicant(),
     R::not_lead_unit, S::consulting},
    {"consult_twice", record(K::join, S::under_review), A::consult, true, lead_unit(),
     R::out_of_order, S::consulting},
    {"consult_on_found", found(S::consulting, Confirmation::pending), A::consult, true, lead_unit(),
     R::not_for_kind, S::consulting},
    {"committee_approves", record(K::join, S::under_review), A::decide, true, committee(), R::none,
     S::approved},
    {"committee_rejects", record(K::leave, S::under_review), A::decide, false, committee(), R::none,
     S::rejected},
    {"decide_before_consult", record(K::join, S::consulting), A::decide, true, committee(),
     R::out_of_order, S::consulting},
    {"decide_by_unit", record(K::join, S::under_review), A::decide, true, lead_unit(),
     R::not_committee, S::consulting},
    // found: every co-applicant confirms, then the committee decides.
    {"last_co_applicant_agrees", found(S::consulting, Confirmation::pending), A::confirm, true,
     co_applicant(co_unit), R::none, S::under_review},
    {"co_applicant_agrees_others_pending",
     found(S::consulting, Confirmation::pending, Confirmation::pending), A::confirm, true,
     co_applicant(co_unit), R::none, S::consulting},
    {"co_applicant_declines", found(S::consulting, Confirmation::pending, Confirmation::pending),
     A::confirm, false, co_applicant(co_unit), R::none, S::rejected},
    {"confirm_twice", found(S::consulting, Confirmation::agreed, Confirmation::pending), A::confirm,
     true, co_applicant(co_unit), R::already_confirmed, S::consulting},
    {"confirm_by_stranger", found(S::consulting, Confirmation::pending), A::confirm, true,
     co_applicant(third_unit), R::not_co_applicant, S::consulting},
    {"confirm_on_join", record(K::join, S::consulting), A::confirm, true, co_applicant(co_unit),
     R::not_for_kind, S::consulting},
    {"found_approved", found(S::under_review, Confirmation::agreed), A::decide, true, committee(),
     R::none, S::approved},
    // withdraw: the applicant, while open.
    {"withdraw_while_consulting", record(K::join, S::consulting), A::withdraw, true, applicant(),
     R::none, S::withdrawn},
    {"withdraw_under_review", found(S::under_review, Confirmation::agreed), A::withdraw, true,
     applicant(), R::none, S::withdrawn},
    {"withdraw_by_lead", record(K::join, S::consulting), A::withdraw, true, lead_unit(),
     R::not_applicant, S::consulting},
    // Closed applications take no action at all.
    {"approved_is_closed", record(K::join, S::approved), A::withdraw, true, applicant(), R::closed,
     S::consulting},
    {"rejected_is_closed", record(K::join, S::rejected), A::decide, true, committee(), R::closed,
     S::consulting},
    {"withdrawn_is_closed", record(K::leave, S::withdrawn), A::consult, true, lead_unit(),
     R::closed, S::consulting},
    {"stranger_withdraws", record(K::join, S::consulting), A::withdraw, true, stranger(),
     R::not_applicant, S::consulting},
};

INSTANTIATE_TEST_SUITE_P(Workflow, Transitions, ::testing::ValuesIn(cases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(Workflow, SubmittingStartsInConsultationAndNoOtherStateIsOpen) {
    // Given any kind, when submitted, then the application is under consultation;
    for (auto kind : {K::join, K::found, K::leave}) {
        EXPECT_EQ(next_state(record(kind, S::consulting), A::submit, true, applicant()).next,
                  S::consulting);
    }
    // and only consulting and under_review are open (there is no `submitted` state).
    EXPECT_TRUE(is_open(S::consulting));
    EXPECT_TRUE(is_open(S::under_review));
    for (auto state : {S::approved, S::rejected, S::withdrawn}) {
        EXPECT_FALSE(is_open(state));
    }
    EXPECT_FALSE(find_enum<ApplicationState>("submitted"));
}

TEST(Workflow, AllowedActionsAreTheOnesTheFunctionAccepts) {
    // Given a join application under consultation,
    const auto join = record(K::join, S::consulting);
    // then the lead unit may consult, the applicant may withdraw, the committee nothing yet.
    EXPECT_EQ(allowed_actions(join, lead_unit()), std::vector<ApplicationAction>{A::consult});
    EXPECT_EQ(allowed_actions(join, applicant()), std::vector<ApplicationAction>{A::withdraw});
    EXPECT_TRUE(allowed_actions(join, committee()).empty());
    // Under review, the committee decides.
    EXPECT_EQ(allowed_actions(record(K::join, S::under_review), committee()),
              std::vector<ApplicationAction>{A::decide});
}

TEST(Workflow, EachRefusalIsATypedErrorWithAChineseMessage) {
    for (auto refusal : {R::closed, R::not_for_kind, R::out_of_order, R::already_confirmed}) {
        EXPECT_EQ(refusal_error(refusal).code(), ErrorCode::conflict);
    }
    for (auto refusal :
         {R::not_lead_unit, R::not_co_applicant, R::not_committee, R::not_applicant}) {
        const auto error = refusal_error(refusal);
        EXPECT_EQ(error.code(), ErrorCode::forbidden);
        EXPECT_FALSE(std::string(error.what()).empty());
    }
}

}  // namespace
}  // namespace lianjian::testing
