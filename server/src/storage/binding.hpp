#pragma once

#include <soci/boost-optional.h>
#include <boost/optional.hpp>

#include <optional>
#include <string>

namespace lianjian::storage {

// SOCI binds nullable values as boost::optional; the domain uses std::optional.
template <typename T>
boost::optional<T> to_boost(const std::optional<T>& value) {
    return value ? boost::optional<T>(*value) : boost::none;
}

// A LIKE pattern that finds `text` anywhere, with LIKE's own wildcards taken literally. Use it
// with `LIKE :name ESCAPE '\'` so that a search for "a_b" does not match "axb".
inline std::string contains_pattern(const std::string& text) {
    std::string pattern = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') {
            pattern += '\\';
        }
        pattern += c;
    }
    return pattern + "%";
}

}  // namespace lianjian::storage
