#include "applications/workflow.hpp"

#include <algorithm>

namespace lianjian::applications {

namespace {

Outcome refused(Refusal refusal) {
    return {refusal, ApplicationState::consulting};
}

Outcome to(ApplicationState next) {
    return {Refusal::none, next};
}

}  // namespace

bool is_open(ApplicationState state) {
    return state == ApplicationState::consulting || state == ApplicationState::under_review;
}

Outcome next_state(const WorkflowRecord& record, ApplicationAction action, bool agree,
                   const CallerFacts& facts) {
    if (action == ApplicationAction::submit) {
        return to(ApplicationState::consulting);  // a new record: the service checks the rest
    }
    if (!is_open(record.state)) {
        return refused(Refusal::closed);
    }
    switch (action) {
        case ApplicationAction::submit:
            break;
        case ApplicationAction::consult:
            if (record.kind == ApplicationKind::found) {
                return refused(Refusal::not_for_kind);
            }
            if (record.state != ApplicationState::consulting) {
                return refused(Refusal::out_of_order);
            }
            if (!facts.consults_for_alliance) {
                return refused(Refusal::not_lead_unit);
            }
            return to(agree ? ApplicationState::under_review : ApplicationState::rejected);
        case ApplicationAction::confirm: {
            if (record.kind != ApplicationKind::found) {
                return refused(Refusal::not_for_kind);
            }
            if (record.state != ApplicationState::consulting) {
                return refused(Refusal::out_of_order);
            }
            const auto& co = record.co_applicants;
            const auto unit = facts.co_applicant_unit;
            const auto mine = std::find_if(
                co.begin(), co.end(), [&](const auto& c) { return unit && c.unit_id == *unit; });
            if (mine == co.end()) {
                return refused(Refusal::not_co_applicant);
            }
            if (mine->confirmation != Confirmation::pending) {
                return refused(Refusal::already_confirmed);
            }
            if (!agree) {
                return to(ApplicationState::rejected);
            }
            const bool others_pending = std::any_of(co.begin(), co.end(), [&](const auto& c) {
                return c.unit_id != *unit && c.confirmation == Confirmation::pending;
            });
            return to(others_pending ? ApplicationState::consulting
                                     : ApplicationState::under_review);
        }
        case ApplicationAction::decide:
            if (record.state != ApplicationState::under_review) {
                return refused(Refusal::out_of_order);
            }
            if (!facts.decides) {
                return refused(Refusal::not_committee);
            }
            return to(agree ? ApplicationState::approved : ApplicationState::rejected);
        case ApplicationAction::withdraw:
            if (!facts.acts_for_applicant) {
                return refused(Refusal::not_applicant);
            }
            return to(ApplicationState::withdrawn);
    }
    return refused(Refusal::out_of_order);
}

std::vector<ApplicationAction> allowed_actions(const WorkflowRecord& record,
                                               const CallerFacts& facts) {
    std::vector<ApplicationAction> actions;
    for (auto action : {ApplicationAction::consult, ApplicationAction::confirm,
                        ApplicationAction::decide, ApplicationAction::withdraw}) {
        if (next_state(record, action, true, facts).allowed()) {
            actions.push_back(action);
        }
    }
    return actions;
}

AppError refusal_error(Refusal refusal) {
    switch (refusal) {
        case Refusal::none:
            break;
        case Refusal::closed:
            return AppError(ErrorCode::conflict, "申请已办结或已撤回，不能再操作");
        case Refusal::not_for_kind:
            return AppError(ErrorCode::conflict,
                            "组建新联盟申请由联合申请单位确认，入盟和退出申请由牵头单位协商");
        case Refusal::out_of_order:
            return AppError(ErrorCode::conflict, "申请当前不在此环节，不能执行此操作");
        case Refusal::not_lead_unit:
            return AppError(ErrorCode::forbidden, "只有目标联盟的牵头单位可以协商此申请");
        case Refusal::not_co_applicant:
            return AppError(ErrorCode::forbidden, "只有联合申请单位可以确认此申请");
        case Refusal::already_confirmed:
            return AppError(ErrorCode::conflict, "本单位已确认过此申请");
        case Refusal::not_committee:
            return AppError(ErrorCode::forbidden, "只有机关工委可以审批申请");
        case Refusal::not_applicant:
            return AppError(ErrorCode::forbidden, "只有申请单位可以撤回申请");
    }
    return AppError(ErrorCode::internal, "申请状态异常");
}

}  // namespace lianjian::applications
