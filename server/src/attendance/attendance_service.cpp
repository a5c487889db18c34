#include "attendance/attendance_service.hpp"

#include "audit/detail.hpp"
#include "core/error.hpp"
#include "storage/attendance_repository.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

namespace lianjian::attendance {

using accounts::Permission;

namespace {

constexpr const char* mismatch_message =
    "姓名或手机号码后四位与本次活动的参加名单不符，请核对后重试";

bool contains(const std::vector<long long>& ids, long long id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

ActivityFacts facts_of(storage::Session& session, long long activity_id) {
    auto facts = storage::find_activity_facts(session, activity_id);
    if (!facts) {
        throw AppError(ErrorCode::not_found, "活动不存在");
    }
    return *facts;
}

void require_read(storage::Session& session, const accounts::Caller& caller,
                  const ActivityFacts& facts) {
    accounts::Target target;
    target.unit_ids = facts.participating_unit_ids;
    target.alliance_unit_ids = storage::current_alliance_unit_ids(session, facts.alliance.id);
    target.alliance_unit_ids.insert(target.alliance_unit_ids.end(),
                                    facts.participating_unit_ids.begin(),
                                    facts.participating_unit_ids.end());
    if (!caller.may(Permission::activities_read, target)) {
        throw AppError(ErrorCode::forbidden, "只能查看本单位所在联盟的活动");
    }
}

// The host unit's administrator only: not another unit's, not the committee.
void require_host(const accounts::Caller& caller, const ActivityFacts& facts) {
    if (!caller.reach(Permission::activities_write) || caller.unit_id != facts.host_unit.id) {
        throw AppError(ErrorCode::forbidden, "只有承办单位的管理员可以登记本次活动的出勤");
    }
}

void require_recordable(const ActivityFacts& facts) {
    if (!attendance_open(facts.state)) {
        const bool cancelled = facts.state == ActivityState::cancelled;
        throw AppError(ErrorCode::conflict,
                       cancelled ? "活动已取消，不能再登记出勤" : "台账已提交，出勤记录不能再修改",
                       {{"reason", cancelled ? "activity_cancelled" : "ledger_submitted"},
                        {"state", enum_code(facts.state)}});
    }
}

SigninWindow window_of(const ActivityFacts& facts) {
    return signin_window(parse_timestamp(facts.starts_at, "starts_at"),
                         parse_timestamp(facts.ends_at, "ends_at"));
}

long long unix_seconds(TimePoint instant) {
    return std::chrono::duration_cast<std::chrono::seconds>(instant.time_since_epoch()).count();
}

// The member's one row as the sign-in answers it.
SigninResult result_of(const AttendanceRow& row, bool already) {
    return {row.member, row.unit, AttendanceStatus::present, already};
}

void require_open_for_signin(const ActivityFacts& facts, const SigninWindow& window) {
    if (!attendance_open(facts.state) || !window.contains(programme_clock::now())) {
        throw AppError(ErrorCode::signin_closed,
                       "当前不在本次活动的签到时间内（活动开始前 1 小时至结束后 2 小时）",
                       {{"valid_from", format_timestamp(window.valid_from)},
                        {"valid_until", format_timestamp(window.valid_until)}});
    }
}

}  // namespace

AttendanceSheet AttendanceService::sheet(const accounts::Caller& caller, long long activity_id) {
    storage::Connection connection(database_);
    auto& session = connection.session();
    const auto facts = facts_of(session, activity_id);
    require_read(session, caller, facts);
    return summarise(storage::attendance_rows(session, activity_id));
}

AttendanceRow AttendanceService::record(const accounts::Caller& caller, long long activity_id,
                                        long long member_id, AttendanceStatus status) {
    storage::Transaction transaction(database_);
    auto& session = transaction.session();
    const auto facts = facts_of(session, activity_id);
    require_host(caller, facts);
    require_recordable(facts);
    const auto before = storage::attendance_row(session, activity_id, member_id);
    long long unit_id = 0;
    if (before) {
        unit_id = before->unit.id;
    } else {
        const auto members = storage::roster_members(session, {member_id});
        if (members.empty() || !members.front().active ||
            !contains(facts.participating_unit_ids, members.front().unit_id)) {
            throw field_error("member_id", "所选党员不属于参加本次活动的单位");
        }
        unit_id = members.front().unit_id;
    }
    storage::upsert_attendance(session, activity_id, member_id, unit_id, status,
                               AttendanceMethod::manual, now_timestamp(), caller.actor.user_id);
    const auto old_status = before && before->status
                                ? boost::json::value(enum_code(*before->status))
                                : boost::json::value(nullptr);
    audit_.record(transaction, {caller.actor, "attendance.record", "activity",
                                std::to_string(activity_id), audit::Outcome::success,
                                audit::detail({{"member_id", member_id},
                                               {"added", !before.has_value()},
                                               {"changes", boost::json::array{boost::json::object{
                                                               {"field", "status"},
                                                               {"old", old_status},
                                                               {"new", enum_code(status)}}}}})});
    auto row = storage::attendance_row(session, activity_id, member_id);
    transaction.commit();
    return *row;
}

AttendanceSheet AttendanceService::change_roster(const accounts::Caller& caller,
                                                 long long activity_id,
                                                 const RosterChange& change) {
    storage::Transaction transaction(database_);
    auto& session = transaction.session();
    const auto facts = facts_of(session, activity_id);
    require_host(caller, facts);
    require_recordable(facts);
    const auto members = storage::roster_members(session, change.add_member_ids);
    boost::json::array added;
    for (const auto member_id : change.add_member_ids) {
        const auto found = std::find_if(members.begin(), members.end(),
                                        [&](const auto& m) { return m.id == member_id; });
        if (found == members.end() || !found->active ||
            !contains(facts.participating_unit_ids, found->unit_id)) {
            throw AppError(ErrorCode::validation_failed, "只能加入参加本次活动的单位的在册党员",
                           {{"field", "add_member_ids"}, {"member_id", member_id}});
        }
        if (storage::add_to_roster(session, activity_id, member_id, found->unit_id)) {
            added.push_back(member_id);
        }
    }
    boost::json::array removed;
    for (const auto member_id : change.remove_member_ids) {
        const auto row = storage::attendance_row(session, activity_id, member_id);
        if (!row) {
            continue;
        }
        if (row->status) {
            throw AppError(ErrorCode::validation_failed,
                           "已登记出勤的党员不能移出名单：" + row->member.name,
                           {{"field", "remove_member_ids"}, {"member_id", member_id}});
        }
        if (storage::remove_from_roster(session, activity_id, member_id)) {
            removed.push_back(member_id);
        }
    }
    if (!added.empty() || !removed.empty()) {
        audit_.record(transaction, {caller.actor, "attendance.roster", "activity",
                                    std::to_string(activity_id), audit::Outcome::success,
                                    audit::detail({{"added", added}, {"removed", removed}})});
    }
    auto sheet = summarise(storage::attendance_rows(session, activity_id));
    transaction.commit();
    return sheet;
}

SigninCode AttendanceService::signin_code(const accounts::Caller& caller, long long activity_id,
                                          const std::string& origin) {
    storage::Connection connection(database_);
    const auto facts = facts_of(connection.session(), activity_id);
    require_host(caller, facts);
    const auto window = window_of(facts);
    SigninCode code;
    code.token = make_token(signin_key_, activity_id, unix_seconds(window.valid_until));
    code.url = "/signin/" + code.token;
    code.valid_from = format_timestamp(window.valid_from);
    code.valid_until = format_timestamp(window.valid_until);
    code.open = attendance_open(facts.state) && window.contains(programme_clock::now());
    code.svg = qr_svg(origin + code.url);
    return code;
}

SigninPage AttendanceService::signin_page(std::string_view token) {
    const auto claim = read_token(signin_key_, token);
    if (!claim) {
        throw AppError(ErrorCode::not_found, "签到码无效");
    }
    storage::Connection connection(database_);
    const auto facts = storage::find_activity_facts(connection.session(), claim->activity_id);
    if (!facts) {
        throw AppError(ErrorCode::not_found, "签到码无效");
    }
    // The window is the activity's as it is now: a moved activity moves it.
    const auto window = window_of(*facts);
    return {*facts, attendance_open(facts->state) && window.contains(programme_clock::now()),
            format_timestamp(window.valid_from), format_timestamp(window.valid_until)};
}

SigninResult AttendanceService::sign_in(const audit::Actor& actor, std::string_view token,
                                        const std::string& name, const std::string& phone_last4) {
    const auto page = signin_page(token);
    const auto& facts = page.activity;
    require_open_for_signin(facts, window_of(facts));
    const std::string client = actor.source_ip.empty() ? "unknown" : actor.source_ip;
    const auto now = programme_clock::now();
    std::optional<long long> matched;
    {
        storage::Connection connection(database_);
        auto& session = connection.session();
        // The limit is checked before the name is compared, so that the roster cannot be
        // guessed once it is reached.
        const SigninLimits limits;
        std::vector<TimePoint> from_client;
        std::vector<TimePoint> from_all;
        for (const auto& failure :
             storage::signin_failures(session, facts.id, format_timestamp(now - limits.window))) {
            const auto failed_at = parse_timestamp(failure.failed_at, "failed_at");
            from_all.push_back(failed_at);
            if (failure.client == client) {
                from_client.push_back(failed_at);
            }
        }
        if (const auto wait = signin_retry_after(from_client, from_all, now, limits)) {
            throw AppError(ErrorCode::too_many_requests, "签到尝试过于频繁，请稍后再试",
                           {{"retry_after", static_cast<std::int64_t>(wait->count())}});
        }
        std::vector<RosterPerson> roster;
        for (auto& person : storage::roster_phones(session, facts.id)) {
            try {
                roster.push_back(
                    {person.member_id, std::move(person.name), cipher_.open(person.phone_sealed)});
            } catch (const std::runtime_error&) {
                continue;  // a phone this key cannot open matches nobody
            }
        }
        matched = match_roster(roster, name, phone_last4);
    }
    const auto object_id = std::to_string(facts.id);
    storage::Transaction transaction(database_);
    auto& session = transaction.session();
    if (!matched) {
        storage::insert_signin_failure(session, facts.id, client, format_timestamp(now));
        audit_.record(transaction,
                      {actor, "attendance.signin", "activity", object_id, audit::Outcome::failure,
                       audit::detail({{"method", "qr"}, {"reason", "signin_mismatch"}})});
        transaction.commit();
        throw AppError(ErrorCode::signin_mismatch, mismatch_message);
    }
    const bool changed = storage::mark_present(session, facts.id, *matched, AttendanceMethod::qr,
                                               format_timestamp(now), std::nullopt);
    const auto row = storage::attendance_row(session, facts.id, *matched);
    if (!row) {
        // Removed from the roster between the match and now.
        throw AppError(ErrorCode::signin_mismatch, mismatch_message);
    }
    if (changed) {
        audit_.record(transaction,
                      {actor, "attendance.signin", "activity", object_id, audit::Outcome::success,
                       audit::detail({{"method", "qr"}, {"member_id", *matched}})});
    }
    transaction.commit();
    return result_of(*row, !changed);
}

SigninResult AttendanceService::tap(const accounts::Caller& caller, long long activity_id) {
    storage::Transaction transaction(database_);
    auto& session = transaction.session();
    const auto facts = facts_of(session, activity_id);
    const auto member_id = storage::member_of_user(session, caller.user_id());
    const auto row =
        member_id ? storage::attendance_row(session, activity_id, *member_id) : std::nullopt;
    if (!row) {
        throw AppError(ErrorCode::forbidden,
                       member_id ? "您不在本次活动的参加名单中" : "本账号未关联党员，不能一键签到");
    }
    require_open_for_signin(facts, window_of(facts));
    const bool changed =
        storage::mark_present(session, activity_id, *member_id, AttendanceMethod::tap,
                              now_timestamp(), caller.actor.user_id);
    if (changed) {
        audit_.record(transaction, {caller.actor, "attendance.tap", "activity",
                                    std::to_string(activity_id), audit::Outcome::success,
                                    audit::detail({{"method", "tap"}, {"member_id", *member_id}})});
    }
    transaction.commit();
    return result_of(*row, !changed);
}

}  // namespace lianjian::attendance
