#pragma once

#include "app/services.hpp"
#include "http/router.hpp"

namespace lianjian::api {

// 联盟组建建议 (suggestions, scores, adoption) and calendar-aware rotation.
void add_formation_routes(http::Router& router, app::Services& services);

}  // namespace lianjian::api
