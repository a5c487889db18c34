#pragma once

#include "app/services.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lianjian::demo {

struct DemoAccount {
    std::string username;
    std::string role;
    std::string unit_name;  // empty for accounts without a unit
};

struct DemoLoad {
    bool registry_created = false;  // false when the demo was already there
    std::vector<DemoAccount> accounts_created;
    std::optional<std::string> generated_password;  // set when accounts were created without one
};

// The accounts `--demo` creates, in order (a unit_admin per unit: "<code>_admin").
std::vector<DemoAccount> demo_accounts();

// Loads the first batch of DOMAIN.md (3 office areas, 14 units, 3 alliances) and the demo
// accounts. Idempotent: what is there already is left as it is. With `password` the accounts
// use it and need not change it; without, one password is generated for all and must be changed.
DemoLoad load_demo(app::Services& services, const std::optional<std::string>& password);

}  // namespace lianjian::demo
