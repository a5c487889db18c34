#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace lianjian {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;

// Timestamps are stored and sent as fixed-width UTC ISO 8601 text with milliseconds
// ("2026-11-27T08:00:00.000Z"), so that text order is time order on both databases.
std::string format_timestamp(TimePoint time);
// Accepts the stored form, seconds without fraction, and a bare date ("2026-11-27"), which is
// the local midnight starting that day in the deployment's time zone (see ProgrammeClock).
// Throws AppError(validation_failed) naming `field` on anything else, impossible dates included.
TimePoint parse_timestamp(const std::string& text, const std::string& field);

// A clock the services read, replaceable in tests that need time to pass.
class TimeSource {
  public:
    virtual ~TimeSource() = default;
    virtual TimePoint now() const { return Clock::now(); }
};

// The programme's one clock: the current instant, and the calendar of the deployment's time
// zone (default Asia/Shanghai). Every "today", every default year or quarter and every bare date
// in a query is a local date of this zone; instants stay UTC. The zone's rules (and their
// history) come from ICU's time-zone data, not from a fixed offset.
namespace programme_clock {

inline constexpr std::string_view default_time_zone = "Asia/Shanghai";

// Sets the deployment's time zone by its IANA name; throws std::invalid_argument (with a
// Chinese message) for a name ICU does not know.
void set_time_zone(const std::string& name);
std::string time_zone();

// Replaces the source of "now" (tests set it to day, quarter and year boundaries); nullptr
// restores the system clock. The source must outlive its use.
void set_time_source(const TimeSource* source);

TimePoint now();
// The local date of `instant`, "YYYY-MM-DD".
std::string local_date(TimePoint instant);
// Today's local date.
std::string today();
int current_year();
int current_quarter();  // 1 … 4
// The instant at which the local day `date` ("YYYY-MM-DD") starts.
TimePoint start_of_local_day(std::string_view date);
// `instant` as local date and time for people to read: "2026-11-30 08:00".
std::string local_date_time(TimePoint instant);
// The same for a stored timestamp text; the text itself when it is not one.
std::string local_date_time(const std::string& stored_timestamp);

}  // namespace programme_clock

// Today's local date (programme_clock::today()).
std::string today_date();

// The current instant of the programme's clock in the stored form (format_timestamp of
// programme_clock::now()): what every `created_at`, `updated_at` and audit time is written with,
// so that tests moving the clock move every record's time too.
std::string now_timestamp();

}  // namespace lianjian
