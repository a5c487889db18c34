#include "formation/calendar_rotation.hpp"

#include <CbcModel.hpp>
#include <CoinPackedMatrix.hpp>
#include <CoinPackedVector.hpp>
#include <OsiClpSolverInterface.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace lianjian::formation {

bool unit_available(const UnitCalendar& calendar, const RotationTurnSlot& slot) {
    if (std::find(calendar.unavailable_months.begin(), calendar.unavailable_months.end(),
                  slot.month) != calendar.unavailable_months.end()) {
        return false;
    }
    return slot.date.empty() ||
           std::find(calendar.unavailable_dates.begin(), calendar.unavailable_dates.end(),
                     slot.date) == calendar.unavailable_dates.end();
}

namespace {

enum class Fairness { required, preferred };

// A MIP built column by column; rows are added with their bounds first.
struct Mip {
    std::vector<double> row_lower, row_upper;
    std::vector<CoinPackedVector> columns;
    std::vector<double> cost, column_upper;
    std::vector<bool> integer;

    int row(double lower, double upper) {
        row_lower.push_back(lower);
        row_upper.push_back(upper);
        return static_cast<int>(row_lower.size()) - 1;
    }
    int column(double objective, double upper, bool is_integer) {
        columns.emplace_back();
        cost.push_back(objective);
        column_upper.push_back(upper);
        integer.push_back(is_integer);
        return static_cast<int>(columns.size()) - 1;
    }
    void set(int row_index, int column_index, double value) {
        columns[static_cast<std::size_t>(column_index)].insert(row_index, value);
    }

    // The optimal values, or nothing when infeasible.
    std::optional<std::vector<double>> solve() const {
        CoinPackedMatrix matrix(true, 0, 0);
        matrix.setDimensions(static_cast<int>(row_lower.size()), 0);
        for (const auto& entries : columns) matrix.appendCol(entries);
        std::vector<double> lower(columns.size(), 0.0);
        OsiClpSolverInterface lp;
        lp.messageHandler()->setLogLevel(0);
        lp.loadProblem(matrix, lower.data(), column_upper.data(), cost.data(), row_lower.data(),
                       row_upper.data());
        for (std::size_t i = 0; i < integer.size(); ++i) {
            if (integer[i])
                lp.setInteger(static_cast<int>(i));
        }
        CbcModel model(lp);
        model.setLogLevel(0);
        model.messageHandler()->setLogLevel(0);
        model.setMaximumSeconds(20);
        model.branchAndBound();
        if (model.isProvenInfeasible() || model.bestSolution() == nullptr)
            return std::nullopt;
        return std::vector<double>(model.bestSolution(), model.bestSolution() + columns.size());
    }
};

}  // namespace

