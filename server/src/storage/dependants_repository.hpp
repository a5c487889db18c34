#pragma once

#include <soci/soci.h>

#include <string>
#include <vector>

namespace lianjian::storage {

// Something that still depends on an object about to be deactivated.
struct Dependant {
    std::string kind;  // "unit" (an active sub-unit) | "alliance" (a current membership)
    long long id = 0;
    std::string name;
};

// The active sub-units of a unit and the alliances (not dissolved) it is a current member of,
// in that order and by id.
std::vector<Dependant> unit_dependants(soci::session& session, long long unit_id);

}  // namespace lianjian::storage
