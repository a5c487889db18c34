#include "formation/solver.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <numeric>
#include <set>

namespace lianjian::formation {

namespace {

using Clock = std::chrono::steady_clock;

// A small, portable generator (SplitMix64): the same seed gives the same numbers everywhere.
class Random {
  public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    int below(int bound) { return static_cast<int>(next() % static_cast<std::uint64_t>(bound)); }
    template <typename T>
    void shuffle(std::vector<T>& items) {
        for (std::size_t i = items.size(); i > 1; --i) {
            std::swap(items[i - 1], items[static_cast<std::size_t>(below(static_cast<int>(i)))]);
        }
    }

  private:
    std::uint64_t state_;
};

// Far more than any score can change: a grouping that breaks a rule is always worse.
constexpr double violation_penalty = 1000.0;

class Search {
  public:
    Search(const Problem& problem, const Blocks& blocks, const Scorer& scorer, int group_count)
        : problem_(problem),
          blocks_(blocks),
          scorer_(scorer),
          group_blocks_(static_cast<std::size_t>(group_count)),
          value_(static_cast<std::size_t>(group_count), 0.0),
          group_of_(blocks.members.size(), 0) {}

    // Blocks in the given order, cut into groups of near-equal size.
    void start(const std::vector<int>& order) {
        const int groups = static_cast<int>(group_blocks_.size());
        const int units = static_cast<int>(problem_.units.size());
        for (auto& members : group_blocks_) members.clear();
        int group = 0;
        int filled = 0;
        for (int block : order) {
            const int target = units / groups + (group < units % groups ? 1 : 0);
            const int size = block_size(block);
            if (filled > 0 && filled + size > target && group + 1 < groups) {
                ++group;
                filled = 0;
            }
            group_blocks_[static_cast<std::size_t>(group)].push_back(block);
            group_of_[static_cast<std::size_t>(block)] = group;
            filled += size;
        }
        for (int g = 0; g < groups; ++g) refresh(g);
    }

    double total() const { return std::accumulate(value_.begin(), value_.end(), 0.0); }

    std::vector<std::vector<int>> groups() const {
        std::vector<std::vector<int>> result;
        for (const auto& members : group_blocks_) {
            std::vector<int> units;
            for (int block : members) {
                const auto& block_units = blocks_.members[static_cast<std::size_t>(block)];
                units.insert(units.end(), block_units.begin(), block_units.end());
            }
            std::sort(units.begin(), units.end());
            result.push_back(std::move(units));
        }
        std::sort(result.begin(), result.end());
        return result;
    }

    // Moves and swaps until none improves, or the deadline passes.
    void descend(Random& random, Clock::time_point deadline) {
        std::vector<int> order(blocks_.members.size());
        std::iota(order.begin(), order.end(), 0);
        bool improved = true;
        while (improved) {
            improved = false;
            random.shuffle(order);
            refresh_places();
            for (int block : order) {
                if (Clock::now() > deadline)
                    return;
                if (improve_block(block, random))
                    improved = true;
            }
        }
    }

    // A random kick: `count` swaps of blocks between groups.
    void kick(Random& random, int count) {
        const int groups = static_cast<int>(group_blocks_.size());
        if (groups < 2)
            return;
        for (int i = 0; i < count; ++i) {
            const int block = random.below(static_cast<int>(blocks_.members.size()));
            const int from = group_of_[static_cast<std::size_t>(block)];
            int to = random.below(groups - 1);
            if (to >= from)
                ++to;
            const auto& others = group_blocks_[static_cast<std::size_t>(to)];
            if (others.empty())
                continue;
            const int other =
                others[static_cast<std::size_t>(random.below(static_cast<int>(others.size())))];
            swap_blocks(block, other);
        }
    }

    struct Snapshot {
        std::vector<std::vector<int>> group_blocks;
        std::vector<int> group_of;
        std::vector<double> value;
    };
    Snapshot save() const { return {group_blocks_, group_of_, value_}; }
    void restore(const Snapshot& snapshot) {
        group_blocks_ = snapshot.group_blocks;
        group_of_ = snapshot.group_of;
        value_ = snapshot.value;
    }

  private:
    int block_size(int block) const {
        return static_cast<int>(blocks_.members[static_cast<std::size_t>(block)].size());
    }

