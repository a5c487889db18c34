// Specification (issue 8, point 2): "today", the default year and the started quarters are
// local dates of the deployment's time zone (Asia/Shanghai by default), from the one clock,
// at day, quarter and year boundaries.
#include "alliances/alliance_fixture.hpp"

#include <memory>

namespace lianjian::testing::alliance_support {
namespace {

using boost::json::array;
using boost::json::object;

class FixedTime : public TimeSource {
  public:
    explicit FixedTime(const std::string& instant) : at_(parse_timestamp(instant, "t")) {}
    TimePoint now() const override { return at_; }

  private:
    TimePoint at_;
};

class LocalDay : public AllianceFixture {
  protected:
    void TearDown() override { programme_clock::set_time_source(nullptr); }

    // Sessions follow the same one clock, so the committee signs in again at the new time (a
    // jump of a month would otherwise have ended its session).
    void clock_at(const std::string& utc_instant) {
        time_ = std::make_unique<FixedTime>(utc_instant);
        programme_clock::set_time_source(time_.get());
        EXPECT_EQ(admin.login("admin").status, 200);
    }

    std::string path(long long id, const std::string& rest = "") {
        return "/api/v1/alliances/" + std::to_string(id) + rest;
    }

  private:
    std::unique_ptr<FixedTime> time_;
};

TEST_F(LocalDay, AUnitAddedAt0130BeijingJoinsToday) {
    // Given the clock at 17:30 UTC on 29 November: 01:30 on 30 November in Beijing,
    const long long id = alliance_id("第三联盟");
    const long long newcomer = new_unit("区档案馆");
    clock_at("2026-11-29T17:30:00Z");
    // when the committee adds a unit without a date,
    const auto added =
        post_body(admin, path(id, "/members"), {{"unit_id", newcomer}, {"reason", "协商一致"}});
    ASSERT_EQ(added.status, 200) << added.body;
    // then it joined on 30 November, and its history event has the same date.
    const auto detail = alliance_json(id);
    bool found_member = false;
    for (const auto& member : detail.at("members").as_array()) {
        if (member.at("unit").at("id").as_int64() == newcomer) {
            EXPECT_EQ(member.at("joined_on").as_string(), "2026-11-30");
            found_member = true;
        }
    }
    EXPECT_TRUE(found_member) << detail;
    bool found_event = false;
    for (const auto& event : detail.at("events").as_array()) {
        if (event.at("kind").as_string() == "joined" && !event.at("unit").is_null() &&
            event.at("unit").at("id").as_int64() == newcomer) {
            EXPECT_EQ(event.at("occurred_on").as_string(), "2026-11-30");
            found_event = true;
        }
    }
    EXPECT_TRUE(found_event) << detail;
}

TEST_F(LocalDay, AnExplicitJoinDateIsTheLocalDateGiven) {
    // Another case of the kind: a date the caller gives is kept as that local date.
    const long long id = alliance_id("第三联盟");
    const long long newcomer = new_unit("区地方志办");
    clock_at("2026-11-29T17:30:00Z");
    const auto added =
        post_body(admin, path(id, "/members"),
                  {{"unit_id", newcomer}, {"joined_on", "2026-11-30"}, {"reason", "协商一致"}});
    ASSERT_EQ(added.status, 200) << added.body;
    const auto detail = alliance_json(id);
    for (const auto& member : detail.at("members").as_array()) {
        if (member.at("unit").at("id").as_int64() == newcomer) {
            EXPECT_EQ(member.at("joined_on").as_string(), "2026-11-30");
        }
    }
}

TEST_F(LocalDay, At0100OnNewYearsDayTheRotationIsThisYearsWithQ1Started) {
    // Given a per-quarter alliance and the clock at 01:00 on 1 January 2027 in Beijing
    // (17:00 UTC on 31 December 2026),
    const long long a = new_unit("区档案馆");
    const long long b = new_unit("区地方志办");
    const auto created = post_body(admin, "/api/v1/alliances",
                                   {{"name", "季度联盟"},
                                    {"office_area_id", office_area_id("人防大楼办公区")},
                                    {"lead_unit_id", a},
                                    {"member_unit_ids", array{a, b}},
                                    {"rotation_mode", "per_quarter"},
                                    {"founded_on", "2026-05-01"}});
    ASSERT_EQ(created.status, 201) << created.body;
    const long long id = created.json().at("id").as_int64();
    clock_at("2026-12-31T17:00:00Z");
    // when the rotation is asked for without a year,
    const auto result = admin.get(path(id, "/rotation"));
    ASSERT_EQ(result.status, 200) << result.body;
    const auto rotation = result.json();
    // then it is 2027's, and its first quarter has started (fixed), the second not.
    EXPECT_EQ(rotation.at("year").as_int64(), 2027);
    const auto& turns = rotation.at("turns").as_array();
    ASSERT_EQ(turns.size(), 4u);
    EXPECT_EQ(turns[0].at("starts_on").as_string(), "2027-01-01");
    EXPECT_TRUE(turns[0].at("fixed").as_bool());
    EXPECT_FALSE(turns[1].at("fixed").as_bool());
    // One hour earlier in Beijing (23:59 on 31 December), it is still 2026.
    clock_at("2026-12-31T15:59:00Z");
    const auto before = admin.get(path(id, "/rotation"));
    ASSERT_EQ(before.status, 200) << before.body;
    EXPECT_EQ(before.json().at("year").as_int64(), 2026);
}

TEST_F(LocalDay, OnWithoutADateIsTheLocalToday) {
    // `GET /alliances` without `on` shows the alliances as they stand on the local today: a
    // unit that joins "today" at 01:30 Beijing is listed.
    const long long id = alliance_id("第三联盟");
    const long long newcomer = new_unit("区档案馆");
    clock_at("2026-11-29T17:30:00Z");
    ASSERT_EQ(
        post_body(admin, path(id, "/members"), {{"unit_id", newcomer}, {"reason", "协商"}}).status,
        200);
    EXPECT_TRUE(contains(member_ids(alliance_json(id)), newcomer));
    EXPECT_TRUE(contains(member_ids(alliance_json(id, "2026-11-30")), newcomer));
    EXPECT_FALSE(contains(member_ids(alliance_json(id, "2026-11-29")), newcomer));
}

}  // namespace
}  // namespace lianjian::testing::alliance_support
