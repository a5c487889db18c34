#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>

namespace lianjian::storage {

// Column readers that accept whatever type each driver reports for a column (SQLite names it from
// the declared type, PostgreSQL from the real one), so repositories read one way on both.
long long integer_at(const soci::row& row, std::size_t index);
std::optional<long long> optional_integer_at(const soci::row& row, std::size_t index);
std::string text_at(const soci::row& row, std::size_t index);
std::optional<std::string> optional_text_at(const soci::row& row, std::size_t index);
std::optional<double> optional_real_at(const soci::row& row, std::size_t index);
bool flag_at(const soci::row& row, std::size_t index);

}  // namespace lianjian::storage