    // The group's contribution, less the penalty for the rules it breaks.
    double evaluate(const std::vector<int>& members) const {
        scratch_.clear();
        int violations = 0;
        for (std::size_t i = 0; i < members.size(); ++i) {
            const auto& units = blocks_.members[static_cast<std::size_t>(members[i])];
            scratch_.insert(scratch_.end(), units.begin(), units.end());
            for (std::size_t j = i + 1; j < members.size(); ++j) {
                if (blocks_.apart[static_cast<std::size_t>(members[i])]
                                 [static_cast<std::size_t>(members[j])]) {
                    ++violations;
                }
            }
        }
        const int size = static_cast<int>(scratch_.size());
        if (size < problem_.min_size)
            violations += problem_.min_size - size;
        if (size > problem_.max_size)
            violations += size - problem_.max_size;
        return scorer_.contribution(scratch_) - violation_penalty * violations;
    }

    void refresh(int group) {
        value_[static_cast<std::size_t>(group)] =
            evaluate(group_blocks_[static_cast<std::size_t>(group)]);
    }

    // For large problems only groups near a block are tried: those holding units of the same
    // office area, and a few others at random.
    void refresh_places() {
        groups_at_place_.clear();
        if (group_blocks_.size() <= 40)
            return;
        for (std::size_t block = 0; block < blocks_.members.size(); ++block) {
            const auto& unit = problem_.units[static_cast<std::size_t>(blocks_.members[block][0])];
            if (unit.office_area_id) {
                groups_at_place_[*unit.office_area_id].insert(group_of_[block]);
            }
        }
    }

    std::vector<int> candidates(int block, Random& random) const {
        const int groups = static_cast<int>(group_blocks_.size());
        std::vector<int> result;
        if (groups <= 40) {
            result.resize(static_cast<std::size_t>(groups));
            std::iota(result.begin(), result.end(), 0);
            return result;
        }
        const auto& unit = problem_.units[static_cast<std::size_t>(
            blocks_.members[static_cast<std::size_t>(block)][0])];
        if (unit.office_area_id) {
            if (auto found = groups_at_place_.find(*unit.office_area_id);
                found != groups_at_place_.end()) {
                result.assign(found->second.begin(), found->second.end());
            }
        }
        for (int i = 0; i < 4; ++i) result.push_back(random.below(groups));
        return result;
    }

    bool improve_block(int block, Random& random) {
        const int from = group_of_[static_cast<std::size_t>(block)];
        auto& source = group_blocks_[static_cast<std::size_t>(from)];
        std::vector<int> source_without;
        for (int other : source) {
            if (other != block)
                source_without.push_back(other);
        }
        const double before_source = value_[static_cast<std::size_t>(from)];
        const double source_after_move = evaluate(source_without);
        double best_gain = 1e-9;
        int best_group = -1;
        int best_partner = -1;
        for (int to : candidates(block, random)) {
            if (to == from)
                continue;
            const auto& target = group_blocks_[static_cast<std::size_t>(to)];
            const double before = before_source + value_[static_cast<std::size_t>(to)];
            auto target_with = target;
            target_with.push_back(block);
            const double move_gain = source_after_move + evaluate(target_with) - before;
            if (move_gain > best_gain) {
                best_gain = move_gain;
                best_group = to;
                best_partner = -1;
            }
            for (std::size_t k = 0; k < target.size(); ++k) {
                const int partner = target[k];
                auto source_swapped = source_without;
                source_swapped.push_back(partner);
                auto target_swapped = target;
                target_swapped[k] = block;
                const double swap_gain =
                    evaluate(source_swapped) + evaluate(target_swapped) - before;
                if (swap_gain > best_gain) {
                    best_gain = swap_gain;
                    best_group = to;
                    best_partner = partner;
                }
            }
        }
        if (best_group < 0)
            return false;
        if (best_partner < 0) {
            move_block(block, best_group);
        } else {
            swap_blocks(block, best_partner);
        }
        return true;
    }

    void move_block(int block, int to) {
        const int from = group_of_[static_cast<std::size_t>(block)];
        auto& source = group_blocks_[static_cast<std::size_t>(from)];
        source.erase(std::find(source.begin(), source.end(), block));
        group_blocks_[static_cast<std::size_t>(to)].push_back(block);
        group_of_[static_cast<std::size_t>(block)] = to;
        refresh(from);
        refresh(to);
    }

    void swap_blocks(int first, int second) {
        const int a = group_of_[static_cast<std::size_t>(first)];
        const int b = group_of_[static_cast<std::size_t>(second)];
        if (a == b)
            return;
        auto& group_a = group_blocks_[static_cast<std::size_t>(a)];
        auto& group_b = group_blocks_[static_cast<std::size_t>(b)];
        *std::find(group_a.begin(), group_a.end(), first) = second;
        *std::find(group_b.begin(), group_b.end(), second) = first;
        group_of_[static_cast<std::size_t>(first)] = b;
        group_of_[static_cast<std::size_t>(second)] = a;
        refresh(a);
        refresh(b);
    }

