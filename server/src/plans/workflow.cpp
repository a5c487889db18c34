#include "plans/workflow.hpp"

namespace lianjian::plans {

namespace {

Outcome refused(Refusal refusal) {
    return {refusal, PlanState::draft, false};
}

Outcome to(PlanState next, bool opens_version = false) {
    return {Refusal::none, next, opens_version};
}

bool editable(PlanState state) {
    return state == PlanState::draft || state == PlanState::returned;
}

}  // namespace

Outcome next_state(const WorkflowRecord& record, PlanAction action, const CallerFacts& facts,
                   bool has_opinion) {
    const bool lead_action = action == PlanAction::create || action == PlanAction::save ||
                             action == PlanAction::submit || action == PlanAction::revise;
    if (lead_action && !facts.writes) {
        return refused(Refusal::not_lead_unit);
    }
    if (!lead_action && !facts.reviews) {
        return refused(Refusal::not_committee);
    }
    if (action == PlanAction::create) {
        return record.state ? refused(Refusal::exists) : to(PlanState::draft, true);
    }
    if (!record.state) {
        return refused(Refusal::missing);
    }
    const PlanState state = *record.state;
    switch (action) {
        case PlanAction::create:
            break;
        // A returned version stays as the committee saw and returned it: the lead's edit or
        // resubmission opens the next version (seed 五(一): every version kept).
        case PlanAction::save:
            if (state == PlanState::returned) {
                return to(PlanState::draft, true);
            }
            return editable(state) ? to(state) : refused(Refusal::not_editable);
        case PlanAction::submit:
            if (state == PlanState::returned) {
                return to(PlanState::submitted, true);
            }
            return editable(state) ? to(PlanState::submitted) : refused(Refusal::not_editable);
        case PlanAction::approve:
            return state == PlanState::submitted ? to(PlanState::approved)
                                                 : refused(Refusal::not_submitted);
        case PlanAction::send_back:
            if (state != PlanState::submitted) {
                return refused(Refusal::not_submitted);
            }
            return has_opinion ? to(PlanState::returned) : refused(Refusal::opinion_required);
        case PlanAction::revise:
            return state == PlanState::approved ? to(PlanState::draft, true)
                                                : refused(Refusal::not_approved);
    }
    return refused(Refusal::missing);
}

std::vector<PlanAction> allowed_actions(const WorkflowRecord& record, const CallerFacts& facts) {
    std::vector<PlanAction> actions;
    for (auto action : {PlanAction::save, PlanAction::submit, PlanAction::approve,
                        PlanAction::send_back, PlanAction::revise}) {
        if (next_state(record, action, facts, true).allowed()) {
            actions.push_back(action);
        }
    }
    return actions;
}

AppError refusal_error(Refusal refusal) {
    switch (refusal) {
        case Refusal::none:
            break;
        case Refusal::exists:
            return AppError(ErrorCode::conflict, "本联盟该年度的活动计划已存在，请直接编辑",
                            {{"reason", "plan_exists"}});
        case Refusal::missing:
            return AppError(ErrorCode::not_found, "活动计划不存在");
        case Refusal::not_editable:
            return AppError(ErrorCode::conflict,
                            "计划已提交或已通过，不能修改；已通过的计划请先“修订”生成新版本");
        case Refusal::not_submitted:
            return AppError(ErrorCode::conflict, "计划当前不在待审核状态，不能审核");
        case Refusal::not_approved:
            return AppError(ErrorCode::conflict, "只有审核通过的计划才能修订");
        case Refusal::not_lead_unit:
            return AppError(ErrorCode::forbidden, "只有联盟牵头单位可以编制、提交和修订活动计划");
        case Refusal::not_committee:
            return AppError(ErrorCode::forbidden, "只有机关工委可以审核活动计划");
        case Refusal::opinion_required:
            return field_error("opinion", "退回计划须填写意见");
    }
    return AppError(ErrorCode::internal, "活动计划状态异常");
}

}  // namespace lianjian::plans
