#include "core/clock.hpp"

#include "core/error.hpp"

#include <cstdio>
#include <ctime>

namespace lianjian {

std::string format_timestamp(TimePoint time) {
    const auto since_epoch = time.time_since_epoch();
    const auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
    const auto milliseconds =
        std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds).count();
    const std::time_t as_time_t = seconds.count();
    std::tm parts{};
    gmtime_r(&as_time_t, &parts);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                  parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour,
                  parts.tm_min, parts.tm_sec, static_cast<int>(milliseconds));
    return buffer;
}

TimePoint parse_timestamp(const std::string& text, const std::string& field) {
    std::tm parts{};
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millisecond = 0;
    int consumed = 0;
    bool ok = false;
    if (text.size() == 10) {
        ok = std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &year, &month, &day, &consumed) == 3;
    } else if (text.size() >= 19) {
        ok = std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day, &hour,
                         &minute, &second, &consumed) == 6;
        if (ok && consumed < static_cast<int>(text.size()) && text[consumed] == '.') {
            int more = 0;
            ok = std::sscanf(text.c_str() + consumed, ".%3d%n", &millisecond, &more) == 1;
            consumed += more;
        }
        if (ok && consumed < static_cast<int>(text.size()) && text[consumed] == 'Z') {
            ++consumed;
        }
    }
    ok = ok && consumed == static_cast<int>(text.size()) && month >= 1 && month <= 12 && day >= 1 &&
         day <= 31 && hour < 24 && minute < 60 && second < 61;
    if (!ok) {
        throw field_error(
            field,
            "“" + field + "”不是有效的日期时间（格式如 2026-05-01 或 2026-05-01T08:00:00Z）");
    }
    parts.tm_year = year - 1900;
    parts.tm_mon = month - 1;
    parts.tm_mday = day;
    parts.tm_hour = hour;
    parts.tm_min = minute;
    parts.tm_sec = second;
    return Clock::from_time_t(timegm(&parts)) + std::chrono::milliseconds(millisecond);
}

std::string today_date() {
    return format_timestamp(Clock::now()).substr(0, 10);
}

}  // namespace lianjian
