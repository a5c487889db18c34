#pragma once

#include "core/named_ref.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lianjian::api {

// The one JSON shape of a reference to another object: `{"id": n, "name": "…"}`. Every route
// that names a unit, alliance, member, user or checklist item in its answer uses these.
inline boost::json::object ref_json(const NamedRef& ref) {
    return {{"id", ref.id}, {"name", ref.name}};
}

// The same, built in `storage` (the arena of a large list answer).
inline boost::json::object ref_json(const NamedRef& ref, boost::json::storage_ptr storage) {
    return boost::json::object({{"id", ref.id}, {"name", ref.name}}, std::move(storage));
}

// A reference that may be absent: the object, or `null`.
inline boost::json::value ref_json(const std::optional<NamedRef>& ref) {
    return ref ? boost::json::value(ref_json(*ref)) : boost::json::value(nullptr);
}

// A list of references: `[{"id","name"}, …]`.
inline boost::json::array refs_json(const std::vector<NamedRef>& refs) {
    boost::json::array array;
    array.reserve(refs.size());
    for (const auto& ref : refs) {
        array.emplace_back(ref_json(ref));
    }
    return array;
}

// An optional text: the text, or `null`.
inline boost::json::value optional_json(const std::optional<std::string>& value) {
    return value ? boost::json::value(*value) : boost::json::value(nullptr);
}

}  // namespace lianjian::api
