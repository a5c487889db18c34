#include "formation/model.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

namespace lianjian::formation {

std::optional<OrganizationLevel> parse_organization_level(const std::string& text) {
    if (text == "branch")
        return OrganizationLevel::branch;
    if (text == "general_branch")
        return OrganizationLevel::general_branch;
    if (text == "party_committee")
        return OrganizationLevel::party_committee;
    return std::nullopt;
}

const char* lead_reason_name(LeadReason reason) {
    switch (reason) {
        case LeadReason::organization_level:
            return "organization_level";
        case LeadReason::party_affairs_strengths:
            return "party_affairs_strengths";
        case LeadReason::party_member_count:
            return "party_member_count";
        case LeadReason::unit_id:
            return "unit_id";
        case LeadReason::existing_alliance:
            return "existing_alliance";
        case LeadReason::only_unit:
            return "only_unit";
    }
    return "";
}

std::optional<LeadCriterion> parse_lead_criterion(const std::string& text) {
    if (text == "organization_level")
        return LeadCriterion::organization_level;
    if (text == "party_affairs_strengths")
        return LeadCriterion::party_affairs_strengths;
    if (text == "party_member_count")
        return LeadCriterion::party_member_count;
    return std::nullopt;
}

double distance_km(double latitude1, double longitude1, double latitude2, double longitude2) {
    // Haversine on a sphere of the Earth's mean radius: metres of error in a district.
    constexpr double radius = 6371.0;
    constexpr double degree = 3.14159265358979323846 / 180.0;
    const double dlat = (latitude2 - latitude1) * degree;
    const double dlon = (longitude2 - longitude1) * degree;
    const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(latitude1 * degree) * std::cos(latitude2 * degree) *
                         std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * radius * std::asin(std::min(1.0, std::sqrt(a)));
}

Scorer::Scorer(const std::vector<UnitProfile>& units, Weights weights, double neighbour_radius_km)
    : units_(units), weights_(weights), radius_km_(neighbour_radius_km) {
    const double sum = weights_.adjacency + weights_.size + weights_.strengths;
    if (sum > 0) {
        weights_ = {weights_.adjacency / sum, weights_.size / sum, weights_.strengths / sum};
    }
    std::map<long long, int> dense;
    for (const auto& unit : units_) {
        for (long long tag : unit.strength_tag_ids) {
            dense.emplace(tag, 0);
        }
    }
    for (auto& [tag, number] : dense) {
        number = static_cast<int>(tag_ids_.size());
        tag_ids_.push_back(tag);
    }
    tags_total_ = static_cast<int>(tag_ids_.size());
    tag_indices_.reserve(units_.size());
    for (const auto& unit : units_) {
        std::vector<int> tags;
        for (long long tag : unit.strength_tag_ids) {
            tags.push_back(dense.at(tag));
        }
        std::sort(tags.begin(), tags.end());
        tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
        tag_indices_.push_back(std::move(tags));
    }
    // A place per office area, and one per unit with no area; units with the same place are
    // interchangeable for proximity.
    std::map<long long, int> place_of_area;
    std::vector<int> representative;
    for (std::size_t i = 0; i < units_.size(); ++i) {
        const auto& unit = units_[i];
        if (unit.office_area_id) {
            auto [found, added] = place_of_area.emplace(*unit.office_area_id,
                                                        static_cast<int>(representative.size()));
            if (added)
                representative.push_back(static_cast<int>(i));
            place_of_.push_back(found->second);
        } else {
            place_of_.push_back(static_cast<int>(representative.size()));
            representative.push_back(static_cast<int>(i));
        }
    }
    place_count_ = representative.size();
    if (place_count_ <= 3000) {
        place_proximity_.resize(place_count_ * place_count_);
        for (std::size_t a = 0; a < place_count_; ++a) {
            for (std::size_t b = 0; b < place_count_; ++b) {
                place_proximity_[a * place_count_ + b] =
                    a == b && units_[static_cast<std::size_t>(representative[a])].office_area_id
                        ? 1.0f
                        : static_cast<float>(place_proximity(representative[a], representative[b]));
            }
        }
    }
}

double Scorer::proximity(int first, int second) const {
    const int a = place_of_[static_cast<std::size_t>(first)];
    const int b = place_of_[static_cast<std::size_t>(second)];
    if (!place_proximity_.empty()) {
        return place_proximity_[static_cast<std::size_t>(a) * place_count_ +
                                static_cast<std::size_t>(b)];
    }
    return place_proximity(first, second);
}

double Scorer::place_proximity(int first, int second) const {
    const auto& a = units_[static_cast<std::size_t>(first)];
    const auto& b = units_[static_cast<std::size_t>(second)];
    if (a.office_area_id && b.office_area_id && *a.office_area_id == *b.office_area_id) {
        return 1.0;
    }
    if (!a.latitude || !a.longitude || !b.latitude || !b.longitude || radius_km_ <= 0) {
        return 0.0;
    }
    const double distance = distance_km(*a.latitude, *a.longitude, *b.latitude, *b.longitude);
    return 0.5 * std::max(0.0, 1.0 - distance / radius_km_);
}

GroupScore Scorer::score(std::span<const int> members) const {
    GroupScore result;
    result.tags_total = tags_total_;
    if (members.empty()) {
        return result;
    }
    double closeness = 0;
    for (std::size_t i = 0; i < members.size(); ++i) {
        for (std::size_t j = i + 1; j < members.size(); ++j) {
            const double value = proximity(members[i], members[j]);
            closeness += value;
            ++result.pairs;
            if (value == 1.0)
                ++result.pairs_same_area;
        }
    }
    result.adjacency = result.pairs == 0 ? 100.0 : 100.0 * closeness / result.pairs;

    int smallest = units_[static_cast<std::size_t>(members[0])].party_member_count;
    int largest = smallest;
    for (int member : members) {
        const int count = units_[static_cast<std::size_t>(member)].party_member_count;
        smallest = std::min(smallest, count);
        largest = std::max(largest, count);
    }
    result.member_count_min = smallest;
    result.member_count_max = largest;
    result.size = largest <= 0 ? 100.0 : 100.0 * std::max(0, smallest) / largest;

    // A tag counts once per group: a second unit with the same strength adds nothing, so a tag
    // concentrated in one group scores less than the same tag spread over several.
    std::vector<int> covered;
    for (int member : members) {
        const auto& tags = tag_indices_[static_cast<std::size_t>(member)];
        covered.insert(covered.end(), tags.begin(), tags.end());
    }
    std::sort(covered.begin(), covered.end());
    covered.erase(std::unique(covered.begin(), covered.end()), covered.end());
    for (int tag : covered) {
        result.tags_covered.push_back(tag_ids_[static_cast<std::size_t>(tag)]);
    }
    result.strengths =
        tags_total_ == 0 ? 0.0 : 100.0 * static_cast<double>(covered.size()) / tags_total_;

    result.total = weights_.adjacency * result.adjacency + weights_.size * result.size +
                   weights_.strengths * result.strengths;
    return result;
}

double Scorer::contribution(std::span<const int> members) const {
    if (units_.empty())
        return 0;
    return static_cast<double>(members.size()) * score(members).total /
           static_cast<double>(units_.size());
}

double Scorer::objective(const std::vector<std::vector<int>>& groups) const {
    double sum = 0;
    for (const auto& group : groups) {
        sum += contribution(group);
    }
    return sum;
}

LeadChoice choose_lead(const std::vector<UnitProfile>& units, std::span<const int> members,
                       const std::vector<LeadCriterion>& rule) {
    LeadChoice choice;
    if (members.empty())
        return choice;
    const auto& unit_at = [&units](int index) -> const UnitProfile& {
        return units[static_cast<std::size_t>(index)];
    };
    for (int member : members) {
        if (unit_at(member).leads_alliance) {
            return {unit_at(member).id, LeadReason::existing_alliance};
        }
    }
    if (members.size() == 1) {
        return {unit_at(members[0]).id, LeadReason::only_unit};
    }
    const auto value = [&](int member, LeadCriterion criterion) {
        const auto& unit = unit_at(member);
        switch (criterion) {
            case LeadCriterion::organization_level:
                return static_cast<int>(unit.organization_level);
            case LeadCriterion::party_affairs_strengths:
                return unit.party_affairs_strengths;
            case LeadCriterion::party_member_count:
                return unit.party_member_count;
        }
        return 0;
    };
    // Rank by the criteria in order, then by id; the reason is the first criterion on which the
    // best unit beats the runner-up.
    std::vector<int> ranked(members.begin(), members.end());
    std::sort(ranked.begin(), ranked.end(), [&](int a, int b) {
        for (auto criterion : rule) {
            if (value(a, criterion) != value(b, criterion)) {
                return value(a, criterion) > value(b, criterion);
            }
        }
        return unit_at(a).id < unit_at(b).id;
    });
    choice.unit_id = unit_at(ranked[0]).id;
    choice.reason = LeadReason::unit_id;
    for (auto criterion : rule) {
        if (value(ranked[0], criterion) != value(ranked[1], criterion)) {
            choice.reason = criterion == LeadCriterion::organization_level
                                ? LeadReason::organization_level
                            : criterion == LeadCriterion::party_affairs_strengths
                                ? LeadReason::party_affairs_strengths
                                : LeadReason::party_member_count;
            break;
        }
    }
    return choice;
}

void check_sizes(int unit_count, int min_size, int max_size) {
    if (min_size < 1 || max_size < min_size || max_size > largest_group_size) {
        throw AppError(ErrorCode::validation_failed,
                       "每组单位数应满足 1 ≤ 最少 ≤ 最多 ≤ " + std::to_string(largest_group_size),
                       {{"field", "min_size"}});
    }
    if (unit_count == 0) {
        throw field_error("unit_ids", "请至少选择一个单位");
    }
    // With g groups the units can number g × min … g × max; the fewest groups is the best chance.
    const int groups = (unit_count + max_size - 1) / max_size;
    if (groups * min_size > unit_count) {
        throw AppError(ErrorCode::validation_failed,
                       std::to_string(unit_count) + " 个单位无法分成每组 " +
                           std::to_string(min_size) + "–" + std::to_string(max_size) +
                           " 个单位的联盟：请调整每组单位数或所选单位",
                       {{"field", "unit_ids"}});
    }
}

namespace {

struct UnionFind {
    std::vector<int> parent;
    explicit UnionFind(std::size_t size) : parent(size) {
        std::iota(parent.begin(), parent.end(), 0);
    }
    int find(int x) {
        while (parent[static_cast<std::size_t>(x)] != x) {
            parent[static_cast<std::size_t>(x)] =
                parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(x)])];
            x = parent[static_cast<std::size_t>(x)];
        }
        return x;
    }
    void join(int a, int b) { parent[static_cast<std::size_t>(find(a))] = find(b); }
};

}  // namespace

