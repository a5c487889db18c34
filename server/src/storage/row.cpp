#include "storage/row.hpp"

#include <stdexcept>

namespace lianjian::storage {

long long integer_at(const soci::row& row, std::size_t index) {
    switch (row.get_properties(index).get_data_type()) {
        case soci::dt_integer:
            return row.get<int>(index);
        case soci::dt_long_long:
            return row.get<long long>(index);
        case soci::dt_unsigned_long_long:
            return static_cast<long long>(row.get<unsigned long long>(index));
        case soci::dt_double:
            return static_cast<long long>(row.get<double>(index));
        case soci::dt_string:
            return std::stoll(row.get<std::string>(index));
        default:
            throw std::runtime_error("column is not an integer");
    }
}

std::optional<long long> optional_integer_at(const soci::row& row, std::size_t index) {
    if (row.get_indicator(index) == soci::i_null) {
        return std::nullopt;
    }
    return integer_at(row, index);
}

std::string text_at(const soci::row& row, std::size_t index) {
    if (row.get_indicator(index) == soci::i_null) {
        return {};
    }
    switch (row.get_properties(index).get_data_type()) {
        case soci::dt_string:
            return row.get<std::string>(index);
        case soci::dt_double:
            return std::to_string(row.get<double>(index));
        default:
            return std::to_string(integer_at(row, index));
    }
}

std::optional<std::string> optional_text_at(const soci::row& row, std::size_t index) {
    if (row.get_indicator(index) == soci::i_null) {
        return std::nullopt;
    }
    return text_at(row, index);
}

std::optional<double> optional_real_at(const soci::row& row, std::size_t index) {
    if (row.get_indicator(index) == soci::i_null) {
        return std::nullopt;
    }
    switch (row.get_properties(index).get_data_type()) {
        case soci::dt_double:
            return row.get<double>(index);
        case soci::dt_string:
            return std::stod(row.get<std::string>(index));
        default:
            return static_cast<double>(integer_at(row, index));
    }
}

std::size_t Columns::index(std::string_view name) const {
    // A linear scan beats a map for the dozen or so columns of a row.
    for (std::size_t i = 0; i < row_.size(); ++i) {
        if (row_.get_properties(i).get_name() == name) {
            return i;
        }
    }
    throw std::logic_error("result has no column " + std::string(name));
}

bool flag_at(const soci::row& row, std::size_t index) {
    return integer_at(row, index) != 0;
}

}  // namespace lianjian::storage
