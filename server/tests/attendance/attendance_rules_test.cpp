// Specification: the pure rules of attendance (docs/activities.md "Attendance"): the rate, the
// counts per unit and in total, the sign-in window, the QR token, the limit on refused sign-ins
// and matching a name and four phone digits against the roster.
#include "attendance/attendance.hpp"

#include <gtest/gtest.h>

#include <sodium.h>

namespace lianjian::attendance {
namespace {

using namespace std::chrono_literals;

AttendanceRow row(long long member, long long unit, std::optional<AttendanceStatus> status) {
    return {{member, "党员" + std::to_string(member)},
            {unit, "单位" + std::to_string(unit)},
            status,
            std::nullopt,
            std::nullopt,
            std::nullopt};
}

TEST(AttendanceRules, TheRateIsPresentOverExpectedLessLeave) {
    EXPECT_DOUBLE_EQ(*attendance_rate(3, 5, 1), 0.75);
    EXPECT_DOUBLE_EQ(*attendance_rate(0, 2, 0), 0.0);
    // Nobody expected, or everybody expected on leave: no rate at all.
    EXPECT_FALSE(attendance_rate(0, 0, 0));
    EXPECT_FALSE(attendance_rate(0, 2, 2));
}

TEST(AttendanceRules, CountsPerUnitAndInTotal) {
    // Given unit 1 with one present, one on leave and one unrecorded, and unit 2 with one absent,
    const auto sheet =
        summarise({row(1, 1, AttendanceStatus::present), row(2, 1, AttendanceStatus::leave),
                   row(3, 1, std::nullopt), row(4, 2, AttendanceStatus::absent)});
    // then unit 1 counts 3 expected, rate 1 ÷ (3 − 1),
    ASSERT_EQ(sheet.units.size(), 2u);
    EXPECT_EQ(sheet.units[0].unit.id, 1);
    EXPECT_EQ(sheet.units[0].counts.expected, 3);
    EXPECT_EQ(sheet.units[0].counts.present, 1);
    EXPECT_EQ(sheet.units[0].counts.leave, 1);
    EXPECT_EQ(sheet.units[0].counts.unrecorded, 1);
    EXPECT_DOUBLE_EQ(*sheet.units[0].counts.rate, 0.5);
    // unit 2 rate 0,
    EXPECT_EQ(sheet.units[1].counts.absent, 1);
    EXPECT_DOUBLE_EQ(*sheet.units[1].counts.rate, 0.0);
    // and the total 1 ÷ (4 − 1).
    EXPECT_EQ(sheet.total.expected, 4);
    EXPECT_DOUBLE_EQ(*sheet.total.rate, 1.0 / 3.0);
    EXPECT_FALSE(summarise({}).total.rate);
}

TEST(AttendanceRules, RecordingStopsOnceTheLedgerIsSubmitted) {
    EXPECT_TRUE(attendance_open(ActivityState::planned));
    EXPECT_TRUE(attendance_open(ActivityState::held));
    EXPECT_FALSE(attendance_open(ActivityState::ledger_submitted));
    EXPECT_FALSE(attendance_open(ActivityState::archived));
    EXPECT_FALSE(attendance_open(ActivityState::cancelled));
}

TEST(SigninWindowRule, FromAnHourBeforeTheStartToTwoHoursAfterTheEnd) {
    const auto starts = parse_timestamp("2026-05-20T01:30:00Z", "t");
    const auto ends = parse_timestamp("2026-05-20T03:00:00Z", "t");
    const auto window = signin_window(starts, ends);
    EXPECT_FALSE(window.contains(starts - 1h - 1s));
    EXPECT_TRUE(window.contains(starts - 1h));
    EXPECT_TRUE(window.contains(ends + 2h - 1s));
    EXPECT_FALSE(window.contains(ends + 2h));
}

crypto::Key key_of(unsigned char fill) {
    crypto::Key key{};
    key.fill(fill);
    return key;
}

TEST(SigninToken, ReadsBackWhatItSignedAndNothingElse) {
    const auto key = key_of(7);
    const auto token = make_token(key, 42, 1779240000);
    EXPECT_TRUE(token.starts_with("42.1779240000."));
    const auto claim = read_token(key, token);
    ASSERT_TRUE(claim);
    EXPECT_EQ(claim->activity_id, 42);
    EXPECT_EQ(claim->valid_until_unix, 1779240000);
    // Another key, another activity or time under the same MAC, a changed MAC, and garbage
    // are all refused.
    EXPECT_FALSE(read_token(key_of(8), token));
    auto other_activity = token;
    other_activity.replace(0, 2, "43");
    EXPECT_FALSE(read_token(key, other_activity));
    auto later = token;
    later.replace(3, 10, "1779249999");
    EXPECT_FALSE(read_token(key, later));
    auto changed = token;
    auto& character = changed[changed.size() - 5];
    character = character == 'A' ? 'B' : 'A';
    EXPECT_FALSE(read_token(key, changed));
    for (const char* garbage : {"", "42", "42.1779240000", "42.1779240000.", "..", "a.b.c",
                                "-1.5.AAAA", "042.1779240000.AAAA"}) {
        EXPECT_FALSE(read_token(key, garbage)) << garbage;
    }
    EXPECT_FALSE(read_token(key, token + "A"));
}

TEST(SigninLimit, FivePerClientAndThirtyPerActivityInTenMinutes) {
    const auto now = parse_timestamp("2026-05-20T02:00:00Z", "t");
    // Four failures from this client: it may try again.
    std::vector<TimePoint> four(4, now - 1min);
    EXPECT_FALSE(signin_retry_after(four, four, now));
    // Five: it waits until the oldest leaves the ten minutes.
    std::vector<TimePoint> five = {now - 9min, now - 5min, now - 4min, now - 3min, now - 1min};
    const auto wait = signin_retry_after(five, five, now);
    ASSERT_TRUE(wait);
    EXPECT_EQ(*wait, 60s);
    // Failures older than ten minutes do not count.
    std::vector<TimePoint> old(5, now - 10min);
    EXPECT_FALSE(signin_retry_after(old, old, now));
    // Thirty from other clients stop everybody, this client included.
    std::vector<TimePoint> thirty(30, now - 2min);
    const auto cap = signin_retry_after({}, thirty, now);
    ASSERT_TRUE(cap);
    EXPECT_EQ(*cap, 8min);
    EXPECT_FALSE(signin_retry_after({}, std::vector<TimePoint>(29, now - 2min), now));
}

TEST(SigninMatch, NameAndTheLastFourDigitsTogether) {
    const std::vector<RosterPerson> roster = {{1, "张三", "13800000101"},
                                              {2, "李四", "13800000102"}};
    EXPECT_EQ(match_roster(roster, "张三", "0101"), 1);
    // Spaces around and inside the name, and the ideographic space, do not matter.
    EXPECT_EQ(match_roster(roster, "  李 四\u3000", "0102"), 2);
    // The right name with another's digits, or the digits with another name, match nobody.
    EXPECT_FALSE(match_roster(roster, "张三", "0102"));
    EXPECT_FALSE(match_roster(roster, "王五", "0101"));
    EXPECT_FALSE(match_roster(roster, "", "0101"));
    EXPECT_FALSE(match_roster(roster, "张三", "101"));
    EXPECT_FALSE(match_roster(roster, "张三", "01o1"));
}

TEST(SigninQrCode, IsAnSvgOfModules) {
    const auto svg = qr_svg("http://127.0.0.1:8080/signin/1.1779240000.abc");
    EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    EXPECT_TRUE(svg.ends_with("</svg>"));
    EXPECT_NE(svg.find("h1v1h-1z"), std::string::npos);
    // The text is in the modules, never in the markup.
    EXPECT_EQ(svg.find("signin"), std::string::npos);
}

}  // namespace
}  // namespace lianjian::attendance
