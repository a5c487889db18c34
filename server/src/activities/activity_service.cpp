#include "activities/activity.hpp"

#include "audit/detail.hpp"
#include "core/changes.hpp"
#include "core/clock.hpp"
#include "core/date_text.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "ledger/ledger.hpp"
#include "storage/activity_repository.hpp"
#include "storage/alliance_repository.hpp"
#include "storage/ledger_repository.hpp"
#include "storage/roster_repository.hpp"

#include <algorithm>
#include <map>

namespace lianjian::activities {

using accounts::Permission;

namespace {

// The long text fields of an activity, beside the shared table's title, theme, place and reason.
constexpr text::FieldRule content_rule{"content", "活动内容", text::Kind::multi_line, 5000};
constexpr text::FieldRule outcomes_rule{"outcomes", "活动成效", text::Kind::multi_line, 5000};
constexpr text::FieldRule minutes_rule{"minutes", "会议纪要", text::Kind::multi_line, 20000};
constexpr text::FieldRule host_change_rule{"host_change_reason", "更换承办单位理由",
                                           text::Kind::multi_line, 1000};

// The problems of one request, reported together.
class Problems {
  public:
    void add(const std::string& field, const std::string& message) {
        for (const auto& problem : list_) {
            if (problem.field == field)
                return;
        }
        list_.push_back({field, message});
    }
    bool has(const std::string& field) const {
        return std::any_of(list_.begin(), list_.end(),
                           [&](const FieldMessage& problem) { return problem.field == field; });
    }
    void throw_if_any() const {
        if (!list_.empty())
            throw fields_error(list_);
    }

    // The normalised text, or "" with the problem noted.
    std::string text(const std::optional<std::string>& value, const text::FieldRule& rule) {
        if (!value)
            return {};
        auto normalised = text::normalise(*value, rule);
        if (normalised.problem) {
            add(std::string(rule.field), *normalised.problem);
            return {};
        }
        return normalised.text;
    }

    // A timestamp in the stored form, or "" with the problem noted.
    std::string timestamp(const std::optional<std::string>& value, const std::string& field,
                          const std::string& missing) {
        if (!value || value->empty()) {
            add(field, missing);
            return {};
        }
        try {
            return format_timestamp(parse_timestamp(*value, field));
        } catch (const AppError& error) {
            add(field, error.what());
            return {};
        }
    }

    template <typename E>
    std::optional<E> code(const std::optional<std::string>& value, const std::string& field,
                          const std::string& missing) {
        if (!value || value->empty()) {
            add(field, missing);
            return std::nullopt;
        }
        try {
            return parse_enum<E>(field, *value);
        } catch (const AppError& error) {
            add(field, error.what());
            return std::nullopt;
        }
    }

