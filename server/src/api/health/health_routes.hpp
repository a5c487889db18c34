#pragma once

#include "http/router.hpp"
#include "storage/database.hpp"

#include <filesystem>

namespace lianjian::api {

// Readiness: `GET /api/v1/health/ready` (public, like the liveness route `/api/v1/health` of the
// auth routes) answers 200 with the checks of app::check_readiness when all pass, otherwise 503
// with the same body naming the failed checks. For load balancers and deployment scripts.
void add_health_routes(http::Router& router, storage::Database& database,
                       std::filesystem::path data_dir);

}  // namespace lianjian::api
