#pragma once

#include "core/enum_text.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lianjian::alliances {

// 轮值: who hosts. Pure rules, no storage: the service feeds in what the database holds.

// 一次活动一轮值 or 一季时间一轮值.
enum class RotationMode { per_activity, per_quarter };

struct MembershipSpan {
    long long unit_id = 0;
    std::string joined_on;               // YYYY-MM-DD
    std::optional<std::string> left_on;  // exclusive
};

bool member_on(const MembershipSpan& span, const std::string& date);

struct Turn {
    int sequence = 0;  // 1-based within the year
    long long host_unit_id = 0;
    std::string starts_on;  // per_quarter: the quarter; per_activity: the day the turn was taken
    std::string ends_on;
    bool fixed = false;  // started (or taken) already: never changes again
};

struct RotationInput {
    RotationMode mode = RotationMode::per_activity;
    int year = 0;
    std::vector<long long> order;  // hosting order; units not in it follow by joining date
    std::vector<MembershipSpan> memberships;
    std::vector<Turn> fixed_turns;           // this year's fixed turns, by sequence
    std::optional<long long> previous_host;  // who hosted last before this year's first turn
    std::string today;                       // per_activity: the date the upcoming turns are for
};

// per_quarter: the year's four quarters, fixed ones as they were, the rest dealt to the units
// that are members when each quarter starts. per_activity: the fixed turns, then one upcoming
// turn for each current member. Either way each new turn goes to the eligible unit with the
// fewest turns this year, ties broken by the hosting order after the previous host, so that over
// a year no unit that stays a member hosts more than one turn more than another.
std::vector<Turn> plan_rotation(const RotationInput& input);

// The quarter's first and last day: quarter 1..4 of `year`.
std::pair<std::string, std::string> quarter_bounds(int year, int quarter);

}  // namespace lianjian::alliances

namespace lianjian {

template <>
struct EnumText<alliances::RotationMode> {
    using M = alliances::RotationMode;
    static constexpr EnumName<M> names[] = {{M::per_activity, "per_activity", "一次活动一轮值"},
                                            {M::per_quarter, "per_quarter", "一季时间一轮值"}};
};

}  // namespace lianjian
