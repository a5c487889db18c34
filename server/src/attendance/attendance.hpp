#pragma once

#include "activities/codes.hpp"
#include "activities/facts.hpp"
#include "core/clock.hpp"
#include "core/named_ref.hpp"
#include "crypto/field_cipher.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The attendance of party members at activities (docs/activities.md "Attendance"): the roster,
// the rates, the QR sign-in token and its window, the limit on refused sign-ins, and matching a
// name and the last four phone digits against the roster. Everything here is pure; the service
// (attendance_service.hpp) loads, decides with these, writes and audits.
namespace lianjian::attendance {

using activities::ActivityState;
using activities::AttendanceMethod;
using activities::AttendanceStatus;

using activities::ActivityFacts;

// One roster row: an expected member, and what was recorded of them (nothing yet: no status).
struct AttendanceRow {
    NamedRef member;
    NamedRef unit;
    std::optional<AttendanceStatus> status;
    std::optional<AttendanceMethod> method;
    std::optional<std::string> recorded_at;
    std::optional<NamedRef> recorded_by;
};

// The counts of a set of roster rows. `rate` is present ÷ (expected − leave), 0..1, and nothing
// when nobody is expected (or everybody expected is on leave).
struct Counts {
    long long expected = 0;
    long long present = 0;
    long long leave = 0;
    long long absent = 0;
    long long unrecorded = 0;
    std::optional<double> rate;
};

struct UnitCounts {
    NamedRef unit;
    Counts counts;
};

// An activity's attendance: the rows, the counts per unit (in the order the rows first name
// each unit) and in total.
struct AttendanceSheet {
    std::vector<AttendanceRow> items;
    std::vector<UnitCounts> units;
    Counts total;
};

std::optional<double> attendance_rate(long long present, long long expected, long long leave);
Counts count_rows(const std::vector<const AttendanceRow*>& rows);
AttendanceSheet summarise(std::vector<AttendanceRow> rows);

// Whether attendance may still be recorded: not once the ledger is submitted, archived or the
// activity is cancelled.
bool attendance_open(ActivityState state);

// The sign-in window: from 1 h before the start to 2 h after the end.
struct SigninWindow {
    TimePoint valid_from;
    TimePoint valid_until;
    bool contains(TimePoint instant) const {
        return instant >= valid_from && instant < valid_until;
    }
};
SigninWindow signin_window(TimePoint starts_at, TimePoint ends_at);

// The token of an activity's QR code: "<activity id>.<valid_until unix seconds>.<MAC>", the
// MAC libsodium's crypto_auth (HMAC-SHA-512-256) of "<activity id>.<valid_until>" under the
// sign-in key, base64url without padding. Not guessable, not forgeable without the key.
std::string make_token(const crypto::Key& key, long long activity_id, long long valid_until_unix);
struct TokenClaim {
    long long activity_id = 0;
    long long valid_until_unix = 0;
};
// The claim of a token this key signed; nothing for anything else (forged, garbled, truncated).
std::optional<TokenClaim> read_token(const crypto::Key& key, std::string_view token);

// The limit on refused sign-ins: per activity, 5 in 10 minutes from one client and 30 from all.
struct SigninLimits {
    std::size_t per_client = 5;
    std::size_t per_activity = 30;
    std::chrono::seconds window = std::chrono::minutes(10);
};
// Given the times of the activity's refused sign-ins within the window before `now` (from this
// client, and from all clients), how long the client must wait before trying again; nothing
// when it may try now. The wait ends when enough of the counted failures leave the window.
std::optional<std::chrono::seconds> signin_retry_after(std::vector<TimePoint> client_failures,
                                                       std::vector<TimePoint> activity_failures,
                                                       TimePoint now,
                                                       const SigninLimits& limits = {});

// A roster member as the sign-in compares them: the name as registered and the full phone.
struct RosterPerson {
    long long member_id = 0;
    std::string name;
    std::string phone;
};
// A name as compared: normalised as names are (NFC, trimmed) with inner spaces removed; empty
// when the text is not an acceptable name.
std::string comparable_name(std::string_view name);
// Whether `digits` are four ASCII digits.
bool is_last4(std::string_view digits);
// The roster member whose name and last four phone digits are these; nothing when none is (or
// the input is malformed). The caller passes the roster's people with their phones unsealed.
std::optional<long long> match_roster(const std::vector<RosterPerson>& roster,
                                      std::string_view name, std::string_view last4);

// The QR code of `text` as SVG markup (black modules on white, a 4-module quiet zone),
// drawn from libqrencode's module matrix; error correction level M.
std::string qr_svg(const std::string& text);

}  // namespace lianjian::attendance
