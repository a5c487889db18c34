#include "storage/errors.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cstring>

namespace lianjian::storage {

bool is_constraint_violation(const std::exception& error) {
    if (const auto* sqlite = dynamic_cast<const soci::sqlite3_soci_error*>(&error)) {
        return (sqlite->result() & 0xff) == SQLITE_CONSTRAINT;
    }
    if (const auto* postgresql = dynamic_cast<const soci::postgresql_soci_error*>(&error)) {
        // SQLSTATE class 23: integrity constraint violation.
        return std::strncmp(postgresql->sqlstate().c_str(), "23", 2) == 0;
    }
    return false;
}

}  // namespace lianjian::storage
