// Figures for 联盟组建建议 and calendar-aware rotation (`make bench-formation`). It prints what it
// measures; nothing here is a timed assertion.
// Usage: formation_bench [instances=50] [city units=2000] [calendars=1000]
#include "app/application.hpp"
#include "core/clock.hpp"
#include "demo/demo_data.hpp"
#include "formation/calendar_rotation.hpp"
#include "formation/formation_service.hpp"
#include "formation/solver.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>

using namespace lianjian;
using namespace lianjian::formation;
using BenchClock = std::chrono::steady_clock;

namespace {

double seconds_since(BenchClock::time_point start) {
    return std::chrono::duration<double>(BenchClock::now() - start).count();
}

// 1. The demo's 14 units, loaded into a fresh database the way `lianjian demo` loads them.
bool demo_check() {
    const auto folder = std::filesystem::temp_directory_path() /
                        ("lianjian-formation-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    bool same = true;
    {
        app::Config config;
        config.data_dir = folder;
        config.database_url = "sqlite:" + (folder / "bench.db").string();
        config.account_policy.hash_cost = accounts::HashCost::minimum;
        app::Application application(config);
        auto& services = application.services();
        demo::load_demo(services, std::string("Bench-Pass-2026"));
        FormationService service(services.database, services.audit, services.registry,
                                 services.alliances);
        SuggestionRequest request;
        std::map<long long, std::string> names;
        // Held in a variable: a range-for over a member of a temporary reads freed memory.
        const auto units = services.registry.list_units({.page_size = 100});
        for (const auto& unit : units->items) {
            request.unit_ids.push_back(unit.id);
            names[unit.id] = unit.name;
        }
        request.keep_existing_alliances = false;  // group the 14 afresh
        const auto start = BenchClock::now();
        const auto suggestion = service.suggest(request);
        const double took = seconds_since(start);
        std::set<std::set<long long>> seed_alliances;
        std::set<long long> seed_leads;
        for (const auto& alliance : services.alliances.list(today_date())) {
            std::set<long long> members;
            for (const auto& member : alliance.members) members.insert(member.unit.id);
            seed_alliances.insert(members);
            seed_leads.insert(alliance.lead_unit.id);
        }
        std::set<std::set<long long>> suggested;
        std::set<long long> leads;
        std::printf("demo: %zu units, solver %s, proven optimal %s, objective %.3f, %.2f s\n",
                    request.unit_ids.size(), solver_name(suggestion.solver),
                    suggestion.proven_optimal ? "yes" : "no", suggestion.objective, took);
        for (const auto& group : suggestion.groups) {
            suggested.insert(std::set<long long>(group.unit_ids.begin(), group.unit_ids.end()));
            leads.insert(group.lead.unit_id);
            std::printf("  lead %s (%s), total %.1f = adjacency %.1f, size %.1f, strengths %.1f:",
                        names[group.lead.unit_id].c_str(), lead_reason_name(group.lead.reason),
                        group.score.total, group.score.adjacency, group.score.size,
                        group.score.strengths);
            for (long long id : group.unit_ids) std::printf(" %s", names[id].c_str());
            std::printf("\n");
        }
        same = suggested == seed_alliances && leads == seed_leads;
        std::printf("demo: groups %s the seed's three alliances; leads %s the seed's\n",
                    suggested == seed_alliances ? "ARE" : "are NOT",
                    leads == seed_leads ? "are" : "are NOT");
    }
    std::filesystem::remove_all(folder);
    return same;
}

// A district or a city: office areas scattered over ~15 km, units in them with invented sizes,
// organisation levels and strengths.
Problem generate(std::mt19937_64& random, int units, int min_size, int max_size) {
    Problem problem;
    problem.min_size = min_size;
    problem.max_size = max_size;
    const int areas = std::max(2, units / 5);
    std::uniform_real_distribution<double> offset(-0.07, 0.07);
    std::vector<std::pair<double, double>> places;
    for (int a = 0; a < areas; ++a)
        places.emplace_back(30.57 + offset(random), 104.06 + offset(random));
    std::uniform_int_distribution<int> area_of(0, areas - 1), members(8, 60), tag_count(0, 3),
        tag(1, 12), level(1, 3);
    for (int u = 0; u < units; ++u) {
        UnitProfile unit;
        unit.id = u + 1;
        unit.name = "unit " + std::to_string(u + 1);
        const int area = area_of(random);
        unit.office_area_id = area + 1;
        unit.latitude = places[static_cast<std::size_t>(area)].first;
        unit.longitude = places[static_cast<std::size_t>(area)].second;
        unit.party_member_count = members(random);
        unit.organization_level = static_cast<OrganizationLevel>(level(random));
        const int tags = tag_count(random);
        for (int t = 0; t < tags; ++t) unit.strength_tag_ids.push_back(tag(random));
        problem.units.push_back(std::move(unit));
    }
    return problem;
}

// 2. Heuristic against the proven optimum on districts of 12–24 units.
void district_check(int instances) {
    std::mt19937_64 random(13);
    int matched = 0, proven = 0;
    double worst_gap = 0, worst_heuristic_seconds = 0, worst_exact_seconds = 0;
    for (int i = 0; i < instances; ++i) {
        const int units = 12 + static_cast<int>(random() % 13);
        const auto problem = generate(random, units, 4, 6);
        const auto blocks = make_blocks(problem);
        const Scorer scorer(problem.units, problem.weights);
        SuggestOptions exact_options;
        exact_options.force = SolverKind::exact;
        exact_options.time_limit = std::chrono::seconds(30);
        auto start = BenchClock::now();
        const auto exact = suggest(problem, blocks, scorer, exact_options);
        worst_exact_seconds = std::max(worst_exact_seconds, seconds_since(start));
        HeuristicOptions heuristic_options;
        heuristic_options.time_limit = std::chrono::seconds(1);
        start = BenchClock::now();
        const auto heuristic = solve_heuristic(problem, blocks, scorer, heuristic_options);
        worst_heuristic_seconds = std::max(worst_heuristic_seconds, seconds_since(start));
        if (exact.proven_optimal)
            ++proven;
        const double gap = exact.objective - heuristic.objective;
        if (gap <= 1e-6)
            ++matched;
        worst_gap = std::max(worst_gap, gap);
    }
    std::printf(
        "districts: %d instances of 12–24 units: exact proved %d; heuristic matched the proven "
        "optimum on %d/%d, worst gap %.4f points; slowest exact %.2f s, slowest heuristic %.2f s\n",
        instances, proven, matched, instances, worst_gap, worst_exact_seconds,
        worst_heuristic_seconds);
}

// 3. A city: the heuristic in 2 s beside the greedy baseline.
void city_check(int units) {
    std::mt19937_64 random(2000);
    const auto problem = generate(random, units, 4, 6);
    const auto blocks = make_blocks(problem);
    const Scorer scorer(problem.units, problem.weights);
    auto start = BenchClock::now();
    const auto greedy = greedy_baseline(problem, blocks, scorer);
    const double greedy_seconds = seconds_since(start);
    HeuristicOptions options;
    options.time_limit = std::chrono::milliseconds(1900);
    start = BenchClock::now();
    const auto heuristic = solve_heuristic(problem, blocks, scorer, options);
    const double heuristic_seconds = seconds_since(start);
    // An upper bound that needs no model: no group can score more than its best parts allow.
    // (The LP relaxation of the set-partitioning model needs every feasible group as a column:
    // ~10^17 of them for a city, so it is not available here.)
    std::printf(
        "city: %d units: heuristic %.3f in %.2f s (%lld local searches, feasible %s); greedy "
        "baseline %.3f in %.3f s (feasible %s); LP bound: not available at this size\n",
        units, heuristic.objective, heuristic_seconds, heuristic.iterations,
        heuristic.found ? "yes" : "no", greedy.objective, greedy_seconds,
        greedy.found ? "yes" : "no");
}

// 4. Rotation against 1,000 random calendars.
void rotation_check(int calendars) {
    std::mt19937_64 random(1000);
    int fair = 0, unfair = 0, clashes = 0, outside = 0, incomplete = 0, repeats = 0;
    double slowest = 0;
    for (int c = 0; c < calendars; ++c) {
        CalendarRotationInput input;
        const int members = 4 + static_cast<int>(random() % 3);
        for (int u = 0; u < members; ++u) input.order.push_back(u + 1);
        const int turns = 4 + static_cast<int>(random() % 9);
        for (int t = 0; t < turns; ++t) {
            input.turns.push_back({1 + static_cast<int>(t * 12 / turns), ""});
        }
        for (int u = 0; u < members; ++u) {
            UnitCalendar calendar;
            calendar.unit_id = u + 1;
            for (int month = 1; month <= 12; ++month) {
                if (random() % 100 < 30)
                    calendar.unavailable_months.push_back(month);
            }
            input.calendars.push_back(calendar);
        }
        const auto start = BenchClock::now();
        const auto plan = plan_calendar_rotation(input);
        slowest = std::max(slowest, seconds_since(start));
        plan.fair ? ++fair : ++unfair;
        if (!plan.complete)
            ++incomplete;
        repeats += plan.repeated_hosts;
        for (std::size_t t = 0; t < input.turns.size(); ++t) {
            if (!plan.hosts[t])
                continue;
            const auto& calendar = input.calendars[static_cast<std::size_t>(*plan.hosts[t] - 1)];
            if (!unit_available(calendar, input.turns[t]))
                ++clashes;
        }
        if (plan.fair) {
            for (const auto& [unit, count] : plan.turns_per_unit) {
                if (count < plan.minimum_turns || count > plan.maximum_turns)
                    ++outside;
            }
        }
    }
    std::printf(
        "rotation: %d random calendars: fair assignment exists for %d (all within ±1: %s), not "
        "for %d (each with a reason); %d clashes; %d with a turn nobody can host; %d repeated "
        "hosts in a row in all; slowest %.3f s\n",
        calendars, fair, outside == 0 ? "yes" : "NO", unfair, clashes, incomplete, repeats,
        slowest);
}

}  // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    const int instances = argc > 1 ? std::stoi(argv[1]) : 50;
    const int city = argc > 2 ? std::stoi(argv[2]) : 2000;
    const int calendars = argc > 3 ? std::stoi(argv[3]) : 1000;
    const bool demo_same = demo_check();
    if (instances > 0)
        district_check(instances);
    if (city > 0)
        city_check(city);
    if (calendars > 0)
        rotation_check(calendars);
    return demo_same ? 0 : 1;
}
