#pragma once

#include "accounts/caller.hpp"
#include "attendance/attendance.hpp"
#include "audit/audit_log.hpp"
#include "crypto/field_cipher.hpp"
#include "storage/database.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lianjian::attendance {

// The QR code the host shows on site.
struct SigninCode {
    std::string token;
    std::string url;  // "/signin/<token>"
    std::string valid_from;
    std::string valid_until;
    bool open = false;
    std::string svg;  // the QR code of `url` (with the origin given, when one is)
};

// What the public sign-in page shows before the member signs in.
struct SigninPage {
    ActivityFacts activity;
    bool open = false;
    std::string valid_from;
    std::string valid_until;
};

struct SigninResult {
    NamedRef member;
    NamedRef unit;
    AttendanceStatus status = AttendanceStatus::present;
    bool already = false;  // the member was already present: nothing changed
};

struct RosterChange {
    std::vector<long long> add_member_ids;
    std::vector<long long> remove_member_ids;
};

// Attendance at activities (docs/activities.md "Attendance"). The host unit's administrator
// keeps the roster and records; a member signs in on the QR page with their name and the last
// four digits of their phone, or with one tap when signed in.
class AttendanceService {
  public:
    AttendanceService(storage::Database& database, audit::AuditLog& audit,
                      const crypto::FieldCipher& cipher, const crypto::Key& signin_key)
        : database_(database), audit_(audit), cipher_(cipher), signin_key_(signin_key) {}

    // Anyone who may read the activity (activities_read for its alliance).
    AttendanceSheet sheet(const accounts::Caller& caller, long long activity_id);
    // The host unit's administrator records a status; a member of a participating unit who is
    // not on the roster is added. Repeating it changes nothing but the status.
    AttendanceRow record(const accounts::Caller& caller, long long activity_id, long long member_id,
                         AttendanceStatus status);
    AttendanceSheet change_roster(const accounts::Caller& caller, long long activity_id,
                                  const RosterChange& change);
    // The host unit's administrator's QR code; `origin` ("https://host") is put before the URL
    // in the code when given, so that a phone's camera opens it.
    SigninCode signin_code(const accounts::Caller& caller, long long activity_id,
                           const std::string& origin = "");

    // Public: a forged or garbled token is a 404.
    SigninPage signin_page(std::string_view token);
    // Public: the member of the roster with this name and these last four phone digits signs in.
    // `actor.source_ip` is the client the refusals are counted for.
    SigninResult sign_in(const audit::Actor& actor, std::string_view token, const std::string& name,
                         const std::string& phone_last4);
    // A signed-in account whose party member is on the roster signs in with one tap.
    SigninResult tap(const accounts::Caller& caller, long long activity_id);

  private:
    storage::Database& database_;
    audit::AuditLog& audit_;
    const crypto::FieldCipher& cipher_;
    crypto::Key signin_key_;
};

}  // namespace lianjian::attendance
