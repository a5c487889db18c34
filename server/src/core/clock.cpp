#include "core/clock.hpp"

#include "core/error.hpp"
#include "core/text.hpp"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <atomic>
#include <cstdio>
#include <ctime>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace lianjian {

namespace {

std::mutex zone_mutex;
std::shared_ptr<const icu::TimeZone> current_zone;
std::string current_zone_name;
std::atomic<const TimeSource*> time_source{nullptr};

std::shared_ptr<const icu::TimeZone> make_zone(const std::string& name) {
    std::unique_ptr<icu::TimeZone> zone(
        icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(name)));
    icu::UnicodeString id;
    zone->getID(id);
    if (id == icu::UnicodeString(UCAL_UNKNOWN_ZONE_ID) || name.empty()) {
        throw std::invalid_argument("未知的时区“" + name +
                                    "”（应为 IANA 时区名，如 Asia/Shanghai）");
    }
    return std::shared_ptr<const icu::TimeZone>(std::move(zone));
}

std::shared_ptr<const icu::TimeZone> zone() {
    std::lock_guard lock(zone_mutex);
    if (!current_zone) {
        current_zone = make_zone(std::string(programme_clock::default_time_zone));
        current_zone_name = programme_clock::default_time_zone;
    }
    return current_zone;
}

// The zone's offset from UTC at `instant_ms` (a UTC instant, or a local wall time when `local`).
std::chrono::milliseconds offset_at(double instant_ms, bool local) {
    std::int32_t raw = 0;
    std::int32_t daylight = 0;
    UErrorCode status = U_ZERO_ERROR;
    zone()->getOffset(instant_ms, local ? 1 : 0, raw, daylight, status);
    if (U_FAILURE(status)) {
        throw std::runtime_error("time zone offset failed");
    }
    return std::chrono::milliseconds(raw + daylight);
}

std::chrono::year_month_day civil_date(std::string_view date) {
    const auto number = [&](std::size_t start, std::size_t length) {
        int value = 0;
        for (std::size_t i = start; i < start + length; ++i) {
            value = value * 10 + (date[i] - '0');
        }
        return value;
    };
    return {std::chrono::year(number(0, 4)),
            std::chrono::month(static_cast<unsigned>(number(5, 2))),
            std::chrono::day(static_cast<unsigned>(number(8, 2)))};
}

std::string format_civil(TimePoint local_wall, bool with_time) {
    const auto days = std::chrono::floor<std::chrono::days>(local_wall);
    const std::chrono::year_month_day date{days};
    const std::chrono::hh_mm_ss time{std::chrono::floor<std::chrono::minutes>(local_wall - days)};
    char buffer[32];
    if (with_time) {
        std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u %02d:%02d",
                      static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                      static_cast<unsigned>(date.day()), static_cast<int>(time.hours().count()),
                      static_cast<int>(time.minutes().count()));
    } else {
        std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                      static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    }
    return buffer;
}

TimePoint local_wall_time(TimePoint instant) {
    const double ms = static_cast<double>(
        std::chrono::duration_cast<std::chrono::milliseconds>(instant.time_since_epoch()).count());
    return instant + offset_at(ms, false);
}

}  // namespace

namespace programme_clock {

void set_time_zone(const std::string& name) {
    auto made = make_zone(name);
    std::lock_guard lock(zone_mutex);
    current_zone = std::move(made);
    current_zone_name = name;
}

std::string time_zone() {
    zone();
    std::lock_guard lock(zone_mutex);
    return current_zone_name;
}

void set_time_source(const TimeSource* source) {
    time_source.store(source);
}

TimePoint now() {
    const auto* source = time_source.load();
    return source ? source->now() : Clock::now();
}

std::string local_date(TimePoint instant) {
    return format_civil(local_wall_time(instant), false);
}

std::string today() {
    return local_date(now());
}

int current_year() {
    return std::stoi(today().substr(0, 4));
}

int current_quarter() {
    return (std::stoi(today().substr(5, 2)) - 1) / 3 + 1;
}

TimePoint start_of_local_day(std::string_view date) {
    const TimePoint wall{std::chrono::sys_days(civil_date(date))};
    const double wall_ms = static_cast<double>(
        std::chrono::duration_cast<std::chrono::milliseconds>(wall.time_since_epoch()).count());
    return wall - offset_at(wall_ms, true);
}

std::string local_date_time(TimePoint instant) {
    return format_civil(local_wall_time(instant), true);
}

std::string local_date_time(const std::string& stored_timestamp) {
    try {
        return local_date_time(parse_timestamp(stored_timestamp, "timestamp"));
    } catch (const AppError&) {
        return stored_timestamp;
    }
}

}  // namespace programme_clock

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
    const auto refuse = [&]() {
        return field_error(
            field,
            "“" + field + "”不是有效的日期时间（格式如 2026-05-01 或 2026-05-01T08:00:00Z）");
    };
    if (text.size() == 10) {
        if (!text::is_calendar_date(text)) {
            throw refuse();
        }
        return programme_clock::start_of_local_day(text);
    }
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millisecond = 0;
    int consumed = 0;
    bool ok = false;
    if (text.size() >= 19) {
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
    ok = ok && consumed == static_cast<int>(text.size()) &&
         text::is_calendar_date(text.substr(0, 10)) && hour >= 0 && hour < 24 && minute >= 0 &&
         minute < 60 && second >= 0 && second < 60 && millisecond >= 0;
    if (!ok) {
        throw refuse();
    }
    const auto days = std::chrono::sys_days(civil_date(text.substr(0, 10)));
    return TimePoint(days) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
           std::chrono::seconds(second) + std::chrono::milliseconds(millisecond);
}

std::string today_date() {
    return programme_clock::today();
}

std::string now_timestamp() {
    return format_timestamp(programme_clock::now());
}

}  // namespace lianjian
