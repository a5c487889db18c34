#pragma once

#include "accounts/caller.hpp"
#include "alliances/rotation.hpp"
#include "audit/audit_log.hpp"
#include "registry/registry.hpp"
#include "storage/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lianjian::alliances {

using registry::NamedRef;

enum class MemberRole { lead, member };

// What happened to an alliance, in its timeline.
enum class AllianceEventKind {
    founded,
    joined,
    left,
    lead_changed,
    rotation_reordered,
    updated,
    dissolved
};

struct AllianceMember {
    NamedRef unit;
    MemberRole role = MemberRole::member;
    std::string joined_on;
    std::optional<std::string> left_on;
    // The unit's people for alliance work (联络员制度), shown on the detail page.
    std::string first_responsible;
    std::string direct_responsible;
    std::string liaison;
};

struct Alliance {
    long long id = 0;
    std::string name;
    int batch = 1;
    NamedRef office_area;
    NamedRef lead_unit;
    RotationMode rotation_mode = RotationMode::per_activity;
    std::string founded_on;
    std::optional<std::string> dissolved_on;
    std::string note;
    std::vector<AllianceMember> members;  // the lead unit first
};

// One entry of an alliance's timeline.
struct AllianceEvent {
    long long id = 0;
    std::string occurred_on;
    AllianceEventKind kind = AllianceEventKind::updated;
    std::optional<NamedRef> unit;
    std::string reason;
    std::string actor;  // display name of who did it
};

// One unit's time as the alliance's lead unit: from the day it took the lead (founding or a
// lead change) until the day another took it (none while it still leads). Dates are local.
struct LeadPeriod {
    NamedRef unit;
    std::string from;
    std::optional<std::string> until;
};

// The lead periods as recorded, oldest first, from the timeline's `founded` event (its unit is
// the first lead) and each `lead_changed` event (its unit is the new lead). A pure function of
// the events, so the history never projects today's lead backwards (issue 9).
std::vector<LeadPeriod> lead_periods(const std::vector<AllianceEvent>& events);

struct AllianceDetail {
    Alliance alliance;                      // members as of the asked date
    std::vector<AllianceMember> history;    // every membership ever, joined_on order
    std::vector<LeadPeriod> lead_periods;   // who led when, oldest first
    std::vector<AllianceEvent> events;      // oldest first
    std::vector<long long> rotation_order;  // unit ids, current members only
};

struct AllianceDraft {
    std::string name;
    int batch = 1;
    long long office_area_id = 0;
    long long lead_unit_id = 0;
    std::vector<long long> member_unit_ids;  // the lead unit included or not: it is added
    RotationMode rotation_mode = RotationMode::per_activity;
    std::string founded_on;
    std::string note;
};

struct AllianceChanges {
    std::optional<std::string> name;
    std::optional<int> batch;
    std::optional<long long> office_area_id;
    std::optional<RotationMode> rotation_mode;
    std::optional<std::string> note;
};

struct RotationPlan {
    RotationMode mode = RotationMode::per_activity;
    int year = 0;
    std::vector<Turn> turns;
    std::vector<AllianceEvent>
        membership_changes;  // this year's joins and leaves, so re-dealing is visible
    std::vector<long long> order;
    std::vector<NamedRef> units;  // every unit ever a member, to name the ids above
};

// A page of alliances and how many there are in all.
struct AlliancePage {
    std::vector<Alliance> items;
    long long total = 0;
};

const char* member_role_name(MemberRole role);

// The alliance as the permission table's target (accounts::Target::alliance): its lead unit and
// the member units in `alliance.members` (those of the date it was read for). The one way every
// area asks "may this caller act within this alliance".
accounts::Target permission_target(const Alliance& alliance);

// Alliances, their members over time, their lead unit and their rotation. Every change is
// audited and entered in the alliance's timeline, in the same transaction.
class AllianceService {
  public:
    AllianceService(storage::Database& database, audit::AuditLog& audit)
        : database_(database), audit_(audit) {}

    // Active alliances with the memberships open on `on_date` ("YYYY-MM-DD").
    std::vector<Alliance> list(const std::string& on_date);
    // The same, one page (from 1) of `page_size`, in (batch, id) order.
    AlliancePage list(const std::string& on_date, int page, int page_size);
    AllianceDetail detail(long long alliance_id, const std::string& on_date);

    Alliance create(const accounts::Caller& caller, const AllianceDraft& draft);
    Alliance update(const accounts::Caller& caller, long long alliance_id,
                    const AllianceChanges& changes);
    Alliance change_lead(const accounts::Caller& caller, long long alliance_id, long long unit_id,
                         const std::string& reason);
    Alliance add_member(const accounts::Caller& caller, long long alliance_id, long long unit_id,
                        const std::string& joined_on, const std::string& reason);
    Alliance remove_member(const accounts::Caller& caller, long long alliance_id, long long unit_id,
                           const std::string& left_on, const std::string& reason);
    void dissolve(const accounts::Caller& caller, long long alliance_id,
                  const std::string& dissolved_on, const std::string& reason);
    // The committee, or the lead unit's admin, sets the hosting order (all current members).
    std::vector<long long> reorder_rotation(const accounts::Caller& caller, long long alliance_id,
                                            const std::vector<long long>& unit_ids);
    RotationPlan rotation(long long alliance_id, int year);

    // For the application workflow, inside its transaction: the same membership rules.
    void join_in(storage::Transaction& transaction, const accounts::Caller& caller,
                 long long alliance_id, long long unit_id, const std::string& joined_on,
                 const std::string& reason);
    void leave_in(storage::Transaction& transaction, const accounts::Caller& caller,
                  long long alliance_id, long long unit_id, const std::string& left_on,
                  const std::string& reason);
    long long create_in(storage::Transaction& transaction, const accounts::Caller& caller,
                        const AllianceDraft& draft);

  private:
    Alliance current(storage::Transaction& transaction, long long alliance_id);
    void freeze_rotation(storage::Transaction& transaction, long long alliance_id,
                         const std::string& change_date);

    storage::Database& database_;
    audit::AuditLog& audit_;
};

}  // namespace lianjian::alliances

namespace lianjian {

template <>
struct EnumText<alliances::MemberRole> {
    using R = alliances::MemberRole;
    static constexpr EnumName<R> names[] = {{R::lead, "lead", "牵头单位"},
                                            {R::member, "member", "成员单位"}};
};

template <>
struct EnumText<alliances::AllianceEventKind> {
    using K = alliances::AllianceEventKind;
    static constexpr EnumName<K> names[] = {
        {K::founded, "founded", "成立"},
        {K::joined, "joined", "加入"},
        {K::left, "left", "退出"},
        {K::lead_changed, "lead_changed", "更换牵头单位"},
        {K::rotation_reordered, "rotation_reordered", "调整轮值顺序"},
        {K::updated, "updated", "修改信息"},
        {K::dissolved, "dissolved", "解散"}};
};

}  // namespace lianjian
