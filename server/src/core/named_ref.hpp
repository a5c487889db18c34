#pragma once

#include <string>

namespace lianjian {

// A reference to another object by id and name, as lists and details show it: a unit, an
// alliance, a user, a party member, a checklist item. Its one JSON shape is `{"id","name"}`
// (api/reference.hpp).
struct NamedRef {
    long long id = 0;
    std::string name;
};

}  // namespace lianjian
