#pragma once

#include "http/message.hpp"

#include <boost/json/array.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <type_traits>
#include <vector>

namespace lianjian::api {

// Which page of a list the client asked for (`page` from 1, `page_size` items).
struct PageRequest {
    int page = 1;
    int page_size = 20;

    long long offset() const { return static_cast<long long>(page - 1) * page_size; }
};

// A list loaded whole (a few dozen reference rows) cut to the asked page; the total is the whole
// list's. Lists that can grow large page in the database instead.
template <typename T>
std::vector<T> page_slice(const std::vector<T>& all, const PageRequest& request) {
    const auto size = static_cast<long long>(all.size());
    const auto begin = std::min(request.offset(), size);
    const auto end = std::min(begin + request.page_size, size);
    return std::vector<T>(all.begin() + begin, all.begin() + end);
}

// The one page envelope, `{"items": […], "total": n}`, with `extra` fields beside (such as the
// unread count of notifications). Every list route answers through it.
template <typename Items, typename ToJson>
http::Response page_response(const Items& items, long long total, ToJson to_json,
                             boost::json::object extra = {}) {
    boost::json::monotonic_resource arena;
    const boost::json::storage_ptr storage(&arena);
    boost::json::array array(storage);
    array.reserve(items.size());
    for (const auto& item : items) {
        if constexpr (std::is_invocable_v<ToJson, decltype(item), boost::json::storage_ptr>) {
            array.push_back(to_json(item, storage));
        } else {
            array.push_back(boost::json::value(to_json(item), storage));
        }
    }
    boost::json::object body(storage);
    body["items"] = std::move(array);
    body["total"] = total;
    for (const auto& field : extra) {
        body[field.key()] = field.value();
    }
    return http::serialized_json_response(http::Status::ok, boost::json::serialize(body));
}

}  // namespace lianjian::api
