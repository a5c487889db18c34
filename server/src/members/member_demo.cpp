// Demo party members for `--demo`: invented people with obviously fake numbers.
#include "members/member_service.hpp"

#include "core/clock.hpp"
#include "storage/member_repository.hpp"

#include <cstdio>

namespace lianjian::members {

namespace {

struct DemoPerson {
    const char* name;
    const char* gender;
    const char* post;
    const char* joined_on;
    const char* status;
};

// Three people per unit; the unit's short name is added to each name so names differ by unit.
constexpr DemoPerson people[] = {
    {"张", "male", "党支部书记", "2005-07-01", "formal"},
    {"李", "female", "组织委员", "2012-06-18", "formal"},
    {"王", "male", "科员", "2025-11-20", "probationary"},
};

// 1380000UUPP: unit and person numbers in the last four digits, so every demo number is one
// nobody holds in the 13800000000 block used for examples.
std::string demo_phone(std::size_t unit, std::size_t person) {
    auto two_digits = [](std::size_t n) {
        return std::string(n < 10 ? "0" : "") + std::to_string(n % 100);
    };
    return "1380000" + two_digits(unit + 1) + two_digits(person + 1);
}

}  // namespace

void MemberService::load_demo_members() {
    const std::string now = now_timestamp();
    storage::Transaction transaction(database_);
    auto& session = transaction.session();
    if (storage::count_demo_members(session) > 0) {
        return;
    }
    const auto units = storage::demo_member_units(session);
    if (units.empty()) {
        return;  // no demo registry: nothing to attach members to, nothing to record
    }
    std::size_t created = 0;
    for (std::size_t unit = 0; unit < units.size(); ++unit) {
        for (std::size_t person = 0; person < std::size(people); ++person) {
            const auto& who = people[person];
            ValidMember valid{std::string(who.name) + units[unit].name + "（演示）",
                              who.gender,
                              units[unit],
                              who.post,
                              demo_phone(unit, person),
                              who.joined_on,
                              who.status};
            storage::insert_member(session, sealed(valid, 0, now), true);
            ++created;
        }
    }
    // Built step by step: GCC 12 at -O2 mistakes the nested braced temporary for uninitialised.
    audit::AuditEntry entry;
    entry.actor.username = "system";
    entry.action = "demo.members";
    entry.object_type = "demo";
    entry.object_id = "first_batch";
    entry.detail = std::to_string(created) + " demo members";
    audit_.record(transaction, entry);
    transaction.commit();
}

}  // namespace lianjian::members
