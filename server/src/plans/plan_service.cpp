#include "plans/items.hpp"
#include "plans/plan.hpp"

#include "audit/detail.hpp"
#include "campaign/reminder_service.hpp"
#include "core/changes.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "inbox/inbox.hpp"
#include "storage/alliance_repository.hpp"
#include "storage/plan_repository.hpp"

#include <algorithm>
#include <map>

namespace lianjian::plans {

using accounts::Permission;

namespace {

constexpr int first_year = 2000;
constexpr int last_year = 2100;

void check_year(int year) {
    if (year < first_year || year > last_year) {
        throw field_error("year", "年度应在 2000 至 2100 之间");
    }
}

void check_opinion(const std::string& opinion) {
    if (opinion.size() > 4000) {
        throw field_error("opinion", "意见过长");
    }
}

// The alliance as permissions see it: its lead unit and current member units.
struct AllianceFacts {
    alliances::Alliance alliance;
    accounts::Target target;
    std::vector<long long> member_ids;
};

// Reading a plan of a dissolved alliance is allowed (`for_reading`); writing to one is not.
AllianceFacts alliance_facts(storage::Session& session, long long alliance_id,
                             const std::string& field = "", bool for_reading = false) {
    auto alliance = storage::find_alliance(session, alliance_id, today_date());
    if (!alliance || (alliance->dissolved_on && !for_reading)) {
        if (!field.empty()) {
            throw field_error(field, "联盟不存在或已解散");
        }
        throw AppError(ErrorCode::not_found, "联盟不存在或已解散");
    }
    AllianceFacts facts{*alliance, {}, {}};
    for (const auto& member : alliance->members) {
        facts.member_ids.push_back(member.unit.id);
    }
    facts.target = accounts::Target::alliance(alliance->lead_unit.id, facts.member_ids);
    return facts;
}

CallerFacts caller_facts(const accounts::Caller& caller, const accounts::Target& target) {
    return {caller.may(Permission::plans_write, target),
            caller.may_everywhere(Permission::plans_review)};
}

storage::PlanHead head_of(storage::Session& session, long long id) {
    auto head = storage::find_plan(session, id);
    if (!head) {
        throw AppError(ErrorCode::not_found, "活动计划不存在");
    }
    return *head;
}

void require_read(const accounts::Caller& caller, const accounts::Target& target) {
    if (!caller.may(Permission::plans_read, target)) {
        throw AppError(ErrorCode::forbidden, "只能查看本单位所在联盟的活动计划");
    }
}

std::vector<ItemPlace> places_of(const std::vector<PlanItem>& items) {
    std::vector<ItemPlace> places;
    for (const auto& item : items) {
        places.push_back({item.linkage, item.month});
    }
    return places;
}

// The plan in its answer shape: `number` (the newest when absent), coverage, the timeline, and
// the caller's actions when it is the newest version.
Plan assemble(storage::Session& session, const storage::PlanHead& head, const CallerFacts& facts,
              std::optional<int> number) {
    auto version = storage::find_plan_version(session, head.id, number);
    if (!version) {
        throw AppError(ErrorCode::not_found, "该版本不存在");
    }
    Plan plan;
    plan.id = head.id;
    plan.alliance = head.alliance;
    plan.lead_unit = head.lead_unit;
    plan.year = head.year;
    plan.updated_at = head.updated_at;
    plan.coverage = coverage_of(places_of(version->items));
    plan.steps = storage::plan_steps(session, head.id);
    const auto newest = storage::plan_versions(session, head.id);
    if (!newest.empty() && newest.back().number == version->number) {
        plan.actions = allowed_actions({version->state}, facts);
    }
    plan.version = std::move(*version);
    return plan;
}

std::vector<ValidItem> items_of(const std::vector<PlanItem>& items) {
    std::vector<ValidItem> valid;
    for (const auto& item : items) {
        ValidItem copy;
        copy.theme = item.theme;
        copy.linkage = item.linkage;
        copy.kind = item.kind;
        copy.month = item.month;
        copy.planned_on = item.planned_on;
        copy.place = item.place;
        if (item.host_unit)
            copy.host_unit_id = item.host_unit->id;
        for (const auto& unit : item.participating_units) {
            copy.participating_unit_ids.push_back(unit.id);
        }
        if (item.checklist_item)
            copy.checklist_item_id = item.checklist_item->id;
        valid.push_back(std::move(copy));
    }
    return valid;
}

std::string title_of(const storage::PlanHead& head) {
    return head.alliance.name + std::to_string(head.year) + "年度活动计划";
}

std::string link_of(long long id) {
    return "/plans/" + std::to_string(id);
}

}  // namespace

PlanPage PlanService::list(const accounts::Caller& caller, const PlanFilter& filter) {
    storage::PlanQuery query;
    query.year = filter.year;
    query.alliance_id = filter.alliance_id;
    query.state = filter.state;
    query.offset = static_cast<long long>(filter.page - 1) * filter.page_size;
    query.limit = filter.page_size;
    storage::Connection connection(database_);
    auto& session = connection.session();
    if (!caller.may_everywhere(Permission::plans_read)) {
        // A unit reads the plans of the alliance it belongs to now.
        const auto own = caller.unit_id && caller.reach(Permission::plans_read)
                             ? storage::open_alliance_of_unit(session, *caller.unit_id)
                             : std::nullopt;
        if (!own || (filter.alliance_id && *filter.alliance_id != *own)) {
            return {};
        }
        query.alliance_id = own;
    }
    auto rows = storage::list_plans(session, query);
    return {std::move(rows.items), rows.total};
}

Plan PlanService::create(const accounts::Caller& caller, long long alliance_id, int year) {
    check_year(year);
    storage::Transaction transaction(database_);
    auto& session = transaction.session();
    const auto alliance = alliance_facts(session, alliance_id, "alliance_id");
    const auto facts = caller_facts(caller, alliance.target);
    const auto existing = storage::find_plan_id(session, alliance_id, year);
    const auto outcome =
        next_state({existing ? std::optional<PlanState>(PlanState::draft) : std::nullopt},
                   PlanAction::create, facts);
    if (!outcome.allowed()) {
        auto error = refusal_error(outcome.refusal);
        if (outcome.refusal == Refusal::exists) {
            throw AppError(ErrorCode::conflict, error.what(),
                           {{"reason", "plan_exists"}, {"plan_id", *existing}});
        }
        throw error;
    }
    const auto now = now_timestamp();
    const long long id = storage::insert_plan(session, alliance_id, year, now);
    PlanVersion version;
    version.number = 1;
    version.state = outcome.next;
    version.rotation_mode = alliance.alliance.rotation_mode;
    storage::insert_plan_version(session, id, version, caller.user_id(), now);
    storage::insert_plan_step(
        session, id,
        {PlanAction::create, 1, {caller.user_id(), ""}, std::nullopt, "", outcome.next, now},
        alliance.alliance.lead_unit.id, now);
    audit_.record(
        transaction,
        {caller.actor, "plan.create", "plan", std::to_string(id), audit::Outcome::success,
         audit::detail({{"alliance", audit::detail_ref(alliance_id, alliance.alliance.name)},
                        {"year", year}})});
    auto plan = assemble(session, head_of(session, id), facts, std::nullopt);
    transaction.commit();
    return plan;
}

Plan PlanService::get(const accounts::Caller& caller, long long id) {
    return version(caller, id, 0);
}

Plan PlanService::version(const accounts::Caller& caller, long long id, int number) {
    storage::Connection connection(database_);
    auto& session = connection.session();
    const auto head = head_of(session, id);
    const auto alliance = alliance_facts(session, head.alliance.id, "", true);
    require_read(caller, alliance.target);
    return assemble(session, head, caller_facts(caller, alliance.target),
                    number > 0 ? std::optional<int>(number) : std::nullopt);
}

std::vector<VersionSummary> PlanService::versions(const accounts::Caller& caller, long long id) {
    storage::Connection connection(database_);
    auto& session = connection.session();
    const auto head = head_of(session, id);
    require_read(caller, alliance_facts(session, head.alliance.id, "", true).target);
    return storage::plan_versions(session, id);
}

Comparison PlanService::compare(const accounts::Caller& caller, long long id, int from, int to) {
    storage::Connection connection(database_);
    auto& session = connection.session();
    const auto head = head_of(session, id);
    require_read(caller, alliance_facts(session, head.alliance.id, "", true).target);
    auto before = storage::find_plan_version(session, id, from);
    if (!before) {
        throw field_error("from", "版本 " + std::to_string(from) + " 不存在");
    }
    auto after = storage::find_plan_version(session, id, to);
    if (!after) {
        throw field_error("to", "版本 " + std::to_string(to) + " 不存在");
    }
    return compare_versions(*before, *after);
}

Plan PlanService::save(const accounts::Caller& caller, long long id, const PlanContent& content) {
    // The rotation is read first: the alliance service reads it through its own connection.
    storage::PlanHead head;
    {
        storage::Connection connection(database_);
        head = head_of(connection.session(), id);
    }
    const auto rotation = alliances_.rotation(head.alliance.id, head.year);
    storage::Transaction transaction(database_);
    auto& session = transaction.session();
    head = head_of(session, id);
    const auto alliance = alliance_facts(session, head.alliance.id);
    const auto facts = caller_facts(caller, alliance.target);
    auto version = storage::find_plan_version(session, id, std::nullopt);
    const auto outcome = next_state({version->state}, PlanAction::save, facts);
    if (!outcome.allowed()) {
        throw refusal_error(outcome.refusal);
    }
    if (content.row_version && *content.row_version != version->row_version) {
        throw AppError(ErrorCode::conflict, "计划已被他人修改，请刷新后再保存");
    }
    ContentFacts content_facts;
    content_facts.year = head.year;
    content_facts.member_unit_ids = alliance.member_ids;
    std::vector<long long> checklist_ids;
    for (const auto& draft : content.items) {
        if (draft.checklist_item_id) {
            checklist_ids.push_back(*draft.checklist_item_id);
        }
    }
    content_facts.checklist = storage::checklist_facts(session, checklist_ids);
    std::map<long long, long long> lineages;
    for (const auto& item : version->items) {
        content_facts.version_item_ids.push_back(item.id);
        lineages[item.id] = item.lineage_id;
    }
    const auto valid = check_content(content, content_facts);
    std::vector<storage::ItemRow> rows;
    std::size_t sequence = 0;
    for (const auto& item : valid.items) {
        storage::ItemRow row{std::nullopt, item};
        if (item.same_as) {
            row.lineage_id = lineages.at(*item.same_as);
        }
        if (!row.item.host_unit_id) {
            const auto host =
                rotation_host(rotation.turns, rotation.mode, head.year, item.month, sequence++);
            if (host && std::find(alliance.member_ids.begin(), alliance.member_ids.end(), *host) !=
                            alliance.member_ids.end()) {
                row.item.host_unit_id = host;
            }
        }
        rows.push_back(std::move(row));
    }
    const auto now = now_timestamp();
    if (outcome.opens_version) {
        // The returned version stays as it was returned; the edit becomes the next version.
        PlanVersion next;
        next.number = version->number + 1;
        next.state = outcome.next;
        next.rotation_mode = alliance.alliance.rotation_mode;
        next.contacts = version->contacts;
        next.support = version->support;
        storage::insert_plan_version(session, id, next, caller.user_id(), now);
        storage::insert_plan_step(session, id,
                                  {PlanAction::revise,
                                   next.number,
                                   {caller.user_id(), ""},
                                   std::nullopt,
                                   "",
                                   outcome.next,
                                   now},
                                  head.lead_unit.id, now);
        auto opened = storage::find_plan_version(session, id, next.number);
        opened->items = version->items;
        version = std::move(opened);
    }
    storage::replace_plan_items(session, version->id, rows);
    ChangeSet changes;
    changes.compare("item_count", static_cast<long long>(version->items.size()),
                    static_cast<long long>(rows.size()));
    changes.compare("contacts", contacts_text(version->contacts), contacts_text(valid.contacts));
    changes.compare("support.venues", version->support.venues, valid.support.venues);
    changes.compare("support.funds", version->support.funds, valid.support.funds);
    changes.compare("support.people", version->support.people, valid.support.people);
    version->contacts = valid.contacts;
    version->support = valid.support;
    if (!storage::update_plan_version(session, *version, now)) {
        throw AppError(ErrorCode::conflict, "计划已被他人修改，请刷新后再保存");
    }
    storage::touch_plan(session, id, now);
    audit_.record(transaction, {caller.actor, "plan.edit", "plan", std::to_string(id),
                                audit::Outcome::success, changes.json()});
    auto plan = assemble(session, head_of(session, id), facts, std::nullopt);
    transaction.commit();
    return plan;
}

Plan PlanService::submit(const accounts::Caller& caller, long long id, const std::string& opinion) {
    return transition(caller, id, PlanAction::submit, opinion);
}

Plan PlanService::approve(const accounts::Caller& caller, long long id,
                          const std::string& opinion) {
    return transition(caller, id, PlanAction::approve, opinion);
}

Plan PlanService::send_back(const accounts::Caller& caller, long long id,
                            const std::string& opinion) {
    return transition(caller, id, PlanAction::send_back, opinion);
}

Plan PlanService::revise(const accounts::Caller& caller, long long id, const std::string& opinion) {
    return transition(caller, id, PlanAction::revise, opinion);
}

Plan PlanService::transition(const accounts::Caller& caller, long long id, PlanAction action,
                             const std::string& opinion) {
    check_opinion(opinion);
    storage::Transaction transaction(database_);
    auto& session = transaction.session();
    const auto head = head_of(session, id);
    const auto alliance = alliance_facts(session, head.alliance.id);
    const auto facts = caller_facts(caller, alliance.target);
    auto version = storage::find_plan_version(session, id, std::nullopt);
    const auto outcome = next_state({version->state}, action, facts, !opinion.empty());
    if (!outcome.allowed()) {
        throw refusal_error(outcome.refusal);
    }
    if (action == PlanAction::submit && version->items.empty()) {
        throw field_error("items", "计划还没有活动安排，请先添加活动后再提交");
    }
    const auto now = now_timestamp();
    int number = version->number;
    if (outcome.opens_version) {
        PlanVersion next;
        next.number = ++number;
        next.state = outcome.next;
        next.rotation_mode = alliance.alliance.rotation_mode;
        next.contacts = version->contacts;
        next.support = version->support;
        const long long next_id =
            storage::insert_plan_version(session, id, next, caller.user_id(), now);
        if (next.state == PlanState::submitted) {
            // A returned version resubmitted unchanged: the copy is what the committee reviews.
            auto opened = storage::find_plan_version(session, id, next.number);
            opened->submitted_at = now;
            storage::update_plan_version(session, *opened, now);
        }
        std::vector<storage::ItemRow> rows;
        const auto copies = items_of(version->items);
        for (std::size_t index = 0; index < copies.size(); ++index) {
            rows.push_back({version->items[index].lineage_id, copies[index]});
        }
        storage::replace_plan_items(session, next_id, rows);
    } else {
        version->state = outcome.next;
        if (action == PlanAction::submit) {
            version->submitted_at = now;
            version->decided_at.reset();
        } else {
            version->decided_at = now;
        }
        if (!storage::update_plan_version(session, *version, now)) {
            throw AppError(ErrorCode::conflict, "计划已被他人处理，请刷新后查看");
        }
    }
    const bool by_lead = action != PlanAction::approve && action != PlanAction::send_back;
    storage::insert_plan_step(
        session, id,
        {action, number, {caller.user_id(), ""}, std::nullopt, opinion, outcome.next, now},
        by_lead ? std::optional<long long>(head.lead_unit.id) : std::nullopt, now);
    storage::touch_plan(session, id, now);
    audit_.record(transaction,
                  {caller.actor, std::string("plan.") + enum_code(action), "plan",
                   std::to_string(id), audit::Outcome::success,
                   audit::detail({{"version", number}, {"plan_state", enum_code(outcome.next)}})});
    inbox::NotificationDraft draft{"", title_of(head), link_of(id), "plan", id};
    if (action == PlanAction::submit) {
        // The plan is in: the reminders of its deadline end for the lead unit.
        campaign::resolve_deadline_reminders(transaction, notifier_, campaign::Deadline::plan_due,
                                             head.alliance.id);
        draft.kind = "plan.submitted";
        draft.title += "（第 " + std::to_string(number) + " 版）已提交，请机关工委审核";
        notifier_.notify(transaction, {{Permission::plans_review, std::nullopt}}, draft);
    } else if (action == PlanAction::approve || action == PlanAction::send_back) {
        // Reviewed: the committee's request to review ends for every committee account.
        notifier_.resolve(transaction, "plan", id, "plan.submitted");
        draft.kind = "plan.decided";
        draft.title += action == PlanAction::approve ? "已审核通过" : "被退回修改，请查看审核意见";
        notifier_.notify(transaction, {{Permission::plans_write, head.lead_unit.id}}, draft);
    }
    auto plan = assemble(session, head, facts, std::nullopt);
    transaction.commit();
    return plan;
}

}  // namespace lianjian::plans
