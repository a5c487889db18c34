// Specification: the activity workflow is one pure function, (state, action, caller facts, reason
// given) → next state or a refusal (docs/activities.md "Activities"). The table below names, for
// every action from every state, what the rightful actor gets; then every wrong actor is refused
// before the state is looked at. No database, no server.
#include "activities/workflow.hpp"

#include <gtest/gtest.h>

#include <map>
#include <optional>

namespace lianjian::testing {
namespace {

using namespace activities;
using A = ActivityAction;
using R = Refusal;
using S = ActivityState;

constexpr CallerFacts host{true, false, true};
constexpr CallerFacts lead{false, true, false};
constexpr CallerFacts participant{false, false, true};
constexpr CallerFacts nobody{false, false, false};

const A all_actions[] = {A::edit,          A::hold,   A::submit_ledger, A::archive,
                         A::return_ledger, A::cancel, A::amend,         A::record_part};
const S all_states[] = {S::planned, S::held, S::ledger_submitted, S::archived, S::cancelled};

// The rightful actor of each action.
CallerFacts actor_of(A action) {
    switch (action) {
        case A::archive:
        case A::return_ledger:
        case A::amend:
            return lead;
        case A::record_part:
            return participant;
        default:
            return host;
    }
}

// What the rightful actor gets, with a reason: the next state, or the refusal.
using Expected = std::pair<std::optional<S>, R>;
Expected expected(S from, A action) {
    const auto ok = [](S next) { return Expected{next, R::none}; };
    const auto no = [](R refusal) { return Expected{std::nullopt, refusal}; };
    if (from == S::cancelled)
        return no(R::cancelled);
    switch (action) {
        case A::edit:
        case A::record_part:
            return from == S::archived ? no(R::archived) : ok(from);
        case A::hold:
            return from == S::planned ? ok(S::held) : no(R::not_planned);
        case A::submit_ledger:
            return from == S::held ? ok(S::ledger_submitted) : no(R::not_held);
        case A::archive:
            return from == S::ledger_submitted ? ok(S::archived) : no(R::not_submitted);
        case A::return_ledger:
            return from == S::ledger_submitted ? ok(S::held) : no(R::not_submitted);
        case A::cancel:
            return from == S::planned ? ok(S::cancelled) : no(R::not_planned);
        case A::amend:
            return from == S::archived ? ok(S::archived) : no(R::not_archived);
        case A::create:
            break;
    }
    return no(R::missing);
}

TEST(ActivityWorkflow, EveryActionFromEveryStateForItsRightfulActor) {
    for (auto from : all_states) {
        for (auto action : all_actions) {
            // Given an activity in `from` and the actor the action belongs to,
            const auto outcome = next_state({from}, action, actor_of(action), {true, false});
            // then the outcome is the table's.
            const auto [next, refusal] = expected(from, action);
            const std::string where = std::string(enum_code(action)) + " from " + enum_code(from);
            EXPECT_EQ(outcome.refusal, refusal) << where;
            if (next) {
                EXPECT_TRUE(outcome.allowed()) << where;
                EXPECT_EQ(outcome.next, *next) << where;
            }
        }
    }
}

TEST(ActivityWorkflow, EveryWrongActorIsRefusedWhateverTheState) {
    const std::map<A, R> refusal_of = {
        {A::edit, R::not_host},           {A::hold, R::not_host},
        {A::submit_ledger, R::not_host},  {A::archive, R::not_lead},
        {A::return_ledger, R::not_lead},  {A::amend, R::not_lead},
        {A::cancel, R::not_host_or_lead}, {A::record_part, R::not_participant}};
    for (auto from : all_states) {
        for (auto action : all_actions) {
            for (const auto& facts : {host, lead, participant, nobody}) {
                const bool rightful =
                    (action == A::cancel && (facts.host || facts.lead)) ||
                    (action == A::record_part && facts.participant) ||
                    ((action == A::archive || action == A::return_ledger || action == A::amend) &&
                     facts.lead) ||
                    ((action == A::edit || action == A::hold || action == A::submit_ledger) &&
                     facts.host);
                if (rightful)
                    continue;
                const auto outcome = next_state({from}, action, facts, {true, false});
                EXPECT_EQ(outcome.refusal, refusal_of.at(action))
                    << enum_code(action) << " from " << enum_code(from);
                EXPECT_EQ(refusal_error(outcome.refusal).code(), ErrorCode::forbidden);
            }
        }
    }
}

TEST(ActivityWorkflow, CreateIsTheHostsAndStartsPlannedOrHeldWhenAlreadyOver) {
    EXPECT_EQ(next_state({}, A::create, host, {false, false}).next, S::planned);
    EXPECT_EQ(next_state({}, A::create, host, {false, true}).next, S::held);
    EXPECT_EQ(next_state({}, A::create, lead).refusal, R::not_host);
    EXPECT_EQ(next_state({}, A::create, participant).refusal, R::not_host);
    // Any other action on no activity: it is missing (404).
    EXPECT_EQ(next_state({}, A::hold, host).refusal, R::missing);
    EXPECT_EQ(refusal_error(R::missing).code(), ErrorCode::not_found);
}

TEST(ActivityWorkflow, CancelReturnAndAmendNeedAReason) {
    EXPECT_EQ(next_state({S::planned}, A::cancel, host, {false, false}).refusal,
              R::reason_required);
    EXPECT_EQ(next_state({S::planned}, A::cancel, lead, {false, false}).refusal,
              R::reason_required);
    EXPECT_EQ(next_state({S::ledger_submitted}, A::return_ledger, lead, {false, false}).refusal,
              R::reason_required);
    EXPECT_EQ(next_state({S::archived}, A::amend, lead, {false, false}).refusal,
              R::reason_required);
    EXPECT_EQ(refusal_error(R::reason_required).code(), ErrorCode::validation_failed);
}

TEST(ActivityWorkflow, StateRefusalsAreNamedConflicts) {
    for (auto refusal : {R::archived, R::cancelled, R::not_planned, R::not_held, R::not_submitted,
                         R::not_archived}) {
        const auto error = refusal_error(refusal);
        EXPECT_EQ(error.code(), ErrorCode::conflict);
        EXPECT_TRUE(error.details().contains("reason"));
    }
    EXPECT_EQ(refusal_error(R::archived).details().at("reason").as_string(), "activity_archived");
}

TEST(ActivityWorkflow, TheActionsListFollowsTheFunction) {
    // A host who also takes part, on a planned activity: edit, hold, cancel, record a part.
    const CallerFacts host_unit{true, false, true};
    EXPECT_EQ(allowed_actions({S::planned}, host_unit),
              (std::vector<A>{A::edit, A::hold, A::cancel, A::record_part}));
    EXPECT_EQ(allowed_actions({S::held}, host_unit),
              (std::vector<A>{A::edit, A::submit_ledger, A::record_part}));
    // The lead (or committee) on a submitted ledger: archive or return.
    EXPECT_EQ(allowed_actions({S::ledger_submitted}, lead),
              (std::vector<A>{A::archive, A::return_ledger}));
    EXPECT_EQ(allowed_actions({S::archived}, lead), std::vector<A>{A::amend});
    EXPECT_TRUE(allowed_actions({S::archived}, host_unit).empty());
    EXPECT_TRUE(allowed_actions({S::cancelled}, host_unit).empty());
    EXPECT_TRUE(allowed_actions({S::planned}, nobody).empty());
}

}  // namespace
}  // namespace lianjian::testing
