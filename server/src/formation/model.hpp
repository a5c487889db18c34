#pragma once

#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace lianjian::formation {

// 联盟组建建议: the seed's rule — 办公地点相邻, 党员人数相近, 资源优势相融 — as numbers that can be
// explained one by one. Plain C++: no HTTP, no SQL. Every score part is on 0–100, higher is better.

// A unit's party organisation, lowest first: the lead rule prefers the higher level.
enum class OrganizationLevel { branch = 1, general_branch = 2, party_committee = 3 };

std::optional<OrganizationLevel> parse_organization_level(const std::string& text);

struct UnitProfile {
    long long id = 0;
    std::string name;
    std::optional<long long> office_area_id;
    std::optional<double> latitude;  // of the unit's office area
    std::optional<double> longitude;
    int party_member_count = 0;
    OrganizationLevel organization_level = OrganizationLevel::branch;
    std::vector<long long> strength_tag_ids;
    // How many of the unit's strengths are party-affairs strengths (党务专家, 党课讲师 …).
    int party_affairs_strengths = 0;
    // A unit already in an alliance is kept there with the alliance's other units.
    std::optional<long long> alliance_id;
    bool leads_alliance = false;
};

// The committee's weights of the three parts. Only their ratios matter; they are normalised.
struct Weights {
    double adjacency = 0.5;
    double size = 0.25;
    double strengths = 0.25;
};

// How units that are not in one office area still count as neighbours: a pair in one area counts
// 1; a pair in two areas counts half, less with distance, nothing at `neighbour_radius_km`.
inline constexpr double default_neighbour_radius_km = 5.0;

struct GroupScore {
    double total = 0;
    double adjacency = 0;
    double size = 0;
    double strengths = 0;
    // The figures behind the parts, for the explanation.
    int pairs = 0;
    int pairs_same_area = 0;
    int member_count_min = 0;
    int member_count_max = 0;
    std::vector<long long> tags_covered;
    int tags_total = 0;
};

// Which rule picked a lead unit; the committee may reorder the criteria.
enum class LeadCriterion { organization_level, party_affairs_strengths, party_member_count };
// The reason a lead was chosen: one of the criteria, or none left (the smallest id), or the
// alliance the units are in already has a lead, or the group has one unit.
enum class LeadReason {
    organization_level,
    party_affairs_strengths,
    party_member_count,
    unit_id,
    existing_alliance,
    only_unit
};

const char* lead_reason_name(LeadReason reason);
std::optional<LeadCriterion> parse_lead_criterion(const std::string& text);

inline const std::vector<LeadCriterion>& default_lead_rule() {
    static const std::vector<LeadCriterion> rule = {LeadCriterion::organization_level,
                                                    LeadCriterion::party_affairs_strengths,
                                                    LeadCriterion::party_member_count};
    return rule;
}

struct LeadChoice {
    long long unit_id = 0;
    LeadReason reason = LeadReason::only_unit;
};

// Scores groups of units given by their index into `units`. One scorer per question: the tag
// count that the strengths part divides by is the number of distinct tags among all its units.
class Scorer {
  public:
    Scorer(const std::vector<UnitProfile>& units, Weights weights,
           double neighbour_radius_km = default_neighbour_radius_km);

    GroupScore score(std::span<const int> members) const;
    // The group's share of the objective: size × total / number of units.
    double contribution(std::span<const int> members) const;
    // The objective of a grouping: the unit-weighted mean of the groups' totals (0–100).
    double objective(const std::vector<std::vector<int>>& groups) const;
    // How close two units count, 0–1 (see default_neighbour_radius_km).
    double proximity(int first, int second) const;

    const std::vector<UnitProfile>& units() const { return units_; }
    int tags_total() const { return tags_total_; }

  private:
    const std::vector<UnitProfile>& units_;
    Weights weights_;
    double radius_km_;
    std::vector<std::vector<int>> tag_indices_;  // per unit, dense tag numbers
    std::vector<long long> tag_ids_;             // dense number → tag id
    int tags_total_ = 0;
    // Units in one office area (or at one point) share a place; proximity between places is
    // worked out once.
    std::vector<int> place_of_;
    std::size_t place_count_ = 0;
    std::vector<float> place_proximity_;
    double place_proximity(int first, int second) const;
};

double distance_km(double latitude1, double longitude1, double latitude2, double longitude2);

// The suggested lead of a group: by `rule`, in order, the first criterion that separates the
// best unit from the next; the smallest id when none does. A group that holds an alliance's
// units keeps that alliance's lead.
LeadChoice choose_lead(const std::vector<UnitProfile>& units, std::span<const int> members,
                       const std::vector<LeadCriterion>& rule);

// What a suggestion is asked: the units, the group sizes, and pairs of unit ids that must be in
// one group or in different groups. Units with an alliance_id stay with their alliance.
struct Problem {
    std::vector<UnitProfile> units;
    int min_size = 4;
    int max_size = 6;
    std::vector<std::pair<long long, long long>> together;
    std::vector<std::pair<long long, long long>> apart;
    Weights weights;
    double neighbour_radius_km = default_neighbour_radius_km;
};

inline constexpr int largest_group_size = 12;

// Units that must share a group (an alliance's units, must-together pairs), as indices, and the
// pairs of such blocks that must not. Throws AppError (422, in Chinese) when the question has no
// answer that can be seen without search: bad sizes, unknown ids, a block larger than the
// largest group, a pair both together and apart, or a unit count no group sizes add up to.
struct Blocks {
    std::vector<std::vector<int>> members;              // block → unit indices
    std::vector<int> block_of;                          // unit index → block
    std::vector<std::vector<bool>> apart;               // block × block
    std::vector<std::optional<long long>> alliance_of;  // block → alliance kept
};

Blocks make_blocks(const Problem& problem);
void check_sizes(int unit_count, int min_size, int max_size);

// True when the groups (unit indices) are a grouping the problem allows.
bool feasible(const Problem& problem, const Blocks& blocks,
              const std::vector<std::vector<int>>& groups);

}  // namespace lianjian::formation
