// Specification (issue 10, point 1): a year's campaign has three phases with default dates
// (April; May–November; December) that the committee may move; deadlines fall at the end of
// planning (the plan) and of each phase (its report); a deadline's status per alliance, and which
// reminders are due on a day. Pure rules, no database.
#include "campaign/campaign.hpp"
#include "campaign/campaign_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace lianjian::campaign {
namespace {

std::vector<std::string> fields_of(const std::vector<FieldMessage>& problems) {
    std::vector<std::string> fields;
    for (const auto& problem : problems) {
        fields.push_back(problem.field);
    }
    return fields;
}

bool has(const std::vector<std::string>& fields, const std::string& field) {
    return std::find(fields.begin(), fields.end(), field) != fields.end();
}

TEST(CampaignRules, AnUnconfiguredYearHasTheDefaultDates) {
    // Given a year nobody has set up,
    const auto campaign = default_campaign(2027);
    // then planning is April, implementation May to November, summary December,
    EXPECT_FALSE(campaign.configured);
    ASSERT_EQ(campaign.phases.size(), 3u);
    EXPECT_EQ(campaign.phases[0].phase, Phase::planning);
    EXPECT_EQ(campaign.phases[0].starts_on, "2027-04-01");
    EXPECT_EQ(campaign.phases[0].ends_on, "2027-04-30");
    EXPECT_EQ(campaign.phases[1].starts_on, "2027-05-01");
    EXPECT_EQ(campaign.phases[1].ends_on, "2027-11-30");
    EXPECT_EQ(campaign.phases[2].starts_on, "2027-12-01");
    EXPECT_EQ(campaign.phases[2].ends_on, "2027-12-31");
    // and reminders go out 7 days and 1 day before.
    EXPECT_EQ(campaign.reminder_days, (std::vector<int>{7, 1}));
    // The default dates themselves are valid.
    EXPECT_TRUE(campaign_problems(2027, campaign.phases, campaign.reminder_days).empty());
}

TEST(CampaignRules, ThePhaseOfADayIncludesBothEnds) {
    const auto campaign = default_campaign(2026);
    EXPECT_EQ(phase_on(campaign, "2026-04-01"), Phase::planning);
    EXPECT_EQ(phase_on(campaign, "2026-04-30"), Phase::planning);
    EXPECT_EQ(phase_on(campaign, "2026-05-01"), Phase::implementation);
    EXPECT_EQ(phase_on(campaign, "2026-12-31"), Phase::summary);
    EXPECT_EQ(phase_on(campaign, "2026-03-31"), std::nullopt);
    EXPECT_EQ(phase_on(campaign, "2027-01-01"), std::nullopt);
}

TEST(CampaignRules, EveryProblemOfTheDatesIsReportedAtOnce) {
    // Given phases out of order, overlapping, outside the year, ending before they start, and
    // reminder days out of range,
    const std::vector<PhaseDates> phases = {
        {Phase::implementation, "2026-04-01", "2026-04-30"},  // wrong phase in first place
        {Phase::implementation, "2026-04-20", "2026-11-30"},  // overlaps the first
        {Phase::summary, "2026-12-10", "2026-12-05"},         // ends before it starts
    };
    const auto fields = fields_of(campaign_problems(2026, phases, {7, 0}));
    // then each is named by its field.
    EXPECT_TRUE(has(fields, "phases[0].code"));
    EXPECT_TRUE(has(fields, "phases[1].starts_on"));
    EXPECT_TRUE(has(fields, "phases[2].ends_on"));
    EXPECT_TRUE(has(fields, "reminder_days"));
    EXPECT_EQ(fields.size(), 4u);
}

TEST(CampaignRules, DatesMustBeInTheYearAndRealAndThreePhasesGiven) {
    const auto outside =
        fields_of(campaign_problems(2026,
                                    {{Phase::planning, "2025-12-01", "2026-04-30"},
                                     {Phase::implementation, "2026-05-01", "2026-02-30"},
                                     {Phase::summary, "2026-12-01", "2027-01-15"}},
                                    {7, 7}));
    EXPECT_TRUE(has(outside, "phases[0].starts_on"));
    EXPECT_TRUE(has(outside, "phases[1].ends_on"));  // 30 February does not exist
    EXPECT_TRUE(has(outside, "phases[2].ends_on"));
    EXPECT_TRUE(has(outside, "reminder_days"));  // 7 twice
    const auto two =
        fields_of(campaign_problems(2026, {{Phase::planning, "2026-04-01", "2026-04-30"}}, {7, 1}));
    EXPECT_TRUE(has(two, "phases"));
    EXPECT_TRUE(has(fields_of(campaign_problems(2026, default_campaign(2026).phases, {61})),
                    "reminder_days"));
}

TEST(CampaignRules, DeadlinesFallAtTheEndOfEachPhase) {
    auto campaign = default_campaign(2026);
    campaign.phases[0].ends_on = "2026-04-25";
    const auto deadlines = deadlines_of(campaign);
    ASSERT_EQ(deadlines.size(), 4u);
    EXPECT_EQ(deadlines[0].code, Deadline::plan_due);
    EXPECT_EQ(deadlines[0].due_on, "2026-04-25");
    EXPECT_EQ(deadlines[1].code, Deadline::report_planning);
    EXPECT_EQ(deadlines[1].due_on, "2026-04-25");
    EXPECT_EQ(deadlines[2].code, Deadline::report_implementation);
    EXPECT_EQ(deadlines[2].due_on, "2026-11-30");
    EXPECT_EQ(deadlines[3].code, Deadline::report_summary);
    EXPECT_EQ(deadlines[3].due_on, "2026-12-31");
    EXPECT_STREQ(enum_label(Deadline::plan_due), "活动计划提交截止");
}

TEST(DeadlineStatusRules, PendingDoneDoneLateAndOverdue) {
    // Not done: pending through the day it falls due, overdue after.
    EXPECT_EQ(deadline_status("2026-04-30", std::nullopt, "2026-04-30"), DeadlineStatus::pending);
    EXPECT_EQ(deadline_status("2026-04-30", std::nullopt, "2026-05-01"), DeadlineStatus::overdue);
    // Done: on time through the day it falls due, late after.
    EXPECT_EQ(deadline_status("2026-04-30", "2026-04-30", "2026-06-01"), DeadlineStatus::done);
    EXPECT_EQ(deadline_status("2026-04-30", "2026-05-02", "2026-06-01"), DeadlineStatus::done_late);
}

TEST(DeadlineStatusRules, AllianceItemsTakeTheLocalDateOfTheSubmission) {
    const auto deadlines = deadlines_of(default_campaign(2026));
    // Submitted at 23:30 on 30 April in Beijing (15:30 UTC): on time.
    const auto items =
        deadline_items(deadlines, {{Deadline::plan_due, "2026-04-30T15:30:00.000Z"}}, "2026-05-03");
    ASSERT_EQ(items.size(), 4u);
    EXPECT_EQ(items[0].status, DeadlineStatus::done);
    EXPECT_EQ(items[1].status, DeadlineStatus::overdue);
    EXPECT_EQ(items[2].status, DeadlineStatus::pending);
    // At 00:30 on 1 May in Beijing: late.
    const auto late =
        deadline_items(deadlines, {{Deadline::plan_due, "2026-04-30T16:30:00.000Z"}}, "2026-05-03");
    EXPECT_EQ(late[0].status, DeadlineStatus::done_late);
}

TEST(ReminderRules, SevenDaysAndOneDayBefore) {
    // Seven days before: the 7-day reminder.
    auto due = due_reminders("2026-04-30", {7, 1}, "2026-04-23", false);
    ASSERT_EQ(due.size(), 1u);
    EXPECT_EQ(due[0].days_before, 7);
    EXPECT_TRUE(due[0].send);
    // Eight days before: nothing yet.
    EXPECT_TRUE(due_reminders("2026-04-30", {7, 1}, "2026-04-22", false).empty());
    // One day before: the 1-day one is sent; the 7-day one is due too but only claimed, so
    // no one gets two at once.
    due = due_reminders("2026-04-30", {7, 1}, "2026-04-29", false);
    ASSERT_EQ(due.size(), 2u);
    EXPECT_EQ(due[0].days_before, 1);
    EXPECT_TRUE(due[0].send);
    EXPECT_EQ(due[1].days_before, 7);
    EXPECT_FALSE(due[1].send);
    // On the day itself the nearest is still the 1-day one.
    due = due_reminders("2026-04-30", {7, 1}, "2026-04-30", false);
    ASSERT_FALSE(due.empty());
    EXPECT_EQ(due[0].days_before, 1);
}

TEST(ReminderRules, ALateStartSendsTheReminderStillAhead) {
    // The server starts three days before: the 7-day reminder is sent late, once.
    const auto due = due_reminders("2026-04-30", {1, 7}, "2026-04-27", false);
    ASSERT_EQ(due.size(), 1u);
    EXPECT_EQ(due[0].days_before, 7);
    EXPECT_TRUE(due[0].send);
}

TEST(ReminderRules, ADoneDeadlineIsNotReminded) {
    EXPECT_TRUE(due_reminders("2026-04-30", {7, 1}, "2026-04-29", true).empty());
}

TEST(ReminderRules, APastDeadlineIsNotReminded) {
    EXPECT_TRUE(due_reminders("2026-04-30", {7, 1}, "2026-05-01", false).empty());
}

TEST(ReminderRules, DaysAreCountedAcrossMonthsAndYears) {
    EXPECT_EQ(days_between("2026-04-23", "2026-04-30"), 7);
    EXPECT_EQ(days_between("2026-12-31", "2027-01-01"), 1);
    EXPECT_EQ(days_between("2026-05-01", "2026-04-30"), -1);
    EXPECT_EQ(add_days("2026-02-28", 1), "2026-03-01");
}

}  // namespace
}  // namespace lianjian::campaign
