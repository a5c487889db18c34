#include "applications/application.hpp"

#include "core/clock.hpp"
#include "core/error.hpp"
#include "inbox/inbox.hpp"
#include "storage/alliance_repository.hpp"
#include "storage/application_repository.hpp"

#include <algorithm>

namespace lianjian::applications {

using accounts::Role;

namespace {

AppError closed_error() {
    return AppError(ErrorCode::conflict, "申请已办结或已撤回，不能再操作");
}

AppError out_of_order(const char* expected) {
    return AppError(ErrorCode::conflict,
                    std::string("申请当前不在“") + expected + "”环节，不能执行此操作");
}

void check_opinion(const std::string& opinion, bool required) {
    if (required && opinion.empty()) {
        throw field_error("opinion", "请填写意见");
    }
    if (opinion.size() > 2000) {
        throw field_error("opinion", "意见不能超过 2000 个字节");
    }
}

const char* kind_label(const std::string& kind) {
    if (kind == "join")
        return "入盟申请";
    if (kind == "found")
        return "组建新联盟申请";
    return "退出联盟申请";
}

std::string title_of(const Application& application) {
    std::string title = application.applicant_unit.name + "的" + kind_label(application.kind);
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

bool pending_co_applicant(const Application& application, long long unit_id) {
    return std::any_of(
        application.co_applicants.begin(), application.co_applicants.end(),
        [&](const CoApplicant& c) { return c.unit.id == unit_id && c.confirmation == "pending"; });
}

}  // namespace

bool is_open(const std::string& state) {
    return std::find(std::begin(open_states), std::end(open_states), state) !=
           std::end(open_states);
}

std::vector<std::string> available_actions(const accounts::Caller& caller,
                                           const Application& application,
                                           std::optional<long long> lead_unit_id) {
    std::vector<std::string> actions;
    if (!is_open(application.state)) {
        return actions;
    }
    if (application.state == "consulting") {
        if (application.kind != "found" && lead_unit_id && caller.acts_for_unit(*lead_unit_id)) {
            actions.push_back("consult");
        }
        if (application.kind == "found" && caller.unit_id && caller.is(Role::unit_admin) &&
            pending_co_applicant(application, *caller.unit_id)) {
            actions.push_back("confirm");
        }
    }
    if (application.state == "under_review" && caller.is(Role::committee_admin)) {
        actions.push_back("decide");
    }
    if (caller.acts_for_unit(application.applicant_unit.id)) {
        actions.push_back("withdraw");
    }
    return actions;
}

Application ApplicationService::load(storage::Session& session, const accounts::Caller& caller,
                                     long long id) {
    auto application = storage::find_application(session, id);
    if (!application) {
        throw AppError(ErrorCode::not_found, "申请不存在");
    }
    const auto lead = application->alliance
                          ? storage::lead_unit_of_alliance(session, application->alliance->id)
                          : std::nullopt;
    application->available_actions = available_actions(caller, *application, lead);
    return *application;
}

Application ApplicationService::submit(const accounts::Caller& caller,
                                       const Submission& submission) {
    if (submission.kind != "join" && submission.kind != "found" && submission.kind != "leave") {
        throw field_error("kind",
                          "申请类型应为 join（入盟）、found（组建新联盟）或 leave（退出联盟）");
    }
    if (!caller.acts_for_unit(submission.unit_id)) {
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
    application.state = "consulting";
    application.applicant_unit = unit->ref;
    application.applicant_user = {caller.user_id(), caller.actor.username};
    application.reason = submission.reason;
    const auto current_alliance = storage::open_alliance_of_unit(session, submission.unit_id);
    std::vector<long long> co_applicants;
    if (submission.kind == "join" || submission.kind == "leave") {
        if (!submission.alliance_id) {
            throw field_error("alliance_id", "请选择联盟");
        }
        auto alliance = storage::find_alliance(session, *submission.alliance_id, today_date());
        if (!alliance || alliance->dissolved_on) {
            throw field_error("alliance_id", "联盟不存在或已解散");
        }
        application.alliance = registry::NamedRef{alliance->id, alliance->name};
        if (submission.kind == "join" && current_alliance) {
            throw AppError(ErrorCode::conflict, "本单位已在联盟中，一个单位只能加入一个联盟");
        }
        if (submission.kind == "leave") {
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
        alliances::check_rotation_mode(submission.rotation_mode);
        application.proposed_name = submission.name;
        application.proposed_office_area = registry::NamedRef{*submission.office_area_id, ""};
        application.proposed_lead_unit = registry::NamedRef{lead, ""};
        application.proposed_rotation_mode = submission.rotation_mode;
    }
    const auto now = format_timestamp(Clock::now());
    application.id = storage::insert_application(session, application, now);
    for (long long id : co_applicants) {
        // The applicant's own unit has agreed by applying.
        storage::insert_application_unit(session, application.id, id,
                                         id == submission.unit_id ? "agreed" : "pending");
    }
    storage::insert_application_step(session, application.id, "submit", submission.unit_id,
                                     caller.user_id(), std::nullopt, submission.reason,
                                     "consulting", now);
    audit_.record(transaction, {caller.actor, "application.submit", "application",
                                std::to_string(application.id), audit::Outcome::success,
                                "kind=" + application.kind});
    notify_next(transaction, application.id);
    auto result = load(session, caller, application.id);
    transaction.commit();
    return result;
}

void ApplicationService::transition(storage::Transaction& transaction,
                                    const accounts::Caller& caller, const Application& application,
                                    const std::string& action, std::optional<long long> unit_id,
                                    std::optional<bool> agree, const std::string& opinion,
                                    const std::string& new_state) {
    const auto now = format_timestamp(Clock::now());
    const bool closes = !is_open(new_state);
    if (!storage::update_application_state(transaction.session(), application.id,
                                           application.version, new_state, now, closes,
                                           std::nullopt)) {
        throw AppError(ErrorCode::conflict, "申请已被他人处理，请刷新后查看");
    }
    storage::insert_application_step(transaction.session(), application.id, action, unit_id,
                                     caller.user_id(), agree, opinion, new_state, now);
    std::string detail = "state=" + new_state;
    if (agree) {
        detail += *agree ? " agree" : " disagree";
    }
    audit_.record(transaction, {caller.actor, "application." + action, "application",
                                std::to_string(application.id), audit::Outcome::success, detail});
}

Application ApplicationService::consult(const accounts::Caller& caller, long long id, bool agree,
                                        const std::string& opinion) {
    check_opinion(opinion, !agree);
    storage::Transaction transaction(database_);
    auto application = load(transaction.session(), caller, id);
    if (!is_open(application.state))
        throw closed_error();
    if (application.kind == "found") {
        throw AppError(ErrorCode::conflict, "组建新联盟申请由联合申请单位确认，无需牵头单位协商");
    }
    if (application.state != "consulting")
        throw out_of_order("牵头单位协商");
    const auto lead =
        storage::lead_unit_of_alliance(transaction.session(), application.alliance->id);
    if (!lead || !caller.acts_for_unit(*lead)) {
        throw AppError(ErrorCode::forbidden, "只有目标联盟的牵头单位可以协商此申请");
    }
    transition(transaction, caller, application, "consult", *lead, agree, opinion,
               agree ? "under_review" : "rejected");
    notify_next(transaction, id);
    auto result = load(transaction.session(), caller, id);
    transaction.commit();
    return result;
}

Application ApplicationService::confirm(const accounts::Caller& caller, long long id, bool agree,
                                        const std::string& opinion) {
    check_opinion(opinion, !agree);
    storage::Transaction transaction(database_);
    auto application = load(transaction.session(), caller, id);
    if (!is_open(application.state))
        throw closed_error();
    if (application.kind != "found") {
        throw AppError(ErrorCode::conflict, "只有组建新联盟申请需要联合申请单位确认");
    }
    if (application.state != "consulting")
        throw out_of_order("联合申请单位确认");
    const bool co_applicant =
        caller.unit_id && caller.is(Role::unit_admin) &&
        std::any_of(application.co_applicants.begin(), application.co_applicants.end(),
                    [&](const CoApplicant& c) { return c.unit.id == *caller.unit_id; });
    if (!co_applicant) {
        throw AppError(ErrorCode::forbidden, "只有联合申请单位可以确认此申请");
    }
    if (!pending_co_applicant(application, *caller.unit_id)) {
        throw AppError(ErrorCode::conflict, "本单位已确认过此申请");
    }
    storage::set_application_unit_confirmation(transaction.session(), id, *caller.unit_id,
                                               agree ? "agreed" : "declined");
    const bool others_pending =
        std::any_of(application.co_applicants.begin(), application.co_applicants.end(),
                    [&](const CoApplicant& c) {
                        return c.unit.id != *caller.unit_id && c.confirmation == "pending";
                    });
    const std::string next = !agree ? "rejected" : others_pending ? "consulting" : "under_review";
    transition(transaction, caller, application, "confirm", *caller.unit_id, agree, opinion, next);
    if (next != "consulting") {
        notify_next(transaction, id);
    }
    auto result = load(transaction.session(), caller, id);
    transaction.commit();
    return result;
}

Application ApplicationService::decide(const accounts::Caller& caller, long long id, bool approve,
                                       const std::string& opinion) {
    check_opinion(opinion, !approve);
    if (!caller.is(Role::committee_admin)) {
        throw AppError(ErrorCode::forbidden, "只有机关工委可以审批申请");
    }
    storage::Transaction transaction(database_);
    transaction.serialize(storage::WriterTopic::memberships);
    auto application = load(transaction.session(), caller, id);
    if (!is_open(application.state))
        throw closed_error();
    if (application.state != "under_review")
        throw out_of_order("机关工委审批");
    transition(transaction, caller, application, "decide", std::nullopt, approve, opinion,
               approve ? "approved" : "rejected");
    if (approve) {
        // The membership changes in this same transaction: approved means it happened.
        const std::string reason =
            kind_label(application.kind) + std::string("（申请编号 ") + std::to_string(id) + "）";
        if (application.kind == "join") {
            alliances_.join_in(transaction, caller, application.alliance->id,
                               application.applicant_unit.id, "", reason);
        } else if (application.kind == "leave") {
            alliances_.leave_in(transaction, caller, application.alliance->id,
                                application.applicant_unit.id, "", reason);
        } else {
            alliances::AllianceDraft draft;
            draft.name = *application.proposed_name;
            draft.office_area_id = application.proposed_office_area->id;
            draft.lead_unit_id = application.proposed_lead_unit->id;
            for (const auto& co : application.co_applicants) {
                draft.member_unit_ids.push_back(co.unit.id);
            }
            draft.batch = 1;
            draft.rotation_mode = application.proposed_rotation_mode.value_or("per_activity");
            draft.note = reason;
            const auto alliance_id = alliances_.create_in(transaction, caller, draft);
            storage::update_application_state(transaction.session(), id, application.version + 1,
                                              "approved", format_timestamp(Clock::now()), true,
                                              alliance_id);
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
    auto application = load(transaction.session(), caller, id);
    if (!is_open(application.state))
        throw closed_error();
    if (!caller.acts_for_unit(application.applicant_unit.id)) {
        throw AppError(ErrorCode::forbidden, "只有申请单位可以撤回申请");
    }
    transition(transaction, caller, application, "withdraw", application.applicant_unit.id,
               std::nullopt, opinion, "withdrawn");
    auto result = load(transaction.session(), caller, id);
    transaction.commit();
    return result;
}

Application ApplicationService::get(const accounts::Caller& caller, long long id) {
    storage::Connection connection(database_);
    auto application = load(connection.session(), caller, id);
    const bool sees_all = caller.is(Role::committee_admin) || caller.is(Role::viewer);
    if (!sees_all) {
        const auto lead = application.alliance ? storage::lead_unit_of_alliance(
                                                     connection.session(), application.alliance->id)
                                               : std::nullopt;
        const bool involved =
            caller.unit_id &&
            (application.applicant_unit.id == *caller.unit_id ||
             (lead && *lead == *caller.unit_id) ||
             std::any_of(application.co_applicants.begin(), application.co_applicants.end(),
                         [&](const CoApplicant& c) { return c.unit.id == *caller.unit_id; }));
        if (!involved) {
            throw AppError(ErrorCode::forbidden, "只能查看与本单位有关的申请");
        }
    }
    return application;
}

std::vector<Application> ApplicationService::list(const accounts::Caller& caller,
                                                  const ApplicationFilter& filter) {
    storage::ApplicationQuery query{filter.state, filter.kind, std::nullopt};
    const bool sees_all = caller.is(Role::committee_admin) || caller.is(Role::viewer);
    if (filter.mine || !sees_all) {
        if (!caller.unit_id) {
            return {};
        }
        query.involving_unit_id = caller.unit_id;
    }
    storage::Connection connection(database_);
    auto list = storage::list_applications(connection.session(), query);
    for (auto& application : list) {
        const auto lead = application.alliance ? storage::lead_unit_of_alliance(
                                                     connection.session(), application.alliance->id)
                                               : std::nullopt;
        application.available_actions = available_actions(caller, application, lead);
    }
    return list;
}

std::vector<Todo> ApplicationService::todos(const accounts::Caller& caller) {
    std::vector<Todo> todos;
    for (const auto& application : list(caller, {})) {
        for (const auto& action : application.available_actions) {
            if (action == "withdraw") {
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
    inbox::NotificationDraft draft{"", title_of(*application), link_of(id), "application",
                                   std::to_string(id)};
    if (application->state == "consulting") {
        draft.kind = "application.action_needed";
        draft.title += application->kind == "found" ? "，请确认是否联合申请" : "，请牵头单位协商";
        std::vector<inbox::Audience> audiences;
        if (application->kind == "found") {
            for (const auto& co : application->co_applicants) {
                if (co.confirmation == "pending") {
                    audiences.push_back({"unit_admin", co.unit.id});
                }
            }
        } else if (auto lead = storage::lead_unit_of_alliance(transaction.session(),
                                                              application->alliance->id)) {
            audiences.push_back({"unit_admin", *lead});
        }
        notifier_.notify(transaction, audiences, draft);
    } else if (application->state == "under_review") {
        draft.kind = "application.action_needed";
        draft.title += "，请机关工委审批";
        notifier_.notify(transaction, {{"committee_admin", std::nullopt}}, draft);
    } else {
        draft.kind = "application.closed";
        draft.title += application->state == "approved" ? "已批准" : "未通过";
        notifier_.notify_user(transaction, application->applicant_user.id, draft);
    }
}

}  // namespace lianjian::applications
