// Specification: the rotation dealer (轮值), pure. per_quarter deals the year's four quarters to
// the units that are members when each quarter starts; per_activity deals one upcoming turn per
// current member after the turns already taken. Turns that are fixed never change, the lead unit
// hosts first in the default order, and over a year the units that stay members host evenly.
#include "alliances/rotation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

namespace lianjian::alliances {
namespace {

bool operator_equal(const Turn& a, const Turn& b) {
    return a.sequence == b.sequence && a.host_unit_id == b.host_unit_id &&
           a.starts_on == b.starts_on && a.ends_on == b.ends_on && a.fixed == b.fixed;
}

std::string describe(const Turn& turn) {
    return "#" + std::to_string(turn.sequence) + " host " + std::to_string(turn.host_unit_id) +
           " [" + turn.starts_on + ", " + turn.ends_on + "]" + (turn.fixed ? " fixed" : "");
}

std::string describe(const std::vector<Turn>& turns) {
    std::string text;
    for (const auto& turn : turns) text += describe(turn) + "; ";
    return text;
}

bool member_at(const std::vector<MembershipSpan>& spans, long long unit, const std::string& date) {
    return std::any_of(spans.begin(), spans.end(), [&](const MembershipSpan& span) {
        return span.unit_id == unit && member_on(span, date);
    });
}

TEST(Rotation, QuarterBoundsCoverTheYear) {
    EXPECT_EQ(quarter_bounds(2026, 1),
              std::make_pair(std::string("2026-01-01"), std::string("2026-03-31")));
    EXPECT_EQ(quarter_bounds(2026, 2),
              std::make_pair(std::string("2026-04-01"), std::string("2026-06-30")));
    EXPECT_EQ(quarter_bounds(2026, 3),
              std::make_pair(std::string("2026-07-01"), std::string("2026-09-30")));
    EXPECT_EQ(quarter_bounds(2026, 4),
              std::make_pair(std::string("2026-10-01"), std::string("2026-12-31")));
}

TEST(Rotation, MembershipEndsTheDayBeforeLeftOn) {
    const MembershipSpan span{7, "2026-03-01", "2026-06-01"};
    EXPECT_FALSE(member_on(span, "2026-02-28"));
    EXPECT_TRUE(member_on(span, "2026-03-01"));
    EXPECT_TRUE(member_on(span, "2026-05-31"));
    EXPECT_FALSE(member_on(span, "2026-06-01"));
    EXPECT_TRUE(member_on({7, "2026-03-01", std::nullopt}, "2099-01-01"));
}

TEST(Rotation, PerQuarterDealsFourQuartersOverMembersAtEachQuarterStart) {
    // Given units 1 and 2 all year, 4 leaving on 1 April and 3 joining on 10 May,
    RotationInput input;
    input.mode = RotationMode::per_quarter;
    input.year = 2026;
    input.order = {1, 2, 3, 4};
    input.memberships = {{1, "2025-01-01", std::nullopt},
                         {2, "2025-01-01", std::nullopt},
                         {3, "2026-05-10", std::nullopt},
                         {4, "2025-01-01", "2026-04-01"}};
    // when the year is dealt,
    const auto turns = plan_rotation(input);
    // then there are four quarters with their bounds, none fixed, each hosted by a member present
    // at the quarter's start, the unit with the fewest turns first:
    ASSERT_EQ(turns.size(), 4u) << describe(turns);
    for (int quarter = 1; quarter <= 4; ++quarter) {
        const auto& turn = turns[quarter - 1];
        EXPECT_EQ(turn.sequence, quarter);
        EXPECT_EQ(std::make_pair(turn.starts_on, turn.ends_on), quarter_bounds(2026, quarter));
        EXPECT_FALSE(turn.fixed);
        EXPECT_TRUE(member_at(input.memberships, turn.host_unit_id, turn.starts_on))
            << describe(turn);
    }
    // Q1: 1 (first in order); Q2: 2 (4 has left, 3 not yet there); Q3: 3 (the newcomer has none);
    // Q4: all have one, the next after 3 that is a member is 1.
    EXPECT_EQ(turns[0].host_unit_id, 1);
    EXPECT_EQ(turns[1].host_unit_id, 2);
    EXPECT_EQ(turns[2].host_unit_id, 3);
    EXPECT_EQ(turns[3].host_unit_id, 1);
}

TEST(Rotation, PerQuarterSkipsAQuarterNobodyIsAMemberOf) {
    RotationInput input;
    input.mode = RotationMode::per_quarter;
    input.year = 2026;
    input.order = {1, 2};
    input.memberships = {{1, "2026-04-01", std::nullopt}, {2, "2026-04-01", std::nullopt}};
    const auto turns = plan_rotation(input);
    ASSERT_EQ(turns.size(), 3u) << describe(turns);
    EXPECT_EQ(turns[0].sequence, 2);
    EXPECT_EQ(turns[0].host_unit_id, 1);
    EXPECT_EQ(turns[1].host_unit_id, 2);
    EXPECT_EQ(turns[2].host_unit_id, 1);
}

TEST(Rotation, LeadHostsFirstInTheDefaultOrder) {
    // The default order is the lead unit first, whatever its id or joining date.
    RotationInput input;
    input.year = 2026;
    input.today = "2026-05-01";
    input.order = {30, 10, 20};
    input.memberships = {{10, "2026-01-01", std::nullopt},
                         {20, "2026-01-01", std::nullopt},
                         {30, "2026-02-01", std::nullopt}};
    for (const auto mode : {RotationMode::per_quarter, RotationMode::per_activity}) {
        input.mode = mode;
        const auto turns = plan_rotation(input);
        ASSERT_GE(turns.size(), 3u) << enum_code(mode);
        const auto first_dealt =
            std::find_if(turns.begin(), turns.end(), [](const Turn& t) { return !t.fixed; });
        // per_quarter: Q1 starts before 30 joined, so it goes to 10, then the order goes on after
        // 10: 20, and 30, the last with no turn.
        if (mode == RotationMode::per_activity) {
            EXPECT_EQ(first_dealt->host_unit_id, 30) << describe(turns);
            EXPECT_EQ(turns[1].host_unit_id, 10);
            EXPECT_EQ(turns[2].host_unit_id, 20);
            EXPECT_EQ(turns.size(), 3u) << "one upcoming turn per current member";
        } else {
            EXPECT_EQ(turns[0].host_unit_id, 10) << describe(turns);
            EXPECT_EQ(turns[1].host_unit_id, 20) << describe(turns);
            EXPECT_EQ(turns[2].host_unit_id, 30) << describe(turns);
        }
    }
    // Without a declared order, units follow by joining date, then id.
    input.mode = RotationMode::per_activity;
    input.order = {};
    const auto turns = plan_rotation(input);
    ASSERT_EQ(turns.size(), 3u);
    EXPECT_EQ(turns[0].host_unit_id, 10);
    EXPECT_EQ(turns[1].host_unit_id, 20);
    EXPECT_EQ(turns[2].host_unit_id, 30);
}

TEST(Rotation, PreviousHostOfLastYearIsNotFirstAgain) {
    RotationInput input;
    input.mode = RotationMode::per_quarter;
    input.year = 2027;
    input.order = {1, 2, 3};
    input.memberships = {{1, "2026-01-01", std::nullopt},
                         {2, "2026-01-01", std::nullopt},
                         {3, "2026-01-01", std::nullopt}};
    input.previous_host = 1;
    const auto turns = plan_rotation(input);
    ASSERT_EQ(turns.size(), 4u);
    EXPECT_EQ(turns[0].host_unit_id, 2);
    EXPECT_EQ(turns[1].host_unit_id, 3);
    EXPECT_EQ(turns[2].host_unit_id, 1);
    EXPECT_EQ(turns[3].host_unit_id, 2);
}

TEST(Rotation, FixedQuartersAreKeptVerbatimEvenIfTheHostHasLeft) {
    RotationInput input;
    input.mode = RotationMode::per_quarter;
    input.year = 2026;
    input.order = {1, 2, 3};
    input.memberships = {{1, "2025-01-01", std::nullopt},
                         {2, "2025-01-01", std::nullopt},
                         {3, "2025-01-01", "2026-05-01"}};
    // Q1 and Q2 were fixed as dealt then (Q2 to unit 3, who has left since), with their own text.
    const Turn q1{1, 3, "2026-01-01", "2026-03-31", true};
    const Turn q2{2, 3, "2026-04-01", "2026-06-30", true};
    input.fixed_turns = {q1, q2};
    const auto turns = plan_rotation(input);
    ASSERT_EQ(turns.size(), 4u) << describe(turns);
    EXPECT_TRUE(operator_equal(turns[0], q1)) << describe(turns[0]);
    EXPECT_TRUE(operator_equal(turns[1], q2)) << describe(turns[1]);
    // The fixed turns count: 1 and 2 have none, so they take Q3 and Q4, in order after 3.
    EXPECT_EQ(turns[2].host_unit_id, 1);
    EXPECT_EQ(turns[3].host_unit_id, 2);
    EXPECT_FALSE(turns[2].fixed);
    EXPECT_FALSE(turns[3].fixed);
}

TEST(Rotation, PerActivityKeepsTakenTurnsAndDealsOneUpcomingTurnPerCurrentMember) {
    RotationInput input;
    input.mode = RotationMode::per_activity;
    input.year = 2026;
    input.today = "2026-08-01";
    input.order = {1, 2, 3, 4};
    input.memberships = {{1, "2025-01-01", std::nullopt},
                         {2, "2025-01-01", std::nullopt},
                         {3, "2025-01-01", "2026-07-01"},
                         {4, "2026-06-01", std::nullopt}};
    const std::vector<Turn> taken = {{1, 1, "2026-02-10", "2026-02-10", true},
                                     {2, 2, "2026-03-15", "2026-03-15", true},
                                     {3, 3, "2026-05-20", "2026-05-20", true}};
    input.fixed_turns = taken;
    const auto turns = plan_rotation(input);
    ASSERT_EQ(turns.size(), 6u) << describe(turns);  // 3 taken + one for each of 1, 2, 4
    for (std::size_t i = 0; i < taken.size(); ++i) {
        EXPECT_TRUE(operator_equal(turns[i], taken[i])) << describe(turns[i]);
    }
    // 4 has hosted nothing: it comes first; then after 4 the order wraps to 1 and 2.
    EXPECT_EQ(turns[3].sequence, 4);
    EXPECT_EQ(turns[3].host_unit_id, 4);
    EXPECT_EQ(turns[4].host_unit_id, 1);
    EXPECT_EQ(turns[5].host_unit_id, 2);
    EXPECT_EQ(turns[5].sequence, 6);
    for (std::size_t i = 3; i < turns.size(); ++i) {
        EXPECT_FALSE(turns[i].fixed);
        EXPECT_NE(turns[i].host_unit_id, 3) << "3 is no longer a member";
    }
}

// ---- property: random joins and leaves over a year ------------------------------------------

std::string date_of(int year, int day_of_year) {  // day_of_year 0..364
    static constexpr int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int month = 0;
    while (day_of_year >= lengths[month]) {
        day_of_year -= lengths[month];
        ++month;
    }
    auto two = [](int n) { return std::string(n < 10 ? "0" : "") + std::to_string(n); };
    return std::to_string(year) + "-" + two(month + 1) + "-" + two(day_of_year + 1);
}

struct Change {
    std::string date;
    long long unit = 0;
    bool join = false;
};

// A random year: 3–6 units, at least two members all year, the others joining and leaving on
// random days (distinct days for each unit).
struct Scenario {
    int year = 2026;
    std::vector<long long> order;
    std::vector<MembershipSpan> initial;
    std::vector<Change> changes;  // by date
    std::set<long long> whole_year;
};

Scenario random_scenario(std::mt19937& random) {
    Scenario scenario;
    const int units = std::uniform_int_distribution<int>(3, 6)(random);
    for (long long unit = 1; unit <= units; ++unit) {
        scenario.order.push_back(unit);
    }
    std::shuffle(scenario.order.begin(), scenario.order.end(), random);
    for (long long unit = 1; unit <= units; ++unit) {
        const bool anchor = unit <= 2;
        const bool member_at_start = anchor || std::bernoulli_distribution(0.5)(random);
        if (member_at_start) {
            scenario.initial.push_back({unit, "2025-06-01", std::nullopt});
        }
        if (anchor) {
            scenario.whole_year.insert(unit);
            continue;
        }
        const int count = std::uniform_int_distribution<int>(0, 4)(random);
        std::set<int> days;
        while (static_cast<int>(days.size()) < count) {
            days.insert(std::uniform_int_distribution<int>(0, 364)(random));
        }
        bool member = member_at_start;
        for (int day : days) {
            member = !member;
            scenario.changes.push_back({date_of(scenario.year, day), unit, member});
        }
        if (days.empty() && member_at_start) {
            scenario.whole_year.insert(unit);
        }
    }
    std::stable_sort(scenario.changes.begin(), scenario.changes.end(),
                     [](const Change& a, const Change& b) { return a.date < b.date; });
    return scenario;
}

void apply(std::vector<MembershipSpan>& spans, const Change& change) {
    if (change.join) {
        spans.push_back({change.unit, change.date, std::nullopt});
        return;
    }
    for (auto& span : spans) {
        if (span.unit_id == change.unit && !span.left_on) {
            span.left_on = change.date;
        }
    }
}

void expect_even(const std::map<long long, int>& turns, const std::set<long long>& whole_year,
                 const std::string& context) {
    int least = 1 << 30, most = 0;
    for (long long unit : whole_year) {
        const int count = turns.count(unit) ? turns.at(unit) : 0;
        least = std::min(least, count);
        most = std::max(most, count);
    }
    EXPECT_LE(most - least, 1) << context;
}

TEST(RotationProperty, PerQuarterNeverChangesStartedQuartersAndDealsEvenly) {
    std::mt19937 random(20260401);
    for (int run = 0; run < 300; ++run) {
        const auto scenario = random_scenario(random);
        const std::string context = "per_quarter run " + std::to_string(run);
        RotationInput input;
        input.mode = RotationMode::per_quarter;
        input.year = scenario.year;
        input.order = scenario.order;
        input.memberships = scenario.initial;
        auto plan = plan_rotation(input);
        ASSERT_EQ(plan.size(), 4u) << context;
        for (const auto& change : scenario.changes) {
            // A change dated `change.date` takes effect that day: the quarters that started before
            // it are stored as dealt, then the membership changes and the year is dealt again.
            input.fixed_turns.clear();
            for (auto turn : plan) {
                if (turn.starts_on < change.date) {
                    turn.fixed = true;
                    input.fixed_turns.push_back(turn);
                }
            }
            apply(input.memberships, change);
            const auto before = input.fixed_turns;
            plan = plan_rotation(input);
            ASSERT_EQ(plan.size(), 4u) << context << ": " << describe(plan);
            for (const auto& fixed : before) {
                EXPECT_TRUE(operator_equal(plan[fixed.sequence - 1], fixed))
                    << context << " after " << change.date << ": " << describe(plan);
            }
            for (const auto& turn : plan) {
                EXPECT_TRUE(member_at(input.memberships, turn.host_unit_id, turn.starts_on))
                    << context << ": " << describe(turn);
            }
        }
        std::map<long long, int> counts;
        for (const auto& turn : plan) ++counts[turn.host_unit_id];
        expect_even(counts, scenario.whole_year, context + ": " + describe(plan));
    }
}

TEST(RotationProperty, PerActivityNeverChangesTakenTurnsAndDealsEvenly) {
    std::mt19937 random(20261127);
    for (int run = 0; run < 300; ++run) {
        const auto scenario = random_scenario(random);
        const std::string context = "per_activity run " + std::to_string(run);
        // 12–30 activities on random days; each takes the first upcoming turn.
        const int activities = std::uniform_int_distribution<int>(12, 30)(random);
        std::vector<std::string> activity_days;
        for (int i = 0; i < activities; ++i) {
            activity_days.push_back(
                date_of(scenario.year, std::uniform_int_distribution<int>(0, 364)(random)));
        }
        std::sort(activity_days.begin(), activity_days.end());

        RotationInput input;
        input.mode = RotationMode::per_activity;
        input.year = scenario.year;
        input.order = scenario.order;
        input.memberships = scenario.initial;
        std::size_t next_change = 0;
        for (const auto& day : activity_days) {
            // Membership changes dated up to this day happen first; each one re-deals the
            // upcoming turns and leaves the taken ones alone.
            while (next_change < scenario.changes.size() &&
                   scenario.changes[next_change].date <= day) {
                const auto& change = scenario.changes[next_change++];
                apply(input.memberships, change);
                input.today = change.date;
                const auto plan = plan_rotation(input);
                ASSERT_GE(plan.size(), input.fixed_turns.size()) << context;
                for (std::size_t i = 0; i < input.fixed_turns.size(); ++i) {
                    EXPECT_TRUE(operator_equal(plan[i], input.fixed_turns[i]))
                        << context << " after " << change.date << ": " << describe(plan);
                }
                for (std::size_t i = input.fixed_turns.size(); i < plan.size(); ++i) {
                    EXPECT_TRUE(member_at(input.memberships, plan[i].host_unit_id, change.date))
                        << context << ": " << describe(plan[i]);
                    EXPECT_EQ(plan[i].sequence, static_cast<int>(i) + 1) << context;
                }
                // As many upcoming turns as there are current members.
                long long current = 0;
                for (long long unit : input.order)
                    current += member_at(input.memberships, unit, change.date);
                EXPECT_EQ(static_cast<long long>(plan.size() - input.fixed_turns.size()), current)
                    << context;
            }
            input.today = day;
            const auto plan = plan_rotation(input);
            ASSERT_GT(plan.size(), input.fixed_turns.size()) << context << " on " << day;
            for (std::size_t i = 0; i < input.fixed_turns.size(); ++i) {
                EXPECT_TRUE(operator_equal(plan[i], input.fixed_turns[i]))
                    << context << ": " << describe(plan);
            }
            auto taken = plan[input.fixed_turns.size()];
            EXPECT_TRUE(member_at(input.memberships, taken.host_unit_id, day))
                << context << ": " << describe(taken);
            taken.starts_on = day;
            taken.ends_on = day;
            taken.fixed = true;
            input.fixed_turns.push_back(taken);
        }
        std::map<long long, int> counts;
        for (const auto& turn : input.fixed_turns) ++counts[turn.host_unit_id];
        expect_even(counts, scenario.whole_year, context + ": " + describe(input.fixed_turns));
        // Every taken turn's host was a member the day it was taken.
        for (const auto& turn : input.fixed_turns) {
            EXPECT_TRUE(member_at(input.memberships, turn.host_unit_id, turn.starts_on)) << context;
        }
    }
}

}  // namespace
}  // namespace lianjian::alliances
