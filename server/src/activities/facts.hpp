#pragma once

#include "activities/codes.hpp"
#include "core/named_ref.hpp"

#include <string>
#include <vector>

namespace lianjian::activities {

// What the areas around an activity (attendance, attachments) need of it to decide who may act
// and whether it is still open, read from its row in one query
// (`storage::find_activity_facts`). Times are stored UTC timestamps.
struct ActivityFacts {
    long long id = 0;
    NamedRef alliance;
    NamedRef host_unit;
    ActivityState state = ActivityState::planned;
    std::string title;
    std::string place;
    std::string starts_at;
    std::string ends_at;
    std::vector<long long> participating_unit_ids;
};

}  // namespace lianjian::activities
