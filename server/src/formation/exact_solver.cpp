#include "formation/solver.hpp"

#include <CbcModel.hpp>
#include <CoinPackedMatrix.hpp>
#include <CoinPackedVector.hpp>
#include <OsiClpSolverInterface.hpp>

#include <algorithm>
#include <cmath>

namespace lianjian::formation {

const char* solver_name(SolverKind kind) {
    return kind == SolverKind::exact ? "exact" : "heuristic";
}

std::optional<std::vector<std::vector<int>>> feasible_groups(const Problem& problem,
                                                             const Blocks& blocks, long long cap) {
    std::vector<std::vector<int>> columns;
    const int block_count = static_cast<int>(blocks.members.size());
    std::vector<int> chosen;
    bool over = false;
    // Depth-first over blocks in index order: each group is found once, as its block set.
    const auto extend = [&](auto&& self, int next, int size) -> void {
        if (over)
            return;
        if (size >= problem.min_size) {
            std::vector<int> group;
            for (int block : chosen) {
                const auto& members = blocks.members[static_cast<std::size_t>(block)];
                group.insert(group.end(), members.begin(), members.end());
            }
            std::sort(group.begin(), group.end());
            columns.push_back(std::move(group));
            if (static_cast<long long>(columns.size()) > cap) {
                over = true;
                return;
            }
        }
        for (int block = next; block < block_count; ++block) {
            const int block_size =
                static_cast<int>(blocks.members[static_cast<std::size_t>(block)].size());
            if (size + block_size > problem.max_size)
                continue;
            bool allowed = true;
            for (int other : chosen) {
                if (blocks
                        .apart[static_cast<std::size_t>(block)][static_cast<std::size_t>(other)]) {
                    allowed = false;
                    break;
                }
            }
            if (!allowed)
                continue;
            chosen.push_back(block);
            self(self, block + 1, size + block_size);
            chosen.pop_back();
        }
    };
    extend(extend, 0, 0);
    if (over)
        return std::nullopt;
    return columns;
}

namespace {

// The CBC model of set partitioning over `columns`: one row per block, each column covering the
// blocks of its group, costing the negated contribution (CBC minimises).
OsiClpSolverInterface set_partitioning(const Blocks& blocks, const Scorer& scorer,
                                       const std::vector<std::vector<int>>& columns,
                                       const std::vector<std::size_t>& chosen) {
    const int rows = static_cast<int>(blocks.members.size());
    CoinPackedMatrix matrix(true, 0, 0);
    matrix.setDimensions(rows, 0);
    std::vector<double> objective;
    objective.reserve(chosen.size());
    for (const std::size_t index : chosen) {
        std::vector<int> block_rows;
        for (int member : columns[index]) {
            block_rows.push_back(blocks.block_of[static_cast<std::size_t>(member)]);
        }
        std::sort(block_rows.begin(), block_rows.end());
        block_rows.erase(std::unique(block_rows.begin(), block_rows.end()), block_rows.end());
        CoinPackedVector entries;
        for (int row : block_rows) entries.insert(row, 1.0);
        matrix.appendCol(entries);
        objective.push_back(-scorer.contribution(columns[index]));
    }
    std::vector<double> column_lower(chosen.size(), 0.0), column_upper(chosen.size(), 1.0);
    std::vector<double> row_lower(static_cast<std::size_t>(rows), 1.0),
        row_upper(static_cast<std::size_t>(rows), 1.0);
    OsiClpSolverInterface lp;
    lp.messageHandler()->setLogLevel(0);
    lp.loadProblem(matrix, column_lower.data(), column_upper.data(), objective.data(),
                   row_lower.data(), row_upper.data());
    return lp;
}

// The columns that may still be part of a grouping costing at most `incumbent_cost`, by the LP
// relaxation's duals and reduced costs; every column when the LP gives no certificate.
std::vector<std::size_t> reduced_cost_survivors(OsiClpSolverInterface& lp, std::size_t count,
                                                double incumbent_cost) {
    std::vector<std::size_t> all(count);
    for (std::size_t i = 0; i < count; ++i) all[i] = i;
    lp.initialSolve();
    if (!lp.isProvenOptimal()) {
        return all;
    }
    const double* duals = lp.getRowPrice();
    const double* reduced = lp.getReducedCost();
    double base = 0;
    for (int row = 0; row < lp.getNumRows(); ++row) base += duals[row];
    for (std::size_t i = 0; i < count; ++i) base += std::min(reduced[i], 0.0);
    // A tolerance well above the LP's keeps every column that could tie with the incumbent.
    const double tolerance = 1e-6 * (1.0 + std::abs(incumbent_cost));
    std::vector<std::size_t> kept;
    for (std::size_t i = 0; i < count; ++i) {
        if (base + std::max(reduced[i], 0.0) <= incumbent_cost + tolerance) {
            kept.push_back(i);
        }
    }
    return kept;
}

}  // namespace

Solution solve_exact(const Problem& problem, const Blocks& blocks, const Scorer& scorer,
                     const std::vector<std::vector<int>>& columns,
                     std::chrono::milliseconds time_limit, const Solution* incumbent) {
    Solution solution;
    solution.solver = SolverKind::exact;
    solution.columns = static_cast<long long>(columns.size());
    if (columns.empty()) {
        solution.bound = 0;
        return solution;
    }
    std::vector<std::size_t> chosen(columns.size());
    for (std::size_t i = 0; i < columns.size(); ++i) chosen[i] = i;
    const bool has_incumbent = incumbent != nullptr && incumbent->found;
    if (has_incumbent) {
        auto relaxation = set_partitioning(blocks, scorer, columns, chosen);
        chosen = reduced_cost_survivors(relaxation, columns.size(),
                                        -scorer.objective(incumbent->groups));
        // The incumbent's groups are kept by the argument above; kept explicitly all the same,
        // so that the model always has the incumbent as a solution.
        for (const auto& group : incumbent->groups) {
            const auto found = std::find(columns.begin(), columns.end(), group);
            if (found != columns.end()) {
                const auto index = static_cast<std::size_t>(found - columns.begin());
                if (!std::binary_search(chosen.begin(), chosen.end(), index)) {
                    chosen.insert(std::lower_bound(chosen.begin(), chosen.end(), index), index);
                }
            }
        }
    }
    solution.kept_columns = static_cast<long long>(chosen.size());
    auto lp = set_partitioning(blocks, scorer, columns, chosen);
    for (int column = 0; column < static_cast<int>(chosen.size()); ++column) {
        lp.setInteger(column);
    }
    CbcModel model(lp);
    // Plain branch-and-bound on the set-partitioning model: measured faster here than CBC's
    // standalone defaults (CbcMain), whose preprocessing and cuts cost more than they save.
    model.setLogLevel(0);
    model.messageHandler()->setLogLevel(0);
    model.setMaximumSeconds(std::max(0.05, static_cast<double>(time_limit.count()) / 1000.0));
    if (has_incumbent) {
        std::vector<double> start(chosen.size(), 0.0);
        for (std::size_t k = 0; k < chosen.size(); ++k) {
            const auto& group = columns[chosen[k]];
            if (std::find(incumbent->groups.begin(), incumbent->groups.end(), group) !=
                incumbent->groups.end()) {
                start[k] = 1.0;
            }
        }
        model.setBestSolution(start.data(), static_cast<int>(start.size()),
                              -scorer.objective(incumbent->groups), true);
    }
    model.branchAndBound();
    const double* best = model.bestSolution();
    if (best != nullptr) {
        for (std::size_t k = 0; k < chosen.size(); ++k) {
            if (best[k] > 0.5)
                solution.groups.push_back(columns[chosen[k]]);
        }
        std::sort(solution.groups.begin(), solution.groups.end());
        solution.found = feasible(problem, blocks, solution.groups);
        solution.objective = scorer.objective(solution.groups);
    }
    solution.proven_optimal = solution.found && model.isProvenOptimal();
    if (solution.proven_optimal) {
        solution.bound = solution.objective;
    } else if (!model.isProvenInfeasible()) {
        solution.bound = -model.getBestPossibleObjValue();
    } else {
        solution.bound.reset();
    }
    return solution;
}

Solution suggest(const Problem& problem, const Blocks& blocks, const Scorer& scorer,
                 const SuggestOptions& options) {
    const bool may_use_exact = options.force != SolverKind::heuristic;
    std::optional<std::vector<std::vector<int>>> columns;
    if (may_use_exact) {
        columns = feasible_groups(problem, blocks,
                                  options.force == SolverKind::exact
                                      ? std::numeric_limits<long long>::max()
                                      : options.exact_column_limit);
    }
    HeuristicOptions heuristic;
    heuristic.seed = options.seed;
    heuristic.time_limit = options.time_limit;
    if (!columns) {
        return solve_heuristic(problem, blocks, scorer, heuristic);
    }
    // The heuristic's answer, found in a fraction of the time, is the exact solver's incumbent.
    HeuristicOptions first = heuristic;
    first.time_limit = std::max(std::chrono::milliseconds(100), options.time_limit / 10);
    first.rounds = 30;
    const auto incumbent = solve_heuristic(problem, blocks, scorer, first);
    auto exact = solve_exact(problem, blocks, scorer, *columns, options.time_limit, &incumbent);
    if (exact.proven_optimal || options.force == SolverKind::exact) {
        return exact;
    }
    // Stopped at the time limit (or no grouping found in time): the heuristic may do better;
    // the exact solver's bound still holds.
    heuristic.time_limit = std::max(std::chrono::milliseconds(200), options.time_limit / 4);
    auto fallback = solve_heuristic(problem, blocks, scorer, heuristic);
    if (!exact.found || (fallback.found && fallback.objective > exact.objective)) {
        fallback.bound = exact.bound;
        if (fallback.bound && fallback.objective >= *fallback.bound - 1e-9) {
            fallback.proven_optimal = true;
        }
        return fallback;
    }
    return exact;
}

}  // namespace lianjian::formation
