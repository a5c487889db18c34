#include "alliances/rotation.hpp"

#include <algorithm>
#include <map>

namespace lianjian::alliances {

bool member_on(const MembershipSpan& span, const std::string& date) {
    return span.joined_on <= date && (!span.left_on || *span.left_on > date);
}

std::pair<std::string, std::string> quarter_bounds(int year, int quarter) {
    static constexpr const char* starts[] = {"-01-01", "-04-01", "-07-01", "-10-01"};
    static constexpr const char* ends[] = {"-03-31", "-06-30", "-09-30", "-12-31"};
    const auto y = std::to_string(year);
    return {y + starts[quarter - 1], y + ends[quarter - 1]};
}

namespace {

// Every unit that ever appears, in hosting order: the declared order first, then the others by
// joining date (then id), so that the order is total and stable.
std::vector<long long> full_order(const RotationInput& input) {
    std::vector<long long> order = input.order;
    std::vector<MembershipSpan> rest;
    for (const auto& span : input.memberships) {
        if (std::find(order.begin(), order.end(), span.unit_id) == order.end()) {
            rest.push_back(span);
        }
    }
    std::sort(rest.begin(), rest.end(), [](const auto& a, const auto& b) {
        return a.joined_on != b.joined_on ? a.joined_on < b.joined_on : a.unit_id < b.unit_id;
    });
    for (const auto& span : rest) {
        if (std::find(order.begin(), order.end(), span.unit_id) == order.end()) {
            order.push_back(span.unit_id);
        }
    }
    return order;
}

class Dealer {
  public:
    Dealer(std::vector<long long> order, std::optional<long long> previous_host)
        : order_(std::move(order)), previous_(previous_host) {}

    void count(long long host) {
        ++turns_[host];
        previous_ = host;
    }

    // The eligible unit with the fewest turns; among equals, the first after the previous host
    // in the hosting order.
    std::optional<long long> next(const std::vector<long long>& eligible) const {
        if (eligible.empty()) {
            return std::nullopt;
        }
        std::size_t start = 0;
        if (previous_) {
            const auto at = std::find(order_.begin(), order_.end(), *previous_);
            start = at == order_.end() ? 0 : static_cast<std::size_t>(at - order_.begin()) + 1;
        }
        std::optional<long long> best;
        int best_turns = 0;
        for (std::size_t step = 0; step < order_.size(); ++step) {
            const long long unit = order_[(start + step) % order_.size()];
            if (std::find(eligible.begin(), eligible.end(), unit) == eligible.end()) {
                continue;
            }
            const int turns = turns_.count(unit) ? turns_.at(unit) : 0;
            if (!best || turns < best_turns) {
                best = unit;
                best_turns = turns;
            }
        }
        return best;
    }

  private:
    std::vector<long long> order_;
    std::optional<long long> previous_;
    std::map<long long, int> turns_;
};

std::vector<long long> members_on(const RotationInput& input, const std::string& date) {
    std::vector<long long> units;
    for (const auto& span : input.memberships) {
        if (member_on(span, date) &&
            std::find(units.begin(), units.end(), span.unit_id) == units.end()) {
            units.push_back(span.unit_id);
        }
    }
    return units;
}

const Turn* fixed_turn(const RotationInput& input, int sequence) {
    for (const auto& turn : input.fixed_turns) {
        if (turn.sequence == sequence) {
            return &turn;
        }
    }
    return nullptr;
}

}  // namespace

std::vector<Turn> plan_rotation(const RotationInput& input) {
    Dealer dealer(full_order(input), input.previous_host);
    std::vector<Turn> plan;
    if (input.mode == RotationMode::per_quarter) {
        for (int quarter = 1; quarter <= 4; ++quarter) {
            if (const Turn* fixed = fixed_turn(input, quarter)) {
                dealer.count(fixed->host_unit_id);
                plan.push_back(*fixed);
                continue;
            }
            const auto [starts_on, ends_on] = quarter_bounds(input.year, quarter);
            if (auto host = dealer.next(members_on(input, starts_on))) {
                dealer.count(*host);
                plan.push_back({quarter, *host, starts_on, ends_on, false});
            }
        }
        return plan;
    }
    int sequence = 0;
    for (const auto& turn : input.fixed_turns) {
        dealer.count(turn.host_unit_id);
        plan.push_back(turn);
        sequence = std::max(sequence, turn.sequence);
    }
    const auto current = members_on(input, input.today);
    for (std::size_t i = 0; i < current.size(); ++i) {
        if (auto host = dealer.next(current)) {
            dealer.count(*host);
            plan.push_back({++sequence, *host, "", "", false});
        }
    }
    return plan;
}

}  // namespace lianjian::alliances
