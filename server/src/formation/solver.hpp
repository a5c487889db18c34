#pragma once

#include "formation/model.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

namespace lianjian::formation {

enum class SolverKind { exact, heuristic };

const char* solver_name(SolverKind kind);

struct Solution {
    bool found = false;
    std::vector<std::vector<int>> groups;  // unit indices, each group sorted
    double objective = 0;
    bool proven_optimal = false;
    // The best bound known on the objective (exact solver: the branch-and-bound bound; proven
    // optimal: equal to the objective). nullopt when there is none.
    std::optional<double> bound;
    SolverKind solver = SolverKind::heuristic;
    long long columns = 0;       // exact: feasible groups in the model
    long long kept_columns = 0;  // exact: groups left after reduced-cost fixing (see solve_exact)
    long long iterations = 0;    // heuristic: local searches run
};

// Every group the problem allows (sizes, blocks kept whole, no must-apart pair), as unit
// indices; nullopt when there are more than `cap` of them.
std::optional<std::vector<std::vector<int>>> feasible_groups(const Problem& problem,
                                                             const Blocks& blocks, long long cap);

// Set partitioning over all feasible groups, solved by CBC. `proven_optimal` is CBC's proof;
// with the time limit reached the answer carries CBC's bound.
// With a feasible `incumbent` (the heuristic's grouping), the LP relaxation is solved first and
// every group is dropped whose reduced cost proves it cannot be part of a grouping at least as
// good as the incumbent (LP duality: a grouping using column k costs at least
// Σ duals + Σ negative reduced costs + max(d_k, 0)); branch and bound then runs on the groups
// left, starting from the incumbent. The optimum is unchanged and still proven: every better
// grouping uses only groups that were kept. `columns` in the answer counts the feasible groups,
// `kept_columns` those left after the reduction.
Solution solve_exact(const Problem& problem, const Blocks& blocks, const Scorer& scorer,
                     const std::vector<std::vector<int>>& columns,
                     std::chrono::milliseconds time_limit, const Solution* incumbent = nullptr);

struct HeuristicOptions {
    std::uint64_t seed = 20260401;
    std::chrono::milliseconds time_limit{2000};
    // Perturb-and-search rounds per group count tried; the time limit may end them earlier, and
    // only then does the answer depend on the machine's speed.
    int rounds = 300;
};

// Iterated local search (moves of a unit or a must-together block to another group, swaps of
// two blocks between groups, random kicks, one run per group count) from the greedy start.
// Deterministic for a seed while the time limit is not reached.
Solution solve_heuristic(const Problem& problem, const Blocks& blocks, const Scorer& scorer,
                         const HeuristicOptions& options);

// The simple baseline: units sorted by office area and party-member count, cut in order into
// groups of the allowed sizes. Not necessarily feasible with must-apart pairs.
Solution greedy_baseline(const Problem& problem, const Blocks& blocks, const Scorer& scorer);

struct SuggestOptions {
    std::chrono::milliseconds time_limit{5000};
    std::uint64_t seed = 20260401;
    // Up to about 24 units at sizes 4–6 (187,726 groups): enumerated and solved exactly, with the
    // heuristic's answer as incumbent and reduced-cost fixing (see solve_exact).
    long long exact_column_limit = 200000;
    std::optional<SolverKind> force;  // tests and the benchmark choose one solver
};

// The service's choice: the exact solver when the model is small enough to finish in the time
// limit, the heuristic otherwise (or as well, when the exact one stops at the limit).
Solution suggest(const Problem& problem, const Blocks& blocks, const Scorer& scorer,
                 const SuggestOptions& options);

}  // namespace lianjian::formation
