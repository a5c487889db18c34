#include "activities/workflow.hpp"

namespace lianjian::activities {

namespace {

Outcome refused(Refusal refusal) {
    return {refusal, ActivityState::planned};
}

Outcome to(ActivityState next) {
    return {Refusal::none, next};
}

// Whether the caller is the one who may take `action` at all.
std::optional<Refusal> actor_refusal(ActivityAction action, const CallerFacts& facts) {
    switch (action) {
        case ActivityAction::create:
        case ActivityAction::edit:
        case ActivityAction::hold:
        case ActivityAction::submit_ledger:
            return facts.host ? std::nullopt : std::optional(Refusal::not_host);
        case ActivityAction::archive:
        case ActivityAction::return_ledger:
        case ActivityAction::amend:
            return facts.lead ? std::nullopt : std::optional(Refusal::not_lead);
        case ActivityAction::cancel:
            return facts.host || facts.lead ? std::nullopt
                                            : std::optional(Refusal::not_host_or_lead);
        case ActivityAction::record_part:
            return facts.participant ? std::nullopt : std::optional(Refusal::not_participant);
    }
    return Refusal::missing;
}

}  // namespace

Outcome next_state(const WorkflowRecord& record, ActivityAction action, const CallerFacts& facts,
                   const WorkflowInput& input) {
    if (auto refusal = actor_refusal(action, facts)) {
        return refused(*refusal);
    }
    if (action == ActivityAction::create) {
        return to(input.ended ? ActivityState::held : ActivityState::planned);
    }
    if (!record.state) {
        return refused(Refusal::missing);
    }
    const ActivityState state = *record.state;
    if (state == ActivityState::cancelled) {
        return refused(Refusal::cancelled);
    }
    switch (action) {
        case ActivityAction::create:
            break;
        case ActivityAction::edit:
        case ActivityAction::record_part:
            return state == ActivityState::archived ? refused(Refusal::archived) : to(state);
        case ActivityAction::hold:
            return state == ActivityState::planned ? to(ActivityState::held)
                                                   : refused(Refusal::not_planned);
        case ActivityAction::submit_ledger:
            return state == ActivityState::held ? to(ActivityState::ledger_submitted)
                                                : refused(Refusal::not_held);
        case ActivityAction::archive:
            return state == ActivityState::ledger_submitted ? to(ActivityState::archived)
                                                            : refused(Refusal::not_submitted);
        case ActivityAction::return_ledger:
            if (state != ActivityState::ledger_submitted) {
                return refused(Refusal::not_submitted);
            }
            return input.has_reason ? to(ActivityState::held) : refused(Refusal::reason_required);
        case ActivityAction::cancel:
            if (state != ActivityState::planned) {
                return refused(Refusal::not_planned);
            }
            return input.has_reason ? to(ActivityState::cancelled)
                                    : refused(Refusal::reason_required);
        case ActivityAction::amend:
            if (state != ActivityState::archived) {
                return refused(Refusal::not_archived);
            }
            return input.has_reason ? to(ActivityState::archived)
                                    : refused(Refusal::reason_required);
    }
    return refused(Refusal::missing);
}

std::vector<ActivityAction> allowed_actions(const WorkflowRecord& record,
                                            const CallerFacts& facts) {
    std::vector<ActivityAction> actions;
    for (auto action :
         {ActivityAction::edit, ActivityAction::hold, ActivityAction::submit_ledger,
          ActivityAction::archive, ActivityAction::return_ledger, ActivityAction::cancel,
          ActivityAction::amend, ActivityAction::record_part}) {
        if (next_state(record, action, facts, {true, false}).allowed()) {
            actions.push_back(action);
        }
    }
    return actions;
}

AppError refusal_error(Refusal refusal) {
    const auto conflict = [](const char* reason, const char* message) {
        return AppError(ErrorCode::conflict, message, {{"reason", reason}});
    };
    switch (refusal) {
        case Refusal::none:
            break;
        case Refusal::missing:
            return AppError(ErrorCode::not_found, "活动不存在");
        case Refusal::not_host:
            return AppError(ErrorCode::forbidden, "只有承办单位可以登记、编辑活动和提交台账");
        case Refusal::not_lead:
            return AppError(ErrorCode::forbidden,
                            "只有联盟牵头单位或机关工委可以归档、退回和更正台账");
        case Refusal::not_host_or_lead:
            return AppError(ErrorCode::forbidden,
                            "只有承办单位、联盟牵头单位或机关工委可以取消活动");
        case Refusal::not_participant:
            return AppError(ErrorCode::forbidden, "只有参加活动的单位可以登记本单位的部分");
        case Refusal::archived:
            return conflict("activity_archived", "台账已归档，不能再修改；如需更正请提交更正");
        case Refusal::cancelled:
            return conflict("activity_cancelled", "活动已取消");
        case Refusal::not_planned:
            return conflict("not_planned", "只有尚未举办的活动可以进行此操作");
        case Refusal::not_held:
            return conflict("not_held", "只有已举办、台账未提交的活动可以提交台账");
        case Refusal::not_submitted:
            return conflict("not_submitted", "台账尚未提交，不能归档或退回");
        case Refusal::not_archived:
            return conflict("not_archived", "只有已归档的台账可以更正");
        case Refusal::reason_required:
            return field_error("reason", "请填写理由");
    }
    return AppError(ErrorCode::internal, "活动状态异常");
}

}  // namespace lianjian::activities