CalendarRotation plan_calendar_rotation(const CalendarRotationInput& input) {
    CalendarRotation result;
    const int turns = static_cast<int>(input.turns.size());
    const int units = static_cast<int>(input.order.size());
    result.hosts.assign(static_cast<std::size_t>(turns), std::nullopt);
    if (units == 0 || turns == 0) {
        result.fair = result.complete = true;
        return result;
    }
    result.fair_share = static_cast<double>(turns) / units;
    const int floor_share = turns / units;
    const int ceil_share = (turns + units - 1) / units;
    result.minimum_turns = std::max(0, ceil_share - 1);
    result.maximum_turns = floor_share + 1;

    std::map<long long, UnitCalendar> calendar_of;
    for (const auto& calendar : input.calendars) calendar_of[calendar.unit_id] = calendar;
    std::vector<std::vector<bool>> available(static_cast<std::size_t>(turns),
                                             std::vector<bool>(static_cast<std::size_t>(units)));
    std::vector<int> available_turns(static_cast<std::size_t>(units), 0);
    for (int s = 0; s < turns; ++s) {
        bool anyone = false;
        for (int u = 0; u < units; ++u) {
            auto found = calendar_of.find(input.order[static_cast<std::size_t>(u)]);
            const bool free =
                found == calendar_of.end() ||
                unit_available(found->second, input.turns[static_cast<std::size_t>(s)]);
            available[static_cast<std::size_t>(s)][static_cast<std::size_t>(u)] = free;
            if (free) {
                anyone = true;
                ++available_turns[static_cast<std::size_t>(u)];
            }
        }
        if (!anyone) {
            result.problems.push_back(
                {"turn_without_host", s, std::nullopt,
                 "第 " + std::to_string(s + 1) + " 次轮值（" +
                     std::to_string(input.turns[static_cast<std::size_t>(s)].month) +
                     " 月）所有成员单位都不可用，无人可承办"});
        }
    }
    for (int u = 0; u < units; ++u) {
        if (available_turns[static_cast<std::size_t>(u)] < result.minimum_turns) {
            result.problems.push_back(
                {"unit_short_of_turns", std::nullopt, input.order[static_cast<std::size_t>(u)],
                 "该单位只有 " + std::to_string(available_turns[static_cast<std::size_t>(u)]) +
                     " 次轮值可以承办，少于公平份额所要求的至少 " +
                     std::to_string(result.minimum_turns) + " 次"});
        }
    }

    const auto build = [&](Fairness fairness) {
        Mip mip;
        std::vector<int> cover(static_cast<std::size_t>(turns), -1);
        for (int s = 0; s < turns; ++s) {
            if (std::find(available[static_cast<std::size_t>(s)].begin(),
                          available[static_cast<std::size_t>(s)].end(),
                          true) != available[static_cast<std::size_t>(s)].end()) {
                cover[static_cast<std::size_t>(s)] = mip.row(1, 1);
            }
        }
        std::vector<int> load(static_cast<std::size_t>(units));
        for (int u = 0; u < units; ++u) {
            load[static_cast<std::size_t>(u)] =
                fairness == Fairness::required ? mip.row(result.minimum_turns, result.maximum_turns)
                                               : mip.row(-1e30, 1e30);
        }
        std::vector<std::vector<int>> x(static_cast<std::size_t>(turns),
                                        std::vector<int>(static_cast<std::size_t>(units), -1));
        for (int s = 0; s < turns; ++s) {
            for (int u = 0; u < units; ++u) {
                if (!available[static_cast<std::size_t>(s)][static_cast<std::size_t>(u)])
                    continue;
                // Rotating in the hosting order is preferred, slightly.
                const double order_cost = 0.01 * ((u - s % units + units) % units) / units;
                const int column = mip.column(order_cost, 1, true);
                x[static_cast<std::size_t>(s)][static_cast<std::size_t>(u)] = column;
                mip.set(cover[static_cast<std::size_t>(s)], column, 1);
                mip.set(load[static_cast<std::size_t>(u)], column, 1);
            }
        }
        for (int u = 0; u < units; ++u) {
            const int row = load[static_cast<std::size_t>(u)];
            // over ≥ load − ⌈S/U⌉ and under ≥ ⌊S/U⌋ − load: turns away from the even share.
            const int over_row = mip.row(-1e30, ceil_share);
            const int under_row = mip.row(floor_share, 1e30);
            for (int s = 0; s < turns; ++s) {
                const int column = x[static_cast<std::size_t>(s)][static_cast<std::size_t>(u)];
                if (column < 0)
                    continue;
                mip.set(over_row, column, 1);
                mip.set(under_row, column, 1);
            }
            mip.set(over_row, mip.column(100, 1e30, false), -1);
            mip.set(under_row, mip.column(100, 1e30, false), 1);
            if (fairness == Fairness::preferred) {
                // Beyond ±1 costs far more than anything else.
                const int beyond_over = mip.row(-1e30, result.maximum_turns);
                const int beyond_under = mip.row(result.minimum_turns, 1e30);
                for (int s = 0; s < turns; ++s) {
                    const int column = x[static_cast<std::size_t>(s)][static_cast<std::size_t>(u)];
                    if (column < 0)
                        continue;
                    mip.set(beyond_over, column, 1);
                    mip.set(beyond_under, column, 1);
                }
                mip.set(beyond_over, mip.column(100000, 1e30, false), -1);
                mip.set(beyond_under, mip.column(100000, 1e30, false), 1);
            }
            (void)row;
        }
        // repeat ≥ x[s][u] + x[s+1][u] − 1: the same host twice in a row.
        for (int s = 0; s + 1 < turns; ++s) {
            for (int u = 0; u < units; ++u) {
                const int a = x[static_cast<std::size_t>(s)][static_cast<std::size_t>(u)];
                const int b = x[static_cast<std::size_t>(s + 1)][static_cast<std::size_t>(u)];
                if (a < 0 || b < 0)
                    continue;
                const int row = mip.row(-1e30, 1);
                mip.set(row, a, 1);
                mip.set(row, b, 1);
                mip.set(row, mip.column(10, 1, false), -1);
            }
        }
        return std::make_pair(mip, x);
    };

    const bool hopeless = !result.problems.empty();
    auto [fair_mip, fair_x] = build(Fairness::required);
    std::optional<std::vector<double>> values;
    auto x = fair_x;
    if (!hopeless)
        values = fair_mip.solve();
    if (values) {
        result.fair = true;
    } else {
        if (result.problems.empty()) {
            result.problems.push_back({"no_fair_assignment", std::nullopt, std::nullopt,
                                       "各单位不可用的日期相互冲突，无法让每个单位承办 " +
                                           std::to_string(result.minimum_turns) + "–" +
                                           std::to_string(result.maximum_turns) +
                                           " 次（公平份额 ±1）；下面是不冲突、尽量公平的安排"});
        }
        auto [relaxed_mip, relaxed_x] = build(Fairness::preferred);
        values = relaxed_mip.solve();
        x = relaxed_x;
    }
    std::map<long long, int> count;
    for (long long unit : input.order) count[unit] = 0;
    result.complete = true;
    for (int s = 0; s < turns; ++s) {
        for (int u = 0; u < units && values; ++u) {
            const int column = x[static_cast<std::size_t>(s)][static_cast<std::size_t>(u)];
            if (column >= 0 && (*values)[static_cast<std::size_t>(column)] > 0.5) {
                result.hosts[static_cast<std::size_t>(s)] =
                    input.order[static_cast<std::size_t>(u)];
                ++count[input.order[static_cast<std::size_t>(u)]];
            }
        }
        if (!result.hosts[static_cast<std::size_t>(s)])
            result.complete = false;
        if (s > 0 && result.hosts[static_cast<std::size_t>(s)] &&
            result.hosts[static_cast<std::size_t>(s)] ==
                result.hosts[static_cast<std::size_t>(s - 1)]) {
            ++result.repeated_hosts;
        }
    }
    for (long long unit : input.order) result.turns_per_unit.emplace_back(unit, count[unit]);
    return result;
}

}  // namespace lianjian::formation
