#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <string_view>

namespace lianjian::storage {

// Column readers that accept whatever type each driver reports for a column (SQLite names it from
// the declared type, PostgreSQL from the real one), so repositories read one way on both.
long long integer_at(const soci::row& row, std::size_t index);
std::optional<long long> optional_integer_at(const soci::row& row, std::size_t index);
std::string text_at(const soci::row& row, std::size_t index);
std::optional<std::string> optional_text_at(const soci::row& row, std::size_t index);
std::optional<double> optional_real_at(const soci::row& row, std::size_t index);
bool flag_at(const soci::row& row, std::size_t index);

// A result row read by column name, so that reordering a SELECT cannot shift values into the
// wrong fields. Columns that share a name across joined tables get an alias (`a.name AS
// area_name`). A name the row lacks is a programming error and throws.
class Columns {
  public:
    explicit Columns(const soci::row& row) : row_(row) {}

    long long integer(std::string_view name) const { return integer_at(row_, index(name)); }
    std::optional<long long> optional_integer(std::string_view name) const {
        return optional_integer_at(row_, index(name));
    }
    std::string text(std::string_view name) const { return text_at(row_, index(name)); }
    std::optional<std::string> optional_text(std::string_view name) const {
        return optional_text_at(row_, index(name));
    }
    std::optional<double> optional_real(std::string_view name) const {
        return optional_real_at(row_, index(name));
    }
    bool flag(std::string_view name) const { return flag_at(row_, index(name)); }
    bool is_null(std::string_view name) const {
        return row_.get_indicator(index(name)) == soci::i_null;
    }

  private:
    std::size_t index(std::string_view name) const;
    const soci::row& row_;
};

}  // namespace lianjian::storage
