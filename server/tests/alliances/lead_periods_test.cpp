// Specification (issue 9, "History is rewritten by a lead change"): the lead periods come from
// the timeline as recorded — the founding lead, then each lead change — and never from today's
// lead projected backwards.
#include "alliances/alliance.hpp"

#include <gtest/gtest.h>

namespace lianjian::alliances {
namespace {

AllianceEvent event(std::string on, AllianceEventKind kind, std::optional<NamedRef> unit) {
    AllianceEvent recorded;
    recorded.occurred_on = std::move(on);
    recorded.kind = kind;
    recorded.unit = std::move(unit);
    return recorded;
}

const NamedRef bianban{1, "区委编办"};
const NamedRef shuijian{2, "区水建中心"};
const NamedRef jinrong{3, "区金融服务中心"};

TEST(LeadPeriods, TheFoundingLeadLeadsUntilAChange) {
    // Given a founding by 区委编办 with members joining and the order changed,
    const std::vector<AllianceEvent> events = {
        event("2026-04-01", AllianceEventKind::founded, bianban),
        event("2026-04-01", AllianceEventKind::joined, bianban),
        event("2026-04-01", AllianceEventKind::joined, shuijian),
        event("2026-05-10", AllianceEventKind::rotation_reordered, std::nullopt),
    };
    // then 区委编办 is the one lead, still leading.
    const auto periods = lead_periods(events);
    ASSERT_EQ(periods.size(), 1u);
    EXPECT_EQ(periods[0].unit.id, bianban.id);
    EXPECT_EQ(periods[0].from, "2026-04-01");
    EXPECT_FALSE(periods[0].until.has_value());
}

TEST(LeadPeriods, EachChangeEndsOnePeriodAndStartsTheNext) {
    // Given two lead changes after the founding,
    const std::vector<AllianceEvent> events = {
        event("2026-04-01", AllianceEventKind::founded, bianban),
        event("2026-07-01", AllianceEventKind::lead_changed, shuijian),
        event("2026-08-15", AllianceEventKind::joined, jinrong),
        event("2026-11-29", AllianceEventKind::lead_changed, jinrong),
    };
    // then there are three periods, each ending the day the next begins.
    const auto periods = lead_periods(events);
    ASSERT_EQ(periods.size(), 3u);
    EXPECT_EQ(periods[0].unit.id, bianban.id);
    EXPECT_EQ(periods[0].until, "2026-07-01");
    EXPECT_EQ(periods[1].unit.id, shuijian.id);
    EXPECT_EQ(periods[1].from, "2026-07-01");
    EXPECT_EQ(periods[1].until, "2026-11-29");
    EXPECT_EQ(periods[2].unit.id, jinrong.id);
    EXPECT_EQ(periods[2].from, "2026-11-29");
    EXPECT_FALSE(periods[2].until.has_value());
}

TEST(LeadPeriods, NoFoundingEventMeansNoInventedPeriod) {
    // An alliance whose timeline has no founding or lead change gets no period at all.
    EXPECT_TRUE(
        lead_periods({event("2026-04-01", AllianceEventKind::updated, std::nullopt)}).empty());
}

}  // namespace
}  // namespace lianjian::alliances
