// Specification: `--demo` fills the current year with what a district would have after months of
// use (issue "Activities under the six linkages …", 8): activities across all six linkages held
// so far, each with attendance and a photo; most ledgers archived, some incomplete; one activity
// planned for next week; the ledger chains intact; and loading again adds nothing.
#include "demo/activity_demo.hpp"
#include "campaign/campaign_fixture.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace lianjian::testing {
namespace {

using namespace campaign_support;

class ActivityDemo : private ClockIn2026, public AllianceFixture {
  protected:
    void TearDown() override { programme_clock::set_time_source(nullptr); }

    boost::json::array activities() {
        const auto answer = admin.get("/api/v1/activities?year=2026&page_size=100");
        EXPECT_EQ(answer.status, 200) << answer.body;
        const auto json = answer.json();
        return json.at("items").as_array();
    }
};

TEST_F(ActivityDemo, AYearInProgressAcrossTheSixLinkagesWithAttendancePhotosAndArchivedLedgers) {
    // Given the demo server on 29 November 2026,
    // when the living demo is loaded,
    demo::load_activity_demo(services());

    // then every alliance of the first batch has held activities under all six linkages,
    const auto items = activities();
    ASSERT_GE(items.size(), 30U);
    std::map<long long, std::set<std::string>> linkages;
    std::map<std::string, int> states;
    int planned_next_week = 0;
    for (const auto& value : items) {
        const auto& activity = value.as_object();
        const std::string state(activity.at("state").as_string());
        ++states[state];
        if (state == "planned") {
            // the one planned activity is next week's,
            const std::string starts_at(activity.at("starts_at").as_string());
            EXPECT_GT(starts_at, "2026-12-05T00:00:00Z");
            EXPECT_LT(starts_at, "2026-12-07T00:00:00Z");
            ++planned_next_week;
            continue;
        }
        linkages[activity.at("alliance").at("id").as_int64()].insert(
            std::string(activity.at("linkage").as_string()));
        // each held one has its attendance recorded,
        EXPECT_GT(activity.at("attendance").at("present").as_int64(), 0)
            << activity.at("title").as_string();
        EXPECT_EQ(activity.at("attendance").at("unrecorded").as_int64(), 0);
        // and every ledger that went further than held has its photo.
        if (state != "held") {
            EXPECT_GE(activity.at("photo_count").as_int64(), 1);
        } else {
            EXPECT_FALSE(activity.at("ledger").at("complete").as_bool());
        }
    }
    ASSERT_EQ(linkages.size(), 3U);
    for (const auto& [alliance, seen] : linkages) {
        EXPECT_EQ(seen.size(), 6U) << "alliance " << alliance;
    }
    EXPECT_EQ(planned_next_week, 1);
    // Most ledgers are archived, some are incomplete, and each alliance's latest waits for its
    // lead unit.
    EXPECT_GT(states["archived"], states["held"] + states["ledger_submitted"]);
    EXPECT_GT(states["held"], 0);
    EXPECT_EQ(states["ledger_submitted"], 3);
    // The chains hold.
    const auto verify = admin.get("/api/v1/ledger/verify");
    ASSERT_EQ(verify.status, 200) << verify.body;
    EXPECT_TRUE(verify.json().at("intact").as_bool()) << verify.body;
}

TEST_F(ActivityDemo, LoadingAgainAddsNothing) {
    // Given the living demo loaded once,
    demo::load_activity_demo(services());
    const auto first = activities().size();
    // when it is loaded again,
    demo::load_activity_demo(services());
    // then the year has the same activities.
    EXPECT_EQ(activities().size(), first);
}

}  // namespace
}  // namespace lianjian::testing
