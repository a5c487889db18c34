#pragma once

#include <optional>
#include <string>
#include <vector>

namespace lianjian::formation {

// 轮值 against calendars: who hosts each planned turn of a year when units are unavailable on
// some dates or months. Solved as a small MIP with CBC:
//   x[turn][unit] ∈ {0,1}, only where the unit is available;  Σ_unit x = 1 for every turn;
//   ⌈S/U⌉ − 1 ≤ Σ_turn x[·][unit] ≤ ⌊S/U⌋ + 1 (within ±1 of the fair share S/U);
//   minimise: turns away from ⌊S/U⌋…⌈S/U⌉ (weight 100), the same host twice in a row (weight
//   10), and a small preference for the hosting order.

struct RotationTurnSlot {
    int month = 0;     // 1–12
    std::string date;  // "YYYY-MM-DD" when the activity has a date, else empty
};

struct UnitCalendar {
    long long unit_id = 0;
    std::vector<int> unavailable_months;
    std::vector<std::string> unavailable_dates;
};

struct CalendarRotationInput {
    std::vector<long long> order;  // the members in hosting order
    std::vector<RotationTurnSlot> turns;
    std::vector<UnitCalendar> calendars;
};

// Why a fair assignment does not exist, in Chinese, with the unit or turn it concerns.
struct RotationProblem {
    std::string kind;         // "turn_without_host" | "unit_short_of_turns" | "no_fair_assignment"
    std::optional<int> turn;  // 0-based
    std::optional<long long> unit_id;
    std::string message;
};

struct CalendarRotation {
    bool fair = false;                            // every unit within ±1 of its fair share
    bool complete = false;                        // every turn has a host
    std::vector<std::optional<long long>> hosts;  // per turn
    double fair_share = 0;
    int minimum_turns = 0;  // the ±1 bounds
    int maximum_turns = 0;
    std::vector<std::pair<long long, int>> turns_per_unit;
    int repeated_hosts = 0;  // consecutive turns with the same host
    std::vector<RotationProblem> problems;
};

bool unit_available(const UnitCalendar& calendar, const RotationTurnSlot& slot);

// The plan; when no fair one exists it says why and still gives the fairest plan without a clash
// (or leaves a turn with no available unit empty).
CalendarRotation plan_calendar_rotation(const CalendarRotationInput& input);

}  // namespace lianjian::formation