    const Problem& problem_;
    const Blocks& blocks_;
    const Scorer& scorer_;
    std::vector<std::vector<int>> group_blocks_;
    std::vector<double> value_;
    std::vector<int> group_of_;
    std::map<long long, std::set<int>> groups_at_place_;
    mutable std::vector<int> scratch_;
};

// Blocks by office area, then by party-member count: the greedy order.
std::vector<int> area_order(const Problem& problem, const Blocks& blocks) {
    std::vector<int> order(blocks.members.size());
    std::iota(order.begin(), order.end(), 0);
    const auto key = [&](int block) {
        const auto& unit = problem.units[static_cast<std::size_t>(
            blocks.members[static_cast<std::size_t>(block)][0])];
        return std::make_tuple(unit.office_area_id.value_or(std::numeric_limits<long long>::max()),
                               unit.latitude.value_or(0), unit.longitude.value_or(0),
                               -unit.party_member_count, unit.id);
    };
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return key(a) < key(b); });
    return order;
}

std::vector<int> group_counts(const Problem& problem) {
    const int units = static_cast<int>(problem.units.size());
    std::vector<int> counts;
    for (int groups = (units + problem.max_size - 1) / problem.max_size;
         groups * problem.min_size <= units; ++groups) {
        counts.push_back(groups);
    }
    return counts;
}

Solution finish(const Problem& problem, const Blocks& blocks, const Scorer& scorer,
                std::vector<std::vector<int>> groups) {
    Solution solution;
    solution.found = feasible(problem, blocks, groups);
    solution.objective = scorer.objective(groups);
    solution.groups = std::move(groups);
    return solution;
}

}  // namespace

Solution greedy_baseline(const Problem& problem, const Blocks& blocks, const Scorer& scorer) {
    const auto counts = group_counts(problem);
    Search search(problem, blocks, scorer, counts.empty() ? 1 : counts.front());
    search.start(area_order(problem, blocks));
    return finish(problem, blocks, scorer, search.groups());
}

Solution solve_heuristic(const Problem& problem, const Blocks& blocks, const Scorer& scorer,
                         const HeuristicOptions& options) {
    const auto deadline = Clock::now() + options.time_limit;
    Random random(options.seed);
    auto counts = group_counts(problem);
    // Many group counts (a city): try the few whose greedy start scores best.
    if (counts.size() > 3) {
        std::vector<std::pair<double, int>> ranked;
        const auto order = area_order(problem, blocks);
        const int step = std::max(1, static_cast<int>(counts.size()) / 8);
        for (std::size_t i = 0; i < counts.size(); i += static_cast<std::size_t>(step)) {
            Search probe(problem, blocks, scorer, counts[i]);
            probe.start(order);
            ranked.emplace_back(-probe.total(), counts[i]);
        }
        std::sort(ranked.begin(), ranked.end());
        counts.clear();
        for (std::size_t i = 0; i < ranked.size() && i < 2; ++i) counts.push_back(ranked[i].second);
    }
    Solution best;
    best.solver = SolverKind::heuristic;
    double best_total = -std::numeric_limits<double>::infinity();
    long long iterations = 0;
    for (std::size_t c = 0; c < counts.size(); ++c) {
        // Each group count gets an equal share of what time is left.
        const auto now = Clock::now();
        const auto share = (deadline - now) / static_cast<long>(counts.size() - c);
        const auto count_deadline = now + share;
        Search search(problem, blocks, scorer, counts[c]);
        search.start(area_order(problem, blocks));
        search.descend(random, count_deadline);
        ++iterations;
        auto kept = search.save();
        double kept_total = search.total();
        for (int round = 0; round < options.rounds && Clock::now() < count_deadline; ++round) {
            search.kick(random, 2 + random.below(3));
            search.descend(random, count_deadline);
            ++iterations;
            if (search.total() > kept_total + 1e-9) {
                kept = search.save();
                kept_total = search.total();
            } else {
                search.restore(kept);
            }
        }
        search.restore(kept);
        if (kept_total > best_total + 1e-9) {
            best_total = kept_total;
            best = finish(problem, blocks, scorer, search.groups());
            best.solver = SolverKind::heuristic;
        }
    }
    best.iterations = iterations;
    return best;
}

}  // namespace lianjian::formation
