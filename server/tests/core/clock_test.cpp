// Specification: the programme's one clock gives "today", the year and the quarter as local
// dates of the deployment's time zone (default Asia/Shanghai), and reads a bare date as the
// local midnight starting it; the zone's rules come from ICU, daylight saving included.
#include "core/clock.hpp"
#include "core/error.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>

namespace lianjian {
namespace {

class FixedTime : public TimeSource {
  public:
    explicit FixedTime(const std::string& instant) : at_(parse_timestamp(instant, "t")) {}
    TimePoint now() const override { return at_; }

  private:
    TimePoint at_;
};

// Sets the clock and the zone for one test and restores both after it.
class ProgrammeClock : public ::testing::Test {
  protected:
    void TearDown() override {
        programme_clock::set_time_source(nullptr);
        programme_clock::set_time_zone(std::string(programme_clock::default_time_zone));
    }
    void at(const std::string& utc_instant) {
        time_ = std::make_unique<FixedTime>(utc_instant);
        programme_clock::set_time_source(time_.get());
    }

  private:
    std::unique_ptr<FixedTime> time_;
};

TEST_F(ProgrammeClock, TodayIsTheBeijingDateAt0130) {
    // Given 17:30 UTC on 29 November, which is 01:30 on 30 November in Beijing,
    at("2026-11-29T17:30:00Z");
    // then today is 30 November.
    EXPECT_EQ(programme_clock::today(), "2026-11-30");
    EXPECT_EQ(today_date(), "2026-11-30");
}

TEST_F(ProgrammeClock, YearAndQuarterTurnAtLocalMidnight) {
    // Given 01:00 on 1 January 2027 in Beijing (17:00 UTC on 31 December),
    at("2026-12-31T17:00:00Z");
    EXPECT_EQ(programme_clock::current_year(), 2027);
    EXPECT_EQ(programme_clock::current_quarter(), 1);
    // and one minute before local midnight, it is still the old year's fourth quarter.
    at("2026-12-31T15:59:00Z");
    EXPECT_EQ(programme_clock::current_year(), 2026);
    EXPECT_EQ(programme_clock::current_quarter(), 4);
    // 1 April 00:30 local starts the second quarter.
    at("2027-03-31T16:30:00Z");
    EXPECT_EQ(programme_clock::current_quarter(), 2);
}

TEST_F(ProgrammeClock, BareDateIsLocalMidnight) {
    // `from=2026-11-30` means 00:00 in Beijing, 16:00 UTC the day before.
    EXPECT_EQ(format_timestamp(parse_timestamp("2026-11-30", "from")), "2026-11-29T16:00:00.000Z");
    // Timestamps with a time stay UTC.
    EXPECT_EQ(format_timestamp(parse_timestamp("2026-11-30T08:00:00Z", "from")),
              "2026-11-30T08:00:00.000Z");
}

TEST_F(ProgrammeClock, ImpossibleDatesAreRefused) {
    EXPECT_THROW(parse_timestamp("2024-02-30", "on"), AppError);
    EXPECT_THROW(parse_timestamp("2026-11-31T00:00:00Z", "from"), AppError);
    EXPECT_THROW(parse_timestamp("2026-11-30T24:00:00Z", "from"), AppError);
    EXPECT_NO_THROW(parse_timestamp("2024-02-29", "on"));
}

TEST_F(ProgrammeClock, AnotherZoneWithDaylightSaving) {
    // A deployment in Europe/Berlin: local midnight of a summer date is 22:00 UTC, of a winter
    // date 23:00 UTC, as the zone's rules say.
    programme_clock::set_time_zone("Europe/Berlin");
    EXPECT_EQ(format_timestamp(programme_clock::start_of_local_day("2026-07-01")),
              "2026-06-30T22:00:00.000Z");
    EXPECT_EQ(format_timestamp(programme_clock::start_of_local_day("2026-01-15")),
              "2026-01-14T23:00:00.000Z");
    at("2026-06-30T22:30:00Z");
    EXPECT_EQ(programme_clock::today(), "2026-07-01");
}

TEST_F(ProgrammeClock, UnknownZoneIsRefused) {
    EXPECT_THROW(programme_clock::set_time_zone("Mars/Olympus"), std::invalid_argument);
    EXPECT_EQ(programme_clock::time_zone(), "Asia/Shanghai");
}

TEST_F(ProgrammeClock, TimesForPeopleAreLocal) {
    EXPECT_EQ(programme_clock::local_date_time(std::string("2026-11-29T17:30:00.000Z")),
              "2026-11-30 01:30");
}

}  // namespace
}  // namespace lianjian