  private:
    std::vector<FieldMessage> list_;
};

bool contains(const std::vector<long long>& ids, long long id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

int local_year_of(const std::string& timestamp) {
    return std::stoi(programme_clock::local_date(parse_timestamp(timestamp, "starts_at")));
}

// The alliance as permissions see it: its lead unit and current member units.
struct AllianceFacts {
    alliances::Alliance alliance;
    accounts::Target target;
    std::vector<long long> member_ids;
};

AllianceFacts alliance_facts(storage::Session& session, long long alliance_id,
                             const std::string& field = "", bool for_reading = true) {
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

CallerFacts caller_facts(const accounts::Caller& caller, const accounts::Target& target,
                         long long host_unit_id, const std::vector<long long>& participants) {
    const bool writes = caller.may(Permission::activities_write, target) && caller.unit_id;
    CallerFacts facts;
    facts.host = writes && *caller.unit_id == host_unit_id;
    facts.participant = writes && contains(participants, *caller.unit_id);
    facts.lead = caller.may(Permission::ledger_archive, target);
    return facts;
}

std::vector<long long> ids_of(const std::vector<NamedRef>& refs) {
    std::vector<long long> ids;
    for (const auto& ref : refs) ids.push_back(ref.id);
    return ids;
}

CallerFacts caller_facts(const accounts::Caller& caller, const accounts::Target& target,
                         const Activity& activity) {
    return caller_facts(caller, target, activity.host_unit.id,
                        ids_of(activity.participating_units));
}

void require_read(const accounts::Caller& caller, const accounts::Target& target) {
    if (!caller.may(Permission::activities_read, target)) {
        throw AppError(ErrorCode::forbidden, "只能查看本单位所在联盟的活动和台账");
    }
}

ledger::LedgerFacts ledger_facts(const Activity& activity) {
    return {activity.kind,
            activity.theme,
            activity.content,
            activity.outcomes,
            activity.place,
            activity.minutes,
            activity.recorded_attendance,
            activity.photo_count,
            activity.minutes_attachment_count};
}

// The caller's actions and the ledger's completeness.
Activity decorate(Activity activity, const CallerFacts& facts) {
    activity.actions = allowed_actions({activity.state}, facts);
    activity.ledger = ledger::completeness_of(ledger_facts(activity));
    return activity;
}

Activity load(storage::Session& session, long long id) {
    auto activity = storage::find_activity(session, id);
    if (!activity) {
        throw AppError(ErrorCode::not_found, "活动不存在");
    }
    return std::move(*activity);
}

std::string units_text(const std::vector<long long>& ids) {
    std::string text;
    for (long long id : ids) {
        if (!text.empty())
            text += ",";
        text += std::to_string(id);
    }
    return text;
}

// The rotation's turn for an activity starting on `date`: the quarter's turn, or the next turn
// not yet taken.
std::optional<alliances::Turn> rotation_turn(const alliances::RotationPlan& plan,
                                             const std::string& date) {
    for (const auto& turn : plan.turns) {
        if (plan.mode == alliances::RotationMode::per_quarter) {
            if (turn.starts_on <= date && date <= turn.ends_on)
                return turn;
        } else if (!turn.fixed) {
            return turn;
        }
    }
    return std::nullopt;
}

ledger::FrozenActivity frozen(storage::Session& session, const Activity& activity) {
    ledger::FrozenActivity record;
    record.id = activity.id;
    record.alliance = activity.alliance;
    record.year = activity.year;
    record.linkage = enum_code(activity.linkage);
    record.kind = enum_code(activity.kind);
    record.title = activity.title;
    record.theme = activity.theme;
    record.content = activity.content;
    record.outcomes = activity.outcomes;
    record.minutes = activity.minutes;
    record.place = activity.place;
    record.starts_at = activity.starts_at;
    record.ends_at = activity.ends_at;
    record.host_unit = activity.host_unit;
    record.participating_units = activity.participating_units;
    for (const auto& part : activity.parts) {
        record.parts.push_back({part.unit, part.content, part.outcomes});
    }
    record.attendance = storage::frozen_attendance(session, activity.id);
    record.attachments = storage::frozen_attachments(session, activity.id);
    return record;
}

void audit_transition(audit::AuditLog& audit, storage::Transaction& transaction,
                      const accounts::Caller& caller, ActivityAction action, long long id,
                      const std::string& detail) {
    const auto object = std::to_string(id);
    const auto ok = audit::Outcome::success;
    switch (action) {
        case ActivityAction::hold:
            audit.record(transaction,
                         {caller.actor, "activity.hold", "activity", object, ok, detail});
            return;
        case ActivityAction::submit_ledger:
            audit.record(transaction,
                         {caller.actor, "activity.submit_ledger", "activity", object, ok, detail});
            return;
        case ActivityAction::archive:
            audit.record(transaction,
                         {caller.actor, "activity.archive", "activity", object, ok, detail});
            return;
        case ActivityAction::return_ledger:
            audit.record(transaction,
                         {caller.actor, "activity.return_ledger", "activity", object, ok, detail});
            return;
        case ActivityAction::cancel:
            audit.record(transaction,
                         {caller.actor, "activity.cancel", "activity", object, ok, detail});
            return;
        default:
            return;
    }
}

}  // namespace

ActivityPage ActivityService::list(const accounts::Caller& caller, const ActivityFilter& filter) {
    storage::ActivityQuery query;
    query.alliance_id = filter.alliance_id;
    query.year = filter.year;
    query.state = filter.state;
    query.linkage = filter.linkage;
    query.kind = filter.kind;
    query.host_unit_id = filter.host_unit_id;
    query.plan_item_id = filter.plan_item_id;
    query.q = filter.q;
    if (filter.month) {
        const int year = filter.year.value_or(programme_clock::current_year());
        query.year = year;
        const auto first = date_text(year, *filter.month, 1);
        const auto next =
            *filter.month == 12 ? date_text(year + 1, 1, 1) : date_text(year, *filter.month + 1, 1);
        query.starts_from = format_timestamp(programme_clock::start_of_local_day(first));
        query.starts_before = format_timestamp(programme_clock::start_of_local_day(next));
    }
    if (filter.from) {
        const auto from = format_timestamp(programme_clock::start_of_local_day(*filter.from));
        query.starts_from = std::max(query.starts_from.value_or(from), from);
    }
    if (filter.to) {
        const auto next_day = programme_clock::local_date(
            programme_clock::start_of_local_day(*filter.to) + std::chrono::hours(36));
        const auto before = format_timestamp(programme_clock::start_of_local_day(next_day));
        query.starts_before = std::min(query.starts_before.value_or(before), before);
    }
    query.offset = static_cast<long long>(filter.page - 1) * filter.page_size;
    query.limit = filter.page_size;
    storage::Connection connection(database_);
    auto& session = connection.session();
    if (!caller.may_everywhere(Permission::activities_read)) {
        // A unit reads the activities of the alliance it belongs to now.
        const auto own = caller.unit_id && caller.reach(Permission::activities_read)
                             ? storage::open_alliance_of_unit(session, *caller.unit_id)
                             : std::nullopt;
        if (!own || (filter.alliance_id && *filter.alliance_id != *own)) {
            return {};
        }
        query.alliance_id = own;
    }
    auto rows = storage::list_activities(session, query);
    std::map<long long, accounts::Target> targets;
    ActivityPage page;
    page.total = rows.total;
    for (auto& activity : rows.items) {
        auto found = targets.find(activity.alliance.id);
        if (found == targets.end()) {
            found = targets
                        .emplace(activity.alliance.id,
                                 alliance_facts(session, activity.alliance.id).target)
                        .first;
        }
        const auto facts = caller_facts(caller, found->second, activity);
        page.items.push_back(decorate(std::move(activity), facts));
    }
    return page;
}

std::optional<long long> ActivityService::rotation_host(long long alliance_id,
                                                        const std::string& starts_at) {
    const auto instant = parse_timestamp(starts_at, "starts_at");
    const auto rotation = alliances_.rotation(
        alliance_id, std::stoi(programme_clock::local_date(instant).substr(0, 4)));
    const auto turn = rotation_turn(rotation, programme_clock::local_date(instant));
    if (!turn) {
        return std::nullopt;
    }
    return turn->host_unit_id;
}

Activity ActivityService::create(const accounts::Caller& caller, const ActivityDraft& draft) {
    Problems problems;
    if (!draft.alliance_id) {
        problems.add("alliance_id", "请选择联盟");
    }
    // The plan item's defaults, read before anything is written.
    std::optional<storage::PlanItemFacts> item;
    std::optional<AllianceFacts> alliance;
    {
        storage::Connection connection(database_);
        auto& session = connection.session();
        if (draft.plan_item_id) {
            item = storage::find_plan_item(session, *draft.plan_item_id);
            if (!item || (draft.alliance_id && item->alliance_id != *draft.alliance_id)) {
                problems.add("plan_item_id", "计划活动不存在或不属于该联盟");
                item.reset();
            }
        }
        if (draft.alliance_id) {
            try {
                alliance = alliance_facts(session, *draft.alliance_id, "alliance_id", false);
            } catch (const AppError& error) {
                problems.add("alliance_id", error.what());
            }
        }
    }
    Activity activity;
    const auto linkage_text =
        draft.linkage
            ? draft.linkage
            : (item ? std::optional<std::string>(enum_code(item->item.linkage)) : std::nullopt);
    const auto kind_text =
        draft.kind ? draft.kind
                   : (item ? std::optional<std::string>(enum_code(item->item.kind)) : std::nullopt);
    if (auto linkage = problems.code<Linkage>(linkage_text, "linkage", "请选择六联类别")) {
        activity.linkage = *linkage;
    }
    if (auto kind = problems.code<ActivityKind>(kind_text, "kind", "请选择活动类型")) {
        activity.kind = *kind;
    }
    activity.title = problems.text(
        draft.title ? draft.title : (item ? std::optional(item->item.theme) : std::nullopt),
        text::rule_of("title"));
    if (activity.title.empty()) {
        problems.add("title", "请填写活动名称");
    }
    activity.theme = problems.text(draft.theme, text::rule_of("theme"));
    activity.content = problems.text(draft.content, content_rule);
    activity.outcomes = problems.text(draft.outcomes, outcomes_rule);
    activity.minutes = problems.text(draft.minutes, minutes_rule);
    activity.place = problems.text(
        draft.place ? draft.place : (item ? std::optional(item->item.place) : std::nullopt),
        text::rule_of("place"));
    activity.host_change_reason = problems.text(draft.host_change_reason, host_change_rule);
    activity.starts_at = problems.timestamp(draft.starts_at, "starts_at", "请填写开始时间");
    activity.ends_at = problems.timestamp(draft.ends_at, "ends_at", "请填写结束时间");
    if (!activity.starts_at.empty() && !activity.ends_at.empty() &&
        activity.ends_at < activity.starts_at) {
        problems.add("ends_at", "结束时间不能早于开始时间");
    }
    if (item) {
        activity.plan_item_id = item->item.id;
    }
    std::optional<long long> host = draft.host_unit_id;
    if (!host && item && item->item.host_unit) {
        host = item->item.host_unit->id;
    }
    std::vector<long long> units;
    if (draft.participating_unit_ids) {
        units = *draft.participating_unit_ids;
    } else if (item && !item->item.participating_units.empty()) {
        units = ids_of(item->item.participating_units);
    } else if (alliance) {
        units = alliance->member_ids;
    }
    if (alliance) {
        for (long long unit : units) {
            if (!contains(alliance->member_ids, unit)) {
                problems.add("participating_unit_ids", "参加单位须为本联盟的成员单位");
            }
        }
        if (host && !contains(alliance->member_ids, *host)) {
            problems.add("host_unit_id", "承办单位须为本联盟的成员单位");
        }
    }
    problems.throw_if_any();
    activity.year = local_year_of(activity.starts_at);
    // The rotation is read through the alliance service's own connection, before the write.
    const auto rotation = alliances_.rotation(alliance->alliance.id, activity.year);
    const auto turn = rotation_turn(
        rotation, programme_clock::local_date(parse_timestamp(activity.starts_at, "starts_at")));
    if (!host && turn) {
        host = turn->host_unit_id;
    }
    if (!host) {
        problems.add("host_unit_id", "请选择承办单位");
    } else if (turn && turn->host_unit_id != *host && activity.host_change_reason.empty()) {
        problems.add("host_change_reason", "承办单位不是本次轮值单位，请填写更换理由");
    }
    problems.throw_if_any();
    if (!contains(units, *host)) {
        units.push_back(*host);
    }
    std::sort(units.begin(), units.end());
    units.erase(std::unique(units.begin(), units.end()), units.end());

    storage::Transaction transaction(database_);
    auto& session = transaction.session();
    const auto facts_now = alliance_facts(session, alliance->alliance.id, "alliance_id", false);
    const auto facts = caller_facts(caller, facts_now.target, *host, units);
    const bool ended = parse_timestamp(activity.ends_at, "ends_at") < programme_clock::now();
    const auto outcome = next_state({}, ActivityAction::create, facts, {false, ended});
    if (!outcome.allowed()) {
        throw refusal_error(outcome.refusal);
    }
    const auto now = now_timestamp();
    activity.alliance = {alliance->alliance.id, alliance->alliance.name};
    activity.host_unit = {*host, ""};
    activity.state = outcome.next;
    if (outcome.next == ActivityState::held) {
        activity.held_at = now;
    }
    if (turn) {
        // The turn is taken either way (per_activity), or the quarter's turn is fixed.
        if (!turn->fixed) {
            alliances::Turn taken = *turn;
            taken.fixed = true;
            if (rotation.mode == alliances::RotationMode::per_activity) {
                taken.starts_on = today_date();
                taken.ends_on = taken.starts_on;
            }
            storage::insert_turn(session, activity.alliance.id, activity.year, taken, now);
        }
        activity.rotation_turn_id =
            storage::turn_id(session, activity.alliance.id, activity.year, turn->sequence);
    }
    const long long id = storage::insert_activity(session, activity, caller.user_id(), now);
    storage::replace_activity_units(session, id, units);
    storage::sync_roster(session, id);
    std::string host_name;
    for (const auto& member : alliance->alliance.members) {
        if (member.unit.id == *host) {
            host_name = member.unit.name;
        }
    }
    audit_.record(
        transaction,
        {caller.actor, "activity.create", "activity", std::to_string(id), audit::Outcome::success,
         audit::detail(
             {{"alliance", audit::detail_ref(activity.alliance.id, activity.alliance.name)},
              {"title", activity.title},
              {"host_unit", audit::detail_ref(*host, host_name)},
              {"activity_state", enum_code(activity.state)},
              {"host_change_reason", activity.host_change_reason}})});
    auto created = load(session, id);
    transaction.commit();
    const auto final_facts = caller_facts(caller, facts_now.target, created);
    return decorate(std::move(created), final_facts);
}

Activity ActivityService::get(const accounts::Caller& caller, long long id) {
    storage::Connection connection(database_);
    auto& session = connection.session();
    auto activity = load(session, id);
    const auto alliance = alliance_facts(session, activity.alliance.id);
    require_read(caller, alliance.target);
    const auto facts = caller_facts(caller, alliance.target, activity);
    return decorate(std::move(activity), facts);
}

Activity ActivityService::update(const accounts::Caller& caller, long long id,
                                 const ActivityChanges& changes) {
    storage::Transaction transaction(database_);
    auto& session = transaction.session();
    auto activity = load(session, id);
    const auto alliance = alliance_facts(session, activity.alliance.id);
    const auto facts = caller_facts(caller, alliance.target, activity);
    const auto outcome = next_state({activity.state}, ActivityAction::edit, facts);
    if (!outcome.allowed()) {
        throw refusal_error(outcome.refusal);
    }
    if (changes.version && *changes.version != activity.version) {
        throw AppError(ErrorCode::conflict, "活动已被他人修改，请刷新后再保存",
                       {{"reason", "stale"}});
    }
    Problems problems;
    Activity edited = activity;
    if (changes.title) {
        edited.title = problems.text(changes.title, text::rule_of("title"));
        if (edited.title.empty())
            problems.add("title", "请填写活动名称");
    }
    if (changes.theme)
        edited.theme = problems.text(changes.theme, text::rule_of("theme"));
    if (changes.content)
        edited.content = problems.text(changes.content, content_rule);
    if (changes.outcomes)
        edited.outcomes = problems.text(changes.outcomes, outcomes_rule);
    if (changes.minutes)
        edited.minutes = problems.text(changes.minutes, minutes_rule);
    if (changes.place)
        edited.place = problems.text(changes.place, text::rule_of("place"));
    if (changes.starts_at) {
        edited.starts_at = problems.timestamp(changes.starts_at, "starts_at", "请填写开始时间");
    }
    if (changes.ends_at) {
        edited.ends_at = problems.timestamp(changes.ends_at, "ends_at", "请填写结束时间");
    }
    if (!problems.has("starts_at") && !problems.has("ends_at") &&
        edited.ends_at < edited.starts_at) {
        problems.add("ends_at", "结束时间不能早于开始时间");
    }
    auto units = ids_of(activity.participating_units);
    auto new_units = units;
    if (changes.participating_unit_ids) {
        new_units = *changes.participating_unit_ids;
        for (long long unit : new_units) {
            if (!contains(alliance.member_ids, unit) && !contains(units, unit)) {
                problems.add("participating_unit_ids", "参加单位须为本联盟的成员单位");
            }
        }
        if (!contains(new_units, activity.host_unit.id)) {
            new_units.push_back(activity.host_unit.id);
        }
        std::sort(new_units.begin(), new_units.end());
        new_units.erase(std::unique(new_units.begin(), new_units.end()), new_units.end());
    }
    problems.throw_if_any();
    if (!edited.starts_at.empty()) {
        edited.year = local_year_of(edited.starts_at);
    }
    ChangeSet changed;
    changed.compare("title", activity.title, edited.title);
    changed.compare("theme", activity.theme, edited.theme);
    changed.compare("content", activity.content, edited.content);
    changed.compare("outcomes", activity.outcomes, edited.outcomes);
    changed.compare("minutes", activity.minutes, edited.minutes);
    changed.compare("place", activity.place, edited.place);
    changed.compare("starts_at", activity.starts_at, edited.starts_at);
    changed.compare("ends_at", activity.ends_at, edited.ends_at);
    changed.compare("participating_unit_ids", units_text(units), units_text(new_units));
    const auto now = now_timestamp();
    if (!storage::update_activity(session, edited, now)) {
        throw AppError(ErrorCode::conflict, "活动已被他人修改，请刷新后再保存",
                       {{"reason", "stale"}});
    }
    if (new_units != units) {
        storage::replace_activity_units(session, id, new_units);
        storage::sync_roster(session, id);
    }
    audit_.record(transaction, {caller.actor, "activity.update", "activity", std::to_string(id),
                                audit::Outcome::success, changed.json()});
    auto saved = load(session, id);
    transaction.commit();
    const auto final_facts = caller_facts(caller, alliance.target, saved);
    return decorate(std::move(saved), final_facts);
}

Activity ActivityService::hold(const accounts::Caller& caller, long long id) {
    return transition(caller, id, ActivityAction::hold, "");
}

Activity ActivityService::submit_ledger(const accounts::Caller& caller, long long id) {
    return transition(caller, id, ActivityAction::submit_ledger, "");
}

Activity ActivityService::archive(const accounts::Caller& caller, long long id) {
    return transition(caller, id, ActivityAction::archive, "");
}

Activity ActivityService::return_ledger(const accounts::Caller& caller, long long id,
                                        const std::string& reason) {
    return transition(caller, id, ActivityAction::return_ledger, reason);
}

Activity ActivityService::cancel(const accounts::Caller& caller, long long id,
                                 const std::string& reason) {
    return transition(caller, id, ActivityAction::cancel, reason);
}

Activity ActivityService::transition(const accounts::Caller& caller, long long id,
                                     ActivityAction action, const std::string& raw_reason) {
    const auto reason = text::normalised_or_throw(raw_reason, text::rule_of("reason"));
    storage::Transaction transaction(database_);
    auto& session = transaction.session();
    auto activity = load(session, id);
    const auto alliance = alliance_facts(session, activity.alliance.id);
    const auto facts = caller_facts(caller, alliance.target, activity);
    const auto outcome = next_state({activity.state}, action, facts, {!reason.empty(), false});
    if (!outcome.allowed()) {
        throw refusal_error(outcome.refusal);
    }
    if (action == ActivityAction::submit_ledger) {
        const auto completeness = ledger::completeness_of(ledger_facts(activity));
        if (!completeness.complete) {
            boost::json::array missing;
            for (const auto& name : completeness.missing) missing.emplace_back(name);
            throw AppError(ErrorCode::validation_failed, "台账尚不完整，请补齐后再提交",
                           {{"reason", "ledger_incomplete"}, {"missing", std::move(missing)}});
        }
    }
    const auto now = now_timestamp();
    const auto before = activity.state;
    activity.state = outcome.next;
    switch (action) {
        case ActivityAction::hold:
            activity.held_at = now;
            break;
        case ActivityAction::submit_ledger:
            activity.ledger_submitted_at = now;
            break;
        case ActivityAction::archive:
            activity.archived_at = now;
            break;
        case ActivityAction::return_ledger:
            activity.ledger_submitted_at.reset();
            break;
        case ActivityAction::cancel:
            activity.cancel_reason = reason;
            break;
        default:
            break;
    }
    if (!storage::update_activity(session, activity, now)) {
        throw AppError(ErrorCode::conflict, "活动已被他人处理，请刷新后查看",
                       {{"reason", "stale"}});
    }
    boost::json::object detail{{"from", enum_code(before)}, {"to", enum_code(outcome.next)}};
    if (!reason.empty())
        detail["reason"] = reason;
    if (action == ActivityAction::archive) {
        // Frozen and chained in the same transaction as the state change.
        const auto entry = ledger_.append(
            session, {activity.alliance.id, id, "archive", "",
                      ledger::archive_content(frozen(session, activity)), caller.user_id()});
        detail["sequence"] = entry.sequence;
    }
    audit_transition(audit_, transaction, caller, action, id, boost::json::serialize(detail));
    auto saved = load(session, id);
    transaction.commit();
    const auto final_facts = caller_facts(caller, alliance.target, saved);
    return decorate(std::move(saved), final_facts);
}

Part ActivityService::record_part(const accounts::Caller& caller, long long id, long long unit_id,
                                  const std::optional<std::string>& content,
                                  const std::optional<std::string>& outcomes) {
    Problems problems;
    const auto content_text = problems.text(content, content_rule);
    const auto outcomes_text = problems.text(outcomes, outcomes_rule);
    problems.throw_if_any();
    storage::Transaction transaction(database_);
    auto& session = transaction.session();
    auto activity = load(session, id);
    const auto alliance = alliance_facts(session, activity.alliance.id);
    auto facts = caller_facts(caller, alliance.target, activity);
    // The part is the caller's own unit's.
    facts.participant = facts.participant && caller.unit_id && *caller.unit_id == unit_id;
    const auto outcome = next_state({activity.state}, ActivityAction::record_part, facts);
    if (!outcome.allowed()) {
        throw refusal_error(outcome.refusal);
    }
    const Part* existing = nullptr;
    for (const auto& part : activity.parts) {
        if (part.unit.id == unit_id)
            existing = &part;
    }
    const auto part = storage::save_part(
        session, id, unit_id, content ? content_text : (existing ? existing->content : ""),
        outcomes ? outcomes_text : (existing ? existing->outcomes : ""), caller.user_id(),
        now_timestamp());
    ChangeSet changed;
    changed.compare("content", existing ? existing->content : std::string(), part.content);
    changed.compare("outcomes", existing ? existing->outcomes : std::string(), part.outcomes);
    audit_.record(transaction, {caller.actor, "activity.part", "activity", std::to_string(id),
                                audit::Outcome::success, changed.json()});
    transaction.commit();
    return part;
}

LedgerEntry ActivityService::amend(const accounts::Caller& caller, long long id,
                                   const Amendment& amendment) {
    Problems problems;
    const auto reason = problems.text(amendment.reason, text::rule_of("reason"));
    std::vector<std::pair<std::string, std::string>> values;
    for (const auto& [field, value] : amendment.changes) {
        const text::FieldRule* rule = nullptr;
        if (field == "title" || field == "theme" || field == "place") {
            rule = &text::rule_of(field);
        } else if (field == "content") {
            rule = &content_rule;
        } else if (field == "outcomes") {
            rule = &outcomes_rule;
        } else if (field == "minutes") {
            rule = &minutes_rule;
        } else {
            problems.add("changes." + field, "只能更正活动名称、主题、内容、成效、纪要和地点");
            continue;
        }
        auto normalised = text::normalise(value, *rule);
        if (normalised.problem) {
            problems.add("changes." + field, *normalised.problem);
        } else if (field == "title" && normalised.text.empty()) {
            problems.add("changes.title", "请填写活动名称");
        } else {
            values.emplace_back(field, normalised.text);
        }
    }
    problems.throw_if_any();
    storage::Transaction transaction(database_);
    auto& session = transaction.session();
    auto activity = load(session, id);
    const auto alliance = alliance_facts(session, activity.alliance.id);
    const auto facts = caller_facts(caller, alliance.target, activity);
    const auto outcome =
        next_state({activity.state}, ActivityAction::amend, facts, {!reason.empty(), false});
    if (!outcome.allowed()) {
        throw refusal_error(outcome.refusal);
    }
    std::vector<ledger::FieldChange> changes;
    for (const auto& [field, value] : values) {
        std::string* target = field == "title"      ? &activity.title
                              : field == "theme"    ? &activity.theme
                              : field == "content"  ? &activity.content
                              : field == "outcomes" ? &activity.outcomes
                              : field == "minutes"  ? &activity.minutes
                                                    : &activity.place;
        if (*target != value) {
            changes.push_back({field, *target, value});
            *target = value;
        }
    }
    if (changes.empty()) {
        throw field_error("changes", "请填写与原记录不同的更正内容");
    }
    const auto now = now_timestamp();
    if (!storage::update_activity(session, activity, now)) {
        throw AppError(ErrorCode::conflict, "活动已被他人修改，请刷新后再试",
                       {{"reason", "stale"}});
    }
    const auto entry =
        ledger_.append(session, {activity.alliance.id, id, "amendment", reason,
                                 ledger::amendment_content(id, reason, changes), caller.user_id()});
    boost::json::array listed;
    for (const auto& change : changes) {
        listed.emplace_back(boost::json::object{
            {"field", change.field}, {"old", change.before}, {"new", change.after}});
    }
    audit_.record(
        transaction,
        {caller.actor, "ledger.amend", "activity", std::to_string(id), audit::Outcome::success,
         audit::detail(
             {{"sequence", entry.sequence}, {"reason", reason}, {"changes", std::move(listed)}})});
    LedgerEntry result;
    for (auto& row : storage::activity_entries(session, id)) {
        if (row.sequence == entry.sequence) {
            result = {row.sequence,   row.kind,          row.reason,     changes,
                      row.entry_hash, row.previous_hash, row.created_by, row.created_at};
        }
    }
    transaction.commit();
    return result;
}

std::vector<LedgerEntry> ActivityService::ledger_entries(const accounts::Caller& caller,
                                                         long long id) {
    storage::Connection connection(database_);
    auto& session = connection.session();
    const auto activity = load(session, id);
    require_read(caller, alliance_facts(session, activity.alliance.id).target);
    std::vector<LedgerEntry> entries;
    for (auto& row : storage::activity_entries(session, id)) {
        entries.push_back({row.sequence, row.kind, row.reason, ledger::changes_of(row.content),
                           row.entry_hash, row.previous_hash, row.created_by, row.created_at});
    }
    return entries;
}

CoverageMatrix ActivityService::coverage(const accounts::Caller& caller, long long alliance_id,
                                         int year) {
    storage::Connection connection(database_);
    auto& session = connection.session();
    const auto alliance = alliance_facts(session, alliance_id);
    require_read(caller, alliance.target);
    auto matrix = coverage_matrix(storage::planned_items(session, alliance_id, year),
                                  storage::held_activities(session, alliance_id, year));
    matrix.alliance = {alliance.alliance.id, alliance.alliance.name};
    matrix.year = year;
    return matrix;
}

LedgerPage ActivityService::ledger_page(const accounts::Caller& caller, long long alliance_id,
                                        int year) {
    storage::Connection connection(database_);
    auto& session = connection.session();
    const auto alliance = alliance_facts(session, alliance_id);
    require_read(caller, alliance.target);
    storage::ActivityQuery query;
    query.alliance_id = alliance_id;
    query.year = year;
    query.without_cancelled = true;
    LedgerPage page;
    page.alliance = {alliance.alliance.id, alliance.alliance.name};
    page.year = year;
    for (auto& activity : storage::list_activities(session, query).items) {
        const auto facts = caller_facts(caller, alliance.target, activity);
        auto decorated = decorate(std::move(activity), facts);
        page.complete += decorated.ledger.complete ? 1 : 0;
        page.incomplete += decorated.ledger.complete ? 0 : 1;
        page.archived += decorated.state == ActivityState::archived ? 1 : 0;
        page.activities.push_back(std::move(decorated));
    }
    page.chain = ledger_.check_alliance(session, alliance_id);
    return page;
}

CoverageMatrix coverage_matrix(const std::vector<std::pair<Linkage, int>>& planned,
                               const std::vector<HeldActivity>& held) {
    CoverageMatrix matrix;
    for (auto linkage : campaign::all_linkages) {
        CoverageRow row;
        row.linkage = linkage;
        for (int month = 1; month <= 12; ++month) {
            CoverageCell cell;
            cell.month = month;
            for (const auto& [item_linkage, item_month] : planned) {
                if (item_linkage == linkage && item_month == month)
                    ++cell.planned;
            }
            for (const auto& activity : held) {
                if (activity.linkage == linkage && activity.month == month) {
                    ++cell.held;
                    cell.activity_ids.push_back(activity.id);
                }
            }
            row.planned += cell.planned;
            row.held += cell.held;
            row.cells.push_back(std::move(cell));
        }
        matrix.planned += row.planned;
        matrix.held += row.held;
        matrix.rows.push_back(std::move(row));
    }
    return matrix;
}

}  // namespace lianjian::activities
