#include "alliances/alliance.hpp"

#include "audit/detail.hpp"
#include "core/changes.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "storage/alliance_repository.hpp"

#include <algorithm>
#include <set>

namespace lianjian::alliances {

namespace {

// A date field in YYYY-MM-DD form, or today when absent.
std::string date_or_today(const std::string& text, const char* field) {
    if (text.empty()) {
        return today_date();
    }
    if (text.size() != 10) {
        throw field_error(field, std::string("“") + field + "”应为日期，格式如 2026-05-01");
    }
    return programme_clock::local_date(parse_timestamp(text, field));
}

void require_reason(const std::string& reason) {
    if (reason.empty()) {
        throw field_error("reason", "请填写原因");
    }
    if (reason.size() > 1000) {
        throw field_error("reason", "原因不能超过 1000 个字节");
    }
}

storage::UnitSummary active_unit(storage::Session& session, long long unit_id, const char* field) {
    auto unit = storage::find_unit_summary(session, unit_id);
    if (!unit) {
        throw field_error(field, "单位不存在（编号 " + std::to_string(unit_id) + "）");
    }
    if (!unit->active) {
        throw field_error(field, "单位“" + unit->ref.name + "”已停用");
    }
    return *unit;
}

void require_free(storage::Session& session, const storage::UnitSummary& unit) {
    if (storage::open_alliance_of_unit(session, unit.ref.id)) {
        throw AppError(ErrorCode::conflict,
                       "单位“" + unit.ref.name + "”已在其他联盟中，一个单位只能加入一个联盟",
                       {{"unit_id", unit.ref.id}});
    }
}

}  // namespace

accounts::Target permission_target(const Alliance& alliance) {
    std::vector<long long> members;
    for (const auto& member : alliance.members) {
        members.push_back(member.unit.id);
    }
    return accounts::Target::alliance(alliance.lead_unit.id, std::move(members));
}

namespace {

bool is_current_member(const Alliance& alliance, long long unit_id) {
    return std::any_of(alliance.members.begin(), alliance.members.end(),
                       [&](const AllianceMember& member) { return member.unit.id == unit_id; });
}

audit::AuditEntry entry(const accounts::Caller& caller, const char* action, long long alliance_id,
                        std::string detail) {
    return {caller.actor,
            action,
            "alliance",
            std::to_string(alliance_id),
            audit::Outcome::success,
            detail.substr(0, 500)};
}

int year_of(const std::string& date) {
    return std::stoi(date.substr(0, 4));
}

// The stored hosting order, completed: the lead unit first when it is missing, then any current
// member not yet in it, by joining date (the default order of an alliance nobody reordered).
std::vector<long long> hosting_order(storage::Session& session, const Alliance& alliance) {
    auto order = storage::rotation_order(session, alliance.id);
    if (order.empty() ||
        std::find(order.begin(), order.end(), alliance.lead_unit.id) == order.end()) {
        order.insert(order.begin(), alliance.lead_unit.id);
    }
    for (const auto& member : alliance.members) {  // already in joining order
        if (std::find(order.begin(), order.end(), member.unit.id) == order.end()) {
            order.push_back(member.unit.id);
        }
    }
    return order;
}

}  // namespace

const char* member_role_name(MemberRole role) {
    return enum_code(role);
}

std::vector<Alliance> AllianceService::list(const std::string& on_date) {
    storage::Connection connection(database_);
    return storage::list_alliances(connection.session(), on_date);
}

AlliancePage AllianceService::list(const std::string& on_date, int page, int page_size) {
    storage::Connection connection(database_);
    return storage::list_alliances(connection.session(), on_date,
                                   static_cast<long long>(page - 1) * page_size, page_size);
}

std::vector<LeadPeriod> lead_periods(const std::vector<AllianceEvent>& events) {
    std::vector<LeadPeriod> periods;
    for (const auto& event : events) {
        if ((event.kind != AllianceEventKind::founded &&
             event.kind != AllianceEventKind::lead_changed) ||
            !event.unit) {
            continue;
        }
        if (!periods.empty()) {
            periods.back().until = event.occurred_on;
        }
        periods.push_back({*event.unit, event.occurred_on, std::nullopt});
    }
    return periods;
}

AllianceDetail AllianceService::detail(long long alliance_id, const std::string& on_date) {
    storage::Connection connection(database_);
    auto& session = connection.session();
    auto alliance = storage::find_alliance(session, alliance_id, on_date);
    if (!alliance) {
        throw AppError(ErrorCode::not_found, "联盟不存在");
    }
    AllianceDetail detail;
    detail.alliance = std::move(*alliance);
    detail.history = storage::membership_history(session, alliance_id);
    detail.events = storage::alliance_events(session, alliance_id);
    detail.lead_periods = lead_periods(detail.events);
    const auto plan = rotation(alliance_id, year_of(today_date()));
    detail.rotation_order = plan.order;
    return detail;
}

Alliance AllianceService::current(storage::Transaction& transaction, long long alliance_id) {
    auto alliance = storage::find_alliance(transaction.session(), alliance_id, today_date());
    if (!alliance) {
        throw AppError(ErrorCode::not_found, "联盟不存在");
    }
    return *alliance;
}

long long AllianceService::create_in(storage::Transaction& transaction,
                                     const accounts::Caller& caller, const AllianceDraft& draft) {
    transaction.serialize(storage::WriterTopic::memberships);
    auto& session = transaction.session();
    if (draft.name.empty()) {
        throw field_error("name", "请填写联盟名称");
    }
    if (storage::alliance_name_taken(session, draft.name, 0)) {
        throw AppError(ErrorCode::conflict, "联盟名称“" + draft.name + "”已存在",
                       {{"field", "name"}});
    }
    if (draft.batch < 1) {
        throw field_error("batch", "批次应为正整数");
    }
    const auto area = storage::find_office_area_ref(session, draft.office_area_id);
    if (!area) {
        throw field_error("office_area_id", "办公区不存在");
    }
    const auto founded_on = date_or_today(draft.founded_on, "founded_on");
    std::vector<long long> unit_ids{draft.lead_unit_id};
    for (long long unit_id : draft.member_unit_ids) {
        if (std::find(unit_ids.begin(), unit_ids.end(), unit_id) == unit_ids.end()) {
            unit_ids.push_back(unit_id);
        }
    }
    if (unit_ids.size() < 2) {
        throw field_error("member_unit_ids", "联盟至少需要两个成员单位（含牵头单位）");
    }
    std::vector<storage::UnitSummary> units;
    for (long long unit_id : unit_ids) {
        units.push_back(active_unit(
            session, unit_id, unit_id == draft.lead_unit_id ? "lead_unit_id" : "member_unit_ids"));
        require_free(session, units.back());
    }
    const auto now = now_timestamp();
    Alliance alliance;
    alliance.name = draft.name;
    alliance.batch = draft.batch;
    alliance.office_area = *area;
    alliance.lead_unit = units.front().ref;
    alliance.rotation_mode = draft.rotation_mode;
    alliance.founded_on = founded_on;
    alliance.note = draft.note;
    alliance.id = storage::insert_alliance(session, alliance, now);
    storage::insert_alliance_event(session, alliance.id, founded_on, AllianceEventKind::founded,
                                   alliance.lead_unit.id, draft.note, caller.actor.user_id, now);
    for (const auto& unit : units) {
        storage::insert_membership(session, alliance.id, unit.ref.id, founded_on, now);
        storage::insert_alliance_event(session, alliance.id, founded_on, AllianceEventKind::joined,
                                       unit.ref.id, "", caller.actor.user_id, now);
    }
    // Default hosting order: the lead unit first, then the others as listed.
    storage::replace_rotation_order(session, alliance.id, unit_ids);
    audit_.record(transaction,
                  entry(caller, "alliance.create", alliance.id,
                        audit::detail({{"name", alliance.name}, {"unit_count", units.size()}})));
    return alliance.id;
}

Alliance AllianceService::create(const accounts::Caller& caller, const AllianceDraft& draft) {
    storage::Transaction transaction(database_);
    const auto id = create_in(transaction, caller, draft);
    auto alliance = current(transaction, id);
    transaction.commit();
    return alliance;
}

Alliance AllianceService::update(const accounts::Caller& caller, long long alliance_id,
                                 const AllianceChanges& changes) {
    storage::Transaction transaction(database_);
    auto& session = transaction.session();
    auto alliance = current(transaction, alliance_id);
    if (alliance.dissolved_on) {
        throw AppError(ErrorCode::conflict, "联盟已解散，不能再修改");
    }
    const Alliance before = alliance;
    std::string detail;
    if (changes.name && *changes.name != alliance.name) {
        if (changes.name->empty()) {
            throw field_error("name", "请填写联盟名称");
        }
        if (storage::alliance_name_taken(session, *changes.name, alliance_id)) {
            throw AppError(ErrorCode::conflict, "联盟名称“" + *changes.name + "”已存在",
                           {{"field", "name"}});
        }
        detail += "name " + alliance.name + "→" + *changes.name + "; ";
        alliance.name = *changes.name;
    }
    if (changes.batch) {
        if (*changes.batch < 1) {
            throw field_error("batch", "批次应为正整数");
        }
        alliance.batch = *changes.batch;
    }
    if (changes.office_area_id) {
        const auto area = storage::find_office_area_ref(session, *changes.office_area_id);
        if (!area) {
            throw field_error("office_area_id", "办公区不存在");
        }
        alliance.office_area = *area;
    }
    if (changes.rotation_mode && *changes.rotation_mode != alliance.rotation_mode) {
        // Turns already started stay as they were dealt under the old mode.
        freeze_rotation(transaction, alliance_id, today_date());
        detail += std::string("rotation_mode ") + enum_code(alliance.rotation_mode) + "→" +
                  enum_code(*changes.rotation_mode) + "; ";
        alliance.rotation_mode = *changes.rotation_mode;
    }
    if (changes.note) {
        alliance.note = *changes.note;
    }
    const auto now = now_timestamp();
    storage::update_alliance(session, alliance, now);
    storage::insert_alliance_event(session, alliance_id, today_date(), AllianceEventKind::updated,
                                   std::nullopt, detail, caller.actor.user_id, now);
    ChangeSet changed;
    changed.compare("name", before.name, alliance.name);
    changed.compare("batch", before.batch, alliance.batch);
    changed.compare("office_area_id", before.office_area.id, alliance.office_area.id);
    changed.compare("rotation_mode", enum_code(before.rotation_mode),
                    enum_code(alliance.rotation_mode));
    changed.compare("note", before.note, alliance.note);
    audit_.record(transaction, entry(caller, "alliance.update", alliance_id, changed.json()));
    transaction.commit();
    return alliance;
}

Alliance AllianceService::change_lead(const accounts::Caller& caller, long long alliance_id,
                                      long long unit_id, const std::string& reason) {
    require_reason(reason);
    storage::Transaction transaction(database_);
    transaction.serialize(storage::WriterTopic::memberships);
    auto alliance = current(transaction, alliance_id);
    if (alliance.dissolved_on) {
        throw AppError(ErrorCode::conflict, "联盟已解散，不能再修改");
    }
    if (!is_current_member(alliance, unit_id)) {
        throw field_error("unit_id", "新的牵头单位必须是本联盟的现有成员单位");
    }
    if (alliance.lead_unit.id == unit_id) {
        throw AppError(ErrorCode::conflict, "该单位已是牵头单位");
    }
    const auto previous = alliance.lead_unit;
    alliance.lead_unit.id = unit_id;
    const auto now = now_timestamp();
    storage::update_alliance(transaction.session(), alliance, now);
    storage::insert_alliance_event(transaction.session(), alliance_id, today_date(),
                                   AllianceEventKind::lead_changed, unit_id, reason,
                                   caller.actor.user_id, now);
    const auto next = std::find_if(alliance.members.begin(), alliance.members.end(),
                                   [&](const AllianceMember& m) { return m.unit.id == unit_id; });
    audit_.record(transaction,
                  entry(caller, "alliance.lead_change", alliance_id,
                        audit::detail({{"from_unit", audit::detail_ref(previous.id, previous.name)},
                                       {"to_unit", audit::detail_ref(unit_id, next->unit.name)},
                                       {"reason", reason}})));
    auto updated = current(transaction, alliance_id);
    transaction.commit();
    return updated;
}

void AllianceService::join_in(storage::Transaction& transaction, const accounts::Caller& caller,
                              long long alliance_id, long long unit_id,
                              const std::string& joined_on, const std::string& reason) {
    transaction.serialize(storage::WriterTopic::memberships);
    auto& session = transaction.session();
    auto alliance = current(transaction, alliance_id);
    if (alliance.dissolved_on) {
        throw AppError(ErrorCode::conflict, "联盟已解散，不能再加入");
    }
    const auto unit = active_unit(session, unit_id, "unit_id");
    require_free(session, unit);
    const auto date = date_or_today(joined_on, "joined_on");
    if (date < alliance.founded_on) {
        throw field_error("joined_on", "加入日期不能早于联盟成立日期 " + alliance.founded_on);
    }
    freeze_rotation(transaction, alliance_id, date);
    const auto now = now_timestamp();
    storage::insert_membership(session, alliance_id, unit_id, date, now);
    auto order = hosting_order(session, alliance);
    order.erase(std::remove(order.begin(), order.end(), unit_id), order.end());
    order.push_back(unit_id);
    storage::replace_rotation_order(session, alliance_id, order);
    storage::insert_alliance_event(session, alliance_id, date, AllianceEventKind::joined, unit_id,
                                   reason, caller.actor.user_id, now);
    audit_.record(transaction,
                  entry(caller, "alliance.member_join", alliance_id,
                        audit::detail({{"unit", audit::detail_ref(unit_id, unit.ref.name)},
                                       {"joined_on", date}})));
}

void AllianceService::leave_in(storage::Transaction& transaction, const accounts::Caller& caller,
                               long long alliance_id, long long unit_id, const std::string& left_on,
                               const std::string& reason) {
    transaction.serialize(storage::WriterTopic::memberships);
    auto& session = transaction.session();
    auto alliance = current(transaction, alliance_id);
    if (!is_current_member(alliance, unit_id)) {
        throw AppError(ErrorCode::conflict, "该单位不是本联盟的现有成员单位");
    }
    if (alliance.lead_unit.id == unit_id) {
        throw AppError(ErrorCode::conflict, "牵头单位不能退出联盟，请先更换牵头单位");
    }
    if (alliance.members.size() <= 2) {
        throw AppError(ErrorCode::conflict, "联盟至少需要两个成员单位，不能再退出");
    }
    const auto date = date_or_today(left_on, "left_on");
    const auto member = std::find_if(alliance.members.begin(), alliance.members.end(),
                                     [&](const AllianceMember& m) { return m.unit.id == unit_id; });
    if (date < member->joined_on) {
        throw field_error("left_on", "退出日期不能早于该单位的加入日期 " + member->joined_on);
    }
    freeze_rotation(transaction, alliance_id, date);
    const auto now = now_timestamp();
    storage::close_membership(session, alliance_id, unit_id, date);
    storage::insert_alliance_event(session, alliance_id, date, AllianceEventKind::left, unit_id,
                                   reason, caller.actor.user_id, now);
    audit_.record(transaction,
                  entry(caller, "alliance.member_leave", alliance_id,
                        audit::detail({{"unit", audit::detail_ref(unit_id, member->unit.name)},
                                       {"left_on", date}})));
}

Alliance AllianceService::add_member(const accounts::Caller& caller, long long alliance_id,
                                     long long unit_id, const std::string& joined_on,
                                     const std::string& reason) {
    storage::Transaction transaction(database_);
    join_in(transaction, caller, alliance_id, unit_id, joined_on, reason);
    auto alliance = current(transaction, alliance_id);
    transaction.commit();
    return alliance;
}

Alliance AllianceService::remove_member(const accounts::Caller& caller, long long alliance_id,
                                        long long unit_id, const std::string& left_on,
                                        const std::string& reason) {
    require_reason(reason);
    storage::Transaction transaction(database_);
    leave_in(transaction, caller, alliance_id, unit_id, left_on, reason);
    auto alliance = current(transaction, alliance_id);
    transaction.commit();
    return alliance;
}

void AllianceService::dissolve(const accounts::Caller& caller, long long alliance_id,
                               const std::string& dissolved_on, const std::string& reason) {
    require_reason(reason);
    storage::Transaction transaction(database_);
    transaction.serialize(storage::WriterTopic::memberships);
    auto alliance = current(transaction, alliance_id);
    if (alliance.dissolved_on) {
        throw AppError(ErrorCode::conflict, "联盟已解散");
    }
    const auto date = date_or_today(dissolved_on, "dissolved_on");
    if (date < alliance.founded_on) {
        throw field_error("dissolved_on", "解散日期不能早于联盟成立日期 " + alliance.founded_on);
    }
    freeze_rotation(transaction, alliance_id, date);
    const auto now = now_timestamp();
    for (const auto& member : alliance.members) {
        storage::close_membership(transaction.session(), alliance_id, member.unit.id, date);
    }
    alliance.dissolved_on = date;
    storage::update_alliance(transaction.session(), alliance, now);
    storage::insert_alliance_event(transaction.session(), alliance_id, date,
                                   AllianceEventKind::dissolved, std::nullopt, reason,
                                   caller.actor.user_id, now);
    audit_.record(transaction, entry(caller, "alliance.dissolve", alliance_id,
                                     audit::detail({{"reason", reason}})));
    transaction.commit();
}

std::vector<long long> AllianceService::reorder_rotation(const accounts::Caller& caller,
                                                         long long alliance_id,
                                                         const std::vector<long long>& unit_ids) {
    storage::Transaction transaction(database_);
    transaction.serialize(storage::WriterTopic::memberships);
    auto alliance = current(transaction, alliance_id);
    if (!caller.may(accounts::Permission::rotation_arrange, permission_target(alliance))) {
        throw AppError(ErrorCode::forbidden, "只有机关工委或牵头单位可以调整轮值顺序");
    }
    std::set<long long> members;
    for (const auto& member : alliance.members) {
        members.insert(member.unit.id);
    }
    const std::set<long long> given(unit_ids.begin(), unit_ids.end());
    if (given != members || given.size() != unit_ids.size()) {
        throw field_error("unit_ids", "轮值顺序须恰好列出本联盟的全部现有成员单位，每个一次");
    }
    freeze_rotation(transaction, alliance_id, today_date());
    const auto now = now_timestamp();
    storage::replace_rotation_order(transaction.session(), alliance_id, unit_ids);
    storage::insert_alliance_event(transaction.session(), alliance_id, today_date(),
                                   AllianceEventKind::rotation_reordered, std::nullopt, "",
                                   caller.actor.user_id, now);
    audit_.record(transaction, entry(caller, "alliance.rotation_reorder", alliance_id, ""));
    transaction.commit();
    return unit_ids;
}

namespace {

// The rotation goes on across years: a year starts after whoever hosted last the year before.
// Earlier years are replayed from the founding year (their fixed turns as they were), since a
// past year's quarters need not have been fixed by any change.
RotationInput rotation_input(storage::Session& session, const Alliance& alliance, int year) {
    RotationInput input;
    input.mode = alliance.rotation_mode;
    input.order = hosting_order(session, alliance);
    input.memberships = storage::membership_spans(session, alliance.id);
    input.today = today_date();
    input.previous_host = std::nullopt;
    for (int earlier = std::max(year_of(alliance.founded_on), year - 50); earlier < year;
         ++earlier) {
        input.year = earlier;
        input.fixed_turns = storage::fixed_turns(session, alliance.id, earlier);
        const auto turns =
            input.mode == RotationMode::per_quarter ? plan_rotation(input) : input.fixed_turns;
        if (!turns.empty()) {
            input.previous_host = turns.back().host_unit_id;
        }
    }
    input.year = year;
    input.fixed_turns = storage::fixed_turns(session, alliance.id, year);
    return input;
}

}  // namespace

RotationPlan AllianceService::rotation(long long alliance_id, int year) {
    storage::Connection connection(database_);
    auto& session = connection.session();
    auto alliance = storage::find_alliance(session, alliance_id, today_date());
    if (!alliance) {
        throw AppError(ErrorCode::not_found, "联盟不存在");
    }
    const auto input = rotation_input(session, *alliance, year);
    RotationPlan plan;
    plan.mode = alliance->rotation_mode;
    plan.year = year;
    plan.turns = plan_rotation(input);
    for (auto& event : storage::alliance_events(session, alliance_id, year)) {
        if (event.kind == AllianceEventKind::joined || event.kind == AllianceEventKind::left) {
            plan.membership_changes.push_back(std::move(event));
        }
    }
    for (long long unit_id : input.order) {
        if (is_current_member(*alliance, unit_id)) {
            plan.order.push_back(unit_id);
        }
    }
    for (const auto& membership : storage::membership_history(session, alliance_id)) {
        const bool named =
            std::any_of(plan.units.begin(), plan.units.end(),
                        [&](const NamedRef& unit) { return unit.id == membership.unit.id; });
        if (!named) {
            plan.units.push_back(membership.unit);
        }
    }
    return plan;
}

void AllianceService::freeze_rotation(storage::Transaction& transaction, long long alliance_id,
                                      const std::string& change_date) {
    // Everything that has started by today, or by the change's date if that is later, is fixed:
    // in every year from the change's year on, so that a change recorded with an earlier date
    // still leaves the quarters already under way as they were.
    const std::string through = std::max(change_date, today_date());
    auto& session = transaction.session();
    auto alliance = storage::find_alliance(session, alliance_id, through);
    if (!alliance || alliance->rotation_mode != RotationMode::per_quarter) {
        return;  // per_activity turns are fixed when an activity takes them
    }
    const auto now = now_timestamp();
    const int first_year =
        std::max(year_of(std::min(change_date, through)), year_of(alliance->founded_on));
    for (int year = first_year; year <= year_of(through); ++year) {
        for (const auto& turn : plan_rotation(rotation_input(session, *alliance, year))) {
            if (!turn.fixed && turn.starts_on <= through) {
                storage::insert_turn(session, alliance_id, year, turn, now);
            }
        }
    }
}

}  // namespace lianjian::alliances
