#include "applications/application.hpp"

#include "audit/detail.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "inbox/inbox.hpp"
#include "storage/alliance_repository.hpp"
#include "storage/application_repository.hpp"

#include <algorithm>

namespace lianjian::applications {

using accounts::Permission;

namespace {

void check_opinion(const std::string& opinion, bool required) {
    if (required && opinion.empty()) {
        throw field_error("opinion", "请填写意见");
    }
    if (opinion.size() > 2000) {
        throw field_error("opinion", "意见不能超过 2000 个字节");
    }
}

std::string title_of(const Application& application) {
    std::string title = application.applicant_unit.name + "的" + enum_label(application.kind);
    if (application.alliance) {
        title += "（" + application.alliance->name + "）";
    } else if (application.proposed_name) {
        title += "（" + *application.proposed_name + "）";
    }
    return title;
}

std::string link_of(long long id) {
    return "/applications/" + std::to_string(id);
}

std::optional<long long> lead_of(storage::Session& session, const Application& application) {
    return application.alliance ? storage::lead_unit_of_alliance(session, application.alliance->id)
                                : std::nullopt;
}

}  // namespace

WorkflowRecord workflow_record(const Application& application) {
    WorkflowRecord record{application.kind, application.state, {}};
    for (const auto& co : application.co_applicants) {
        record.co_applicants.push_back({co.unit.id, co.confirmation});
    }
    return record;
}

CallerFacts caller_facts(const accounts::Caller& caller, const Application& application,
                         std::optional<long long> lead_unit_id) {
    CallerFacts facts;
    facts.acts_for_applicant = caller.may(Permission::applications_act,
                                          accounts::Target::unit(application.applicant_unit.id));
    facts.consults_for_alliance =
        lead_unit_id &&
        caller.may(Permission::applications_consult, accounts::Target::alliance(*lead_unit_id, {}));
    for (const auto& co : application.co_applicants) {
        if (caller.may(Permission::applications_act, accounts::Target::unit(co.unit.id))) {
            facts.co_applicant_unit = co.unit.id;
        }
    }
    facts.decides = caller.may_everywhere(Permission::applications_decide);
    return facts;
}

std::vector<long long> involved_units(const Application& application,
                                      std::optional<long long> lead_unit_id) {
    std::vector<long long> units{application.applicant_unit.id};
    for (const auto& co : application.co_applicants) {
        units.push_back(co.unit.id);
    }
    if (lead_unit_id) {
        units.push_back(*lead_unit_id);
    }
    return units;
}

Application ApplicationService::load(storage::Session& session, const accounts::Caller& caller,
                                     long long id) {
    auto application = storage::find_application(session, id);
    if (!application) {
        throw AppError(ErrorCode::not_found, "申请不存在");
    }
    const auto lead = lead_of(session, *application);
    application->available_actions =
        allowed_actions(workflow_record(*application), caller_facts(caller, *application, lead));
    return *application;
}

Application ApplicationService::submit(const accounts::Caller& caller,
                                       const Submission& submission) {
    if (!caller.may(Permission::applications_act, accounts::Target::unit(submission.unit_id))) {
        throw AppError(ErrorCode::forbidden, "只能以本单位名义提出申请");
    }
    check_opinion(submission.reason, false);
    storage::Transaction transaction(database_);
    // One open application per unit, and no unit in two alliances, across concurrent requests.
    transaction.serialize(storage::WriterTopic::memberships);
    auto& session = transaction.session();
    const auto unit = storage::find_unit_summary(session, submission.unit_id);
    if (!unit || !unit->active) {
        throw field_error("unit_id", "单位不存在或已停用");
    }
    if (storage::count_open_applications_of_unit(session, submission.unit_id) > 0) {
        throw AppError(ErrorCode::conflict, "本单位已有进行中的申请，请等待办结或撤回后再申请");
    }
    Application application;
    application.kind = submission.kind;
    application.state = next_state({submission.kind, ApplicationState::consulting, {}},
                                   ApplicationAction::submit, true, {})
                            .next;
    application.applicant_unit = unit->ref;
    application.applicant_user = {caller.user_id(), caller.actor.username};
    application.reason = submission.reason;
    const auto current_alliance = storage::open_alliance_of_unit(session, submission.unit_id);
    std::vector<long long> co_applicants;
    if (submission.kind != ApplicationKind::found) {
        if (!submission.alliance_id) {
            throw field_error("alliance_id", "请选择联盟");
        }
        auto alliance = storage::find_alliance(session, *submission.alliance_id, today_date());
        if (!alliance || alliance->dissolved_on) {
            throw field_error("alliance_id", "联盟不存在或已解散");
        }
        application.alliance = registry::NamedRef{alliance->id, alliance->name};
        if (submission.kind == ApplicationKind::join && current_alliance) {
            throw AppError(ErrorCode::conflict, "本单位已在联盟中，一个单位只能加入一个联盟");
        }
        if (submission.kind == ApplicationKind::leave) {
            if (current_alliance != submission.alliance_id) {
                throw AppError(ErrorCode::conflict, "本单位不是该联盟的成员单位");
            }
            if (alliance->lead_unit.id == submission.unit_id) {
                throw AppError(ErrorCode::conflict,
                               "牵头单位不能申请退出，请先由机关工委更换牵头单位");
            }
        }
        if (submission.reason.empty()) {
            throw field_error("reason", "请填写申请理由");
        }
    } else {
        if (submission.name.empty()) {
            throw field_error("name", "请填写拟组建联盟的名称");
        }
        if (storage::alliance_name_taken(session, submission.name, 0)) {
            throw AppError(ErrorCode::conflict, "联盟名称“" + submission.name + "”已存在",
                           {{"field", "name"}});
        }
        if (!submission.office_area_id ||
            !storage::find_office_area_ref(session, *submission.office_area_id)) {
            throw field_error("office_area_id", "请选择办公区");
        }
        co_applicants.push_back(submission.unit_id);
        for (long long id : submission.co_applicant_unit_ids) {
            if (std::find(co_applicants.begin(), co_applicants.end(), id) == co_applicants.end()) {
                co_applicants.push_back(id);
            }
        }
        if (co_applicants.size() < 2) {
            throw field_error("co_applicant_unit_ids", "组建新联盟至少需要两个单位联合申请");
        }
        const long long lead = submission.lead_unit_id.value_or(submission.unit_id);
        if (std::find(co_applicants.begin(), co_applicants.end(), lead) == co_applicants.end()) {
            throw field_error("lead_unit_id", "牵头单位须是联合申请单位之一");
        }
        for (long long id : co_applicants) {
            const auto co = storage::find_unit_summary(session, id);
            if (!co || !co->active) {
                throw field_error("co_applicant_unit_ids",
                                  "单位不存在或已停用（编号 " + std::to_string(id) + "）");
            }
            if (storage::open_alliance_of_unit(session, id)) {
                throw AppError(ErrorCode::conflict,
                               "单位“" + co->ref.name + "”已在联盟中，不能联合组建新联盟",
                               {{"field", "co_applicant_unit_ids"}});
            }
            if (id != submission.unit_id &&
                storage::count_open_applications_of_unit(session, id) > 0) {
                throw AppError(ErrorCode::conflict, "单位“" + co->ref.name + "”已有进行中的申请",
                               {{"field", "co_applicant_unit_ids"}});
            }
        }
        application.proposed_name = submission.name;
        application.proposed_office_area = registry::NamedRef{*submission.office_area_id, ""};
        application.proposed_lead_unit = registry::NamedRef{lead, ""};
        application.proposed_rotation_mode = submission.rotation_mode;
    }
    const auto now = now_timestamp();
    application.id = storage::insert_application(session, application, now);
    for (long long id : co_applicants) {
        // The applicant's own unit has agreed by applying.
        storage::insert_application_unit(
            session, application.id, id,
            id == submission.unit_id ? Confirmation::agreed : Confirmation::pending);
    }
    storage::insert_application_step(session, application.id, ApplicationAction::submit,
                                     submission.unit_id, caller.user_id(), std::nullopt,
                                     submission.reason, application.state, now);
    audit_.record(transaction,
                  {caller.actor, "application.submit", "application",
                   std::to_string(application.id), audit::Outcome::success,
                   audit::detail({{"application_kind", enum_code(application.kind)}})});
    notify_next(transaction, application.id);
    auto result = load(session, caller, application.id);
    transaction.commit();
    return result;
}

std::pair<Application, ApplicationState> ApplicationService::transition(
    storage::Transaction& transaction, const accounts::Caller& caller, long long id,
    ApplicationAction action, std::optional<bool> agree, const std::string& opinion) {
    auto& session = transaction.session();
    auto application = load(session, caller, id);
    const auto lead = lead_of(session, application);
    const auto facts = caller_facts(caller, application, lead);
    const auto outcome =
        next_state(workflow_record(application), action, agree.value_or(true), facts);
    if (!outcome.allowed()) {
        throw refusal_error(outcome.refusal);
    }
    // The unit on whose behalf the step is taken, for the record.
    std::optional<long long> unit_id;
    if (action == ApplicationAction::consult) {
        unit_id = lead;
    } else if (action == ApplicationAction::confirm) {
        unit_id = facts.co_applicant_unit;
        storage::set_application_unit_confirmation(
            session, id, *unit_id, *agree ? Confirmation::agreed : Confirmation::declined);
    } else if (action == ApplicationAction::withdraw) {
        unit_id = application.applicant_unit.id;
    }
    const auto now = now_timestamp();
    if (!storage::update_application_state(session, application.id, application.version,
                                           outcome.next, now, !is_open(outcome.next),
                                           std::nullopt)) {
        throw AppError(ErrorCode::conflict, "申请已被他人处理，请刷新后查看");
    }
    ++application.version;
    storage::insert_application_step(session, application.id, action, unit_id, caller.user_id(),
                                     agree, opinion, outcome.next, now);
    boost::json::object detail{{"application_state", enum_code(outcome.next)}};
    if (agree) {
        detail["agree"] = *agree;
    }
    audit_.record(transaction,
                  {caller.actor, std::string("application.") + enum_code(action), "application",
                   std::to_string(application.id), audit::Outcome::success, audit::detail(detail)});
    return {std::move(application), outcome.next};
}

Application ApplicationService::consult(const accounts::Caller& caller, long long id, bool agree,
                                        const std::string& opinion) {
    check_opinion(opinion, !agree);
    storage::Transaction transaction(database_);
    transition(transaction, caller, id, ApplicationAction::consult, agree, opinion);
    notify_next(transaction, id);
    auto result = load(transaction.session(), caller, id);
    transaction.commit();
    return result;
}

Application ApplicationService::confirm(const accounts::Caller& caller, long long id, bool agree,
                                        const std::string& opinion) {
    check_opinion(opinion, !agree);
    storage::Transaction transaction(database_);
    const auto [application, next] =
        transition(transaction, caller, id, ApplicationAction::confirm, agree, opinion);
    if (next != ApplicationState::consulting) {
        notify_next(transaction, id);
    } else if (caller.unit_id) {
        // This unit's confirmation is given; the others' are still asked for.
        notifier_.resolve(transaction, "application", id, "application.action_needed",
                          caller.unit_id);
    }
    auto result = load(transaction.session(), caller, id);
    transaction.commit();
    return result;
}

Application ApplicationService::decide(const accounts::Caller& caller, long long id, bool approve,
                                       const std::string& opinion) {
    check_opinion(opinion, !approve);
    storage::Transaction transaction(database_);
    transaction.serialize(storage::WriterTopic::memberships);
    const auto [application, next] =
        transition(transaction, caller, id, ApplicationAction::decide, approve, opinion);
    if (next == ApplicationState::approved) {
        // The membership changes in this same transaction: approved means it happened.
        const std::string reason =
            std::string(enum_label(application.kind)) + "（申请编号 " + std::to_string(id) + "）";
        switch (application.kind) {
            case ApplicationKind::join:
                alliances_.join_in(transaction, caller, application.alliance->id,
                                   application.applicant_unit.id, "", reason);
                break;
            case ApplicationKind::leave:
                alliances_.leave_in(transaction, caller, application.alliance->id,
                                    application.applicant_unit.id, "", reason);
                break;
            case ApplicationKind::found: {
                alliances::AllianceDraft draft;
                draft.name = *application.proposed_name;
                draft.office_area_id = application.proposed_office_area->id;
                draft.lead_unit_id = application.proposed_lead_unit->id;
                for (const auto& co : application.co_applicants) {
                    draft.member_unit_ids.push_back(co.unit.id);
                }
                draft.batch = 1;
                draft.rotation_mode = application.proposed_rotation_mode.value_or(
                    alliances::RotationMode::per_activity);
                draft.note = reason;
                const auto alliance_id = alliances_.create_in(transaction, caller, draft);
                storage::update_application_state(transaction.session(), id, application.version,
                                                  ApplicationState::approved, now_timestamp(), true,
                                                  alliance_id);
                break;
            }
        }
    }
    notify_next(transaction, id);
    auto result = load(transaction.session(), caller, id);
    transaction.commit();
    return result;
}

Application ApplicationService::withdraw(const accounts::Caller& caller, long long id,
                                         const std::string& opinion) {
    check_opinion(opinion, false);
    storage::Transaction transaction(database_);
    transition(transaction, caller, id, ApplicationAction::withdraw, std::nullopt, opinion);
    auto result = load(transaction.session(), caller, id);
    transaction.commit();
    return result;
}

Application ApplicationService::get(const accounts::Caller& caller, long long id) {
    storage::Connection connection(database_);
    auto application = load(connection.session(), caller, id);
    const auto lead = lead_of(connection.session(), application);
    if (!caller.may(Permission::applications_read,
                    accounts::Target::units(involved_units(application, lead)))) {
        throw AppError(ErrorCode::forbidden, "只能查看与本单位有关的申请");
    }
    return application;
}

ApplicationPage ApplicationService::list(const accounts::Caller& caller,
                                         const ApplicationFilter& filter) {
    storage::ApplicationQuery query;
    query.state = filter.state;
    query.kind = filter.kind;
    query.offset = static_cast<long long>(filter.page - 1) * filter.page_size;
    query.limit = filter.page_size;
    // A programme-wide reader sees all; a unit-scoped one the applications involving its unit.
    if (filter.mine || !caller.may_everywhere(Permission::applications_read)) {
        if (!caller.unit_id || !caller.reach(Permission::applications_read)) {
            return {};
        }
        query.involving_unit_id = caller.unit_id;
    }
    storage::Connection connection(database_);
    auto page = storage::list_applications(connection.session(), query);
    ApplicationPage result{std::move(page.items), page.total};
    for (auto& application : result.items) {
        const auto lead = lead_of(connection.session(), application);
        application.available_actions =
            allowed_actions(workflow_record(application), caller_facts(caller, application, lead));
    }
    return result;
}

std::vector<Todo> ApplicationService::todos(const accounts::Caller& caller) {
    // Only open applications can wait on anyone, and a unit has at most one open at a time, so
    // this list stays as short as the number of units.
    storage::ApplicationQuery query;
    query.open_only = true;
    if (!caller.may_everywhere(Permission::applications_read)) {
        if (!caller.unit_id || !caller.reach(Permission::applications_read)) {
            return {};
        }
        query.involving_unit_id = caller.unit_id;
    }
    storage::Connection connection(database_);
    std::vector<Todo> todos;
    for (const auto& application : storage::list_applications(connection.session(), query).items) {
        const auto lead = lead_of(connection.session(), application);
        for (auto action : allowed_actions(workflow_record(application),
                                           caller_facts(caller, application, lead))) {
            if (action == ApplicationAction::withdraw) {
                continue;  // the applicant may withdraw, but nothing waits on it
            }
            todos.push_back({"application", application.id, action, title_of(application),
                             link_of(application.id), application.updated_at});
        }
    }
    return todos;
}

void ApplicationService::notify_next(storage::Transaction& transaction, long long id) {
    auto application = storage::find_application(transaction.session(), id);
    if (!application) {
        return;
    }
    // Whatever was asked before is done now, by whomever did it: the earlier to-dos end for
    // everyone who got them.
    notifier_.resolve(transaction, "application", id, "application.action_needed");
    inbox::NotificationDraft draft{"", title_of(*application), link_of(id), "application", id};
    if (application->state == ApplicationState::consulting) {
        draft.kind = "application.action_needed";
        const bool found = application->kind == ApplicationKind::found;
        draft.title += found ? "，请确认是否联合申请" : "，请牵头单位协商";
        std::vector<inbox::Audience> audiences;
        if (found) {
            for (const auto& co : application->co_applicants) {
                if (co.confirmation == Confirmation::pending) {
                    audiences.push_back({Permission::applications_act, co.unit.id});
                }
            }
        } else if (auto lead = lead_of(transaction.session(), *application)) {
            audiences.push_back({Permission::applications_consult, *lead});
        }
        notifier_.notify(transaction, audiences, draft);
    } else if (application->state == ApplicationState::under_review) {
        draft.kind = "application.action_needed";
        draft.title += "，请机关工委审批";
        notifier_.notify(transaction, {{Permission::applications_decide, std::nullopt}}, draft);
    } else {
        draft.kind = "application.closed";
        draft.title += application->state == ApplicationState::approved ? "已批准" : "未通过";
        notifier_.notify_user(transaction, application->applicant_user.id, draft);
    }
}

}  // namespace lianjian::applications
