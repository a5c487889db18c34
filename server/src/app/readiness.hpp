#pragma once

#include "storage/database.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace lianjian::app {

// One condition the server needs before it can take traffic.
struct ReadinessCheck {
    std::string name;  // "database", "migrations" or "key"
    bool ok = false;
    std::string detail;  // what was found, in Chinese (never a secret)
};

struct Readiness {
    std::vector<ReadinessCheck> checks;  // always all three, in that order
    bool ready() const;
};

// Readiness (`GET /api/v1/health/ready`), as opposed to liveness (`/api/v1/health`, the process
// answers): the database answers a query; its schema version is exactly the newest migration
// this binary carries for its dialect (older: not migrated; newer: a newer binary migrated it);
// the master key is present (LIANJIAN_SECRET_KEY, or `<data-dir>/secret.key` readable and
// well-formed). Never throws: a check that cannot run fails with the reason.
Readiness check_readiness(storage::Database& database, const std::filesystem::path& data_dir);

}  // namespace lianjian::app
