#include "formation/solver.hpp"

#include <CbcModel.hpp>
#include <CoinPackedMatrix.hpp>
#include <CoinPackedVector.hpp>
#include <OsiClpSolverInterface.hpp>

#include <algorithm>

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

Solution solve_exact(const Problem& problem, const Blocks& blocks, const Scorer& scorer,
                     const std::vector<std::vector<int>>& columns,
                     std::chrono::milliseconds time_limit) {
    Solution solution;
    solution.solver = SolverKind::exact;
    solution.columns = static_cast<long long>(columns.size());
    if (columns.empty()) {
        solution.bound = 0;
        return solution;
    }
    const int rows = static_cast<int>(blocks.members.size());
    CoinPackedMatrix matrix(true, 0, 0);
    matrix.setDimensions(rows, 0);
    std::vector<double> objective;
    objective.reserve(columns.size());
    for (const auto& column : columns) {
        std::vector<int> block_rows;
        for (int member : column) {
            block_rows.push_back(blocks.block_of[static_cast<std::size_t>(member)]);
        }
        std::sort(block_rows.begin(), block_rows.end());
        block_rows.erase(std::unique(block_rows.begin(), block_rows.end()), block_rows.end());
        CoinPackedVector entries;
        for (int row : block_rows) entries.insert(row, 1.0);
        matrix.appendCol(entries);
        // CBC minimises: the negated contribution.
        objective.push_back(-scorer.contribution(column));
    }
    const std::size_t column_count = columns.size();
    std::vector<double> column_lower(column_count, 0.0), column_upper(column_count, 1.0);
    std::vector<double> row_lower(static_cast<std::size_t>(rows), 1.0),
        row_upper(static_cast<std::size_t>(rows), 1.0);
    OsiClpSolverInterface lp;
    lp.messageHandler()->setLogLevel(0);
    lp.loadProblem(matrix, column_lower.data(), column_upper.data(), objective.data(),
                   row_lower.data(), row_upper.data());
    for (int column = 0; column < static_cast<int>(column_count); ++column) {
        lp.setInteger(column);
    }
    CbcModel model(lp);
    // Plain branch-and-bound on the set-partitioning model: measured faster here than CBC's
    // standalone defaults (CbcMain), whose preprocessing and cuts cost more than they save.
    model.setLogLevel(0);
    model.messageHandler()->setLogLevel(0);
    model.setMaximumSeconds(std::max(0.05, static_cast<double>(time_limit.count()) / 1000.0));
    model.branchAndBound();
    const double* best = model.bestSolution();
    if (best != nullptr) {
        for (std::size_t column = 0; column < column_count; ++column) {
            if (best[column] > 0.5)
                solution.groups.push_back(columns[column]);
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
    auto exact = solve_exact(problem, blocks, scorer, *columns, options.time_limit);
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
