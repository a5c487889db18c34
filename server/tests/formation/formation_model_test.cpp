// Specification: the formation model (score parts, lead rule, constraints) and its two solvers.
#include "core/error.hpp"
#include "formation/calendar_rotation.hpp"
#include "formation/solver.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <random>
#include <set>

namespace lianjian::formation {
namespace {

UnitProfile unit(long long id, long long area, int members, std::vector<long long> tags = {},
                 OrganizationLevel level = OrganizationLevel::branch) {
    UnitProfile profile;
    profile.id = id;
    profile.name = "单位" + std::to_string(id);
    profile.office_area_id = area;
    profile.latitude = 30.0;
    profile.longitude = 104.0 + 0.01 * static_cast<double>(area);
    profile.party_member_count = members;
    profile.strength_tag_ids = std::move(tags);
    profile.organization_level = level;
    return profile;
}

std::set<std::set<long long>> id_groups(const Problem& problem, const Solution& solution) {
    std::set<std::set<long long>> result;
    for (const auto& group : solution.groups) {
        std::set<long long> ids;
        for (int index : group) ids.insert(problem.units[static_cast<std::size_t>(index)].id);
        result.insert(ids);
    }
    return result;
}

Problem random_problem(std::uint64_t seed, int units, int min_size, int max_size) {
    std::mt19937_64 random(seed);
    Problem problem;
    problem.min_size = min_size;
    problem.max_size = max_size;
    for (int i = 0; i < units; ++i) {
        std::vector<long long> tags;
        for (int t = 0; t < static_cast<int>(random() % 3); ++t) {
            tags.push_back(static_cast<long long>(random() % 6));
        }
        problem.units.push_back(unit(i + 1, static_cast<long long>(random() % 4),
                                     8 + static_cast<int>(random() % 40), tags));
    }
    return problem;
}

TEST(FormationScore, PartsOfHandBuiltGroupsHaveKnownValues) {
    // Given A and B in one area (10 and 20 members, tags {1,2} and {2}), C in another area at the
    // same point (40 members, tag {3}), and D in a third area without coordinates,
    std::vector<UnitProfile> units = {unit(1, 1, 10, {1, 2}), unit(2, 1, 20, {2}),
                                      unit(3, 2, 40, {3}), unit(4, 3, 40)};
    units[2].longitude = units[0].longitude;
    units[3].latitude.reset();
    units[3].longitude.reset();
    const Scorer scorer(units, {1, 1, 1});
    // when A and B are scored, then one area is adjacency 100, 10 of 20 members is size 50, and
    // two of the three tags is strengths 66.7; the total is their mean;
    const std::vector<int> ab = {0, 1};
    const auto score = scorer.score(ab);
    EXPECT_DOUBLE_EQ(score.adjacency, 100.0);
    EXPECT_DOUBLE_EQ(score.size, 50.0);
    EXPECT_NEAR(score.strengths, 200.0 / 3, 1e-9);
    EXPECT_NEAR(score.total, (100.0 + 50.0 + 200.0 / 3) / 3, 1e-9);
    EXPECT_EQ(score.tags_covered, (std::vector<long long>{1, 2}));
    // two areas at no distance count half; an area without coordinates counts nothing;
    const std::vector<int> ac = {0, 2};
    EXPECT_DOUBLE_EQ(scorer.score(ac).adjacency, 50.0);
    const std::vector<int> ad = {0, 3};
    EXPECT_DOUBLE_EQ(scorer.score(ad).adjacency, 0.0);
    // a second unit with a tag already in the group adds nothing to strengths;
    const std::vector<int> a = {0};
    EXPECT_DOUBLE_EQ(scorer.score(a).strengths, scorer.score(ab).strengths);
    // and the objective is the unit-weighted mean of the groups' totals.
    const std::vector<int> cd = {2, 3};
    EXPECT_NEAR(scorer.objective({ab, cd}),
                (2 * scorer.score(ab).total + 2 * scorer.score(cd).total) / 4, 1e-9);
}

TEST(FormationScore, WeightsAreNormalisedAndDistanceReducesAdjacency) {
    // Given two units in different areas 2.5 km apart (half the 5 km radius),
    std::vector<UnitProfile> units = {unit(1, 1, 10), unit(2, 2, 10)};
    units[1].longitude = *units[0].longitude + 2.5 / distance_km(30, 104, 30, 105);
    // then their pair counts 0.5 × (1 − 0.5) = 0.25, and weights 2:0:0 score adjacency alone.
    const Scorer scorer(units, {2, 0, 0});
    const std::vector<int> both = {0, 1};
    EXPECT_NEAR(scorer.score(both).adjacency, 25.0, 0.01);
    EXPECT_NEAR(scorer.score(both).total, 25.0, 0.01);
}

TEST(FormationLead, RuleIsOrganisationLevelThenPartyAffairsThenSize) {
    std::vector<UnitProfile> units = {unit(1, 1, 18), unit(2, 1, 32), unit(3, 1, 21)};
    units[0].organization_level = OrganizationLevel::party_committee;
    units[1].organization_level = OrganizationLevel::general_branch;
    const std::vector<int> all = {0, 1, 2};
    // Given a party committee among branches, it leads by organisation level;
    auto lead = choose_lead(units, all, default_lead_rule());
    EXPECT_EQ(lead.unit_id, 1);
    EXPECT_EQ(lead.reason, LeadReason::organization_level);
    // with the size first, the largest leads, and says so;
    lead = choose_lead(units, all,
                       {LeadCriterion::party_member_count, LeadCriterion::organization_level});
    EXPECT_EQ(lead.unit_id, 2);
    EXPECT_EQ(lead.reason, LeadReason::party_member_count);
    // at equal levels, party-affairs strengths decide;
    for (auto& profile : units) profile.organization_level = OrganizationLevel::branch;
    units[2].party_affairs_strengths = 1;
    lead = choose_lead(units, all, default_lead_rule());
    EXPECT_EQ(lead.unit_id, 3);
    EXPECT_EQ(lead.reason, LeadReason::party_affairs_strengths);
    // with everything equal, the smallest id;
    units[2].party_affairs_strengths = 0;
    for (auto& profile : units) profile.party_member_count = 20;
    lead = choose_lead(units, all, default_lead_rule());
    EXPECT_EQ(lead.unit_id, 1);
    EXPECT_EQ(lead.reason, LeadReason::unit_id);
    // and an alliance's lead stays its lead.
    units[1].leads_alliance = true;
    lead = choose_lead(units, all, default_lead_rule());
    EXPECT_EQ(lead.unit_id, 2);
    EXPECT_EQ(lead.reason, LeadReason::existing_alliance);
}

TEST(FormationConstraints, MustTogetherAndMustApartHoldInBothSolvers) {
    // Given eight units in two areas, sizes 4–4, unit 1 (area 0) must be with unit 8 (area 1),
    // and units 2 and 3 (both area 0) must be apart,
    Problem problem;
    problem.min_size = problem.max_size = 4;
    for (int i = 0; i < 8; ++i) problem.units.push_back(unit(i + 1, i < 4 ? 0 : 1, 20));
    problem.together = {{1, 8}};
    problem.apart = {{2, 3}};
    const auto blocks = make_blocks(problem);
    const Scorer scorer(problem.units, problem.weights);
    for (auto kind : {SolverKind::exact, SolverKind::heuristic}) {
        SuggestOptions options;
        options.force = kind;
        const auto solution = suggest(problem, blocks, scorer, options);
        // then both solvers keep 1 with 8 and 2 away from 3.
        ASSERT_TRUE(solution.found) << solver_name(kind);
        for (const auto& group : id_groups(problem, solution)) {
            EXPECT_EQ(group.count(1), group.count(8)) << solver_name(kind);
            EXPECT_FALSE(group.count(2) && group.count(3)) << solver_name(kind);
        }
    }
}

TEST(FormationConstraints, UnitsInAlliancesStayWithTheirAllianceAndKeepItsLead) {
    // Given units 1–3 in alliance 100 (unit 2 its lead) and units 4–6 in alliance 200, each
    // spread over two areas, and six free units, sizes 3–4,
    Problem problem;
    problem.min_size = 3;
    problem.max_size = 4;
    for (int i = 0; i < 12; ++i) problem.units.push_back(unit(i + 1, i % 2, 10 + i));
    for (int i = 0; i < 3; ++i) problem.units[static_cast<std::size_t>(i)].alliance_id = 100;
    for (int i = 3; i < 6; ++i) problem.units[static_cast<std::size_t>(i)].alliance_id = 200;
    problem.units[1].leads_alliance = true;
    const auto blocks = make_blocks(problem);
    const Scorer scorer(problem.units, problem.weights);
    for (auto kind : {SolverKind::exact, SolverKind::heuristic}) {
        SuggestOptions options;
        options.force = kind;
        const auto solution = suggest(problem, blocks, scorer, options);
        ASSERT_TRUE(solution.found);
        // then each alliance's units share one group, never the other alliance's,
        int alliance_groups = 0;
        for (const auto& group : solution.groups) {
            std::set<long long> alliances;
            for (int index : group) {
                if (auto alliance = problem.units[static_cast<std::size_t>(index)].alliance_id) {
                    alliances.insert(*alliance);
                }
            }
            EXPECT_LE(alliances.size(), 1u) << solver_name(kind);
            if (alliances.count(100)) {
                ++alliance_groups;
                EXPECT_EQ(choose_lead(problem.units, group, default_lead_rule()).unit_id, 2);
                EXPECT_TRUE(std::find(group.begin(), group.end(), 0) != group.end() &&
                            std::find(group.begin(), group.end(), 2) != group.end());
            }
        }
        EXPECT_EQ(alliance_groups, 1) << solver_name(kind);
    }
}

TEST(FormationConstraints, SeventeenUnitsInGroupsOfSixHaveNoAnswer) {
    // Given 17 units and sizes 6–6, then the question is refused with a Chinese message.
    Problem problem;
    problem.min_size = problem.max_size = 6;
    for (int i = 0; i < 17; ++i) problem.units.push_back(unit(i + 1, 0, 20));
    try {
        make_blocks(problem);
        FAIL() << "no error";
    } catch (const AppError& error) {
        EXPECT_EQ(error.code(), ErrorCode::validation_failed);
        EXPECT_NE(std::string(error.what()).find("17 个单位无法分成每组 6–6"), std::string::npos)
            << error.what();
    }
    // and 18 units in sizes 6–6 are fine.
    problem.units.push_back(unit(18, 0, 20));
    EXPECT_NO_THROW(make_blocks(problem));
}

TEST(FormationHeuristic, SameSeedSameAnswer) {
    // Given a 30-unit problem, when the heuristic runs twice with one seed (no time limit hit),
    const auto problem = random_problem(7, 30, 4, 6);
    const auto blocks = make_blocks(problem);
    const Scorer scorer(problem.units, problem.weights);
    HeuristicOptions options;
    options.seed = 42;
    options.rounds = 15;
    options.time_limit = std::chrono::seconds(120);
    const auto first = solve_heuristic(problem, blocks, scorer, options);
    const auto second = solve_heuristic(problem, blocks, scorer, options);
    // then the groupings are the same, and feasible.
    EXPECT_TRUE(first.found);
    EXPECT_EQ(first.groups, second.groups);
    EXPECT_DOUBLE_EQ(first.objective, second.objective);
}

// Every partition of the units into groups of allowed sizes, the best objective among them.
double brute_force(const Problem& problem, const Scorer& scorer) {
    const int count = static_cast<int>(problem.units.size());
    std::vector<std::vector<int>> groups;
    std::vector<bool> used(static_cast<std::size_t>(count), false);
    double best = -1;
    std::function<void()> place = [&]() {
        int first = 0;
        while (first < count && used[static_cast<std::size_t>(first)]) ++first;
        if (first == count) {
            best = std::max(best, scorer.objective(groups));
            return;
        }
        // Groups that start with the first unused unit, grown by later unused units.
        std::vector<int> group = {first};
        used[static_cast<std::size_t>(first)] = true;
        std::function<void(int)> grow = [&](int next) {
            if (static_cast<int>(group.size()) >= problem.min_size) {
                groups.push_back(group);
                place();
                groups.pop_back();
            }
            if (static_cast<int>(group.size()) == problem.max_size)
                return;
            for (int candidate = next; candidate < count; ++candidate) {
                if (used[static_cast<std::size_t>(candidate)])
                    continue;
                used[static_cast<std::size_t>(candidate)] = true;
                group.push_back(candidate);
                grow(candidate + 1);
                group.pop_back();
                used[static_cast<std::size_t>(candidate)] = false;
            }
        };
        grow(first + 1);
        used[static_cast<std::size_t>(first)] = false;
    };
    place();
    return best;
}

TEST(FormationExact, MatchesBruteForceOnSmallCases) {
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        // Given a random problem of 8–10 units in groups of 2–4,
        const auto problem = random_problem(seed, 8 + static_cast<int>(seed % 3), 2, 4);
        const auto blocks = make_blocks(problem);
        const Scorer scorer(problem.units, problem.weights);
        SuggestOptions options;
        options.force = SolverKind::exact;
        options.time_limit = std::chrono::seconds(60);
        const auto exact = suggest(problem, blocks, scorer, options);
        // then the exact solver proves the optimum that trying every partition finds.
        ASSERT_TRUE(exact.found);
        EXPECT_TRUE(exact.proven_optimal);
        EXPECT_NEAR(exact.objective, brute_force(problem, scorer), 1e-6) << "seed " << seed;
        EXPECT_NEAR(*exact.bound, exact.objective, 1e-6);
    }
}

TEST(FormationRotation, FairPlanWithoutClashes) {
    // Given five members, twelve monthly turns, unit 1 away January–June and unit 2 in July,
    CalendarRotationInput input;
    input.order = {1, 2, 3, 4, 5};
    for (int month = 1; month <= 12; ++month) input.turns.push_back({month, ""});
    input.calendars = {{1, {1, 2, 3, 4, 5, 6}, {}}, {2, {7}, {}}};
    const auto plan = plan_calendar_rotation(input);
    // then every turn has a host who is available, each hosts 2–3 times (12 ÷ 5 ± 1), and no
    // host takes two turns in a row.
    EXPECT_TRUE(plan.fair);
    EXPECT_TRUE(plan.complete);
    EXPECT_EQ(plan.minimum_turns, 2);
    EXPECT_EQ(plan.maximum_turns, 3);
    for (std::size_t turn = 0; turn < input.turns.size(); ++turn) {
        ASSERT_TRUE(plan.hosts[turn]);
        const auto host = *plan.hosts[turn];
        const auto calendar = std::find_if(input.calendars.begin(), input.calendars.end(),
                                           [&](const auto& c) { return c.unit_id == host; });
        if (calendar != input.calendars.end()) {
            EXPECT_TRUE(unit_available(*calendar, input.turns[turn]));
        }
    }
    for (const auto& [unit_id, turns] : plan.turns_per_unit) {
        EXPECT_GE(turns, 2) << unit_id;
        EXPECT_LE(turns, 3) << unit_id;
    }
    EXPECT_EQ(plan.repeated_hosts, 0);
}

TEST(FormationRotation, SaysPlainlyWhyNoFairAssignmentExists) {
    // Given unit 1 free only in December (it would need at least 2 of 12 turns),
    CalendarRotationInput input;
    input.order = {1, 2, 3, 4, 5};
    for (int month = 1; month <= 12; ++month) input.turns.push_back({month, ""});
    input.calendars = {{1, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, {}}};
    auto plan = plan_calendar_rotation(input);
    // then the plan is not fair, says which unit is short and why, and still has no clash.
    EXPECT_FALSE(plan.fair);
    ASSERT_FALSE(plan.problems.empty());
    EXPECT_EQ(plan.problems[0].kind, "unit_short_of_turns");
    EXPECT_EQ(plan.problems[0].unit_id, 1);
    EXPECT_NE(plan.problems[0].message.find("只有 1 次"), std::string::npos);
    EXPECT_TRUE(plan.complete);
    for (std::size_t turn = 0; turn + 1 < input.turns.size(); ++turn) {
        EXPECT_NE(plan.hosts[turn], 1);
    }
    // Given a date on which every member is away, that turn has no host and is named.
    input.turns = {{3, "2026-03-08"}, {4, ""}};
    input.calendars.clear();
    for (long long unit_id : input.order) input.calendars.push_back({unit_id, {}, {"2026-03-08"}});
    plan = plan_calendar_rotation(input);
    EXPECT_FALSE(plan.complete);
    EXPECT_EQ(plan.problems[0].kind, "turn_without_host");
    EXPECT_EQ(plan.problems[0].turn, 0);
    EXPECT_FALSE(plan.hosts[0]);
    EXPECT_TRUE(plan.hosts[1]);
}

}  // namespace
}  // namespace lianjian::formation

