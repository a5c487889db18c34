#pragma once

#include "attendance/attendance.hpp"

#include "storage/session.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lianjian::storage {

// What attendance reads of an activity: its row, alliance, host and participating units.
std::optional<attendance::ActivityFacts> find_activity_facts(Session& session,
                                                             long long activity_id);
// The current member units of an alliance (for `own_alliance` reading).
std::vector<long long> current_alliance_unit_ids(Session& session, long long alliance_id);

// The roster of an activity: the host unit's members first, then by unit and member.
std::vector<attendance::AttendanceRow> attendance_rows(Session& session, long long activity_id);
std::optional<attendance::AttendanceRow> attendance_row(Session& session, long long activity_id,
                                                        long long member_id);

// A party member as the roster needs them.
struct RosterMember {
    long long id = 0;
    long long unit_id = 0;
    bool active = true;
};
std::vector<RosterMember> roster_members(Session& session, const std::vector<long long>& ids);

// Records a status: the member's one row for the activity is made or updated (one statement,
// so two writers at once still leave one row).
void upsert_attendance(Session& session, long long activity_id, long long member_id,
                       long long unit_id, attendance::AttendanceStatus status,
                       attendance::AttendanceMethod method, const std::string& now,
                       std::optional<long long> recorded_by_user_id);
// Marks a roster row present unless it already is; false when it already was (or is missing).
bool mark_present(Session& session, long long activity_id, long long member_id,
                  attendance::AttendanceMethod method, const std::string& now,
                  std::optional<long long> recorded_by_user_id);
// Adds an expected member (no status); false when the member already has a row.
bool add_to_roster(Session& session, long long activity_id, long long member_id, long long unit_id);
// Removes an expected member whose attendance is not recorded; false when there was no such row.
bool remove_from_roster(Session& session, long long activity_id, long long member_id);

// The roster's people with their phones still sealed, for matching a QR sign-in.
struct RosterPhone {
    long long member_id = 0;
    std::string name;
    std::string phone_sealed;
};
std::vector<RosterPhone> roster_phones(Session& session, long long activity_id);

// Refused QR sign-ins of an activity since `since` (a stored timestamp): each client and time.
struct SigninFailure {
    std::string client;
    std::string failed_at;
};
std::vector<SigninFailure> signin_failures(Session& session, long long activity_id,
                                           const std::string& since);
void insert_signin_failure(Session& session, long long activity_id, const std::string& client,
                           const std::string& now);

// The party member an account is (app_user.member_id), if any.
std::optional<long long> member_of_user(Session& session, long long user_id);

}  // namespace lianjian::storage

namespace lianjian::storage {

// The demo's attendance in one statement: every unrecorded row of the activity's roster becomes
// present, except one member in twelve on leave (请假) and one in twenty absent, chosen by member
// id so that a reload gives the same sheet; recorded by the host's user as `manual`. Returns the
// rows recorded. Only the demo calls this; the host records through AttendanceService.
long long record_demo_attendance(Session& session, long long activity_id, long long user_id,
                                 const std::string& now);

}  // namespace lianjian::storage