Blocks make_blocks(const Problem& problem) {
    const int count = static_cast<int>(problem.units.size());
    check_sizes(count, problem.min_size, problem.max_size);
    std::map<long long, int> index_of;
    for (int i = 0; i < count; ++i) {
        if (!index_of.emplace(problem.units[static_cast<std::size_t>(i)].id, i).second) {
            throw field_error("unit_ids", "所选单位有重复");
        }
    }
    const auto index = [&index_of](long long id, const char* field) {
        auto found = index_of.find(id);
        if (found == index_of.end()) {
            throw field_error(field, "单位 " + std::to_string(id) + " 不在所选单位之中");
        }
        return found->second;
    };
    UnionFind sets(problem.units.size());
    std::map<long long, int> alliance_first;
    for (int i = 0; i < count; ++i) {
        if (auto alliance = problem.units[static_cast<std::size_t>(i)].alliance_id) {
            auto [found, added] = alliance_first.emplace(*alliance, i);
            if (!added)
                sets.join(i, found->second);
        }
    }
    for (const auto& [a, b] : problem.together) {
        sets.join(index(a, "must_together"), index(b, "must_together"));
    }
    Blocks blocks;
    blocks.block_of.assign(problem.units.size(), -1);
    std::map<int, int> block_of_root;
    for (int i = 0; i < count; ++i) {
        auto [found, added] =
            block_of_root.emplace(sets.find(i), static_cast<int>(blocks.members.size()));
        if (added) {
            blocks.members.emplace_back();
            blocks.alliance_of.emplace_back();
        }
        const auto block = static_cast<std::size_t>(found->second);
        blocks.members[block].push_back(i);
        blocks.block_of[static_cast<std::size_t>(i)] = found->second;
        if (auto alliance = problem.units[static_cast<std::size_t>(i)].alliance_id) {
            if (blocks.alliance_of[block] && *blocks.alliance_of[block] != *alliance) {
                throw AppError(ErrorCode::validation_failed,
                               "必须同组的单位分属两个现有联盟，无法同组",
                               {{"field", "must_together"}});
            }
            blocks.alliance_of[block] = alliance;
        }
    }
    const auto block_count = blocks.members.size();
    blocks.apart.assign(block_count, std::vector<bool>(block_count, false));
    for (std::size_t a = 0; a < block_count; ++a) {
        if (static_cast<int>(blocks.members[a].size()) > problem.max_size) {
            throw AppError(ErrorCode::validation_failed,
                           "有 " + std::to_string(blocks.members[a].size()) +
                               " 个单位必须同组（现有联盟或“必须同组”），超过每组最多 " +
                               std::to_string(problem.max_size) + " 个",
                           {{"field", "max_size"}});
        }
        for (std::size_t b = a + 1; b < block_count; ++b) {
            // Two alliances are never merged.
            if (blocks.alliance_of[a] && blocks.alliance_of[b]) {
                blocks.apart[a][b] = blocks.apart[b][a] = true;
            }
        }
    }
    for (const auto& [a, b] : problem.apart) {
        const auto first = static_cast<std::size_t>(
            blocks.block_of[static_cast<std::size_t>(index(a, "must_apart"))]);
        const auto second = static_cast<std::size_t>(
            blocks.block_of[static_cast<std::size_t>(index(b, "must_apart"))]);
        if (first == second) {
            throw AppError(ErrorCode::validation_failed,
                           "同一对单位既要求同组又要求分开（或同在一个现有联盟）",
                           {{"field", "must_apart"}});
        }
        blocks.apart[first][second] = blocks.apart[second][first] = true;
    }
    return blocks;
}

