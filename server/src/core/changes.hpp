#pragma once

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>

#include <optional>
#include <string>

namespace lianjian {

// The fields an update changed, for its audit record, as structured JSON the web renders in
// Chinese: {"changes":[{"field":"note","old":"…","new":"…"}, {"field":"phone","personal":true}]}.
// Personal data (a phone number, a member's name) is listed by field only, never with values.
class ChangeSet {
  public:
    template <typename T>
    void compare(const char* field, const T& before, const T& after) {
        if (before != after) {
            changes_.push_back(
                {{"field", field}, {"old", json_of(before)}, {"new", json_of(after)}});
        }
    }
    void compare_personal(const char* field, bool differs) {
        if (differs) {
            changes_.push_back({{"field", field}, {"personal", true}});
        }
    }
    bool empty() const { return changes_.empty(); }
    std::string json() const {
        return boost::json::serialize(boost::json::object{{"changes", changes_}});
    }

  private:
    template <typename T>
    static boost::json::value json_of(const T& value) {
        return boost::json::value_from(value);
    }
    template <typename T>
    static boost::json::value json_of(const std::optional<T>& value) {
        return value ? boost::json::value_from(*value) : boost::json::value(nullptr);
    }
    boost::json::array changes_;
};

}  // namespace lianjian
