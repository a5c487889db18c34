#include "accounts/member_link.hpp"

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "storage/attendance_repository.hpp"
#include "storage/member_link_repository.hpp"
#include "storage/member_repository.hpp"
#include "storage/user_repository.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

namespace lianjian::accounts {

std::optional<NamedRef> link_member(storage::Database& database, audit::AuditLog& audit,
                                    const Caller& caller, long long user_id,
                                    std::optional<long long> member_id) {
    storage::Transaction transaction(database);
    auto& session = transaction.session();
    const auto user = storage::find_user(session, user_id);
    if (!user) {
        throw AppError(ErrorCode::not_found, "账号不存在");
    }
    std::optional<NamedRef> linked;
    if (member_id) {
        if (std::find(user->roles.begin(), user->roles.end(), Role::member) == user->roles.end()) {
            throw field_error("member_id", "只有党员账号可以关联党员");
        }
        const auto member = storage::find_member(session, *member_id);
        if (!member) {
            throw AppError(ErrorCode::not_found, "党员不存在");
        }
        if (!member->member.active) {
            throw field_error("member_id", "该党员已不在册，不能关联");
        }
        if (!user->unit_id || member->member.unit.id != *user->unit_id) {
            throw field_error("member_id", "只能关联账号所在单位的党员");
        }
        const auto holder = storage::account_linked_to_member(session, *member_id);
        if (holder && *holder != user_id) {
            throw AppError(ErrorCode::conflict, "该党员已关联其他账号",
                           {{"reason", "member_linked"}, {"user_id", *holder}});
        }
        linked = NamedRef{member->member.id, member->member.name};
    }
    storage::set_account_member(session, user_id, member_id, now_timestamp());
    boost::json::object detail{{"username", user->username}};
    detail["member_id"] = member_id ? boost::json::value(*member_id) : boost::json::value(nullptr);
    audit.record(transaction, {caller.actor, "user.member_link", "user", std::to_string(user_id),
                               audit::Outcome::success, boost::json::serialize(detail)});
    transaction.commit();
    return linked;
}

MemberLinkOptions member_link_options(storage::Database& database, long long user_id,
                                      const std::string& search) {
    storage::Connection connection(database);
    auto& session = connection.session();
    const auto user = storage::find_user(session, user_id);
    if (!user) {
        throw AppError(ErrorCode::not_found, "账号不存在");
    }
    MemberLinkOptions options;
    if (!user->unit_id) {
        return options;
    }
    const auto wanted = text::normalised_or_throw(search, "q");
    for (auto& member : storage::unit_member_names(session, *user->unit_id)) {
        if (options.candidates.size() < 50 &&
            (wanted.empty() || member.name.find(wanted) != std::string::npos)) {
            options.candidates.push_back(member);
        }
    }
    if (const auto linked = storage::member_of_user(session, user_id)) {
        if (const auto member = storage::find_member(session, *linked)) {
            options.linked = NamedRef{member->member.id, member->member.name};
        }
    }
    return options;
}

}  // namespace lianjian::accounts
