#pragma once

#include <exception>

namespace lianjian::storage {

// Whether a database error is a broken constraint (unique, foreign key, check): a write that
// lost a race with another writer. The edge answers 409 rather than 500; the transaction has
// been rolled back, so nothing half-written remains.
bool is_constraint_violation(const std::exception& error);

}  // namespace lianjian::storage