namespace lianjian::formation {
namespace {

TEST(FormationExact, ReducedCostFixingKeepsTheOptimumWhateverTheIncumbent) {
    for (std::uint64_t seed = 11; seed <= 13; ++seed) {
        // Given a district of 15 units in groups of 4–6, solved without an incumbent,
        const auto problem = random_problem(seed, 15, 4, 6);
        const auto blocks = make_blocks(problem);
        const Scorer scorer(problem.units, problem.weights);
        const auto columns = feasible_groups(problem, blocks, 1000000);
        ASSERT_TRUE(columns.has_value());
        const auto plain = solve_exact(problem, blocks, scorer, *columns, std::chrono::seconds(60));
        ASSERT_TRUE(plain.proven_optimal);
        EXPECT_EQ(plain.kept_columns, plain.columns);
        // when the heuristic's answer or the poor greedy one is the incumbent,
        HeuristicOptions quick;
        quick.rounds = 5;
        bool good = true;  // the heuristic's first, then the greedy one
        for (const auto& incumbent : {solve_heuristic(problem, blocks, scorer, quick),
                                      greedy_baseline(problem, blocks, scorer)}) {
            if (!incumbent.found)
                continue;
            const auto reduced = solve_exact(problem, blocks, scorer, *columns,
                                             std::chrono::seconds(60), &incumbent);
            // then the optimum is the same and proven, on fewer groups.
            ASSERT_TRUE(reduced.proven_optimal) << "seed " << seed;
            EXPECT_NEAR(reduced.objective, plain.objective, 1e-9) << "seed " << seed;
            EXPECT_GE(reduced.objective, incumbent.objective - 1e-9);
            if (good) {
                EXPECT_LT(reduced.kept_columns, reduced.columns) << "seed " << seed;
            }
            good = false;
        }
    }
}

}  // namespace
}  // namespace lianjian::formation