bool feasible(const Problem& problem, const Blocks& blocks,
              const std::vector<std::vector<int>>& groups) {
    std::vector<int> group_of(problem.units.size(), -1);
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const int size = static_cast<int>(groups[g].size());
        if (size < problem.min_size || size > problem.max_size)
            return false;
        for (int member : groups[g]) {
            if (member < 0 || member >= static_cast<int>(problem.units.size()))
                return false;
            if (group_of[static_cast<std::size_t>(member)] != -1)
                return false;
            group_of[static_cast<std::size_t>(member)] = static_cast<int>(g);
        }
    }
    for (int g : group_of) {
        if (g == -1)
            return false;
    }
    for (std::size_t block = 0; block < blocks.members.size(); ++block) {
        const int group = group_of[static_cast<std::size_t>(blocks.members[block][0])];
        for (int member : blocks.members[block]) {
            if (group_of[static_cast<std::size_t>(member)] != group)
                return false;
        }
    }
    for (const auto& group : groups) {
        std::set<int> in_group;
        for (int member : group) in_group.insert(blocks.block_of[static_cast<std::size_t>(member)]);
        for (int a : in_group) {
            for (int b : in_group) {
                if (blocks.apart[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)]) {
                    return false;
                }
            }
        }
    }
    return true;
}

}  // namespace lianjian::formation
