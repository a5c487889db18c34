#pragma once

#include "core/enum_text.hpp"
#include "core/error.hpp"

#include <optional>
#include <vector>

namespace lianjian::applications {

// The application workflow as DOMAIN.md names it:
//   join:  consulting (the target's lead unit) → under_review (the committee) → approved | rejected
//   found: consulting (every co-applicant confirms) → under_review → approved | rejected
//   leave: consulting (the lead unit) → under_review → approved | rejected
// `withdrawn` from any open state, by the applicant.
enum class ApplicationKind { join, found, leave };
enum class ApplicationState { consulting, under_review, approved, rejected, withdrawn };
enum class ApplicationAction { submit, consult, confirm, decide, withdraw };
enum class Confirmation { pending, agreed, declined };

bool is_open(ApplicationState state);

// What the workflow needs to know of the asker, each fact decided by the permission table.
struct CallerFacts {
    bool acts_for_applicant = false;             // applications_act for the applicant unit
    bool consults_for_alliance = false;          // applications_consult for the alliance concerned
    std::optional<long long> co_applicant_unit;  // the co-applicant unit it acts for, if any
    bool decides = false;                        // applications_decide
};

// What the workflow needs to know of the application.
struct WorkflowRecord {
    ApplicationKind kind = ApplicationKind::join;
    ApplicationState state = ApplicationState::consulting;
    struct CoApplicant {
        long long unit_id = 0;
        Confirmation confirmation = Confirmation::pending;
    };
    std::vector<CoApplicant> co_applicants;
};

// Why an action is refused.
enum class Refusal {
    none,
    closed,             // approved, rejected or withdrawn already
    not_for_kind,       // consult on a found application, confirm on a join or leave
    out_of_order,       // the application is not at this action's stage
    not_lead_unit,      // consult by anyone but the target alliance's lead unit
    not_co_applicant,   // confirm by anyone but a co-applicant
    already_confirmed,  // a co-applicant confirms twice
    not_committee,      // decide by anyone but the committee
    not_applicant,      // withdraw by anyone but the applicant
};

struct Outcome {
    Refusal refusal = Refusal::none;
    ApplicationState next = ApplicationState::consulting;

    bool allowed() const { return refusal == Refusal::none; }
};

// The one transition function: from `record`, `action` by a caller with `facts` (agreeing or not,
// for consult, confirm and decide) leads to `next`, or is refused. Pure: no storage, no clock.
Outcome next_state(const WorkflowRecord& record, ApplicationAction action, bool agree,
                   const CallerFacts& facts);

// The actions that would be allowed now (consult, confirm, decide, withdraw), in that order.
std::vector<ApplicationAction> allowed_actions(const WorkflowRecord& record,
                                               const CallerFacts& facts);

// The typed error a refusal is answered with: 409 for the record's state, 403 for the caller.
AppError refusal_error(Refusal refusal);

}  // namespace lianjian::applications

namespace lianjian {

template <>
struct EnumText<applications::ApplicationKind> {
    using K = applications::ApplicationKind;
    static constexpr EnumName<K> names[] = {{K::join, "join", "入盟申请"},
                                            {K::found, "found", "组建新联盟申请"},
                                            {K::leave, "leave", "退出联盟申请"}};
};

template <>
struct EnumText<applications::ApplicationState> {
    using S = applications::ApplicationState;
    static constexpr EnumName<S> names[] = {{S::consulting, "consulting", "协商中"},
                                            {S::under_review, "under_review", "待审批"},
                                            {S::approved, "approved", "已批准"},
                                            {S::rejected, "rejected", "未通过"},
                                            {S::withdrawn, "withdrawn", "已撤回"}};
};

template <>
struct EnumText<applications::ApplicationAction> {
    using A = applications::ApplicationAction;
    static constexpr EnumName<A> names[] = {{A::submit, "submit", "提交"},
                                            {A::consult, "consult", "牵头单位协商"},
                                            {A::confirm, "confirm", "联合申请单位确认"},
                                            {A::decide, "decide", "机关工委审批"},
                                            {A::withdraw, "withdraw", "撤回"}};
};

template <>
struct EnumText<applications::Confirmation> {
    using C = applications::Confirmation;
    static constexpr EnumName<C> names[] = {{C::pending, "pending", "待确认"},
                                            {C::agreed, "agreed", "同意"},
                                            {C::declined, "declined", "不同意"}};
};

}  // namespace lianjian
