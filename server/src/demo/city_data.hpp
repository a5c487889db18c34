#pragma once

#include "app/services.hpp"

namespace lianjian::demo {

// What `lianjian demo --scale city` adds on top of the first batch.
struct CityLoad {
    bool created = false;  // false when the city data was there already
    long long units = 0;
    long long alliances = 0;
    long long members = 0;
    long long office_areas = 0;
};

// A city-scale registry for load tests and benchmarks, marked is_demo: 10 districts with 199
// units each (2,000 units in a tree), 40 office areas, 400 alliances of five units founded with
// their timeline and hosting order, and 50 members per unit (100,000) with phones sealed and
// hashed like real ones (invented numbers in the 139 block). One transaction, batched inserts;
// idempotent.
CityLoad load_city(app::Services& services);

}  // namespace lianjian::demo
