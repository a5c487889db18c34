// Party members: reading, creating, editing, deactivating and unmasking one at a time.
#include "members/member_service.hpp"

#include "core/changes.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "members/member_rules.hpp"
#include "members/scope.hpp"
#include "members/unit_lookup.hpp"
#include "storage/sort_key_repository.hpp"

namespace lianjian::members {

namespace {

storage::StoredMember require_member(storage::Session& session, long long id) {
    auto found = storage::find_member(session, id);
    if (!found) {
        throw AppError(ErrorCode::not_found, "党员不存在");
    }
    return std::move(*found);
}

// Field checks first (422 naming the first field), then the unit, which needs the database.
ValidMember validate(storage::Session& session, const MemberDraft& draft) {
    ValidMember valid;
    const auto problems = check_member_fields(draft, valid);
    if (!problems.empty()) {
        throw field_error(problems.front().field, problems.front().message);
    }
    UnitLookup units(session);
    if (auto problem = units.resolve(draft, valid.unit)) {
        throw field_error(problem->field, problem->message);
    }
    return valid;
}

void require_phone_free(storage::Session& session, long long unit_id, const std::string& phone_hash,
                        std::optional<long long> except_id = std::nullopt) {
    if (storage::member_phone_taken(session, unit_id, phone_hash, except_id)) {
        throw AppError(ErrorCode::conflict, "该单位已有使用此手机号码的党员", {{"field", "phone"}});
    }
}

std::string unit_detail(long long unit_id) {
    return "unit_id=" + std::to_string(unit_id);
}

}  // namespace

Member MemberService::shown(const storage::StoredMember& stored) const {
    Member member = stored.member;
    member.phone = crypto::mask_phone(cipher_.open(stored.phone_sealed));
    return member;
}

storage::StoredMember MemberService::sealed(const ValidMember& valid, long long id,
                                            const std::string& now) const {
    storage::StoredMember stored;
    auto& member = stored.member;
    member.id = id;
    member.name = valid.name;
    member.gender = valid.gender;
    member.unit = valid.unit;
    member.post = valid.post;
    member.joined_on = valid.joined_on;
    member.status = valid.status;
    member.created_at = now;
    member.updated_at = now;
    stored.phone_sealed = cipher_.seal(valid.phone);
    stored.phone_hash = cipher_.search_hash(valid.phone);
    return stored;
}

MemberPage MemberService::list(const MemberAccess& access, MemberFilter filter) {
    const auto query = storage_query(access.read, filter, cipher_);
    storage::Connection connection(database_);
    const auto page = storage::list_members(connection.session(), query);
    MemberPage result;
    result.total = page.total;
    for (const auto& stored : page.items) {
        result.items.push_back(shown(stored));
    }
    return result;
}

Member MemberService::member(const MemberAccess& access, long long id) {
    storage::Connection connection(database_);
    const auto stored = require_member(connection.session(), id);
    require_reach(access.read, stored.member.unit.id);
    return shown(stored);
}

Member MemberService::create(const MemberAccess& access, const audit::Actor& actor,
                             const MemberDraft& draft) {
    const std::string now = now_timestamp();
    storage::Transaction transaction(database_);
    auto& session = transaction.session();
    const auto valid = validate(session, draft);
    require_reach(access.manage, valid.unit.id);
    auto stored = sealed(valid, 0, now);
    require_phone_free(session, valid.unit.id, stored.phone_hash);
    stored.member.id = storage::insert_member(session, stored, false);
    storage::set_name_sort_key(session, storage::SortedTable::member, stored.member.id,
                               stored.member.name);
    audit_.record(transaction, {actor, "member.create", "member", std::to_string(stored.member.id),
                                audit::Outcome::success, unit_detail(valid.unit.id)});
    transaction.commit();
    return shown(stored);
}

Member MemberService::update(const MemberAccess& access, const audit::Actor& actor, long long id,
                             const MemberDraft& draft) {
    const std::string now = now_timestamp();
    storage::Transaction transaction(database_);
    auto& session = transaction.session();
    const auto existing = require_member(session, id);
    // Both the unit the member leaves and the one it joins must be within reach.
    require_reach(access.manage, existing.member.unit.id);
    MemberDraft effective = draft;
    if (effective.phone.empty()) {
        effective.phone = cipher_.open(existing.phone_sealed);
    }
    const auto valid = validate(session, effective);
    require_reach(access.manage, valid.unit.id);
    auto stored = sealed(valid, id, now);
    stored.member.active = existing.member.active;
    stored.member.created_at = existing.member.created_at;
    if (stored.member.active) {
        require_phone_free(session, valid.unit.id, stored.phone_hash, id);
    }
    storage::update_member(session, stored);
    storage::set_name_sort_key(session, storage::SortedTable::member, id, stored.member.name);
    // A member's own data is personal: the record names the changed fields, with values only
    // for the unit (an organisation, not a person).
    ChangeSet changed;
    changed.compare("unit_id", existing.member.unit.id, valid.unit.id);
    changed.compare_personal("name", existing.member.name != stored.member.name);
    changed.compare_personal("gender", existing.member.gender != stored.member.gender);
    changed.compare_personal("post", existing.member.post != stored.member.post);
    changed.compare_personal("phone", existing.phone_hash != stored.phone_hash);
    changed.compare_personal("joined_on", existing.member.joined_on != stored.member.joined_on);
    changed.compare_personal("status", existing.member.status != stored.member.status);
    audit_.record(transaction, {actor, "member.update", "member", std::to_string(id),
                                audit::Outcome::success, changed.json()});
    transaction.commit();
    return shown(stored);
}

Member MemberService::deactivate(const MemberAccess& access, const audit::Actor& actor,
                                 long long id) {
    const std::string now = now_timestamp();
    storage::Transaction transaction(database_);
    auto stored = require_member(transaction.session(), id);
    require_reach(access.manage, stored.member.unit.id);
    if (stored.member.active) {
        stored.member.active = false;
        stored.member.updated_at = now;
        storage::update_member(transaction.session(), stored);
        audit_.record(transaction, {actor, "member.deactivate", "member", std::to_string(id),
                                    audit::Outcome::success, unit_detail(stored.member.unit.id)});
    }
    transaction.commit();
    return shown(stored);
}

std::string MemberService::unmask(const MemberAccess& access, const audit::Actor& actor,
                                  long long id) {
    storage::Transaction transaction(database_);
    const auto stored = require_member(transaction.session(), id);
    require_reach(access.unmask, stored.member.unit.id);
    std::string phone = cipher_.open(stored.phone_sealed);
    // The record says whose number was seen, never the number.
    audit_.record(transaction, {actor, "member.unmask", "member", std::to_string(id),
                                audit::Outcome::success, unit_detail(stored.member.unit.id)});
    transaction.commit();
    return phone;
}

}  // namespace lianjian::members
