#pragma once

#include <chrono>
#include <string>

namespace lianjian {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;

// Timestamps are stored and sent as fixed-width UTC ISO 8601 text with milliseconds
// ("2026-11-27T08:00:00.000Z"), so that text order is time order on both databases.
std::string format_timestamp(TimePoint time);
// Accepts the stored form and also a bare date ("2026-11-27") or seconds without fraction.
// Throws AppError(validation_failed) naming `field` on anything else.
TimePoint parse_timestamp(const std::string& text, const std::string& field);
std::string today_date();

// A clock the services read, replaceable in tests that need time to pass.
class TimeSource {
  public:
    virtual ~TimeSource() = default;
    virtual TimePoint now() const { return Clock::now(); }
};

}  // namespace lianjian
