#pragma once

#include "members/member.hpp"

#include "storage/session.hpp"

#include <soci/soci.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace lianjian::storage {

// A member row as stored: the phone number only sealed and hashed. `member.phone` is left empty
// here; the service opens the sealed number and masks it.
struct StoredMember {
    members::Member member;
    std::string phone_sealed;
    std::string phone_hash;
};

// What the member list filters on at the storage level: the phone only by its keyed hash.
struct MemberQuery {
    std::string search;
    std::optional<long long> unit_id;
    std::optional<std::string> status;
    std::optional<std::string> phone_hash;
    std::optional<bool> active;
    members::MemberSort sort = members::MemberSort::unit;
    // A page of rows, or every row (an export) when absent.
    std::optional<int> page;
    int page_size = 20;
};

struct StoredMemberPage {
    std::vector<StoredMember> items;
    long long total = 0;
};

// A unit as membership sees it: whether new members may join it.
struct MemberUnit {
    long long id = 0;
    std::string name;
    bool active = true;
};

std::optional<MemberUnit> find_member_unit(Session& session, long long unit_id);
// Every unit of that exact name (names repeat only across parents, in a city of districts).
std::vector<MemberUnit> find_member_units_by_name(Session& session, const std::string& name);

std::optional<StoredMember> find_member(Session& session, long long id);
StoredMemberPage list_members(Session& session, const MemberQuery& query);
// Whether an active member of the unit has this phone hash, other than `except_id`.
bool member_phone_taken(Session& session, long long unit_id, const std::string& phone_hash,
                        std::optional<long long> except_id = std::nullopt);
// The phone hashes of the unit's active members, for checking an import in one query per unit.
std::set<std::string> member_phone_hashes(Session& session, long long unit_id);
long long count_demo_members(Session& session);
// The active demo units, in id order, that demo members are attached to (by short name).
std::vector<members::UnitRef> demo_member_units(Session& session);

long long insert_member(Session& session, const StoredMember& stored, bool is_demo);
// Inserts many members with one statement executed row after row (a generator's bulk load).
void insert_members(Session& session, const std::vector<StoredMember>& rows, bool is_demo);
// Writes every mutable field of `stored` (found by id) and its `updated_at`.
void update_member(Session& session, const StoredMember& stored);

}  // namespace lianjian::storage
