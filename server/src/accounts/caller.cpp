#include "accounts/caller.hpp"

#include <algorithm>

namespace lianjian::accounts {

namespace {

bool contains(const std::vector<long long>& ids, long long id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

bool Caller::may(Permission permission, const Target& target) const {
    const auto scope = reach(permission);
    if (!scope) {
        return false;
    }
    switch (*scope) {
        case Scope::all:
            return true;
        case Scope::own_unit:
            return unit_id && contains(target.unit_ids, *unit_id);
        case Scope::own_alliance:
            return unit_id && contains(target.alliance_unit_ids, *unit_id);
        case Scope::alliance_led_by_own_unit:
            return unit_id && target.alliance_lead_unit_id == *unit_id;
    }
    return false;
}

}  // namespace lianjian::accounts
